# Sourced by the test scripts: one Airflow configuration for every test run, and the pytest call.
#   airflow_env HOME_DIR   -- a fresh AIRFLOW_HOME (SQLite metadata database, logs) with the DAG folder set
#   run_pytest VENV WHAT [pytest args]  -- pytest from the venv; "no tests collected" (exit 5) is a failure
# Expects $airflow_dir (airflow/) to be set by the caller.

airflow_env() {
  export AIRFLOW_HOME="$1"
  mkdir -p "$AIRFLOW_HOME"
  export AIRFLOW__CORE__DAGS_FOLDER="$airflow_dir/dags"
  export AIRFLOW__CORE__LOAD_EXAMPLES=False
  export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$AIRFLOW_HOME/airflow.db"
  # Deliberately not unit_test_mode: its config is not production's (create_cron_data_intervals=true turns a
  # plain "@hourly" into data intervals), and the DAGs are tested as a default install parses them.
  export AIRFLOW__CORE__UNIT_TEST_MODE=False
  # The settings the DAGs read, pinned so a developer's shell does not change what is tested (a caller that
  # runs against a given cluster sets USERFLOW_NAMESPACE and USERFLOW_PIPELINE itself).
  export USERFLOW_NAMESPACE="${USERFLOW_NAMESPACE:-userflow}" USERFLOW_PIPELINE="${USERFLOW_PIPELINE:-clickstream}" \
    USERFLOW_AIRFLOW_SA=userflow-airflow USERFLOW_KUBECTL_IMAGE=alpine/k8s:1.33.1
  # Nothing under the work tree is written: no __pycache__ next to the DAGs or tests.
  export PYTHONDONTWRITEBYTECODE=1
}

run_pytest() {
  local venv="$1" status
  shift
  cd "$airflow_dir"
  set +e
  "$venv/bin/pytest" -c "$airflow_dir/pytest.ini" --rootdir "$airflow_dir" "$@" </dev/null
  status=$?
  set -e
  if [ "$status" -eq 5 ]; then
    echo "airflow/dev: pytest collected no tests; that is a failure here" >&2
    return 1
  fi
  return "$status"
}
