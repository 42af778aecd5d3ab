#!/usr/bin/env bash
# The seed stories end to end, run as an agency's data centre runs the suite: the four
# services as separate processes on MariaDB, mutual TLS between them and for
# penataanctl (certificates from deploy/tls/make-certs.sh, no token accepted), and the
# stories played through penataanctl only (scripts/quickstart.sh play), their figures
# checked at every step; then played again, which must change nothing.
#
#   scripts/e2e.sh [MARIADB_DIR]   (default build/test-mariadb, started by scripts/mariadb.sh;
#                                   scripts/test.sh runs it after the tests)
# Needs the built binaries and the quick start's ports (50051-50054) free.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mariadb_dir=${1:-$root/build/test-mariadb}
socket=$mariadb_dir/mysqld.sock
state=$root/build/e2e

for port in 50051 50052 50053 50054; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "e2e: port $port is in use (a quick start running? scripts/quickstart.sh stop)" >&2
    exit 1
  fi
done
[ -S "$socket" ] || { echo "e2e: no MariaDB at $socket (scripts/mariadb.sh start $mariadb_dir)" >&2; exit 1; }

# Services a killed run left behind are stopped through their pidfiles, before
# those are removed with the rest.
[ -d "$state/var" ] && PENATAAN_VAR=$state/var scripts/quickstart.sh stop >/dev/null 2>&1 || true
rm -rf "$state"
mkdir -p "$state"
for service in registry formasi screening notification; do
  mariadb -S "$socket" -u root -e "DROP DATABASE IF EXISTS penataan_$service;
    CREATE DATABASE penataan_$service CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
done
deploy/tls/make-certs.sh "$state/tls" national:kemenpanrb national:bkn instansi:5371 \
  instansi:3275 instansi:6471 service:formasi service:screening service:registry \
  service:notification >/dev/null
export PENATAAN_VAR=$state/var PENATAAN_MYSQL_SOCKET=$socket PENATAAN_TLS_DIR=$state/tls
trap 'scripts/quickstart.sh stop >/dev/null 2>&1 || true' EXIT

failures=0
# expect LOG TEXT: the story's figure TEXT is in LOG.
expect() {
  if grep -qF -- "$2" "$1"; then
    echo "  ok    $2"
  else
    echo "  FAIL  $2   (not in $1)"
    failures=$((failures + 1))
  fi
}
play() {  # LOG
  local start=$SECONDS
  if ! scripts/quickstart.sh play >"$1" 2>&1; then
    tail -30 "$1"
    echo "e2e: the play failed; logs in $state/var/log" >&2
    exit 1
  fi
  echo "  (played in $((SECONDS - start)) s)"
}
# Every line of the log channel a notification of its own: none delivered twice.
delivered_once() {
  python3 - "$PENATAAN_VAR/notifications.jsonl" <<'PY'
import collections, json, sys
seen = collections.Counter()
for line in open(sys.argv[1]):
    seen[json.loads(line)["reference"]] += 1
twice = [r for r, n in seen.items() if n > 1]
print(len(seen))
if twice:
    sys.exit(f"delivered more than once: {len(twice)}, e.g. {twice[0]}")
PY
}

echo "==> the seed stories on MariaDB over mutual TLS"
first=$state/play-1.log
play "$first"
expect "$first" "created 300, updated 0, unchanged 0, rejected 0"   # Kota Kupang
expect "$first" "created 150, updated 0, unchanged 0, rejected 0"   # Kota Balikpapan
expect "$first" "created 4000, updated 0, unchanged 0, rejected 0"  # Kota Bekasi
expect "$first" "3883 eligible honorers of 3275 in the registry"
expect "$first" "submitted periods/1/proposals/3275 (3487 honorers named, 396 left out); deadline 25 Agustus 2025 pukul 23.59 WIB"
expect "$first" "refused: Batas waktu pengiriman usulan ditutup 25 Agustus 2025 pukul 23.59 WIB (26 Agustus 2025 pukul 00.59 WITA)"
expect "$first" "3487 named, 396 left out: 89.8% of the eligible honorers proposed"
expect "$first" "Kota Kupang: 330 TMS, 146 of them education staff"
expect "$first" "state:     ACCEPTED"
expect "$first" "outcome:   MS (sanggah diterima)"
expect "$first" "10 of 139 MS candidates of 6471"
expect "$first" "330 TMS honorers told"
expect "$first" "created 2180, updated 0, unchanged 0, rejected 0"
expect "$first" "1,728 DIRUMAHKAN outside the crucial units, 452 kept at work in them"
expect "$first" "2180 matched: 2058 renewed (1630 of them returned to work from DIRUMAHKAN), 0 already had this SK, 122 excluded"
if delivered=$(delivered_once); then
  echo "  ok    $delivered notifications, each delivered once"
else
  failures=$((failures + 1))
fi
# And none left behind: nothing queued, retrying or failed once the dispatcher is idle.
as_national() {
  build/cli/penataanctl --tls-ca "$PENATAAN_TLS_DIR/ca.crt" \
    --tls-cert "$PENATAAN_TLS_DIR/client-national-kemenpanrb.crt" \
    --tls-key "$PENATAAN_TLS_DIR/client-national-kemenpanrb.key" "$@"
}
undelivered() {
  local status n total=0
  for status in QUEUED SENDING TEMPORARY_FAILURE PERMANENT_FAILURE; do
    n=$(as_national -o csv notify list --status "$status" --all | tail -n +2 | wc -l)
    total=$((total + n))
  done
  echo "$total"
}
left=$(undelivered)
for _ in $(seq 1 30); do
  [ "$left" = 0 ] && break
  sleep 1
  left=$(undelivered)
done
if [ "$left" = 0 ]; then
  echo "  ok    no notification queued, retrying or failed"
else
  echo "  FAIL  $left notifications not delivered (notify list --status QUEUED|SENDING|TEMPORARY_FAILURE|PERMANENT_FAILURE)"
  failures=$((failures + 1))
fi

# One request through every service it touched: the request id a caller's call
# carries is in the audit log of each service its peer calls reached (screening's
# results: screening, registry, notification), and in the call log of each service
# (formasi's proposal, whose calls to the registry are reads and so not audited).
as_national -o csv audit --limit 100000 >"$state/audit.csv"
if python3 - "$state/audit.csv" "$PENATAAN_VAR/log" <<'PY'
import collections, csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
chains = collections.defaultdict(list)
for r in rows:
    chains[r["request_id"]].append(r)
failed = False
chain = next((c for c in chains.values()
              if {"screening", "registry", "notification"} <= {r["service"] for r in c}), None)
if chain:
    print(f"  ok    request {chain[0]['request_id']} in the audit log of " + ", ".join(
        f'{r["service"]} ({r["method"]} by {r["principal"]} for {r["origin"]})' for r in chain))
else:
    print(f"  FAIL  no request id in the audit logs of screening, registry and notification")
    failed = True

def calls(service, principal=None):
    out = {}
    for line in open(f"{sys.argv[2]}/{service}.log", encoding="utf-8"):
        m = re.search(r"event=rpc method=(\S+) .*request_id=(\S+) principal=(\S+)", line)
        if m and (principal is None or m.group(3) == principal):
            out.setdefault(m.group(2), m.group(1))
    return out
formasi, registry = calls("formasi"), calls("registry", "service:formasi")
shared = next((rid for rid in formasi if rid in registry), None)
if shared:
    print(f"  ok    request {shared} in the call logs of formasi ({formasi[shared]}) "
          f"and registry ({registry[shared]} by service:formasi)")
else:
    print("  FAIL  no request id of formasi in the registry's calls by service:formasi")
    failed = True
sys.exit(1 if failed else 0)
PY
then :; else failures=$((failures + 1)); fi

echo "==> played again: nothing changes"
second=$state/play-2.log
play "$second"
expect "$second" "already imported earlier (nothing changed): created 4000"
again=$(delivered_once) || failures=$((failures + 1))
if [ "$again" = "$delivered" ]; then
  echo "  ok    still $again notifications"
else
  echo "  FAIL  $again notifications after the second play, $delivered after the first"
  failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
  echo "e2e: $failures checks failed; logs in $state" >&2
  exit 1
fi
echo "e2e: every figure of the seed stories as told, on MariaDB over mutual TLS"
