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
- ``validate()``: the whole function, as the command runs it (the checks beside the shapes).

Run: ``.venv/bin/python bench/validate.py --store DIR [--runs 1] [--floor] [--pyshacl]
[--json FILE]``, ``DIR`` an Oxigraph store folder (opened read-only). On a loaded machine read
the CPU column.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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


def _floor(folder: str, record: Callable[..., Any]) -> None:
    """The checks' own SPARQL and the duplicate ties' grouping on bare pyoxigraph, one by one and
    two at a time: what the engine alone takes for the queries ``validate`` runs on the store."""
    from concurrent.futures import ThreadPoolExecutor

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

    for name, text in texts.items():
        record(f"floor: bare {name}", lambda text=text: run(text), lambda n: f"{n} rows")

    def side_by_side() -> int:
        with ThreadPoolExecutor(2) as pool:
            return sum(pool.map(run, texts.values()))

    record("floor: bare, two at a time", side_by_side, lambda n: f"{n} rows in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="an Oxigraph store folder")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--pyshacl", action="store_true", help="time pySHACL too (minutes)")
    parser.add_argument(
        "--floor", action="store_true", help="time the checks' SPARQL on bare pyoxigraph too"
    )
    args = parser.parse_args()

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
        lambda: validation.validate(store),
        lambda r: f"conforms={r.conforms}, {len(r.violations)} violations",
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
