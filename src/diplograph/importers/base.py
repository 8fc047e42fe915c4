"""The one :class:`Sink` that streams a dataset file's triples into the store.

An importer reads a dataset file row by row (:func:`~diplograph.importers.rows.read_rows`, which
keeps each row's first line number and exact text, and never holds more than one row) and ends
every row in exactly one of
three ways: :meth:`Sink.accept` (its triples were written), :meth:`Sink.reject` (it is malformed:
the rejects file gets its file, line and reason) or :meth:`Sink.drop` (it is well formed but out
of scope, such as an event between two businesses: counted by reason). So every run can print
``read = imported + rejected + filtered``, and nothing is dropped silently.

The sink writes the triples to a temporary N-Triples file as they come (memory stays flat however
big the file is) and :meth:`Sink.commit` loads that file through the store's bulk loader with
``source=`` the dataset file: the store lists, replaces and unloads the records as that file, so
importing a file again replaces its records, and a failure leaves the store as it was. Only the
store layer touches RDF libraries; importers write N-Triples text with
:func:`diplograph.ntriples.literal` and :func:`~diplograph.ntriples.iri`, which escape what
N-Triples requires.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.digest import sha256_file
from diplograph.errors import DataError
from diplograph.importers.reports import ImportReport, Progress, Rejects, StrictStop, category
from diplograph.importers.rows import Row
from diplograph.iri import document_iri
from diplograph.namespaces import D
from diplograph.ntriples import (
    NT_DCTERMS,
    NT_DIPL,
    NT_SCHEMA,
    NT_XSD,
    PROV_QUOTED,
    RDF_TYPE,
    RDFS_COMMENT,
    RDFS_LABEL,
    Minted,
    iri,
    literal,
)

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = ["PROGRESS_EVERY", "DatasetInfo", "Sink"]

#: how often (in rows) the progress callback is called
PROGRESS_EVERY = 2_000


@dataclass(frozen=True)
class DatasetInfo:
    """How an importer describes the dataset a file belongs to, for its source document."""

    title: str
    url: str | None = None
    license: str | None = None
    citation: str | None = None
    #: what a citation of one of its rows calls it (``dcterms:alternative``): "GDELT", "IPI"
    short: str | None = None
    #: what a reader of the data must know (a change of coding rules, what a row stands for)
    note: str | None = None


class Sink:
    """Streams one dataset file's triples to a temporary N-Triples file, counts how each row
    ended, writes rejects, and loads the triples into the store as that file (see the module
    docstring)."""

    def __init__(
        self,
        store: Store,
        path: Path,
        dataset: str,
        *,
        rejects: Rejects,
        strict: bool = False,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.path = path
        self.strict = strict
        self.rejects = rejects
        self.progress = progress
        self.report = ImportReport(dataset, path)
        self.sha256 = sha256_file(path)
        #: a short token of the file's content for IRIs of its records
        self.token = self.sha256[:12]
        self.document = iri(document_iri(self.sha256))
        self.size = path.stat().st_size
        self._started = time.perf_counter()
        # in the store's own folder where it has one, which its next writable open sweeps of
        # what a killed import left; else the system's temporary folder
        folder = store.own_folder()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".import-", suffix=".nt", dir=folder)
        self._file = Path(name)
        self._out = os.fdopen(handle, "w", encoding="utf-8", buffering=1 << 20)
        self.write = self._out.write
        self._statements = Minted(f"{D}row-{self.token}-")
        self._next_progress = PROGRESS_EVERY
        #: how far into the file the importer has read (bytes), for the progress bar
        self.position: Callable[[], int] = lambda: 0

    # ---------------------------------------------------------------- provenance

    def describe(self, info: DatasetInfo) -> None:
        """Write the dataset file as a source document, identified by its SHA-256."""
        doc = self.document
        label = f"{self.path.name} ({info.title})"
        lines = [
            f"{doc} {RDF_TYPE} {NT_DIPL.SourceDocument} .\n",
            f"{doc} {RDF_TYPE} {NT_SCHEMA.Dataset} .\n",
            f"{doc} {RDFS_LABEL} {literal(label, lang='en')} .\n",
            f"{doc} {NT_DIPL.sha256} {literal(self.sha256)} .\n",
            f"{doc} {NT_DCTERMS.identifier} {literal(self.path.name)} .\n",
        ]
        if info.short:
            lines.append(f"{doc} {NT_DCTERMS.alternative} {literal(info.short)} .\n")
        if info.url:
            lines.append(f"{doc} {NT_SCHEMA.url} {iri(info.url)} .\n")
        if info.license:
            lines.append(f"{doc} {NT_DCTERMS.license} {iri(info.license)} .\n")
        if info.citation:
            cite = literal(info.citation)
            lines.append(f"{doc} {NT_DCTERMS.bibliographicCitation} {cite} .\n")
        if info.note:
            note = literal(info.note, lang="en")
            lines.append(f"{doc} {RDFS_COMMENT} {note} .\n")
        self.write("".join(lines))

    def statement(self, row: Row) -> str:
        """Write ``row`` as a source statement quoting its exact text; return its IRI."""
        node = self._statements(row.line)
        self.write(
            f"{node} {RDF_TYPE} {NT_DIPL.SourceStatement} .\n"
            f"{node} {RDF_TYPE} {NT_DIPL.ReportedFact} .\n"
            f"{node} {PROV_QUOTED} {self.document} .\n"
            f'{node} {NT_DIPL.lineNumber} "{row.line}"^^{NT_XSD.integer} .\n'
            f"{node} {NT_DIPL.quote} {literal(row.text)} .\n"
        )
        return node

    # ---------------------------------------------------------------- how rows end

    def accept(self) -> None:
        self.report.imported += 1
        self._tick()

    def reject(self, row: Row, reason: str) -> None:
        """A malformed row: into the rejects file; with ``strict``, stop the import."""
        report = self.report
        report.rejected += 1
        report.rejected_reasons[category(reason)] += 1
        self.rejects.write(report.dataset, self.path, row.line, reason, row.text)
        if self.strict:
            raise StrictStop(f"{self.path}:{row.line}: {reason} (--strict stopped the import).")
        self._tick()

    def end(self, row: Row, outcome: str | None) -> None:
        """End a row as an importer's check of it said: None imported, ``"!reason"`` filtered
        under that reason, any other text rejected with it."""
        if outcome is None:
            self.accept()
        elif outcome.startswith("!"):
            self.drop(outcome[1:])
        else:
            self.reject(row, outcome)

    def drop(self, reason: str, count: int = 1) -> None:
        """A well-formed row out of scope (or ``count`` such rows), counted under ``reason``."""
        self.report.filtered += count
        self.report.filtered_reasons[reason] += count
        self._tick()

    def read(self, count: int = 1) -> None:
        """Count one row (or ``count`` rows) read from the file."""
        self.report.read += count

    def _tick(self) -> None:
        done = self.report.imported + self.report.rejected + self.report.filtered
        if self.progress is not None and done >= self._next_progress:
            self._next_progress = done + PROGRESS_EVERY
            self.progress(self.report, self.position(), self.size)

    # ---------------------------------------------------------------- the end

    def fail(self, problem: str) -> None:
        """The file as a whole cannot be read as this dataset: nothing of it is loaded."""
        self.report.problem = problem
        self.rejects.write(self.report.dataset, self.path, 1, problem, "")
        if self.strict:
            raise StrictStop(f"{self.path}:1: {problem} (--strict stopped the import).")

    def commit(self) -> ImportReport:
        """Load the triples into the store as the dataset file; the report says what was done."""
        report = self.report
        try:
            self._out.close()
            if not report.balanced:  # a bug in an importer, never the data's fault
                raise DataError(
                    f"{self.path}: read {report.read} rows but accounted for "
                    f"{report.imported + report.rejected + report.filtered}; nothing was loaded."
                )
            if not report.problem and report.read:
                loaded = self.store.load(self._file, source=self.path)
                report.triples = loaded.triples
                report.graph = loaded.graph
        finally:
            self._file.unlink(missing_ok=True)
        report.seconds = time.perf_counter() - self._started
        if self.progress is not None:
            self.progress(report, self.size, self.size)
        return report

    def abort(self) -> None:
        """Throw the triples away: the store is left as it was."""
        with contextlib.suppress(OSError):  # a full disk fails the flush: the file goes anyway
            self._out.close()
        self._file.unlink(missing_ok=True)
