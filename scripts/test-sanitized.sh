#!/usr/bin/env bash
# The unit and service tests again, built by clang with AddressSanitizer,
# UndefinedBehaviorSanitizer and LeakSanitizer (any finding fails the test), then
# every fuzz target for a few seconds, all in build-asan/ (scripts/lib.sh's
# configure_sanitized: one tree for both). scripts/test.sh runs it after the
# Release suite, with its MariaDB still up and PENATAAN_TEST_MYSQL_* exported,
# so the MariaDB cases run here too. Extra arguments go to ctest, and then the
# fuzzers do not run.
#
#   scripts/test-sanitized.sh [CTEST_ARGS...]    e.g. scripts/test-sanitized.sh -R Import
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

install_packages "${SANITIZE_PACKAGES[@]}"
configure_sanitized build-asan
# The test programs of the labels run below (and the binaries the process tests
# start), and the fuzz targets when they run: not the CLI's tests nor the
# benchmarks. A case may take 900 s here (PENATAAN_TEST_TIMEOUT), not 300.
cmake --build build-asan --target sanitized_tests

# Every report fails the test: UBSan halts at its first (it would go on
# otherwise), LeakSanitizer reports at exit (a service binary's exit code too).
# Nothing is suppressed: gRPC, protobuf, MariaDB's connector and SQLite, which
# are not built here, report nothing on this suite.
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Label sanitized: the unit tests (rules and parsers), storage (both databases)
# and service tests (real servers on localhost, called as clients would), which
# cmake/PenataanHelpers.cmake marks and sanitized_tests builds.
ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" -L '^sanitized$' "$@"

[ $# -gt 0 ] || scripts/fuzz.sh "${PENATAAN_FUZZ_SECONDS:-5}"
