#!/usr/bin/env bash
# The notification benchmarks of docs/benchmarks.md, in one run on this machine:
# COUNT notifications by SendBatch (10,000 a call) to the log channel and to a
# local webhook receiver, on SQLite and on MariaDB; each case on a fresh server
# and database. Prints one line of figures per case (see bench/notify_bench.cc).
# Usage: bench/run_notification_benchmarks.sh [COUNT]   (default 200000; Release build)
# BACKENDS="mysql" runs one backend only.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200000}
work=build/bench-work/notification
bin=build
rm -rf "$work"
mkdir -p "$work"
token=$(awk -F, '$2 == "national:kemenpanrb" { print $1 }' deploy/local/tokens.csv)

db=$work/mariadb
scripts/mariadb.sh stop "$db" 2>/dev/null || true
scripts/mariadb.sh start "$db" >/dev/null
sock=$db/mysqld.sock
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  scripts/mariadb.sh stop "$db"
}
trap cleanup EXIT

run_case() {  # backend channel
  local backend=$1 channel=$2 url port=50254
  if [ "$backend" = sqlite ]; then
    url="sqlite://$PWD/$work/$channel.db"
  else
    mariadb --socket="$sock" -uroot -e "CREATE DATABASE notify_$channel"
    url="mysql://root@localhost/notify_$channel?socket=$PWD/$sock"
  fi
  # Production defaults but for the rate limits, which would measure themselves.
  "$bin/services/notification/penataan-notification" --listen "127.0.0.1:$port" \
    --database "$url" --tokens_file deploy/local/tokens.csv \
    --log_channel_file "$work/$backend-$channel.jsonl" \
    --webhook_allowed_hosts 127.0.0.1 \
    --webhook_per_second 0 --log_per_second 0 ${EXTRA_FLAGS:-} >"$work/$backend-$channel.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    "$bin/cli/penataanctl" --notification "127.0.0.1:$port" health --service notification \
      >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo -n "backend=$backend "
  "$bin/bench/penataan-notify-bench" --target "127.0.0.1:$port" --token "$token" \
    --count "$count" --channel "$channel" --server_pid "$server"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

echo "$(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $count notifications per case"
for backend in ${BACKENDS:-sqlite mysql}; do
  for channel in log webhook; do run_case "$backend" "$channel"; done
done
