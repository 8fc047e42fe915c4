"""CPU seconds of the store layer for one source tree: for comparing two trees turn about.

Wall-clock figures of a few milliseconds mean little on a shared, loaded machine; CPU seconds
(``time.process_time()``, every thread of the process) mean more. This script times, for one
store string (``DIR`` in it becomes a fresh temporary folder): opening the store (the built-in
graph), loading one N-Triples file, every named query and check (``run_query`` with default
parameters, median of 5 each, summed; those that need a parameter are skipped), ``sources()``
and ``graphs()`` 20 times, and ``dump_ntriples()``; and prints them as one JSON line, with each
query's answer size (rows or triples) so that two trees' answers can be compared too.

Run it with the tree to measure first on the path, alternating trees (issue 22 did three rounds):
``PYTHONPATH=/path/to/tree/src .venv/bin/python bench/store_cpu.py FILE.nt memory`` and
``... FILE.nt oxigraph:DIR``; ``bench/synthetic.py`` writes FILE.nt.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5


def main() -> None:
    started = time.process_time()
    data, spec = Path(sys.argv[1]), sys.argv[2]
    from diplograph.errors import DiplographError
    from diplograph.queries import list_queries, run_query
    from diplograph.store import open_store

    folder = tempfile.mkdtemp(prefix="diplograph-store-cpu-")
    out: dict[str, object] = {}
    clock = time.process_time()
    store = open_store(spec.replace("DIR", folder))
    out["open"] = time.process_time() - clock
    clock = time.process_time()
    store.load(data)
    out["load"] = time.process_time() - clock
    total, answers = 0.0, {}
    for named in list_queries(include_checks=True):
        try:
            run_query(store, named, {})  # the warm-up; a query needing a parameter fails here
        except DiplographError:  # skipped: it needs a parameter
            continue
        runs = []
        for _ in range(RUNS):
            clock = time.process_time()
            result = run_query(store, named, {})
            runs.append(time.process_time() - clock)
        answers[named.name] = len(result.graph) if result.graph is not None else len(result.rows)
        total += statistics.median(runs)
    out["queries"], out["answers"] = total, answers
    clock = time.process_time()
    for _ in range(20):
        store.sources()
        store.graphs()
    out["sources+graphs x20"] = time.process_time() - clock
    clock = time.process_time()
    out["dump_lines"] = sum(1 for _ in store.dump_ntriples())
    out["dump"] = time.process_time() - clock
    store.close()
    shutil.rmtree(folder, ignore_errors=True)
    out["whole"] = time.process_time() - started
    print(json.dumps(out))


if __name__ == "__main__":
    main()
