#!/usr/bin/env bash
# Builds (once) the python3.11 venv the Airflow DAG tests run in and prints its path on stdout
# (tools/python-venv.sh: outside the repo, named after the lock's hash, reused while the lock is unchanged).
#
#   USERFLOW_AIRFLOW_VENV  venv path (default: ~/.cache/userflow/airflow-venv-<sha of requirements.lock>)
#   USERFLOW_PYTHON        interpreter to build it with (default: python3.11)
set -euo pipefail

airflow_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
USERFLOW_VENV="${USERFLOW_AIRFLOW_VENV:-}" exec bash "$airflow_dir/../tools/python-venv.sh" airflow \
  "$airflow_dir/requirements.lock" "$airflow_dir/requirements.txt"
