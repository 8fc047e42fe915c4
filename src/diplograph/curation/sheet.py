"""The tie sheet: one CSV (or TSV) row per tie or event, the layout every curation step shares.

``diplograph extract`` writes it (one row per candidate), a curator edits it, and the sheet
reader (``diplograph add --sheet``) reads it back: all of them take the columns from
:data:`COLUMNS` here, so the layout is defined once.

=============== ===============================================================================
column          meaning
=============== ===============================================================================
line            line of the document the sentence starts on (1-based)
quote           the sentence, verbatim from the document (the evidence)
kind            ``tie`` (a lasting relationship), ``event`` (a dated act) or ``actor`` (a new
                actor: ``from`` is its label, ``from_code`` its code, ``type`` its kind,
                ``aliases`` its other names; see :mod:`diplograph.curation.actors`)
from            the acting party: an actor's label, alias or code (for an event, its actor)
from_code       its code: ISO 3166-1 alpha-3 for a state, CAMEO-style otherwise (``IGOUNO``,
                ``MARMIL``); empty when unknown
to              the other party (the tie's other end, the event's recipient); may be empty
to_code         its code, as for ``from_code``
from_country    the three-letter code event data compares actors on: the country of the acting
                party (ISO 3166 alpha-3; ``IGO`` for an organisation), empty if unknown; written
                by the extractor, not read back (``from_code`` is)
to_country      the same for the other party
type            tie type or event type, by its label in the diplograph schemes
                (``troop contribution``, ``police training``, ``meeting``, ``fight`` ...)
plover          the PLOVER event category (2021 names: AGREE, CONSULT, SUPPORT, COOPERATE, AID,
                CONCEDE, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, MOBILIZE,
                SANCTION, COERCE, ASSAULT); empty for ties PLOVER has no category for
cameo           the CAMEO event code (root or full, with leading zeros), empty if none fits
plover_2016     the PLOVER category in the older names of PLOVER 0.5 (2016), which the PLOVER
                gold-standard sentences use (INVESTIGATE, DEMAND, DISAPPROVE, FIGHT ...);
                written by the extractor, not read back
status          ``pledged``, ``planned``, ``announced``, ``active``, ``suspended``, ``ended``,
                or empty (the tie-status scheme's notations)
confidence      0..1: how sure the extractor (or the curator) is that the row reads the quote
begin           when the tie begins or the event happens (YYYY-MM-DD), empty if not stated
end             when the tie ends (YYYY-MM-DD), empty if not stated
quantity        an exact number the sentence gives ("12,000 police officers" -> 12000)
quantity_max    an upper bound it gives ("up to 20,000 troops" -> 20000)
unit            what is counted (``troops``, ``police officers``)
negated         ``true`` when the sentence says the tie or event does *not* hold or happen
attributed_to   who says so, when the sentence quotes someone ("..., Jeffers confirmed")
document        the source document: its ``sha256:`` hash (or a path or IRI)
comment         free text: for extracted rows, the rule that found it and what it read
aliases         a new actor's other names, separated by ``;`` (actor rows only)
=============== ===============================================================================

Columns may come in any order in a file read back; unknown columns are an error there, so a
typo in a header is caught. The extractor also knows which rows it proposes; a curator adds a
``decision`` column (accept, reject, edit) when reviewing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import DataError

__all__ = ["COLUMNS", "DECISIONS", "DESCRIPTIONS", "SheetRow", "read_sheet", "write_sheet"]

#: column name -> one-line meaning (the table above, for help texts and checks)
DESCRIPTIONS: dict[str, str] = {
    "line": "line of the document the sentence starts on (1-based)",
    "quote": "the sentence, verbatim from the document",
    "kind": "tie, event or actor",
    "from": "the acting party: label, alias or code",
    "from_code": "ISO 3166-1 alpha-3 for a state, CAMEO-style otherwise",
    "to": "the other party (recipient); may be empty",
    "to_code": "its code, as for from_code",
    "from_country": "the acting party's country, ISO 3166-1 alpha-3 (IGO for an organisation)",
    "to_country": "the other party's country, as for from_country",
    "type": "tie type or event type label",
    "plover": "PLOVER event category",
    "cameo": "CAMEO event code",
    "plover_2016": "PLOVER category in the 2016 names (the PLOVER gold standard's)",
    "status": "pledged, planned, announced, active, suspended, ended or empty",
    "confidence": "0..1",
    "begin": "YYYY-MM-DD or empty",
    "end": "YYYY-MM-DD or empty",
    "quantity": "an exact number",
    "quantity_max": "an upper bound",
    "unit": "what is counted",
    "negated": "true when the sentence says it does not hold",
    "attributed_to": "who says so",
    "document": "sha256:HASH, path or IRI of the source document",
    "comment": "free text: the rule that found it",
    "aliases": "a new actor's other names, separated by ;",
}
#: the columns of a tie sheet, in the order they are written
COLUMNS: tuple[str, ...] = tuple(DESCRIPTIONS)


def write_sheet(rows: Iterable[Mapping[str, object]], delimiter: str = ",") -> str:
    """The sheet as CSV (or TSV with ``delimiter="\\t"``) text: a header, then one line a row.

    >>> print(write_sheet([{"line": 3, "from": "Egypt", "negated": False}]).splitlines()[1])
    3,,,Egypt,,,,,,,,,,,,,,,,,false,,,,
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


#: what a reviewer may write in the ``decision`` column
DECISIONS = ("accept", "reject", "edit", "")


@dataclass
class SheetRow:
    """One row of a sheet: its values by column, and the line of the file it was read from."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


def read_sheet(path: Path) -> list[SheetRow]:
    """The rows of a CSV or TSV sheet; :class:`DataError` naming the file (and line) if it is
    not one (unreadable, no header, an unknown column)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise DataError(f"{path}: cannot read the sheet ({reason}).") from error
    if not text.strip():
        raise DataError(f"{path}: the sheet is empty.")
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text.splitlines()[0] else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    known = set(COLUMNS) | {"decision"}
    unknown = [h for h in header if h not in known]
    if unknown:
        raise DataError(
            f"{path}:1: unknown column(s) {', '.join(unknown)}; a sheet's columns are "
            f"{', '.join(COLUMNS)} and decision."
        )
    rows = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise DataError(
                f"{path}:{reader.line_num}: not readable as a sheet ({error}; a cell may hold "
                f"{csv.field_size_limit():,} characters)."
            ) from None
        if not any(c.strip() for c in cells):
            continue
        line = reader.line_num
        if len(cells) > len(header):
            raise DataError(
                f"{path}:{line}: {len(cells)} fields, but the header has {len(header)}."
            )
        rows.append(SheetRow(line, dict(zip(header, cells, strict=False))))
    return rows
