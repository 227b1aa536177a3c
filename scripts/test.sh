#!/usr/bin/env bash
# One command: install, then run the whole test suite (unit, CLI, real model, PostgreSQL, browser).
# Missing system packages (Debian's chromium, npm and postgresql) are installed by scripts/system.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/system.sh
scripts/setup.sh
# axe-core for the browser tests' accessibility checks: from npm, pinned by tests/web's lock
npm ci --prefix tests/web --no-audit --no-fund --ignore-scripts --loglevel=error
# shellcheck disable=SC1091
. .venv/bin/activate
ruff check assistant tests scripts
assistant corpus check
exec python -m pytest "$@"
