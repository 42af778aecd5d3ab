// Every rendered object against the Kubernetes API's OpenAPI schemas, as the
// npm package kubernetes-models publishes them (one module per apiVersion/kind).

function modulePath(apiVersion, kind) {
  // "v1" is the core group; "apps/v1", "networking.k8s.io/v1" are group/version.
  return `kubernetes-models/${apiVersion}/${kind}`;
}

// Returns the problems of one object, each "<field>: <what is wrong>".
function schemaProblems(obj) {
  if (!obj || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') {
    return ['apiVersion/kind: missing'];
  }
  let Model;
  try {
    Model = require(modulePath(obj.apiVersion, obj.kind))[obj.kind];
  } catch (e) {
    return [`apiVersion/kind: ${obj.apiVersion} ${obj.kind} is not a Kubernetes API kind`];
  }
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    if (!Array.isArray(e.errors)) return [`schema: ${e.message}`];
    // ajv reports a oneOf's every branch; the first message per field says enough.
    const seen = new Map();
    for (const err of e.errors) {
      const field = err.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(object)';
      if (!seen.has(field)) seen.set(field, err.message);
    }
    return [...seen].map(([field, message]) => `${field}: ${message}`);
  }
}

module.exports = { schemaProblems };
