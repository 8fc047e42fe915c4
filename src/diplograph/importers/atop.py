"""ATOP alliances -> alliance nodes, dated memberships with their obligations, and member-to-member
alliance ties.

Which ATOP file it is, is read from its header, never its name:

- the **member-level** file (``atop5_1m.csv``: one row per alliance, member and phase, with the
  member's day of entry and exit and its obligations): each row becomes a membership, a
  ``tt:AllianceMembership`` tie from the state to the alliance (a ``dipl:Alliance`` node,
  ``d:atop-3180``, with its ATOP and COW ids) with its phase and obligations (``ob:`` defense,
  offense, neutrality, non-aggression, consultation); and for networks, every two members whose
  memberships overlap are joined by a ``tt:Alliance`` tie (``dipl:inAlliance`` the alliance, its
  time the overlap, citing both members' rows). Consecutive phases of one member (an exit on the
  day the next phase begins) are one spell for this;
- the **alliance-level** file (``atop5_1a.csv``): each alliance's node with its signature and end
  days as its existence (``dipl:existsFrom``/``existsUntil``) and the obligations any member
  takes on; its ``mem1`` ... ``mem59`` columns are checked to be known states;
- the **directed dyad-year** file (peacesciencer's ``atop_alliance`` written to CSV, or ATOP's own
  ``ddyr`` with ``statea``/``stateb``): a summary of the member file, so its rows are checked and
  filtered (the member file gives the alliances themselves, with days).

Dates: a day left empty is unknown within its month (SEM's earliest and latest begin or end); an
exit of 0 0 0 means in force at the release's end, which differs per release: the version column
(5.1, or a float such as 5.0999999) names it where ATOP documents it (:data:`RELEASE_ENDS`), else
the latest day any row of the file gives stands as a lower bound; either way the membership has an
earliest end, that day, and is of unknown time after it. Column names are read in any case, with
ATOP 4.x's and peacesciencer's names (:data:`ALIASES`), extra columns ignored, CRLF or LF. A member
code that is no COW state of the crosswalk (ATOP codes Annam 8152: the codebook's footnote 18), a
day that is no date, an exit before the entry, an ``ineffect`` that contradicts the exit, or a
second row with the same key is rejected with its line; a file without the needed columns is
refused at its header, naming them.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, combinations
from typing import IO

from rdflib import URIRef

from diplograph.importers.base import DatasetInfo, Sink
from diplograph.importers.crosswalk import Crosswalk, scheme_notations
from diplograph.importers.recognise import not_this
from diplograph.importers.rows import Row, malformed, read_header, read_rows
from diplograph.namespaces import OB, SKOS, D
from diplograph.ntriples import (
    NT_DIPL,
    NT_SEM,
    NT_TT,
    NT_XSD,
    PROV_DERIVED,
    RDF_TYPE,
    RDFS_LABEL,
    Minted,
    iri,
    literal,
)

__all__ = ["ATOP", "RELEASE_ENDS", "import_atop_file"]

ATOP = DatasetInfo(
    "Alliance Treaty Obligations and Provisions (ATOP)",
    short="ATOP",
    url="http://www.atopdata.org/",
    citation="Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. "
    'Long. 2002. "Alliance Treaty Obligations and Provisions, 1815-1944." International '
    "Interactions 28: 237-260.",
    note="Entry dates are signature dates, not ratification. An exit of 0 means the membership "
    "was in force on the release's last day (31 December 2018 for ATOP 5.1); what happened "
    "after it is unknown here.",
)
#: release (version rounded to two decimals) -> the day its "in force at the end" refers to
RELEASE_ENDS = {"5.1": date(2018, 12, 31)}  # ATOP 5.1 codebook: ineffect, on 2018-12-31
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
MEMBER = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")
ALLIANCE = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday")
DYAD_YEAR = ("ccode1", "ccode2", "year")
#: an alliance's node (``d:atop-3180``) and the ties under it (``d:atop-3180-member-...``)
_ATOP = Minted(f"{D}atop-")
_HIDDEN_LABEL = iri(str(SKOS.hiddenLabel))
#: the alliances another loaded file (not an earlier import of this one) already names: their
#: type, label and ids are not stated twice (a triple two files state slows Oxigraph's joins)
_NAMED = """
SELECT DISTINCT ?alliance WHERE {
  GRAPH ?g { ?alliance a dipl:Alliance }
  OPTIONAL { GRAPH ?g { ?g dcterms:source ?source } }
  FILTER(!BOUND(?source) || ?source != ?this)
}"""


def _named_elsewhere(sink: Sink) -> set[str]:
    """The nodes (as terms) of the alliances another loaded file already names."""
    rows = sink.store.select_values(_NAMED, {"this": URIRef(sink.path.resolve().as_uri())})[1]
    return {iri(str(alliance)) for (alliance,) in rows}


#: the English labels of the states, by COW number (for the alliances' labels)
_STATE_LABELS = """
SELECT ?cow ?label WHERE {
  ?actor dipl:cowCode ?cow ; rdfs:label ?label . FILTER(langMatches(lang(?label), "en"))
}"""
#: the members an alliance's label names before "and N more"
_NAMED_MEMBERS = 3


def state_labels(sink: Sink) -> dict[int, str]:
    """The English label of each state the store knows by COW number."""
    rows = sink.store.select_values(_STATE_LABELS)[1]
    return {int(cow): str(label) for cow, label in sorted(rows, key=lambda r: (r[0], str(r[1])))}


def alliance_labels(
    alliances: dict[int, tuple[int, list[int]]], states: dict[int, str]
) -> dict[int, str]:
    """Each alliance's label, from its signature year and members (ATOP gives alliances no
    names): "Alliance of France and Russia, 1894"; past three members, their number and the
    first three by COW number (the order of ATOP's ``mem`` columns, which the member-level
    file gives too, so that either file names an alliance alike): "Alliance of 30 states, 1949:
    United States, Canada, United Kingdom ...". Two alliances that would have one label (the
    same members, signed in one year) each add their ATOP id.

    ``alliances`` maps an ATOP id to its year and its members' COW numbers; a member of no known
    label (ATOP's Annam, 8152) is left out.

    >>> states = {2: "United States of America", 20: "Canada", 200: "United Kingdom",
    ...           220: "France", 365: "Russia"}
    >>> alliance_labels({1: (1894, [365, 220]), 2: (1949, [2, 20, 200, 220]),
    ...                  3: (1900, [220, 365]), 4: (1900, [365, 220])}, states)[2]
    'Alliance of 4 states, 1949: United States of America, Canada, United Kingdom ...'
    >>> sorted(alliance_labels({3: (1900, [220, 365]), 4: (1900, [365, 220])}, states).values())
    ['Alliance of France and Russia, 1900 (ATOP 3)', 'Alliance of France and Russia, 1900 (ATOP 4)']
    """
    labels: dict[int, str] = {}
    for atopid, (year, codes) in alliances.items():
        names = [states[code] for code in sorted(set(codes)) if code in states]
        if len(names) > _NAMED_MEMBERS:
            first = ", ".join(names[:_NAMED_MEMBERS])
            labels[atopid] = f"Alliance of {len(names)} states, {year}: {first} ..."
            continue
        if len(names) > 1:
            who = f"{', '.join(names[:-1])} and {names[-1]}"
        else:
            who = names[0] if names else "unknown members"
        labels[atopid] = f"Alliance of {who}, {year}"
    uses: dict[str, int] = defaultdict(int)
    for label in labels.values():
        uses[label] += 1
    return {
        atopid: label if uses[label] == 1 else f"{label} (ATOP {atopid})"
        for atopid, label in labels.items()
    }


def _naming(node: str, atopid: int, cow: int | None, label: str) -> list[str]:
    """The triples that name an alliance node: its class, label (and its ATOP id as a hidden
    label, which a map's search finds) and ids."""
    parts = [
        f"{node} {RDF_TYPE} {NT_DIPL.Alliance} .\n",
        f"{node} {RDFS_LABEL} {literal(label, lang='en')} .\n",
        f"{node} {_HIDDEN_LABEL} {literal(f'ATOP alliance {atopid}', lang='en')} .\n",
        f'{node} {NT_DIPL.atopId} "{atopid}"^^{NT_XSD.integer} .\n',
    ]
    if cow is not None:
        parts.append(f'{node} {NT_DIPL.cowAllianceId} "{cow}"^^{NT_XSD.integer} .\n')
    return parts


#: other releases' and extracts' names for the same columns
ALIASES = {
    "statea": "ccode1",
    "stateb": "ccode2",
    **{f"atop_{name}": name for name in OBLIGATIONS},
    "dyent": "dayent",
    "dyexit": "dayexit",
}


@dataclass(frozen=True)
class _Bounds:
    """A day known only within a span: ``low`` to ``high`` (the same day when known exactly;
    ``high`` None: open, after an exit 0)."""

    low: date
    high: date | None

    @property
    def exact(self) -> bool:
        return self.low == self.high


@dataclass
class _Membership:
    row: Row
    atopid: int
    code: int
    phase: int
    entry: _Bounds
    exit: _Bounds
    obligations: list[str]
    ongoing: bool
    statement: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def import_atop_file(stream: IO[bytes], sink: Sink, crosswalk: Crosswalk) -> None:
    """Import one ATOP file through ``sink``; see the module docstring for the forms."""
    names = read_header(stream)
    if not names:
        sink.fail("line 1: the file is empty")
        return
    at = _columns(names)
    sink.position = stream.tell
    rows = read_rows(stream, ",", first_line=2)
    if "atopid" in at and "member" in at:
        missing = [c for c in (*MEMBER, *OBLIGATIONS) if c not in at]
        if missing:
            sink.fail(not_this("an ATOP member-level file", missing, names))
            return
        sink.report.form = f"ATOP member level ({len(names)} columns)"
        sink.describe(ATOP)
        _Members(sink, crosswalk, at, len(names)).run(rows)
    elif "atopid" in at and "begyr" in at:
        missing = [c for c in ALLIANCE if c not in at]
        if missing:
            sink.fail(not_this("an ATOP alliance-level file", missing, names))
            return
        sink.report.form = f"ATOP alliance level ({len(names)} columns)"
        sink.describe(ATOP)
        _alliances(sink, crosswalk, at, len(names), rows)
    elif all(c in at for c in DYAD_YEAR) and any(c in at for c in OBLIGATIONS):
        sink.report.form = f"ATOP directed dyad-years ({len(names)} columns)"
        sink.describe(ATOP)
        _dyad_years(sink, crosswalk, at, len(names), stream)
    else:
        sink.fail(not_this("an ATOP file (member, alliance or dyad-year level)", MEMBER, names))


def _columns(names: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(names):
        key = name.strip().strip('"').lower()
        if key:
            found.setdefault(ALIASES.get(key, key), index)
    return found


def _integer(text: str) -> int | None:
    text = text.strip()
    if text.lstrip("-").isdigit():
        return int(text)
    try:  # Stata and R write integers as 1949.0 now and then
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def _release(text: str) -> str:
    """A version as ATOP names it: 5.0999999 -> "5.1", "4.01" -> "4.01"."""
    try:
        return f"{round(float(text), 2):g}"
    except ValueError:
        return text.strip()


def _day(year: int, month: int, day: int | None, *, end: bool) -> _Bounds | str:
    """The bounds of a day of which the day of the month may be unknown (None): then the whole
    month, or (for an exit) the day before it begins to its last day."""
    try:
        if day is not None:
            known = date(year, month, day)
            return _Bounds(known, known)
        first = date(year, month, 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    except ValueError:
        return f"{year}-{month}-{day if day is not None else '?'} is no date"
    return _Bounds(first - timedelta(days=1), last) if end else _Bounds(first, last)


class _Members:
    """The member-level file: rows checked and held (it is small), then written."""

    def __init__(self, sink: Sink, crosswalk: Crosswalk, at: dict[str, int], width: int) -> None:
        self.sink, self.crosswalk, self.at, self.width = sink, crosswalk, at, width
        self.obligations = {
            name: iri(concept)
            for name, concept in scheme_notations(sink.store, str(OB.scheme)).items()
        }
        self.actors = {code: iri(actor) for code, actor in crosswalk.by_cow.items()}
        self.keys: dict[tuple[int, int, int, date], int] = {}

    def value(self, row: Row, column: str) -> str:
        index = self.at.get(column)
        if index is None or index >= len(row.fields):
            return ""
        return row.fields[index].strip()

    def run(self, rows: Iterator[Row]) -> None:
        sink = self.sink
        if set(self.obligations) != set(OBLIGATIONS):
            sink.fail(f"the store lacks the alliance obligations of {OB.scheme} (ontology/vocab)")
            for _ in rows:
                sink.read()
            return
        members: list[_Membership] = []
        versions: set[str] = set()
        latest = date(1815, 1, 1)
        for row in rows:
            sink.read()
            found = self.parse(row)
            if isinstance(found, str):
                sink.reject(row, found)
                continue
            members.append(found)
            versions.add(_release(self.value(row, "version")))
            for bounds in (found.entry, found.exit):
                latest = max(latest, bounds.low if bounds.high is None else bounds.high)
        known = [RELEASE_ENDS[v] for v in versions if v in RELEASE_ENDS]
        end = max(known) if known else latest
        how = (
            f"release {', '.join(sorted(versions))}: exit 0 means in force on {end}"
            if known
            else f"release {', '.join(sorted(v for v in versions if v)) or 'not named'} of no "
            f"documented end: exit 0 means in force at least until {end}, the file's last day"
        )
        sink.report.form += f"; {how}"
        for member in members:
            if member.ongoing:
                member.exit = _Bounds(end, None)
            member.statement = sink.statement(member.row)
            self.write_membership(member)
            sink.accept()
        self.write_alliances(members)

    def parse(self, row: Row) -> _Membership | str:
        problem = malformed(row, self.width)
        if problem:
            return problem
        numbers: dict[str, int | None] = {}
        for column in (*MEMBER, "phase"):
            text = self.value(row, column)
            numbers[column] = _integer(text) if text else None
            if text and numbers[column] is None:
                return f"{column} '{text}' is not a number"
        atopid, code = numbers["atopid"], numbers["member"]
        if atopid is None or not 1000 <= atopid <= 9999:
            return f"atopid '{self.value(row, 'atopid')}' is not a four-digit ATOP id"
        if code is None or code not in self.crosswalk.by_cow:
            return f"member {self.value(row, 'member')} is not a COW state number of the crosswalk"
        yrent, moent = numbers["yrent"], numbers["moent"]
        if not yrent or not moent:
            return "no year or month of entry"
        entry = _day(yrent, moent, numbers["dayent"], end=False)
        if isinstance(entry, str):
            return f"entry {entry}"
        exits = (numbers["yrexit"], numbers["moexit"], numbers["dayexit"])
        ongoing = all(not n for n in exits)
        if ongoing:
            exit_ = _Bounds(entry.low, None)
        else:
            year, month, day = exits
            if not year or not month:
                return "an exit with no year or month (0 0 0 is in force at the release's end)"
            found = _day(year, month, day or None, end=True)
            if isinstance(found, str):
                return f"exit {found}"
            exit_ = found
            if exit_.high is not None and exit_.high < entry.low:
                return f"the exit ({exit_.high}) is before the entry ({entry.low})"
        in_effect = self.value(row, "ineffect")
        if in_effect and in_effect != ("1" if ongoing else "0"):
            return f"ineffect {in_effect} contradicts the exit {'0 0 0' if ongoing else exits}"
        obligations = []
        for name in OBLIGATIONS:
            flag = self.value(row, name)
            if flag not in ("", "0", "1"):
                return f"{name} '{flag}' is not 0 or 1"
            if flag == "1":
                obligations.append(name)
        phase = numbers["phase"] or 0
        key = (atopid, code, phase, entry.low)
        if key in self.keys:
            return (
                f"a second row for this alliance, member, phase and entry (line {self.keys[key]})"
            )
        self.keys[key] = row.line
        extra = {c: self.value(row, c) for c in ("cow4id",) if self.value(row, c)}
        return _Membership(
            row, atopid, code, phase, entry, exit_, obligations, ongoing, extra=extra
        )

    def write_membership(self, member: _Membership) -> None:
        entry = member.entry.low
        tie = _ATOP(f"{member.atopid}-member-{member.code}-p{member.phase}-{entry:%Y%m%d}")
        parts = [
            f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n",
            f"{tie} {NT_DIPL.fromActor} {self.actors[member.code]} .\n",
            f"{tie} {NT_DIPL.toActor} {_ATOP(member.atopid)} .\n",
            f"{tie} {NT_DIPL.tieType} {NT_TT.AllianceMembership} .\n",
            f'{tie} {NT_DIPL.alliancePhase} "{member.phase}"^^{NT_XSD.integer} .\n',
            f"{tie} {PROV_DERIVED} {member.statement} .\n",
            *(
                f"{tie} {NT_DIPL.obligation} {self.obligations[name]} .\n"
                for name in member.obligations
            ),
            *_time(tie, member.entry, member.exit),
        ]
        self.sink.write("".join(parts))

    def write_alliances(self, members: list[_Membership]) -> None:
        """Each alliance's node, and its members' pairwise alliance ties, spell by spell."""
        by_alliance: dict[int, list[_Membership]] = defaultdict(list)
        for member in members:
            by_alliance[member.atopid].append(member)
        sink = self.sink
        named = _named_elsewhere(sink)
        labels = alliance_labels(
            {
                atopid: (min(m.entry.low for m in rows).year, [m.code for m in rows])
                for atopid, rows in by_alliance.items()
            },
            state_labels(sink),
        )
        for atopid, rows in sorted(by_alliance.items()):
            node = _ATOP(atopid)
            first = min(rows, key=lambda m: m.row.line)
            parts = [f"{node} {PROV_DERIVED} {first.statement} .\n"]
            if node not in named:
                cow = _integer(first.extra.get("cow4id", ""))
                parts += _naming(node, atopid, cow, labels[atopid])
            # each spell's bounds and rows once: a pair of members takes them from here
            spells = [
                (code, *_spell_bounds(spell), tuple(m.statement for m in spell))
                for code, spell in _spells(rows)
            ]
            for one, two in combinations(spells, 2):
                if one[0] != two[0]:
                    parts.extend(self.pair(atopid, node, one, two))
            sink.write("".join(parts))

    def pair(self, atopid: int, node: str, one: _Spell, two: _Spell) -> list[str]:
        """The alliance tie of two members' spells, over their overlap (none if they cannot
        overlap); its actors in IRI order, as for every undirected tie."""
        code_a, entry_a, exit_a, rows_a = one
        code_b, entry_b, exit_b, rows_b = two
        entry = _Bounds(max(entry_a.low, entry_b.low), max(_high(entry_a), _high(entry_b)))
        highs = [h for h in (exit_a.high, exit_b.high) if h is not None]
        exit_ = _Bounds(min(exit_a.low, exit_b.low), min(highs) if highs else None)
        if exit_.high is not None and entry.low > exit_.high:
            return []
        low, high = sorted((code_a, code_b), key=self.crosswalk.by_cow.__getitem__)
        tie = _ATOP(f"{atopid}-pair-{low}-{high}-{entry.low:%Y%m%d}")
        statements = dict.fromkeys((*rows_a, *rows_b))
        return [
            f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n",
            f"{tie} {NT_DIPL.fromActor} {self.actors[low]} .\n",
            f"{tie} {NT_DIPL.toActor} {self.actors[high]} .\n",
            f"{tie} {NT_DIPL.tieType} {NT_TT.Alliance} .\n",
            f"{tie} {NT_DIPL.inAlliance} {node} .\n",
            *(f"{tie} {PROV_DERIVED} {s} .\n" for s in statements),
            *_time(tie, entry, exit_),
        ]


#: a member's spell in an alliance: its COW number, entry, exit and the statements of its rows
_Spell = tuple[int, _Bounds, _Bounds, tuple[str, ...]]


def _high(bounds: _Bounds) -> date:
    return bounds.high if bounds.high is not None else bounds.low


def _spells(rows: list[_Membership]) -> list[tuple[int, list[_Membership]]]:
    """Each member's rows as continuous spells: a phase that begins by the day after the last
    one's exit continues it (NATO's founders: phase 1 to 1951-06-19, phase 2 from that day)."""
    by_member: dict[int, list[_Membership]] = defaultdict(list)
    for row in rows:
        by_member[row.code].append(row)
    spells: list[tuple[int, list[_Membership]]] = []
    for code, memberships in sorted(by_member.items()):
        current: list[_Membership] = []
        for member in sorted(memberships, key=lambda m: m.entry.low):
            if current:
                _, last = _spell_bounds(current)
                if last.high is None or member.entry.low <= last.high + timedelta(days=1):
                    current.append(member)
                    continue
                spells.append((code, current))
            current = [member]
        spells.append((code, current))
    return spells


def _spell_bounds(spell: list[_Membership]) -> tuple[_Bounds, _Bounds]:
    """The entry of a spell's first row and the latest exit of its rows (open if any is)."""
    entry = min((m.entry for m in spell), key=lambda b: b.low)
    if any(m.exit.high is None for m in spell):
        return entry, _Bounds(max(m.exit.low for m in spell), None)
    return entry, max((m.exit for m in spell), key=lambda b: b.low)


def _time(tie: str, entry: _Bounds, exit_: _Bounds) -> list[str]:
    """A tie's time: its begin (or earliest and latest begin), its end (or earliest end, and
    latest end when the span is closed)."""
    parts = []
    if entry.exact:
        parts.append(f"{tie} {NT_SEM.hasBeginTimeStamp} {_date(entry.low)} .\n")
    else:
        parts.append(f"{tie} {NT_SEM.hasEarliestBeginTimeStamp} {_date(entry.low)} .\n")
        parts.append(f"{tie} {NT_SEM.hasLatestBeginTimeStamp} {_date(_high(entry))} .\n")
    if exit_.exact:
        parts.append(f"{tie} {NT_SEM.hasEndTimeStamp} {_date(exit_.low)} .\n")
    else:
        parts.append(f"{tie} {NT_SEM.hasEarliestEndTimeStamp} {_date(exit_.low)} .\n")
        if exit_.high is not None:
            parts.append(f"{tie} {NT_SEM.hasLatestEndTimeStamp} {_date(exit_.high)} .\n")
    return parts


def _date(day: date) -> str:
    return f'"{day.isoformat()}"^^{NT_XSD.date}'


def _alliances(
    sink: Sink, crosswalk: Crosswalk, at: dict[str, int], width: int, rows: Iterator[Row]
) -> None:
    """The alliance-level file: each alliance's node, existence and obligations."""
    obligations = {
        name: iri(concept) for name, concept in scheme_notations(sink.store, str(OB.scheme)).items()
    }
    named = _named_elsewhere(sink)
    seen: dict[int, int] = {}
    held: list[tuple[Row, int, date | None, date | None, list[int], int]] = []
    members = sorted((c for c in at if c.startswith("mem") and c[3:].isdigit()), key=len)
    for row in rows:
        sink.read()
        problem = malformed(row, width)
        if problem:
            sink.reject(row, problem)
            continue

        def value(column: str, row: Row = row) -> str:
            return _field(row, at, column)

        atopid = _integer(value("atopid"))
        if atopid is None or not 1000 <= atopid <= 9999:
            sink.reject(row, f"atopid '{value('atopid')}' is not a four-digit ATOP id")
            continue
        if atopid in seen:
            sink.reject(row, f"a second row for alliance {atopid} (line {seen[atopid]})")
            continue
        unknown = [
            value(c) for c in members if value(c) and _integer(value(c)) not in crosswalk.by_cow
        ]
        bad = [v for v in unknown if v != "8152"]  # Annam (codebook fn. 18) has no COW code
        if bad:
            sink.reject(row, f"member {bad[0]} is not a COW state number of the crosswalk")
            continue
        begin = _exact(value("begyr"), value("begmo"), value("begday"))
        end = _exact(value("endyr"), value("endmo"), value("endday"))
        if isinstance(begin, str) or isinstance(end, str):
            sink.reject(
                row, f"a begin or end that is no date ({begin if isinstance(begin, str) else end})"
            )
            continue
        seen[atopid] = row.line
        codes = [_integer(value(c)) for c in members if value(c)]
        year = _integer(value("begyr")) or 0
        held.append((row, atopid, begin, end, [c for c in codes if c is not None], year))
    # written once all are read: two alliances of one label each add their ATOP id
    labels = alliance_labels(
        {a: (year, codes) for _, a, _, _, codes, year in held}, state_labels(sink)
    )
    for row, atopid, begin, end, _, _ in held:
        node = _ATOP(atopid)
        statement = sink.statement(row)
        cow = _integer(_field(row, at, "cow4id"))
        parts = [
            *(_naming(node, atopid, cow, labels[atopid]) if node not in named else []),
            f"{node} {PROV_DERIVED} {statement} .\n",
            *(
                f"{node} {NT_DIPL.obligation} {obligations[name]} .\n"
                for name in OBLIGATIONS
                if _field(row, at, name) == "1" and name in obligations
            ),
        ]
        if begin is not None:
            parts.append(f"{node} {NT_DIPL.existsFrom} {_date(begin)} .\n")
        if end is not None:
            parts.append(f"{node} {NT_DIPL.existsUntil} {_date(end)} .\n")
        sink.write("".join(parts))
        sink.accept()


def _field(row: Row, at: dict[str, int], column: str) -> str:
    """A row's value in ``column`` ("" when the file has no such column)."""
    index = at.get(column)
    return row.fields[index].strip() if index is not None else ""


def _exact(year: str, month: str, day: str) -> date | str | None:
    """A day given in full (None when 0 0 0, or when its month or day is not given)."""
    numbers = [_integer(t) if t else None for t in (year, month, day)]
    if not numbers[0] or not numbers[1] or not numbers[2]:
        return None
    try:
        return date(*numbers)  # type: ignore[arg-type]
    except ValueError:
        return f"{year}-{month}-{day}"


#: the dyad-year file's lines read between two progress calls (and drops counted at once)
_DYAD_BLOCK = 4_096
#: a year of the state system, 1815 to 2100, as a regular expression
_YEAR = rb"(?:18(?:1[5-9]|[2-9][0-9])|19[0-9][0-9]|20[0-9][0-9]|2100)"


def _dyad_line(at: dict[str, int], width: int, flags: list[str]) -> re.Pattern[bytes]:
    """A line of the dyad-year file as the file writes its rows: the two codes (groups ``one``
    and ``two``, checked against the crosswalk by the caller), a year, flags 0 or 1, any other
    field unquoted."""
    fields = [rb'[^,"\r\n]*'] * width
    fields[at["ccode1"]] = rb"(?P<one>[0-9]{1,4})"
    fields[at["ccode2"]] = rb"(?P<two>[0-9]{1,4})"
    fields[at["year"]] = _YEAR
    for name in flags:
        fields[at[name]] = rb"[01]"
    return re.compile(b",".join(fields) + rb"\r?\n?")


def _dyad_years(
    sink: Sink, crosswalk: Crosswalk, at: dict[str, int], width: int, stream: IO[bytes]
) -> None:
    """The directed dyad-year file: checked, and filtered (the member file gives the ties).

    It holds nothing but a summary, so its rows are read as lines: one written as the file
    writes its rows (plain numbers of known states, a year, flags 0 or 1) is counted at once;
    any other goes through the checks of :func:`_dyad_row`, which say what is wrong, and from a
    line with a quote (a field that may span lines) on, the rest of the file is read as CSV."""
    flags = [c for c in OBLIGATIONS if c in at]
    known = {str(code).encode() for code in crosswalk.by_cow}
    fits = _dyad_line(at, width, flags).fullmatch
    summary = (
        "a dyad-year summary of the member-level file, which gives the alliances with their days"
    )
    line, counted = 1, 0
    for raw in stream:
        line += 1
        found = fits(raw)
        if found is not None and found["one"] in known and found["two"] in known:
            counted += 1
            if counted == _DYAD_BLOCK:
                sink.read(counted)
                sink.drop(summary, counted)
                counted = 0
            continue
        if counted:
            sink.read(counted)
            sink.drop(summary, counted)
            counted = 0
        if b'"' in raw or b"\r" in raw.rstrip(b"\r\n"):  # a row that may span lines
            rest: IO[bytes] = chain([raw], stream)  # type: ignore[assignment]
            for row in read_rows(rest, ",", first_line=line):
                sink.read()
                sink.end(row, _dyad_row(row, crosswalk, at, width, flags, summary))
            return
        for row in read_rows(io.BytesIO(raw), ",", first_line=line):  # none if blank
            sink.read()
            sink.end(row, _dyad_row(row, crosswalk, at, width, flags, summary))
    if counted:
        sink.read(counted)
        sink.drop(summary, counted)


def _dyad_row(
    row: Row, crosswalk: Crosswalk, at: dict[str, int], width: int, flags: list[str], summary: str
) -> str:
    """Why a dyad-year row is rejected, or ``"!"`` and the summary's reason to filter it."""
    problem = malformed(row, width)
    if problem:
        return problem
    fields = row.fields
    codes = [_integer(fields[at[c]]) for c in ("ccode1", "ccode2")]
    year = _integer(fields[at["year"]])
    if any(c is None or c not in crosswalk.by_cow for c in codes):
        return (
            f"ccode {fields[at['ccode1']]} or {fields[at['ccode2']]} is not a COW state "
            "of the crosswalk"
        )
    if year is None or not 1815 <= year <= 2100:
        return f"year '{fields[at['year']]}' is not a year"
    if any(fields[at[c]].strip() not in ("0", "1") for c in flags):
        return "an obligation flag that is not 0 or 1"
    return "!" + summary
