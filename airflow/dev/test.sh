#!/usr/bin/env bash
# Runs the Airflow DAG tests (airflow/tests) with real Airflow, in the venv dev/setup.sh builds.
# Each run gets a fresh AIRFLOW_HOME (SQLite metadata database, logs), removed afterwards.
# Extra arguments go to pytest, e.g.: bash airflow/dev/test.sh -k backfill
set -euo pipefail

airflow_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$(bash "$airflow_dir/dev/setup.sh")"

# shellcheck source=airflow-env.sh
. "$airflow_dir/dev/airflow-env.sh"
home="$(mktemp -d "${TMPDIR:-/tmp}/userflow-airflow-home.XXXXXX")"
trap 'rm -rf "$home"' EXIT
# a developer's shell must not change what is tested
unset USERFLOW_NAMESPACE USERFLOW_PIPELINE
airflow_env "$home"
run_pytest "$venv" "$@"
