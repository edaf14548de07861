#!/usr/bin/env bash
# Builds the images the one-node cluster (controlplane/'s Node) runs, without Docker or a registry, as OCI archives
# that `ctr -n k8s.io image import` loads:
#   base   Debian bookworm, mmdebstrap's `essential` variant (a shell and coreutils), no docs or man pages
#   pause  the pod sandbox: cluster/cmd/pause (built by build.sh) alone, in place of registry.k8s.io/pause
#
# Cached outside the clone under $USERFLOW_IMAGE_CACHE (default ~/.cache/userflow/images/<key>/), the key being
# a hash of this script (suite, variant, mirror, options are all here) and of the pause binary. Prints that
# folder on stdout (progress on stderr); it holds <name>.tar and images.properties (name=reference).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { echo "cluster/images.sh: $*" >&2; }

SUITE=bookworm
VARIANT=essential
MIRROR=http://deb.debian.org/debian
REGISTRY=userflow.local    # a name only: nothing is pushed or pulled

for tool in mmdebstrap umoci; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is missing: apt-get install -y $tool"; exit 1; }
done
[ "$(id -u)" = 0 ] || { say "mmdebstrap runs as root here (no user namespaces): run as root"; exit 1; }

BIN="$(bash "$HERE/build.sh")"
KEY="$(cat "${BASH_SOURCE[0]}" "$BIN/pause" | sha256sum | cut -c1-16)"
OUT="${USERFLOW_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/userflow/images}/$KEY"
if [ -f "$OUT/images.properties" ]; then
  say "up to date: $OUT"
  echo "$OUT"
  exit 0
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# oci_archive NAME LAYER.tar [umoci config options...]: an OCI layout with one layer, tagged $KEY, as a tar.
oci_archive() {
  local name="$1" layer="$2"
  shift 2
  umoci init --layout "$WORK/$name"
  umoci new --image "$WORK/$name:$KEY"
  umoci raw add-layer --image "$WORK/$name:$KEY" --history.created_by "cluster/images.sh" "$layer"
  umoci config --image "$WORK/$name:$KEY" --config.env PATH=/usr/local/bin:/usr/bin:/bin "$@"
  tar -C "$WORK/$name" -cf "$OUT/$name.tar.tmp" .
  mv "$OUT/$name.tar.tmp" "$OUT/$name.tar"
  echo "$name=$REGISTRY/$name:$KEY" >> "$OUT/images.properties.tmp"
  say "$name: $(du -h "$OUT/$name.tar" | cut -f1) as $REGISTRY/$name:$KEY"
}

start=$(date +%s)
say "base: mmdebstrap --variant=$VARIANT $SUITE from $MIRROR ..."
# Java's post-install (a later image) writes man links into usr/share/man/man1 even when man pages are excluded.
mmdebstrap --variant="$VARIANT" --format=tar --quiet \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' --skip=output/dev \
  "$SUITE" "$WORK/base-rootfs.tar" "$MIRROR"
oci_archive base "$WORK/base-rootfs.tar" --config.cmd /bin/sh
say "base built in $(( $(date +%s) - start )) s"

mkdir -p "$WORK/pause-rootfs"
cp "$BIN/pause" "$WORK/pause-rootfs/pause"
tar -C "$WORK/pause-rootfs" --owner=0 --group=0 --numeric-owner -cf "$WORK/pause-layer.tar" .
oci_archive pause "$WORK/pause-layer.tar" --config.entrypoint /pause

mv "$OUT/images.properties.tmp" "$OUT/images.properties"
say "done: $OUT"
echo "$OUT"
