"""Reading a dataset file row by row: each row keeps its first line number and its exact text,
and no more than one row is held at a time.

A line may end at ``\r\n``, ``\n`` or a lone ``\r`` (old Mac files); a row a CSV reader cannot
read is given with its problem, for the importer to reject.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import IO, cast

__all__ = [
    "Row",
    "column_index",
    "first_line",
    "malformed",
    "quoted_na",
    "read_header",
    "read_rows",
    "read_unquoted_first",
]


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


#: how many bytes of lines :func:`read_unquoted_first` takes at once
_BLOCK = 1 << 20


def read_unquoted_first(stream: IO[bytes], delimiter: str, first_line: int = 1) -> Iterator[Row]:
    r"""The rows :func:`read_rows` gives, read faster from a file whose lines are plain: a line
    holding no quote, no lone carriage return and no NUL, in UTF-8 and shorter than the csv
    module's field limit, is one row, split at the delimiter (as the csv module splits it); from
    the first line that is not, :func:`read_rows` reads the rest. Lines are taken a block at a
    time, and a block of plain lines is checked and decoded at once.

    >>> import io
    >>> text = b'1,a\r\n\r\n2,"b\nc"\n'
    >>> [(r.line, r.fields) for r in read_unquoted_first(io.BytesIO(text), ",")]
    [(1, ['1', 'a']), (3, ['2', 'b\nc'])]
    """
    limit = csv.field_size_limit()
    number = first_line - 1
    while lines := stream.readlines(_BLOCK):
        block = b"".join(lines)
        plain = (
            b'"' not in block
            and b"\0" not in block
            and block.count(b"\r") == block.count(b"\r\n")  # no lone carriage return
            and max(map(len, lines)) < limit
        )
        text = None
        if plain:
            with contextlib.suppress(UnicodeDecodeError):  # then line by line, below
                text = block.decode("utf-8")
        if text is not None:
            for line in text.split("\n")[: len(lines)]:  # not the "" after the last line feed
                number += 1
                line = line.rstrip("\r")
                if line:  # a blank line holds no record
                    yield Row(number, line, line.split(delimiter))
            continue
        for index, raw in enumerate(lines):  # a block with a line that is not plain
            lone = b"\r" in raw and not (raw.endswith(b"\r\n") and raw.count(b"\r") == 1)
            if not lone and b'"' not in raw and b"\0" not in raw and len(raw) < limit:
                try:
                    line = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError:
                    pass
                else:
                    number += 1
                    if line:
                        yield Row(number, line, line.split(delimiter))
                    continue
            rest = cast("IO[bytes]", chain(lines[index:], stream))
            yield from read_rows(rest, delimiter, number + 1)
            return


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
