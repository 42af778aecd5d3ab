#!/usr/bin/env bash
# Fails when the container image would be built or packaged differently from
# what scripts/test.sh builds and tests. Needs no podman: it reads the
# Containerfile and the binaries of a Release build already made in BUILD_DIR
# (default build/). scripts/test.sh runs it after its build.
#   1. The image's build stage installs BUILD_PACKAGES and configures through
#      scripts/lib.sh, as test.sh does, instead of lists of its own.
#   2. It builds every service and CLI executable CMake declares (IMAGE_BINARIES).
#   3. Its runtime stage installs exactly the Debian packages owning the shared
#      libraries those binaries load (ldd, then dpkg -S): none missing, none extra.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
build_dir=${1:-build}
containerfile=${CONTAINERFILE:-deploy/container/Containerfile}
failed=0
fail() { echo "image drift: $*" >&2; failed=1; }

# 1. Same packages and flags as test.sh: both go through lib.sh.
grep -q 'install_packages \\"${BUILD_PACKAGES\[@\]}\\"' "$containerfile" ||
  fail "$containerfile: the build stage must install BUILD_PACKAGES through scripts/lib.sh's install_packages"
grep -q 'configure_build Release build' "$containerfile" ||
  fail "$containerfile: the build stage must configure with scripts/lib.sh's configure_build Release"
grep -Eq '^ *build_all Release ' scripts/test.sh ||
  fail "scripts/test.sh: no longer builds with build_all Release, which the image's configure_build mirrors"

# 2. Every executable under services/ and cli/ is in the image.
declared=$(sed -n 's/^penataan_executable(\([^ ]*\).*/\1/p' services/*/CMakeLists.txt cli/CMakeLists.txt | sort)
shipped=$(printf '%s\n' "${IMAGE_BINARIES[@]##*/}" | sort)
[ "$declared" = "$shipped" ] ||
  fail "IMAGE_BINARIES in scripts/lib.sh ($(echo $shipped)) differ from the executables CMake declares ($(echo $declared))"

# 3. The runtime packages cover ldd's output, and nothing more.
libs=()
for bin in "${IMAGE_BINARIES[@]}"; do
  [ -x "$build_dir/$bin" ] || { fail "$build_dir/$bin: not built"; continue; }
  libs+=($(ldd "$build_dir/$bin" | awk '$2 == "=>" && $3 ~ /^\// {print $3}'))
done
mapfile -t libs < <(printf '%s\n' "${libs[@]}" | sed '/^$/d' | sort -u)
# One dpkg -S for all (it reads every file list per call). A library may be
# known under /lib or /usr/lib (usrmerge), so both spellings are asked.
declare -A owner=()
while IFS= read -r line; do
  path=${line#*: }
  owner[$path]=${line%%:*}
  owner[${path#/usr}]=${line%%:*}
done < <(dpkg -S "${libs[@]}" "${libs[@]/#//usr}" 2>/dev/null || true)
needed=()
for lib in "${libs[@]}"; do
  pkg=${owner[${lib#/usr}]:-}
  [ -n "$pkg" ] || { fail "the binaries load $lib, which no Debian package ships"; continue; }
  needed+=("$pkg")
done
needed=$(printf '%s\n' "${needed[@]}" | sort -u)
listed=$(sed -n 's/^ARG RUNTIME_LIBRARY_PACKAGES="\(.*\)"$/\1/p' "$containerfile" | tr ' ' '\n' | sed '/^$/d' | sort -u)
[ -n "$listed" ] || fail "$containerfile: no ARG RUNTIME_LIBRARY_PACKAGES=\"...\" line"
missing=$(comm -23 <(echo "$needed") <(echo "$listed"))
extra=$(comm -13 <(echo "$needed") <(echo "$listed"))
[ -z "$missing" ] || fail "RUNTIME_LIBRARY_PACKAGES in $containerfile lacks what the binaries load: $(echo $missing)"
[ -z "$extra" ] || fail "RUNTIME_LIBRARY_PACKAGES in $containerfile holds packages no binary loads: $(echo $extra)"

[ "$failed" = 0 ] && echo "==> image drift check: Containerfile matches scripts/lib.sh and ldd of $build_dir"
exit "$failed"
