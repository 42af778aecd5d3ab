#!/usr/bin/env bash
# The unit and service tests again, built by clang with AddressSanitizer,
# UndefinedBehaviorSanitizer and LeakSanitizer (any finding fails the test), then
# every fuzz target for a few seconds, all in build-asan/ (scripts/lib.sh's
# configure_sanitized: one tree for both). scripts/test.sh runs it after the
# Release suite, with its MariaDB still up and PENATAAN_TEST_MYSQL_* exported,
# so the MariaDB cases run here too. Extra arguments go to ctest.
#
#   scripts/test-sanitized.sh [CTEST_ARGS...]    e.g. scripts/test-sanitized.sh -R Import
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

install_packages "${SANITIZE_PACKAGES[@]}"
configure_sanitized build-asan
# The test programs of the labels run below, the service binaries the process
# tests start, and the fuzz targets: not the benchmarks, which nothing runs here.
targets=$(cmake --build build-asan --target help | sed -n 's/^\([a-z_]*\(_test\|_fuzzer\)\): .*/\1/p')
cmake --build build-asan --target $targets penataan-registry penataan-notification \
  penataan-formasi penataan-screening penataanctl

# Why each option: halt at the first report of any kind (UBSan would go on
# otherwise), report leaks at exit, and keep what the gRPC and protobuf runtimes
# hold for the life of the process out of the leak report (sanitizer/lsan.supp).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$PWD/scripts/sanitizer/ubsan.supp
export LSAN_OPTIONS=suppressions=$PWD/scripts/sanitizer/lsan.supp:print_suppressions=0

# unit: the rules and parsers; storage: both databases; service and cli: real
# servers on localhost, called as clients would.
ctest --test-dir build-asan --output-on-failure --parallel "$(nproc)" --timeout 900 \
  -L 'unit|storage|service|cli' "$@"

[ $# -gt 0 ] || scripts/fuzz.sh "${PENATAAN_FUZZ_SECONDS:-5}"
