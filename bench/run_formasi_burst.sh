#!/usr/bin/env bash
# The deadline-day burst of docs/benchmarks.md (issue 8): registry, notification and
# formasi on one private MariaDB, every instansi with its own token; then
# bench/formasi_burst_bench.cc sets up INSTANSI instansi with 500–3,500 eligible
# honorers each and times SubmitProposal in the deadline's last minute and all at once.
# Usage: bench/run_formasi_burst.sh [INSTANSI]   (default 550; needs a Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
instansi=${1:-550}
work=build/bench-work/formasi-burst
bin=build
rm -rf "$work"
mkdir -p "$work"

db=$work/mariadb
scripts/mariadb.sh stop "$db" 2>/dev/null || true
scripts/mariadb.sh start "$db" >/dev/null
sock=$PWD/$db/mysqld.sock
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/mariadb.sh stop "$db"
}
trap cleanup EXIT
for d in registry notification formasi; do
  mariadb --socket="$sock" -uroot -e "CREATE DATABASE burst_$d"
done
url() { echo "mysql://root@localhost/burst_$1?socket=$sock"; }

# Bench-only tokens, one per instansi (loopback only, like deploy/local/tokens.csv).
tokens=$work/tokens.csv
{
  echo "# LOCAL DEVELOPMENT ONLY: benchmark tokens"
  echo "token,principal"
  echo "burst-kemenpanrb,national:kemenpanrb"
  echo "burst-bkn,national:bkn"
  echo "burst-formasi,service:formasi"
  for i in $(seq 9001 $((9000 + instansi))); do echo "bench-instansi-$i,instansi:$i"; done
} >"$tokens"
echo -n burst-formasi >"$work/formasi.token"

start() {  # name port flags...
  local name=$1 port=$2
  shift 2
  "$bin/services/$name/penataan-$name" --listen "127.0.0.1:$port" --database "$(url "$name")" \
    --tokens_file "$tokens" --metrics_listen off "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    grep -q "event=serving" "$work/$name.log" && return
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$work/$name.log" >&2; exit 1
}
start registry 50351
start notification 50354 --log_channel_file "$work/notifications.jsonl" --log_per_second 0
start formasi 50352 --registry_address 127.0.0.1:50351 --notification_address 127.0.0.1:50354 \
  --peer_token_file "$work/formasi.token"
formasi_pid=${pids[2]}

"$bin/bench/penataan-formasi-burst-bench" --registry 127.0.0.1:50351 --formasi 127.0.0.1:50352 \
  --kemenpanrb_token burst-kemenpanrb --bkn_token burst-bkn --instansi "$instansi"
echo "formasi_peak_rss_mb=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$formasi_pid/status")"
