"""Where a named query's whole process goes, on a store (a script, not a test; prints Markdown).

A fresh interpreter runs ``diplograph --store oxigraph-ro:STORE query NAME`` as the command line
does, with marks taken (wall and CPU seconds of the process) at: the interpreter up, the
command's modules imported, the store opened by pyoxigraph, the built-in graph checked
(``Store.ensure_builtin``), the query answered, the output written; "between" marks the work
before each (the command line parsed by typer, whose parameters go through pydantic; the
imports each step makes on the way). A second run imports first
every module the first run ended with, so that its phases are the work alone and its first
phase is every import the command makes. Beside them, the floors in fresh interpreters:
``python -c pass``, ``import pyoxigraph``, ``pyoxigraph.Store.read_only(STORE)``, and bare
pyoxigraph running the query's text (prologue and bound ``VALUES`` as diplograph runs it) and
writing its rows as TSV. Each figure is the median of ``--runs`` after one warm-up.

Run: ``.venv/bin/python bench/startup.py STORE [--query NAME -p a=b ...] [--runs 5]``
(``STORE``: an Oxigraph store folder, opened read-only: nothing is written into it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: run in a fresh interpreter: argv = [mode, modules file, command words...]; prints the phases
#: as JSON on stderr's last line (mode "warm" imports the modules file's modules first)
PHASES = r"""
import time
T0 = (time.perf_counter(), time.process_time())
import atexit, json, sys
marks = [("interpreter up (to the first line)", T0[0], T0[1])]
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
mode, modules = sys.argv[1], sys.argv[2]
if mode == "warm":
    import importlib
    for name in json.load(open(modules)):
        try:
            importlib.import_module(name)
        except Exception:
            pass
mark("imports (warm: every module the command uses)")
import diplograph.cli
from diplograph.api import KnowledgeGraph
from diplograph.store import base, oxigraph
mark("diplograph.cli, api and store modules imported")
def wrap(owner, attr, label):
    inner = getattr(owner, attr)
    def wrapper(*args, **kwargs):
        mark("between: " + label)
        try:
            return inner(*args, **kwargs)
        finally:
            mark(label)
    setattr(owner, attr, wrapper)
wrap(oxigraph.OxigraphEngine, "_open", "store opened (pyoxigraph)")
wrap(base.Store, "ensure_builtin", "built-in graph checked")
wrap(KnowledgeGraph, "query", "query answered")
def done():
    mark("output written, exit")
    found, previous = [], (0.0, 0.0)
    for index, (name, wall, cpu) in enumerate(marks):
        if index == 0:
            found.append([name, None, cpu])
        else:
            found.append([name, wall - previous[0], cpu - previous[1]])
        previous = (wall, cpu)
    if mode == "cold":
        json.dump(sorted(m for m in sys.modules if not m.startswith("__")), open(modules, "w"))
    sys.stderr.write("\n" + json.dumps(found) + "\n")
atexit.register(done)
sys.argv = ["diplograph", *sys.argv[3:]]
diplograph.cli.main()
"""

BARE = r"""
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
answer = store.query(sys.stdin.read(), use_default_graph_as_union=True)
sys.stdout.buffer.write(answer.serialize(format=ox.QueryResultsFormat.TSV) or b"")
"""


def _run(command: list[str], stdin: str | None = None) -> tuple[float, float, str]:
    """Wall and CPU seconds of ``command`` in a fresh process, and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, done.stderr


def _median(runs: int, command: list[str], stdin: str | None = None) -> tuple[float, float]:
    _run(command, stdin)
    found = [_run(command, stdin)[:2] for _ in range(runs)]
    return statistics.median(w for w, _ in found), statistics.median(c for _, c in found)


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:,.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an Oxigraph store folder (opened read-only)")
    parser.add_argument("--query", default="police-trainers")
    parser.add_argument("-p", "--param", action="append", default=[], help="name=value")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    store = args.store.resolve()
    python = sys.executable
    words = ["--store", f"oxigraph-ro:{store}", "query", args.query]
    words += [w for p in args.param for w in ("-p", p)]
    print(
        f"## Start-up of `diplograph {' '.join(words[2:])}` on {store} "
        f"({time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average "
        f"{os.getloadavg()[0]:.1f})\n"
    )
    print(f"Medians of {args.runs} runs after a warm-up, each in a fresh interpreter.\n")
    print("| floor (fresh interpreter) | wall | CPU |\n|---|---:|---:|")
    floors = {
        "`python -c pass`": [python, "-c", "pass"],
        "`import pyoxigraph`": [python, "-c", "import pyoxigraph"],
        "`pyoxigraph.Store.read_only(STORE)`": [
            python,
            "-c",
            f"import pyoxigraph; pyoxigraph.Store.read_only({str(store)!r})",
        ],
        "`diplograph --help`": [python, "-m", "diplograph", "--help"],
    }
    for name, command in floors.items():
        wall, cpu = _median(args.runs, command)
        print(f"| {name} | {_ms(wall)} | {_ms(cpu)} |")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from diplograph.queries import find_query
    from diplograph.queries.params import bind_params
    from diplograph.store import open_store

    opened = open_store(f"oxigraph-ro:{store}")
    try:
        named = find_query(args.query)
        params = dict(p.split("=", 1) for p in args.param)
        text = opened.engine._prepare(named.text, bind_params(opened, named, params))[1]
    finally:
        opened.close()
    wall, cpu = _median(args.runs, [python, "-c", BARE, str(store)], text)
    print(f"| bare pyoxigraph: open, the same text, rows as TSV | {_ms(wall)} | {_ms(cpu)} |")
    whole = _median(args.runs, [python, "-m", "diplograph", *words])
    print(f"| **the command, whole process** | **{_ms(whole[0])}** | **{_ms(whole[1])}** |")

    with tempfile.TemporaryDirectory() as folder:
        modules = str(Path(folder) / "modules.json")
        for mode in ("cold", "warm"):
            runs, totals = [], []
            for index in range(args.runs + 1):
                wall, cpu, stderr = _run([python, "-c", PHASES, mode, modules, *words])
                if index:
                    runs.append(json.loads(stderr.strip().splitlines()[-1]))
                    totals.append((wall, cpu))
            print(
                f"\n| phase ({mode}: "
                + ("as the command runs" if mode == "cold" else "every module imported first")
                + ") | wall | CPU |\n|---|---:|---:|"
            )
            for index, (name, _, _) in enumerate(runs[0]):
                walls = [r[index][1] for r in runs]
                cpus = [r[index][2] for r in runs]
                wall_text = "–" if walls[0] is None else _ms(statistics.median(walls))
                print(f"| {name} | {wall_text} | {_ms(statistics.median(cpus))} |")
            marked = statistics.median(sum(p[2] for p in r) for r in runs)
            wall = statistics.median(w for w, _ in totals)
            cpu = statistics.median(c for _, c in totals)
            print(
                f"| *the process, as its parent saw it* (CPU not in the marks above: the "
                f"interpreter before its first line, and its exit after the last: "
                f"{_ms(cpu - marked)}) | {_ms(wall)} | {_ms(cpu)} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
