# Shared by quickstart.sh and test.sh: what to install and how to build.
# Sourced, not run.

BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config python3
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  libabsl-dev libmysqlcppconn-dev libsqlite3-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libcli11-dev libssl-dev tzdata ccache libcpp-httplib-dev
)
# The sanitizer and fuzzing build (build-asan/): clang with libFuzzer's runtime.
SANITIZE_PACKAGES=(clang libclang-rt-14-dev)
# prometheus: its promtool checks the services' /metrics output in a test.
TEST_PACKAGES=(mariadb-server mariadb-client openssl python3-aiosmtpd prometheus)

# Installs the Debian packages that are missing, through sudo when not root.
install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  echo "==> installing ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  # A package's own service must not start (MariaDB's would take port 3306):
  # our scripts start what they need themselves.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    created=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
  local rc=$?
  [ "$created" = 1 ] && "${sudo[@]}" rm -f "$policy"
  return $rc
}

# What the container image ships (deploy/container/Containerfile builds exactly
# these targets), as paths below the build directory; the target is the file name.
IMAGE_BINARIES=(
  services/registry/penataan-registry services/formasi/penataan-formasi
  services/screening/penataan-screening services/notification/penataan-notification
  cli/penataanctl
)

# Configures DIR (default build/) for a TYPE build with Ninja; the container
# image's build stage calls this too, so both are configured alike.
configure_build() {
  local type=${1:-Release} dir=${2:-build}
  shift 2 2>/dev/null || shift $#
  # Paths below the checkout's parent are hashed relative, so that two checkouts
  # (a developer's worktrees, CI's fresh clone) share compiled objects.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(cd .. && pwd)}
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
}

# Configures (once) and builds everything in DIR (default build/).
build_all() {
  configure_build "$@"
  cmake --build "${2:-build}"
}

# Configures DIR (default build-asan/) with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer (any finding stops the process), and libFuzzer's
# coverage on every object, so that one tree builds both the tests run under the
# sanitizers and the fuzz targets (fuzz/, linked with -fsanitize=fuzzer).
SANITIZE_FLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
configure_sanitized() {
  local dir=${1:-build-asan}
  shift $(( $# > 0 ? 1 : 0 ))
  # -O0 and line tables only: the reports' stacks stay exact, and a file compiles
  # in about 60% of the time -O1 takes with these sanitizers (registry_service.cc:
  # 25 s against 41 s), which is most of what this tree costs a cold CI run; the
  # tests wait on sockets and databases, not on the CPU.
  CC=clang CXX=clang++ configure_build RelWithDebInfo "$dir" \
    -DCMAKE_CXX_FLAGS="$SANITIZE_FLAGS" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -gline-tables-only" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DPENATAAN_FUZZ=ON \
    -DPENATAAN_TEST_TIMEOUT=900 "$@"
}
