#!/usr/bin/env bash
# The registry benchmarks of docs/benchmarks.md, in one run on this machine:
#  1. import ROWS honorers from one CSV through `penataanctl registry import` into the
#     registry on MariaDB; the registry's peak RSS (VmHWM) while doing it;
#  2. the same CSV with MariaDB's LOAD DATA LOCAL INFILE into a table of the same shape
#     (CREATE TABLE … LIKE the registry's, same indexes), converting the same columns;
#  3. the same CSV through penataanctl into the registry on SQLite;
#  4. GetHonorer by random NIK against the ROWS-row registry on MariaDB, and the same
#     load generator calling that server's grpc.health.v1 Check: QPS and latency.
# Usage: bench/run_benchmarks.sh [ROWS]   (default 1000000; needs a Release build)
# BENCH_BUILD=DIR takes the binaries from another build (say, main's, to compare a
# change in one session: run both, interleaved); BENCH_READS=0 stops after step 3.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=build/bench-work
bin=${BENCH_BUILD:-build}
reads=${BENCH_READS:-1}
mkdir -p "$work"
csv=$work/honorers-$rows.csv
token() { awk -F, -v p="$1" '$2 == p { print $1 }' deploy/local/tokens.csv; }
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1 / ($3 - $2):.0f}')"; }

[ -f "$csv" ] || "$bin/bench/penataan-gen-honorers" --count "$rows" --seed 2025 --out "$csv"
echo "CSV: $csv ($(du -h "$csv" | cut -f1), $rows rows)"

db=$work/mariadb
scripts/mariadb.sh stop "$db" 2>/dev/null || true
rm -rf "$db"
scripts/mariadb.sh start "$db" >/dev/null
sock=$db/mysqld.sock
sql() { mariadb --socket="$sock" -uroot "$@"; }
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/mariadb.sh stop "$db"
}
trap cleanup EXIT
sql -e "CREATE DATABASE registry_bench; CREATE DATABASE loaddata_bench"

start_registry() {  # port database-url
  "$bin/services/registry/penataan-registry" --listen "127.0.0.1:$1" --database "$2" \
    --tokens_file deploy/local/tokens.csv >"$work/registry-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    "$bin/cli/penataanctl" --registry "127.0.0.1:$1" health --service registry >/dev/null 2>&1 && return
    sleep 0.1
  done
  echo "registry on port $1 did not start" >&2; exit 1
}
import_into() {  # port -> prints rows/s
  local port=$1 t0 t1
  PENATAAN_TOKEN=$(token national:kemenpanrb) "$bin/cli/penataanctl" --registry "127.0.0.1:$port" \
    registry instansi create --code 5371 --name "Pemerintah Kota Kupang" --level KOTA \
    --time-zone Asia/Makassar >/dev/null
  t0=$(now)
  PENATAAN_TOKEN=$(token instansi:5371) "$bin/cli/penataanctl" --registry "127.0.0.1:$port" \
    registry import "$csv" --instansi 5371 >"$work/import-$port.out"
  t1=$(now)
  tail -1 "$work/import-$port.out" >&2
  rate "$rows" "$t0" "$t1"
}

# 1. The registry on MariaDB.
start_registry 50151 "mysql://root@localhost/registry_bench?socket=$PWD/$sock"
reg_pid=${pids[-1]}
cpu_s() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
mariadb_pid=$(cat "$db/mysqld.pid")
reg0=$(cpu_s "$reg_pid"); mdb0=$(cpu_s "$mariadb_pid")
import_mysql=$(import_into 50151)
import_cpu="registry $(python3 -c "print(f'{$(cpu_s "$reg_pid") - $reg0:.2f}')") s, MariaDB $(python3 -c "print(f'{$(cpu_s "$mariadb_pid") - $mdb0:.2f}')") s"
rss_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$reg_pid/status")

# 2. LOAD DATA into a table of the same shape.
sql -e "CREATE TABLE loaddata_bench.honorers LIKE registry_bench.honorers"
t0=$(now)
sql --local-infile=1 loaddata_bench -e "
  LOAD DATA LOCAL INFILE '$PWD/$csv' INTO TABLE honorers
  FIELDS TERMINATED BY ',' LINES TERMINATED BY '\n' IGNORE 1 LINES
  (nik, full_name, birth_date, @gender, @education, unit_kerja, @category, position_title,
   service_start_date, @cstart, @cend)
  SET instansi_code = '5371',
      gender = IF(@gender = 'P', 2, 1),
      education = FIELD(@education, 'SD','SMP','SMA','D1','D2','D3','D4','S1','S2','S3'),
      jabatan_category = FIELD(@category, 'GURU','TENAGA_KEPENDIDIKAN','TENAGA_KESEHATAN','TENAGA_TEKNIS'),
      contract_start = NULLIF(@cstart, ''), contract_end = NULLIF(@cend, ''),
      in_bkn_database = 0, status = 1, version = 1,
      create_time_us = 0, update_time_us = 0"
t1=$(now)
loaded=$(sql -N -e "SELECT COUNT(*) FROM loaddata_bench.honorers")
load_data=$(rate "$loaded" "$t0" "$t1")

# 3. The registry on SQLite.
rm -f "$work/bench.db"*
start_registry 50152 "sqlite://$PWD/$work/bench.db"
sqlite_pid=${pids[-1]}
reg0=$(cpu_s "$sqlite_pid")
import_sqlite=$(import_into 50152)
import_sqlite_cpu="registry $(python3 -c "print(f'{$(cpu_s "$sqlite_pid") - $reg0:.2f}')") s"

if [ "$reads" = 0 ]; then
  cat <<REPORT

rows                                  $rows
binaries                              $bin
import via penataanctl, MariaDB       $import_mysql rows/s
CPU of that import                    $import_cpu
LOAD DATA LOCAL INFILE, MariaDB       $load_data rows/s ($loaded rows)
ratio import / LOAD DATA              $(python3 -c "print(f'{$import_mysql / $load_data:.2f}')")
registry peak RSS (VmHWM)             $((rss_kb / 1024)) MB
import via penataanctl, SQLite        $import_sqlite rows/s
CPU of that import                    $import_sqlite_cpu
load average at the end               $(cut -d' ' -f1-3 /proc/loadavg)
REPORT
  exit 0
fi

# 4. Reads against the registry on MariaDB (ROWS honorers).
read_args=(--target 127.0.0.1:50151 --token "$(token instansi:5371)" --inflight 32 --seconds 20)
health=$("$bin/bench/penataan-read-bench" "${read_args[@]}" --method health)
reg0=$(cpu_s "$reg_pid"); mdb0=$(cpu_s "$mariadb_pid")
get=$("$bin/bench/penataan-read-bench" "${read_args[@]}" --method get --niks_csv "$csv")
reg1=$(cpu_s "$reg_pid"); mdb1=$(cpu_s "$mariadb_pid")
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
health_qps=$(field qps "$health")
get_qps=$(field qps "$get")

cat <<REPORT

rows                                  $rows
import via penataanctl, MariaDB       $import_mysql rows/s
CPU of that import                    $import_cpu
LOAD DATA LOCAL INFILE, MariaDB       $load_data rows/s ($loaded rows)
ratio import / LOAD DATA              $(python3 -c "print(f'{$import_mysql / $load_data:.2f}')")
registry peak RSS (VmHWM)             $((rss_kb / 1024)) MB
import via penataanctl, SQLite        $import_sqlite rows/s
CPU of that import                    $import_sqlite_cpu
health check                          $health
GetHonorer                            $get
ratio GetHonorer / health QPS         $(python3 -c "print(f'{$get_qps / $health_qps:.2f}')")
CPU per GetHonorer (whole run)        registry $(python3 -c "print(f'{($reg1 - $reg0) * 1e6 / ($get_qps * 23):.0f}')") us, MariaDB $(python3 -c "print(f'{($mdb1 - $mdb0) * 1e6 / ($get_qps * 23):.0f}')") us (23 s incl. warm-up)
machine                               $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load generator, registry and MariaDB share it
REPORT
