"""What every importer shares: reading rows with their line numbers, writing N-Triples, and the
one :class:`Sink` that streams a dataset file's triples into the store.

An importer reads a dataset file row by row (:func:`read_rows`, which keeps each row's first line
number and exact text, and never holds more than one row) and ends every row in exactly one of
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
import csv
import os
import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from diplograph.digest import sha256_file
from diplograph.errors import DataError, DiplographError
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
    iri,
    literal,
)
from diplograph.output import AtomicFile, check_output_path

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = [
    "ImportReport",
    "Progress",
    "Rejects",
    "Row",
    "Sink",
    "StrictStop",
    "column_index",
    "first_line",
    "malformed",
    "quoted_na",
    "read_header",
    "read_rows",
]

#: how often (in rows) the progress callback is called
PROGRESS_EVERY = 2_000


# ---------------------------------------------------------------- reading rows


@dataclass(slots=True)
class Row:
    """One record of a delimited file: the line it starts on, its exact text and its fields.

    ``problem`` is set when the row cannot be taken at face value (bytes that are not UTF-8, a
    quoted field the file ends inside); such a row is to be rejected with that reason.
    """

    line: int
    text: str
    fields: list[str]
    problem: str = ""


class _Lines:
    """The lines of a binary stream, decoded one by one, remembering those the reader took."""

    def __init__(self, stream: IO[bytes], first_line: int) -> None:
        self.stream = stream
        self.number = first_line - 1
        self.pending: list[str] = []
        self.bad = ""

    def __iter__(self) -> Iterator[str]:
        pending = self.pending
        for chunk in self.stream:
            # a line ends at a line feed, or at a carriage return alone (old Mac files); a
            # CRLF line (most files) has one carriage return, at its end
            lone = b"\r" in chunk and not (chunk.endswith(b"\r\n") and chunk.count(b"\r") == 1)
            pieces = _LONE_CR.split(chunk) if lone else (chunk,)
            for raw in pieces:
                if not raw:
                    continue
                self.number += 1
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    text = raw.decode("utf-8", errors="replace")
                    self.bad = (
                        f"byte 0x{raw[error.start]:02X} at column {error.start + 1} is not UTF-8"
                    )
                pending.append(text)
                yield text


#: the place after a carriage return that no line feed follows: a line end of its own
_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def read_rows(
    stream: IO[bytes], delimiter: str, first_line: int = 1, *, quoting: bool = True
) -> Iterator[Row]:
    """The rows of a delimited text stream, each with its first line number and exact text.

    A comma-separated stream is read with RFC 4180 quoting (a quoted field may hold commas and
    newlines); a tab-separated one (GDELT's native files), or any read with ``quoting=False``
    (the database of embassies' semicolons), has no quoting, so a row is a line. Blank lines
    hold no record and are skipped. ``first_line`` is the number of the stream's first line (2
    after a header read separately).
    """
    lines = _Lines(stream, first_line)
    if delimiter == "\t" or not quoting:
        for text in lines:
            problem, lines.bad = lines.bad, ""
            lines.pending.clear()
            text = text.rstrip("\r\n")
            if text or problem:
                yield Row(lines.number, text, text.split(delimiter), problem)
        return
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    pending = lines.pending
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a field over the csv module's limit: this row is rejected
            fields, problem = [], _csv_problem(error)
        else:
            problem = ""
        text = "".join(pending).rstrip("\r\n")
        start = lines.number - len(pending) + 1
        pending.clear()
        problem, lines.bad = problem or lines.bad, ""
        if text.count('"') % 2:  # R and RFC 4180 writers always close their quotes
            problem = problem or "a quoted field is not closed (is the file truncated?)"
        if fields or problem:
            yield Row(start, text, fields, problem)


def malformed(row: Row, width: int) -> str | None:
    """Why a row cannot be read as a record of ``width`` fields (its own problem, or its number
    of fields), or None."""
    if row.problem:
        return row.problem
    if len(row.fields) != width:
        return f"{len(row.fields)} fields where the header has {width}"
    return None


def _csv_problem(error: csv.Error) -> str:
    """What the csv module's ``error`` says about a row, in words."""
    if "field larger than field limit" in str(error):
        return f"a field is longer than {csv.field_size_limit()} characters"
    return f"not readable as CSV ({error})"


def first_line(stream: IO[bytes]) -> bytes:
    """The stream's next line, ending at a line feed or at a carriage return alone (old Mac
    files; the stream is then left just after it)."""
    start = stream.tell() if stream.seekable() else None
    raw = stream.readline()
    lone = _LONE_CR.search(raw.rstrip(b"\r\n"))
    if lone is not None and start is not None:
        raw = raw[: lone.start()]
        stream.seek(start + lone.start())
    return raw


def read_header(stream: IO[bytes]) -> list[str]:
    """The column names on a comma-separated file's first line ([] for an empty first line, or
    one that is no CSV); see :func:`first_line`."""
    text = first_line(stream).decode("utf-8", errors="replace").strip("\r\n\ufeff")
    if not text.strip():
        return []
    try:
        return [name.strip() for name in next(csv.reader([text]), [])]
    except csv.Error:
        return []


def column_index(names: list[str]) -> dict[str, int]:
    """Lower-cased column name -> its index (the first, if a name repeats); unnamed columns
    (spreadsheet debris such as COW's eleven trailing ones) are left out."""
    found: dict[str, int] = {}
    for index, name in enumerate(names):
        if name:
            found.setdefault(name.lower(), index)
    return found


def quoted_na(row: Row) -> set[int]:
    """Which fields of a comma-separated row were a quoted "NA" (a real value, such as Namibia's
    ISO code), as opposed to R's bare NA for a missing value; the csv module cannot tell them
    apart, so the rare rows holding a quoted "NA" are tokenised again here."""
    if '"NA"' not in row.text:
        return set()
    found: set[int] = set()
    index, position, text = 0, 0, row.text
    while position <= len(text):
        if text.startswith('"', position):
            end = position + 1
            while True:
                end = text.find('"', end)
                if end < 0 or not text.startswith('""', end):
                    break
                end += 2
            if end < 0:
                break
            if text[position : end + 1] == '"NA"':
                found.add(index)
            position = end + 1
        comma = text.find(",", position)
        if comma < 0:
            break
        position, index = comma + 1, index + 1
    return found


# ---------------------------------------------------------------- reports and rejects


class StrictStop(DiplographError):
    """``--strict``: the first bad row stopped the import (nothing of that file was loaded)."""


@dataclass
class ImportReport:
    """What one import of one file did: ``read = imported + rejected + filtered``."""

    dataset: str
    file: Path
    #: the variant of the dataset recognised from the file's content
    form: str = ""
    read: int = 0
    imported: int = 0
    rejected: int = 0
    filtered: int = 0
    rejected_reasons: Counter[str] = field(default_factory=Counter)
    filtered_reasons: Counter[str] = field(default_factory=Counter)
    #: a problem with the file as a whole (empty, not this dataset): nothing could be read
    problem: str = ""
    triples: int = 0
    seconds: float = 0.0
    #: the named graph the records went into (None when nothing was loaded)
    graph: str | None = None

    @property
    def balanced(self) -> bool:
        return self.read == self.imported + self.rejected + self.filtered

    @property
    def rate(self) -> float:
        """Rows per second, end to end."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """``june2011.csv: read 5,274 = imported 3,100 + rejected 0 + filtered 2,174``."""
        if self.problem:
            return f"{self.file.name}: nothing read: {self.problem}"
        return (
            f"{self.file.name}: read {self.read:,} = imported {self.imported:,} + rejected "
            f"{self.rejected:,} + filtered {self.filtered:,}"
        )


class Rejects:
    """The rejects file: one CSV row per rejected record (dataset, file, line, reason, text),
    written as the rows come and put in place (atomically) when closed."""

    COLUMNS = ("dataset", "file", "line", "reason", "text")

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0
        self._file: AtomicFile | None = None
        if path is not None:
            check_output_path(path)  # fail before any work

    def write(self, dataset: str, file: Path, line: int, reason: str, text: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._file is None:
            self._file = AtomicFile(self.path, newline="")
            self._writer = csv.writer(self._file.stream)
            self._writer.writerow(self.COLUMNS)
        self._writer.writerow((dataset, str(file), line, reason, text))

    def close(self) -> None:
        """Put the rejects file in place (only written when something was rejected)."""
        if self._file is not None:
            file, self._file = self._file, None
            file.commit()

    def discard(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            file.discard()


#: (report so far, bytes read, bytes in the file) -> None; called every PROGRESS_EVERY rows
Progress = Callable[[ImportReport, int, int], None]


# ---------------------------------------------------------------- the sink


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
        self._statement_prefix = f"<{D}row-{self.token}-"
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
        node = f"{self._statement_prefix}{row.line}>"
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
        report.rejected_reasons[_category(reason)] += 1
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

    def drop(self, reason: str) -> None:
        """A well-formed row out of scope, counted under ``reason``."""
        self.report.filtered += 1
        self.report.filtered_reasons[reason] += 1
        self._tick()

    def read(self) -> None:
        """Count one row read from the file."""
        self.report.read += 1

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


_NUMBERS = re.compile(r"'[^']*'|(?<![\w-])\d+(?![\w-])")


def _category(reason: str) -> str:
    """A reason without its particulars (values, numbers), to count reasons by kind."""
    return _NUMBERS.sub("…", reason)
