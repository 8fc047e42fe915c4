"""UN peacekeeping contributions (IPI's Providing for Peacekeeping database) -> dated ties.

A state's contribution of troops, police or experts in a month is a tie from the state to the
mission (``tt:TroopContribution``, ``tt:PoliceContribution``, ``tt:ExpertContribution``), valid
from the first to the last day of that month, with the number of personnel as its quantity, citing
the report row. Which IPI file it is, is read from its header:

- ``current_month.csv``: contributor x mission, one month. ``Civilian_Police`` is the police total
  (formed police units plus individual police) and ``Observers`` repeats ``Experts_on_Mission``:
  each row is checked to add up to its ``Total`` and rejected if not;
- ``countries/<name>.csv``: one contributor's monthly totals over all missions, named only by the
  file name (``DR Congo.csv``): ties to ``d:un-peacekeeping``, all UN missions taken together;
- ``tcc_country_monthly_long.csv``: those files stacked, the name in a ``Contributor`` column;
- mission, global, continent and region totals (``data_mission.csv`` ...): not one state's
  contribution, so every row is filtered, counted by reason (the missions themselves, with their
  un-swapped headquarters, are in the built-in ``graph/crosswalk-un-missions.ttl``).

A bare ``NA`` is no contribution (IPI turned zeros into NA), so a row with none is filtered;
contributors are found by ISO code where the file has one, else by name (up to case, accents and
punctuation: ``Cote d Ivoire`` is Côte d’Ivoire). A month, or a contributor and mission in a month,
given twice in one file is rejected the second time, as are counts that are no numbers, dates that
are no dates and unknown contributors or missions. A tie's IRI is made of the contributor, the
mission, the month and the category; a contribution another loaded file already gives (the
country files and the stacked file repeat each other) is not given again: its row is filtered,
so that each tie's triples are in the store once.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from rdflib import Literal, URIRef

from diplograph.importers.base import DatasetInfo, Sink
from diplograph.importers.crosswalk import Crosswalk
from diplograph.importers.recognise import looks_like
from diplograph.importers.rows import Row, column_index, read_header, read_rows
from diplograph.iri import local_name
from diplograph.namespaces import D
from diplograph.ntriples import (
    NT_DIPL,
    NT_SCHEMA,
    NT_SEM,
    NT_TT,
    PROV_DERIVED,
    RDF_TYPE,
    XSD_DATE,
    XSD_INTEGER,
    Minted,
    iri,
    literal,
    typed,
)
from diplograph.store.binding import substitute

__all__ = ["IPI", "import_peacekeeping_file"]

IPI = DatasetInfo(
    "IPI Providing for Peacekeeping database",
    short="IPI",
    url="https://github.com/IPIDataLab/PPP_Loader",
    license="https://www.gnu.org/licenses/old-licenses/gpl-2.0.html",
    citation="International Peace Institute. Providing for Peacekeeping database.",
)
#: category -> (tie type, unit text)
CATEGORIES = {
    "troops": ("TroopContribution", "troops"),
    "police": ("PoliceContribution", "police"),
    "experts": ("ExpertContribution", "experts"),
}
ALL_MISSIONS = str(D["un-peacekeeping"])
#: the start of every contribution's IRI (and its quantity's)
_PK = str(D["pk-"])
#: the ties and quantities the importer mints, as N-Triples terms
_IDS = Minted(_PK)
#: the unit of each category, as a literal
_UNITS = {category: literal(unit) for category, (_, unit) in CATEGORIES.items()}

#: the contributions other loaded files give (not an earlier import of this one): one tie each,
#: whichever file came first, so that no query sees a tie's triples twice
#: (?self, the file's URI, and ?contributor for a country file are bound; ?pk, the start of
#: every contribution's IRI, substituted)
_ELSEWHERE = substitute(
    """
SELECT DISTINCT ?tie WHERE {
  GRAPH ?g { ?tie dipl:tieType ?type ; dipl:fromActor ?contributor }
  FILTER(STRSTARTS(STR(?tie), ?pk))
  OPTIONAL { GRAPH ?g { ?g dcterms:source ?source } }
  FILTER(!BOUND(?source) || ?source != ?self)
}""",
    {"pk": Literal(_PK)},
)
#: why a row all of whose contributions another loaded file gives is filtered
ALREADY = "given by another loaded file (the country files and the stacked one repeat each other)"
#: IPI files of totals that are not one state's contributions: a column they have -> why filtered
TOTALS = (
    ("number of contributors", "mission", "a mission's monthly totals, not a state's contribution"),
    ("troop contributions", None, "monthly totals of all contributors, not a state's contribution"),
    ("region", None, "a region's totals, not a state's contribution"),
    ("continent", None, "a continent's totals, not a state's contribution"),
)


def import_peacekeeping_file(stream: IO[bytes], sink: Sink, crosswalk: Crosswalk) -> None:
    """Import one IPI file through ``sink``; see the module docstring for the forms."""
    names = read_header(stream)
    if not names:
        sink.fail("line 1: the file is empty")
        return
    at = column_index(names)
    sink.position = stream.tell
    form = _form(at)
    if form is None:
        sink.fail(
            "line 1: not an IPI peacekeeping file (no Date with Troops, Police and Experts, nor "
            f"a known table of totals); it looks like {looks_like(names)}"
        )
        return
    sink.report.form = form
    sink.describe(IPI)
    rows = read_rows(stream, ",", first_line=2)
    reason = next((why for column, _, why in TOTALS if form == why), None)
    if reason is not None:
        for row in rows:
            sink.read()
            if row.problem:
                sink.reject(row, row.problem)
            else:
                sink.drop(reason)
        return
    if ALL_MISSIONS not in crosswalk.missions.values():
        sink.fail(f"the store lacks {ALL_MISSIONS} (graph/crosswalk-un-missions.ttl)")
        return
    # a country file names its one contributor: only that state's contributions are looked up
    # (all of them, for each of 148 files, made the import quadratic)
    bindings: dict[str, Any] = {"self": URIRef(sink.path.resolve().as_uri())}
    if "contributor" not in at:
        actor = crosswalk.state_named(sink.path.stem)
        if actor is not None:
            bindings["contributor"] = URIRef(actor)
    _, found = sink.store.select_values(_ELSEWHERE, bindings)
    elsewhere = {iri(str(tie)) for (tie,) in found}
    _Contributions(sink, crosswalk, at, len(names), elsewhere).run(rows)


def _form(at: dict[str, int]) -> str | None:
    if "date" not in at:
        return None
    if {"contributor", "mission", "troops", "civilian_police"} <= set(at):
        return "IPI contributions by contributor and mission"
    if {"troops", "police", "experts"} <= set(at):
        return "IPI monthly contributions of " + (
            "each contributor" if "contributor" in at else "one contributor (named by the file)"
        )
    for column, also, why in TOTALS:
        if column in at and (also is None or also in at):
            return why
    return None


class _Contributions:
    """The row-to-ties loop of one contributions file."""

    def __init__(
        self,
        sink: Sink,
        crosswalk: Crosswalk,
        at: dict[str, int],
        width: int,
        elsewhere: set[str],
    ) -> None:
        self.sink, self.crosswalk, self.at, self.width = sink, crosswalk, at, width
        self.elsewhere = elsewhere
        self.by_mission = "mission" in at
        self.file_name = sink.path.stem  # countries/DR Congo.csv names its contributor
        self.seen: dict[tuple[str, str, str], int] = {}
        self.contributors: dict[tuple[str, str], str | None] = {}

    def run(self, rows: Iterator[Row]) -> None:
        sink = self.sink
        for row in rows:
            sink.read()
            sink.end(row, self.row(row))

    def value(self, row: Row, column: str) -> str:
        index = self.at.get(column)
        if index is None or index >= len(row.fields):
            return ""
        text = row.fields[index].strip()
        return "" if text == "NA" else text

    def count(self, row: Row, column: str) -> int | str:
        """A count of personnel (0 for NA or absent), or why it is no count."""
        text = self.value(row, column)
        if not text:
            return 0
        if not text.isdigit():
            return f"{column} '{text}' is not a count of personnel"
        return int(text)

    def contributor(self, row: Row) -> str | None:
        iso3 = self.value(row, "contributor_iso-3")
        name = self.value(row, "contributor") or self.file_name
        key = (iso3, name)
        if key not in self.contributors:
            found = self.crosswalk.by_iso3.get(iso3) if iso3 else None
            self.contributors[key] = found or self.crosswalk.state_named(name)
        return self.contributors[key]

    def row(self, row: Row) -> str | None:
        """Write the row's ties; None if done, "!reason" if filtered, else why it is rejected."""
        if row.problem:
            return row.problem
        if len(row.fields) != self.width:
            return f"{len(row.fields)} fields where the header has {self.width}"
        text = self.value(row, "date")
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return f"Date '{text}' is not a date (YYYY-MM-DD)"
        counts = self.counts(row)
        if isinstance(counts, str):
            return counts
        actor = self.contributor(row)
        if actor is None:
            name = self.value(row, "contributor") or self.file_name
            return f"contributor '{name}' is not a state of the crosswalk"
        target = ALL_MISSIONS
        if self.by_mission:
            mission = self.value(row, "mission")
            found = self.crosswalk.missions.get(mission)
            if found is None:
                return f"mission '{mission}' is not in the crosswalk of UN missions"
            target = found
        month = f"{day:%Y-%m}"
        key = (actor, target, month)
        if key in self.seen:
            first = self.seen[key]
            return f"a second row for this contributor and month (the first is on line {first})"
        self.seen[key] = row.line
        if not any(counts.values()):
            return "!no personnel that month (every count NA or 0)"
        name = f"{local_name(actor)}-{local_name(target)}-{day:%Y-%m}"
        new = {c: n for c, n in counts.items() if n and _IDS(f"{name}-{c}") not in self.elsewhere}
        if not new:
            return "!" + ALREADY
        self.write(row, actor, target, day, name, new)
        return None

    def counts(self, row: Row) -> dict[str, int] | str:
        """Troops, police and experts of the row, or why they cannot be read."""
        if not self.by_mission:
            found = {c: self.count(row, c) for c in CATEGORIES}
        else:
            columns = (
                "troops",
                "civilian_police",
                "formed_police_units",
                "inidividual_police",
                "experts_on_mission",
                "observers",
                "total",
            )
            values = {c: self.count(row, c) for c in columns}
            bad = next((v for v in values.values() if isinstance(v, str)), None)
            if bad is not None:
                return bad
            n = {c: int(v) for c, v in values.items()}
            if n["civilian_police"] != n["formed_police_units"] + n["inidividual_police"]:
                return "Civilian_Police is not Formed_Police_Units plus Inidividual_Police"
            if n["observers"] != n["experts_on_mission"]:
                return "Observers does not repeat Experts_on_Mission"
            if n["total"] != n["troops"] + n["civilian_police"] + n["experts_on_mission"]:
                return "Troops, Civilian_Police and Experts_on_Mission do not add up to Total"
            found = {
                "troops": n["troops"],
                "police": n["civilian_police"],
                "experts": n["experts_on_mission"],
            }
        bad = next((v for v in found.values() if isinstance(v, str)), None)
        if bad is not None:
            return bad
        return {c: int(v) for c, v in found.items()}

    def write(
        self, row: Row, actor: str, target: str, day: date, name: str, counts: dict[str, int]
    ) -> None:
        sink = self.sink
        statement = sink.statement(row)
        first = typed(f"{day:%Y-%m}-01", XSD_DATE)
        last = typed(f"{day:%Y-%m}-{monthrange(day.year, day.month)[1]:02d}", XSD_DATE)
        parts = []
        contributor, mission = iri(actor), iri(target)
        for category, number in counts.items():
            tie_type = CATEGORIES[category][0]
            tie = _IDS(f"{name}-{category}")
            quantity = _IDS(f"{name}-{category}-quantity")
            parts.append(
                f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n"
                f"{tie} {NT_DIPL.fromActor} {contributor} .\n"
                f"{tie} {NT_DIPL.toActor} {mission} .\n"
                f"{tie} {NT_DIPL.tieType} {getattr(NT_TT, tie_type)} .\n"
                f"{tie} {NT_SEM.hasBeginTimeStamp} {first} .\n"
                f"{tie} {NT_SEM.hasEndTimeStamp} {last} .\n"
                f"{tie} {NT_DIPL.quantity} {quantity} .\n"
                f"{tie} {PROV_DERIVED} {statement} .\n"
                f"{quantity} {RDF_TYPE} {NT_SCHEMA.QuantitativeValue} .\n"
                f"{quantity} {NT_SCHEMA.value} {typed(number, XSD_INTEGER)} .\n"
                f"{quantity} {NT_SCHEMA.unitText} {_UNITS[category]} .\n"
            )
        sink.write("".join(parts))
