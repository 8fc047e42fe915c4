"""GDELT events -> event records on the crosswalk's actors, one per row, with their provenance.

Which GDELT form a file is, is read from its content, never its name: the native tab-separated
daily export of GDELT 1.0 (57 or 58 fields, no header; 201 rows of the sample lack the trailing
SOURCEURL) or 2.0 (61 fields), with or without a header line (``events_column_names.csv`` names
the columns in lower case, with ``day`` for SQLDATE), and comma-separated extracts with a header
(R's ``write.csv`` of all 58 columns, where a bare ``NA`` is a missing value and a quoted ``"NA"``
a real one, with an extra ``month`` column in one file; or a column extract of GDELT 2.0 with
only MonthYear, QuadClass, the two country codes, Goldstein and SOURCEURL). Columns are found by
name, so extra columns are ignored.

Each event keeps its CAMEO code as text (``042``, leading zero and all), gets our event type (by
the code's root; :data:`ROOT_EVENT_TYPES`), its quad class (as one of the four event-interaction
tie types) and its Goldstein value; its parties are the states and organisations the crosswalk
resolves the actor codes to, with GDELT's actor type kept as a sector (``MARGOV`` is Morocco,
government; ``IGOWSTNAT`` is NATO), and its location the state of its FIPS country code. Region
codes (EUR, WST, AFR ...), ethnic and religious codes, and groups that are not organisations in the
crosswalk name no actor: an event with no actor on either side is filtered, counted by reason.
Malformed rows (wrong number of fields, a date that is not one, an unknown event code, a quad
class that contradicts the code, a Goldstein value off the scale) are rejected with their line.

The event IRI joins the file's content hash and GLOBALEVENTID: the Georgia files reuse some ids
for different events (233596613 is a July 2011 event in one file and a November 2011 one in
another), so an id alone does not identify an event across files.
"""

from __future__ import annotations

import csv
import io
import re
from calendar import monthrange
from collections.abc import Container, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import IO

from diplograph.importers.base import DatasetInfo, Sink
from diplograph.importers.crosswalk import Crosswalk, organisation_in
from diplograph.importers.recognise import looks_like
from diplograph.importers.rows import Row, first_line, quoted_na, read_rows
from diplograph.namespaces import XSD, D
from diplograph.ntriples import (
    NT_DIPL,
    NT_ET,
    NT_SEM,
    NT_TT,
    NT_XSD,
    PROV_DERIVED,
    RDF_TYPE,
    Minted,
    iri,
    literal,
)

__all__ = ["GDELT", "ROOT_EVENT_TYPES", "import_gdelt_file"]

GDELT = DatasetInfo(
    "GDELT event data",
    short="GDELT",
    url="https://www.gdeltproject.org/",
    citation="Leetaru, Kalev and Schrodt, Philip. 2013. GDELT: Global Data on Events, Location "
    "and Tone.",
)

#: the ten columns GDELT gives each of its two actors
_ACTOR_COLUMNS = (
    "Code Name CountryCode KnownGroupCode EthnicCode Religion1Code Religion2Code "
    "Type1Code Type2Code Type3Code"
)
#: the seven columns of each of GDELT 1.0's three geographies
_GEO_COLUMNS = "Type FullName CountryCode ADM1Code Lat Long FeatureID"
#: GDELT 1.0's 58 columns, in the order of its daily export files
V1_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in _ACTOR_COLUMNS.split()),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in _GEO_COLUMNS.split()),
    "DATEADDED", "SOURCEURL",
]  # fmt: skip
#: GDELT 2.0's 61 columns: each geography also has an ADM2 code
V2_COLUMNS = [
    name
    for column in V1_COLUMNS
    for name in (
        (column, column.replace("ADM1", "ADM2")) if column.endswith("ADM1Code") else (column,)
    )
]
#: other spellings of column names: events_column_names.csv calls SQLDATE "day"
ALIASES = {"day": "sqldate"}

#: CAMEO root code -> our event type (event codes of a root share its type, but for the few
#: codes in SPECIAL_EVENT_TYPES)
ROOT_EVENT_TYPES = {
    "01": "Announcement",
    "02": "Request",
    "03": "Pledge",
    "04": "Meeting",
    "05": "DiplomaticCooperation",
    "06": "MaterialCooperation",
    "07": "Aid",
    "08": "Concession",
    "09": "Investigation",
    "10": "Demand",
    "11": "Disapproval",
    "12": "Rejection",
    "13": "Threat",
    "14": "Protest",
    "15": "ForcePosture",
    "16": "ReductionOfRelations",
    "17": "Coercion",
    "18": "Assault",
    "19": "Fight",
    "20": "MassViolence",
}
#: CAMEO event codes with an event type of their own: providing peacekeeping is a deployment
SPECIAL_EVENT_TYPES = {"074": "Deployment"}
#: GDELT's QuadClass -> the event-interaction tie type of that quad class
QUAD_CLASSES = {
    "1": "VerbalCooperation",
    "2": "MaterialCooperation",
    "3": "VerbalConflict",
    "4": "MaterialConflict",
}
#: the quad class of each CAMEO root (GDELT derives QuadClass from the root code)
QUAD_OF_ROOT = {
    f"{r:02d}": "1" if r <= 5 else "2" if r <= 9 else "3" if r <= 14 else "4" for r in range(1, 21)
}

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
STAMP, EARLIEST, LATEST = (
    NT_SEM.hasTimeStamp,
    NT_SEM.hasEarliestBeginTimeStamp,
    NT_SEM.hasLatestEndTimeStamp,
)


@dataclass(frozen=True)
class Layout:
    """Where the columns an event needs are in one form of GDELT file (None: absent)."""

    form: str
    width: int
    #: also accepted: rows this much shorter (the raw sample's rows without SOURCEURL)
    short_ok: int
    delimiter: str
    r_nulls: bool
    columns: dict[str, int]

    def at(self, name: str) -> int | None:
        return self.columns.get(name.lower())


def _layout(
    form: str, names: list[str], delimiter: str, r_nulls: bool, short_ok: int = 0
) -> Layout:
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        key = name.strip().lower()
        columns.setdefault(ALIASES.get(key, key), index)
    return Layout(form, len(names), short_ok, delimiter, r_nulls, columns)


def detect(first: bytes) -> tuple[Layout | None, bool, str]:
    """The layout of a file from its first line: (layout, whether that line is a header, or
    the reason it is no GDELT file)."""
    text = first.decode("utf-8", errors="replace").rstrip("\r\n")
    if not text.strip():
        return None, False, "the file is empty"
    tabs = text.split("\t")
    if len(tabs) >= 8:
        header = tabs[0].strip().lower() == "globaleventid"
        if header:
            form = f"GDELT tab-separated with a header ({len(tabs)} columns)"
            return _layout(form, tabs, "\t", False, short_ok=1), True, ""
        if tabs[0].strip().isdigit() and len(tabs) in (57, 58):
            return _layout("GDELT 1.0 tab-separated export", V1_COLUMNS, "\t", False, 1), False, ""
        if tabs[0].strip().isdigit() and len(tabs) in (60, 61):
            return _layout("GDELT 2.0 tab-separated export", V2_COLUMNS, "\t", False, 1), False, ""
        return None, False, f"{len(tabs)} tab-separated fields, where GDELT has 57, 58 or 61"
    try:
        names = next(csv.reader([text]), [])
    except csv.Error:  # a line feed or NUL inside: no CSV header
        names = []
    keys = {ALIASES.get(n.strip().lower(), n.strip().lower()) for n in names}
    if "globaleventid" in keys:
        missing = [
            n for n in ("goldsteinscale", "actor1countrycode", "actor2countrycode") if n not in keys
        ]
        if "sqldate" not in keys and "monthyear" not in keys:
            missing.append("SQLDATE or MonthYear")
        if "eventcode" not in keys and "quadclass" not in keys:
            missing.append("EventCode or QuadClass")
        if missing:
            return None, True, f"a GDELT-like header without {', '.join(missing)}"
        form = f"GDELT comma-separated with a header ({len(names)} columns)"
        return _layout(form, names, ",", True), True, ""
    return (
        None,
        False,
        (
            f"not GDELT events: the first line starts {text[:60]!r}; "
            f"it looks like {looks_like(names)}"
        ),
    )


def import_gdelt_file(stream: IO[bytes], sink: Sink, crosswalk: Crosswalk) -> None:
    """Import one GDELT file through ``sink`` (which counts and loads); see the module docstring."""
    first = first_line(stream)
    layout, header, problem = detect(first)
    if layout is None:
        sink.fail(f"line 1: {problem}")
        return
    sink.report.form = layout.form
    sink.describe(GDELT)
    # the first line is read already (a header, or the first row): the stream goes on at line 2
    rows: Iterator[Row] = read_rows(stream, layout.delimiter, first_line=2)
    if not header:
        rows = _with_first(first, layout, rows)
    elif layout.delimiter == ",":
        layout, rows = _row_names(layout, rows)
    sink.report.form = layout.form
    sink.position = stream.tell
    _Events(sink, crosswalk, layout).run(rows)
    if sink.report.read == 0:
        sink.fail("line 1: a header and no events" if header else "no events")


def _restored(code: str, known: Container[str]) -> str:
    """A CAMEO code whose leading zeros a spreadsheet or R read as a number dropped ("42" for
    042, "334" for 0334), restored when exactly that code is known; else the code as given. An
    event code has at least three digits (root codes such as 10 stand in EventRootCode), so a
    shorter one is always padded: "10" is 010.

    >>> _restored("42", {"042"}), _restored("334", {"0334"}), _restored("10", {"10", "010"})
    ('042', '0334', '010')
    """
    if code.isdigit() and len(code) < 4:
        for width in (3, 4):
            padded = code.zfill(width)
            if len(padded) > len(code) and padded in known:
                return padded
    return code


def _row_names(layout: Layout, rows: Iterator[Row]) -> tuple[Layout, Iterator[Row]]:
    """A comma-separated file written by R's ``write.table`` with row names: its header is one
    name shorter than its rows, whose first field is the row's name ("1", "2" ...). Then the
    columns are one further on, and the first field is left out of the record."""
    first = next(rows, None)
    if first is None:
        return layout, iter(())
    fields = first.fields
    if len(fields) != layout.width + 1 or not fields[0].strip().strip('"').isdigit():
        return layout, chain([first], rows)
    shifted = Layout(
        layout.form + ", written by R with row names (the first field, left out)",
        layout.width + 1,
        layout.short_ok,
        layout.delimiter,
        layout.r_nulls,
        {name: index + 1 for name, index in layout.columns.items()},
    )
    return shifted, chain([first], rows)


def _with_first(first: bytes, layout: Layout, rest: Iterator[Row]) -> Iterator[Row]:
    """The rows of a headerless file: its first line (already read to detect the form) too."""
    yield from read_rows(io.BytesIO(first), layout.delimiter)
    yield from rest


class _Events:
    """The row-to-triples loop of one file, with its lookups and caches held in locals."""

    def __init__(self, sink: Sink, crosswalk: Crosswalk, layout: Layout) -> None:
        self.sink = sink
        self.crosswalk = crosswalk
        self.layout = layout
        self.actors: dict[tuple[str, ...], tuple[str, str]] = {}
        #: each actor's code, country and type columns, found once
        self.sides = {
            n: [
                layout.at(f"actor{n}{c}")
                for c in ("code", "countrycode", "type1code", "type2code", "type3code")
            ]
            for n in (1, 2)
        }
        self.days: dict[str, tuple[str, str] | None] = {}
        self.months: dict[str, tuple[str, str] | None] = {}
        self.scores: dict[str, str | None] = {}
        self.quads = {q: getattr(NT_TT, name) for q, name in QUAD_CLASSES.items()}
        self.types = {
            code: getattr(NT_ET, SPECIAL_EVENT_TYPES.get(code) or ROOT_EVENT_TYPES[code[:2]])
            for code in crosswalk.event_codes
            if code[:2] in ROOT_EVENT_TYPES
        }
        self.uncoded = NT_ET.UncodedEvent
        self.events = Minted(f"{D}gdelt-{sink.token}-")
        #: the country of each FIPS code an event's place may have, as a term
        self.places = {fips: iri(place) for fips, place in crosswalk.by_fips.items()}

    def side(self, fields: list[str], n: int, na: set[int]) -> tuple[str, str]:
        """(actor IRI or "", sector IRI or "") of actor ``n`` (1 or 2) of a row."""
        value = self.value
        key = tuple([value(fields, index, na) for index in self.sides[n]])
        found = self.actors.get(key)
        if found is None:
            found = self.actors[key] = self.resolve(*key)
        return found

    def value(self, fields: list[str], index: int | None, na: set[int]) -> str:
        if index is None or index >= len(fields):
            return ""
        text = fields[index].strip()
        if text == "NA" and self.layout.r_nulls and index not in na:
            return ""
        return text

    def resolve(self, code: str, country: str, *types: str) -> tuple[str, str]:
        crosswalk = self.crosswalk
        group = organisation_in(code, crosswalk.organisations)
        actor = crosswalk.organisations[group] if group else crosswalk.countries.get(country, "")
        if not actor and not country and code[:3] in crosswalk.countries:
            actor = crosswalk.countries[code[:3]]
        if not actor:
            return "", ""
        chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
        sector = next((t for t in (*types, *chunks) if t in crosswalk.sectors), "")
        return iri(actor), (iri(crosswalk.sectors[sector]) if sector else "")

    def day(self, text: str) -> tuple[str, str] | None:
        """SQLDATE YYYYMMDD -> (xsd:date literal, YYYYMM), or None if it is no date."""
        if text not in self.days:
            try:
                value = date(int(text[:4]), int(text[4:6]), int(text[6:]))
                ok = len(text) == 8 and text.isdigit()
            except ValueError:
                ok = False
            self.days[text] = (f'"{value.isoformat()}"^^{NT_XSD.date}', text[:6]) if ok else None
        return self.days[text]

    def month(self, text: str) -> tuple[str, str] | None:
        """MonthYear YYYYMM -> (first day, last day) as xsd:date literals, or None."""
        if text not in self.months:
            found = None
            if len(text) == 6 and text.isdigit() and 1 <= int(text[4:]) <= 12:
                year, month = int(text[:4]), int(text[4:])
                last = monthrange(year, month)[1]
                found = (
                    f'"{year:04d}-{month:02d}-01"^^{NT_XSD.date}',
                    f'"{year:04d}-{month:02d}-{last:02d}"^^{NT_XSD.date}',
                )
            self.months[text] = found
        return self.months[text]

    def score(self, text: str) -> str | None:
        """A Goldstein value as an xsd:decimal literal, or None if it is off the scale."""
        if text not in self.scores:
            found = None
            if _NUMBER.match(text) and -10 <= float(text) <= 10:
                found = f'"{text if "." in text else text + ".0"}"^^{NT_XSD.decimal}'
            self.scores[text] = found
        return self.scores[text]

    def run(self, rows: Iterator[Row]) -> None:
        sink, layout, at = self.sink, self.layout, self.layout.at
        write, statement, accept, reject, drop, read = (
            sink.write,
            sink.statement,
            sink.accept,
            sink.reject,
            sink.drop,
            sink.read,
        )
        width, short = layout.width, layout.width - layout.short_ok
        i_id, i_day, i_month = at("globaleventid"), at("sqldate"), at("monthyear")
        i_code, i_base, i_root = at("eventcode"), at("eventbasecode"), at("eventrootcode")
        i_quad, i_score, i_url = at("quadclass"), at("goldsteinscale"), at("sourceurl")
        i_geo, i_place = at("actiongeo_type"), at("actiongeo_countrycode")
        types, quads, event_codes = self.types, self.quads, self.crosswalk.event_codes
        places, value, side = self.places, self.value, self.side
        events, event_type, quad_class = (
            self.events,
            NT_DIPL.DiplomaticEvent,
            NT_DIPL.quadClass,
        )
        r_nulls = layout.r_nulls
        no_na: set[int] = set()
        for row in rows:
            read()
            if row.problem:
                reject(row, row.problem)
                continue
            fields = row.fields
            n = len(fields)
            if n != width and n != short:
                expected = f"{short} or {width}" if short != width else f"{width}"
                reject(row, f"{n} fields where this file has {expected}")
                continue
            na = quoted_na(row) if r_nulls and '"NA"' in row.text else no_na
            gid = value(fields, i_id, na)
            if not gid.isdigit():
                reject(row, f"GLOBALEVENTID '{gid}' is not a number")
                continue
            if i_day is not None:
                day = self.day(value(fields, i_day, na))
                if day is None:
                    reject(row, f"SQLDATE '{fields[i_day]}' is not a date (YYYYMMDD)")
                    continue
                month_year = value(fields, i_month, na)
                if month_year and month_year != day[1]:
                    reject(row, f"MonthYear '{month_year}' is not the month of its SQLDATE")
                    continue
                when: tuple[tuple[str, str], ...] = ((STAMP, day[0]),)
            else:
                bounds = self.month(value(fields, i_month, na))
                if bounds is None:
                    reject(row, f"MonthYear '{value(fields, i_month, na)}' is not a month (YYYYMM)")
                    continue
                when = ((EARLIEST, bounds[0]), (LATEST, bounds[1]))
            code = value(fields, i_code, na)
            quad = value(fields, i_quad, na)
            if code:
                if len(code) < 3 or code not in types:
                    code = _restored(code, types)
                if code not in event_codes or code not in types:
                    reject(row, f"unknown CAMEO event code '{value(fields, i_code, na)}'")
                    continue
                root = code[:2]
                if (
                    i_root is not None and value(fields, i_root, na).zfill(2) not in ("00", root)
                ) or (
                    i_base is not None
                    and value(fields, i_base, na) not in ("", code[:3])
                    and value(fields, i_base, na).zfill(3) != code[:3]
                ):
                    reject(row, f"EventBaseCode or EventRootCode does not match EventCode '{code}'")
                    continue
                if quad and quad != QUAD_OF_ROOT[root]:
                    reject(row, f"QuadClass '{quad}' contradicts event code '{code}'")
                    continue
                quad = QUAD_OF_ROOT[root]
                kind = types[code]
            elif i_code is not None:
                reject(row, "no EventCode")
                continue
            elif quad not in quads:
                reject(row, f"QuadClass '{quad}' is not 1, 2, 3 or 4")
                continue
            else:
                kind = self.uncoded
            score = self.score(value(fields, i_score, na))
            if score is None:
                text = value(fields, i_score, na)
                reject(row, f"GoldsteinScale '{text}' is not a number from -10 to 10")
                continue
            actor, actor_sector = side(fields, 1, na)
            recipient, recipient_sector = side(fields, 2, na)
            if not actor and not recipient:
                drop("neither party is a state or organisation of the crosswalk")
                continue
            e = events(gid)
            parts = [
                f"{e} {RDF_TYPE} {event_type} .\n"
                f"{e} {NT_DIPL.eventType} {kind} .\n"
                f"{e} {quad_class} {quads[quad]} .\n"
                f"{e} {NT_DIPL.goldsteinScale} {score} .\n"
                f"{e} {PROV_DERIVED} {statement(row)} .\n"
            ]
            parts.extend(f"{e} {stamp} {day_literal} .\n" for stamp, day_literal in when)
            if code:
                parts.append(f'{e} {NT_DIPL.cameoEventCode} "{code}" .\n')
            if actor:
                parts.append(f"{e} {NT_DIPL.actor} {actor} .\n")
                if actor_sector:
                    parts.append(f"{e} {NT_DIPL.actorSector} {actor_sector} .\n")
            if recipient:
                parts.append(f"{e} {NT_DIPL.recipient} {recipient} .\n")
                if recipient_sector:
                    parts.append(f"{e} {NT_DIPL.recipientSector} {recipient_sector} .\n")
            if i_geo is not None and value(fields, i_geo, na) not in ("", "0"):
                place = places.get(value(fields, i_place, na))
                if place:
                    parts.append(f"{e} {NT_DIPL.locationCountry} {place} .\n")
            url = value(fields, i_url, na)
            if url:
                parts.append(f"{e} {NT_DIPL.sourceUrl} {literal(url, str(XSD.anyURI))} .\n")
            write("".join(parts))
            accept()
