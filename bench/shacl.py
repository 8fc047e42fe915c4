"""How SHACL validation scales: pyrudof (what ``diplograph validate`` runs) against pySHACL.

For synthetic tie graphs (``bench/synthetic.py``) of a few sizes, merged with the built-in
ontology and graph, it times pySHACL on the whole data graph (the baseline, when installed:
``pip install pyshacl``), pyrudof's native engine on the whole graph, and ``validate`` on a store
holding the file (which samples a big file, see ``diplograph.validate``), each capped by a time
limit in a child process. It prints one Markdown table with each engine's verdict.

Run: ``.venv/bin/python bench/shacl.py [--sizes 10000 100000 1000000] [--limit 300]``.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from synthetic import ties_for, write

from diplograph.store.files import builtin_files
from diplograph.store.parsing import read_graph


def _pyshacl_whole(data_file: str) -> tuple[bool, int]:
    from pyshacl import validate as pyshacl_validate

    from diplograph.store.parsing import shapes_graph

    data = read_graph([*builtin_files(), Path(data_file)])
    conforms, results, _ = pyshacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True
    )
    return bool(conforms), len(set(results.subjects(predicate=None, object=None)))


def _validate(data_file: str) -> tuple[bool, int]:
    from diplograph.store import open_store
    from diplograph.validate import SHACL_FULL_LIMIT, validate

    store = open_store("memory")
    store.load(data_file)
    report = validate(store)
    assert report.sampled or len(store) <= SHACL_FULL_LIMIT * 2
    return report.conforms, len(report.violations)


def _pyrudof_whole(data_file: str) -> tuple[bool, int]:
    from diplograph.store.parsing import shapes_graph
    from diplograph.validate import shacl_violations

    data = read_graph([*builtin_files(), Path(data_file)])
    found = shacl_violations(data, shapes_graph())
    return not found, len(found)


def _child(work: Callable[[str], tuple[bool, int]], data_file: str, queue: Any) -> None:
    started = time.perf_counter()
    try:
        conforms, violations = work(data_file)
        queue.put((time.perf_counter() - started, conforms, violations, ""))
    except Exception as error:  # reported in the table, not raised
        queue.put((time.perf_counter() - started, None, None, f"{type(error).__name__}: {error}"))


def timed(work: Callable[[str], tuple[bool, int]], data_file: Path, limit: float) -> str:
    """``seconds (conforms, n violations)``, or that it passed the time limit or failed."""
    queue: Any = mp.get_context("fork").Queue()
    process = mp.get_context("fork").Process(target=_child, args=(work, str(data_file), queue))
    process.start()
    process.join(limit)
    if process.is_alive():
        process.kill()
        process.join()
        return f"> {limit:g} s (stopped)"
    seconds, conforms, violations, problem = queue.get()
    if problem:
        return f"failed after {seconds:.1f} s ({problem[:80]})"
    return f"{seconds:.1f} s ({'conforms' if conforms else f'{violations} violations'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--limit", type=float, default=300.0, help="seconds per run")
    args = parser.parse_args()
    engines: list[tuple[str, Callable[[str], tuple[bool, int]]]] = [
        ("pyrudof, whole graph", _pyrudof_whole),
        ("diplograph validate (store, sampled past 50k)", _validate),
    ]
    try:
        import pyshacl  # noqa: F401

        engines.insert(0, ("pySHACL, whole graph (baseline)", _pyshacl_whole))
    except ImportError:
        print("pySHACL is not installed: the baseline column is left out (pip install pyshacl).")
    print(f"\nSHACL validation, 13 shapes of ontology/shapes.ttl; limit {args.limit:g} s per run\n")
    print("| triples | " + " | ".join(name for name, _ in engines) + " |")
    print("|---|" + "---|" * len(engines))
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            data = Path(folder) / f"synthetic-{size}.nt"
            count = write(data, ties_for(size))
            cells = [timed(work, data, args.limit) for _, work in engines]
            print(f"| {count:,} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
