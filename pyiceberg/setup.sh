#!/usr/bin/env bash
# Builds (once) the python3.11 venv with PyIceberg that read_tables.py runs in and prints its path on stdout
# (tools/python-venv.sh: outside the repo, named after the lock's hash, reused while the lock is unchanged).
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$dir/../tools/python-venv.sh" pyiceberg "$dir/requirements.lock" "$dir/requirements.txt"
