// Each rule of the checker fails on a manifest broken the way it guards against:
// the rendered overlays (K8S_RENDER_DIR/<overlay>.yaml, from scripts/check-k8s.sh)
// pass as they are, and each mutation below yields the problem naming the object
// and the field. Run: K8S_RENDER_DIR=… node --test k8s/check/

const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const { checkOverlay, load } = require('./check');

const dir = process.env.K8S_RENDER_DIR;
if (!dir) throw new Error('K8S_RENDER_DIR: the directory of the rendered overlays');
const rendered = (name) => load(path.join(dir, `${name}.yaml`));
const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const pod = (objects, name) => find(objects, 'Deployment', name).spec.template.spec;

// The problems of `overlay` after `mutate` changed its objects.
function problemsAfter(overlay, mutate) {
  const objects = rendered(overlay);
  mutate(objects);
  return checkOverlay(overlay, objects);
}

function assertReports(problems, expected) {
  assert.ok(problems.some((p) => p.includes(expected)),
    `expected a problem containing\n  ${expected}\ngot:\n  ${problems.join('\n  ') || '(none)'}`);
}

test('the overlays as committed pass', () => {
  for (const overlay of ['local', 'production']) assert.deepStrictEqual(checkOverlay(overlay, rendered(overlay)), []);
});

const cases = [
  ['a Secret mounted readable by others', 'production', (o) => {
    pod(o, 'penataan-registry').volumes.find((v) => v.name === 'tls').secret.defaultMode = 0o444;
  }, 'production Deployment/penataan-registry: spec.template.spec.volumes[tls].secret.defaultMode: must be set, with no access for others (0440)'],
  ['Secrets mounted without the pod\'s fsGroup', 'local', (o) => {
    delete pod(o, 'penataan-formasi').securityContext.fsGroup;
  }, 'spec.template.spec.securityContext.fsGroup: must be set where Secrets are mounted'],
  ['a field of the wrong type fails the schema', 'production', (o) => {
    find(o, 'Deployment', 'penataan-registry').spec.minReadySeconds = 'three';
  }, 'production Deployment/penataan-registry: spec.minReadySeconds: must be integer'],
  ['an unknown kind fails', 'local', (o) => {
    o.push({ apiVersion: 'apps/v1', kind: 'Deploymnt', metadata: { name: 'typo' } });
  }, 'Deploymnt/typo: apiVersion/kind: apps/v1 Deploymnt is not a Kubernetes API kind'],
  ['a container without a readiness probe', 'local', (o) => {
    delete pod(o, 'penataan-formasi').containers[0].readinessProbe;
  }, 'Deployment/penataan-formasi: spec.template.spec.containers[formasi].readinessProbe: missing'],
  ['a liveness probe that is not gRPC on the health port', 'production', (o) => {
    pod(o, 'penataan-screening').containers[0].livenessProbe = { tcpSocket: { port: 50053 } };
  }, 'containers[screening].livenessProbe: must be a grpc probe on the health port 8083'],
  ['an init container without a CPU request', 'production', (o) => {
    delete pod(o, 'penataan-notification').initContainers[0].resources.requests.cpu;
  }, 'Deployment/penataan-notification: spec.template.spec.initContainers[migrate].resources.requests.cpu: missing'],
  ['a container without a memory limit', 'local', (o) => {
    delete find(o, 'StatefulSet', 'penataan-mysql').spec.template.spec.containers[0].resources.limits;
  }, 'StatefulSet/penataan-mysql: spec.template.spec.containers[mariadb].resources.limits.memory: missing'],
  ['a writable root filesystem', 'production', (o) => {
    pod(o, 'penataan-registry').initContainers[0].securityContext.readOnlyRootFilesystem = false;
  }, 'initContainers[migrate].securityContext.readOnlyRootFilesystem: must be true'],
  ['privilege escalation allowed', 'production', (o) => {
    delete pod(o, 'penataan-registry').containers[0].securityContext.allowPrivilegeEscalation;
  }, 'containers[registry].securityContext.allowPrivilegeEscalation: must be false'],
  ['capabilities kept', 'production', (o) => {
    pod(o, 'penataan-formasi').containers[0].securityContext.capabilities = { drop: ['NET_RAW'] };
  }, 'containers[formasi].securityContext.capabilities.drop: must hold "ALL"'],
  ['root allowed', 'local', (o) => {
    pod(o, 'penataan-registry').securityContext.runAsNonRoot = false;
  }, 'containers[registry].securityContext.runAsNonRoot: must be true'],
  ['no seccomp profile', 'production', (o) => {
    delete pod(o, 'penataan-notification').securityContext.seccompProfile;
  }, 'containers[notification].securityContext.seccompProfile.type: must be RuntimeDefault'],
  ['a mount of a volume the pod lacks', 'production', (o) => {
    const p = pod(o, 'penataan-screening');
    p.volumes = p.volumes.filter((v) => v.name !== 'peer-tls');
  }, 'containers[screening].volumeMounts[peer-tls]: the pod has no volume peer-tls'],
  ['a peer address naming no Service', 'production', (o) => {
    const env = pod(o, 'penataan-formasi').containers[0].env;
    env.find((e) => e.name === 'NOTIFICATION_ADDRESS').value = 'penataan-notifications:50054';
  }, '"penataan-notifications:50054" names no Service in the render (penataan/penataan-notifications)'],
  ['a peer address on a port the Service lacks', 'local', (o) => {
    const env = pod(o, 'penataan-registry').containers[0].env;
    env.find((e) => e.name === 'NOTIFICATION_ADDRESS').value = 'penataan-notification:50051';
  }, 'Service penataan/penataan-notification has no port 50051'],
  ['the database address naming no Service', 'production', (o) => {
    o.splice(o.indexOf(find(o, 'Service', 'penataan-mysql')), 1);
  }, '(--database): "penataan-mysql:3306" names no Service in the render'],
  ['an argument referring to an env var that is not set', 'local', (o) => {
    pod(o, 'penataan-screening').containers[0].env = pod(o, 'penataan-screening').containers[0].env
      .filter((e) => e.name !== 'REGISTRY_ADDRESS');
  }, 'refers to $(REGISTRY_ADDRESS), which the container\'s env does not set'],
  ['peers other than the call graph says', 'production', (o) => {
    const c = pod(o, 'penataan-formasi').containers[0];
    c.args = c.args.filter((a) => !a.startsWith('--registry_address'));
  }, 'containers[formasi].args: peers penataan-notification; the call graph says penataan-notification, penataan-registry'],
  ['a Service selecting no pods', 'local', (o) => {
    find(o, 'Service', 'penataan-registry').spec.selector = { 'app.kubernetes.io/name': 'registry' };
  }, 'Service/penataan-registry: spec.selector: selects no workload\'s pods'],
  ['an autoscaler aimed at no Deployment', 'production', (o) => {
    find(o, 'HorizontalPodAutoscaler', 'penataan-screening').spec.scaleTargetRef.name = 'screening';
  }, 'HorizontalPodAutoscaler/penataan-screening: spec.scaleTargetRef: no Deployment screening in the render'],
  ['replicas fixed under an autoscaler', 'local', (o) => {
    find(o, 'Deployment', 'penataan-formasi').spec.replicas = 1;
  }, 'Deployment/penataan-formasi: spec.replicas: set, but HorizontalPodAutoscaler/penataan-formasi owns the count'],
  ['production without network policies', 'production', (o) => {
    for (let i = o.length - 1; i >= 0; i--) if (o[i].kind === 'NetworkPolicy') o.splice(i, 1);
  }, 'production NetworkPolicy: none, but this overlay must have them'],
  ['an ingress rule beyond the call graph', 'production', (o) => {
    find(o, 'NetworkPolicy', 'penataan-formasi-ingress').spec.ingress[0].from
      .push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'penataan-registry' } } });
    find(o, 'NetworkPolicy', 'penataan-registry-egress').spec.egress[0].to
      .push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'penataan-formasi' } } });
  }, 'allowed, but not in the call graph: penataan-registry -> penataan-formasi:grpc'],
  ['a call of the call graph not allowed', 'production', (o) => {
    const rule = find(o, 'NetworkPolicy', 'penataan-notification-ingress').spec.ingress[0];
    rule.from = rule.from.filter((p) => p.podSelector?.matchLabels?.['app.kubernetes.io/name'] !== 'penataan-screening');
  }, 'not allowed, but the call graph needs it: penataan-screening -> penataan-notification:grpc'],
  ['no default deny', 'production', (o) => {
    o.splice(o.indexOf(find(o, 'NetworkPolicy', 'default-deny')), 1);
  }, 'allowed, but not in the call graph: other-namespace-stranger -> unlabelled-pod-in-penataan:http'],
  ['metrics open to every namespace', 'production', (o) => {
    delete find(o, 'NetworkPolicy', 'penataan-monitoring').spec.ingress[0].from;
  }, 'allowed, but not in the call graph: other-namespace-stranger -> penataan-registry:metrics'],
  ['database egress missing', 'production', (o) => {
    o.splice(o.indexOf(find(o, 'NetworkPolicy', 'penataan-database')), 1);
  }, 'not allowed, but the call graph needs it: penataan-formasi -> outside:TCP/3306'],
];

// The flags against the built binaries, where scripts/check-k8s.sh found them.
const buildDir = process.env.K8S_BINARIES;
test('a flag the binary does not have', { skip: !buildDir && 'no K8S_BINARIES' }, () => {
  const objects = rendered('production');
  assert.deepStrictEqual(checkOverlay('production', objects, buildDir), []);
  const c = pod(objects, 'penataan-notification').containers[0];
  c.args.push('--smtp_tls=required');
  c.env.push({ name: 'PENATAAN_NOTIFICATION_SMTP_PASSWORD', value: 'x' });
  const problems = checkOverlay('production', objects, buildDir);
  assertReports(problems, 'containers[notification].args[' + (c.args.length - 1) + ']: penataan-notification has no flag --smtp_tls');
  assertReports(problems, 'containers[notification].env[PENATAAN_NOTIFICATION_SMTP_PASSWORD]: penataan-notification has no flag --smtp_password');
});

for (const [name, overlay, mutate, expected] of cases) {
  test(name, () => assertReports(problemsAfter(overlay, mutate), expected));
}
