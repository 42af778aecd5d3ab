# The contracts part of the quick start's demo, sourced by quickstart.sh after
# demo_screening.sh (demo_formasi.sh defines as, jget and indent; demo_screening.sh
# jpath; quickstart.sh ctl, token_of, var, stop_service, start_all and the
# registry's REGISTRY_DEMO_CLOCK and REGISTRY_SCHEDULER).
#
# Kota Kupang, 2020-2021 (Timex Kupang, 3 January 2021), on the registry's demo
# clock with its contract scheduler on. The 2,180 PTT work on one-year SKs
# "800/0xxx/BKPPD/2020" (1 January to 31 December 2020, one per OPD, signed by the
# Wali Kota; bench/contracts_demo.h writes them). On 1 December 2020 at 09:00 WITA,
# 30 days before the end, Kupang's admins get the list of SKs ending and of the
# reviews still missing; Kupang names its crucial units (BPBD, DLHK, Damkar, RSUD
# S. K. Lerik and the Puskesmas) and imports its unit heads' reviews of 2020. On
# 4 January 2021 at 08:00 WITA the expiry has run: everyone outside the crucial
# units is DIRUMAHKAN, those inside kept at work, each told once. The facts are
# applied (passed CPNS, moved away, joined a BUMN), and the renewal for 2021 is
# shown as a dry run, then made, excluding those reviewed KURANG, those who
# resigned and those who moved to CPNS. The registry then goes back to the system
# clock with its scheduler off.
#
# The stage reached is kept in var/demo/contracts-stage and the clock of the stage
# in var/demo/registry-clock: an interrupted run resumes where it stood, and a run
# after the story is done changes nothing (no clock moves, no message sent) and
# prints the same figures.

readonly CONTRACTS_IMPORT_AT="2020-12-01T08:00:00+08:00"
readonly CONTRACTS_NOTICE_AT="2020-12-01T09:00:00+08:00"
readonly CONTRACTS_EXPIRY_AT="2021-01-04T08:00:00+08:00"
readonly CONTRACTS_RENEWAL_ID="demo-kupang-renewal-2021"
contracts_stage_file=$var/demo/contracts-stage
registry_clock_file=$var/demo/registry-clock

# The 2021 renewal as Kupang's admin types it; more flags may follow.
renew_2021() {
  as instansi:5371 registry contract renew --instansi 5371 --sk-number 800/0012/BKPPD/2021 \
    --start 2021-01-01 --end 2021-12-31 --signed-by "Wali Kota Kupang" --signed-date 2021-01-04 \
    --current-end 2020-12-31 "$@"
}

# registry_on CLOCK SCHEDULER: restart the registry on CLOCK (empty: the system
# clock) with its contract scheduler on or off.
registry_on() {
  REGISTRY_DEMO_CLOCK=$1
  REGISTRY_SCHEDULER=$2
  if [ -n "$1" ]; then echo "$1" >"$registry_clock_file"; else rm -f "$registry_clock_file"; fi
  stop_service registry >/dev/null
  start_all registry | indent
}

# The story's files, written once from a fixed seed, and its figures as shell
# variables f_total, f_crucial, ... (bench/contracts_demo.h).
demo_contracts_data() {
  local dir=$var/demo
  if [ ! -f "$dir/contracts-figures-5371.txt" ]; then
    build/bench/penataan-gen-contracts-demo --seed 5371 --out "$dir/ptt-2020-5371.csv" \
      --reviews_out "$dir/reviews-2020-5371.csv" --facts_out "$dir/facts-2021-5371.csv" \
      --figures_out "$dir/contracts-figures-5371.txt.tmp"
    mv "$dir/contracts-figures-5371.txt.tmp" "$dir/contracts-figures-5371.txt"
  fi
  local key value
  while IFS='=' read -r key value; do
    printf -v "f_$key" '%s' "$value"
  done <"$dir/contracts-figures-5371.txt"
}

# 2180 -> 2,180.
thousands() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# check WHAT ACTUAL EXPECTED: says so when the registry did other than the story
# (bench/contracts_demo.h) says.
check() {
  [ "$2" = "$3" ] || echo "    NOTE: $1 is $2 where the story has $3 (see var/log/registry.log)" >&2
}

# The registry's messages in var/notifications.jsonl, by template ("contract-renewed
# 1893"), then "total N".
contract_message_counts() {
  python3 - "$var/notifications.jsonl" <<'PY'
import collections, json, sys
counts = collections.Counter()
try:
    for line in open(sys.argv[1], encoding="utf-8"):
        m = json.loads(line)
        if m.get("reference", "").startswith("registry/"):
            counts[m.get("templateId", m.get("template_id", "?"))] += 1
except FileNotFoundError:
    pass
for template, n in sorted(counts.items()):
    print(template, n)
print("total", sum(counts.values()))
PY
}
contract_messages_total() { contract_message_counts | awk '$1 == "total" { print $2 }'; }

# Waits (at most $1 seconds) until var/notifications.jsonl holds at least $2 of
# the registry's messages.
wait_for_messages() {
  local i
  for i in $(seq 1 $(($1 * 5))); do
    [ "$(contract_messages_total)" -ge "$2" ] && return 0
    sleep 0.2
  done
  echo "    (still waiting for the registry's messages: $(contract_messages_total) of $2; see var/log/registry.log)" >&2
}

# Kupang's SKs that ended and what the expiry did, as "ended sent_home kept
# not_ended" (ListExpiringContracts with the ended ones).
expiry_counts() {
  as instansi:5371 -o json registry contract expiring --instansi 5371 --include-ended |
    python3 -c '
import json, sys
ended = sent = kept = pending = 0
for e in json.load(sys.stdin).get("contracts", []):
    if e.get("days_left", 0) >= 0:
        continue
    ended += 1
    x = e.get("contract", {}).get("expiry", "NOT_ENDED")
    sent += x == "SENT_HOME"
    kept += x == "KEPT_AT_WORK"
    pending += x in ("NOT_ENDED", "EXPIRY_UNSPECIFIED")
print(ended, sent, kept, pending)'
}

contracts_december() {
  echo "==> 1 December 2020: the registry restarts on the demo clock ($CONTRACTS_IMPORT_AT, scheduler off)"
  registry_on "$CONTRACTS_IMPORT_AT" off
  echo "==> Kota Kupang's 2,180 PTT with their 2020 SKs (import with the SK columns)"
  as instansi:5371 registry import "$var/demo/ptt-2020-5371.csv" --instansi 5371 | tail -1 | indent

  echo "==> 09:00 WITA, 30 days before the SKs end: the scheduler tells Kupang's admins"
  registry_on "$CONTRACTS_NOTICE_AT" on
  wait_for_messages 30 1
  as instansi:5371 registry contract expiring --instansi 5371 | tail -1 | indent
  python3 - "$var/notifications.jsonl" <<'PY' | indent
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)
    if "/contracts-ending/" in m.get("reference", ""):
        lines = m.get("body", "").strip().splitlines()
        print(f"to {m.get('recipient', '?')}:")
        units = [l for l in lines if l.startswith("- ")]
        shown = [l for l in lines if not l.startswith("- ")]
        at = next(i for i, l in enumerate(shown) if "Rincian per unit" in l) + 1
        print("\n".join(shown[:at] + units[:4] + [f"  ... ({len(units)} unit kerja)"] + shown[at:]))
        break
PY

  echo "==> Kupang names its crucial units (kept at work when the SKs end)"
  as instansi:5371 registry crucial-units set --instansi 5371 \
    --unit "BPBD Kota Kupang=Penanggulangan bencana" \
    --unit "Dinas Lingkungan Hidup dan Kebersihan=Pengelolaan sampah dan kebersihan kota" \
    --unit "Dinas Pemadam Kebakaran=Pemadam kebakaran" \
    --unit "RSUD S. K. Lerik=Pelayanan kesehatan di rumah sakit" \
    --prefix-unit "Puskesmas=Pelayanan kesehatan di puskesmas" | indent
  echo "==> the unit heads' reviews of 2020 (all rows or none; a wrong row would be named by its line)"
  as instansi:5371 registry contract review import "$var/demo/reviews-2020-5371.csv" \
    --instansi 5371 | indent
  as instansi:5371 registry contract review list --instansi 5371 --year 2020 | tail -1 | indent
  as instansi:5371 registry contract expiring --instansi 5371 | tail -1 | indent
}

# The facts found before the renewal, each applied once: status and reason.
apply_facts() {
  local facts=$var/demo/facts-2021-5371.csv done_file=$var/demo/facts-applied.tmp
  { as instansi:5371 -o json registry honorer list --instansi 5371 --status MOVED_TO_CPNS --all
    as instansi:5371 -o json registry honorer list --instansi 5371 --status RESIGNED --all
  } 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    if line.strip():
        print(json.loads(line).get("nik", ""))' >"$done_file"
  local applied=0 nik name status reason
  while IFS=, read -r nik name status reason; do
    [ "$nik" = nik ] && continue
    grep -qx "$nik" "$done_file" && continue
    reason=${reason#\"}
    reason=${reason%\"}
    as instansi:5371 registry honorer status "$nik" --to "$status" --reason "$reason" >/dev/null
    applied=$((applied + 1))
  done <"$facts"
  rm -f "$done_file"
  echo "$applied status changes applied now ($f_passed_cpns MOVED_TO_CPNS after passing CPNS, $f_moved_away RESIGNED after moving away, $f_joined_bumn RESIGNED for a BUMN)"
}

contracts_january() {
  echo "==> 4 January 2021: the registry restarts on the demo clock ($CONTRACTS_EXPIRY_AT, scheduler on)"
  registry_on "$CONTRACTS_EXPIRY_AT" on
  local counts i
  for i in $(seq 1 150); do
    counts=$(expiry_counts)
    [ "${counts##* }" = 0 ] && [ "${counts%% *}" -gt 0 ] && break
    sleep 0.2
  done
  read -r ended sent kept _ <<<"$counts"
  echo "==> the expiry has run: $(thousands "$ended") SKs ended on 31 December 2020 without renewal"
  echo "$(thousands "$sent") DIRUMAHKAN outside the crucial units, $kept kept at work in them (working without a current SK)" | indent
  check "DIRUMAHKAN" "$sent" "$f_sent_home"
  check "kept at work" "$kept" "$f_crucial"
  as instansi:5371 registry contract expiring --instansi 5371 --include-ended | tail -1 | indent

  echo "==> the facts before the renewal: passed CPNS, moved away, joined a BUMN"
  apply_facts | indent

  echo "==> the renewal for 2021, first as a dry run (nothing written; the first exclusions of $f_excluded)"
  renew_2021 --dry-run | sed -n '1,11p' | indent
  echo "==> and for real, with a request id (a retry renews nobody twice)"
  renew_2021 --request-id "$CONTRACTS_RENEWAL_ID" | sed '/^$/,$d' | indent
  local renewed
  renewed=$(as instansi:5371 -o json registry contract renew --instansi 5371 \
    --sk-number 800/0012/BKPPD/2021 --start 2021-01-01 --end 2021-12-31 \
    --signed-by "Wali Kota Kupang" --signed-date 2021-01-04 --current-end 2020-12-31 \
    --request-id "$CONTRACTS_RENEWAL_ID" 2>/dev/null | jget renewed)
  check "renewed" "$renewed" "$f_renewed"
}

# The registry's messages of the story, once the scheduler has sent them all.
contracts_messages() {
  echo "==> the registry's messages in var/notifications.jsonl (one line per recipient):"
  contract_message_counts | grep -v '^total ' | while read -r template n; do
    echo "$n x $template"
  done | indent
  python3 - "$var/notifications.jsonl" <<'PY' | indent
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)
    if m.get("reference", "").startswith("registry/") and "sent-home" in m.get("templateId", ""):
        print(f"\none message to a PTT sent home, to {m.get('recipient', '?')}:")
        print(m.get("body", "").strip())
        break
PY
}

contracts_story() {
  echo "==> the story in figures"
  cat <<STORY | indent
Kota Kupang: $(thousands "$f_total") PTT on 2020 SKs ending 31 December 2020.
1 December 2020: $(thousands "$f_total") SKs about to end; reviews imported ($(thousands "$f_baik") BAIK, $f_cukup CUKUP, $f_kurang KURANG), $f_reviews_missing still missing.
4 January 2021: $(thousands "$f_sent_home") DIRUMAHKAN, $f_crucial kept at work in the crucial units.
Renewal 2021: $(thousands "$f_renewed") renewed ($(thousands "$f_reactivated") back from DIRUMAHKAN); excluded $f_excluded: $f_kurang KURANG, $f_passed_cpns moved to CPNS, $((f_moved_away + f_joined_bumn)) resigned.
STORY
}

demo_contracts() {
  demo_contracts_data
  local stage
  stage=$(cat "$contracts_stage_file" 2>/dev/null || echo december)
  echo "==> contracts: Kota Kupang's PTT and their SKs of 2020 (stage: $stage)"
  if [ "$stage" = done ]; then
    echo "    the story was played on the registry's demo clock; the registry stays on the system"
    echo "    clock with its scheduler off. The renewal asked again with its request id:"
    renew_2021 --request-id "$CONTRACTS_RENEWAL_ID" | sed '/^$/,$d' | indent
  else
    if [ "$stage" = december ]; then
      contracts_december
      echo january >"$contracts_stage_file"
    fi
    contracts_january
    # Every message owed is sent before the scheduler is turned off: the admins'
    # two, one per contact of each PTT at the expiry, one per contact of each renewed.
    wait_for_messages 90 $((2 + f_expiry_messages + f_renewal_messages))
    echo "==> back to the system clock, with the contract scheduler off"
    echo "    (on today's date every SK of these stories has ended long ago: a scheduler on would"
    echo "     act on them whatever day the quick start runs; in production it runs on the system"
    echo "     clock, see docs/contracts.md)"
    registry_on "" off
    echo done >"$contracts_stage_file"
  fi
  contracts_messages
  contracts_story
}
