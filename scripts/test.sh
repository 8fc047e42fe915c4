#!/usr/bin/env bash
# Install the test extras into .venv/ (and, from Debian, the link-grammar parser extraction reads
# roles with, and Chromium and Virtuoso for the browser and store tests), then run every gate:
# ruff (lint + format check), mypy on the package and the tests, the import contract, pytest
# (unit, CLI, browser, notebooks).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

bash scripts/link-grammar.sh .venv   # Debian's link-grammar parser: extraction's roles

# Debian's Chromium for the browser tests, and Virtuoso's binaries (virtuoso-t, isql-vt: the
# virtuoso-opensource packages' -bin part, without the system service that would listen on all
# addresses) for the store tests, which start it themselves on 127.0.0.1
missing=""
if [ ! -x /usr/bin/chromium ]; then missing="$missing chromium"; fi
if [ ! -x /usr/bin/virtuoso-t ] || [ ! -x /usr/bin/isql-vt ]; then
    missing="$missing virtuoso-opensource-7-bin"
fi
if [ -n "$missing" ]; then
    echo "== installing Debian's$missing for the browser and store tests"
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    # shellcheck disable=SC2086 (one word a package)
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
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
