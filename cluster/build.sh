#!/usr/bin/env bash
# Builds the control plane the tests and `./userflow cluster-demo` run -- etcd, kube-apiserver,
# kube-controller-manager, kubectl -- and the one-node cluster's kube-scheduler, kubelet, kube-proxy and pod
# sandbox (pause) from the Go modules pinned in cluster/go.mod, CoreDNS from cluster/coredns/go.mod, and takes the
# Kubeflow SparkApplication CRD and the spark-operator controller from the spark-operator module pinned in
# cluster/spark-operator-crd/go.mod.
#
# Idempotent and cached outside the clone: the binaries go to $USERFLOW_CLUSTER_CACHE (default
# ~/.cache/userflow/cluster/<kubernetes>-etcd<etcd>-<hash of the inputs>/), and a build whose inputs are unchanged
# is skipped.
# Prints the bin folder on stdout (progress on stderr). GO_BUILD_PARALLELISM (default 2) bounds `go build -p`.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
command -v go >/dev/null 2>&1 || { echo "cluster/build.sh: Go is not installed (needs Go >= 1.25 with the module proxy)." >&2; exit 1; }
export GOFLAGS="${GOFLAGS:--mod=mod}"
export CGO_ENABLED=0

say() { echo "cluster/build.sh: $*" >&2; }

K8S_VERSION="$(go list -m -f '{{.Version}}' k8s.io/kubernetes)"
ETCD_VERSION="$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"
WANT="$(cat go.mod go.sum cmd/etcd/main.go cmd/pause/main.go coredns/go.mod coredns/go.sum spark-operator-crd/go.mod spark-operator-crd/go.sum build.sh | sha256sum | cut -d' ' -f1)"
# The folder is keyed by the inputs too: clones of other revisions on the same machine build other sets of
# binaries, and one shared folder would make each rebuild what the other just built.
CACHE="${USERFLOW_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/userflow/cluster}/${K8S_VERSION}-etcd${ETCD_VERSION}-${WANT:0:12}"
BIN="$CACHE/bin"
STAMP="$CACHE/.built"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then
  say "up to date: kubernetes $K8S_VERSION, etcd $ETCD_VERSION in $BIN"
  echo "$BIN"
  exit 0
fi
mkdir -p "$BIN"
rm -f "$STAMP"

# What `kubectl version` and /version report; the kubernetes Makefile sets the same variables.
MAJOR="${K8S_VERSION#v}"; MAJOR="${MAJOR%%.*}"
MINOR="${K8S_VERSION#v*.}"; MINOR="${MINOR%%.*}"
LDFLAGS="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LDFLAGS="$LDFLAGS -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=$MAJOR -X $pkg.gitMinor=$MINOR"
  LDFLAGS="$LDFLAGS -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

P="${GO_BUILD_PARALLELISM:-2}"
build_one() {
  local name="$1" pkg="$2" flags="$3" start
  start=$(date +%s)
  say "building $name ($pkg) with go build -p $P ..."
  # a name of this process's own: two builds of the same inputs at once (two clones, two test runs) must not move
  # each other's half-written file; the last mv wins with a whole binary either way
  go build -p "$P" -trimpath -ldflags "$flags" -o "$BIN/$name.tmp.$$" "$pkg"
  mv "$BIN/$name.tmp.$$" "$BIN/$name"
  say "built $name in $(( $(date +%s) - start )) s"
}
say "downloading modules (kubernetes $K8S_VERSION, etcd $ETCD_VERSION) ..."
go mod download
build_one etcd ./cmd/etcd "-s -w"
build_one kube-apiserver k8s.io/kubernetes/cmd/kube-apiserver "$LDFLAGS"
build_one kube-controller-manager k8s.io/kubernetes/cmd/kube-controller-manager "$LDFLAGS"
build_one kubectl k8s.io/kubernetes/cmd/kubectl "$LDFLAGS"
# The one-node cluster (controlplane/'s Node): same module, same replace lines, so the same versions.
build_one kube-scheduler k8s.io/kubernetes/cmd/kube-scheduler "$LDFLAGS"
build_one kubelet k8s.io/kubernetes/cmd/kubelet "$LDFLAGS"
build_one kube-proxy k8s.io/kubernetes/cmd/kube-proxy "$LDFLAGS"
build_one pause ./cmd/pause "-s -w"
# CoreDNS from its own module (coredns/go.mod): its client-go is not the one the replace lines above pin.
(cd coredns && build_one coredns github.com/coredns/coredns "-s -w")

say "taking the spark-operator's CRDs from its module ..."
SO_DIR="$(cd spark-operator-crd && go mod download -json github.com/kubeflow/spark-operator/v2 | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
[ -n "$SO_DIR" ] || { say "the spark-operator module did not download; see cluster/spark-operator-crd/go.mod"; exit 1; }
mkdir -p "$CACHE/crds"
# All three: the controller watches SparkApplications, ScheduledSparkApplications and SparkConnects.
cp "$SO_DIR"/config/crd/bases/sparkoperator.k8s.io_*.yaml "$CACHE/crds/"
chmod 644 "$CACHE/crds/"*.yaml

# The spark-operator controller has to be built with its own module as the main module: only then do its go.mod's
# replace lines (k8s.io/* at v0.32.5) apply. So build it in a writable copy of the module download; -mod=readonly
# makes Go check every dependency against the module's own go.sum and change nothing.
SO_VERSION="$(cd spark-operator-crd && go list -m -f '{{.Version}}' github.com/kubeflow/spark-operator/v2)"
SO_COPY="$(mktemp -d "$CACHE/spark-operator-src.XXXXXX")"
trap 'rm -rf "$SO_COPY"' EXIT
cp -r "$SO_DIR/." "$SO_COPY"
chmod -R u+w "$SO_COPY"
(cd "$SO_COPY" && GOFLAGS=-mod=readonly build_one spark-operator ./cmd/operator \
  "-s -w -X github.com/kubeflow/spark-operator/v2.version=$SO_VERSION -X github.com/kubeflow/spark-operator/v2.gitTag=$SO_VERSION -X github.com/kubeflow/spark-operator/v2.gitTreeState=clean")
rm -rf "$SO_COPY"
trap - EXIT

echo "$WANT" > "$STAMP"
say "done: $BIN"
echo "$BIN"
