"""Benchmark of every importer against the bare pipeline on the same files (a script, not a test):
prints its figures as Markdown.

For each dataset of ``../shared/data`` (:data:`DATASETS`), in one run, so that the ratios compare
numbers taken on the same machine in the same minutes:

1. **bare csv**: one ``csv.reader`` pass over the dataset's files (the delimiter each uses): the
   floor of reading;
2. **diplograph, end to end**: ``import_files(store, dataset, files)`` into a fresh on-disk
   Oxigraph store (the default store's kind, in a temporary folder): reading, resolving codes,
   computing (runs, dyads, agreement), writing N-Triples, loading each file as a source of its
   own with its bookkeeping. Rows per second are rows read per second; the N-Triples each file
   became are captured on the way (the copying is not counted);
3. **bare bulk load**: ``pyoxigraph.Store(path).bulk_load`` of those very triples into a fresh
   on-disk store, one named graph per file as the importer loads them;
4. **bare pipeline**: rows / (bare csv time + bare bulk load time), and the importer's share of
   it (target: at least 0.7), in wall-clock seconds and in CPU seconds (the process's, the
   store's threads included: on a machine others load, the CPU share is the steadier figure);
5. **peak memory** (``VmHWM``) of each import in a fresh process, and for GDELT at three file
   sizes: one monthly file, and the Georgia files once and ``--copies`` times over (renumbered
   GLOBALEVENTIDs). Flat means the biggest one's peak is within 1.2x + 30 MB of the Georgia
   file's once over: both go to the store through the bulk loader in pieces, whereas a file
   under the store's bulk threshold (the monthly one) is loaded in one transaction, a smaller
   and different cost;
6. **memory by file size** of the importers that must see a whole file before writing (the
   mirror rows of Diplomatic Exchange, the sessions of UN votes, ATOP's members, the P530 and
   embassy pairs): each import's peak in a fresh process on the first quarter of the file's
   rows and on all of them (UN votes with its roll-call table beside), by the same measure of
   flat, beside the peak of a bare pyoxigraph bulk load of the triples it wrote (the floor: the
   loader's memory grows with what it loads up to its pieces' size).

``--runs N`` repeats 1-3 N times, alternating, and gives each stage's median (wall and CPU
apart): on a machine others load, one run's ratio moves by a tenth or more.

Run: ``.venv/bin/python bench/import.py [--data ../shared/data] [--only atop unga-votes]
[--parts table memory] [--runs 3]``.
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Dataset:
    """A dataset as the benchmark imports it: its importer's name and its files (relative to
    the data folder; folders as the command takes them)."""

    name: str
    importer: str
    files: tuple[str, ...]


DATASETS = (
    Dataset("COW states 2016", "cow-states", ("cow-states-2016/states2016.csv",)),
    Dataset(
        "COW Diplomatic Exchange",
        "diplomatic-exchange",
        ("cow-diplomatic-exchange-2006/Diplomatic_Exchange_2006v1.csv",),
    ),
    Dataset("ATOP 5.1 (3 files)", "atop", ("atop-5.1",)),
    Dataset("UN votes, Voeten (4 files)", "unga-votes", ("unga-votes-voeten",)),
    Dataset("Wikidata P530 (3 files)", "wikidata", ("wikidata-p530-codex",)),
    Dataset("Wikidata embassies", "wikidata", ("wikidata-embassies-2022",)),
    Dataset("IPI peacekeeping (154 files)", "peacekeeping", ("un-peacekeeping-ipi",)),
    Dataset(
        "GDELT (21 files)",
        "gdelt",
        ("gdelt-v1-georgia-2011-2012", "gdelt-v1-raw-sample", "gdelt-v2-rus-ukr-2022-04"),
    ),
)


def _cpu() -> float:
    """CPU seconds this process has used, every thread's (Oxigraph loads in threads of its own)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Timed:
    """Wall-clock and CPU seconds of one stage."""

    wall: float
    cpu: float


def bare_csv(files: list[Path]) -> tuple[int, Timed]:
    """Records of the files and the time one csv.reader pass over them takes."""
    started, cpu = time.perf_counter(), _cpu()
    rows = 0
    for path in files:
        with path.open(newline="", encoding="utf-8", errors="replace") as stream:
            first = stream.readline()
            semicolons = first.count(";") > first.count(",")
            delimiter = "\t" if "\t" in first else ";" if semicolons else ","
            stream.seek(0)
            quoting = csv.QUOTE_NONE if delimiter != "," else csv.QUOTE_MINIMAL
            for _ in csv.reader(stream, delimiter=delimiter, quoting=quoting):
                rows += 1
    return rows, Timed(time.perf_counter() - started, _cpu() - cpu)


def end_to_end(
    dataset: Dataset, files: list[Path], folder: Path
) -> tuple[list[Any], Timed, list[Path]]:
    """Import the files into a fresh on-disk store; keep a copy of the N-Triples of each file."""
    import diplograph
    from diplograph.importers import import_files
    from diplograph.store.base import Store

    captured: list[Path] = []
    original = Store.load
    copying = [0.0, 0.0]

    def capture(self: Store, path: Path | str, **options: Any) -> Any:
        started, cpu = time.perf_counter(), _cpu()
        copy = folder / f"{len(captured):03d}.nt"
        shutil.copyfile(path, copy)
        captured.append(copy)
        copying[0] += time.perf_counter() - started
        copying[1] += _cpu() - cpu
        return original(self, path, **options)

    kg = diplograph.open(f"oxigraph:{folder / 'store'}")  # the built-in graph: not timed
    Store.load = capture  # type: ignore[method-assign]
    try:
        started, cpu = time.perf_counter(), _cpu()
        reports = import_files(kg, dataset.importer, files)
        seconds = Timed(time.perf_counter() - started - copying[0], _cpu() - cpu - copying[1])
    finally:
        Store.load = original  # type: ignore[method-assign]
        kg.close()
    return reports, seconds, captured


def bare_bulk_load(triples: list[Path], folder: Path) -> Timed:
    """The time a bare pyoxigraph bulk load of the files takes, one named graph each."""
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    started, cpu = time.perf_counter(), _cpu()
    for n, path in enumerate(triples):
        store.bulk_load(
            path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(f"urn:g:{n}")
        )
    store.flush()
    return Timed(time.perf_counter() - started, _cpu() - cpu)


def _median(times: list[Timed]) -> Timed:
    """Each of wall and CPU seconds' median, apart."""
    return Timed(statistics.median(t.wall for t in times), statistics.median(t.cpu for t in times))


def measure(
    dataset: Dataset, files: list[Path], folder: Path, runs: int
) -> tuple[int, Timed, list[Any], Timed, Timed]:
    """Bare csv, diplograph end to end and bare bulk load of one dataset, ``runs`` times each,
    alternating: (records, csv, reports, diplograph, bulk load), the times medians."""
    reading: list[Timed] = []
    ours: list[Timed] = []
    bulk: list[Timed] = []
    records, reports = 0, []
    for run in range(runs):
        here = folder / f"run-{run}"
        (here / "captured").mkdir(parents=True)
        records, csv_time = bare_csv(files)
        reading.append(csv_time)
        reports, ours_time, captured = end_to_end(dataset, files, here / "captured")
        ours.append(ours_time)
        shutil.rmtree(here / "captured" / "store", ignore_errors=True)
        bulk.append(bare_bulk_load(captured, here / "bare"))
        shutil.rmtree(here)
    return records, _median(reading), reports, _median(ours), _median(bulk)


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


def peak_memory(
    importer: str, paths: list[Path], folder: Path, keep: Path | None = None, heap: bool = False
) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of importing ``paths`` in a fresh process (with ``keep``, the
    N-Triples each file became are copied there; importer "bare": a bare pyoxigraph bulk load
    of N-Triples files); with ``heap``, (the peak MB of the Python heap the importer held
    before the store's load, by tracemalloc, seconds)."""
    extra = ["--keep", str(keep)] if keep is not None else []
    extra += ["--heap"] if heap else []
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--worker",
            importer,
            "--store",
            str(folder),
            *extra,
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    peak, seconds = done.stdout.split()
    return float(peak), float(seconds)


#: the importers that hold a whole file's keys (the mirror rows, the sessions, ATOP's members,
#: the P530 pairs, the embassies' operator-host pairs): (importer, the file, files read beside it)
WHOLE_FILE = (
    ("diplomatic-exchange", "cow-diplomatic-exchange-2006/Diplomatic_Exchange_2006v1.csv", ()),
    (
        "unga-votes",
        "unga-votes-voeten/UNVotesPublished_votes.csv",
        ("unga-votes-voeten/UNVotesPublished_rollcalls.csv",),
    ),
    ("atop", "atop-5.1/atop5_1_ddyr_peacesciencer.csv", ()),
    ("atop", "atop-5.1/atop5_1m.csv", ()),
    ("wikidata", "wikidata-p530-codex/p530_triples.csv", ()),
    ("wikidata", "wikidata-embassies-2022/database_of_embassies.csv", ()),
)


def first_rows(source: Path, target: Path, share: float) -> int:
    """The header and the first ``share`` of ``source``'s rows (lines) into ``target``; the
    number of rows written."""
    with source.open("rb") as stream:
        lines = stream.readlines()
    rows = int((len(lines) - 1) * share)
    target.write_bytes(b"".join(lines[: rows + 1]))
    return rows


def memory_by_size(
    data: Path, folder: Path, wanted: set[str]
) -> list[tuple[str, list[tuple[int, float, float, float, float]]]]:
    """Each :data:`WHOLE_FILE` importer of ``wanted``: (rows, peak MB, seconds, the peak MB of
    a bare pyoxigraph bulk load of the triples it wrote, the Python heap it held before the
    load) on a quarter of its file and on all of it, each in a fresh process."""
    found = []
    for importer, name, beside in WHOLE_FILE:
        if importer not in wanted:
            continue
        sizes = []
        for share in (0.25, 1.0):
            here = folder / f"{importer}-{share}"
            here.mkdir(parents=True)
            for other in beside:
                shutil.copyfile(data / other, here / Path(other).name)
            rows = first_rows(data / name, here / Path(name).name, share)
            kept = here / "kept"
            kept.mkdir()
            peak, seconds = peak_memory(importer, [here / Path(name).name], here / "store", kept)
            bare, _ = peak_memory("bare", sorted(kept.glob("*.nt")), here / "bare")
            held, _ = peak_memory(importer, [here / Path(name).name], here / "heap", heap=True)
            sizes.append((rows, peak, seconds, bare, held))
            shutil.rmtree(here)
        found.append((f"{importer} ({Path(name).name})", sizes))
    return found


def _flat(small_peak: float, big_peak: float) -> bool:
    """Flat: the bigger file's peak within 1.2x + 30 MB of the smaller one's."""
    return big_peak <= small_peak * 1.2 + 30


def worker(importer: str, paths: list[Path], folder: Path, keep: Path | None, heap: bool) -> None:
    if importer == "bare":
        import pyoxigraph as ox

        started = time.perf_counter()
        store = ox.Store(str(folder))
        for n, path in enumerate(paths):
            store.bulk_load(
                path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(f"urn:g:{n}")
            )
        store.flush()
        print(f"{_peak_rss_mb():.1f} {time.perf_counter() - started:.2f}")
        return
    import diplograph
    from diplograph.importers import import_files
    from diplograph.store.base import Store

    kg = diplograph.open(f"oxigraph:{folder}")
    if keep is not None:
        original = Store.load

        def capture(self: Store, path: Path | str, **options: Any) -> Any:
            shutil.copyfile(path, keep / f"{len(list(keep.iterdir())):03d}.nt")
            return original(self, path, **options)

        Store.load = capture  # type: ignore[method-assign,assignment]
    if heap:
        import tracemalloc

        from diplograph.importers.base import Sink

        held: list[float] = []
        commit = Sink.commit

        def measured(self: Sink) -> Any:
            held.append(tracemalloc.get_traced_memory()[1] / 2**20)
            return commit(self)

        Sink.commit = measured  # type: ignore[method-assign]
        tracemalloc.start()
    started = time.perf_counter()
    import_files(kg, importer, paths)
    seconds = time.perf_counter() - started
    if heap:
        kg.close()
        print(f"{max(held):.1f} {seconds:.2f}")
        return
    kg.close()
    print(f"{_peak_rss_mb():.1f} {seconds:.2f}")


def _peak_rss_mb() -> float:
    """This process's peak resident memory in MB: Linux's ``VmHWM``. Not ``ru_maxrss``, which
    keeps the peak of the process before ``exec`` (the benchmark's own, forked: every worker
    after the UN votes read 1,935 MB)."""
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: kB as well


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "data")
    parser.add_argument("--copies", type=int, default=4, help="repeats of Georgia in the big file")
    parser.add_argument("--only", nargs="*", help="importers to run (all when not given)")
    parser.add_argument(
        "--parts",
        nargs="*",
        choices=("table", "memory"),
        default=("table", "memory"),
        help="the table against the bare pipeline, memory by file size (both when not given)",
    )
    parser.add_argument("--runs", type=int, default=1, help="alternating runs; medians")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--heap", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.paths, args.store, args.keep, args.heap)
        return
    from diplograph.importers import dataset_files

    load_before = os.getloadavg()[0]
    chosen = [d for d in DATASETS if not args.only or d.importer in args.only]
    results = []
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-import-") as scratch:
        folder = Path(scratch)
        os.environ["DIPLOGRAPH_CACHE"] = str(folder / "cache")  # no aggregates in the user's
        for number, dataset in enumerate(chosen if "table" in args.parts else ()):
            files = dataset_files(dataset.importer, [args.data / f for f in dataset.files])
            here = folder / f"{number}"
            print(f"{dataset.name}: {len(files)} files", file=sys.stderr)
            records, csv_time, reports, ours_time, bulk_time = measure(
                dataset, files, here, args.runs
            )
            peak, _ = peak_memory(dataset.importer, files, here / "memory")
            results.append((dataset, files, records, csv_time, reports, ours_time, bulk_time, peak))
            shutil.rmtree(here)
        gdelt = None
        if "memory" in args.parts and any(d.importer == "gdelt" for d in chosen):
            georgia = args.data / "gdelt-v1-georgia-2011-2012"
            month = georgia / "july2011.csv"
            month_peak, month_seconds = peak_memory("gdelt", [month], folder / "memory-month")
            sizes = []
            for copies in (1, args.copies):
                big = folder / f"georgia-x{copies}.csv"
                events = big_file(georgia, big, copies)
                peak, seconds = peak_memory("gdelt", [big], folder / f"memory-x{copies}")
                sizes.append((copies, events, peak, seconds))
                big.unlink()
            gdelt = (month, month_peak, month_seconds, sizes)
        wanted = {d.importer for d in chosen} if "memory" in args.parts else set()
        by_size = memory_by_size(args.data, folder / "by-size", wanted)

    print(
        f"# Import benchmark ({platform.python_version()}, {os.cpu_count()} CPUs, load average "
        f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; medians of "
        f"{args.runs} run(s))\n"
    )
    if results:
        _table(results)
    if gdelt is not None:
        month, month_peak, month_seconds, sizes = gdelt
        print()
        print("| memory (GDELT) | events | peak RSS | seconds |")
        print("|---|---:|---:|---:|")
        print(
            f"| one monthly file ({month.name}) | {_events(month):,} | {month_peak:.0f} MB | "
            f"{month_seconds:.1f} |"
        )
        for copies, events, peak, seconds in sizes:
            print(f"| Georgia x{copies}, renumbered | {events:,} | {peak:.0f} MB | {seconds:.1f} |")
        (_, once, once_peak, _), (copies, most, most_peak, _) = sizes[0], sizes[-1]
        verdict = "met" if _flat(once_peak, most_peak) else "NOT met"
        print(
            f"\n- {verdict}: memory flat in file size ({most_peak / once_peak:.2f}x the peak at "
            f"{most / once:.1f}x the events)"
        )
    if by_size:
        print()
        print(
            "| memory (a whole file held) | rows | peak RSS | seconds "
            "| bare bulk load of its triples: peak RSS | Python heap held before the load |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        for importer, measured in by_size:
            for rows, peak, seconds, bare, held in measured:
                print(
                    f"| {importer} | {rows:,} | {peak:.0f} MB | {seconds:.1f} | {bare:.0f} MB "
                    f"| {held:.1f} MB |"
                )
        print()
        for importer, measured in by_size:
            (few, few_peak, _, few_bare, few_held) = measured[0]
            (many, many_peak, _, many_bare, many_held) = measured[-1]
            verdict = "met" if _flat(few_peak, many_peak) else "NOT met"
            own = "flat" if _flat(few_peak - few_bare, many_peak - many_bare) else "NOT flat"
            print(
                f"- {verdict}: {importer}'s memory flat in file size ({many_peak / few_peak:.2f}x "
                f"the peak at {many / few:.1f}x the rows; the bare bulk load's peak "
                f"{few_bare:.0f} -> {many_bare:.0f} MB; the peak above it "
                f"{few_peak - few_bare:.0f} -> {many_peak - many_bare:.0f} MB: {own}; the "
                f"Python heap it held {few_held:.1f} -> {many_held:.1f} MB)"
            )


def _table(results: list[Any]) -> None:
    """The table against the bare pipeline, and each dataset's verdict (wall clock and CPU)."""
    print(
        "| dataset | files | rows read = imported + rejected + filtered | triples | bare csv s "
        "| bare bulk load s | bare pipeline rows/s | diplograph s | rows/s | triples/s "
        "| share of bare | bare CPU s | diplograph CPU s | CPU share | peak RSS |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for dataset, files, _, csv_t, reports, ours_t, bulk_t, peak in results:
        read = sum(r.read for r in reports)
        imported = sum(r.imported for r in reports)
        rejected = sum(r.rejected for r in reports)
        filtered = sum(r.filtered for r in reports)
        triples = sum(r.triples for r in reports)
        bare = read / (csv_t.wall + bulk_t.wall)
        ours = read / ours_t.wall
        bare_cpu = csv_t.cpu + bulk_t.cpu
        print(
            f"| {dataset.name} | {len(files)} | {read:,} = {imported:,} + {rejected:,} + "
            f"{filtered:,} | {triples:,} | {csv_t.wall:.2f} | {bulk_t.wall:.2f} | {bare:,.0f} | "
            f"{ours_t.wall:.2f} | {ours:,.0f} | {triples / ours_t.wall:,.0f} | {ours / bare:.2f} | "
            f"{bare_cpu:.2f} | {ours_t.cpu:.2f} | {bare_cpu / ours_t.cpu:.2f} | {peak:.0f} MB |"
        )
    print()
    for dataset, _, _, csv_t, _, ours_t, bulk_t, _ in results:
        share = (csv_t.wall + bulk_t.wall) / ours_t.wall
        cpu_share = (csv_t.cpu + bulk_t.cpu) / ours_t.cpu
        met = "met" if share >= 0.7 else "NOT met"
        print(
            f"- {met}: {dataset.name}, at least 0.7 of the bare pipeline ({share:.2f}; "
            f"CPU {cpu_share:.2f})"
        )


def _events(path: Path) -> int:
    with path.open(encoding="utf-8") as stream:
        return sum(1 for _ in stream) - 1


if __name__ == "__main__":
    main()
