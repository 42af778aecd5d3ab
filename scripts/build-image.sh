#!/usr/bin/env bash
# Builds the container image (deploy/container/Containerfile) with podman and
# tags it penataan:dev (or $PENATAAN_IMAGE). Prints the image's size and the
# build's duration.
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

install_packages podman runc catatonit mmdebstrap uidmap slirp4netns
export CONTAINERS_CONF=$PWD/deploy/container/containers.conf
image=${PENATAAN_IMAGE:-penataan:dev}
local_base=localhost/penataan-base:bookworm

# The base image: debian:12 when present or pullable, else a minbase bookworm.
pick_base() {
  if podman image exists debian:12 ||
     timeout 60 podman pull -q docker.io/library/debian:12 >/dev/null 2>&1; then
    echo debian:12
    return
  fi
  if ! podman image exists "$local_base"; then
    echo "==> no registry: making $local_base with mmdebstrap" >&2
    local tar
    tar=$(mktemp --suffix=.tar)
    mmdebstrap --quiet --variant=minbase bookworm "$tar" >&2
    podman import --quiet "$tar" "$local_base" >/dev/null
    rm -f "$tar"
  fi
  echo "$local_base"
}
base=${BASE_IMAGE:-$(pick_base)}

cache_args=()
ccache_dir=${PENATAAN_IMAGE_CCACHE:-$(ccache -k cache_dir 2>/dev/null || echo "$HOME/.cache/ccache")}
if [ "$ccache_dir" != off ]; then
  mkdir -p "$ccache_dir"
  cache_args=(--volume "$ccache_dir:/ccache")
fi

echo "==> building $image on $base"
start=$(date +%s)
podman build --network host --layers \
  --build-arg BASE_IMAGE="$base" "${cache_args[@]}" \
  -f deploy/container/Containerfile -t "$image" .
seconds=$(( $(date +%s) - start ))

size=$(podman image inspect --format '{{.Size}}' "$image")
printf '==> %s: %d MB, built in %dm%02ds\n' "$image" $(( size / 1000000 )) \
  $(( seconds / 60 )) $(( seconds % 60 ))
