// What podman.js changes in the rendered local overlay so that podman 4.3 plays it,
// and that it changes nothing else. Run: K8S_RENDER_DIR=… node --test k8s/check/
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const { load } = require('./check');
const { forPodman } = require('./podman');

const dir = process.env.K8S_RENDER_DIR;
if (!dir) throw new Error('K8S_RENDER_DIR: the directory of the rendered overlays');
const local = () => load(path.join(dir, 'local.yaml'));
const played = () => forPodman(local(), '/state/secrets');
const deployment = (objects, name) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
const container = (objects, name, containerName) =>
  deployment(objects, name).spec.template.spec.containers.find((c) => c.name === containerName);

test('the database plays first, as a one-pod Deployment with its claim and initdb ConfigMap', () => {
  const { database, services } = played();
  assert.deepStrictEqual(database.map((o) => `${o.kind}/${o.metadata.name}`).sort(), [
    'ConfigMap/penataan-mysql-initdb', 'Deployment/penataan-mysql',
    'PersistentVolumeClaim/data-penataan-mysql-0']);
  const volumes = deployment(database, 'penataan-mysql').spec.template.spec.volumes;
  assert.deepStrictEqual(volumes.find((v) => v.name === 'data').persistentVolumeClaim,
    { claimName: 'data-penataan-mysql-0' });
  assert.deepStrictEqual(services.map((o) => o.metadata.name).sort(), [
    'penataan-formasi', 'penataan-notification', 'penataan-registry', 'penataan-screening']);
});

test('arguments get their $(VARIABLES) and Service addresses become loopback ones', () => {
  const registry = container(played().services, 'penataan-registry', 'registry');
  assert.ok(registry.args.includes(
    '--database=mysql://penataan_registry@127.0.0.1:3306/registry?password_file=/run/secrets/penataan-db/password'),
  registry.args.join('\n'));
  assert.ok(registry.args.includes('--notification_address=127.0.0.1:50054'));
  assert.ok(!registry.args.some((a) => a.includes('$(')));
  assert.ok(!registry.args.some((a) => a.includes('penataan-notification')));
});

test('an address naming no Service and an escaped $$ are kept', () => {
  const objects = local();
  container(objects, 'penataan-registry', 'registry').args.push(
    '--elsewhere=mysql.example.go.id:3306', '--literal=$$(NOT_EXPANDED)');
  const registry = container(forPodman(objects, '/s').services, 'penataan-registry', 'registry');
  assert.ok(registry.args.includes('--elsewhere=mysql.example.go.id:3306'));
  assert.ok(registry.args.includes('--literal=$(NOT_EXPANDED)'));
});

test('Secrets become files, and Secret volumes the directories holding them', () => {
  const { services, secrets } = played();
  assert.strictEqual(secrets['penataan-registry-db'].password.toString(), 'local-only-password');
  const volumes = deployment(services, 'penataan-registry').spec.template.spec.volumes;
  assert.deepStrictEqual(volumes.find((v) => v.name === 'tls'),
    { name: 'tls', hostPath: { path: '/state/secrets/penataan-registry-tls', type: 'Directory' } });
  assert.ok(!volumes.some((v) => v.secret));
});

test('pods share the host network: no port mappings, probes by number, retry on failure only', () => {
  const { database, services } = played();
  for (const o of [...database, ...services].filter((x) => x.kind === 'Deployment')) {
    const spec = o.spec.template.spec;
    assert.strictEqual(spec.hostNetwork, true);
    assert.strictEqual(spec.restartPolicy, 'OnFailure');
    for (const c of spec.containers.concat(spec.initContainers || [])) assert.strictEqual(c.ports, undefined);
  }
  assert.deepStrictEqual(container(database, 'penataan-mysql', 'mariadb').readinessProbe.tcpSocket, { port: 3306 });
  assert.deepStrictEqual(container(services, 'penataan-formasi', 'formasi').readinessProbe.grpc, { port: 8082 });
});

test('the security context, resources and images are played as rendered', () => {
  const rendered = container(local(), 'penataan-screening', 'screening');
  const adapted = container(played().services, 'penataan-screening', 'screening');
  for (const field of ['image', 'command', 'securityContext', 'resources', 'volumeMounts']) {
    assert.deepStrictEqual(adapted[field], rendered[field], field);
  }
});

test('a kind podman.js does not know is refused, not dropped', () => {
  const objects = local();
  objects.push({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'penataan-migrate' } });
  assert.throws(() => forPodman(objects, '/s'), /Job penataan-migrate: podman.js does not know/);
});
