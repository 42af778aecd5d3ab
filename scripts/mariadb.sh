#!/usr/bin/env bash
# A private MariaDB for tests and benchmarks: its own data directory, a unix socket
# and a loopback port, no system service. Works as root or not.
#   scripts/mariadb.sh start DIR [PORT]   initialise DIR if new, start, wait until it answers
#   scripts/mariadb.sh stop DIR           stop it (and wait)
#   scripts/mariadb.sh url DIR [DB]       print the mysql:// URL for DB (default: mysql)
#   scripts/mariadb.sh tls-url DIR [DB]   the same over TCP with TLS (?ssl_ca=), as the user
#                                         tls_tester, who may connect with TLS only
# TLS: a CA and a server certificate for localhost/127.0.0.1 in DIR/tls
# (deploy/tls/make-certs.sh), and a second CA that signed nothing, in DIR/tls-other.
set -euo pipefail

cmd=${1:?usage: mariadb.sh start|stop|url DIR [PORT]}
dir=$(mkdir -p "${2:?data directory}" && cd "$2" && pwd)
port=${3:-0}
sock="$dir/mysqld.sock"

find_bin() {
  for b in "$@"; do
    for d in /usr/sbin /usr/bin /usr/local/bin; do
      [ -x "$d/$b" ] && { echo "$d/$b"; return 0; }
    done
  done
  return 1
}

case "$cmd" in
start)
  mariadbd=$(find_bin mariadbd mysqld) || { echo "mariadb-server is not installed" >&2; exit 1; }
  installdb=$(find_bin mariadb-install-db mysql_install_db) || { echo "mariadb-install-db missing" >&2; exit 1; }
  if [ -S "$sock" ] && mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1; then
    echo "MariaDB already running on $sock"; exit 0
  fi
  [ "$port" = 0 ] && port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  user_args=()
  [ "$(id -u)" = 0 ] && user_args=(--user=root)
  if [ ! -d "$dir/data/mysql" ]; then
    "$installdb" --no-defaults --datadir="$dir/data" --auth-root-authentication-method=normal \
      "${user_args[@]}" --skip-test-db >"$dir/install.log" 2>&1 ||
      { cat "$dir/install.log" >&2; exit 1; }
  fi
  echo "$port" >"$dir/port"
  make_certs=$(cd "$(dirname "$0")/../deploy/tls" && pwd)/make-certs.sh
  [ -f "$dir/tls/server.crt" ] || "$make_certs" "$dir/tls" >/dev/null
  [ -f "$dir/tls-other/ca.crt" ] || "$make_certs" "$dir/tls-other" >/dev/null
  # Settings of a test server: durable enough to be honest, small enough for 2 cores.
  nohup "$mariadbd" --no-defaults --datadir="$dir/data" --socket="$sock" --port="$port" \
    --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
    "${user_args[@]}" --innodb-buffer-pool-size=1G --innodb-log-file-size=512M \
    --innodb-flush-log-at-trx-commit=1 --max-connections=500 --local-infile=1 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_bin --skip-name-resolve \
    --thread-handling=pool-of-threads \
    --ssl-ca="$dir/tls/ca.crt" --ssl-cert="$dir/tls/server.crt" --ssl-key="$dir/tls/server.key" \
    >/dev/null 2>&1 &
  for _ in $(seq 1 120); do
    if mariadb-admin --socket="$sock" -uroot ping >/dev/null 2>&1; then
      mariadb --socket="$sock" -uroot -e "CREATE USER IF NOT EXISTS 'tls_tester'@'127.0.0.1' REQUIRE SSL;
        GRANT SELECT ON mysql.* TO 'tls_tester'@'127.0.0.1'"
      echo "MariaDB up: socket $sock port $port"; exit 0
    fi
    sleep 0.5
  done
  echo "MariaDB did not start; see $dir/error.log:" >&2
  tail -20 "$dir/error.log" >&2 || true
  exit 1
  ;;
stop)
  if [ -f "$dir/mysqld.pid" ]; then
    pid=$(cat "$dir/mysqld.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/mysqld.pid"
  fi
  ;;
url)
  echo "mysql://root@localhost/${3:-mysql}?socket=$sock"
  ;;
tls-url)
  echo "mysql://tls_tester@127.0.0.1:$(cat "$dir/port")/${3:-mysql}?ssl_ca=$dir/tls/ca.crt"
  ;;
*) echo "usage: mariadb.sh start|stop|url|tls-url DIR" >&2; exit 2 ;;
esac
