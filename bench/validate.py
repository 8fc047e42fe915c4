"""Where ``diplograph validate``'s time goes on a big store, stage by stage, beside its floor.

On a store given by ``--store`` (the real-data store of the README's imports: COW states, IPI,
GDELT and their aggregated ties), it times each stage of :func:`diplograph.validate.validate`
alone, in this process, wall clock and CPU (the process's, engine threads included):

- ``sources``: the store's list of loaded files;
- ``shapes data``: the N-Triples file the shapes see (built-in and small files whole, as the
  engine writes them; of big files a sample of resources, each whole);
- ``shapes``: rudof's SHACL run on that file (``_file_violations``);
- ``floor: pyrudof alone``: pyrudof reading the same file and validating it, nothing else;
- ``floor: pySHACL``: pySHACL on the same triples (``--pyshacl``: minutes);
- ``results seen whole``: the shapes' results kept (about resources seen whole);
- ``evidence check``: every quote with a local copy against its file;
- ``duplicate ties``: every tie against the others of its type, actors and status;
- ``check NAME``: each ``checks/*-violation.rq`` query alone;
- ``floor: bare NAME``: the same query's text run by bare pyoxigraph on the same folder (the
  union of its graphs, the answer written as TSV), and the duplicate ties' grouping
  (``--floor``); ``floor: bare, two at a time``: all of them on two threads, as ``validate``
  runs its checks;
- ``validate()``: the whole function, as the command runs it (the checks beside the shapes);
- with ``--whole N``: ``diplograph validate --fresh`` whole process, N times, and beside it its
  floor in a fresh process of its own (bare pyoxigraph opening the folder and running the
  checks' SPARQL and the duplicate ties' grouping two at a time, as ``validate`` does), N
  times: medians of wall and CPU seconds (the child's user + system), with the load averages
  before and after;
- with ``--kept``: the report a store keeps for its state, whole processes one after another
  on ``--store`` opened writable (give a copy of your own: it writes the kept report and adds a
  tie): the first ``validate`` (made and kept), the second (read back), ``validate --fresh``,
  then ``source add`` of a one-line article and ``add tie`` citing it, and ``validate`` after
  them (made anew) and once more (read back), each with its exit code and last line, and the
  floor once.

The stages and ``validate()`` run with ``fresh=True``: what a report costs to make, not to read
back.

``--build`` takes the store of every dataset of ``--data`` (``../shared/data``): the README's
``diplograph import`` lines run into one on-disk store, built and kept by ``bench/realdata.py``
(its ``--cache``; rebuilt only when the data, the import lines or the importers change).

Run: ``.venv/bin/python bench/validate.py (--store DIR | --build [--cache DIR]) [--runs 1]
[--floor] [--pyshacl] [--whole 3] [--no-stages] [--kept] [--json FILE]``, ``DIR`` an Oxigraph
store folder (opened read-only but for ``--kept``). On a loaded machine read the CPU column.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _timed(work: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """Median wall and CPU seconds of ``runs`` runs of ``work``, and its last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), _cpu()
        result = work()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
    return sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2], result


def _lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for line in stream if line.strip())


def _floor_queries(folder: str) -> tuple[dict[str, str], Callable[[str], int]]:
    """The checks' own SPARQL and the duplicate ties' grouping, and a function running one of them
    on bare pyoxigraph over ``folder`` (the union of its graphs, the answer written as TSV)."""
    import pyoxigraph as ox

    from diplograph import validate as validation
    from diplograph.namespaces import SPARQL_PROLOGUE
    from diplograph.queries import list_queries

    bare = ox.Store.read_only(folder)
    texts = {q.name.removeprefix("checks/"): q.text for q in list_queries() if q.is_check}
    texts["duplicate ties' groups"] = SPARQL_PROLOGUE + validation._TIE_GROUPS

    def run(text: str) -> int:
        answer = bare.query(text, use_default_graph_as_union=True)
        return answer.serialize(format=ox.QueryResultsFormat.TSV).count(b"\n") - 1

    return texts, run


def _side_by_side(texts: dict[str, str], run: Callable[[str], int]) -> int:
    """All of ``texts`` on two threads, as ``validate`` runs its checks: the rows in all."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        return sum(pool.map(run, texts.values()))


def _floor(folder: str, record: Callable[..., Any]) -> None:
    """The checks' own SPARQL and the duplicate ties' grouping on bare pyoxigraph, one by one and
    two at a time: what the engine alone takes for the queries ``validate`` runs on the store."""
    texts, run = _floor_queries(folder)
    for name, text in texts.items():
        record(f"floor: bare {name}", lambda text=text: run(text), lambda n: f"{n} rows")
    record(
        "floor: bare, two at a time",
        lambda: _side_by_side(texts, run),
        lambda n: f"{n} rows in all",
    )


def _child(command: list[str]) -> tuple[float, float, str, int]:
    """Wall and CPU seconds (user + system) of ``command`` in a process of its own, the last
    line it printed on stdout and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # 1: validate found violations
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return wall, cpu, (lines[-1] if lines else ""), done.returncode


def _whole(folder: str, runs: int) -> list[dict[str, Any]]:
    """``diplograph validate`` whole process and its floor in a fresh process, ``runs`` times
    each, alternating: medians of wall and CPU, with the load averages around them."""
    validate = [sys.executable, "-m", "diplograph", "--store", f"oxigraph-ro:{folder}"]
    commands = {
        "`diplograph validate --fresh`, whole process": [*validate, "validate", "--fresh"],
        "floor: bare pyoxigraph in a fresh process (the checks' SPARQL and the duplicate ties' "
        "grouping, two at a time)": [sys.executable, __file__, "--floor-process", folder],
    }
    found: dict[str, list[tuple[float, float, str]]] = {name: [] for name in commands}
    load_before = os.getloadavg()
    for run in range(runs):
        for name, command in commands.items():
            wall, cpu, last, _ = _child(command)
            found[name].append((wall, cpu, last))
            print(f"  run {run + 1}: {name}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
    load_after = os.getloadavg()
    rows = []
    print(
        f"\nwhole process, median of {runs} (load average before "
        f"{', '.join(f'{x:.1f}' for x in load_before)}; after "
        f"{', '.join(f'{x:.1f}' for x in load_after)})\n"
    )
    print("| what | wall (median) | CPU (median) | runs (wall / CPU) | last line |")
    print("|---|---:|---:|---|---|")
    for name, results in found.items():
        walls = [r[0] for r in results]
        cpus = [r[1] for r in results]
        shown = ", ".join(f"{w:.1f} / {c:.1f}" for w, c, _ in results)
        print(
            f"| {name} | {statistics.median(walls):.2f} s | {statistics.median(cpus):.2f} s | "
            f"{shown} | {results[-1][2][:100]} |"
        )
        rows.append(
            {
                "stage": name,
                "wall": statistics.median(walls),
                "cpu": statistics.median(cpus),
                "runs": results,
                "load": [load_before, load_after],
            }
        )
    return rows


#: the article the ``--kept`` run registers and the tie it adds, citing its line 1
_ARTICLE = "Kenya and Ethiopia agreed to deepen their security cooperation.\n"
_TIE = ["Kenya", "Ethiopia", "--type", "security cooperation", "--line", "1"]


def _kept(folder: str) -> list[dict[str, Any]]:
    """The kept report's runs (see the module's documentation), one after another, each in a
    process of its own on ``folder`` opened writable."""
    diplograph = [sys.executable, "-m", "diplograph", "--store", f"oxigraph:{folder}"]
    rows: list[dict[str, Any]] = []

    def run(name: str, command: list[str]) -> None:
        load = os.getloadavg()
        wall, cpu, last, code = _child(command)
        rows.append(
            {"stage": name, "wall": wall, "cpu": cpu, "exit": code, "last": last, "load": load}
        )
        print(
            f"| {name} | {wall:.2f} s | {cpu:.2f} s | {code} | {load[0]:.1f} | {last[:110]} |",
            flush=True,
        )

    print(f"store: {folder} (writable)\n")
    print("| what | wall | CPU | exit | load (1 min) | last line |")
    print("|---|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as scratch:
        article = Path(scratch) / "article.txt"
        article.write_text(_ARTICLE, encoding="utf-8")
        run("first `validate` (made and kept)", [*diplograph, "validate"])
        run("second `validate` (read back)", [*diplograph, "validate"])
        run("`validate --fresh`", [*diplograph, "validate", "--fresh"])
        run("`source add` a one-line article", [*diplograph, "source", "add", str(article)])
        run("`add tie` citing it", [*diplograph, "add", "tie", *_TIE, "--source", str(article)])
        run("`validate` after the add (made anew)", [*diplograph, "validate"])
        run("`validate` again (read back)", [*diplograph, "validate"])
    run(
        "floor: bare pyoxigraph, the checks' SPARQL two at a time",
        [sys.executable, __file__, "--floor-process", folder],
    )
    return rows


def _built_store(data: Path, cache: Path | None) -> str:
    """The folder of the store of every dataset of ``data`` (bench/realdata.py's, built if
    missing)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import realdata

    imports = realdata.import_examples(realdata.readme_examples(data))
    home = realdata.build_store(data, (cache or realdata.DEFAULT_CACHE).resolve(), imports, False)
    return str(home / "store")


def main() -> None:
    if sys.argv[1:2] == ["--floor-process"]:  # the floor's own process (see _whole)
        _side_by_side(*_floor_queries(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", help="an Oxigraph store folder")
    where.add_argument(
        "--build", action="store_true", help="the store of every dataset (bench/realdata.py's)"
    )
    repository = Path(__file__).resolve().parents[1]
    parser.add_argument("--data", type=Path, default=repository.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=None, help="bench/realdata.py's --cache")
    parser.add_argument("--whole", type=int, default=0, help="whole-process runs, with floor")
    parser.add_argument("--no-stages", action="store_true", help="only the whole-process runs")
    parser.add_argument(
        "--kept", action="store_true", help="the kept report's runs (writes into --store)"
    )
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--pyshacl", action="store_true", help="time pySHACL too (minutes)")
    parser.add_argument(
        "--floor", action="store_true", help="time the checks' SPARQL on bare pyoxigraph too"
    )
    args = parser.parse_args()
    if args.build:
        args.store = _built_store(args.data.resolve(), args.cache)
    if args.kept:
        rows = _kept(args.store)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
        return
    if args.no_stages:
        print(f"store: {args.store}")
        rows = _whole(args.store, args.whole)
        if args.json:
            args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
        return

    import pyrudof

    from diplograph import validate as validation
    from diplograph.queries import list_queries, run_query
    from diplograph.store import open_store, shapes_graph

    store = open_store(f"oxigraph-ro:{args.store}")
    shapes = shapes_graph()
    rows: list[dict[str, Any]] = []

    def record(stage: str, work: Callable[[], Any], note: Callable[[Any], str]) -> Any:
        wall, cpu, result = _timed(work, args.runs)
        rows.append({"stage": stage, "wall": wall, "cpu": cpu, "note": note(result)})
        print(f"{stage:<40} {wall:8.2f} s {cpu:8.2f} s  {rows[-1]['note']}", flush=True)
        return result

    print(f"store: {args.store}, {len(store):,} triples, load average {os.getloadavg()[0]:.1f}")
    print(f"{'stage':<40} {'wall':>10} {'CPU':>10}  note")
    sources = record("sources", store.sources, lambda s: f"{len(s)} files")
    with tempfile.TemporaryDirectory() as folder:
        data_file, shapes_file = Path(folder) / "data.nt", Path(folder) / "shapes.ttl"
        shapes.serialize(shapes_file, format="turtle", encoding="utf-8")
        report = validation.ValidationReport()

        def write() -> Any:
            with data_file.open("w", encoding="utf-8") as out:
                return validation._shacl_data(store, sources, report, shapes, out)

        seen = record(
            "shapes data",
            write,
            lambda _: f"{_lines(data_file):,} lines, {len(report.sampled)} files sampled",
        )
        found = record(
            "shapes",
            lambda: validation._file_violations(data_file, shapes),
            lambda r: f"{len(r)} results",
        )

        def alone() -> int:
            rudof = pyrudof.Rudof(pyrudof.RudofConfig())
            rudof.read_data(str(data_file), format=pyrudof.RDFFormat.NTriples)
            rudof.read_shacl(str(shapes_file))
            return len(list(rudof.validate_shacl()))

        record("floor: pyrudof alone", alone, lambda n: f"{n} results, same file")
        if args.pyshacl:

            def pyshacl_alone() -> bool:
                import pyshacl
                from rdflib import Graph

                data = Graph().parse(data_file, format="nt")
                conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
                return bool(conforms)

            record("floor: pySHACL", pyshacl_alone, lambda ok: f"conforms={ok}, same file")
        record(
            "results seen whole",
            lambda: validation._seen_whole(store, found, seen),
            lambda r: f"{len(r)} kept",
        )
    record(
        "evidence check",
        lambda: validation.check_evidence(store, validation.ValidationReport()),
        lambda r: f"{len(r)} violations",
    )
    record(
        "duplicate ties",
        lambda: validation.duplicate_ties(store),
        lambda r: f"{len(r)} violations",
    )
    for check in [q for q in list_queries() if q.is_check]:
        record(
            f"check {check.name.removeprefix('checks/')}",
            lambda check=check: run_query(store, check),  # type: ignore[misc]
            lambda r: f"{len(r)} rows",
        )
    if args.floor:
        _floor(args.store, record)
    record(
        "validate()",
        lambda: validation.validate(store, fresh=True),
        lambda r: f"conforms={r.conforms}, {len(r.violations)} violations",
    )
    if args.whole:
        rows.extend(_whole(args.store, args.whole))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
