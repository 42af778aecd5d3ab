#!/bin/sh
# Starts MariaDB; on an empty data directory first creates it the way the official
# image's entrypoint does for the variables k8s/overlays/local sets:
#   MARIADB_ROOT_PASSWORD_FILE  root's password (root@localhost only)
#   MARIADB_USER, MARIADB_PASSWORD_FILE  optional: a user for every host ('%'), no grants
#   /docker-entrypoint-initdb.d/*.sql  run as root, in name order (databases, grants)
# Runs as the image's user (uid 999); passwords never reach a command line.
set -eu
datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock

# FILE's content without trailing whitespace (as the services read a password_file),
# as an SQL string literal.
sql_string() {
  printf "'%s'" "$(sed -e 's/[[:space:]]*$//' -e 's/\\/\\\\/g' -e "s/'/''/g" "$1")"
}

initialize() {
  : "${MARIADB_ROOT_PASSWORD_FILE:?}"
  echo "mariadb-entrypoint: initializing $datadir"
  mariadb-install-db --no-defaults --datadir="$datadir" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null
  mariadbd --no-defaults --datadir="$datadir" --socket="$socket" --skip-networking &
  pid=$!
  tries=0
  until mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 60 ] || { echo "mariadb-entrypoint: server did not start" >&2; exit 1; }
    sleep 1
  done
  {
    if [ -n "${MARIADB_USER:-}" ]; then
      echo "CREATE USER \`$MARIADB_USER\`@'%' IDENTIFIED BY $(sql_string "${MARIADB_PASSWORD_FILE:?}");"
    fi
    for f in /docker-entrypoint-initdb.d/*.sql; do
      [ -f "$f" ] && cat "$f"
    done
    # Last: once set, the socket session above is the only one that ran without it.
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY $(sql_string "$MARIADB_ROOT_PASSWORD_FILE");"
    echo "FLUSH PRIVILEGES;"
  } | mariadb --no-defaults --socket="$socket" -uroot
  kill "$pid"
  wait "$pid" || true
  echo "mariadb-entrypoint: initialized"
}

# A data directory is made in full or made again: the marker "initializing" is
# written first and "initialized" last, so a first start that failed half way (the
# system tables made, the users not) starts over rather than serving without them.
# Data from elsewhere (no markers at all) is served as it is, never wiped.
if [ ! -f "$datadir/.penataan-initialized" ] &&
   { [ ! -d "$datadir/mysql" ] || [ -f "$datadir/.penataan-initializing" ]; }; then
  find "$datadir" -mindepth 1 -delete
  touch "$datadir/.penataan-initializing"
  initialize
  touch "$datadir/.penataan-initialized"
  rm "$datadir/.penataan-initializing"
fi
exec mariadbd --no-defaults --datadir="$datadir" --socket="$socket" --bind-address=0.0.0.0 \
  --port=3306 --skip-name-resolve --character-set-server=utf8mb4 --collation-server=utf8mb4_bin
