#!/usr/bin/env bash
# Build the ../shared/fixtures images on the local daemon if missing, then write their archives in every
# shape the readers accept into .bench-cache/ (never committed): docker save, skopeo OCI gzip and zstd.
#   scripts/fixture-archives.sh [tiny debian-apt manyfiles big]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${LAYERSCOPE_SHARED:-$top/../shared}
out=$top/.bench-cache
names=${*:-tiny debian-apt manyfiles big}
mkdir -p "$out"

missing=()
for n in $names; do docker image inspect "lsfix:$n" >/dev/null 2>&1 || missing+=("$n"); done
if [ ${#missing[@]} -gt 0 ]; then
  # shared/ is read-only and build.sh writes busybox into its context: build from a copy.
  work=$(mktemp -d)
  cp -r "$shared/fixtures/." "$work/" && chmod -R u+w "$work"
  # build.sh finds the Debian mirror with a `cat` of globs that fails under pipefail when
  # sources.list.d has no *.list file: hand it the mirror apt already uses.
  [ -n "${MIRROR:-}" ] || MIRROR=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null | grep -oE 'https?://[^ ]+' | head -n 1 || true)
  MIRROR=$MIRROR bash "$work/build.sh" "${missing[@]}" >&2
  rm -rf "$work"
fi

for n in $names; do
  [ -s "$out/$n.docker.tar" ] || docker save -o "$out/$n.docker.tar" "lsfix:$n"
  [ -s "$out/$n.oci-gzip.tar" ] || skopeo copy -q "docker-daemon:lsfix:$n" "oci-archive:$out/$n.oci-gzip.tar"
  [ -s "$out/$n.oci-zstd.tar" ] || skopeo copy -q --dest-compress-format zstd "docker-daemon:lsfix:$n" "oci-archive:$out/$n.oci-zstd.tar"
done
ls -l "$out" >&2
