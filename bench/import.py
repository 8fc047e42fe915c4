"""Benchmark of the GDELT importer against a bare csv pass and a bare bulk load (a script, not a
test): prints its figures as Markdown.

In one run, over the same GDELT files (by default the 18 Georgia files of ../shared/data, 88,191
events, and the 2.0 Russia-Ukraine extract, 20,967), so that the ratios compare numbers taken on
the same machine in the same minutes:

1. **bare csv**: one ``csv.reader`` pass over the files (their rows, nothing else): the floor of
   reading;
2. **diplograph, end to end**: ``import_files(store, "gdelt", files)`` into an on-disk Oxigraph
   store (the default store's kind, in a temporary folder): reading, resolving codes, writing
   N-Triples, bulk loading each file as a source of its own, with its bookkeeping. Events per
   second are rows read per second; the N-Triples each file became are captured on the way;
3. **bare bulk load**: ``pyoxigraph.Store(path).bulk_load`` of those very triples into a fresh
   on-disk store, one named graph per file as the importer loads them;
4. **bare pipeline**: rows / (bare csv time + bare bulk load time);
5. **peak memory** (``ru_maxrss``) of an import in a fresh process at two file sizes: one monthly
   file (~5,000 events) and one file made of the Georgia files repeated with renumbered
   GLOBALEVENTIDs (~340,000 events): flat means the big one's peak is within 1.2x + 30 MB of the
   small one's.

Targets (issue 9): at least 15,000 events/s end to end, at least half the bare pipeline's rate,
memory flat in file size. Run: ``.venv/bin/python bench/import.py [--data ../shared/data]``.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]


def bare_csv(files: list[Path]) -> tuple[int, float]:
    """Rows of the files and the seconds one csv.reader pass over them takes."""
    started = time.perf_counter()
    rows = 0
    for path in files:
        with path.open(newline="", encoding="utf-8") as stream:
            delimiter = "\t" if "\t" in stream.readline() else ","
            stream.seek(0)
            for _ in csv.reader(stream, delimiter=delimiter):
                rows += 1
    return rows, time.perf_counter() - started


def end_to_end(files: list[Path], folder: Path) -> tuple[list[Any], float, list[Path]]:
    """Import the files into an on-disk store; keep a copy of the N-Triples of each file."""
    import diplograph
    from diplograph.importers import import_files
    from diplograph.store.base import Store

    captured: list[Path] = []
    original = Store.load

    def capture(self: Store, path: Path | str, **options: Any) -> Any:
        started = time.perf_counter()
        copy = folder / f"{len(captured):03d}.nt"
        shutil.copyfile(path, copy)
        captured.append(copy)
        capture.copying += time.perf_counter() - started  # type: ignore[attr-defined]
        return original(self, path, **options)

    capture.copying = 0.0  # type: ignore[attr-defined]
    Store.load = capture  # type: ignore[method-assign]
    try:
        kg = diplograph.open(f"oxigraph:{folder / 'store'}")
        started = time.perf_counter()
        reports = import_files(kg, "gdelt", files)
        seconds = time.perf_counter() - started - capture.copying  # type: ignore[attr-defined]
        kg.close()
    finally:
        Store.load = original  # type: ignore[method-assign]
    return reports, seconds, captured


def bare_bulk_load(triples: list[Path], folder: Path) -> float:
    """Seconds a bare pyoxigraph bulk load of the files takes, one named graph each."""
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    started = time.perf_counter()
    for n, path in enumerate(triples):
        store.bulk_load(
            path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(f"urn:g:{n}")
        )
    store.flush()
    return time.perf_counter() - started


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "data")
    parser.add_argument("--copies", type=int, default=4, help="repeats of Georgia in the big file")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.store)
        return
    georgia = args.data / "gdelt-v1-georgia-2011-2012"
    extract = args.data / "gdelt-v2-rus-ukr-2022-04" / "rus_ukr_events_2022-04.csv"
    files = [*sorted(georgia.glob("*.csv")), extract]
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-import-") as scratch:
        folder = Path(scratch)
        os.environ["DIPLOGRAPH_CACHE"] = str(folder / "cache")  # no aggregates in the user's
        (folder / "captured").mkdir()
        rows, csv_seconds = bare_csv(files)
        reports, seconds, captured = end_to_end(files, folder / "captured")
        read = sum(r.read for r in reports)
        imported = sum(r.imported for r in reports)
        triples = sum(r.triples for r in reports)
        bulk_seconds = bare_bulk_load(captured, folder / "bare")
        header_rows = rows - read  # the csv pass counts each file's header line
        bare = read / (csv_seconds + bulk_seconds)
        ours = read / seconds
        small = georgia / "july2011.csv"
        big = folder / "georgia-repeated.csv"
        big_events = big_file(georgia, big, args.copies)
        small_peak, small_seconds = peak_memory(small, folder / "memory-small")
        big_peak, big_seconds = peak_memory(big, folder / "memory-big")

    cpus = os.cpu_count()
    print(
        f"# GDELT import benchmark ({platform.python_version()}, {cpus} CPUs, "
        f"load average {os.getloadavg()[0]:.1f})\n"
    )
    print(
        f"{len(files)} files, {read:,} events read ({header_rows} header lines), "
        f"{imported:,} imported, {triples:,} triples\n"
    )
    print("| pipeline | seconds | events/s | triples/s |")
    print("|---|---:|---:|---:|")
    print(f"| bare csv.reader pass | {csv_seconds:.2f} | {read / csv_seconds:,.0f} | |")
    print(
        f"| bare pyoxigraph bulk load (same triples, one graph per file, on disk) | "
        f"{bulk_seconds:.2f} | {read / bulk_seconds:,.0f} | {triples / bulk_seconds:,.0f} |"
    )
    print(f"| bare pipeline (csv + bulk load) | {csv_seconds + bulk_seconds:.2f} | {bare:,.0f} | |")
    print(
        f"| **diplograph import, end to end, on-disk store** | {seconds:.2f} | {ours:,.0f} | "
        f"{triples / seconds:,.0f} |"
    )
    print()
    print("| memory | events | peak RSS | seconds |")
    print("|---|---:|---:|---:|")
    print(
        f"| one monthly file ({small.name}) | {_events(small):,} | {small_peak:.0f} MB | "
        f"{small_seconds:.1f} |"
    )
    print(
        f"| Georgia x{args.copies}, renumbered | {big_events:,} | {big_peak:.0f} MB | "
        f"{big_seconds:.1f} |"
    )
    print()
    flat = big_peak <= small_peak * 1.2 + 30
    for target, met in (
        ("at least 15,000 events/s end to end", ours >= 15_000),
        (f"at least half the bare pipeline's rate ({ours / bare:.2f} of it)", ours >= bare / 2),
        (
            f"memory flat in file size ({big_peak / small_peak:.2f}x at "
            f"{big_events / _events(small):.0f}x the events)",
            flat,
        ),
    ):
        print(f"- {'met' if met else 'NOT met'}: {target}")


def _events(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for _ in stream) - 1


if __name__ == "__main__":
    main()
