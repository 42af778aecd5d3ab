# The formasi part of the quick start's demo, sourced by quickstart.sh (which
# defines ctl, token_of, var, stop_service, start_all and formasi_clock).
#
# "PPPK Paruh Waktu 2025" replayed on formasi's demo clock: the period opened
# 7 August with a deadline of 20 August 23:59:59 WIB, moved for everyone to
# 25 August by letter B/3832/M.SM.01.00/2025. On 19 August Kota Bekasi proposes all
# of its eligible honorers but the 396 it leaves out with reasons, and submits.
# Then formasi restarts on 26 August 00:00:30 WIB: Kota Kupang's late submission is
# refused, the ministry approves Bekasi's proposal, and the summary shows who has
# not submitted. Every step looks first and does only what is not yet done, so a
# second run changes nothing.

readonly DEMO_START="2025-08-19T09:00:00+07:00"
readonly DEMO_AFTER_DEADLINE="2025-08-26T00:00:30+07:00"

# as PRINCIPAL ARGS...: penataanctl as a local principal of deploy/local/tokens.csv.
as() {
  local principal=$1
  shift
  PENATAAN_TOKEN=$(token_of "$principal") ctl "$@"
}
# A top-level field of the JSON object on stdin ("" when absent).
jget() {
  python3 -c '
import json, sys
try:
    print(json.load(sys.stdin).get(sys.argv[1], ""))
except ValueError:
    print("")' "$1"
}
state_of() { as "$1" -o json formasi proposal show "$2" 2>/dev/null | jget state; }
indent() { sed 's/^/    /'; }

# Kota Bekasi holds 4,000 honorers: BKN's database has 3,883 of them (ACTIVE, so
# eligible for Paruh Waktu); 396 of those are left out in the national proportions
# and 3,487 proposed. Kota Kupang's 300 (seed 5371, imported by load_demo) are all
# in BKN's database. The files are written once, from fixed seeds.
demo_formasi_data() {
  local dir=$var/demo gen=build/bench/penataan-gen-honorers
  if [ ! -f "$dir/bekasi-leave-out.csv" ]; then
    "$gen" --count 4000 --seed 3275 --out "$dir/honorers-3275-formasi.csv.tmp" \
      --bkn_out "$dir/bkn-3275.csv.tmp" --bkn_count 3883 \
      --leave_out_out "$dir/bekasi-leave-out.csv.tmp" --leave_out 396
    mv "$dir/honorers-3275-formasi.csv.tmp" "$dir/honorers-3275-formasi.csv"
    mv "$dir/bkn-3275.csv.tmp" "$dir/bkn-3275.csv"
    mv "$dir/bekasi-leave-out.csv.tmp" "$dir/bekasi-leave-out.csv"
  fi
  [ -f "$dir/bkn-5371.csv" ] ||
    { "$gen" --count 300 --seed 5371 --out /dev/null --bkn_out "$dir/bkn-5371.csv.tmp" &&
      mv "$dir/bkn-5371.csv.tmp" "$dir/bkn-5371.csv"; }
  as instansi:3275 registry import "$dir/honorers-3275-formasi.csv" --instansi 3275 | tail -1
  as national:bkn registry verify "$dir/bkn-3275.csv" | tail -1
  as national:bkn registry verify "$dir/bkn-5371.csv" | tail -1

  # Where each instansi's reminders and decisions go.
  local code email
  for code in 5371 3275 6471; do
    email=admin.bkpsdm.$code@pemda.example.go.id
    as national:kemenpanrb -o json registry contacts show "$code" 2>/dev/null | grep -q "$email" ||
      as national:kemenpanrb registry contacts set "$code" --email "$email" \
        --name "Admin BKPSDM $code" >/dev/null
  done
}

demo_formasi() {
  echo "==> formasi: PPPK Paruh Waktu 2025 on the demo clock ($(formasi_clock))"
  demo_formasi_data
  local period bekasi kupang
  period=$(as national:kemenpanrb -o json formasi period create --name "PPPK Paruh Waktu 2025" \
    --kind paruh-waktu --open "2025-08-07 00:00:00" --deadline "2025-08-20 23:59:59" \
    --zone Asia/Jakarta --remind 7d,3d,1d,2h --request-id demo-pppk-paruh-waktu-2025 | jget name)
  [ -n "$period" ] || { echo "formasi: could not create the demo period" >&2; return 1; }
  if [ "$(as national:kemenpanrb -o json formasi period show "$period" | jget deadline_civil_time)" \
       != "2025-08-25 23:59:59" ]; then
    as national:kemenpanrb formasi period update "$period" --deadline "2025-08-25 23:59:59" \
      --letter "B/3832/M.SM.01.00/2025" \
      --reason "Perpanjangan batas waktu usul kebutuhan PPPK Paruh Waktu" | head -1 | indent
  fi
  as national:kemenpanrb formasi period show "$period" | indent

  bekasi=$period/proposals/3275
  kupang=$period/proposals/5371
  if [ "$(formasi_clock)" = "$DEMO_START" ]; then
    [ -n "$(state_of instansi:3275 "$bekasi")" ] ||
      as instansi:3275 formasi proposal create "$period" --instansi 3275 \
        --budget 230.000.000.000 --sptjm "800/1187/SPTJM/BKPSDM/2025" \
        --request-id demo-3275 >/dev/null
    if [ "$(state_of instansi:3275 "$bekasi")" = DRAFT ]; then
      echo "==> Kota Bekasi proposes every eligible honorer but those it leaves out, and submits"
      as instansi:3275 formasi proposal propose-all "$bekasi" --pay 5.690.752 \
        --except-file "$var/demo/bekasi-leave-out.csv" | indent
      as instansi:3275 formasi proposal leave-out "$bekasi" \
        --file "$var/demo/bekasi-leave-out.csv" | indent
      as instansi:3275 formasi proposal submit "$bekasi" --validate-only | indent
      as instansi:3275 formasi proposal submit "$bekasi" | indent
    fi
    # Kota Kupang drafts its proposal and means to submit on the last day.
    [ -n "$(state_of instansi:5371 "$kupang")" ] || {
      as instansi:5371 formasi proposal create "$period" --instansi 5371 \
        --budget 9.000.000.000 --request-id demo-5371 >/dev/null &&
        as instansi:5371 formasi proposal propose-all "$kupang" --pay 2.328.969 | indent
    }
    echo "==> the demo clock moves past the deadline: formasi restarts at $DEMO_AFTER_DEADLINE"
    stop_service formasi | indent
    echo "$DEMO_AFTER_DEADLINE" >"$formasi_clock_file"
    start_all | grep formasi | indent
  fi

  echo "==> Kota Kupang submits at 26 Agustus 2025 pukul 01.00 WITA:"
  as instansi:5371 formasi proposal submit "$kupang" 2>&1 | indent || true
  if [ "$(state_of national:kemenpanrb "$bekasi")" = SUBMITTED ]; then
    echo "==> Kemenpan-RB approves Kota Bekasi's proposal"
    as national:kemenpanrb formasi proposal decide "$bekasi" approve \
      --note "Usul kebutuhan PPPK Paruh Waktu ditetapkan" | indent
  fi
  echo "==> the summary of $period"
  as national:kemenpanrb formasi summary "$period" | indent

  # The scheduler sends the missed-deadline notices and the decision within
  # seconds of the restart; the log channel writes what was "sent".
  local file=$var/notifications.jsonl
  for _ in $(seq 1 75); do
    grep -q '"formasi/[^"]*/missed/' "$file" 2>/dev/null &&
      grep -q '"formasi/[^"]*/decision/' "$file" 2>/dev/null && break
    sleep 0.2
  done
  echo "==> formasi's messages in var/notifications.jsonl:"
  python3 - "$file" <<'PY' | indent
import collections, json, sys
counts = collections.Counter()
try:
    for line in open(sys.argv[1], encoding="utf-8"):
        m = json.loads(line)
        if m.get("reference", "").startswith("formasi/"):
            template = m.get("templateId", m.get("template_id", "?"))
            counts[(template, m.get("recipient", "?"))] += 1
except FileNotFoundError:
    pass
for (template, recipient), n in sorted(counts.items()):
    print(f"{n} x {template} to {recipient}")
if not counts:
    print("(none yet; see var/log/formasi.log)")
PY
}
