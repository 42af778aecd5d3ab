#!/usr/bin/env bash
# The suite started from its own manifests: the local overlay (k8s/overlays/local),
# rendered by kubectl and played by podman on the images scripts/build-image.sh
# makes from BUILD_DIR's binaries, MariaDB included; waits until every service says
# SERVING, runs a smoke path through the image's penataanctl over mutual TLS (health,
# an instansi and an import, a notification delivered to the log channel), then
# tears everything down. scripts/test.sh runs it after the end-to-end run.
#
#   scripts/kube-play.sh [BUILD_DIR]   (default build/, a Release build)
#
# What podman cannot do as a cluster would (StatefulSets, Services, Secrets that
# mount decoded) is adapted by k8s/check/podman.js, which says how and why.
# Needs the suite's ports free: 3306, 50051-50054, 51051-51054, 8081-8084.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/lib.sh
build_dir=${1:-build}
state=$root/$build_dir/kube-play
export CONTAINERS_CONF=$root/deploy/container/containers.conf
image=penataan:dev

for port in 3306 50051 50052 50053 50054 51051 51052 51053 51054 8081 8082 8083 8084; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "kube-play: port $port is in use (a quick start running? scripts/quickstart.sh stop)" >&2
    exit 1
  fi
done

start=$SECONDS
scripts/build-image.sh --prebuilt "$build_dir"
[ -d k8s/check/node_modules ] || (cd k8s/check && npm ci --silent --no-audit --no-fund)

rm -rf "$state"
mkdir -p "$state/data"
kubectl kustomize k8s/overlays/local >"$state/local.yaml" 2>"$state/kustomize.log" ||
  { cat "$state/kustomize.log" >&2; exit 1; }
node k8s/check/podman.js "$state/local.yaml" "$state"

# The TLS Secrets an operator creates (docs/operations.md "Kubernetes"), in the
# layout cert-manager writes. Readable by the services' user: test material only.
tls=$state/tls
SERVER_NAMES="penataan-registry penataan-formasi penataan-screening penataan-notification" \
  deploy/tls/make-certs.sh "$tls" national:kemenpanrb instansi:5371 service:registry \
  service:formasi service:screening >/dev/null
chmod -R a+rX "$tls"
put_secret() {  # NAME CERT KEY
  mkdir -p "$state/secrets/$1"
  cp "$2" "$state/secrets/$1/tls.crt"
  cp "$3" "$state/secrets/$1/tls.key"
  cp "$tls/ca.crt" "$state/secrets/$1/ca.crt"
}
for service in registry formasi screening notification; do
  put_secret "penataan-$service-tls" "$tls/server.crt" "$tls/server.key"
done
for service in registry formasi screening; do
  put_secret "penataan-$service-peer-tls" "$tls/client-service-$service.crt" \
    "$tls/client-service-$service.key"
done
chmod -R a+rX "$state/secrets" "$state/data"

teardown() {
  podman kube down "$state/services.yaml" >/dev/null 2>&1 || true
  podman kube down "$state/database.yaml" >/dev/null 2>&1 || true
  # kube down leaves a pod whose init container is restarting: its pods by name.
  local pods
  pods=$(podman pod ps --format '{{.Name}}' | grep '^penataan-' || true)
  # shellcheck disable=SC2086
  [ -z "$pods" ] || podman pod rm --force --time 5 $pods >/dev/null 2>&1 || true
  # The claims and emptyDirs of the manifests, as podman names its volumes.
  local volumes
  volumes=$(node -e '
    const YAML = require("./k8s/check/node_modules/yaml");
    const fs = require("fs");
    const names = new Set();
    for (const f of process.argv.slice(1)) {
      for (const d of YAML.parseAllDocuments(fs.readFileSync(f, "utf8"))) {
        const o = d.toJSON();
        if (!o) continue;
        if (o.kind === "PersistentVolumeClaim") names.add(o.metadata.name);
        if (o.kind === "Deployment") for (const v of o.spec.template.spec.volumes || [])
          if (v.emptyDir || v.configMap) names.add(v.configMap ? v.configMap.name : v.name);
      }
    }
    console.log([...names].join(" "));' "$state/database.yaml" "$state/services.yaml" 2>/dev/null || true)
  # shellcheck disable=SC2086
  [ -z "$volumes" ] || podman volume rm --force $volumes >/dev/null 2>&1 || true
}
failed() {
  echo "kube-play: $*" >&2
  cat "$state/play.log" >&2 2>/dev/null || true
  podman ps -a --format '{{.Names}} {{.Status}}' >&2 || true
  for name in $(podman ps -a --format '{{.Names}}' | grep '^penataan-' || true); do
    echo "--- $name" >&2
    podman logs --tail 15 "$name" >&2 || true
  done
  exit 1
}
teardown
trap teardown EXIT

# penataanctl from the image, as PRINCIPAL (kind-id of a client certificate).
ctl() {  # PRINCIPAL ARGS...
  local who=$1
  shift
  podman run --rm --network host -v "$tls:/tls:ro" -v "$state/data:/data:ro" "$image" \
    penataanctl --tls-ca /tls/ca.crt --tls-cert "/tls/client-$who.crt" \
    --tls-key "/tls/client-$who.key" "$@"
}
wait_for() {  # SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || failed "$what: not within the time allowed"
    sleep 2
  done
}

echo "==> playing the database (k8s/overlays/local, adapted by k8s/check/podman.js)"
# podman's own complaints (no systemd for probe timers here) go to a log, shown on failure.
podman kube play "$state/database.yaml" >"$state/play.log" 2>&1 || failed "podman kube play database.yaml"
wait_for 120 "MariaDB accepting the services' user" mariadb --no-defaults -h 127.0.0.1 -P 3306 \
  -u penataan_registry -plocal-only-password -e 'SELECT 1' registry

echo "==> playing the four services (init containers migrate first)"
podman kube play "$state/services.yaml" >>"$state/play.log" 2>&1 ||
  failed "podman kube play services.yaml"
wait_for 120 "every service SERVING" ctl national-kemenpanrb health

echo "==> smoke path"
# The securityContext as podman applied it: the image's user, a read-only root.
for name in registry formasi screening notification; do
  container=penataan-$name-pod-0-$name
  settings=$(podman inspect --format '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}' "$container")
  [ "$settings" = "10001:10001 true" ] ||
    failed "$container runs as user/read-only '$settings', not '10001:10001 true'"
done
ctl national-kemenpanrb health | tee "$state/health.txt"
for service in registry formasi screening notification; do
  grep -Eq "^$service +[^ ]+ +SERVING$" "$state/health.txt" || failed "$service is not SERVING"
done
ctl national-kemenpanrb registry instansi create --code 5371 --name "Pemerintah Kota Kupang" \
  --level KOTA --time-zone Asia/Makassar
cat >"$state/data/honorers.csv" <<'CSV'
nik,full_name,birth_date,gender,education,unit_kerja,jabatan_category,position_title,service_start_date,contract_start,contract_end
3220025902826366,Intan Putri,1982-02-19,P,D3,Dinas Sosial,TENAGA_KESEHATAN,Perawat,2007-03-16,2025-01-01,2025-12-31
5317244311993021,Yohanes Lake,1999-11-03,P,SMA,BPBD,TENAGA_KEPENDIDIKAN,Operator Sekolah,2023-11-15,2025-01-01,2025-12-31
3378215112783166,Andi Rahayu,1978-12-11,P,SMA,Dinas Perhubungan,TENAGA_KEPENDIDIKAN,Operator Sekolah,2024-12-26,2025-01-01,2025-12-31
CSV
chmod a+r "$state/data/honorers.csv"
ctl instansi-5371 registry import /data/honorers.csv --instansi 5371 | tee "$state/import.txt"
grep -q "created 3, updated 0, unchanged 0, rejected 0" "$state/import.txt" ||
  failed "the import did not create the 3 honorers"
ctl national-kemenpanrb notify send --template formasi-deadline-reminder --to kube-play \
  --reference kube-play/smoke --set instansi="Pemerintah Kota Kupang" --set periode="PPPK 2025" \
  --set batas_waktu="25 Agustus 2025" --set sisa_waktu="3 hari" --set zona_waktu=WITA
delivered() {
  podman exec penataan-notification-pod-0-notification \
    grep -q '"reference":"kube-play/smoke"' /var/lib/penataan/notifications.jsonl
}
wait_for 60 "the notification in the log channel" delivered
echo "  delivered: kube-play/smoke in the log channel of penataan-notification"

teardown
left=$(podman pod ps --format '{{.Name}}' | grep '^penataan-' || true)
[ -z "$left" ] || failed "pods left after the teardown: $left"
echo "==> kube-play: the local overlay ran on podman (SERVING, import, notification) and was torn down" \
  "($((SECONDS - start)) s with the images)"
