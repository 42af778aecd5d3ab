#!/usr/bin/env bash
# The Penataan suite on this machine, on SQLite, with the demo data:
#   scripts/quickstart.sh          install, build, start every service, load the demo
#   scripts/quickstart.sh stop     stop the services
#   scripts/quickstart.sh status   show what runs, and each service's metrics URL
#   scripts/quickstart.sh play     start and load the demo without installing or building
# Running it again leaves running services alone (restarting one whose binary was
# rebuilt) and loads nothing twice.
#
# scripts/e2e.sh plays the same stories the way an agency's data centre runs them,
# through three settings of the environment (the quick start sets none):
#   PENATAAN_VAR           the state folder (default ./var)
#   PENATAAN_MYSQL_SOCKET  every service on that MariaDB (database penataan_<service>)
#   PENATAAN_TLS_DIR       mutual TLS everywhere with the certificates of
#                          deploy/tls/make-certs.sh there; no token is accepted
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
var=${PENATAAN_VAR:-$root/var}
tls=${PENATAAN_TLS_DIR:-}
mkdir -p "$var/log" "$var/run" "$var/demo"

# service name, port, binary, extra flags (only services that are built are started).
# Each serves Prometheus metrics on its port + 1000 (http://127.0.0.1:51051/metrics).
# The registry calls notification as service:registry for the contract notices.
SERVICES=(
  "registry 50051 build/services/registry/penataan-registry --notification_address=127.0.0.1:50054 --peer_token_file=$var/run/registry-peer.token"
  "formasi 50052 build/services/formasi/penataan-formasi --registry_address=127.0.0.1:50051 --peer_token_file=$var/run/formasi-peer.token"
  "notification 50054 build/services/notification/penataan-notification --log_channel_file=$var/notifications.jsonl"
  "screening 50053 build/services/screening/penataan-screening --registry_address=127.0.0.1:50051 --notification_address=127.0.0.1:50054 --peer_token_file=$var/run/screening-peer.token"
)
token_of() { awk -F, -v p="$1" '$2 == p { print $1 }' "$root/deploy/local/tokens.csv"; }
principal_of() { awk -F, -v t="$1" '$1 == t { print $2 }' "$root/deploy/local/tokens.csv"; }
# penataanctl as the principal whose local token is in PENATAAN_TOKEN; under mutual
# TLS, with that principal's client certificate instead (Kemenpan-RB's without one).
ctl() {
  if [ -z "$tls" ]; then
    "$root/build/cli/penataanctl" "$@"
    return
  fi
  local who
  who=$(principal_of "${PENATAAN_TOKEN:-}")
  who=${who:-national:kemenpanrb}
  local cert=$tls/client-${who%%:*}-${who#*:}
  PENATAAN_TOKEN= "$root/build/cli/penataanctl" --tls-ca "$tls/ca.crt" --tls-cert "$cert.crt" \
    --tls-key "$cert.key" "$@"
}
db_url() {
  if [ -n "${PENATAAN_MYSQL_SOCKET:-}" ]; then
    echo "mysql://root@localhost/penataan_$1?socket=$PENATAAN_MYSQL_SOCKET"
  else
    echo "sqlite://$var/$1.db"
  fi
}
# How a service knows its callers, and how it is known to its peers.
identity_flags() {
  if [ -z "$tls" ]; then
    echo "--tokens_file $root/deploy/local/tokens.csv"
  else
    echo "--tokens_file= --tls_cert_file=$tls/server.crt --tls_key_file=$tls/server.key --tls_client_ca_file=$tls/ca.crt"
  fi
}
peer_flags() {  # name extra
  if [ -z "$tls" ]; then
    echo "$2"
  else
    sed -E "s#--peer_token_file=[^ ]+#--peer_tls_cert_file=$tls/client-service-$1.crt --peer_tls_key_file=$tls/client-service-$1.key --peer_tls_ca_file=$tls/ca.crt#" <<<"$2"
  fi
}
metrics_port() { echo $(($1 + 1000)); }

# One line per running service: its metrics URL, and whether it answers.
metrics_urls() {
  for entry in "${SERVICES[@]}"; do
    read -r name port _ <<<"$entry"
    pidfile=$var/run/$name.pid
    [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null || continue
    url="http://127.0.0.1:$(metrics_port "$port")/metrics"
    if command -v curl >/dev/null && ! curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      echo "$name metrics: $url (not answering)"
    else
      echo "$name metrics: $url"
    fi
  done
}

stop_all() {
  for entry in "${SERVICES[@]}"; do
    read -r name _ <<<"$entry"
    stop_service "$name"
  done
}

# The demo clock formasi runs on (--demo_clock_start): the demo replays August 2025
# and moves it past the deadline once; the file remembers where it stands, so a
# restart goes on from there instead of going back in time.
formasi_clock_file=$var/demo/formasi-clock
formasi_clock() { [ -s "$formasi_clock_file" ] && cat "$formasi_clock_file" || echo "2025-08-19T09:00:00+07:00"; }
# Screening's demo clock: 19 February 2025, the first day of Tahap II's appeal
# window. Kept in a file like formasi's, so that a restart resumes where it stands.
screening_clock_file=$var/demo/screening-clock
# (An empty file is no clock: `screening_clock >file` creates the file before it runs.)
screening_clock() { [ -s "$screening_clock_file" ] && cat "$screening_clock_file" || echo "2025-02-19T09:00:00+08:00"; }

# The registry runs on the system clock with its contract scheduler off: the
# other stories are 2025 and 2026 data, and a scheduler on would act on their SKs
# on whatever day the quick start runs. Only the contract story
# (demo_contracts.sh) restarts it on its own demo clock with the scheduler on,
# through these two variables.
REGISTRY_DEMO_CLOCK=
REGISTRY_SCHEDULER=off
registry_clock_flags() {
  echo "--contract_scheduler=$REGISTRY_SCHEDULER${REGISTRY_DEMO_CLOCK:+ --demo_clock_start=$REGISTRY_DEMO_CLOCK}"
}

stop_service() {
  local pidfile=$var/run/$1.pid pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    echo "stopped $1 (pid $pid)"
  fi
  rm -f "$pidfile"
}

# start_all [NAME]: every service, or only NAME.
start_all() {
  # formasi calls the registry as service:formasi, screening the registry and the
  # notification service as service:screening, the registry notification as
  # service:registry, each with its local token.
  (umask 077 && token_of service:formasi >"$var/run/formasi-peer.token" &&
    token_of service:screening >"$var/run/screening-peer.token" &&
    token_of service:registry >"$var/run/registry-peer.token")
  for entry in "${SERVICES[@]}"; do
    read -r name port bin extra <<<"$entry"
    [ -n "${1:-}" ] && [ "$name" != "$1" ] && continue
    extra=$(peer_flags "$name" "$extra")
    [ "$name" = registry ] && extra="$extra $(registry_clock_flags)"
    [ "$name" = formasi ] && extra="$extra --demo_clock_start=$(formasi_clock)"
    [ "$name" = screening ] && extra="$extra --demo_clock_start=$(screening_clock)"
    pidfile=$var/run/$name.pid
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      # A binary rebuilt since the service started, or other flags (the registry
      # left on the contract story's clock by an interrupted run): restart it, so
      # that the demo never runs against yesterday's code or clock.
      if [ "$root/$bin" -nt "$pidfile" ] || [ "$(cat "$var/run/$name.flags" 2>/dev/null)" != "$extra" ]; then
        stop_service "$name"
      else
        echo "$name already running (pid $(cat "$pidfile"))"
        continue
      fi
    fi
    [ -x "$bin" ] || continue
    # shellcheck disable=SC2046 # the identity flags are words
    nohup "$root/$bin" --listen "127.0.0.1:$port" --database "$(db_url "$name")" \
      --metrics_listen "127.0.0.1:$(metrics_port "$port")" \
      $(identity_flags) ${extra:-} >>"$var/log/$name.log" 2>&1 &
    echo $! >"$pidfile"
    echo "$extra" >"$var/run/$name.flags"
    for _ in $(seq 1 50); do
      ctl health --service "$name" >/dev/null 2>&1 && break
      kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "$name failed to start; see $var/log/$name.log" >&2; tail -5 "$var/log/$name.log" >&2; exit 1; }
      sleep 0.2
    done
    echo "started $name on 127.0.0.1:$port (pid $(cat "$pidfile"))"
  done
}

load_demo() {
  local national instansi_token
  national=$(token_of national:kemenpanrb)
  # The instansi of the seed stories.
  while IFS='|' read -r code name level zone; do
    PENATAAN_TOKEN=$national ctl registry instansi get "$code" >/dev/null 2>&1 ||
      PENATAAN_TOKEN=$national ctl registry instansi create --code "$code" --name "$name" \
        --level "$level" --time-zone "$zone"
  done <<'LIST'
5371|Pemerintah Kota Kupang|KOTA|Asia/Makassar
3275|Pemerintah Kota Bekasi|KOTA|Asia/Jakarta
6471|Pemerintah Kota Balikpapan|KOTA|Asia/Makassar
LIST
  # A few hundred synthetic honorers each; the import id is the file's hash, so a
  # second run replays instead of importing again.
  # (Kota Bekasi's honorers come with the formasi demo: scripts/demo_formasi.sh.)
  for spec in "5371 300 5371" "6471 150 6471"; do
    read -r code count seed <<<"$spec"
    csv=$var/demo/honorers-$code.csv
    [ -f "$csv" ] || build/bench/penataan-gen-honorers --count "$count" --seed "$seed" --out "$csv"
    instansi_token=$(token_of "instansi:$code")
    PENATAAN_TOKEN=$instansi_token ctl registry import "$csv" --instansi "$code" | tail -1
  done
}

case "${1:-start}" in
stop) stop_all ;;
status)
  ctl health || true
  metrics_urls
  ;;
start | play)
  if [ "${1:-start}" = start ]; then
    source scripts/lib.sh
    install_packages "${BUILD_PACKAGES[@]}"
    build_all Release
  fi
  start_all
  load_demo
  source scripts/demo_formasi.sh
  demo_formasi
  if [ -x build/services/screening/penataan-screening ]; then
    source scripts/demo_screening.sh
    demo_screening
  fi
  source scripts/demo_contracts.sh
  demo_contracts
  kupang=$(token_of instansi:5371)
  cat <<MSG

Penataan is running (data and logs under $var):
$(ctl health 2>/dev/null | sed 's/^/  /' || true)
$(metrics_urls | sed 's/^/  /')
  logs: var/log/<service>.log    stop: scripts/quickstart.sh stop
  messages "sent" on the log channel: var/notifications.jsonl (one JSON line each)

Local tokens are in deploy/local/tokens.csv (local only). Three commands to try:

  export PENATAAN_TOKEN=$kupang   # the admin of Kota Kupang
  build/cli/penataanctl registry honorer list --page-size 5
  build/cli/penataanctl registry bulk-status --instansi 5371 --only-status ACTIVE --to DIRUMAHKAN \\
      --except-unit BPBD --except-unit Damkar --except-unit RSUD --except-unit Puskesmas \\
      --reason "Kontrak berakhir 31 Desember; dirumahkan menunggu SK" --dry-run
  build/cli/penataanctl registry honorer history honorers/1

And formasi and the notification service (as Kemenpan-RB):

  export PENATAAN_TOKEN=$(token_of national:kemenpanrb)
  build/cli/penataanctl -o json formasi summary periods/1
  build/cli/penataanctl formasi proposal show periods/1/proposals/3275
  build/cli/penataanctl notify list --reference-prefix formasi/
  tail -1 var/notifications.jsonl

And screening (as BKN; the demo's round is rounds/1):

  export PENATAAN_TOKEN=$(token_of national:bkn)
  build/cli/penataanctl screening results 1 --instansi 5371 --outcome TMS --reason SERVICE_TOO_SHORT --page-size 5
  build/cli/penataanctl screening run 1 --dry-run --set min_continuous_service_years=1
  build/cli/penataanctl screening rank 1 --instansi 6471 --limit 10

And Kota Kupang's contracts of 2020-2021 (as its admin; the registry is back on the system clock):

  export PENATAAN_TOKEN=$kupang
  build/cli/penataanctl registry contract review list --instansi 5371 --year 2020 --outcome KURANG
  build/cli/penataanctl registry crucial-units list
  build/cli/penataanctl registry honorer list --status DIRUMAHKAN --page-size 5   (not renewed: KURANG)
MSG
  ;;
*) echo "usage: scripts/quickstart.sh [start|stop|status|play]" >&2; exit 2 ;;
esac
