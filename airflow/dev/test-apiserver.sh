#!/usr/bin/env bash
# Runs airflow/apiserver_tests: the DAGs' task through dag.test against a real kube-apiserver (no kubelet;
# dev/local_pod_runner.py runs the pods). Starts the control plane from controlplane/ and process/ target/classes (built
# by mvn) with the binaries cluster/build.sh builds or finds cached, and stops it afterwards.
set -euo pipefail

airflow_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(dirname "$airflow_dir")"
venv="$(bash "$airflow_dir/dev/setup.sh")"
for m in controlplane process; do
  [ -d "$repo/$m/target/classes/io" ] || { echo "airflow/dev/test-apiserver.sh: build $m first (mvn -pl controlplane -am package -DskipTests)" >&2; exit 1; }
done
kubectl_dir="$(cd "$repo" && bash cluster/build.sh)"

work="$(mktemp -d "${TMPDIR:-/tmp}/userflow-airflow-apiserver.XXXXXX")"
cp_pid=""
cleanup() {
  if [ -n "$cp_pid" ]; then kill -TERM "$cp_pid" 2>/dev/null || true; wait "$cp_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
(cd "$repo" && exec java -cp controlplane/target/classes:process/target/classes io.userflow.controlplane.ControlPlaneMain --dir "$work/cp") \
  > "$work/cp.out" 2> "$work/cp.err" < /dev/null &
cp_pid=$!
for _ in $(seq 1 120); do
  grep -q '^export KUBECONFIG=' "$work/cp.out" 2>/dev/null && break
  kill -0 "$cp_pid" 2>/dev/null || { cat "$work/cp.err" >&2; exit 1; }
  sleep 1
done
grep -q '^export KUBECONFIG=' "$work/cp.out" || { echo "control plane did not start in 120 s" >&2; cat "$work/cp.err" >&2; exit 1; }
export KUBECONFIG="$(sed -n 's/^export KUBECONFIG=//p' "$work/cp.out")" KUBECTL_DIR="$kubectl_dir"

# shellcheck source=airflow-env.sh
. "$airflow_dir/dev/airflow-env.sh"
unset USERFLOW_NAMESPACE USERFLOW_PIPELINE
airflow_env "$work/airflow-home"
run_pytest "$venv" apiserver_tests "$@"
