#!/usr/bin/env bash
# The formasi reminder benchmark of docs/benchmarks.md: a national period of 550
# instansi x 4 offsets through the reminder scheduler, against real registry and
# notification servers, on a fresh MariaDB (Release build).
# Usage: bench/run_reminder_benchmark.sh [INSTANSI] [WORKERS]   (default 550 2)
set -euo pipefail
cd "$(dirname "$0")/.."
instansi=${1:-550}
workers=${2:-2}
db=build/bench-work/reminders/mariadb
mkdir -p "$(dirname "$db")"
scripts/mariadb.sh stop "$db" 2>/dev/null || true
scripts/mariadb.sh start "$db" >/dev/null
trap 'scripts/mariadb.sh stop "$db"' EXIT
PENATAAN_TEST_MYSQL_URL=$(scripts/mariadb.sh url "$PWD/$db" mysql) \
  build/bench/penataan-reminder-bench --backend mysql --instansi "$instansi" \
  --workers "$workers" 2>"build/bench-work/reminders/bench.log"
