"""Benchmark of every importer against the bare pipeline (a script, not a test): prints its
figures as Markdown.

For each dataset of the README's imports (``cow-states``, ``peacekeeping``, ``gdelt``), on its
whole shared dataset as the README names it (``../shared/data``: the COW states file; the 154
IPI files; the GDELT Georgia files, the raw sample and the 2.0 Russia-Ukraine extract), in one
run, so that the ratios compare numbers taken on the same machine in the same minutes:

1. **bare csv**: one ``csv.reader`` pass over the files (their rows, nothing else): the floor of
   reading;
2. **diplograph, end to end**: ``import_files(store, DATASET, files)`` into a fresh on-disk
   Oxigraph store (the default store's kind, in a temporary folder, holding the built-in graph):
   reading, resolving codes, writing N-Triples, loading each file as a source of its own, with
   its bookkeeping, every per-file cost included. The N-Triples each file became are captured on
   the way (the copying is not counted);
3. **bare bulk load**: ``pyoxigraph.Store(path).bulk_load`` of those very triples into a fresh
   on-disk store, one named graph per file as the importer loads them;
4. **bare pipeline**: bare csv + bare bulk load; the pace is the bare pipeline's seconds over
   diplograph's (1.0: as fast as the bare pipeline);
5. for GDELT, **peak memory** (``ru_maxrss``) of an import in a fresh process at two file sizes:
   one monthly file (~5,000 events) and one file made of the Georgia files repeated with
   renumbered GLOBALEVENTIDs (~340,000 events): flat means the big one's peak is within 1.2x +
   30 MB of the small one's.

``--runs N`` repeats 2-3 (diplograph, then bare) N times, alternating, and reports medians. Wall
and CPU seconds (this process's threads) are both given: the machine is shared.

Targets: every importer's pace at least 0.7 of the bare pipeline (issue 19); GDELT at least
15,000 events/s end to end and memory flat in file size (issue 9). Run:
``.venv/bin/python bench/import.py [--data ../shared/data] [--datasets cow-states peacekeeping
gdelt] [--runs 1] [--no-memory]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]
#: the README's imports: dataset -> its files or folders under the data folder
DATASETS: dict[str, tuple[str, ...]] = {
    "cow-states": ("cow-states-2016",),
    "peacekeeping": ("un-peacekeeping-ipi",),
    "gdelt": (
        "gdelt-v1-georgia-2011-2012",
        "gdelt-v1-raw-sample",
        "gdelt-v2-rus-ukr-2022-04",
    ),
}
#: target (issue 19): an importer's pace, as a share of the bare pipeline's
TARGET_PACE = 0.7


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> tuple[float, float]:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def bare_csv(files: list[Path]) -> tuple[int, tuple[float, float]]:
    """Rows of the files and the (wall, CPU) seconds one csv.reader pass over them takes."""
    started = _clock()
    rows = 0
    for path in files:
        with path.open(newline="", encoding="utf-8", errors="replace") as stream:
            delimiter = "\t" if "\t" in stream.readline() else ","
            stream.seek(0)
            for _ in csv.reader(stream, delimiter=delimiter):
                rows += 1
    return rows, _since(started)


def end_to_end(
    dataset: str, files: list[Path], folder: Path
) -> tuple[list[Any], tuple[float, float], list[Path]]:
    """Import the files into a fresh on-disk store; keep a copy of the N-Triples of each file.
    The (wall, CPU) seconds leave out the copying."""
    import diplograph
    from diplograph.importers import import_files
    from diplograph.store.base import Store

    captured: list[Path] = []
    original = Store.load
    copying = [0.0, 0.0]

    def capture(self: Store, path: Path | str, **options: Any) -> Any:
        started = _clock()
        copy = folder / f"{len(captured):03d}.nt"
        shutil.copyfile(path, copy)
        captured.append(copy)
        wall, cpu = _since(started)
        copying[0] += wall
        copying[1] += cpu
        return original(self, path, **options)

    Store.load = capture  # type: ignore[method-assign]
    try:
        kg = diplograph.open(f"oxigraph:{folder / 'store'}")
        started = _clock()
        reports = import_files(kg, dataset, files)
        wall, cpu = _since(started)
        kg.close()
    finally:
        Store.load = original  # type: ignore[method-assign]
    shutil.rmtree(folder / "store", ignore_errors=True)
    return reports, (wall - copying[0], cpu - copying[1]), captured


def bare_bulk_load(triples: list[Path], folder: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of a bare pyoxigraph bulk load of the files, one named graph each."""
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    started = _clock()
    for n, path in enumerate(triples):
        store.bulk_load(
            path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(f"urn:g:{n}")
        )
    store.flush()
    seconds = _since(started)
    del store
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def big_file(georgia: Path, target: Path, copies: int) -> int:
    """Georgia's 58-column files repeated ``copies`` times with new GLOBALEVENTIDs: a big file of
    real rows for the memory test. Returns its number of events."""
    events = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
        header_written = False
        for copy in range(copies):
            for path in sorted(georgia.glob("*.csv")):
                with path.open(newline="", encoding="utf-8") as stream:
                    reader = csv.reader(stream)
                    header = next(reader)
                    if len(header) != 58:
                        continue
                    if not header_written:
                        writer.writerow(header)
                        header_written = True
                    for row in reader:
                        row[0] = str(10**9 * (copy + 1) + int(row[0]))
                        writer.writerow(row)
                        events += 1
    return events


def peak_memory(path: Path, folder: Path) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of importing ``path`` in a fresh process."""
    done = subprocess.run(
        [sys.executable, __file__, "--worker", str(path), "--store", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    peak, seconds = done.stdout.split()
    return float(peak), float(seconds)


def worker(path: Path, folder: Path) -> None:
    import diplograph
    from diplograph.importers import import_files

    kg = diplograph.open(f"oxigraph:{folder}")
    started = time.perf_counter()
    import_files(kg, "gdelt", [path])
    seconds = time.perf_counter() - started
    kg.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(f"{peak:.1f} {seconds:.2f}")


def _median(values: list[float]) -> float:
    return statistics.median(values)


def measure(dataset: str, files: list[Path], scratch: Path, runs: int) -> dict[str, Any]:
    """Bare csv, diplograph end to end and bare bulk load of one dataset, ``runs`` times each,
    alternating; medians of (wall, CPU)."""
    ours: list[tuple[float, float]] = []
    bulk: list[tuple[float, float]] = []
    reading: list[tuple[float, float]] = []
    reports: list[Any] = []
    rows = 0
    for run in range(runs):
        print(f"  {dataset}: run {run + 1} of {runs}", file=sys.stderr, flush=True)
        rows, seconds = bare_csv(files)
        reading.append(seconds)
        folder = scratch / f"{dataset}-{run}"
        (folder / "captured").mkdir(parents=True)
        reports, seconds, captured = end_to_end(dataset, files, folder / "captured")
        ours.append(seconds)
        bulk.append(bare_bulk_load(captured, folder / "bare"))
        shutil.rmtree(folder, ignore_errors=True)
    pick = {
        name: (_median([w for w, _ in found]), _median([c for _, c in found]))
        for name, found in (("csv", reading), ("ours", ours), ("bulk", bulk))
    }
    return {
        "files": len(files),
        "rows": rows,
        "read": sum(r.read for r in reports),
        "imported": sum(r.imported for r in reports),
        "triples": sum(r.triples for r in reports),
        **pick,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "data")
    parser.add_argument("--datasets", nargs="*", default=list(DATASETS), choices=list(DATASETS))
    parser.add_argument("--runs", type=int, default=1, help="alternating runs of each pipeline")
    parser.add_argument("--copies", type=int, default=4, help="repeats of Georgia in the big file")
    parser.add_argument("--no-memory", action="store_true", help="skip GDELT's memory test")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.store)
        return
    from diplograph.importers import dataset_files

    load_before = os.getloadavg()[0]
    found: dict[str, dict[str, Any]] = {}
    memory = None
    georgia = args.data / "gdelt-v1-georgia-2011-2012"
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-import-") as scratch:
        folder = Path(scratch)
        os.environ["DIPLOGRAPH_CACHE"] = str(folder / "cache")  # no aggregates in the user's
        # first: a child's ru_maxrss starts from this process's peak (kept across exec)
        if "gdelt" in args.datasets and not args.no_memory:
            small = georgia / "july2011.csv"
            big = folder / "georgia-repeated.csv"
            big_events = big_file(georgia, big, args.copies)
            small_peak, small_seconds = peak_memory(small, folder / "memory-small")
            big_peak, big_seconds = peak_memory(big, folder / "memory-big")
            memory = (small, small_peak, small_seconds, big_events, big_peak, big_seconds)
        for dataset in args.datasets:
            files = dataset_files(dataset, [args.data / name for name in DATASETS[dataset]])
            found[dataset] = measure(dataset, files, folder, args.runs)

    print(
        f"# Import benchmark ({platform.python_version()}, {os.cpu_count()} CPUs, load average "
        f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; medians of "
        f"{args.runs} run(s), wall / CPU seconds)\n"
    )
    print(
        "| dataset | files | rows read | imported | triples | bare csv | bare bulk load | bare "
        "pipeline | diplograph end to end | rows/s | pace (bare / diplograph), wall and CPU | "
        f"≥ {TARGET_PACE} |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for dataset, f in found.items():
        bare = (f["csv"][0] + f["bulk"][0], f["csv"][1] + f["bulk"][1])
        ours = f["ours"]
        pace = (bare[0] / ours[0], bare[1] / ours[1])
        print(
            f"| {dataset} | {f['files']} | {f['read']:,} | {f['imported']:,} | "
            f"{f['triples']:,} | {_pair(f['csv'])} | {_pair(f['bulk'])} | {_pair(bare)} | "
            f"**{_pair(ours)}** | {f['read'] / ours[0]:,.0f} | {pace[0]:.2f} / {pace[1]:.2f} | "
            f"{'met' if pace[0] >= TARGET_PACE else '**not met**'} |"
        )
    if "gdelt" in found:
        rate = found["gdelt"]["read"] / found["gdelt"]["ours"][0]
        print(
            f"\n- {'met' if rate >= 15_000 else 'NOT met'}: GDELT at least 15,000 events/s end "
            f"to end ({rate:,.0f})"
        )
    if memory is not None:
        small, small_peak, small_seconds, big_events, big_peak, big_seconds = memory
        print("\n| memory (GDELT) | events | peak RSS | seconds |")
        print("|---|---:|---:|---:|")
        print(
            f"| one monthly file ({small.name}) | {_events(small):,} | {small_peak:.0f} MB | "
            f"{small_seconds:.1f} |"
        )
        print(
            f"| Georgia x{args.copies}, renumbered | {big_events:,} | {big_peak:.0f} MB | "
            f"{big_seconds:.1f} |"
        )
        flat = big_peak <= small_peak * 1.2 + 30
        print(
            f"\n- {'met' if flat else 'NOT met'}: memory flat in file size "
            f"({big_peak / small_peak:.2f}x at {big_events / _events(small):.0f}x the events)"
        )


def _pair(seconds: tuple[float, float]) -> str:
    return f"{seconds[0]:.2f} / {seconds[1]:.2f}"


def _events(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for _ in stream) - 1


if __name__ == "__main__":
    main()
