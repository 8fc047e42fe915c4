"""The as-of rule on a table of hand-made cases: the Python function and edges.rq agree.

Each case is one tie between two actors of its own, with the tie's dates and status and the
actors' existence bounds, asked about one day; ``expected`` is the answer worked out by hand
from the rule (False: not in force, None: unknown, True: in force). The cases are written as
Turtle, loaded into a memory store, and asked of ``queries/edges.rq`` with ``asOf``; the same
cases go through :func:`diplograph.network.temporal.in_force`, both with the values written
here and with the values the query returns. The browser tests run the same table through the
map's script (``CASES`` is imported there).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.network import as_of, build_network, in_force, in_force_during
from diplograph.network.temporal import ENDED, day_text, tally
from diplograph.queries import run_values

D = "https://w3id.org/diplograph/id/"
TS = "https://w3id.org/diplograph/vocab/tie-status/"
ACTIVE, PLEDGED = TS + "Active", TS + "Pledged"


@dataclass(frozen=True)
class Case:
    """One tie on one day. Dates are Turtle literals' lexical forms; a ``T`` makes a dateTime."""

    name: str
    day: str
    expected: bool | None
    begin: str | None = None
    end: str | None = None
    status: str | None = None
    source_from: str | None = None
    target_from: str | None = None
    source_until: str | None = None
    target_until: str | None = None
    #: SEM's bounds of a tie whose begin or end is known only within a span (snapshot data)
    earliest_begin: str | None = None
    latest_begin: str | None = None
    earliest_end: str | None = None
    latest_end: str | None = None

    @property
    def exists_from(self) -> str | None:
        """The later of the two beginnings, as the rule takes it."""
        days = [d for d in (self.source_from, self.target_from) if d]
        return max(days) if days else None

    @property
    def exists_until(self) -> str | None:
        days = [d for d in (self.source_until, self.target_until) if d]
        return min(days) if days else None


CASES = [
    Case("undated", "2000-01-01", None),
    Case("only a status (active)", "2000-01-01", None, status=ACTIVE),
    Case("only a status (ended)", "2000-01-01", None, status=ENDED),
    Case("begin only, day before", "1999-07-22", False, begin="1999-07-23"),
    Case("begin only, first day", "1999-07-23", True, begin="1999-07-23"),
    Case("begin only, day after", "2020-01-01", True, begin="1999-07-23", status=ACTIVE),
    Case("pledged since a date", "2026-01-01", True, begin="2025-12-01", status=PLEDGED),
    Case("begin and end, inside", "2005-06-01", True, begin="2001-01-01", end="2010-12-31"),
    Case("begin and end, last day", "2010-12-31", True, begin="2001-01-01", end="2010-12-31"),
    Case("begin and end, after", "2011-01-01", False, begin="2001-01-01", end="2010-12-31"),
    Case("begin and end, before", "2000-12-31", False, begin="2001-01-01", end="2010-12-31"),
    Case("end only, before it", "2000-01-01", None, end="2010-12-31"),
    Case("end only, after it", "2011-01-01", False, end="2010-12-31"),
    Case("ended with an end, inside", "2011-06-01", True, "2011-01-01", "2012-06-30", ENDED),
    Case("ended with an end, after", "2012-07-01", False, "2011-01-01", "2012-06-30", ENDED),
    Case("ended without an end, after begin", "2015-01-01", None, "2011-01-01", status=ENDED),
    Case("ended without an end, before begin", "2010-01-01", False, "2011-01-01", status=ENDED),
    Case("undated, source not yet existing", "1990-01-01", False, source_from="2008-02-20"),
    Case("undated, both existing", "2010-01-01", None, source_from="2008-02-20"),
    Case(
        "dated, target not yet existing",
        "2000-01-01",
        False,
        begin="1990-01-01",
        source_from="1956-03-02",
        target_from="2008-02-20",
    ),
    Case(
        "dated, both existing: the later beginning counts",
        "2008-02-20",
        True,
        begin="1990-01-01",
        source_from="1956-03-02",
        target_from="2008-02-20",
    ),
    Case("undated, source no longer existing", "1992-01-01", False, source_until="1991-12-25"),
    Case(
        "dated, target's last day",
        "1991-12-25",
        True,
        begin="1950-01-01",
        target_until="1991-12-25",
        source_until="2000-01-01",
    ),
    Case(
        "dated, the earlier end counts",
        "1995-01-01",
        False,
        begin="1950-01-01",
        target_until="1991-12-25",
        source_until="2000-01-01",
    ),
    Case("dateTime begin, same day", "1999-07-23", True, begin="1999-07-23T23:30:00"),
    Case("dateTime begin, day before", "1999-07-22", False, begin="1999-07-23T01:00:00+14:00"),
    Case(
        "dateTime end, last day",
        "2010-12-31",
        True,
        begin="2001-01-01T00:00:00Z",
        end="2010-12-31T10:00:00Z",
    ),
    Case(
        "dateTime end, day after",
        "2011-01-01",
        False,
        begin="2001-01-01T00:00:00Z",
        end="2010-12-31T10:00:00Z",
    ),
]


#: a representation tie observed in the snapshots of 1935 and 1940, at another level in 1930
#: and 1950 (COW Diplomatic Exchange): in force 1935-1940, unknown 1931-1934 and 1941-1949
SNAPSHOT = {
    "earliest_begin": "1931-01-01",
    "latest_begin": "1935-01-01",
    "earliest_end": "1940-12-31",
    "latest_end": "1949-12-31",
}
CASES += [
    Case("snapshot, an observed year", "1935-06-01", True, **SNAPSHOT),
    Case("snapshot, between two agreeing observations", "1937-06-01", True, **SNAPSHOT),
    Case("snapshot, last day of the last observed year", "1940-12-31", True, **SNAPSHOT),
    Case("snapshot, after the last observation", "1945-06-01", None, **SNAPSHOT),
    Case("snapshot, before the first observation", "1933-06-01", None, **SNAPSHOT),
    Case("snapshot, in the year observed otherwise before", "1930-06-01", False, **SNAPSHOT),
    Case("snapshot, in the year observed otherwise after", "1950-06-01", False, **SNAPSHOT),
    Case(
        "snapshot, the first observation of the data: unknown before it",
        "1800-01-01",
        None,
        latest_begin="1817-01-01",
        earliest_end="1894-12-31",
    ),
    Case(
        "snapshot, the last observation of the data: unknown after it",
        "2010-01-01",
        None,
        latest_begin="1970-01-01",
        earliest_end="2005-12-31",
    ),
    Case(
        "snapshot, but the source state does not exist yet",
        "1800-01-01",
        False,
        latest_begin="1817-01-01",
        source_from="1816-01-01",
        target_from="1816-01-01",
        earliest_end="1894-12-31",
    ),
    Case(
        "in force at a release's end: begin, then unknown after it",
        "2020-01-01",
        None,
        begin="1951-06-19",
        earliest_end="2018-12-31",
    ),
    Case(
        "in force at a release's end: in force up to it",
        "2018-12-31",
        True,
        begin="1951-06-19",
        earliest_end="2018-12-31",
    ),
    Case(
        "only a latest end, before it",
        "2000-01-01",
        None,
        begin="1990-01-01",
        latest_end="2005-01-01",
    ),
    Case(
        "an exact end wins over an earliest end",
        "2001-06-01",
        True,
        begin="1990-01-01",
        end="2002-01-01",
        earliest_end="2000-12-31",
    ),
]


@dataclass(frozen=True)
class PeriodCase:
    """One tie over a period ``start``..``stop`` (the map's brush); worked out by hand."""

    name: str
    start: str
    stop: str
    expected: bool | None
    begin: str | None = None
    end: str | None = None
    status: str | None = None
    exists_from: str | None = None
    exists_until: str | None = None
    earliest_begin: str | None = None
    latest_begin: str | None = None
    earliest_end: str | None = None
    latest_end: str | None = None


PERIOD_CASES = [
    PeriodCase("undated", "1990-01-01", "2000-12-31", None),
    PeriodCase("begins inside", "1990-01-01", "2000-12-31", True, begin="1995-03-01"),
    PeriodCase("begins on the last day", "1990-01-01", "2000-12-31", True, begin="2000-12-31"),
    PeriodCase("begins the day after", "1990-01-01", "2000-12-31", False, begin="2001-01-01"),
    PeriodCase(
        "ends on the first day", "1990-01-01", "2000-12-31", True, "1980-01-01", "1990-01-01"
    ),
    PeriodCase(
        "ended the day before", "1990-01-01", "2000-12-31", False, "1980-01-01", "1989-12-31"
    ),
    PeriodCase("spans the period", "1990-01-01", "2000-12-31", True, "1980-01-01", "2010-01-01"),
    PeriodCase(
        "ended at a time not given", "1990-01-01", "2000-12-31", None, "1980-01-01", status=ENDED
    ),
    PeriodCase(
        "ended, begins after", "1990-01-01", "2000-12-31", False, "2001-06-01", status=ENDED
    ),
    PeriodCase("no begin, ended before", "1990-01-01", "2000-12-31", False, end="1985-01-01"),
    PeriodCase("no begin, ends inside", "1990-01-01", "2000-12-31", None, end="1995-01-01"),
    PeriodCase(
        "actor exists only later", "1990-01-01", "2000-12-31", False, exists_from="2008-02-20"
    ),
    PeriodCase("actor gone before", "1990-01-01", "2000-12-31", False, exists_until="1989-06-01"),
    PeriodCase(
        "actor appears inside",
        "1990-01-01",
        "2000-12-31",
        True,
        "1950-01-01",
        exists_from="1991-12-26",
    ),
    # the snapshot tie of CASES: in force 1935-1940, unknown 1931-1934 and 1941-1949
    PeriodCase("snapshot, the 1920s", "1920-01-01", "1929-12-31", False, **SNAPSHOT),
    PeriodCase("snapshot, only unknown years", "1931-01-01", "1934-12-31", None, **SNAPSHOT),
    PeriodCase("snapshot, reaches an observed year", "1931-01-01", "1935-01-01", True, **SNAPSHOT),
    PeriodCase(
        "snapshot, from the last observed day", "1940-12-31", "1945-01-01", True, **SNAPSHOT
    ),
    PeriodCase(
        "snapshot, after the last observation", "1941-01-01", "1955-01-01", None, **SNAPSHOT
    ),
    PeriodCase(
        "snapshot, after the next that differs", "1950-01-01", "1955-01-01", False, **SNAPSHOT
    ),
    PeriodCase(
        "snapshot, the data's last observation, later",
        "2006-01-01",
        "2010-12-31",
        None,
        latest_begin="1970-01-01",
        earliest_end="2005-12-31",
    ),
]


def _literal(value: str) -> str:
    datatype = "dateTime" if "T" in value else "date"
    return f'"{value}"^^xsd:{datatype}'


def cases_turtle(cases: list[Case]) -> str:
    """The cases as Turtle: per case, a tie ``d:case-N`` between ``d:case-N-a`` and ``-b``."""
    lines = [
        "PREFIX d:    <https://w3id.org/diplograph/id/>",
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>",
        "PREFIX sem:  <http://semanticweb.cs.vu.nl/2009/11/sem/>",
        "PREFIX tt:   <https://w3id.org/diplograph/vocab/tie-type/>",
        "PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>",
        "",
    ]
    for number, case in enumerate(cases):
        tie, a, b = f"d:case-{number}", f"d:case-{number}-a", f"d:case-{number}-b"
        lines.append(f"{tie} a dipl:Tie ; dipl:fromActor {a} ; dipl:toActor {b} ;")
        lines.append("    dipl:tieType tt:DiplomaticRelations .")
        facts = [
            (tie, "dipl:status", f"<{case.status}>" if case.status else None),
            (tie, "sem:hasBeginTimeStamp", case.begin and _literal(case.begin)),
            (tie, "sem:hasEndTimeStamp", case.end and _literal(case.end)),
            (a, "dipl:existsFrom", case.source_from and _literal(case.source_from)),
            (b, "dipl:existsFrom", case.target_from and _literal(case.target_from)),
            (a, "dipl:existsUntil", case.source_until and _literal(case.source_until)),
            (b, "dipl:existsUntil", case.target_until and _literal(case.target_until)),
            *(
                (tie, f"sem:has{name}TimeStamp", value and _literal(value))
                for name, value in (
                    ("EarliestBegin", case.earliest_begin),
                    ("LatestBegin", case.latest_begin),
                    ("EarliestEnd", case.earliest_end),
                    ("LatestEnd", case.latest_end),
                )
            ),
        ]
        lines.extend(f"{s} {p} {o} ." for s, p, o in facts if o)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def cases_kg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    path: Path = tmp_path_factory.mktemp("as-of") / "cases.ttl"
    path.write_text(cases_turtle(CASES), encoding="utf-8")
    kg = diplograph.load([path], store="memory")
    yield kg
    kg.close()


def _queried(kg: KnowledgeGraph, day: str) -> dict[str, bool | None]:
    """What edges.rq says of each case tie on ``day``; a tie it leaves out is not in force."""
    rows = run_values(kg.store, "edges", {"asOf": day})
    return {row["tie"]: row["inForce"] for row in rows if row["tie"].startswith(D + "case-")}


def test_the_table_is_big_enough_and_covers_each_answer() -> None:
    assert len(CASES) >= 15
    assert {c.expected for c in CASES} == {True, False, None}
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_python_rule_gives_the_expected_answer(case: Case) -> None:
    assert in_force(case.day, **rule_args(case)) is case.expected


def test_edges_query_and_python_agree_case_by_case(cases_kg: KnowledgeGraph) -> None:
    unbounded = {r["tie"]: r for r in run_values(cases_kg.store, "edges") if "case-" in r["tie"]}
    assert len(unbounded) == len(CASES)
    answers = {day: _queried(cases_kg, day) for day in {c.day for c in CASES}}
    disagreements = []
    for number, case in enumerate(CASES):
        tie = f"{D}case-{number}"
        row = unbounded[tie]
        # the query computes the actors' joint existence as the table does
        assert day_text(row["existsFrom"]) == case.exists_from, case.name
        assert day_text(row["existsUntil"]) == case.exists_until, case.name
        sparql = answers[case.day].get(tie, False)
        python = in_force(
            case.day,
            begin=row["begin"],
            end=row["end"],
            status=row["status"],
            exists_from=row["existsFrom"],
            exists_until=row["existsUntil"],
            earliest_begin=row["earliestBegin"],
            latest_begin=row["latestBegin"],
            earliest_end=row["earliestEnd"],
            latest_end=row["latestEnd"],
        )
        if not (sparql is python is case.expected):
            disagreements.append((case.name, case.expected, sparql, python))
    assert disagreements == []


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own, thousands of them
def test_the_rdflib_store_agrees_too(tmp_path: Path) -> None:
    path = tmp_path / "cases.ttl"
    path.write_text(cases_turtle(CASES), encoding="utf-8")
    with diplograph.load([path], store="rdflib") as kg:
        for day in sorted({c.day for c in CASES}):
            answers = _queried(kg, day)
            for number, case in enumerate(CASES):
                if case.day == day:
                    found = answers.get(f"{D}case-{number}", False)
                    assert found is case.expected, (case.name, found)


def test_build_network_and_as_of_apply_the_same_rule(cases_kg: KnowledgeGraph) -> None:
    everything = build_network(cases_kg.store)
    for day in sorted({c.day for c in CASES}):
        queried = build_network(cases_kg.store, as_of=day)
        filtered = as_of(everything, day)
        assert set(queried.edges(keys=True)) == set(filtered.edges(keys=True)), day
        for u, v, key, state in queried.edges(keys=True, data="in_force"):
            assert filtered.edges[u, v, key]["in_force"] is state
        assert queried.graph["counts"] == filtered.graph["counts"], day
        for number, case in enumerate(CASES):
            if case.day != day:
                continue
            tie = f"{D}case-{number}"
            here = [s for _, _, k, s in queried.edges(keys=True, data="in_force") if k == tie]
            assert here == ([] if case.expected is False else [case.expected]), case.name


def test_undated_modes_keep_flag_or_drop_unknown_ties(cases_kg: KnowledgeGraph) -> None:
    day = "2000-01-01"
    expected = {f"{D}case-{n}": c for n, c in enumerate(CASES)}
    known = {t for t, c in expected.items() if in_force(day, **rule_args(c)) is True}
    unknown = {t for t, c in expected.items() if in_force(day, **rule_args(c)) is None}
    assert known
    assert unknown

    def ties(network: nx.MultiDiGraph) -> set[str]:
        return {k for _, _, k in network.edges(keys=True) if str(k).startswith(D + "case-")}

    shown = build_network(cases_kg.store, as_of=day)
    included = build_network(cases_kg.store, as_of=day, undated="include")
    excluded = build_network(cases_kg.store, as_of=day, undated="exclude")
    assert ties(shown) == ties(included) == known | unknown
    assert ties(excluded) == known
    counts = excluded.graph["counts"]
    dropped = shown.number_of_edges() - excluded.number_of_edges()
    assert counts["ties_unknown_excluded"] + counts["events_unknown_excluded"] == dropped
    assert counts["ties_unknown_excluded"] >= len(unknown) > 0
    assert counts["ties_unknown"] == counts["events_unknown"] == 0
    assert shown.graph["counts"]["ties_unknown"] == counts["ties_unknown_excluded"]
    assert included.graph["counts"]["ties_unknown"] == counts["ties_unknown_excluded"]
    assert (shown.graph["undated"], included.graph["undated"]) == ("show", "include")
    assert [d["in_force"] for *_, d in excluded.edges(keys=True, data=True)].count(None) == 0


def period_args(case: PeriodCase) -> dict[str, str | None]:
    """The keywords of :func:`in_force_during` a period case gives."""
    return {
        "begin": case.begin,
        "end": case.end,
        "status": case.status,
        "exists_from": case.exists_from,
        "exists_until": case.exists_until,
        "earliest_begin": case.earliest_begin,
        "latest_begin": case.latest_begin,
        "earliest_end": case.earliest_end,
        "latest_end": case.latest_end,
    }


def rule_args(case: Case) -> dict[str, str | None]:
    return {
        "begin": case.begin,
        "end": case.end,
        "status": case.status,
        "exists_from": case.exists_from,
        "exists_until": case.exists_until,
        "earliest_begin": case.earliest_begin,
        "latest_begin": case.latest_begin,
        "earliest_end": case.earliest_end,
        "latest_end": case.latest_end,
    }


def test_no_day_is_an_error_and_dates_are_days() -> None:
    with pytest.raises(ValueError, match="needs a day"):
        in_force("", begin="2000-01-01")
    assert in_force(date(2000, 1, 1), begin=date(2000, 1, 1)) is True
    assert day_text("2000-01-01T23:59:59-12:00") == "2000-01-01"


def test_tally_counts_each_kind_apart() -> None:
    counts = tally(
        [
            {"kind": "tie", "in_force": True, "sourced": True},
            {"kind": "tie", "in_force": None, "sourced": False},
            {"kind": "event", "in_force": None, "sourced": True},
        ],
        unknown_excluded={"ties": 2},
        unsourced_excluded={"events": 1},
    )
    assert (counts["ties"], counts["ties_in_force"], counts["ties_unknown"]) == (2, 1, 1)
    assert (counts["ties_unsourced"], counts["ties_unknown_excluded"]) == (1, 2)
    assert (counts["events"], counts["events_unknown"], counts["events_unsourced_excluded"]) == (
        1,
        1,
        1,
    )


def test_as_of_rejects_what_is_not_a_day() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("A", "B", key="t")
    with pytest.raises(TypeError, match="needs a date"):
        as_of(G, 20000101)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="undated must be one of"):
        as_of(G, "2000-01-01", undated="maybe")  # type: ignore[arg-type]


def test_a_tie_is_known_as_of_its_first_sources_publication(tmp_path: Path) -> None:
    """Two dated reports of one tie: known as of the earlier; the seed's ties, of an undated
    article, are known as of an unknown day."""
    facts = tmp_path / "reports.ttl"
    facts.write_text(
        """
        PREFIX d: <https://w3id.org/diplograph/id/>
        PREFIX dipl: <https://w3id.org/diplograph/ont#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX schema: <https://schema.org/>
        PREFIX tt: <https://w3id.org/diplograph/vocab/tie-type/>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        d:doc-a a dipl:SourceDocument ; schema:datePublished "2021-05-04"^^xsd:date .
        d:doc-b a dipl:SourceDocument ; schema:datePublished "2020-12-10"^^xsd:date .
        d:s-a a dipl:SourceStatement ; dipl:quote "Israel and Morocco ..." ;
            prov:wasQuotedFrom d:doc-a .
        d:s-b a dipl:SourceStatement ; dipl:quote "Morocco and Israel ..." ;
            prov:wasQuotedFrom d:doc-b .
        d:tie-known a dipl:Tie ; dipl:fromActor d:israel ; dipl:toActor d:morocco ;
            dipl:tieType tt:DiplomaticRelations ; prov:wasDerivedFrom d:s-a , d:s-b .
        """,
        encoding="utf-8",
    )
    network = build_network(diplograph.load([facts], store="memory").store)
    edges = {key: data for _, _, key, data in network.edges(keys=True, data=True)}
    assert edges[D + "tie-known"]["known_as_of"] == date(2020, 12, 10)
    assert edges[D + "tie-morocco-isf-troops"]["known_as_of"] is None


@pytest.mark.parametrize("case", PERIOD_CASES, ids=[c.name for c in PERIOD_CASES])
def test_the_rule_over_a_period(case: PeriodCase) -> None:
    assert in_force_during(case.start, case.stop, **period_args(case)) is case.expected


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_period_of_one_day_is_the_day(case: Case) -> None:
    assert in_force_during(case.day, case.day, **rule_args(case)) is case.expected


def test_a_period_must_run_forward() -> None:
    with pytest.raises(ValueError, match="after its last day"):
        in_force_during("2001-01-01", "2000-01-01")
