#!/usr/bin/env bash
# One command: install, build the index if it is missing, start the chat on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate
exec assistant serve "$@"
