"""Wikidata's diplomatic relations (P530) and diplomatic missions -> ties on the crosswalk's actors.

Two extracts, told apart by their header:

- **P530 statements** (``head_qid, relation, tail_qid, codex_files``, from the CoDEx benchmark):
  each pair of states whose items state a diplomatic relation becomes one undirected
  ``tt:DiplomaticRelations`` tie (its actors in IRI order), citing the row of each direction
  given (6,042 of the 6,234 statements have their reverse; a one-way statement is one row of
  evidence; a state stated under two items, :data:`SAME_STATE`, is one pair: its rows are one
  tie's). Wikidata gives no time here (the statements are as CoDEx found them, c. 2020, with
  no qualifiers), so the ties have none: unknown on every day. Rows whose CoDEx files are all
  hard negatives ("verified to be false") are filtered, and so are pairs with an item that is no
  state or organisation of the crosswalk (a historical country, a region, the EU, Hong Kong);
  the entity table that comes with them is filtered as a whole (its types are Wikidata's, not
  needed here: the crosswalk decides what is a state).
- **the database of embassies** (semicolon-separated, unquoted, a trailing ``;`` on the header
  only): each row is a mission (an embassy, consulate, high commission, nunciature, de facto
  embassy, interests section ...) with its operator, host country, city, type, inception and
  its own Wikidata item. Each becomes a ``dipl:DiplomaticMission`` node (its type a concept of
  ``mt:scheme``, matched by the Wikidata class, its item as ``skos:exactMatch``), and each
  operator-host pair one ``tt:DiplomaticMission`` tie naming its missions (``dipl:mission``)
  and citing their rows. Missions of operators that are no state of the crosswalk (the Order of
  Malta, Quebec, ministries) or in hosts that are none (Abkhazia) are filtered; a row whose host
  is its own operator (31 such: Wikidata location errors, Australia's embassies abroad "in"
  Australia) is rejected, as are rows without a mission item, a second row of one mission and
  operator, and an inception that is no date.

Two Wikidata items stand for states under other items than the crosswalk's (:data:`SAME_STATE`:
the Netherlands' missions are operated by Q55, Denmark's are hosted by Q756617).

Time of the missions: the extract lists the missions current on the day it was made, which the
file does not say; for the known file (by its SHA-256, :data:`EXTRACT_DAYS`: 2022-11-16) a tie
is in force on that day and, from the earliest inception of its missions (a 1 January taken as
that year's last day, since Wikidata often gives only the year), up to it; unknown before and
after. An unknown extract gives no time. An inception before the operator or the host exists
(their ``dipl:existsFrom``, where the store states it: COW's states) is not the mission's
opening but its building's or a predecessor's (Japan's and the United Kingdom's embassies in
Bratislava give 1300, the Netherlands' in Warsaw 1597): the mission keeps it as Wikidata's
inception, the tie does not take it, and the import's form counts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from diplograph.importers.base import DatasetInfo, Sink
from diplograph.importers.crosswalk import Crosswalk, scheme_matches
from diplograph.importers.recognise import not_this
from diplograph.importers.rows import Row, column_index, malformed, read_rows
from diplograph.namespaces import MT, SKOS, WD, XSD, D
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
from diplograph.wording import counted

SKOS_EXACT_MATCH = iri(str(SKOS.exactMatch))
#: a Wikidata item (``wd:Q1028``), a P530 pair's tie, a mission, an operator-host pair's tie
_ITEMS = Minted(str(WD))
_RELATIONS = Minted(f"{D}wd-p530-")
_MISSIONS = Minted(f"{D}wd-mission-")
_PAIRS = Minted(f"{D}wd-missions-")

__all__ = ["EMBASSIES", "EXTRACT_DAYS", "P530", "import_wikidata_file"]

P530 = DatasetInfo(
    "Wikidata diplomatic relation (P530) statements, from the CoDEx benchmark",
    short="Wikidata P530",
    url="https://github.com/tsafavi/codex",
    license="https://creativecommons.org/publicdomain/zero/1.0/",
    citation='Safavi, Tara and Danai Koutra. 2020. "CoDEx: A Comprehensive Knowledge Graph '
    'Completion Benchmark." EMNLP 2020, pp. 8328-8350.',
    note="Wikidata's P530 statements as CoDEx found them (c. 2020), without qualifiers: no "
    "dates, so when a relation began or ended is unknown, and ended relations may remain.",
)
EMBASSIES = DatasetInfo(
    "Database of embassies and consulates (from Wikidata)",
    short="Database of embassies",
    url="https://github.com/database-of-embassies/database-of-embassies",
    license="https://creativecommons.org/publicdomain/zero/1.0/",
    citation="Database of embassies and consulates, https://github.com/database-of-embassies "
    "(data from Wikidata).",
    note="Current missions only: those with an end, a dissolution or a closure in Wikidata are "
    "left out by the extract, so a missing mission is no evidence of no relations.",
)
#: SHA-256 of an extract of the database of embassies -> the day it lists the missions of
EXTRACT_DAYS = {
    "2d02d16f16becd1ea85960234bec216e5decd539297142ebf6677d76603db10a": date(2022, 11, 16),
}
#: Wikidata items that stand for a state under another item than the crosswalk's: Dutch
#: missions are operated by Q55 "Netherlands" (the kingdom's country in Europe) and Denmark's
#: missions are hosted by Q756617 "Kingdom of Denmark", where the crosswalk (and COW's states
#: 210 and 390, the kingdoms) have Q29999 "Kingdom of the Netherlands" and Q35 "Denmark"
SAME_STATE = {"Q55": "Q29999", "Q756617": "Q35"}
P530_COLUMNS = ("head_qid", "relation", "tail_qid")
EMBASSY_COLUMNS = ("operatorqid", "countryqid", "qid", "typeqid")
_QID = re.compile(r"^Q[1-9][0-9]*$")


def _qid(text: str) -> str:
    """``Q1028`` from ``Q1028`` or ``http://www.wikidata.org/entity/Q1028``; "" if neither."""
    text = text.strip().removeprefix(str(WD))
    return text if _QID.match(text) else ""


def _actor(crosswalk: Crosswalk, qid: str) -> str | None:
    """The crosswalk's actor of a Wikidata item (or of the item it stands for, SAME_STATE)."""
    return crosswalk.by_wikidata.get(SAME_STATE.get(qid, qid))


def import_wikidata_file(stream: IO[bytes], sink: Sink, crosswalk: Crosswalk) -> None:
    """Import one Wikidata extract through ``sink``; see the module docstring for the two."""
    first = stream.readline()
    text = first.decode("utf-8", errors="replace").strip("\r\n\ufeff")
    semicolons = text.count(";") > text.count(",")
    names = [n.strip() for n in text.split(";" if semicolons else ",")]
    if semicolons and names and names[-1] == "":
        names.pop()  # the header's trailing ";" (data rows have none)
    if not text.strip():
        sink.fail("line 1: the file is empty")
        return
    at = column_index(names)
    sink.position = stream.tell
    if all(c in at for c in P530_COLUMNS):
        sink.report.form = "Wikidata P530 statements (CoDEx)"
        sink.describe(P530)
        _relations(sink, crosswalk, at, len(names), read_rows(stream, ",", first_line=2))
    elif all(c in at for c in EMBASSY_COLUMNS):
        day = EXTRACT_DAYS.get(sink.sha256)
        sink.report.form = "database of embassies (Wikidata), " + (
            f"the missions current on {day}" if day else "an extract of unknown day: no time"
        )
        sink.describe(EMBASSIES)
        rows = read_rows(stream, ";" if semicolons else ",", first_line=2, quoting=not semicolons)
        _Missions(sink, crosswalk, at, len(names), day).run(rows)
    elif {"qid", "n_as_head", "n_as_tail"} <= set(at):
        sink.report.form = "Wikidata P530 entities (CoDEx types)"
        sink.describe(P530)
        for row in read_rows(stream, ",", first_line=2):
            sink.read()
            if row.problem:
                sink.reject(row, row.problem)
            else:
                sink.drop("an entity's Wikidata types: the crosswalk decides what is a state")
    else:
        sink.fail(
            not_this("a Wikidata P530 or embassies extract", P530_COLUMNS + EMBASSY_COLUMNS, names)
        )


def _relations(
    sink: Sink, crosswalk: Crosswalk, at: dict[str, int], width: int, rows: Iterator[Row]
) -> None:
    written: set[str] = set()
    seen: dict[tuple[str, str], int] = {}
    i_head, i_relation, i_tail = (at[c] for c in P530_COLUMNS)
    i_files = at.get("codex_files")
    for row in rows:
        sink.read()
        problem = malformed(row, width)
        if problem:
            sink.reject(row, problem)
            continue
        fields = row.fields
        head, tail = _qid(fields[i_head]), _qid(fields[i_tail])
        if not head or not tail:
            sink.reject(row, "a head or tail that is no Wikidata item (Q...)")
            continue
        if fields[i_relation].strip() != "P530":
            sink.reject(row, f"relation '{fields[i_relation].strip()}' is not P530")
            continue
        if (head, tail) in seen:
            sink.reject(row, f"a second row of this statement (line {seen[head, tail]})")
            continue
        seen[head, tail] = row.line
        files = [f for f in fields[i_files].split(";") if f] if i_files is not None else []
        if files and all(f.endswith("_negatives") for f in files):
            sink.drop("a CoDEx hard negative: verified false, not a relation")
            continue
        one, two = _actor(crosswalk, head), _actor(crosswalk, tail)
        if one is None or two is None:
            sink.drop("an item that is no state or organisation of the crosswalk")
            continue
        if one == two:
            sink.reject(row, f"{head} and {tail} are one actor")
            continue
        # named by the items the actors are (SAME_STATE): Germany states relations with Q55 and
        # with Q29999, both the Netherlands, one tie citing both rows
        ends = ((one, SAME_STATE.get(head, head)), (two, SAME_STATE.get(tail, tail)))
        (low, low_qid), (high, high_qid) = sorted(ends)
        tie = _RELATIONS(f"{low_qid}-{high_qid}")
        statement = sink.statement(row)
        parts = [f"{tie} {PROV_DERIVED} {statement} .\n"]
        if tie not in written:
            written.add(tie)
            parts += [
                f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n",
                f"{tie} {NT_DIPL.fromActor} {iri(low)} .\n",
                f"{tie} {NT_DIPL.toActor} {iri(high)} .\n",
                f"{tie} {NT_DIPL.tieType} {NT_TT.DiplomaticRelations} .\n",
            ]
        sink.write("".join(parts))
        sink.accept()


@dataclass
class _Pair:
    """The missions of one operator in one host: one tie (its IRIs as N-Triples terms)."""

    tie: str
    operator: str
    host: str
    missions: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    since: date | None = None


class _Missions:
    def __init__(
        self,
        sink: Sink,
        crosswalk: Crosswalk,
        at: dict[str, int],
        width: int,
        day: date | None,
    ) -> None:
        self.sink, self.crosswalk, self.at, self.width, self.day = sink, crosswalk, at, width, day
        self.types = scheme_matches(sink.store, str(MT.scheme))
        self.pairs: dict[tuple[str, str], _Pair] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.described: set[str] = set()
        #: inceptions before the operator or host existed, not taken as the tie's time
        self.before_states = 0

    def value(self, row: Row, column: str) -> str:
        index = self.at.get(column)
        return row.fields[index].strip() if index is not None and index < len(row.fields) else ""

    def run(self, rows: Iterator[Row]) -> None:
        sink = self.sink
        for row in rows:
            sink.read()
            sink.end(row, self.row(row))
        if self.before_states:
            sink.report.form += (
                f"; {counted(self.before_states, 'inception')} before the operator or host "
                "existed (a building's or a predecessor's) not taken as a mission's opening"
            )
        for pair in self.pairs.values():
            self.write_pair(pair)

    def row(self, row: Row) -> str | None:
        """Write the row's mission; None if done, "!reason" if filtered, else why rejected."""
        problem = malformed(row, self.width)
        if problem:
            return problem
        operator_qid = _qid(self.value(row, "operatorqid"))
        host_qid = _qid(self.value(row, "countryqid"))
        mission_qid = _qid(self.value(row, "qid"))
        if not mission_qid:
            return "no Wikidata item of the mission (QID)"
        if not operator_qid or not host_qid:
            return "an operator or country that is no Wikidata item"
        if operator_qid == host_qid:
            return (
                "the host country is the operator itself: a Wikidata location error (the "
                "mission is abroad; its city is right, its country is not)"
            )
        operator = _actor(self.crosswalk, operator_qid)
        if operator is None:
            return "!the operator is no state or organisation of the crosswalk"
        host = _actor(self.crosswalk, host_qid)
        if host is None:
            return "!the host is no state or organisation of the crosswalk"
        if operator == host:
            return f"{operator_qid} and {host_qid} are one actor"
        key = (mission_qid, operator_qid)
        if key in self.seen:
            return f"a second row of this mission and operator (line {self.seen[key]})"
        created = self.value(row, "creation")
        inception = None
        if created:
            try:
                inception = date.fromisoformat(created[:10])
            except ValueError:
                return f"creation '{created}' is no date"
        self.seen[key] = row.line
        kind = self.types.get(str(WD) + _qid(self.value(row, "typeqid")), str(MT.DiplomaticMission))
        sink = self.sink
        statement = sink.statement(row)
        mission = _MISSIONS(mission_qid)
        city = self.value(row, "city")
        # a mission listed under two operators (two P137 values) is described once, by its
        # first row; both rows are its evidence
        first = mission_qid not in self.described
        self.described.add(mission_qid)
        parts = [f"{mission} {PROV_DERIVED} {statement} .\n"]
        if first:
            parts += self.describe(row, mission, mission_qid, kind, city, created, inception)
        sink.write("".join(parts))
        pair = self.pairs.get((operator, host))
        if pair is None:
            tie = _PAIRS(f"{operator_qid}-{host_qid}")
            pair = self.pairs[operator, host] = _Pair(tie, iri(operator), iri(host))
        pair.missions.append(mission)
        pair.statements.append(statement)
        if inception is not None:
            # a 1 January often stands for a year whose day Wikidata does not give
            known = (
                date(inception.year, 12, 31)
                if (inception.month, inception.day) == (1, 1)
                else inception
            )
            exist = self.crosswalk.exists_from
            later = max((exist[a] for a in (operator, host) if a in exist), default=None)
            if later is not None and known < later:  # the building's, not the mission's
                self.before_states += 1
            else:
                pair.since = known if pair.since is None else min(pair.since, known)
        return None

    def describe(
        self,
        row: Row,
        mission: str,
        qid: str,
        kind: str,
        city: str,
        created: str,
        inception: date | None,
    ) -> list[str]:
        """A mission's class, label, kind, item, city and inception."""
        where = city or self.value(row, "country")
        type_label = self.value(row, "type")
        label = f"{type_label or 'mission'} of {self.value(row, 'operator')} in {where}"
        parts = [
            f"{mission} {RDF_TYPE} {NT_DIPL.DiplomaticMission} .\n",
            f"{mission} {RDFS_LABEL} {literal(label, lang='en')} .\n",
            f"{mission} {NT_DIPL.missionType} {iri(kind)} .\n",
            f"{mission} {SKOS_EXACT_MATCH} {_ITEMS(qid)} .\n",
        ]
        if city:
            parts.append(f"{mission} {NT_DIPL.missionCity} {literal(city)} .\n")
        if inception is not None and "T" in created:
            parts.append(f"{mission} {NT_DIPL.inception} {literal(created, str(XSD.dateTime))} .\n")
        return parts

    def write_pair(self, pair: _Pair) -> None:
        tie = pair.tie
        parts = [
            f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n",
            f"{tie} {NT_DIPL.fromActor} {pair.operator} .\n",
            f"{tie} {NT_DIPL.toActor} {pair.host} .\n",
            f"{tie} {NT_DIPL.tieType} {NT_TT.DiplomaticMission} .\n",
            *(f"{tie} {NT_DIPL.mission} {m} .\n" for m in pair.missions),
            *(f"{tie} {PROV_DERIVED} {s} .\n" for s in pair.statements),
        ]
        if self.day is not None:
            begun = min(pair.since, self.day) if pair.since else self.day
            parts.append(f'{tie} {NT_SEM.hasLatestBeginTimeStamp} "{begun}"^^{NT_XSD.date} .\n')
            parts.append(f'{tie} {NT_SEM.hasEarliestEndTimeStamp} "{self.day}"^^{NT_XSD.date} .\n')
        self.sink.write("".join(parts))
