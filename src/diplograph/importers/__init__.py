"""Importers: real datasets streamed into the store onto the crosswalk's actors.

``import_files(kg, "gdelt", paths)`` reads each file row by row, writes each record's triples
with its provenance (the dataset file, the line, the row's exact text), and loads them into the
store as that file: importing it again replaces its records. Every row ends imported, rejected
(malformed: written to the rejects file with file, line and reason) or filtered (out of scope,
counted by reason), so each report reads ``read = imported + rejected + filtered``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING

from diplograph.errors import DataError, StoreError, no_space
from diplograph.importers.aggregate import AggregateReport, aggregate_events
from diplograph.importers.atop import import_atop_file
from diplograph.importers.base import Sink
from diplograph.importers.cow import import_cow_file
from diplograph.importers.crosswalk import Crosswalk, load_crosswalk
from diplograph.importers.diplomatic_exchange import import_diplomatic_exchange_file
from diplograph.importers.gdelt import import_gdelt_file
from diplograph.importers.peacekeeping import import_peacekeeping_file
from diplograph.importers.reports import ImportReport, Progress, Rejects, StrictStop
from diplograph.importers.unga import import_unga_file
from diplograph.importers.wikidata import import_wikidata_file
from diplograph.store import Store

if TYPE_CHECKING:
    from diplograph.api import KnowledgeGraph

__all__ = [
    "DATASETS",
    "OUTPUT_VERSION",
    "AggregateReport",
    "ImportReport",
    "StrictStop",
    "aggregate_events",
    "dataset_files",
    "import_files",
]

#: the version of what the importers write: raise it with any change that makes an importer (or
#: the crosswalk it matches names with) write other triples for the same rows. A change that
#: keeps the triples (speed, messages, refactoring) keeps it, so that what was imported before
#: stays valid: ``bench/realdata.py`` keys its cached store of every dataset by it, the data
#: files and the import lines (not by the importers' source, which cost a 20-minute rebuild per
#: edit)
OUTPUT_VERSION = 2

#: one file's importer: read the stream, end every row through the sink
Importer = Callable[[IO[bytes], Sink, Crosswalk], None]

#: dataset name -> its importer and the suffixes of its files (when a folder is given)
DATASETS: dict[str, tuple[Importer, tuple[str, ...]]] = {
    "gdelt": (import_gdelt_file, (".csv", ".tsv", ".txt")),
    "cow-states": (import_cow_file, (".csv",)),
    "peacekeeping": (import_peacekeeping_file, (".csv",)),
    "diplomatic-exchange": (import_diplomatic_exchange_file, (".csv",)),
    "atop": (import_atop_file, (".csv",)),
    "unga-votes": (import_unga_file, (".csv",)),
    "wikidata": (import_wikidata_file, (".csv",)),
}


def dataset_files(dataset: str, paths: Sequence[Path | str]) -> list[Path]:
    """The files named by ``paths``: files as given, folders searched for the dataset's file
    suffixes (README files left out); :class:`DataError` for a path that does not exist."""
    _, suffixes = _importer(dataset)
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in suffixes
                    and not p.name.lower().startswith("readme")
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise DataError(f"{path}: no such file or folder; nothing was imported.")
    return files


def _importer(dataset: str) -> tuple[Importer, tuple[str, ...]]:
    if dataset not in DATASETS:
        raise DataError(f"Unknown dataset {dataset!r}; importers exist for {', '.join(DATASETS)}.")
    return DATASETS[dataset]


def import_files(
    kg: KnowledgeGraph | Store,
    dataset: str,
    paths: Sequence[Path | str],
    *,
    strict: bool = False,
    rejects: Path | None = None,
    progress: Progress | None = None,
    on_file: Callable[[Path], None] | None = None,
    on_report: Callable[[ImportReport], None] | None = None,
    issue: str | None = None,
    states: Sequence[str] | None = None,
) -> list[ImportReport]:
    """Import dataset files into the store, one named graph per file; return one report each.

    ``rejects`` names the CSV file rejected rows go to (file, line, reason, text); with
    ``strict`` the first bad row raises :class:`StrictStop` and that file is not loaded (files
    before it are). ``progress`` is called as rows are read, ``on_file`` before each file and
    ``on_report`` after it. ``issue`` (UN votes only) keeps the roll calls on one issue, and
    ``states`` (actor IRIs; UN votes only) the votes of those states.
    """
    store = kg if isinstance(kg, Store) else kg.store
    importer, _ = _importer(dataset)
    if issue is not None or states is not None:
        if dataset != "unga-votes":
            raise DataError(
                f"--issue and --state are for unga-votes, not {dataset}; nothing was imported."
            )
        chosen = frozenset(str(s) for s in states) if states is not None else None
        importer = partial(import_unga_file, issue=issue, states=chosen)
    files = dataset_files(dataset, paths)
    writer = Rejects(rejects)
    crosswalk = load_crosswalk(store)
    reports = []
    try:
        for path in files:
            if on_file is not None:
                on_file(path)
            sink = Sink(store, path, dataset, rejects=writer, strict=strict, progress=progress)
            try:
                with path.open("rb") as stream:
                    importer(stream, sink, crosswalk)
                reports.append(sink.commit())
                if on_report is not None:
                    on_report(reports[-1])
            except OSError as error:
                sink.abort()
                if no_space(error):
                    raise StoreError(
                        f"The device is full: {path} could not be imported, and nothing of it "
                        "was kept. Free some space and import it again."
                    ) from error
                raise
            except BaseException:
                sink.abort()
                raise
    finally:
        writer.close()
    return reports
