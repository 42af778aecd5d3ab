#!/usr/bin/env bash
# Install what is missing, build, start a private MariaDB, run every test, stop it.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -R Import).
# Then the unit and service tests again under AddressSanitizer and UBSan, and
# every fuzz target for a few seconds (scripts/test-sanitized.sh); with ctest
# arguments only that Release selection runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
build_dir=build
build_all Release "$build_dir"
# The container image must build and ship what this run builds and tests.
scripts/check-image-drift.sh "$build_dir"

# The Kubernetes manifests, rendered and checked (about 15 s with its npm install).
BUILD_DIR=$build_dir scripts/check-k8s.sh

db_dir=build/test-mariadb
scripts/mariadb.sh stop "$db_dir" 2>/dev/null || true
rm -rf "$db_dir"
trap 'scripts/mariadb.sh stop "$db_dir"' EXIT
scripts/mariadb.sh start "$db_dir"

# Every MariaDB test must run: with the URL set and REQUIRE=1 none may skip.
export PENATAAN_TEST_MYSQL_URL
PENATAAN_TEST_MYSQL_URL=$(scripts/mariadb.sh url "$db_dir" mysql)
export PENATAAN_TEST_REQUIRE_MYSQL=1
# TLS to the database: a user that must use it, and a CA that vouches for nothing.
export PENATAAN_TEST_MYSQL_TLS_URL PENATAAN_TEST_MYSQL_OTHER_CA=$PWD/$db_dir/tls-other/ca.crt
PENATAAN_TEST_MYSQL_TLS_URL=$(scripts/mariadb.sh tls-url "$db_dir" mysql)

ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" "$@"

# The seed stories end to end on this MariaDB over mutual TLS, through penataanctl
# only (about a minute); not when ctest was given a selection.
if [ $# -eq 0 ]; then
  scripts/e2e.sh "$db_dir"
  # The images built from this run's binaries and the local overlay played by
  # podman, MariaDB included, smoke-tested and torn down (about 80 s the first time).
  scripts/kube-play.sh "$build_dir"
  # The clang tree: the unit and service tests under the sanitizers, on this
  # MariaDB too, then the fuzzers.
  scripts/test-sanitized.sh
fi
