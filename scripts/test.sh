#!/usr/bin/env bash
# One command: install, then run the whole test suite (unit, CLI, real model, browser).
# The browser test needs Chromium: on Debian, apt-get install -y chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# shellcheck disable=SC1091
. .venv/bin/activate
ruff check assistant tests scripts
assistant corpus check
exec python -m pytest "$@"
