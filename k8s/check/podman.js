'use strict';
// Turns a rendered overlay into what `podman kube play` (podman 4.3, Debian 12) can
// start on one machine, changing only what podman cannot do as a cluster would:
//
//   node podman.js RENDERED.yaml OUT_DIR
//
// writes OUT_DIR/database.yaml (the database and what it mounts), OUT_DIR/services.yaml
// (the four services) and OUT_DIR/secrets/<Secret>/<key> (the rendered Secrets' data).
//
//   - Every pod shares the host's network (as on the CI machines, which have no
//     bridge networking): an address naming a Service (host:port in an environment
//     variable or argument) becomes 127.0.0.1:port, since podman 4.3 ignores
//     hostAliases there, and containers listen on their ports unmapped (the suite's
//     ports are distinct for that). The server certificates name 127.0.0.1 too.
//   - A StatefulSet becomes a Deployment of one pod with a PersistentVolumeClaim per
//     volume claim template (podman plays neither StatefulSets nor claim templates).
//   - Secret volumes become host directories holding the Secret's keys as files:
//     podman 4.3 mounts a Secret's base64 text undecoded. Secrets the overlay does not
//     render (the TLS ones) are expected in OUT_DIR/secrets/<name>/ from the caller.
//   - Pods restart containers on failure only: podman 4.3 applies a pod's restart
//     policy to its init containers too, so "Always" reruns a migration that
//     succeeded without end (the kubelet runs init containers to completion once).
//   - $(NAME) in arguments is expanded from the container's environment, as the
//     kubelet does (podman 4.3 does not).
//   - Controllers podman has none of (autoscalers, disruption budgets, network
//     policies) are left out; any other kind is an error, so that a new kind in the
//     overlay is looked at here rather than silently dropped.
// Everything else (images, commands, arguments, environment, init containers,
// security contexts, resources, probes, ConfigMaps, emptyDirs) is played as rendered.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const IGNORED = new Set(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']);

function podSpecs(objects) {
  return objects.filter((o) => o.kind === 'Deployment').map((o) => o.spec.template.spec);
}

function secretFiles(secret) {
  const files = {};
  for (const [key, value] of Object.entries(secret.data || {})) {
    files[key] = Buffer.from(value, 'base64');
  }
  for (const [key, value] of Object.entries(secret.stringData || {})) {
    files[key] = Buffer.from(value, 'utf8');
  }
  return files;
}

// On the host's network a container listens on its ports as they are; podman
// refuses containerPorts there (it would map them). Probes naming a port get its number.
// "penataan-notification:50054" (or its .namespace.svc forms) as "127.0.0.1:50054".
function onLoopback(text, serviceNames) {
  return text.replace(/\b([a-z0-9-]+)((?:\.[a-z0-9-]+)*):(\d+)/g,
    (whole, name, _domain, port) => (serviceNames.has(name) ? `127.0.0.1:${port}` : whole));
}

// The kubelet expands $(NAME) in arguments from the container's environment ($$
// escapes); podman 4.3 passes them as they are.
function expandVariables(text, env) {
  const values = Object.fromEntries(env.filter((v) => typeof v.value === 'string').map((v) => [v.name, v.value]));
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
    (whole, name) => (whole === '$$' ? '$' : (name in values ? values[name] : whole)));
}

function withoutPortMappings(container) {
  const numbers = Object.fromEntries((container.ports || []).map((p) => [p.name, p.containerPort]));
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const handler = container[probe] && (container[probe].tcpSocket || container[probe].grpc ||
      container[probe].httpGet);
    if (handler && typeof handler.port === 'string') handler.port = numbers[handler.port];
  }
  delete container.ports;
}

function statefulSetAsDeployment(set) {
  const claims = (set.spec.volumeClaimTemplates || []).map((template) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: `${template.metadata.name}-${set.metadata.name}-0` },
    spec: template.spec,
  }));
  const template = structuredClone(set.spec.template);
  template.spec.volumes = (template.spec.volumes || []).concat(
    (set.spec.volumeClaimTemplates || []).map((t, i) => ({
      name: t.metadata.name,
      persistentVolumeClaim: { claimName: claims[i].metadata.name },
    })));
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: set.metadata,
    spec: { replicas: 1, selector: set.spec.selector, template },
  };
  return [...claims, deployment];
}

// objects: the rendered overlay. Returns { database, services, secrets } where
// secrets maps a Secret's name to { key: Buffer }.
function forPodman(objects, secretsDir) {
  const secrets = {};
  const serviceNames = new Set();
  const played = [];
  const statefulNames = new Set();
  for (const o of objects) {
    if (o.kind === 'Secret') {
      secrets[o.metadata.name] = secretFiles(o);
    } else if (o.kind === 'Service') {
      serviceNames.add(o.metadata.name);
    } else if (o.kind === 'StatefulSet') {
      played.push(...statefulSetAsDeployment(o));
      statefulNames.add(o.metadata.name);
    } else if (o.kind === 'Deployment' || o.kind === 'ConfigMap') {
      played.push(structuredClone(o));
    } else if (!IGNORED.has(o.kind)) {
      throw new Error(`${o.kind} ${o.metadata.name}: podman.js does not know how to play this kind`);
    }
  }
  for (const spec of podSpecs(played)) {
    spec.hostNetwork = true;
    spec.restartPolicy = 'OnFailure';
    for (const container of spec.containers.concat(spec.initContainers || [])) {
      withoutPortMappings(container);
      for (const variable of container.env || []) {
        if (typeof variable.value === 'string') variable.value = onLoopback(variable.value, serviceNames);
      }
      container.args = (container.args || []).map((arg) =>
        onLoopback(expandVariables(arg, container.env || []), serviceNames));
    }
    for (const volume of spec.volumes || []) {
      if (!volume.secret) continue;
      volume.hostPath = { path: path.join(secretsDir, volume.secret.secretName), type: 'Directory' };
      delete volume.secret;
    }
  }
  // The stateful pods (the database) are started first, with the ConfigMaps they mount.
  const stateful = played.filter((o) => o.kind === 'PersistentVolumeClaim' ||
    (o.kind === 'Deployment' && statefulNames.has(o.metadata.name)));
  const mountedByStateful = new Set(podSpecs(stateful).flatMap((spec) =>
    (spec.volumes || []).filter((v) => v.configMap).map((v) => v.configMap.name)));
  const isDatabase = (o) => stateful.includes(o) ||
    (o.kind === 'ConfigMap' && mountedByStateful.has(o.metadata.name));
  return {
    database: played.filter(isDatabase),
    services: played.filter((o) => !isDatabase(o)),
    secrets,
  };
}

function writeAll(file, objects) {
  fs.writeFileSync(file, objects.map((o) => YAML.stringify(o)).join('---\n'));
}

function main([rendered, outDir]) {
  if (!rendered || !outDir) {
    console.error('usage: node podman.js RENDERED.yaml OUT_DIR');
    process.exit(2);
  }
  const objects = YAML.parseAllDocuments(fs.readFileSync(rendered, 'utf8'))
    .map((d) => d.toJSON()).filter(Boolean);
  const secretsDir = path.resolve(outDir, 'secrets');
  const { database, services, secrets } = forPodman(objects, secretsDir);
  for (const [name, files] of Object.entries(secrets)) {
    const dir = path.join(secretsDir, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [key, data] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, key), data, { mode: 0o644 });
    }
  }
  writeAll(path.join(outDir, 'database.yaml'), database);
  writeAll(path.join(outDir, 'services.yaml'), services);
  console.log(`podman.js: ${database.length} database and ${services.length} service objects, ` +
    `${Object.keys(secrets).length} Secrets as files in ${secretsDir}`);
}

module.exports = { forPodman };
if (require.main === module) main(process.argv.slice(2));
