#!/usr/bin/env bash
# Renders every k8s/ overlay with `kubectl kustomize` and checks the result with
# k8s/check/: each object against the Kubernetes API schemas (npm kubernetes-models),
# probes, requests and limits and the hardened securityContext on every container,
# every address naming a Service of the render, the NetworkPolicies allowing exactly
# the call graph, and (once built, in BUILD_DIR, default build/) every flag the
# manifests pass known to the service binaries; then the checker's own tests, which
# break the renders on purpose.
# Installs what is missing: kubectl (Debian's kubernetes-client), node and npm, and
# the checker's packages from its package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

# Whatever kubectl and node are already there (a newer kubectl renders the same:
# the overlays keep to the kustomize of kubectl 1.20); Debian's otherwise.
command -v kubectl >/dev/null || install_packages kubernetes-client
command -v node >/dev/null || install_packages nodejs
command -v npm >/dev/null || install_packages npm

(cd k8s/check && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
overlays=()
for dir in k8s/overlays/*/; do
  name=$(basename "$dir")
  # Deprecation warnings of newer kustomize versions about the 1.20 spellings.
  kubectl kustomize "$dir" >"$out/$name.yaml" 2>"$out/$name.err" || {
    cat "$out/$name.err" >&2
    echo "FAIL kubectl kustomize $dir" >&2
    exit 1
  }
  overlays+=("$name=$out/$name.yaml")
done
binaries=()
build_dir=${BUILD_DIR:-build}
if [ -d "$build_dir/services" ]; then
  binaries=("--binaries=$build_dir")
  export K8S_BINARIES=$build_dir
fi
node k8s/check/check.js "${binaries[@]}" "${overlays[@]}"
K8S_RENDER_DIR=$out node --test k8s/check/ >"$out/test.log" 2>&1 || {
  cat "$out/test.log" >&2
  echo "FAIL k8s/check tests" >&2
  exit 1
}
echo "k8s check: the checker's tests pass ($(grep -c '^ok ' "$out/test.log") cases)"
