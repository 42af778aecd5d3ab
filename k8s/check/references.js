// What objects name must exist in the same render: the Service behind every
// address a container is given (peers and the database), the pods behind every
// Service, PodDisruptionBudget and HorizontalPodAutoscaler; and the peers each
// service is pointed at must be the ones the call graph says.

const { CALLS, workloadName } = require('./call_graph');
const { matches } = require('./selectors');
const { podSpecOf, containersOf } = require('./workloads');

const nsOf = (obj) => obj.metadata?.namespace || 'default';
const key = (obj) => `${nsOf(obj)}/${obj.metadata?.name}`;

// "$(VAR)" from the container's env; undefined names are reported.
function expand(value, env, path, problems) {
  return value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (all, name) => {
    if (env[name] === undefined) {
      problems.push(`${path}: refers to $(${name}), which the container's env does not set`);
      return all;
    }
    return env[name];
  });
}

// The addresses a container is given: --*_address flags and the database URL's host.
function addressesOf(c, path, problems) {
  const env = {};
  for (const e of c.env || []) if (e.value !== undefined) env[e.name] = e.value;
  const out = [];
  (c.args || []).forEach((arg, i) => {
    const m = /^--([a-z_]+_address)=(.*)$/.exec(arg);
    const db = /^--database=mysql:\/\/[^@/]*@([^/?]+)/.exec(arg);
    const where = `${path}.args[${i}] (${arg.split('=')[0]})`;
    if (m) out.push({ flag: m[1], address: expand(m[2], env, where, problems), where });
    if (db) out.push({ flag: 'database', address: expand(db[1], env, where, problems), where });
  });
  return out;
}

function checkAddress(ns, { address, where }, services, problems) {
  const m = /^([a-z0-9.-]+):(\d+)$/.exec(address);
  if (!m) {
    problems.push(`${where}: "${address}" is not host:port`);
    return null;
  }
  const [host, port] = [m[1], Number(m[2])];
  const labels = host.split('.');
  const svcKey = `${labels[1] && labels[1] !== 'svc' ? labels[1] : ns}/${labels[0]}`;
  const svc = services.get(svcKey);
  if (!svc) {
    problems.push(`${where}: "${address}" names no Service in the render (${svcKey})`);
    return null;
  }
  if (!(svc.spec.ports || []).some((p) => p.port === port)) {
    problems.push(`${where}: Service ${svcKey} has no port ${port}`);
  }
  return labels[0];
}

function referenceProblems(objects) {
  const problems = []; // [object, message]
  const services = new Map(objects.filter((o) => o.kind === 'Service').map((o) => [key(o), o]));
  const workloads = objects.filter((o) => podSpecOf(o));
  const podsMatching = (ns, selector) => workloads.filter(
    (w) => nsOf(w) === ns && matches(selector, w.spec.template.metadata?.labels));

  for (const w of workloads) {
    const own = [];
    const service = Object.keys(CALLS).find((s) => workloadName(s) === w.metadata.name);
    for (const { c, init, path } of containersOf(podSpecOf(w))) {
      const peers = new Set();
      for (const a of addressesOf(c, path, own)) {
        const target = checkAddress(nsOf(w), a, services, own);
        if (target && a.flag !== 'database') peers.add(target);
      }
      if (service && !init) {
        const want = CALLS[service].map(workloadName).sort().join(', ') || 'none';
        const got = [...peers].sort().join(', ') || 'none';
        if (want !== got) own.push(`${path}.args: peers ${got}; the call graph says ${want}`);
      }
    }
    problems.push(...own.map((m) => [w, m]));
  }
  for (const svc of services.values()) {
    if (svc.spec.type === 'ExternalName') continue;
    const pods = podsMatching(nsOf(svc), { matchLabels: svc.spec.selector });
    if (pods.length === 0) problems.push([svc, 'spec.selector: selects no workload\'s pods']);
    for (const p of svc.spec.ports || []) {
      if (typeof p.targetPort !== 'string') continue;
      const named = pods.some((w) => containersOf(podSpecOf(w)).some(
        ({ c }) => (c.ports || []).some((cp) => cp.name === p.targetPort)));
      if (!named) problems.push([svc, `spec.ports[${p.name}].targetPort: no container port named ${p.targetPort}`]);
    }
  }
  for (const o of objects) {
    if (o.kind === 'PodDisruptionBudget' && podsMatching(nsOf(o), o.spec.selector).length === 0) {
      problems.push([o, 'spec.selector: selects no workload\'s pods']);
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const t = o.spec.scaleTargetRef;
      const target = workloads.find((w) => w.kind === t.kind && w.metadata.name === t.name && nsOf(w) === nsOf(o));
      if (!target) problems.push([o, `spec.scaleTargetRef: no ${t.kind} ${t.name} in the render`]);
      // kubectl apply would reset the autoscaler's count to it on every rollout.
      if (target?.spec.replicas !== undefined) {
        problems.push([target, `spec.replicas: set, but HorizontalPodAutoscaler/${o.metadata.name} owns the count`]);
      }
    }
  }
  return problems;
}

module.exports = { referenceProblems, nsOf };
