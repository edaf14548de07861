#!/usr/bin/env bash
# Builds the images the one-node cluster (controlplane/'s Node) runs, without Docker or a registry, as OCI archives
# that `ctr -n k8s.io image import` loads:
#   base   Debian bookworm, mmdebstrap's `essential` variant (a shell and coreutils), no docs or man pages
#   pause  the pod sandbox: cluster/cmd/pause (built by build.sh) alone, in place of registry.k8s.io/pause
#   java   Debian bookworm essential + openjdk-17-jre-headless and a passwd entry for uid 185 (one layer), JAVA_HOME
#          and its bin on the PATH: here, the stand-in for eclipse-temurin:17-jre-noble (docker/operator.Dockerfile)
#   spark  java's layer (the same blob), then Spark $SPARK_VERSION from PyPI's pyspark source archive (its deps/:
#          bin, sbin, jars incl. spark-kubernetes) under /opt/spark and our own entrypoint (spark-entrypoint.sh:
#          driver | executor | pass-through); user spark, uid 185: here, the stand-in for apache/spark:$SPARK_VERSION
# The project's images (docker/*.Dockerfile) are built on java and spark by controlplane/'s DockerfileImage.
#
# Cached outside the clone under $USERFLOW_IMAGE_CACHE (default ~/.cache/userflow/images/<key>/), the key being
# a hash of this script (suite, variant, mirror, options, Spark's version and archive hash are all here), of the
# entrypoint and of the pause binary. Prints that folder on stdout (progress on stderr); it holds <name>.tar,
# images.properties (name=reference), spark-home (the host's Spark of the same distribution, for spark-submit) and
# spark-version (the Spark the spark image carries: the one apache/spark tag DockerfileImage maps to it).
# The pyspark archive is downloaded once into ~/.cache/userflow/spark-dist (keyed by version, checked by hash).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
say() { echo "cluster/images.sh: $*" >&2; }

SUITE=bookworm
VARIANT=essential
MIRROR=http://deb.debian.org/debian
REGISTRY=userflow.local    # a name only: nothing is pushed or pulled
SPARK_VERSION=4.1.1
SPARK_SHA256=77f78984aa84fbe865c717dd37b49913b4e5c97d76ef6824f932f1aefa6621ec   # pyspark-4.1.1.tar.gz on PyPI
SPARK_UID=185
JAVA_HOME_IN_IMAGE=/usr/lib/jvm/java-17-openjdk-amd64

for tool in mmdebstrap umoci; do
  command -v "$tool" >/dev/null 2>&1 || { say "$tool is missing: apt-get install -y $tool"; exit 1; }
done
[ "$(id -u)" = 0 ] || { say "mmdebstrap runs as root here (no user namespaces): run as root"; exit 1; }

BIN="$(bash "$HERE/build.sh")"
KEY="$(cat "${BASH_SOURCE[0]}" "$HERE/spark-entrypoint.sh" "$BIN/pause" | sha256sum | cut -c1-16)"
OUT="${USERFLOW_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/userflow/images}/$KEY"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/userflow"
if [ -f "$OUT/images.properties" ] && [ -x "$(cat "$OUT/spark-home" 2>/dev/null)/bin/spark-submit" ]; then
  say "up to date: $OUT"
  echo "$OUT"
  exit 0
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# add_layer NAME LAYER.tar [WHAT]: the layer onto the OCI layout $WORK/NAME, tagged $KEY (made if missing).
add_layer() {
  if [ ! -d "$WORK/$1" ]; then
    umoci init --layout "$WORK/$1"
    umoci new --image "$WORK/$1:$KEY"
  fi
  umoci raw add-layer --image "$WORK/$1:$KEY" --history.created_by "cluster/images.sh${3:+: $3}" "$2"
}

# oci_archive NAME [umoci config options...]: the layout's config, then the layout as $OUT/NAME.tar.
oci_archive() {
  local name="$1"
  shift
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
add_layer base "$WORK/base-rootfs.tar"
oci_archive base --config.cmd /bin/sh
say "base built in $(( $(date +%s) - start )) s"

mkdir -p "$WORK/pause-rootfs"
cp "$BIN/pause" "$WORK/pause-rootfs/pause"
tar -C "$WORK/pause-rootfs" --owner=0 --group=0 --numeric-owner -cf "$WORK/pause-layer.tar" .
add_layer pause "$WORK/pause-layer.tar"
oci_archive pause --config.entrypoint /pause

# Spark: PyPI's pyspark source archive, once per version (pip checks PyPI's hash; we check ours), unpacked once into
# spark-dist/spark-<version>: the host's SPARK_HOME (spark-submit to the cluster) and the image's /opt/spark.
DIST="$CACHE/spark-dist"
SDIST="$DIST/pyspark-$SPARK_VERSION.tar.gz"
SPARK_HOME_HOST="$DIST/spark-$SPARK_VERSION"
mkdir -p "$DIST"
if ! echo "$SPARK_SHA256  $SDIST" | sha256sum -c --status 2>/dev/null; then
  PIP=(pip)
  command -v pip >/dev/null 2>&1 || PIP=(python3 -m pip)
  "${PIP[@]}" --version >/dev/null 2>&1 || { say "pip is missing (for pyspark's archive): apt-get install -y python3-pip"; exit 1; }
  say "spark: pip download pyspark==$SPARK_VERSION (source archive, ~455 MB) into $DIST ..."
  rm -f "$SDIST"
  "${PIP[@]}" download "pyspark==$SPARK_VERSION" --no-deps --no-binary :all: -d "$DIST" >&2
  echo "$SPARK_SHA256  $SDIST" | sha256sum -c >&2
fi
if [ ! -x "$SPARK_HOME_HOST/bin/spark-submit" ]; then
  say "spark: unpacking deps/ of $SDIST into $SPARK_HOME_HOST"
  rm -rf "$SPARK_HOME_HOST.tmp"
  mkdir -p "$SPARK_HOME_HOST.tmp"
  tar -xzf "$SDIST" -C "$SPARK_HOME_HOST.tmp" --strip-components=2 \
    "pyspark-$SPARK_VERSION/deps/bin" "pyspark-$SPARK_VERSION/deps/sbin" "pyspark-$SPARK_VERSION/deps/jars"
  rm -f "$SPARK_HOME_HOST.tmp"/bin/*.cmd
  mkdir -p "$SPARK_HOME_HOST.tmp/conf"
  rm -rf "$SPARK_HOME_HOST"
  mv "$SPARK_HOME_HOST.tmp" "$SPARK_HOME_HOST"
fi

start=$(date +%s)
say "java: mmdebstrap --variant=$VARIANT --include=openjdk-17-jre-headless $SUITE ..."
# uid 185 (Spark's images' user, and the operator's) needs a passwd entry: spark-submit (Ivy) wants a home.
mmdebstrap --variant="$VARIANT" --format=tar --quiet --include=openjdk-17-jre-headless \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' --skip=output/dev \
  --customize-hook="echo 'spark:x:$SPARK_UID:$SPARK_UID:spark:/opt/spark/work-dir:/bin/false' >> \"\$1/etc/passwd\"" \
  --customize-hook="echo 'spark:x:$SPARK_UID:' >> \"\$1/etc/group\"" \
  --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
  "$SUITE" "$WORK/java-rootfs.tar" "$MIRROR"
say "java: Debian + Java layer in $(( $(date +%s) - start )) s"
add_layer java "$WORK/java-rootfs.tar" "Debian + Java"
rm -f "$WORK/java-rootfs.tar"
cp -a "$WORK/java" "$WORK/spark"    # spark starts from the same layer blob, before java's config
oci_archive java --config.env JAVA_HOME="$JAVA_HOME_IN_IMAGE" \
  --config.env PATH="$JAVA_HOME_IN_IMAGE/bin:/usr/local/bin:/usr/bin:/bin"
say "java built in $(( $(date +%s) - start )) s"

start=$(date +%s)
say "spark: Spark layer ..."
mkdir -p "$WORK/spark-layer/opt/spark/work-dir"
cp -a "$SPARK_HOME_HOST/bin" "$SPARK_HOME_HOST/sbin" "$SPARK_HOME_HOST/jars" "$SPARK_HOME_HOST/conf" "$WORK/spark-layer/opt/spark/"
install -m 0755 "$HERE/spark-entrypoint.sh" "$WORK/spark-layer/opt/entrypoint.sh"
chown -R 0:0 "$WORK/spark-layer"
chown "$SPARK_UID:$SPARK_UID" "$WORK/spark-layer/opt/spark/work-dir"
tar -C "$WORK/spark-layer" --numeric-owner --sort=name --mtime=@0 -cf "$WORK/spark-layer.tar" .
add_layer spark "$WORK/spark-layer.tar"
oci_archive spark --config.entrypoint /opt/entrypoint.sh \
  --config.env SPARK_HOME=/opt/spark --config.env JAVA_HOME="$JAVA_HOME_IN_IMAGE" \
  --config.user "$SPARK_UID" --config.workingdir /opt/spark/work-dir
echo "$SPARK_HOME_HOST" > "$OUT/spark-home"
echo "$SPARK_VERSION" > "$OUT/spark-version"
say "spark built in $(( $(date +%s) - start )) s"

mv "$OUT/images.properties.tmp" "$OUT/images.properties"
say "done: $OUT"
echo "$OUT"
