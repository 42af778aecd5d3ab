#!/usr/bin/env bash
# The 1,000,000-applicant screening benchmark of docs/benchmarks.md (issue 9, point 12):
# registry, notification (dispatcher off: delivery is not counted) and screening on
# one private MariaDB; bench/screening_bench.cc loads HONORERS honorers over INSTANSI
# instansi straight into the registry's tables, creates a round, adds every
# instansi's honorers by filter, times one RunScreening end to end and per phase,
# then the floor in the same run (one SQL scan of the same honorer columns plus one
# LOAD DATA LOCAL INFILE of the run's result rows). Prints each service's peak RSS.
# Usage: bench/run_screening_benchmark.sh [HONORERS] [INSTANSI]
#        (default 1000000 600; needs a Release build: build_all Release build)
set -euo pipefail
cd "$(dirname "$0")/.."
honorers=${1:-1000000}
instansi=${2:-600}
work=$PWD/build/bench-work/screening
bin=build
rm -rf "$work"
mkdir -p "$work"

db=$work/mariadb
scripts/mariadb.sh stop "$db" 2>/dev/null || true
scripts/mariadb.sh start "$db" >/dev/null
sock=$db/mysqld.sock
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  scripts/mariadb.sh stop "$db"
}
trap cleanup EXIT
for d in registry notification screening; do
  mariadb --socket="$sock" -uroot -e "CREATE DATABASE bench_$d"
done
url() { echo "mysql://root@localhost/bench_$1?socket=$sock"; }

# Bench-only tokens (loopback only, like deploy/local/tokens.csv).
tokens=$work/tokens.csv
cat >"$tokens" <<TOKENS
# LOCAL DEVELOPMENT ONLY: benchmark tokens
token,principal
bench-bkn-token-00000000,national:bkn
bench-screening-token-00,service:screening
TOKENS
echo -n bench-screening-token-00 >"$work/screening.token"

start() {  # name port flags...
  local name=$1 port=$2
  shift 2
  "$bin/services/$name/penataan-$name" --listen "127.0.0.1:$port" --database "$(url "$name")" \
    --tokens_file "$tokens" --metrics_listen off "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do
    grep -q "event=serving" "$work/$name.log" && return
    sleep 0.1
  done
  echo "$name did not start:" >&2; cat "$work/$name.log" >&2; exit 1
}
start registry 50451
start notification 50454 --dispatcher_workers 0 --log_channel_file "$work/notifications.jsonl"
start screening 50453 --registry_address 127.0.0.1:50451 \
  --notification_address 127.0.0.1:50454 --peer_token_file "$work/screening.token"

watch="registry=${pids[0]},notification=${pids[1]},screening=${pids[2]},mariadbd=$(cat "$db/mysqld.pid")"
"$bin/bench/penataan-screening-bench" --socket "$sock" --screening 127.0.0.1:50453 \
  --watch_pids "$watch" \
  --bkn_token bench-bkn-token-00000000 --honorers "$honorers" --instansi "$instansi" \
  --work "$work" | tee "$work/result.txt"

names=(registry notification screening)
for i in 0 1 2; do
  echo "${names[$i]}_peak_rss_mb=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' \
    "/proc/${pids[$i]}/status")" | tee -a "$work/result.txt"
done
python3 - "$work/result.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
e2e = float(re.search(r"end_to_end_s=([\d.]+)", text).group(1))
floor = float(re.search(r"floor_s=([\d.]+)", text).group(1))
print(f"ratio={e2e / floor:.2f} (target <= 3)")
PY
