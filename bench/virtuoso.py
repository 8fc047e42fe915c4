"""Benchmark of Virtuoso as diplograph's store beside the embedded one (a script, not a test):
prints its figures as Markdown.

In one run, on the same machine and in the same minutes, with a throw-away Virtuoso (Debian's
7.2.5, started as the tests start it: ``tests/servers.py``, on 127.0.0.1, here with 800 MB of
buffers, a result limit of 1,000,000 rows and a time limit of an hour, so that no answer is cut:
a cut answer, said by a DataWarning, is an error here) and an on-disk Oxigraph
store in a temporary folder (the default store's kind):

1. **import**: ``import_files`` of the real datasets diplograph imports (``../shared/data``:
   COW states, IPI peacekeeping, the three GDELT folders, aggregation included) into each store,
   as ``diplograph import`` does: the importer's N-Triples go to Oxigraph's bulk loader, or to
   Virtuoso's Graph Store Protocol endpoint;
2. **load**: every imported triple as one N-Triples file, loaded by ``Store.load`` into a fresh
   graph of each store, beside the floors: bare ``pyoxigraph.Store(path).bulk_load`` and
   Virtuoso's own bulk loader (``ld_dir`` + ``rdf_loader_run``);
3. **queries**: every named query with its defaults, and the README's real-data questions, on
   both stores: the median of ``--runs`` runs after one warm-up, the two stores taking turns,
   and whether the two answers are the same as the store-comparison suite compares them (rows
   as multisets, booleans as 1/0, triples up to blank nodes; checks as validate runs them).

Run: ``.venv/bin/python bench/virtuoso.py [--data ../shared/data] [--runs 3]`` (needs Debian's
virtuoso-opensource-7-bin, which ``scripts/test.sh`` installs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY))

from tests.servers import VirtuosoServer, virtuoso_server  # noqa: E402 (the repository root first)

#: dataset -> folders of ../shared/data it imports from, as the README's real-data section
DATASETS = {
    "cow-states": ["cow-states-2016"],
    "peacekeeping": ["un-peacekeeping-ipi"],
    "gdelt": ["gdelt-v1-georgia-2011-2012", "gdelt-v1-raw-sample", "gdelt-v2-rus-ukr-2022-04"],
}
#: the README's questions on real data, beside every named query with its defaults
QUESTIONS = [
    ("peacekeeping-contributions", {"actor": "Morocco"}),
    ("top-partners", {"actor": "Georgia", "from": "2011-01-01", "to": "2012-12-31"}),
    ("dyad-series", {"a": "Russia", "b": "Ukraine"}),
    ("ego-network", {"actor": "Georgia"}),
    ("evidence", {"actor": "Morocco", "type": "troop contribution"}),
    ("ties-by-type", {"type": "troop contribution"}),
]


def timed(work: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def import_all(store: Any, data: Path) -> tuple[int, float]:
    """Import every dataset into ``store``; rows read and seconds."""
    from diplograph.importers import aggregate_events, import_files

    rows = 0
    started = time.perf_counter()
    for dataset, folders in DATASETS.items():
        reports = import_files(store, dataset, [data / folder for folder in folders])
        rows += sum(report.read for report in reports)
        if dataset == "gdelt":  # as ``diplograph import gdelt`` does: events summarised as ties
            aggregate_events(store)
    return rows, time.perf_counter() - started


def imported_ntriples(store: Any, path: Path) -> int:
    """Every imported (not built-in) triple of ``store`` as one N-Triples file; how many."""
    graphs = [s.graph for s in store.sources() if not s.builtin]
    count = 0
    with path.open("w", encoding="utf-8") as stream:
        for line in store.dump_ntriples(graphs):
            stream.write(line[: line.rindex(" <")] + " .\n")
            count += 1
    return count


def bare_oxigraph(path: Path, folder: Path) -> float:
    import pyoxigraph as ox

    started = time.perf_counter()
    bare = ox.Store(str(folder))
    bare.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    bare.flush()
    seconds = time.perf_counter() - started
    del bare
    return seconds


def bare_virtuoso(server: VirtuosoServer, path: Path) -> float:
    copy = server.loads / "bench.nt"
    shutil.copyfile(path, copy)
    started = time.perf_counter()
    server.isql(
        "DELETE FROM DB.DBA.LOAD_LIST;",
        f"ld_dir('{server.loads}', 'bench.nt', 'urn:diplograph:bench:bulk');",
        "rdf_loader_run();",
        "checkpoint;",
    )
    seconds = time.perf_counter() - started
    server.isql("SPARQL CLEAR GRAPH <urn:diplograph:bench:bulk>;")
    return seconds


def answer_of(store: Any, name: str, params: dict[str, str]) -> Any:
    """The answer to a named query, checks as validate runs them (about diplograph's graphs)."""
    from diplograph.queries import run_query
    from diplograph.validate import own_rows

    result = run_query(store, name, params)
    return own_rows(store, result) if name.startswith("checks/") else result


def turn_about(
    stores: dict[str, Any], name: str, params: dict[str, str], runs: int
) -> dict[str, tuple[float, Any]]:
    """Per store: the median seconds of ``runs`` runs (the stores alternating, which goes first
    alternating too) after one warm-up each, and the warm-up's answer (None: it failed)."""
    from diplograph.queries import run_query

    answers: dict[str, Any] = {}
    for store_name, kg in stores.items():
        try:
            answers[store_name] = answer_of(kg.store, name, params)
        except Exception as error:  # a timeout or an engine error: shown, not fatal
            answers[store_name] = None
            print(f"  {store_name}: {error}", file=sys.stderr)
    times: dict[str, list[float]] = {n: [] for n, a in answers.items() if a is not None}
    order = list(times)
    for turn in range(runs):
        for store_name in order if turn % 2 == 0 else order[::-1]:
            kg = stores[store_name]
            times[store_name].append(timed(lambda kg=kg: run_query(kg.store, name, params))[1])
    return {
        n: (statistics.median(times[n]) if n in times else float("nan"), a)
        for n, a in answers.items()
    }


def same_answer(embedded: Any, virtuoso: Any) -> str:
    """Whether two answers are the same as the store-comparison suite compares them (rows as
    multisets, booleans as 1/0, triples up to blank nodes); else how many rows differ."""
    from tests.test_stores import rows_of, triples_of

    if embedded.graph is not None:
        ours, theirs = triples_of(embedded.graph), triples_of(virtuoso.graph)
        return "yes" if ours == theirs else f"no: {len(ours - theirs)} / {len(theirs - ours)}"
    if embedded.kind == "ASK":
        return "yes" if embedded.answer is virtuoso.answer else "no"
    ours = [json.dumps(r, sort_keys=True) for r in rows_of(embedded, booleans_as_numbers=True)]
    theirs = [json.dumps(r, sort_keys=True) for r in rows_of(virtuoso, booleans_as_numbers=True)]
    if ours == theirs:
        return "yes"
    only_ours = Counter(ours) - Counter(theirs)
    only_theirs = Counter(theirs) - Counter(ours)
    return f"no: {only_ours.total()} / {only_theirs.total()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import diplograph
    from diplograph.errors import DataWarning
    from diplograph.queries import list_queries

    warnings.simplefilter("ignore")
    warnings.simplefilter("error", DataWarning)  # an answer the server cut is no figure
    folder = Path(tempfile.mkdtemp(prefix="diplograph-bench-virtuoso-"))
    commit = subprocess.run(
        ["git", "-C", str(REPOSITORY), "rev-parse", "--short", "HEAD"],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    print("# Virtuoso beside the embedded store (`bench/virtuoso.py`)\n")
    print(f"commit {commit}, Python {platform.python_version()}, {platform.machine()}, ", end="")
    print(f"{args.runs} runs a query (median); load average {os.getloadavg()[0]:.1f} at start\n")
    try:
        with virtuoso_server(
            folder / "virtuoso", max_rows=1_000_000, buffers=100_000, max_seconds=3_600
        ) as server:
            spec = f"{server.spec}&timeout=600"
            print("## Import (`import_files`, every dataset, aggregation included)\n")
            print("| store | rows read | seconds | rows/s |\n|---|---|---|---|")
            stores: dict[str, Any] = {}
            specs = {"oxigraph (disk)": f"oxigraph:{folder / 'ox'}", "virtuoso": spec}
            for name, store_spec in specs.items():
                print(f"importing into {name}", file=sys.stderr, flush=True)
                kg = diplograph.open(store_spec)
                rows, seconds = import_all(kg.store, args.data)
                stores[name] = kg
                print(f"| {name} | {rows:,} | {seconds:.1f} | {rows / seconds:,.0f} |")

            print("\n## Load of the same N-Triples (every imported triple, one file)\n")
            triples_file = folder / "imported.nt"
            count = imported_ntriples(stores["oxigraph (disk)"].store, triples_file)
            size = triples_file.stat().st_size / 1e6
            print(f"{count:,} triples, {size:.0f} MB\n")
            print("| loader | seconds | triples/s |\n|---|---|---|")
            rows_out = []
            for name, kg in stores.items():
                print(f"loading into {name}", file=sys.stderr, flush=True)
                loaded, seconds = timed(lambda kg=kg: kg.store.load(triples_file))
                rows_out.append((f"diplograph `load`, {name}", seconds))
                kg.store.unload(loaded.graph)
            bare = bare_oxigraph(triples_file, folder / "bare")
            rows_out.append(("bare pyoxigraph `bulk_load` (disk)", bare))
            loader = bare_virtuoso(server, triples_file)
            rows_out.append(("Virtuoso's bulk loader (`ld_dir`, `rdf_loader_run`)", loader))
            for name, seconds in rows_out:
                print(f"| {name} | {seconds:.1f} | {count / seconds:,.0f} |")

            print("\n## Named queries on the imported data\n")
            print(
                "| query | rows | same answer | oxigraph (disk) s | virtuoso s "
                "| virtuoso / oxigraph |"
            )
            print("|---|---|---|---|---|---|")
            cases = [(q.name, {}) for q in list_queries(include_checks=True)] + QUESTIONS
            for name, params in cases:
                print(f"query {name} {params}", file=sys.stderr, flush=True)
                label = name + "".join(f" {k}={v}" for k, v in params.items())
                got = turn_about(stores, name, params, args.runs)
                (ox_s, ox_answer), (vt_s, vt_answer) = got["oxigraph (disk)"], got["virtuoso"]
                sizes = [len(a) if a is not None else -1 for a in (ox_answer, vt_answer)]
                rows = f"{sizes[0]:,}" if sizes[0] == sizes[1] else f"{sizes[0]:,} / {sizes[1]:,}"
                same = "error"
                if ox_answer is not None and vt_answer is not None:
                    same = same_answer(ox_answer, vt_answer)
                print(
                    f"| {label} | {rows} | {same} | {ox_s:.3f} | {vt_s:.3f} | {vt_s / ox_s:.1f} |",
                    flush=True,
                )
            for kg in stores.values():
                kg.close()
            print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
