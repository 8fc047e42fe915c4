"""Correlates of War state-system membership -> each state's existence, spell by spell.

Each row of the State System Membership List (``states2016.csv``) is one continuous spell of a
state's membership: it becomes a ``dipl:StateSystemMembership`` of the crosswalk's state (found
by its COW number, and checked against its COW letter code) with the spell's begin and end, citing
the row. A state's existence (``dipl:existsFrom``/``dipl:existsUntil``) spans its spells, from the
first entry to the last exit (none while still a member), as ``build_context.py`` reads it for
the seed's states (whose existence it already gives, so it is not stated twice): a state with
several spells (Germany 1816-1945 and from 1990) exists for the as-of rule from its first entry,
so that its ties of two centuries ago are not read as never in force. The list's last day (31
December of its version year) is not an exit: a spell that ends on it is still going on, and has
no end.

Quirks handled: the uploader's spreadsheet left eleven unnamed trailing columns (with stray
numbers and ``#REF!`` in a few rows), which are ignored; a row with fewer fields than the named
columns, a code the crosswalk does not know, a letter code that is not the state's, a day that is
no date, or an end before the begin is rejected with its line.
"""

from __future__ import annotations

from datetime import date
from typing import IO

from rdflib import URIRef

from diplograph.importers.base import DatasetInfo, Sink
from diplograph.importers.crosswalk import Crosswalk
from diplograph.importers.recognise import not_this
from diplograph.importers.rows import Row, column_index, read_header, read_rows
from diplograph.namespaces import D
from diplograph.ntriples import NT_DIPL, NT_SEM, NT_XSD, PROV_DERIVED, RDF_TYPE, Minted, iri

__all__ = ["COW", "import_cow_file"]

COW = DatasetInfo(
    "Correlates of War State System Membership List",
    short="COW",
    url="https://correlatesofwar.org/data-sets/state-system-membership/",
    citation="Correlates of War Project. 2017. State System Membership List, v2016.",
)
REQUIRED = ("stateabb", "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday")

#: actors whose existence another graph than an earlier import of this file states
_EXISTING = """
SELECT DISTINCT ?actor WHERE {
  GRAPH ?g { ?actor dipl:existsFrom ?day }
  OPTIONAL { GRAPH ?g { ?g dcterms:source ?source } }
  FILTER(!BOUND(?source) || ?source != ?self)
}"""


def _day(literal: date) -> str:
    return f'"{literal.isoformat()}"^^{NT_XSD.date}'


def import_cow_file(stream: IO[bytes], sink: Sink, crosswalk: Crosswalk) -> None:
    """Import one COW state-system membership file through ``sink``."""
    names = read_header(stream)
    if not names:
        sink.fail("line 1: the file is empty")
        return
    at = column_index(names)
    missing = [c for c in REQUIRED if c not in at]
    if missing:
        sink.fail(not_this("a COW state-system membership list", REQUIRED, names))
        return
    sink.report.form = f"COW state-system membership list ({len(at)} named columns)"
    sink.describe(COW)
    sink.position = stream.tell
    spells: dict[str, list[tuple[date, date | None, str]]] = {}
    named = max(at.values()) + 1
    memberships = Minted(f"{D}cow-membership-")
    for row in read_rows(stream, ",", first_line=2):
        sink.read()
        spell = _spell(row, at, named, crosswalk)
        if isinstance(spell, str):
            sink.reject(row, spell)
            continue
        actor, code, begin, end = spell
        statement = sink.statement(row)
        node = memberships(f"{code}-{begin:%Y%m%d}")
        lines = [
            f"{node} {RDF_TYPE} {NT_DIPL.StateSystemMembership} .\n",
            f"{node} {NT_DIPL.memberState} {iri(actor)} .\n",
            f"{node} {NT_SEM.hasBeginTimeStamp} {_day(begin)} .\n",
            f"{node} {PROV_DERIVED} {statement} .\n",
        ]
        if end is not None:
            lines.append(f"{node} {NT_SEM.hasEndTimeStamp} {_day(end)} .\n")
        sink.write("".join(lines))
        sink.accept()
        spells.setdefault(actor, []).append((begin, end, statement))
    _, rows = sink.store.select_values(_EXISTING, {"self": URIRef(sink.path.resolve().as_uri())})
    stated = {row[0] for row in rows}
    for actor, found in sorted(spells.items()):
        if actor in stated:
            continue
        found.sort(key=lambda spell: spell[0])
        (begin, _, first), (_, end, last) = found[0], found[-1]
        state = iri(actor)
        lines = [f"{state} {NT_DIPL.existsFrom} {_day(begin)} .\n"]
        if end is not None:
            lines.append(f"{state} {NT_DIPL.existsUntil} {_day(end)} .\n")
        lines.extend(f"{state} {PROV_DERIVED} {s} .\n" for s in dict.fromkeys((first, last)))
        sink.write("".join(lines))


def _spell(
    row: Row, at: dict[str, int], named: int, crosswalk: Crosswalk
) -> tuple[str, int, date, date | None] | str:
    """(state, COW number, begin, end or None while still a member), or why the row is bad."""
    if row.problem:
        return row.problem
    fields = row.fields
    if len(fields) < named:
        return f"{len(fields)} fields where the header names {named} columns"
    if len(fields) > len(row.fields) and any(fields[len(row.fields) :]):
        return "more fields than the header has columns"
    code_text = fields[at["ccode"]].strip()
    if not code_text.isdigit():
        return f"ccode '{code_text}' is not a COW state number"
    code = int(code_text)
    actor = crosswalk.by_cow.get(code)
    if actor is None:
        return f"COW state number {code} is not in the crosswalk"
    abbreviation = fields[at["stateabb"]].strip()
    expected = crosswalk.cow_abbreviations.get(code, abbreviation)
    if abbreviation != expected:
        return f"stateabb '{abbreviation}' is not COW {code}'s letter code {expected}"
    try:
        begin = date(*(int(fields[at[c]]) for c in ("styear", "stmonth", "stday")))
        end = date(*(int(fields[at[c]]) for c in ("endyear", "endmonth", "endday")))
    except ValueError:
        return "a begin or end day that is no date"
    if end < begin:
        return f"the spell ends ({end}) before it begins ({begin})"
    version = fields[at["version"]].strip() if "version" in at else ""
    if version.isdigit() and end == date(int(version), 12, 31):
        return actor, code, begin, None  # the list's last day: still a member
    return actor, code, begin, end
