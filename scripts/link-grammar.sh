#!/usr/bin/env bash
# Install Carnegie Mellon's Link Grammar parser (LGPL 2.1) from Debian for `diplograph extract`,
# which reads who does what to whom from its links (src/diplograph/curation/extract/parse.py).
# apt-get installs python3-link-grammar and its English dictionary (once); then a .pth file in
# the venv puts a folder holding only Debian's `linkgrammar` package on the venv's path (not the
# rest of Debian's dist-packages). Without it, extraction reads roles by word order.
#
#   bash scripts/link-grammar.sh [VENV]      (default: .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv}"
python="$venv/bin/python"

if ! dpkg -s python3-link-grammar >/dev/null 2>&1; then
    echo "== installing Debian's python3-link-grammar for diplograph extract"
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-link-grammar >/dev/null
fi

package="$(dirname "$(dpkg -L python3-link-grammar | grep '/linkgrammar/__init__\.py$' | head -n 1)")"
folder="$(cd "$venv" && pwd)/debian-link-grammar"
mkdir -p "$folder"
ln -sfn "$package" "$folder/linkgrammar"
site="$("$python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$folder" > "$site/debian-link-grammar.pth"

if ! "$python" -c 'import linkgrammar.clinkgrammar' 2>/dev/null; then
    echo "link-grammar: Debian's package ($package) does not load in $python" >&2
    echo "($("$python" -c 'import sys; print(sys.version.split()[0])'); Debian builds it for its own python3)." >&2
    exit 1
fi
