#!/usr/bin/env bash
# Builds (once) a python3.11 venv from a pinned lock file and prints its path on stdout. The venv lives outside the
# repo, named after the lock's hash, so a changed lock gets a new venv and an unchanged one is reused. It counts as
# built only once its stamp is written, after `pip check`; a build that died halfway is thrown away and redone.
# Progress goes to stderr. Used by airflow/dev/setup.sh and pyiceberg/setup.sh.
#
#   tools/python-venv.sh NAME LOCK [REQUIREMENTS]
#     NAME          venv name prefix: ~/.cache/userflow/NAME-venv-<sha of LOCK>
#     LOCK          the full pinned set (pip freeze), installed with --no-deps
#     REQUIREMENTS  top-level pins that must each appear in LOCK (a lock not regenerated after an edit)
#   USERFLOW_VENV   venv path instead of the default
#   USERFLOW_PYTHON interpreter to build it with (default: python3.11)
set -euo pipefail

name="$1"
lock="$2"
requirements="${3:-}"
python="${USERFLOW_PYTHON:-python3.11}"
lock_sha="$(sha256sum "$lock" | cut -c1-12)"
venv="${USERFLOW_VENV:-$HOME/.cache/userflow/$name-venv-$lock_sha}"
stamp="$venv/.userflow-lock-sha"

log() { echo "$name venv: $*" >&2; }

if [ -n "$requirements" ]; then
  while read -r pin; do
    if ! grep -qixF "$pin" "$lock"; then
      log "$requirements pins '$pin' but $lock does not; regenerate the lock (see its header)"
      exit 1
    fi
  done < <(grep -E '^[A-Za-z0-9_.-]+(\[[a-z0-9_,-]+\])?==' "$requirements" | sed 's/[[:space:]]*#.*//; s/\[[^]]*\]//')
fi

if [ "$(cat "$stamp" 2>/dev/null)" = "$lock_sha" ]; then
  log "reusing $venv"
  echo "$venv"
  exit 0
fi

mkdir -p "$(dirname "$venv")"
# Two runs at once (say a developer and a test) must not build into the same folder.
exec 9>"$venv.build-lock"
flock 9
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sha" ]; then
  start=$SECONDS
  log "building $venv with $("$python" --version 2>&1) from $lock"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  # --no-deps: the lock is the whole set, so nothing is re-resolved; pip check proves it is consistent.
  "$venv/bin/python" -m pip install --quiet --no-input --no-deps -r "$lock" >&2
  "$venv/bin/python" -m pip check >&2
  echo "$lock_sha" > "$stamp"
  log "built in $((SECONDS - start))s"
fi
echo "$venv"
