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
   both stores and on their floors, the bare engines given the same bound text (pyoxigraph's
   own ``Store`` object of the disk store; Virtuoso asked by one URL-encoded POST, its answer
   read whole and parsed): the median of ``--runs`` runs after one warm-up, the four taking
   turns, and whether the two stores' answers are the same as the store-comparison suite
   compares them (rows as multisets, booleans as 1/0, triples up to blank nodes; checks as
   validate runs them). A query a store takes more than ``SLOW`` seconds to answer is timed
   once, without the floors' warm-up (the table says so).

The machine may be shared: each table row gives the one-minute load average when it was made.

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
import urllib.parse
import urllib.request
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
#: the two stores' columns
EMBEDDED, VIRTUOSO = "oxigraph (disk)", "virtuoso"
#: the timed columns, in table order, and the store whose answer each needs (a failed answer
#: leaves that store's columns out)
COLUMNS = {EMBEDDED: EMBEDDED, "bare pyoxigraph": EMBEDDED, VIRTUOSO: VIRTUOSO,
           "bare Virtuoso": VIRTUOSO}  # fmt: skip
#: seconds a store may take to answer before a query is timed once only, without warm-ups
SLOW = 20.0
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


def bare_oxigraph_query(store: Any, full: str) -> int:
    """The floor of the embedded store: the bound text on pyoxigraph's own Store; answer size."""
    answer = store._store.query(full, **store._dataset)
    if isinstance(answer, bool):
        return int(answer)
    return len([tuple(row) for row in answer])


def bare_virtuoso_query(query_url: str, full: str, form: str) -> int:
    """The floor of Virtuoso: the bound text in one URL-encoded POST, the answer read whole and
    parsed (SPARQL JSON, or N-Triples lines for a CONSTRUCT); answer size."""
    accept = "application/n-triples" if form == "CONSTRUCT" else "application/sparql-results+json"
    request = urllib.request.Request(  # noqa: S310 (the bench's own Virtuoso on 127.0.0.1)
        query_url,
        data=urllib.parse.urlencode({"query": full}).encode("ascii"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=600) as response:  # noqa: S310
        body = response.read()
    if form == "CONSTRUCT":
        return body.count(b"\n")
    answer = json.loads(body)
    return int(answer["boolean"]) if "boolean" in answer else len(answer["results"]["bindings"])


def runners(stores: dict[str, Any], name: str, params: dict[str, str]) -> dict[str, Any]:
    """What is timed, by column: the query through each store, and the bare engines' floors."""
    from diplograph.queries import find_query, run_query
    from diplograph.queries.params import bind_params

    named = find_query(name)
    disk, virtuoso = stores[EMBEDDED].store, stores[VIRTUOSO].store
    form, ox_full, _ = disk._prepare(named.text, bind_params(disk, named, params))
    vt_full = virtuoso._prepare(named.text, bind_params(virtuoso, named, params))[1]
    return {
        EMBEDDED: lambda: run_query(disk, name, params),
        "bare pyoxigraph": lambda: bare_oxigraph_query(disk, ox_full),
        VIRTUOSO: lambda: run_query(virtuoso, name, params),
        "bare Virtuoso": lambda: bare_virtuoso_query(virtuoso.query_url, vt_full, form),
    }


def turn_about(
    stores: dict[str, Any], name: str, params: dict[str, str], runs: int
) -> tuple[dict[str, float], dict[str, Any], int]:
    """The median seconds of ``runs`` runs of each runner (taking turns, the order reversed every
    other turn) after one warm-up each; each store's answer (None: it failed); the runs made
    (one, without the floors' warm-up, when a store took more than ``SLOW`` s to answer)."""
    answers: dict[str, Any] = {}
    slowest = 0.0
    for store_name, kg in stores.items():
        try:
            answers[store_name], seconds = timed(lambda kg=kg: answer_of(kg.store, name, params))
            slowest = max(slowest, seconds)
        except Exception as error:  # a timeout or an engine error: shown, not fatal
            answers[store_name] = None
            print(f"  {store_name}: {error}", file=sys.stderr)
    timed_runners = {
        column: run
        for column, run in runners(stores, name, params).items()
        if answers[COLUMNS[column]] is not None
    }
    if slowest > SLOW:
        runs = 1
    else:
        for column, run in timed_runners.items():  # the floors' warm-up (the stores' was above)
            if column not in stores:
                run()
    times: dict[str, list[float]] = {column: [] for column in timed_runners}
    order = list(timed_runners)
    for turn in range(runs):
        for column in order if turn % 2 == 0 else order[::-1]:
            times[column].append(timed(timed_runners[column])[1])
    medians = {column: statistics.median(seconds) for column, seconds in times.items()}
    return medians, answers, runs


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
            print("| store | rows read | seconds | rows/s | load average |\n|---|---|---|---|---|")
            stores: dict[str, Any] = {}
            specs = {EMBEDDED: f"oxigraph:{folder / 'ox'}", VIRTUOSO: spec}
            for name, store_spec in specs.items():
                print(f"importing into {name}", file=sys.stderr, flush=True)
                kg = diplograph.open(store_spec)
                rows, seconds = import_all(kg.store, args.data)
                stores[name] = kg
                rate, load = rows / seconds, os.getloadavg()[0]
                print(f"| {name} | {rows:,} | {seconds:.1f} | {rate:,.0f} | {load:.1f} |")

            print("\n## Load of the same N-Triples (every imported triple, one file)\n")
            triples_file = folder / "imported.nt"
            count = imported_ntriples(stores[EMBEDDED].store, triples_file)
            size = triples_file.stat().st_size / 1e6
            print(f"{count:,} triples, {size:.0f} MB\n")
            print("| loader | seconds | triples/s | load average |\n|---|---|---|---|")
            rows_out = []
            for name, kg in stores.items():
                print(f"loading into {name}", file=sys.stderr, flush=True)
                with warnings.catch_warnings():  # that it restates the imports: known
                    warnings.simplefilter("ignore", DataWarning)
                    loaded, seconds = timed(lambda kg=kg: kg.store.load(triples_file))
                rows_out.append((f"diplograph `load`, {name}", seconds, os.getloadavg()[0]))
                kg.store.unload(loaded.graph)
            bare = bare_oxigraph(triples_file, folder / "bare")
            rows_out.append(("bare pyoxigraph `bulk_load` (disk)", bare, os.getloadavg()[0]))
            loader = bare_virtuoso(server, triples_file)
            rows_out.append(
                ("Virtuoso's bulk loader (`ld_dir`, `rdf_loader_run`)", loader, os.getloadavg()[0])
            )
            for name, seconds, load in rows_out:
                print(f"| {name} | {seconds:.1f} | {count / seconds:,.0f} | {load:.1f} |")

            print("\n## Named queries on the imported data\n")
            print(
                "| query | rows | same answer | oxigraph (disk) s | bare pyoxigraph s "
                "| virtuoso s | bare Virtuoso s | virtuoso / oxigraph | load average |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            cases = [(q.name, {}) for q in list_queries(include_checks=True)] + QUESTIONS
            for name, params in cases:
                print(f"query {name} {params}", file=sys.stderr, flush=True)
                label = name + "".join(f" {k}={v}" for k, v in params.items())
                medians, answers, made = turn_about(stores, name, params, args.runs)
                if made != args.runs:
                    label += f" ({made} run{'s' if made > 1 else ''}, no warm-up of the floors)"
                ox_answer, vt_answer = answers[EMBEDDED], answers[VIRTUOSO]
                sizes = [len(a) if a is not None else -1 for a in (ox_answer, vt_answer)]
                rows = f"{sizes[0]:,}" if sizes[0] == sizes[1] else f"{sizes[0]:,} / {sizes[1]:,}"
                same = "error"
                if ox_answer is not None and vt_answer is not None:
                    same = same_answer(ox_answer, vt_answer)
                shown = {c: medians.get(c, float("nan")) for c in COLUMNS}
                ratio = shown[VIRTUOSO] / shown[EMBEDDED]
                print(
                    f"| {label} | {rows} | {same} | "
                    + " | ".join(f"{seconds:.3f}" for seconds in shown.values())
                    + f" | {ratio:.2f} | {os.getloadavg()[0]:.1f} |",
                    flush=True,
                )
            for kg in stores.values():
                kg.close()
            print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
