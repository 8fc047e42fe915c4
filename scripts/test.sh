#!/usr/bin/env bash
# Install the test extras into .venv/ (and Debian's Chromium for the browser tests), then run
# every gate: ruff (lint + format check), mypy on the package, the import contract, pytest (unit,
# CLI, browser, notebooks).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

if [ ! -x /usr/bin/chromium ]; then
    echo "== installing Debian's Chromium for the browser tests"
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

echo "== ruff check"
.venv/bin/ruff check .
echo "== ruff format --check"
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== import contract (layers, no cycles: [tool.importlinter] in pyproject.toml)"
.venv/bin/lint-imports --no-cache
echo "== pytest"
.venv/bin/pytest "$@"
