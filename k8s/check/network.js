// Who may reach whom under the NetworkPolicies of a render, compared with the
// call graph. The model: the render's pods (one per workload, with its template's
// labels and named container ports) plus stand-ins for what lives elsewhere: an
// admin's client, the monitoring namespace, the cluster DNS, and strangers (an
// unlabelled pod in the namespace, a pod in another namespace, an unlabelled pod
// in the admins' namespace). A connection is allowed when the source's egress and
// the destination's ingress both allow it; a pod no policy selects for a direction
// is open in that direction, as in Kubernetes. ipBlock peers stand for addresses
// outside the cluster: they never match a pod, and are collected per source port.

const { CALLS, EXTERNAL_EGRESS, workloadName } = require('./call_graph');
const { matches } = require('./selectors');
const { podSpecOf, containersOf } = require('./workloads');
const { nsOf } = require('./references');

const ADMIN_NS = { 'kubernetes.io/metadata.name': 'admin-tools', 'penataan.go.id/clients': 'admin' };
const STAND_INS = [
  { id: 'admin-client', ns: 'admin-tools', nsLabels: ADMIN_NS, labels: { 'penataan.go.id/client': 'admin' }, ports: [] },
  { id: 'admin-namespace-stranger', ns: 'admin-tools', nsLabels: ADMIN_NS, labels: {}, ports: [] },
  { id: 'monitoring', ns: 'monitoring', nsLabels: { 'kubernetes.io/metadata.name': 'monitoring' }, labels: { 'app.kubernetes.io/name': 'prometheus' }, ports: [] },
  {
    id: 'kube-dns', ns: 'kube-system', nsLabels: { 'kubernetes.io/metadata.name': 'kube-system' }, labels: { 'k8s-app': 'kube-dns' },
    ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }],
  },
  { id: 'other-namespace-stranger', ns: 'elsewhere', nsLabels: { 'kubernetes.io/metadata.name': 'elsewhere' }, labels: {}, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] },
];

function podsOf(objects) {
  const pods = objects.filter((o) => podSpecOf(o)).map((w) => ({
    id: w.metadata.name,
    ns: nsOf(w),
    nsLabels: { 'kubernetes.io/metadata.name': nsOf(w) },
    labels: w.spec.template.metadata?.labels || {},
    ports: containersOf(podSpecOf(w)).filter(({ init }) => !init)
      .flatMap(({ c }) => c.ports || []).map((p) => ({ ...p, protocol: p.protocol || 'TCP' })),
  }));
  const namespaces = [...new Set(pods.map((p) => p.ns))];
  const strangers = namespaces.map((ns) => ({
    id: `unlabelled-pod-in-${ns}`, ns, nsLabels: { 'kubernetes.io/metadata.name': ns }, labels: {},
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
  }));
  return [...pods, ...strangers, ...STAND_INS];
}

function policyTypes(p) {
  return p.spec.policyTypes || (p.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

// A peer of a rule (`from` or `to`) matching a pod; `policyNs` is the policy's.
function peerMatches(peer, pod, policyNs) {
  if (peer.ipBlock) return false;
  const nsOk = peer.namespaceSelector ? matches(peer.namespaceSelector, pod.nsLabels) : pod.ns === policyNs;
  const podOk = peer.podSelector ? matches(peer.podSelector, pod.labels) : true;
  return nsOk && podOk;
}

// A rule's ports allowing `port` (of the destination pod; named ports resolve there).
function portsAllow(rulePorts, port) {
  if (!rulePorts || rulePorts.length === 0) return true;
  return rulePorts.some((rp) => (rp.protocol || 'TCP') === port.protocol &&
    (rp.port === undefined || rp.port === port.containerPort || rp.port === port.name));
}

// The names of the policies that allow it ("open: …" when none selects the pod for
// the direction), or null when it is denied.
function allowedBy(policies, selected, direction, other, port) {
  const field = direction === 'Ingress' ? 'ingress' : 'egress';
  const peersField = direction === 'Ingress' ? 'from' : 'to';
  const relevant = policies.filter((p) => nsOf(p) === selected.ns && policyTypes(p).includes(direction) &&
    matches(p.spec.podSelector, selected.labels));
  if (relevant.length === 0) return `open: no ${direction} policy selects ${selected.id}`;
  const allowing = relevant.filter((p) => (p.spec[field] || []).some((rule) =>
    (!rule[peersField] || rule[peersField].some((peer) => peerMatches(peer, other, nsOf(p)))) &&
    portsAllow(rule.ports, port)));
  return allowing.length > 0 ? allowing.map((p) => `NetworkPolicy/${p.metadata.name}`).join(', ') : null;
}

// "src -> dst:port" for every connection the policies allow with one end (or both)
// in a namespace of the render, mapped to the policies that allow it.
function reachable(objects) {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const pods = podsOf(objects);
  const governed = new Set(objects.filter((o) => podSpecOf(o)).map(nsOf));
  const out = new Map();
  for (const src of pods) {
    for (const dst of pods) {
      // Traffic between stand-ins is none of this render's business.
      if (src === dst || (!governed.has(src.ns) && !governed.has(dst.ns))) continue;
      for (const port of dst.ports) {
        const ingress = allowedBy(policies, dst, 'Ingress', src, port);
        const egress = ingress && allowedBy(policies, src, 'Egress', dst, port);
        if (egress) {
          out.set(`${src.id} -> ${dst.id}:${port.name || port.containerPort}`,
            `ingress by ${ingress}; egress by ${egress}`);
        }
      }
    }
  }
  return out;
}

// "src -> outside:PROTO/port" for every egress rule to an ipBlock, by our
// workloads, mapped to the policy that allows it.
function externalEgress(objects) {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const out = new Map();
  for (const src of podsOf(objects).filter((p) => objects.some((o) => o.metadata?.name === p.id))) {
    for (const p of policies) {
      if (nsOf(p) !== src.ns || !policyTypes(p).includes('Egress') || !matches(p.spec.podSelector, src.labels)) continue;
      for (const rule of p.spec.egress || []) {
        if (!(rule.to || []).some((peer) => peer.ipBlock)) continue;
        for (const rp of rule.ports || [{ protocol: 'TCP', port: 'any' }]) {
          out.set(`${src.id} -> outside:${rp.protocol || 'TCP'}/${rp.port ?? 'any'}`,
            `egress by NetworkPolicy/${p.metadata.name}`);
        }
      }
    }
  }
  return out;
}

function expected() {
  const want = new Set();
  for (const [service, callees] of Object.entries(CALLS)) {
    const me = workloadName(service);
    for (const callee of callees) want.add(`${me} -> ${workloadName(callee)}:grpc`);
    want.add(`admin-client -> ${me}:grpc`);
    want.add(`monitoring -> ${me}:health`);
    want.add(`monitoring -> ${me}:metrics`);
    want.add(`${me} -> kube-dns:dns`);
    want.add(`${me} -> kube-dns:dns-tcp`);
    for (const port of EXTERNAL_EGRESS[service]) want.add(`${me} -> outside:${port}`);
  }
  return want;
}

// The differences, each naming the connection and whether it is missing or extra.
function networkProblems(objects) {
  const got = new Map([...reachable(objects), ...externalEgress(objects)]);
  const want = expected();
  const problems = [];
  for (const c of [...want].sort()) if (!got.has(c)) problems.push(`not allowed, but the call graph needs it: ${c}`);
  for (const [c, why] of [...got].sort()) {
    if (!want.has(c)) problems.push(`allowed, but not in the call graph: ${c} (${why})`);
  }
  return problems;
}

module.exports = { networkProblems };
