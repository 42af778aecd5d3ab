// The rules every workload's pods must keep: probes on serving containers, CPU and
// memory requests and a memory limit, and the hardened securityContext (non-root,
// read-only root filesystem, no privilege escalation, no capabilities, the
// runtime's seccomp profile), for init containers as well; Secrets mounted for the
// pod's user and group only.

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

function podSpecOf(obj) {
  if (obj.kind === 'Job') return obj.spec?.template?.spec;
  return WORKLOAD_KINDS.has(obj.kind) ? obj.spec?.template?.spec : undefined;
}

// Each container with its role and the field path that names it in messages.
function containersOf(pod) {
  const out = [];
  for (const [list, init] of [['initContainers', true], ['containers', false]]) {
    for (const c of pod[list] || []) {
      out.push({ c, init, path: `spec.template.spec.${list}[${c.name}]` });
    }
  }
  return out;
}

function securityProblems(pod, c, path) {
  const problems = [];
  const sc = c.securityContext || {};
  const podSc = pod.securityContext || {};
  if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) {
    problems.push(`${path}.securityContext.runAsNonRoot: must be true (here or in the pod's)`);
  }
  if (sc.runAsUser === 0 || (sc.runAsUser === undefined && podSc.runAsUser === 0)) {
    problems.push(`${path}.securityContext.runAsUser: must not be 0`);
  }
  if (sc.readOnlyRootFilesystem !== true) {
    problems.push(`${path}.securityContext.readOnlyRootFilesystem: must be true`);
  }
  if (sc.allowPrivilegeEscalation !== false) {
    problems.push(`${path}.securityContext.allowPrivilegeEscalation: must be false`);
  }
  if (sc.privileged === true) problems.push(`${path}.securityContext.privileged: must not be true`);
  if (!(sc.capabilities?.drop || []).includes('ALL')) {
    problems.push(`${path}.securityContext.capabilities.drop: must hold "ALL"`);
  }
  if ((sc.capabilities?.add || []).length > 0) {
    problems.push(`${path}.securityContext.capabilities.add: must be empty`);
  }
  const seccomp = (sc.seccompProfile ?? podSc.seccompProfile)?.type;
  if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
    problems.push(`${path}.securityContext.seccompProfile.type: must be RuntimeDefault (here or in the pod's)`);
  }
  return problems;
}

function resourceProblems(c, path) {
  const r = c.resources || {};
  const problems = [];
  for (const [field, value] of [['requests.cpu', r.requests?.cpu],
                                ['requests.memory', r.requests?.memory],
                                ['limits.memory', r.limits?.memory]]) {
    if (value === undefined || value === null || value === '') {
      problems.push(`${path}.resources.${field}: missing`);
    }
  }
  return problems;
}

// A container with a port named "health" serves grpc.health.v1 there, for probes
// without a client certificate: its probes must be native gRPC probes on it.
function probeProblems(c, path) {
  const problems = [];
  const health = (c.ports || []).find((p) => p.name === 'health');
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const p = c[probe];
    if (!p) {
      problems.push(`${path}.${probe}: missing`);
      continue;
    }
    if (health && p.grpc?.port !== health.containerPort) {
      problems.push(`${path}.${probe}: must be a grpc probe on the health port ${health.containerPort}`);
    }
  }
  return problems;
}

// Secrets are keys and passwords: readable by the pod's user and group only, the
// group being the pod's fsGroup (the kubelet's default mode 0644 lets anyone read).
function secretVolumeProblems(pod) {
  const problems = [];
  for (const v of pod.volumes || []) {
    if (!v.secret) continue;
    const mode = v.secret.defaultMode;
    if (mode === undefined || (mode & 0o007) !== 0) {
      problems.push(`spec.template.spec.volumes[${v.name}].secret.defaultMode: must be set, with no access for others (0440)`);
    }
  }
  if ((pod.volumes || []).some((v) => v.secret) && pod.securityContext?.fsGroup === undefined) {
    problems.push('spec.template.spec.securityContext.fsGroup: must be set where Secrets are mounted (they belong to it)');
  }
  return problems;
}

// The API server refuses a mount of a volume the pod does not declare.
function mountProblems(pod, c, path) {
  const volumes = new Set((pod.volumes || []).map((v) => v.name));
  const claims = new Set((pod.volumeClaimNames || []));
  return (c.volumeMounts || []).filter((m) => !volumes.has(m.name) && !claims.has(m.name))
    .map((m) => `${path}.volumeMounts[${m.name}]: the pod has no volume ${m.name}`);
}

function workloadProblems(obj) {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  // A StatefulSet's claim templates are volumes of its pods too.
  const claimNames = (obj.spec.volumeClaimTemplates || []).map((t) => t.metadata?.name);
  const problems = secretVolumeProblems(pod);
  for (const { c, init, path } of containersOf(pod)) {
    problems.push(...securityProblems(pod, c, path), ...resourceProblems(c, path),
      ...mountProblems({ ...pod, volumeClaimNames: claimNames }, c, path));
    if (!init) problems.push(...probeProblems(c, path));
  }
  return problems;
}

module.exports = { workloadProblems, podSpecOf, containersOf, WORKLOAD_KINDS };
