// Checks rendered kustomize overlays:
//   node check.js [--binaries=BUILD_DIR] NAME=rendered.yaml …
// Every object against the Kubernetes API schemas, every workload against the
// hardening rules, every address against the Services of the render, and, for the
// overlays that must have them (production), the NetworkPolicies against the call
// graph; with --binaries, every flag passed against the built services' flags. Prints every problem as "overlay kind/name: field: what is wrong" and
// exits 1 if there is any.

const fs = require('fs');
const YAML = require('yaml');
const { schemaProblems } = require('./schema');
const { workloadProblems } = require('./workloads');
const { referenceProblems } = require('./references');
const { networkProblems } = require('./network');
const { flagProblems } = require('./flags');

const OVERLAYS_WITH_NETWORK_POLICIES = new Set(['production']);

function load(file) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const bad = docs.find((d) => d.errors.length > 0);
  if (bad) throw new Error(`${file}: ${bad.errors[0].message}`);
  return docs.map((d) => d.toJS()).filter((o) => o !== null);
}

function checkOverlay(name, objects, buildDir) {
  const problems = [];
  const id = (o) => `${o.kind}/${o.metadata?.name}`;
  for (const o of objects) {
    const flags = buildDir ? flagProblems(o, buildDir) : [];
    for (const p of [...schemaProblems(o), ...workloadProblems(o), ...flags]) problems.push(`${id(o)}: ${p}`);
  }
  for (const [o, p] of referenceProblems(objects)) problems.push(`${id(o)}: ${p}`);
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  if (OVERLAYS_WITH_NETWORK_POLICIES.has(name) || policies.length > 0) {
    if (policies.length === 0) problems.push('NetworkPolicy: none, but this overlay must have them');
    for (const p of networkProblems(objects)) problems.push(`NetworkPolicy: ${p}`);
  }
  return problems.map((p) => `${name} ${p}`);
}

function main(args) {
  if (args.length === 0) {
    console.error('usage: node check.js NAME=rendered.yaml ...');
    return 2;
  }
  const problems = [];
  let count = 0;
  const buildDir = args.find((a) => a.startsWith('--binaries='))?.slice('--binaries='.length);
  args = args.filter((a) => !a.startsWith('--'));
  for (const arg of args) {
    const [name, file] = arg.split('=');
    const objects = load(file);
    count += objects.length;
    if (objects.length === 0) problems.push(`${name}: the render is empty`);
    problems.push(...checkOverlay(name, objects, buildDir));
  }
  for (const p of problems) console.error(`FAIL ${p}`);
  if (problems.length > 0) {
    console.error(`k8s check: ${problems.length} problem(s) in ${args.length} overlay(s)`);
    return 1;
  }
  const flags = buildDir ? ', flags' : ' (flags not compared: no --binaries)';
  console.log(`k8s check: ${args.length} overlays, ${count} objects: schemas, hardening, references, network policies${flags} hold`);
  return 0;
}

module.exports = { checkOverlay, load };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
