"""Benchmark of Virtuoso as diplograph's store beside the embedded one (a script, not a test):
writes its figures as it goes and prints them as Markdown.

The same quads in both stores, on the same machine, in the same minutes:

1. **the embedded store**: an on-disk Oxigraph store holding every dataset diplograph imports
   (``../shared/data``: COW states, COW diplomatic exchange, ATOP, UN votes, Wikidata P530 and
   embassies, IPI peacekeeping, the three GDELT folders, aggregation included). ``--oxigraph``
   names one already made (``bench/realdata.py``'s shared store), opened read-only; else the
   import (``import_files``, as ``diplograph import`` does) makes one in the output folder, once;
2. **Virtuoso** (Debian's 7.2.5, started as the tests start it: ``tests/servers.py``, on
   127.0.0.1, here with 800 MB of buffers and a result limit of 20,000,000 rows, over any
   answer's size, so that no answer is cut: a cut answer, said by a DataWarning, is an error
   here): every graph of the embedded store dumped as one N-Quads file and loaded by Virtuoso's
   own bulk loader (``ld_dir`` + ``rdf_loader_run``), timed; ``--imported DIR`` keeps that
   database in DIR and a later run opens it again instead of loading;
3. **queries**: every named query and check with its defaults, and questions with parameters the
   real data answers, on each store in a process of its own that the budget ends: the first
   answer timed (wall and CPU: the worker's own, and for Virtuoso the server's from /proc), then,
   when it took at most ``SLOW`` seconds, the median of ``--runs`` runs after one warm-up of the
   store and of its bare engine given the same bound text (pyoxigraph's own ``Store`` object;
   Virtuoso asked by one URL-encoded POST, its answer read whole and parsed), the two taking
   turns. Each store's answer is written as comparable lines (rows as the store-comparison suite
   compares them: booleans as 1/0, triples up to blank nodes, checks as validate runs them) and
   the two compared.

**Resumable and bounded:** each case's figures go to a JSON file in the output folder as soon
as it finishes, and a rerun skips the cases that have one; a store that has not answered within
``--budget`` seconds is stopped (the worker killed; Virtuoso's own ``MaxQueryExecutionTime`` is
the same budget) and the case says "timeout" for it. The Markdown is made from the JSON files,
so it shows every case finished in any run.

The machine may be shared: each case gives the one-minute load average when it was made.

Run: ``nice -n 10 .venv/bin/python bench/virtuoso.py --out DIR [--oxigraph STORE] [--imported
VIRTUOSO_DIR] [--budget 300] [--runs 3] [--only NAME ...]`` (needs Debian's
virtuoso-opensource-7-bin, which ``scripts/test.sh`` installs); ``--report`` prints the Markdown
of the finished cases and stops.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from tests.servers import VirtuosoServer, virtuoso_server  # noqa: E402 (the repository root first)

#: dataset -> folders of ../shared/data it imports from, as the README's real-data section
DATASETS = {
    "cow-states": ["cow-states-2016"],
    "diplomatic-exchange": ["cow-diplomatic-exchange-2006/Diplomatic_Exchange_2006v1.csv"],
    "atop": ["atop-5.1"],
    "unga-votes": ["unga-votes-voeten"],
    "wikidata": ["wikidata-p530-codex", "wikidata-embassies-2022"],
    "peacekeeping": ["un-peacekeeping-ipi"],
    "gdelt": ["gdelt-v1-georgia-2011-2012", "gdelt-v1-raw-sample", "gdelt-v2-rus-ukr-2022-04"],
}
#: the two stores
EMBEDDED, VIRTUOSO = "oxigraph (disk)", "virtuoso"
#: seconds a store may take to answer before a case is timed by that answer alone
SLOW = 20.0
#: what a worker prints once it has opened its store (the budget starts then)
READY = "ready"
#: seconds a worker may take to start and open its store
START_ALLOWANCE = 120.0
#: Virtuoso's ResultSetMaxRows here: over any named query's answer on the real data (citations
#: has 1,014,086 rows, over the 1,000,000 an earlier run allowed)
MAX_ROWS = 20_000_000
#: the README's questions on real data, beside every named query with its defaults
QUESTIONS = [
    ("peacekeeping-contributions", {"actor": "Morocco"}),
    ("top-partners", {"actor": "Georgia", "from": "2011-01-01", "to": "2012-12-31"}),
    ("dyad-series", {"a": "Russia", "b": "Ukraine"}),
    ("ego-network", {"actor": "Georgia"}),
    ("evidence", {"actor": "Morocco", "type": "troop contribution"}),
    ("ties-by-type", {"type": "troop contribution"}),
    ("troop-contributors", {"status": "pledged"}),
    ("ego-network", {"actor": "USA"}),
    ("representation", {"actor": "USA", "asOf": "2005-06-30"}),
    ("representation-by-year", {"actor": "USA"}),
    ("alliance-partners", {"actor": "USA"}),
    ("voting-agreement", {"actor": "USA"}),
    ("embassies", {"actor": "Georgia"}),
]


def label_of(name: str, params: dict[str, str]) -> str:
    return name + "".join(f" {k}={v}" for k, v in params.items())


def slug_of(name: str, params: dict[str, str]) -> str:
    """A case's file name: its label in safe characters."""
    return re.sub(r"[^A-Za-z0-9.=-]+", "_", label_of(name, params)).strip("_")


def cases() -> list[tuple[str, dict[str, str]]]:
    from diplograph.queries import list_queries

    named: list[tuple[str, dict[str, str]]] = [
        (q.name, {}) for q in list_queries(include_checks=True)
    ]
    return named + QUESTIONS


def cpu_seconds() -> float:
    """This process's CPU seconds (its threads: pyoxigraph's work included)."""
    return time.process_time()


def server_cpu(pid: int) -> float:
    """A process's CPU seconds (user and system) from /proc; 0 without one."""
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------ the two stores


def import_all(store: Any, data: Path) -> int:
    """Import every dataset into ``store``; rows read."""
    from diplograph.importers import aggregate_events, import_files

    rows = 0
    for dataset, folders in DATASETS.items():
        print(f"  importing {dataset}", file=sys.stderr, flush=True)
        reports = import_files(store, dataset, [data / folder for folder in folders])
        rows += sum(report.read for report in reports)
        if dataset == "gdelt":  # as ``diplograph import gdelt`` does: events summarised as ties
            aggregate_events(store)
    return rows


def embedded_store(args: argparse.Namespace) -> tuple[Path, dict[str, Any] | None]:
    """The on-disk Oxigraph store holding the imports (made in the output folder when not
    given, once) and the import's figures when this run made it."""
    import diplograph

    if args.oxigraph is not None:
        return args.oxigraph, None
    folder = args.out / "oxigraph"
    done = args.out / "import.json"
    if done.exists():
        return folder, json.loads(done.read_text(encoding="utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    print(f"importing every dataset into {folder}", file=sys.stderr, flush=True)
    kg = diplograph.open(f"oxigraph:{folder}")
    started, cpu = time.perf_counter(), cpu_seconds()
    rows = import_all(kg.store, args.data)
    figures = {
        "rows": rows,
        "seconds": time.perf_counter() - started,
        "cpu": cpu_seconds() - cpu,
        "load": os.getloadavg()[0],
    }
    kg.close()
    done.write_text(json.dumps(figures), encoding="utf-8")
    return folder, figures


def dump_quads(store_folder: Path, path: Path) -> int:
    """Every quad of the store (its default graph's triples, if any, unnamed) as one N-Quads
    file, written by pyoxigraph itself (``diplograph dump`` holds a whole graph in memory as
    text: on a busy machine it took minutes of CPU on the biggest); how many lines."""
    import pyoxigraph as ox

    ox.Store.read_only(str(store_folder)).dump(output=str(path), format=ox.RdfFormat.N_QUADS)
    with path.open("rb") as stream:
        return sum(block.count(b"\n") for block in iter(lambda: stream.read(1 << 24), b""))


def bulk_loaded(server: VirtuosoServer, store_folder: Path, record: Path) -> dict[str, Any]:
    """The embedded store's quads in Virtuoso, by its own bulk loader (timed, wall and the
    server's CPU), unless ``record`` says an earlier run loaded them into this database."""
    if record.exists():
        return dict(json.loads(record.read_text(encoding="utf-8")))
    path = server.loads / "all.nq"
    dump_record = server.loads / "all.nq.json"  # a whole dump an earlier run left: used again
    if dump_record.exists() and path.exists():
        quads, dumped = json.loads(dump_record.read_text(encoding="utf-8"))
    else:
        print("dumping the embedded store's quads", file=sys.stderr, flush=True)
        started = time.perf_counter()
        quads = dump_quads(store_folder, path)
        dumped = time.perf_counter() - started
        dump_record.write_text(json.dumps([quads, dumped]), encoding="utf-8")
    print(f"bulk-loading {quads:,} quads into Virtuoso", file=sys.stderr, flush=True)
    started, cpu = time.perf_counter(), server_cpu(server.pid)
    server.bulk_load(path, timeout=4 * 3600)  # all the real data, on a busy machine
    figures = {
        "quads": quads,
        "megabytes": path.stat().st_size / 1e6,
        "dump seconds": dumped,
        "seconds": time.perf_counter() - started,
        "server cpu": server_cpu(server.pid) - cpu,
        "load": os.getloadavg()[0],
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path.unlink()
    dump_record.unlink()
    record.write_text(json.dumps(figures), encoding="utf-8")
    return figures


# ------------------------------------------------------------------ one store, one case (worker)


def answer_of(store: Any, name: str, params: dict[str, str]) -> Any:
    """The answer to a named query, checks as validate runs them (about diplograph's graphs)."""
    from diplograph.queries import run_query
    from diplograph.validate import own_rows

    result = run_query(store, name, params)
    return own_rows(store, result) if name.startswith("checks/") else result


def comparable_lines(result: Any) -> list[str]:
    """An answer as sorted lines that are equal for equal answers, as the store-comparison suite
    compares them (rows as multisets, booleans as 1/0, triples up to blank nodes)."""
    from tests.test_stores import rows_of, triples_of

    if result.graph is not None:
        return sorted(" ".join(term.n3() for term in triple) for triple in triples_of(result.graph))
    if result.kind == "ASK":
        return [str(int(bool(result.answer)))]
    head = json.dumps(list(result.variables))
    rows = rows_of(result, booleans_as_numbers=True)
    return [head, *sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)]


def bare_oxigraph_query(store: Any, full: str) -> int:
    """The floor of the embedded store: the bound text on pyoxigraph's own Store; answer size."""
    answer = store.engine._store.query(full, **store.engine._dataset)
    if isinstance(answer, bool):
        return int(answer)
    return len([tuple(row) for row in answer])


def bare_virtuoso_query(query_url: str, full: str, form: str, timeout: float) -> int:
    """The floor of Virtuoso: the bound text in one URL-encoded POST, the answer read whole and
    parsed (SPARQL JSON, or N-Triples lines for a CONSTRUCT); answer size."""
    accept = "application/n-triples" if form == "CONSTRUCT" else "application/sparql-results+json"
    request = urllib.request.Request(  # noqa: S310 (the bench's own Virtuoso on 127.0.0.1)
        query_url,
        data=urllib.parse.urlencode({"query": full}).encode("ascii"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        body = response.read()
    if form == "CONSTRUCT":
        return body.count(b"\n")
    answer = json.loads(body)
    return int(answer["boolean"]) if "boolean" in answer else len(answer["results"]["bindings"])


def bare_runner(store: Any, name: str, params: dict[str, str], timeout: float) -> Callable[[], int]:
    """The bare engine given the text the store would run for this case."""
    from diplograph.queries import find_query
    from diplograph.queries.params import bind_params

    named = find_query(name)
    form, full, _ = store.engine._prepare(named.text, bind_params(store, named, params))
    if hasattr(store.engine, "query_url"):
        return lambda: bare_virtuoso_query(store.engine.query_url, full, form, timeout)
    return lambda: bare_oxigraph_query(store, full)


def emit(figures: dict[str, Any]) -> None:
    """One line of figures for the parent (the last line it got counts, if the budget ends us)."""
    print(json.dumps(figures), flush=True)


def worker(args: argparse.Namespace) -> None:
    """One store, one case: the first answer (timed, written as comparable lines), then the
    runs, each step's figures printed as one JSON line as soon as known."""
    import diplograph
    from diplograph.errors import DataWarning

    warnings.simplefilter("ignore")
    warnings.simplefilter("error", DataWarning)  # an answer the server cut is no figure
    name, params = json.loads(args.worker_case)
    pid = args.server_pid
    kg = diplograph.open(args.worker)
    store = kg.store
    print(READY, flush=True)

    def clocked(work: Callable[[], Any]) -> tuple[Any, float, float]:
        wall, cpu, server = time.perf_counter(), cpu_seconds(), server_cpu(pid)
        result = work()
        own = cpu_seconds() - cpu + server_cpu(pid) - server
        return result, time.perf_counter() - wall, own

    try:
        result, first, first_cpu = clocked(lambda: answer_of(store, name, params))
    except DataWarning as cut:
        emit({"error": f"cut: {cut}"})
        raise SystemExit(0) from None
    figures: dict[str, Any] = {"rows": len(result), "first": first, "first cpu": first_cpu}
    emit(figures)  # the answer's time is known even if the budget ends the comparison's work
    lines = comparable_lines(result)
    partial = args.answer.with_suffix(".part")  # whole or not at all: renamed once written
    partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partial.rename(args.answer)
    if first > SLOW:
        return
    bare = bare_runner(store, name, params, args.budget)
    bare()  # its warm-up (the store's was the first answer)
    timed: dict[str, list[tuple[float, float]]] = {"store": [], "bare": []}
    steps = {"store": lambda: answer_of(store, name, params), "bare": bare}
    for turn in range(args.runs):
        for key in ("store", "bare") if turn % 2 == 0 else ("bare", "store"):
            timed[key].append(clocked(steps[key])[1:])
    for key, seconds in timed.items():
        figures[key] = statistics.median(wall for wall, _ in seconds)
        figures[f"{key} cpu"] = statistics.median(cpu for _, cpu in seconds)
    figures["runs"] = args.runs
    emit(figures)
    kg.close()


# ------------------------------------------------------------------ the run (parent)


def run_worker(
    spec: str, name: str, params: dict[str, str], answer: Path, args: argparse.Namespace, pid: int
) -> dict[str, Any]:
    """One store's figures for one case, from a worker process stopped when the budget has run
    out since it opened the store (its start-up is not the query's)."""
    command = [
        sys.executable, str(Path(__file__).resolve()), "--worker", spec,
        "--worker-case", json.dumps([name, params]), "--answer", str(answer),
        "--runs", str(args.runs), "--budget", str(args.budget), "--server-pid", str(pid),
    ]  # fmt: skip
    lines: list[str] = []
    ready = threading.Event()
    with (args.out / "worker-stderr.log").open("w") as errors:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL, text=True
        )

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith(READY):
                    ready.set()
                elif line.startswith("{"):
                    lines.append(line)
            ready.set()  # ended (before it was ready: its error is in the log)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        ready.wait(timeout=START_ALLOWANCE)
        try:
            status: int | None = process.wait(timeout=args.budget)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            status = None
        reader.join(timeout=10)
    figures: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    if status is None:
        figures["timeout"] = args.budget  # the first answer or the runs did not end in time
    elif status != 0:
        said = (args.out / "worker-stderr.log").read_text(errors="replace").strip().splitlines()
        figures["error"] = said[-1] if said else f"exit status {status}"
    return figures


def same_answer(folder: Path) -> str:
    """Whether the two stores' answers (comparable lines) are the same; else how many lines
    only each has."""
    ours, theirs = (folder / "answer-embedded.txt", folder / "answer-virtuoso.txt")
    if not (ours.exists() and theirs.exists()):
        return "—"
    mine = Counter(ours.read_text(encoding="utf-8").splitlines())
    other = Counter(theirs.read_text(encoding="utf-8").splitlines())
    if mine == other:
        return "yes"
    return f"no: {(mine - other).total()} / {(other - mine).total()}"


def run_case(
    name: str, params: dict[str, str], specs: dict[str, str], args: argparse.Namespace, pid: int
) -> dict[str, Any]:
    scratch = args.out / "answers"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    record: dict[str, Any] = {
        "query": name,
        "params": params,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "budget": args.budget,
    }
    for key, store_name in (("embedded", EMBEDDED), ("virtuoso", VIRTUOSO)):
        answer = scratch / f"answer-{key}.txt"
        record[store_name] = run_worker(specs[store_name], name, params, answer, args, pid)
    record["same"] = same_answer(scratch)
    if record["same"].startswith("no"):  # kept for a look at what differs
        for answer in scratch.iterdir():
            shutil.copy(answer, args.out / f"{slug_of(name, params)}.{answer.name}")
    shutil.rmtree(scratch, ignore_errors=True)
    record["load"] = os.getloadavg()[0]
    record["ended"] = datetime.now(UTC).isoformat(timespec="seconds")
    return record


def _s(figures: dict[str, Any], key: str) -> str:
    value = figures.get(key)
    return "" if value is None else f"{value:.3f}"


def _time(figures: dict[str, Any]) -> str:
    """A store's time for the table: the median of its runs (its CPU), else its one answer."""
    if "store" in figures:
        return f"{figures['store']:.3f} ({figures['store cpu']:.3f})"
    if "first" in figures:
        return f"{figures['first']:.3f} ({figures['first cpu']:.3f}) once"
    if "timeout" in figures:
        return f"timeout ({figures['timeout']:g} s)"
    return f"error: {figures.get('error', '?')}"[:200]


def report(args: argparse.Namespace) -> None:
    """The Markdown of every finished case, in the cases' order."""
    print("| query | rows | same answer | oxigraph (disk) s (CPU) | bare pyoxigraph s "
          "| virtuoso s (CPU: client + server) | bare Virtuoso s | virtuoso / oxigraph "
          "| finished (UTC) | load average |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    missing = []
    for name, params in cases():
        path = args.out / f"{slug_of(name, params)}.json"
        if not path.exists():
            missing.append(label_of(name, params))
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        ox, vt = record[EMBEDDED], record[VIRTUOSO]
        sizes = [figures.get("rows") for figures in (ox, vt)]
        rows = (
            f"{sizes[0]:,}"
            if sizes[0] == sizes[1] and sizes[0] is not None
            else " / ".join("—" if size is None else f"{size:,}" for size in sizes)
        )
        ox_time = ox.get("store", ox.get("first"))
        vt_time = vt.get("store", vt.get("first"))
        ratio = f"{vt_time / ox_time:.2f}" if ox_time and vt_time else ""
        print(
            f"| {label_of(name, params)} | {rows} | {record['same']} | {_time(ox)} "
            f"| {_s(ox, 'bare')} | {_time(vt)} | {_s(vt, 'bare')} | {ratio} "
            f"| {record['ended'][11:16]} | {record['load']:.1f} |"
        )
    if missing:
        print(f"\nNot finished: {', '.join(f'`{m}`' for m in missing)}.")


@contextlib.contextmanager
def virtuoso_folder(args: argparse.Namespace) -> Iterator[Path]:
    """Where Virtuoso's database lives: ``--imported`` (kept), else a temporary folder."""
    if args.imported is not None:
        args.imported.mkdir(parents=True, exist_ok=True)
        yield args.imported
        return
    folder = Path(tempfile.mkdtemp(prefix="diplograph-bench-virtuoso-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, help="the folder of the figures (kept between runs)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=300.0, help="seconds a store may take")
    parser.add_argument(
        "--oxigraph", type=Path, help="an Oxigraph store holding the imports (opened read-only)"
    )
    parser.add_argument(
        "--imported",
        type=Path,
        help="Virtuoso's folder: its database, bulk-loaded on the first run, reused after",
    )
    parser.add_argument("--only", action="append", help="only these queries (repeatable)")
    parser.add_argument("--report", action="store_true", help="print the finished cases, no more")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--worker-case", help=argparse.SUPPRESS)
    parser.add_argument("--answer", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--server-pid", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    if args.out is None:
        parser.error("--out DIR is needed: the figures are kept there")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.report:
        report(args)
        return

    commit = subprocess.run(
        ["git", "-C", str(REPOSITORY), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    print(f"commit {commit}, Python {platform.python_version()}, {platform.machine()}, ", end="")
    print(f"{args.runs} runs a query (median); load average {os.getloadavg()[0]:.1f} at start\n")
    store_folder, imported = embedded_store(args)
    if imported:
        print(f"import: {imported}\n")
    budget = int(args.budget)
    with (
        virtuoso_folder(args) as folder,
        virtuoso_server(folder, max_rows=MAX_ROWS, buffers=100_000, max_seconds=budget) as server,
    ):
        loaded = bulk_loaded(server, store_folder, folder / "loaded.json")
        print(f"Virtuoso's bulk load: {loaded}\n", flush=True)
        specs = {
            EMBEDDED: f"oxigraph-ro:{store_folder}",
            VIRTUOSO: f"{server.spec}&timeout={budget + 30}",
        }
        for name, params in cases():
            if args.only and name not in args.only:
                continue
            path = args.out / f"{slug_of(name, params)}.json"
            if path.exists():
                continue
            print(f"{datetime.now(UTC):%H:%M:%S} {label_of(name, params)}", file=sys.stderr,
                  flush=True)  # fmt: skip
            record = run_case(name, params, specs, args, server.pid)
            path.write_text(json.dumps(record, indent=1), encoding="utf-8")
    report(args)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
