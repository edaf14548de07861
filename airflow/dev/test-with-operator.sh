#!/usr/bin/env bash
# Runs airflow/operator_tests: the DAGs' task through dag.test against a cluster where the REAL userflow
# operator runs (dev/local_pod_runner.py plays the kubelet for the task's pod). Unlike test-apiserver.sh it
# starts no control plane and creates no namespace or CRDs: the caller gives a running cluster.
#
# Environment (all required):
#   KUBECONFIG          admin kubeconfig; helm/userflow installed in USERFLOW_NAMESPACE, its CRDs present,
#                       FeaturePipeline USERFLOW_PIPELINE Running, the operator and a spark-operator running
#   KUBECTL_DIR         folder holding kubectl
#   USERFLOW_NAMESPACE  namespace of the pipeline and its Reprocesses (the DAGs read it)
#   USERFLOW_PIPELINE   FeaturePipeline the DAGs run (the DAGs read it)
# Optional: USERFLOW_TEST_WAIT_SECONDS (default 300), the longest one test waits for one Reprocess.
# Applies the Airflow RBAC of helm/userflow-stack (ServiceAccount, Role, RoleBinding) and leaves it; removes
# its temp dir and any task pod it left. Extra arguments go to pytest.
#
#   KUBECONFIG=... KUBECTL_DIR=... USERFLOW_NAMESPACE=userflow USERFLOW_PIPELINE=clicks \
#     bash airflow/dev/test-with-operator.sh
set -euo pipefail

me="airflow/dev/test-with-operator.sh"
airflow_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() { echo "$me: $*" >&2; exit 2; }

missing=()
for var in KUBECONFIG KUBECTL_DIR USERFLOW_NAMESPACE USERFLOW_PIPELINE; do
  [ -n "${!var:-}" ] || missing+=("$var")
done
[ "${#missing[@]}" -eq 0 ] || die "${missing[*]} not set; this runs against a cluster where the userflow operator runs (see the header of $me)"
[ -r "$KUBECONFIG" ] || die "KUBECONFIG=$KUBECONFIG is not a readable file"
[ -x "$KUBECTL_DIR/kubectl" ] || die "KUBECTL_DIR=$KUBECTL_DIR holds no executable kubectl"
# Absolute paths: pytest runs from airflow/, and the pods get PATH=$KUBECTL_DIR:...
KUBECONFIG="$(cd "$(dirname "$KUBECONFIG")" && pwd)/$(basename "$KUBECONFIG")"
KUBECTL_DIR="$(cd "$KUBECTL_DIR" && pwd)"
export KUBECONFIG KUBECTL_DIR USERFLOW_NAMESPACE USERFLOW_PIPELINE
ns="$USERFLOW_NAMESPACE"
k() { "$KUBECTL_DIR/kubectl" --request-timeout=20s "$@"; }

# What must already be there (read only).
k get namespace "$ns" -o name >/dev/null || die "namespace $ns not found (the cluster must have helm/userflow installed)"
k get crd reprocesses.userflow.io featurepipelines.userflow.io -o name >/dev/null \
  || die "the userflow CRDs are not installed"
k get featurepipelines.userflow.io "$USERFLOW_PIPELINE" -n "$ns" -o name >/dev/null \
  || die "FeaturePipeline $USERFLOW_PIPELINE not found in namespace $ns"

venv="$(bash "$airflow_dir/dev/setup.sh")"
work="$(mktemp -d "${TMPDIR:-/tmp}/userflow-airflow-operator.XXXXXX")"
cleanup() {
  # on_finish_action=delete_pod and the tests' teardown remove the task pods; this is for a cut-short run
  k delete pods -n "$ns" -l 'kubernetes_pod_operator=True,dag_id in (userflow_hourly,userflow_backfill)' \
    --ignore-not-found --wait=false >/dev/null 2>&1 || echo "$me: could not delete leftover task pods" >&2
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=airflow-env.sh
. "$airflow_dir/dev/airflow-env.sh"
airflow_env "$work/airflow-home"

# The Role the stack chart gives Airflow's task pods (rendered by apiserver_tests' helper, reused).
"$venv/bin/python" "$airflow_dir/operator_tests/stack_rbac.py" > "$work/airflow-rbac.yaml"
k apply -f "$work/airflow-rbac.yaml"

run_pytest "$venv" operator_tests "$@"
