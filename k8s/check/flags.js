// The flags the manifests pass exist in the service binaries they start: every
// `--name=` argument of a container whose command is /usr/local/bin/penataan-<svc>
// and every PENATAAN_<SVC>_<FLAG> variable of its env is a flag that
// `<build>/services/<svc>/penataan-<svc> --helpfull` lists. A flag renamed in the
// code and not in k8s/ would otherwise stop every pod at start-up.

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { podSpecOf, containersOf } = require('./workloads');

const flagCache = new Map();

function flagsOf(binary) {
  if (!flagCache.has(binary)) {
    let help = '';
    try {
      help = execFileSync(binary, ['--helpfull'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      help = `${e.stdout || ''}${e.stderr || ''}`; // absl exits 1 after printing the help
    }
    flagCache.set(binary, new Set([...help.matchAll(/^\s+--([a-z0-9_]+) \(/gm)].map((m) => m[1])));
  }
  return flagCache.get(binary);
}

function flagProblems(obj, buildDir) {
  const pod = podSpecOf(obj);
  if (!pod) return [];
  const problems = [];
  for (const { c, path: where } of containersOf(pod)) {
    const m = /^\/usr\/local\/bin\/penataan-([a-z]+)$/.exec((c.command || [])[0] || '');
    if (!m) continue;
    const service = m[1];
    const binary = path.join(buildDir, 'services', service, `penataan-${service}`);
    if (!fs.existsSync(binary)) {
      problems.push(`${where}.command: no binary ${binary} to compare the flags with`);
      continue;
    }
    const known = flagsOf(binary);
    (c.args || []).forEach((arg, i) => {
      const name = /^--([a-z0-9_]+)/.exec(arg)?.[1];
      if (name && !known.has(name)) problems.push(`${where}.args[${i}]: penataan-${service} has no flag --${name}`);
    });
    const prefix = `PENATAAN_${service.toUpperCase()}_`;
    for (const e of c.env || []) {
      if (!e.name.startsWith(prefix)) continue;
      const name = e.name.slice(prefix.length).toLowerCase();
      if (!known.has(name)) problems.push(`${where}.env[${e.name}]: penataan-${service} has no flag --${name}`);
    }
  }
  return problems;
}

module.exports = { flagProblems };
