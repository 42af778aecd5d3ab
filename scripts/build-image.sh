#!/usr/bin/env bash
# Builds the container images with podman: penataan:dev (or $PENATAAN_IMAGE,
# deploy/container/Containerfile) and penataan-mariadb:10.11 (Debian's MariaDB
# for the local overlay, deploy/container/mariadb.Containerfile). Prints each
# image's size and build duration.
#   scripts/build-image.sh                  compile in the image's build stage
#   scripts/build-image.sh --prebuilt DIR   ship the binaries a Release build in
#                   DIR (build/ of scripts/test.sh) made and tested, stripped;
#                   the image is otherwise the same (target "prebuilt")
#
# On machines that reach no container registry (the CI's), the base image is
# made from Debian's archive with mmdebstrap and imported, once. Podman runs
# with deploy/container/containers.conf (runc, cgroupfs, host network, no
# rlimit changes): see that file for why.
#
# Environment:
#   BASE_IMAGE       base of both stages; default debian:12 if it can be had,
#                    else localhost/penataan-base:bookworm (made here)
#   PENATAAN_IMAGE   tag to build; default penataan:dev
#   PENATAAN_IMAGE_CCACHE  host directory mounted as the build's ccache;
#                    default this machine's ccache directory, so the image
#                    reuses what a checkout's build compiled. "off": no cache.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
prebuilt=
if [ "${1:-}" = --prebuilt ]; then
  prebuilt=${2:?usage: build-image.sh [--prebuilt BUILD_DIR]}
fi

install_packages podman runc catatonit mmdebstrap uidmap slirp4netns
export CONTAINERS_CONF=$PWD/deploy/container/containers.conf
image=${PENATAAN_IMAGE:-penataan:dev}
local_base=localhost/penataan-base:bookworm

# The base image: debian:12 when present or pullable, else a minbase bookworm.
pick_base() {
  # Local images first: on a machine with no registry a pull only waits.
  if podman image exists debian:12; then echo debian:12; return; fi
  if podman image exists "$local_base"; then echo "$local_base"; return; fi
  if timeout 60 podman pull -q docker.io/library/debian:12 >/dev/null 2>&1; then
    echo debian:12
    return
  fi
  echo "==> no registry: making $local_base with mmdebstrap" >&2
  local tar
  tar=$(mktemp --suffix=.tar)
  mmdebstrap --quiet --variant=minbase bookworm "$tar" >&2
  podman import --quiet "$tar" "$local_base" >/dev/null
  rm -f "$tar"
  echo "$local_base"
}
base=${BASE_IMAGE:-$(pick_base)}

report() {  # IMAGE START
  local size seconds=$(( $(date +%s) - $2 ))
  size=$(podman image inspect --format '{{.Size}}' "$1")
  printf '==> %s: %d MB, built in %dm%02ds\n' "$1" $(( size / 1000000 )) \
    $(( seconds / 60 )) $(( seconds % 60 ))
}

if [ -n "$prebuilt" ]; then
  # Only the binaries go to the builder, not the build tree.
  staged=$(mktemp -d)
  trap 'rm -rf "$staged"' EXIT
  for bin in "${IMAGE_BINARIES[@]}"; do
    [ -x "$prebuilt/$bin" ] || { echo "build-image: $prebuilt/$bin not built" >&2; exit 1; }
    strip -o "$staged/${bin##*/}" "$prebuilt/$bin"
  done
  build_args=(--target prebuilt --build-context "binaries=$staged")
  from="the binaries of $prebuilt"
else
  build_args=()
  ccache_dir=${PENATAAN_IMAGE_CCACHE:-$(ccache -k cache_dir 2>/dev/null || echo "$HOME/.cache/ccache")}
  if [ "$ccache_dir" != off ]; then
    mkdir -p "$ccache_dir"
    build_args=(--volume "$ccache_dir:/ccache")
  fi
  from="the sources"
fi

echo "==> building $image on $base from $from"
start=$(date +%s)
podman build --network host --layers --build-arg BASE_IMAGE="$base" "${build_args[@]}" \
  -f deploy/container/Containerfile -t "$image" .
report "$image" "$start"

mariadb_image=${PENATAAN_MARIADB_IMAGE:-penataan-mariadb:10.11}
echo "==> building $mariadb_image on $base"
start=$(date +%s)
podman build --network host --layers --build-arg BASE_IMAGE="$base" \
  -f deploy/container/mariadb.Containerfile -t "$mariadb_image" deploy/container
report "$mariadb_image" "$start"
