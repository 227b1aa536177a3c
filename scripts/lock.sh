#!/usr/bin/env bash
# Refresh requirements.lock: install pyproject.toml's dependencies (with the test extra) in a
# throwaway virtual environment and pin every installed package, torch's CPU build included.
#   scripts/lock.sh            keep the current pins, add what a new dependency needs
#   scripts/lock.sh --upgrade  resolve everything afresh (slow: pip backtracks through chainlit's
#                              opentelemetry packages for several minutes)
# Then re-run the tests (scripts/test.sh) and commit requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
constraints=(-c requirements.lock)
if [ "${1:-}" = "--upgrade" ]; then
  constraints=()
elif [ -n "${1:-}" ]; then
  echo "Usage: scripts/lock.sh [--upgrade]" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp requirements.lock "$tmp/previous.lock"
constraints=("${constraints[@]/requirements.lock/$tmp/previous.lock}")
"$PY" -m venv "$tmp/venv"
pip=("$tmp/venv/bin/python" -m pip -q --disable-pip-version-check)
"${pip[@]}" install --upgrade pip
# the CPU build first (a local wheel on these machines; elsewhere set
# PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu)
"${pip[@]}" install "torch==2.13.0"
"${pip[@]}" install "${constraints[@]}" -e ".[test]"
{
  echo "# Every package the assistant and its tests install, pinned: scripts/lock.sh writes this file."
  echo "# torch is its CPU build (2.13.0 matches the wheel 2.13.0+cpu)."
  "$tmp/venv/bin/python" -m pip freeze --exclude-editable | sed -E 's/^(torch==[^+]+)\+cpu$/\1/' \
    | sort -f
} > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) packages pinned."
