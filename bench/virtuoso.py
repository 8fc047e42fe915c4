"""Benchmark of Virtuoso as diplograph's store beside the embedded one (a script, not a test):
prints its figures as Markdown.

In one run, on the same machine and in the same minutes, with a throw-away Virtuoso (Debian's
7.2.5, started as the tests start it: ``tests/servers.py``, on 127.0.0.1, here with 800 MB of
buffers, a result limit of 1,000,000 rows and a time limit of an hour, so that no answer is cut:
a cut answer, said by a DataWarning, is an error here) and an on-disk Oxigraph
store in a temporary folder (the default store's kind):

1. **import**: ``import_files`` of every dataset diplograph imports (``../shared/data``: COW
   states, COW diplomatic exchange, ATOP, UN votes, Wikidata P530 and embassies, IPI
   peacekeeping, the three GDELT folders, aggregation included) into an on-disk Oxigraph store,
   as ``diplograph import`` does (or ``--imported``: a store an earlier run imported into);
2. **load**: every imported triple as one N-Triples file, loaded by ``Store.load`` into a fresh
   Oxigraph store (the default store's kind) and into the Virtuoso (its Graph Store Protocol
   endpoint), beside the floors, timed after the queries (so that a run cut short has the queries):
   bare ``pyoxigraph.Store(path).bulk_load`` into a fresh folder and Virtuoso's own bulk loader
   (``ld_dir`` + ``rdf_loader_run``). One Oxigraph copy of the data is on the shared disk at a
   time beside the file and Virtuoso's database;
3. **queries**: every named query with its defaults, and questions with parameters the real
   data answers, on the two stores the load made (the built-in graph and the same triples) and on
   their floors, the bare engines given the same bound text (pyoxigraph's own ``Store`` object;
   Virtuoso asked by one URL-encoded POST, its answer read whole and parsed): the median of
   ``--runs`` runs after one warm-up, the four taking turns, and whether the two stores' answers
   are the same as the store-comparison suite compares them (rows as multisets, booleans as 1/0,
   triples up to blank nodes; checks as validate runs them). A query a store takes more than
   ``SLOW`` seconds to answer is timed by the answers alone, and its floors are not run.

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
    "diplomatic-exchange": ["cow-diplomatic-exchange-2006/Diplomatic_Exchange_2006v1.csv"],
    "atop": ["atop-5.1"],
    "unga-votes": ["unga-votes-voeten"],
    "wikidata": ["wikidata-p530-codex", "wikidata-embassies-2022"],
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
    ("ego-network", {"actor": "USA"}),
    ("representation", {"actor": "USA", "asOf": "2005-06-30"}),
    ("representation-by-year", {"actor": "USA"}),
    ("alliance-partners", {"actor": "USA"}),
    ("voting-agreement", {"actor": "USA"}),
    ("embassies", {"actor": "Georgia"}),
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
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def bare_virtuoso(server: VirtuosoServer, path: Path) -> float:
    copy = server.loads / "bench.nt"
    os.link(path, copy)  # the same file under the loader's allowed folder, not a second copy
    started = time.perf_counter()
    server.isql(
        "DELETE FROM DB.DBA.LOAD_LIST;",
        f"ld_dir('{server.loads}', 'bench.nt', 'urn:diplograph:bench:bulk');",
        "rdf_loader_run();",
        "checkpoint;",
    )
    seconds = time.perf_counter() - started
    server.isql("SPARQL CLEAR GRAPH <urn:diplograph:bench:bulk>;")
    copy.unlink()
    return seconds


def answer_of(store: Any, name: str, params: dict[str, str]) -> Any:
    """The answer to a named query, checks as validate runs them (about diplograph's graphs)."""
    from diplograph.queries import run_query
    from diplograph.validate import own_rows

    result = run_query(store, name, params)
    return own_rows(store, result) if name.startswith("checks/") else result


def bare_oxigraph_query(store: Any, full: str) -> int:
    """The floor of the embedded store: the bound text on pyoxigraph's own Store; answer size."""
    answer = store.engine._store.query(full, **store.engine._dataset)
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
    form, ox_full, _ = disk.engine._prepare(named.text, bind_params(disk, named, params))
    vt_full = virtuoso.engine._prepare(named.text, bind_params(virtuoso, named, params))[1]
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
    other turn) after one warm-up each; each store's answer (None: it failed); the runs made.
    When a store took more than ``SLOW`` s to answer, the answers' own times are the figures (0
    runs made) and the floors are not timed: on a shared 2-core machine a whole-store query of
    the full data takes minutes, and six runs of each would take the evening."""
    answers: dict[str, Any] = {}
    first: dict[str, float] = {}
    for store_name, kg in stores.items():
        try:
            answers[store_name], first[store_name] = timed(
                lambda kg=kg: answer_of(kg.store, name, params)
            )
        except Exception as error:  # a timeout or an engine error: shown, not fatal
            answers[store_name] = None
            print(f"  {store_name}: {error}", file=sys.stderr)
    if max(first.values(), default=0.0) > SLOW:
        return first, answers, 0
    timed_runners = {
        column: run
        for column, run in runners(stores, name, params).items()
        if answers[COLUMNS[column]] is not None
    }
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
    parser.add_argument(
        "--imported",
        type=Path,
        help="an Oxigraph store already holding the imports (saves the import on a busy machine)",
    )
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
            triples_file = folder / "imported.nt"
            if args.imported is None:
                print("## Import (`import_files`, every dataset, aggregation included)\n")
                print(
                    "| store | rows read | seconds | rows/s | load average |\n|---|---|---|---|---|"
                )
                print(f"importing into {EMBEDDED}", file=sys.stderr, flush=True)
                made = diplograph.open(f"oxigraph:{folder / 'import'}")
                rows, seconds = import_all(made.store, args.data)
                rate, load = rows / seconds, os.getloadavg()[0]
                print(f"| {EMBEDDED} | {rows:,} | {seconds:.1f} | {rate:,.0f} | {load:.1f} |\n")
            else:
                made = diplograph.open(f"oxigraph:{args.imported}")
            count = imported_ntriples(made.store, triples_file)
            made.close()
            shutil.rmtree(folder / "import", ignore_errors=True)  # one Oxigraph copy on disk
            size = triples_file.stat().st_size / 1e6

            print("## Load of the same N-Triples (every imported triple, one file)\n")
            print(f"{count:,} triples, {size:.0f} MB\n")
            print("| loader | seconds | triples/s | load average |\n|---|---|---|---|")
            stores: dict[str, Any] = {}
            for name, store_spec in {EMBEDDED: f"oxigraph:{folder / 'ox'}", VIRTUOSO: spec}.items():
                print(f"loading into {name}", file=sys.stderr, flush=True)
                kg = stores[name] = diplograph.open(store_spec)  # the built-in graph, no more
                _, seconds = timed(lambda kg=kg: kg.store.load(triples_file))
                rate, load = count / seconds, os.getloadavg()[0]
                print(f"| diplograph `load`, {name} | {seconds:.1f} | {rate:,.0f} | {load:.1f} |")
            print("| (the bare engines' loads: after the queries) | | | |")

            print("\n## Named queries on the loaded data\n")
            print(
                "| query | rows | same answer | oxigraph (disk) s | bare pyoxigraph s "
                "| virtuoso s | bare Virtuoso s | virtuoso / oxigraph | load average |"
            )
            print("|---|---|---|---|---|---|---|---|---|")
            cases = [(q.name, {}) for q in list_queries(include_checks=True)] + QUESTIONS
            for name, params in cases:
                print(f"query {name} {params}", file=sys.stderr, flush=True)
                label = name + "".join(f" {k}={v}" for k, v in params.items())
                medians, answers, runs_made = turn_about(stores, name, params, args.runs)
                if runs_made == 0:
                    label += " (over 20 s: the answers' own times, no floors)"
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
            print("\n## The bare engines' loads of the same file (after the queries)\n")
            print("| loader | seconds | triples/s | load average |\n|---|---|---|---|")
            bare = bare_oxigraph(triples_file, folder / "bare")
            rows_out = [("bare pyoxigraph `bulk_load` (disk)", bare, os.getloadavg()[0])]
            loader = bare_virtuoso(server, triples_file)
            rows_out.append(
                ("Virtuoso's bulk loader (`ld_dir`, `rdf_loader_run`)", loader, os.getloadavg()[0])
            )
            for name, seconds, load in rows_out:
                print(f"| {name} | {seconds:.1f} | {count / seconds:,.0f} | {load:.1f} |")
            print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
