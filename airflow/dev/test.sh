#!/usr/bin/env bash
# Runs the Airflow DAG tests (airflow/tests) with real Airflow, in the venv dev/setup.sh builds.
# Each run gets a fresh AIRFLOW_HOME (SQLite metadata database, logs), removed afterwards.
# Extra arguments go to pytest, e.g.: bash airflow/dev/test.sh -k backfill
set -euo pipefail

airflow_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$(bash "$airflow_dir/dev/setup.sh")"

AIRFLOW_HOME="$(mktemp -d "${TMPDIR:-/tmp}/userflow-airflow-home.XXXXXX")"
trap 'rm -rf "$AIRFLOW_HOME"' EXIT
export AIRFLOW_HOME
export AIRFLOW__CORE__DAGS_FOLDER="$airflow_dir/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$AIRFLOW_HOME/airflow.db"
# Deliberately not unit_test_mode: its config is not production's (create_cron_data_intervals=true turns a
# plain "@hourly" into data intervals), and the DAGs are tested as a default install parses them.
export AIRFLOW__CORE__UNIT_TEST_MODE=False
# The settings the DAGs read, pinned so a developer's shell does not change what is tested.
export USERFLOW_NAMESPACE=userflow USERFLOW_PIPELINE=clickstream USERFLOW_AIRFLOW_SA=userflow-airflow \
  USERFLOW_KUBECTL_IMAGE=alpine/k8s:1.33.1
# Nothing under the work tree is written: no __pycache__ next to the DAGs or tests.
export PYTHONDONTWRITEBYTECODE=1

cd "$airflow_dir"
set +e
"$venv/bin/pytest" -c "$airflow_dir/pytest.ini" --rootdir "$airflow_dir" "$@" </dev/null
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "airflow/dev/test.sh: pytest collected no tests; that is a failure here" >&2
  exit 1
fi
exit "$status"
