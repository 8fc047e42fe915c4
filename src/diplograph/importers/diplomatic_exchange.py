"""COW Diplomatic Exchange -> directed representation ties, one per run of snapshots at one level.

The file (Bayer 2006, v2006.1) gives, for every pair of COW system members at each snapshot year
(1817 ... 2005, irregularly spaced), the level at which each side is represented at the other's
capital: ``DR_at_2`` is side 1's mission at side 2 (sender ``ccode1`` -> host ``ccode2``),
``DR_at_1`` the reverse. Each direction becomes ``tt:DiplomaticRepresentation`` ties from the
sending state to the host, with the level as a concept of ``rl:scheme``.

Time: a row observes a year, not a day. One tie stands for a *run*: the consecutive snapshot
years (of those in the file) at which the direction is observed at the same level. The tie lists
its observed years (``dipl:observedYear``) and cites each row; it is in force from 1 January of
the first to 31 December of the last (observed at the snapshots, inferred between them), of
unknown time from the nearest snapshot before the run at which the direction has a row (another
level, 0: no evidence of exchange, or the same level after snapshots without a row) to its first
year (``sem:hasEarliestBeginTimeStamp`` the year after it, ``sem:hasLatestBeginTimeStamp`` the
first), likewise after it, and not in force at those neighbouring snapshots. Snapshots without a
row (a year one state is absent from the file) break a run and bound nothing: across them the
time is unknown, since "no row" is not "no relations"; before the first row of a direction and
after its last, unknown too (the states' existence still bounds it). So an as-of day between two
snapshots that disagree is unknown for both levels, never silently one of them
(``diplograph.network.temporal.in_force``).

Quirks handled (the dataset's README): every dyad appears twice, (A, B) and (B, A) with the levels
swapped: the row with ``ccode1 < ccode2`` is taken and its mirror checked, and a mirror that
disagrees rejects both rows, each naming the other's line (a row without its mirror is taken as
it is); code 9 is "level not recorded" in 1950-1965 (``rl:LevelNotRecorded``) and "other"
(``rl:Other``) elsewhere; ``DE`` must agree with the levels (1 when either side is at 1-3, or at
9 in 1950-1965); ``version`` may be a float (2006.0999755859375) or text and is not read; CRLF
or LF; a row with both levels 0 gives no tie (filtered, counted) but bounds its neighbours. The
coverage change after 1980 (only resident accreditations from 1985) is said on the source.

Each snapshot year is also a ``dipl:Snapshot`` listing the states the year's rows name, so that a
year's ties can be counted against the states that could have had them (the density of the
network). A row is held until the file is read, since a dyad's runs are written once every row
of it has been checked against its mirror, which the file gives far away (the file is ordered by
``ccode1``, so the mirror of (2, 200) comes with the rows of 200). What is held is kept small: a
row with ``ccode1 < ccode2`` as its line, text and three codes under one integer key; its mirror
is checked when it arrives and not kept (only a mirror that comes before its row waits for it);
and the runs are written dyad by dyad, each dyad's years gathered and let go in turn.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO

from diplograph.importers.base import DatasetInfo, Sink
from diplograph.importers.crosswalk import Crosswalk, scheme_notations
from diplograph.importers.recognise import not_this
from diplograph.importers.rows import (
    Row,
    column_index,
    malformed,
    read_header,
    read_unquoted_first,
)
from diplograph.namespaces import RL, D
from diplograph.ntriples import (
    NT_DCTERMS,
    NT_DIPL,
    NT_SEM,
    NT_TT,
    NT_XSD,
    PROV_DERIVED,
    RDF_TYPE,
    Minted,
    iri,
)

__all__ = ["DIPLOMATIC_EXCHANGE", "import_diplomatic_exchange_file"]

DIPLOMATIC_EXCHANGE = DatasetInfo(
    "Correlates of War Diplomatic Exchange, v2006.1",
    short="COW Diplomatic Exchange",
    url="https://correlatesofwar.org/data-sets/diplomatic-exchange/",
    citation='Bayer, Reşat. 2006. "Diplomatic Exchange Data set, v2006.1." Online: '
    "http://correlatesofwar.org. Original collections by J. D. Singer and Melvin Small.",
    note="Levels of representation at snapshot years (1817-2005, irregularly spaced); a row "
    "records a year, not a day, and a missing row is not an absence of relations. Coverage "
    "rules change after 1980 (codebook note 2): from 1985 only resident accreditations are "
    "recorded, while earlier years include side and multiple accreditations (an ambassador "
    "resident elsewhere), so the number of ties of small states drops from 1980 to 1985 for "
    "that reason, not because relations changed. Code 9 means 'level not recorded' in "
    "1950-1965 and 'other' (interests section, consulate-general ...) in other years.",
)
REQUIRED = ("ccode1", "ccode2", "year", "dr_at_1", "dr_at_2", "de")
#: the snapshot years in which every exchange is coded 9: its level was not recorded
UNRECORDED = range(1950, 1966)
LEVELS = frozenset("01239")
#: the levels that make DE 1, in other years and in the years of UNRECORDED
_COUNTED = {False: "123", True: "1239"}
#: a direction's run (``d:cow-dipex-2-200-1817``: sender, host, first year)
_TIES = Minted(f"{D}cow-dipex-")


_SPELLS = """
SELECT DISTINCT ?actor ?begin ?end WHERE {
  ?spell a dipl:StateSystemMembership ; dipl:memberState ?actor ; sem:hasBeginTimeStamp ?begin .
  OPTIONAL { ?spell sem:hasEndTimeStamp ?end }
}"""


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@dataclass(slots=True)
class _Observation:
    """One row, seen from the lower COW code: its line and text, the level of the higher code at
    the lower one's capital (``at_low``), the reverse (``at_high``), and ``DE``; the line of its
    mirror once checked (0 before), and whether the two disagreed (both rejected)."""

    line: int
    text: str
    at_low: str
    at_high: str
    de: str
    mirror_line: int = 0
    rejected: bool = False

    def row(self) -> Row:
        return Row(self.line, self.text, [])


def _key(low: int, high: int, year: int) -> int:
    """A dyad-year as one integer, ordered as (low, high, year) are (codes and years < 10,000)."""
    return (low * 10_000 + high) * 10_000 + year


def _parts(key: int) -> tuple[int, int, int]:
    """(low, high, year) of a :func:`_key`."""
    dyad, year = divmod(key, 10_000)
    return (*divmod(dyad, 10_000), year)


def import_diplomatic_exchange_file(stream: IO[bytes], sink: Sink, crosswalk: Crosswalk) -> None:
    """Import one COW Diplomatic Exchange file through ``sink`` (see the module docstring)."""
    names = read_header(stream)
    if not names:
        sink.fail("line 1: the file is empty")
        return
    at = column_index(names)
    if any(c not in at for c in REQUIRED):
        sink.fail(not_this("a COW Diplomatic Exchange file", REQUIRED, names))
        return
    levels = scheme_notations(sink.store, str(RL.scheme))
    if set(levels) != {"1", "2", "3", "9"}:
        sink.fail(f"the store lacks the representation levels of {RL.scheme} (ontology/vocab)")
        return
    sink.report.form = f"COW Diplomatic Exchange, directed dyad-years ({len(names)} columns)"
    sink.describe(DIPLOMATIC_EXCHANGE)
    sink.position = stream.tell
    rows = read_unquoted_first(stream, ",", first_line=2)
    _Exchange(sink, crosswalk, at, len(names), levels).run(rows)


class _Exchange:
    """Reads the rows, pairs each with its mirror, then writes the runs of each direction."""

    def __init__(
        self,
        sink: Sink,
        crosswalk: Crosswalk,
        at: dict[str, int],
        width: int,
        levels: dict[str, str],
    ) -> None:
        self.sink, self.crosswalk, self.at, self.width = sink, crosswalk, at, width
        self.level_of = {
            (code, early): iri(str(RL.LevelNotRecorded) if early and code == "9" else concept)
            for code, concept in levels.items()
            for early in (False, True)
        }
        self.indices = tuple(at[c] for c in REQUIRED)
        #: a row as the file writes it (plain numbers, no spaces), read in one match; any other
        #: row goes through every check, which says what is wrong with it
        fields = ["[^,]*"] * width
        for column, pattern in zip(
            REQUIRED,
            ("[0-9]{1,4}", "[0-9]{1,4}", "[0-9]{4}", "[01239]", "[01239]", "[01]"),
            strict=True,
        ):
            fields[at[column]] = f"(?P<{column}>{pattern})"
        self.plain = re.compile(",".join(fields)).fullmatch
        #: each state's state-system membership spells, where the store has them (import
        #: cow-states): (begin, end or None)
        self.spells: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        for actor, begin, end in sink.store.select_values(_SPELLS)[1]:
            self.spells[str(actor)].append((_as_date(begin), _as_date(end) if end else None))
        self.actors = {code: iri(actor) for code, actor in crosswalk.by_cow.items()}
        #: _key(low code, high code, year) -> the row with ccode1 < ccode2; and the mirrors that
        #: came before their row, until it comes
        self.taken: dict[int, _Observation] = {}
        self.mirrors: dict[int, _Observation] = {}

    def run(self, rows: Iterator[Row]) -> None:
        sink = self.sink
        for row in rows:
            sink.read()
            found = self.parse(row)
            if isinstance(found, str):
                sink.reject(row, found)
                continue
            key, observation, mirror = found
            taken = self.taken.get(key)
            if not mirror:
                if taken is not None:
                    self.second(row, taken.line)
                    continue
                self.taken[key] = observation
                waiting = self.mirrors.pop(key, None)
                if waiting is not None:
                    self.check(observation, waiting)
            elif taken is not None:
                if taken.mirror_line:
                    self.second(row, taken.mirror_line)
                else:
                    self.check(taken, observation)
            elif key in self.mirrors:
                self.second(row, self.mirrors[key].line)
            else:
                self.mirrors[key] = observation
        self.settle()

    def second(self, row: Row, first: int) -> None:
        self.sink.reject(row, f"a second row for this dyad and year (the first is line {first})")

    def check(self, taken: _Observation, mirror: _Observation) -> None:
        """A row against its mirror: the mirror is counted and let go, or both are rejected."""
        taken.mirror_line = mirror.line
        if (taken.at_low, taken.at_high, taken.de) != (mirror.at_low, mirror.at_high, mirror.de):
            reason = "the mirror row on line {} gives other levels for this dyad and year"
            self.sink.reject(taken.row(), reason.format(mirror.line))
            self.sink.reject(mirror.row(), reason.format(taken.line))
            taken.rejected = True
        else:
            self.sink.drop("the mirror of a row taken (its levels checked: the same)")

    def parse(self, row: Row) -> tuple[int, _Observation, bool] | str:
        """(:func:`_key` of the lower code, the higher and the year; the row seen from the lower
        code; whether it is the mirror: ccode1 the higher code), or why the row is bad."""
        plain = self.plain(row.text) if not row.problem else None
        if plain is not None:
            found = plain.group(*REQUIRED)
            one, two, year = int(found[0]), int(found[1]), int(found[2])
            at_1, at_2, de = found[3], found[4], found[5]
            by_cow, counted = self.crosswalk.by_cow, _COUNTED[year in UNRECORDED]
            agrees = de == ("1" if at_1 in counted or at_2 in counted else "0")
            if one in by_cow and two in by_cow and one != two and 1816 <= year <= 2100 and agrees:
                if one < two:
                    return (
                        _key(one, two, year),
                        _Observation(row.line, row.text, at_1, at_2, de),
                        False,
                    )
                return _key(two, one, year), _Observation(row.line, row.text, at_2, at_1, de), True
        return self.checked(row)

    def checked(self, row: Row) -> tuple[int, _Observation, bool] | str:
        """What :meth:`parse` gives, through every check of the row (why it is bad, if it is)."""
        problem = malformed(row, self.width)
        if problem:
            return problem
        fields = row.fields
        i_one, i_two, i_year, i_at_1, i_at_2, i_de = self.indices
        codes = []
        for column, index in (("ccode1", i_one), ("ccode2", i_two)):
            text = fields[index].strip()
            if not text.isdigit():
                return f"{column} '{text}' is not a COW state number"
            if int(text) not in self.crosswalk.by_cow:
                return f"COW state number {text} ({column}) is not in the crosswalk"
            codes.append(int(text))
        one, two = codes
        if one == two:
            return f"ccode1 and ccode2 are both {one}"
        year_text = fields[i_year].strip()
        if not (year_text.isdigit() and 1816 <= int(year_text) <= 2100):
            return f"year '{year_text}' is not a year of the state system (1816 on)"
        year = int(year_text)
        at_1, at_2, de = fields[i_at_1].strip(), fields[i_at_2].strip(), fields[i_de].strip()
        for column, code in (("DR_at_1", at_1), ("DR_at_2", at_2)):
            if code not in LEVELS or len(code) != 1:
                return f"{column} '{code}' is not a level (0, 1, 2, 3 or 9)"
        if de not in ("0", "1"):
            return f"DE '{de}' is not 0 or 1"
        counted = "1239" if year in UNRECORDED else "123"
        if de != ("1" if at_1 in counted or at_2 in counted else "0"):
            return (
                f"DE {de} contradicts the levels {at_1} and {at_2} (DE is 1 when either side is "
                f"at level {', '.join(counted)} in {year})"
            )
        if one < two:  # DR_at_1 is side 2 (the higher code) at side 1
            return _key(one, two, year), _Observation(row.line, row.text, at_1, at_2, de), False
        return _key(two, one, year), _Observation(row.line, row.text, at_2, at_1, de), True

    def settle(self) -> None:
        """Take the mirrors whose row never came, count every row held, then write each
        dyad's runs, both ways, a dyad at a time."""
        sink, taken = self.sink, self.taken
        for key, mirror in self.mirrors.items():  # a mirror without its row: the only row
            taken[key] = mirror
        self.mirrors = {}
        keys = sorted(key for key, observation in taken.items() if not observation.rejected)
        years = sorted({_parts(key)[2] for key in keys})
        dyad: tuple[int, int] | None = None
        # direction (sender, host) -> year -> (level code, the row), for the dyad at hand
        seen: dict[tuple[int, int], dict[int, tuple[str, _Observation]]] = {}
        for key in [*keys, -1]:  # -1: past the last dyad, to write it
            low, high, year = _parts(key) if key >= 0 else (-1, -1, -1)
            if (low, high) != dyad:
                statements: dict[int, str] = {}
                for (sender, host), by_year in sorted(seen.items()):
                    self.write_runs(sender, host, by_year, years, statements)
                dyad, seen = (low, high), {(low, high): {}, (high, low): {}}
            if key < 0:
                break
            observation = taken[key]
            seen[(low, high)][year] = (observation.at_high, observation)  # low at high
            seen[(high, low)][year] = (observation.at_low, observation)  # high at low
            if observation.at_low == observation.at_high == "0":
                sink.drop("no representation either way (0): no tie, but it bounds the ties")
            else:
                sink.accept()
        self.write_snapshots()

    def write_snapshots(self) -> None:
        """Each snapshot year and the states its rows name, for counts against them."""
        listed: dict[int, set[int]] = defaultdict(set)
        for key, observation in self.taken.items():
            if not observation.rejected:
                low, high, year = _parts(key)
                listed[year].update((low, high))
        sink, actors = self.sink, self.actors
        snapshots = Minted(f"{D}cow-dipex-{sink.token}-snapshot-")
        for year, codes in sorted(listed.items()):
            node = snapshots(year)
            parts = [
                f"{node} {RDF_TYPE} {NT_DIPL.Snapshot} .\n",
                f'{node} {NT_DIPL.snapshotYear} "{year}"^^{NT_XSD.integer} .\n',
                f"{node} {NT_DCTERMS.source} {sink.document} .\n",
                *(f"{node} {NT_DIPL.listsState} {actors[code]} .\n" for code in sorted(codes)),
            ]
            sink.write("".join(parts))

    def write_runs(
        self,
        sender: int,
        host: int,
        by_year: dict[int, tuple[str, _Observation]],
        years: list[int],
        statements: dict[int, str],
    ) -> None:
        """The runs of one direction: consecutive snapshot years at one non-zero level."""
        run: list[int] = []
        level = ""
        for year in [*years, 0]:  # 0: past the last snapshot, to end the last run
            code = by_year[year][0] if year in by_year else "0"
            kind = "" if code == "0" else self.level_of[(code, year in UNRECORDED)]
            if run and kind == level:
                run.append(year)
                continue
            if run:
                self.write_run(sender, host, level, run, by_year, years, statements)
            run, level = ([year], kind) if kind else ([], "")

    def write_run(
        self,
        sender: int,
        host: int,
        level: str,
        run: list[int],
        by_year: dict[int, tuple[str, _Observation]],
        years: list[int],
        statements: dict[int, str],
    ) -> None:
        sink, crosswalk = self.sink, self.crosswalk
        first, last = run[0], run[-1]
        # the nearest snapshots outside the run at which this direction has a row (another
        # level, 0, or the same level after years without a row): the tie is not in force there
        before = next((y for y in reversed(years[: years.index(first)]) if y in by_year), None)
        after = next((y for y in years[years.index(last) + 1 :] if y in by_year), None)
        tie = _TIES(f"{sender}-{host}-{first}")
        parts = [
            f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n",
            f"{tie} {NT_DIPL.fromActor} {self.actors[sender]} .\n",
            f"{tie} {NT_DIPL.toActor} {self.actors[host]} .\n",
            f"{tie} {NT_DIPL.tieType} {NT_TT.DiplomaticRepresentation} .\n",
            f"{tie} {NT_DIPL.representationLevel} {level} .\n",
            f"{tie} {NT_SEM.hasLatestBeginTimeStamp} {_day(first, 1, 1)} .\n",
            f"{tie} {NT_SEM.hasEarliestEndTimeStamp} {_day(last, 12, 31)} .\n",
        ]
        earliest = date(before + 1, 1, 1) if before is not None else None
        latest = date(after - 1, 12, 31) if after is not None else None
        # and the two states' state-system membership, where the store has it: no tie outlives
        # the spell of either state that the run falls in (Morocco 1847 to 1912-03-30)
        for actor in (crosswalk.by_cow[sender], crosswalk.by_cow[host]):
            spell = next(
                (
                    (begin, end)
                    for begin, end in self.spells.get(actor, ())
                    if begin <= date(first, 12, 31) and (end is None or end >= date(first, 1, 1))
                ),
                None,
            )
            if spell is not None:
                earliest = spell[0] if earliest is None else max(earliest, spell[0])
                if spell[1] is not None:
                    latest = spell[1] if latest is None else min(latest, spell[1])
        if earliest is not None:
            day = f'"{earliest.isoformat()}"^^{NT_XSD.date}'
            parts.append(f"{tie} {NT_SEM.hasEarliestBeginTimeStamp} {day} .\n")
        if latest is not None:
            day = f'"{latest.isoformat()}"^^{NT_XSD.date}'
            parts.append(f"{tie} {NT_SEM.hasLatestEndTimeStamp} {day} .\n")
        for year in run:
            observation = by_year[year][1]
            line = observation.line
            if line not in statements:  # the row, and the year it records (what cites it says)
                statements[line] = sink.statement(observation.row())
                parts.append(f'{statements[line]} {NT_DIPL.rowYear} "{year}"^^{NT_XSD.integer} .\n')
            parts.append(f'{tie} {NT_DIPL.observedYear} "{year}"^^{NT_XSD.integer} .\n')
            parts.append(f"{tie} {PROV_DERIVED} {statements[line]} .\n")
        sink.write("".join(parts))


def _day(year: int, month: int, day: int) -> str:
    return f'"{year:04d}-{month:02d}-{day:02d}"^^{NT_XSD.date}'
