# The screening part of the quick start's demo, sourced by quickstart.sh after
# demo_formasi.sh (which defines as, jget and indent; quickstart.sh defines ctl,
# token_of and var).
#
# "Seleksi PPPK 2024 Tahap II" on screening's demo clock (19 February 2025, the
# first day of the appeal window): BKN opens the round with its rules, each with
# the regulation it comes from (cut-off 31 December 2024, two years of continuous
# service, ages 20 to 57/59/64, in BKN's database with matching data, ACTIVE, the
# open categories and their minimum education). Kota Kupang registers its 600
# applicants (bench/screening_demo.h): the run finds 330 TMS, 146 of them
# education staff, because BKN's database does not have them, their service began
# after 31 December 2022, or BKN's record of their birth date differs; each TMS
# honorer is told why by email or WhatsApp (var/notifications.jsonl). A what-if run
# shows what a one-year minimum would change; Kupang files one appeal inside the
# window and BKN accepts it; Kota Balikpapan's MS candidates are ranked by years of
# service. Every step looks first or carries a request id, so a second run changes
# nothing.

# A field of a JSON object on stdin, by a path of keys and list indices
# ("results.0.name"); "" when absent.
jpath() {
  python3 -c '
import json, sys
try:
    v = json.load(sys.stdin)
    for k in sys.argv[1].split("."):
        v = v[int(k)] if isinstance(v, list) else v.get(k, "")
    print(v)
except (ValueError, IndexError, KeyError, AttributeError, TypeError):
    print("")' "$1"
}

# Kupang's Tahap II applicants (600, written once from a fixed seed) and what BKN
# says of them; BKN also has Balikpapan's 150 honorers (seed 6471, imported by
# load_demo) with matching data.
demo_screening_data() {
  local dir=$var/demo
  if [ ! -f "$dir/tahap2-applicants-5371.csv" ]; then
    build/bench/penataan-gen-screening-demo --seed 5371 --out "$dir/tahap2-5371.csv" \
      --bkn_out "$dir/tahap2-bkn-5371.csv" --applicants_out "$dir/tahap2-applicants-5371.csv.tmp"
    mv "$dir/tahap2-applicants-5371.csv.tmp" "$dir/tahap2-applicants-5371.csv"
  fi
  [ -f "$dir/bkn-6471.csv" ] ||
    { build/bench/penataan-gen-honorers --count 150 --seed 6471 --out /dev/null \
        --bkn_out "$dir/bkn-6471.csv.tmp" && mv "$dir/bkn-6471.csv.tmp" "$dir/bkn-6471.csv"; }
  as instansi:5371 registry import "$dir/tahap2-5371.csv" --instansi 5371 | tail -1 | indent
  as national:bkn registry verify "$dir/tahap2-bkn-5371.csv" | tail -1 | indent
  as national:bkn registry verify "$dir/bkn-6471.csv" | tail -1 | indent
}

# The round, created once (its request id answers the same round again).
demo_screening_round() {
  as national:bkn -o json screening round create --name "Seleksi PPPK 2024 Tahap II" \
    --cutoff 2024-12-31 --appeal 2025-02-19..2025-02-21 --zone Asia/Jakarta \
    --min-service 2 --min-age 20 \
    --max-age GENERAL=57 --max-age FUNCTIONAL_AHLI_MADYA=59 --max-age FUNCTIONAL_AHLI_UTAMA=64 \
    --require-bkn --require-active --require-bkn-match \
    --open GURU,TENAGA_KEPENDIDIKAN,TENAGA_KESEHATAN,TENAGA_TEKNIS \
    --open PENGELOLA_UMUM_OPERASIONAL,OPERATOR_LAYANAN_OPERASIONAL \
    --open PENGELOLA_LAYANAN_OPERASIONAL,PENATA_LAYANAN_OPERASIONAL \
    --min-education GURU=S1 --min-education TENAGA_KEPENDIDIKAN=SMA \
    --min-education TENAGA_KESEHATAN=D3 --min-education TENAGA_TEKNIS=SMA \
    --min-education PENGELOLA_UMUM_OPERASIONAL=SD --min-education OPERATOR_LAYANAN_OPERASIONAL=SMA \
    --min-education "position:Penata Layanan Operasional=D4" \
    --regulation default="KepmenPANRB 347/2024 (Mekanisme Seleksi PPPK TA 2024)" \
    --regulation min-age="PP 49/2018 Pasal 16 huruf a" \
    --regulation max-age="PP 49/2018 Pasal 16 huruf a" \
    --regulation "min-education.position:Penata Layanan Operasional=KepmenPANRB 16/2025" \
    --request-id demo-seleksi-pppk-2024-tahap-2 | jget name
}

# How many honorers of $2 are applicants of round $1 (as BKN).
applicant_count() {
  local n
  n=$(as national:bkn -o json screening applicants list "$1" --instansi "$2" --page-size 1 |
    jget total_size)
  echo "${n:-0}"
}

# How many TMS honorers var/notifications.jsonl has a message for.
tms_told() {
  python3 - "$var/notifications.jsonl" <<'PY'
import re, sys
told = set()
try:
    for line in open(sys.argv[1], encoding="utf-8"):
        r = re.search(r'"reference":"screening/rounds/[^/"]+/results/([^/"]+)/tms/', line)
        if r:
            told.add(r.group(1))
except FileNotFoundError:
    pass
print(len(told))
PY
}

# The screening messages of var/notifications.jsonl: honorers told (per outcome
# and channel), instansi summaries and appeal decisions; then one TMS message.
screening_messages() {
  python3 - "$var/notifications.jsonl" <<'PY'
import collections, json, re, sys
honorers = collections.defaultdict(set)
channels = collections.Counter()
other = collections.Counter()
example = None
try:
    for line in open(sys.argv[1], encoding="utf-8"):
        m = json.loads(line)
        ref = m.get("reference", "")
        if not ref.startswith("screening/"):
            continue
        r = re.match(r"screening/rounds/[^/]+/results/([^/]+)/(ms|tms)/(\w+)", ref)
        if r:
            honorers[r.group(2)].add(r.group(1))
            channels[(r.group(2), r.group(3))] += 1
            if r.group(2) == "tms" and example is None:
                example = m
        else:
            other[m.get("templateId", "?")] += 1
except FileNotFoundError:
    pass
for outcome in ("tms", "ms"):
    by = ", ".join(f"{n} {ch}" for (o, ch), n in sorted(channels.items()) if o == outcome)
    print(f"{len(honorers[outcome])} {outcome.upper()} honorers told ({by or 'none'})")
for template, n in sorted(other.items()):
    print(f"{n} x {template}")
if example:
    print(f"\none TMS message, to {example.get('recipient', '?')}:")
    print(example.get("body", "").strip())
PY
}

demo_screening() {
  echo "==> screening: Seleksi PPPK 2024 Tahap II on the demo clock ($(screening_clock))"
  # The demo never moves screening's clock; the file says where it stands (move it
  # past 21 February and restart screening to see an appeal refused).
  [ -f "$screening_clock_file" ] || screening_clock >"$screening_clock_file"
  demo_screening_data
  local round result appeal state kupang_tms
  round=$(demo_screening_round)
  [ -n "$round" ] || { echo "screening: could not create the demo round" >&2; return 1; }
  as national:bkn screening round show "$round" | indent

  # Kupang names its applicants by NIK; Balikpapan registers every ACTIVE honorer.
  [ "$(applicant_count "$round" 5371)" -gt 0 ] ||
    as instansi:5371 screening applicants add "$round" --instansi 5371 \
      --file "$var/demo/tahap2-applicants-5371.csv" | indent
  [ "$(applicant_count "$round" 6471)" -gt 0 ] ||
    as instansi:6471 screening applicants add "$round" --instansi 6471 | indent

  echo "==> BKN screens every applicant (a second run answers the same run)"
  as national:bkn screening run "$round" --request-id demo-tahap2-run | indent
  echo "==> results per instansi and TMS per reason"
  as national:bkn screening results "$round" --counts | indent
  as national:bkn -o json screening results "$round" --counts --instansi 5371 | python3 -c '
import json, sys
row = (json.load(sys.stdin).get("rows") or [{}])[0]
by = row.get("tms_by_category", {})
edu = int(by.get("GURU", 0)) + int(by.get("TENAGA_KEPENDIDIKAN", 0))
tms = row.get("tms", 0)
print(f"Kota Kupang: {tms} TMS, {edu} of them education staff (Guru and Tenaga Kependidikan)")' |
    indent
  echo "==> what-if: a minimum of one year of service instead of two (nothing written)"
  as national:bkn screening run "$round" --dry-run --set min_continuous_service_years=1 | indent

  # Kupang appeals one TMS result inside the window (19-21 February 2025 WIB): BKN's
  # record of the honorer's birth date has a typo. BKN accepts: the result turns MS,
  # its original reason kept.
  appeal=$(as instansi:5371 -o json screening appeal list "$round" --instansi 5371 |
    jpath appeals.0.name)
  if [ -z "$appeal" ]; then
    result=$(as instansi:5371 -o json screening results "$round" --instansi 5371 --outcome TMS \
      --reason BKN_DATA_MISMATCH --page-size 1 | jpath results.0.name)
    echo "==> Kota Kupang files an appeal for $result"
    as instansi:5371 screening appeal file "$result" --request-id demo-tahap2-appeal \
      --answer BKN_DATA_MISMATCH="Tanggal lahir di pangkalan data BKN salah ketik; KTP, akta kelahiran dan NIK mencatat tanggal lahir yang ada di registri" |
      indent
    appeal=$result/appeal
  fi
  state=$(as national:bkn -o json screening appeal show "$appeal" | jget state)
  if [ "$state" = FILED ]; then
    echo "==> BKN accepts the appeal"
    as national:bkn screening appeal decide "$appeal" accept \
      --note "Tanggal lahir diperbaiki sesuai KTP dan akta kelahiran; memenuhi syarat" | indent
  fi
  as instansi:5371 screening results "${appeal%/appeal}" | indent

  echo "==> Kota Balikpapan's MS candidates, longest service first (the top 10)"
  as instansi:6471 screening rank "$round" --instansi 6471 --limit 10 | indent

  # The run queued one message per TMS honorer's contact; the notification
  # service writes them within seconds.
  kupang_tms=$(as national:bkn -o json screening results "$round" --counts | python3 -c '
import json, sys
print(sum(int(r.get("tms", 0)) + int(r.get("changed_by_appeal", 0))
          for r in json.load(sys.stdin).get("rows", []) if r.get("instansi_code") == "5371"))')
  for _ in $(seq 1 100); do
    [ "$(tms_told)" -ge "${kupang_tms:-0}" ] && break
    sleep 0.2
  done
  echo "==> screening's messages in var/notifications.jsonl:"
  screening_messages | indent
}
