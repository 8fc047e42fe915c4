#!/usr/bin/env bash
# Install the test extras into .venv/ (and, from Debian, the link-grammar parser extraction reads
# roles with and Chromium for the browser tests), then run every gate: ruff (lint + format
# check), mypy on the package, pytest (unit, CLI, browser, notebooks).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

bash scripts/link-grammar.sh .venv   # Debian's link-grammar parser: extraction's roles

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
echo "== pytest"
.venv/bin/pytest "$@"
