"""ATOP import: alliances as nodes, memberships with obligations and days, member-to-member ties,
other releases' files, bad rows, and NATO's members on a day checked against the raw file.

Fixtures (``fixtures/datasets/atop-*.csv``) are real rows of ATOP 5.1, unchanged: the member
and alliance rows of NATO (3180), the Arab League pact (3015: Egypt leaves in 1979 and comes
back in 1989) and France-Annam (1320: Annam's code 8152 is no COW state), and the dyad-years
of the United States and Canada to 1955; other releases are made from them in the tests.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import import_files

from .conftest import FIXTURES, SHARED_DATA, rejected_lines

MEMBERS = FIXTURES / "datasets" / "atop-members.csv"
ALLIANCES = FIXTURES / "datasets" / "atop-alliances.csv"
DYAD_YEARS = FIXTURES / "datasets" / "atop-dyad-years.csv"
FULL = SHARED_DATA / "atop-5.1" / "atop5_1m.csv"
D = "https://w3id.org/diplograph/id/"


@pytest.fixture(scope="module")
def imported() -> tuple[KnowledgeGraph, dict[str, Any]]:
    kg = diplograph.open("memory")
    reports = import_files(kg, "atop", [MEMBERS, ALLIANCES, DYAD_YEARS])
    return kg, {r.file.name: r for r in reports}


def _values(kg: KnowledgeGraph, text: str) -> list[tuple[Any, ...]]:
    return kg.store.select_values(text)[1]


def _members_on(kg: KnowledgeGraph, atopid: int, day: str) -> dict[str, str]:
    """Member IRI -> "in force" or "unknown", by the rule, through the network builder."""
    from diplograph.network import build_network

    network = build_network(kg.store, as_of=day, events=False)
    alliance = f"{D}atop-{atopid}"
    return {
        u: "in force" if data["in_force"] else "unknown"
        for u, v, data in network.edges(data=True)
        if v == alliance
    }


def _raw_members(path: Path, atopid: int, day: date) -> set[int]:
    """The members of an alliance on a day, read from an ATOP member file with the csv module:
    entry (signature) on or before the day, and exit on or after it or 0 (still in force)."""
    members = set()
    with path.open(newline="") as stream:
        for row in csv.DictReader(stream):
            if int(row["atopid"]) != atopid:
                continue
            entry = date(int(row["yrent"]), int(row["moent"]), int(row["dayent"] or 1))
            still = row["yrexit"] == "0"
            left = (
                None
                if still
                else date(int(row["yrexit"]), int(row["moexit"]), int(row["dayexit"] or 28))
            )
            if entry <= day and (left is None or day <= left):
                members.add(int(row["member"]))
    return members


def test_every_row_is_accounted_for(imported: tuple[KnowledgeGraph, dict[str, Any]]) -> None:
    _, reports = imported
    members, alliances, dyads = (reports[p.name] for p in (MEMBERS, ALLIANCES, DYAD_YEARS))
    assert (members.read, members.imported, members.rejected, members.filtered) == (68, 67, 1, 0)
    # Annam (8152) has no COW code (ATOP codebook, footnote 18): its row is rejected, France's kept
    assert members.rejected_reasons == {"member … is not a COW state number of the crosswalk": 1}
    assert "release 5.1: exit 0 means in force on 2018-12-31" in members.form
    assert (alliances.read, alliances.imported) == (3, 3)
    assert (dyads.read, dyads.filtered, dyads.imported) == (22, 22, 0)
    assert all(r.balanced for r in reports.values())


def test_an_alliance_is_a_node_with_its_ids_and_days(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    [(atop, cow, begin, label)] = _values(
        kg,
        "SELECT DISTINCT ?id ?cow ?begin ?label WHERE { d:atop-3180 a dipl:Alliance ;"
        " dipl:atopId ?id ;"
        " dipl:cowAllianceId ?cow ; dipl:existsFrom ?begin ; rdfs:label ?label }",
    )
    # ATOP names no alliance: the label says its members and year; its id is a hidden label
    assert (atop, cow, str(begin)) == (3180, 227, "1949-04-04")
    assert str(label) == "Alliance of 30 states, 1949: United States, Canada, United Kingdom ..."
    assert _values(kg, "SELECT ?h WHERE { d:atop-3180 skos:hiddenLabel ?h }") == [
        ("ATOP alliance 3180",)
    ]
    # the alliance-level obligations: any member's
    obligations = {
        o.rsplit("/", 1)[-1]
        for (o,) in _values(kg, "SELECT ?o WHERE { d:atop-3180 dipl:obligation ?o }")
    }
    assert obligations == {"Defense", "NonAggression", "Consultation"}


def test_natos_founders_phases_and_obligations(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    rows = _values(
        kg,
        "SELECT ?phase ?begin ?end ?earliestEnd WHERE { ?t dipl:fromActor d:united-states ;"
        " dipl:toActor d:atop-3180 ; dipl:alliancePhase ?phase ; sem:hasBeginTimeStamp ?begin"
        " OPTIONAL { ?t sem:hasEndTimeStamp ?end }"
        " OPTIONAL { ?t sem:hasEarliestEndTimeStamp ?earliestEnd } }"
        " ORDER BY ?phase",
    )
    found = [(p, str(b), str(e) if e else None, str(ee) if ee else None) for p, b, e, ee in rows]
    # phase 1 1949-04-04 to 1951-06-19; phase 2 from that day, exit 0 0 0: in force on 2018-12-31
    assert found == [(1, "1949-04-04", "1951-06-19", None), (2, "1951-06-19", None, "2018-12-31")]
    assert _members_on(kg, 3180, "2018-12-31")[f"{D}united-states"] == "in force"
    assert _members_on(kg, 3180, "2020-01-01")[f"{D}united-states"] == "unknown"  # after 5.1


def test_quirk_germany_changes_code_and_egypt_comes_back(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    before, after = _members_on(kg, 3180, "1990-01-01"), _members_on(kg, 3180, "1995-01-01")
    frg, germany = f"{D}german-federal-republic", f"{D}germany"
    assert frg in before
    assert germany not in before
    assert germany in after
    assert frg not in after
    egypt = f"{D}egypt"
    assert egypt in _members_on(kg, 3015, "1970-01-01")
    assert egypt not in _members_on(kg, 3015, "1985-01-01")
    assert egypt in _members_on(kg, 3015, "1995-01-01")


def test_member_to_member_ties_span_the_overlap_and_cite_both_rows(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    # the United States' NATO phases 1 and 2 are one spell; Germany (255) from 1990-10-03
    rows = _values(
        kg,
        "SELECT ?t ?from ?to ?begin WHERE { ?t dipl:inAlliance d:atop-3180 ;"
        " dipl:tieType tt:Alliance ;"
        " dipl:fromActor ?from ; dipl:toActor ?to ; sem:hasBeginTimeStamp ?begin ."
        " FILTER(?from IN (d:germany, d:united-states) && ?to IN (d:germany, d:united-states)) }",
    )
    [(tie, source, target, begin)] = rows
    assert str(begin) == "1990-10-03"
    assert source < target  # an undirected tie: its actors in IRI order
    quotes = {
        str(q)[:9]
        for (q,) in _values(
            kg, f"SELECT ?q WHERE {{ <{tie}> prov:wasDerivedFrom ?s . ?s dipl:quote ?q }}"
        )
    }
    assert quotes == {"3180,3521"}
    assert (
        len(_values(kg, f"SELECT ?s WHERE {{ <{tie}> prov:wasDerivedFrom ?s }}")) == 3
    )  # US x2, DEU
    # Egypt and Jordan in 3015: two ties, one for each of Egypt's spells
    spells = _values(
        kg,
        "SELECT ?t WHERE { ?t dipl:inAlliance d:atop-3015 ; dipl:fromActor d:egypt ;"
        " dipl:toActor d:jordan }",
    )
    assert len(spells) == 2


def test_alliance_partners_query_gives_obligations_each_side(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    rows = kg.query("alliance-partners", actor="Morocco", asOf="2018-12-31").records()
    jordan = [r for r in rows if r["partnerLabel"] == "Jordan"]
    assert len(jordan) == 1
    assert jordan[0]["atopId"] == 3015
    assert set(jordan[0]["obligations"].split(", ")) == {"consultation", "non-aggression"}
    assert jordan[0]["time"] == "in force"
    assert not any(r["partnerLabel"] == "Egypt" and r["time"] != "in force" for r in rows)
    # before Morocco signed (1958-10-01): no partner
    assert kg.query("alliance-partners", actor="Morocco", asOf="1958-09-30").rows == []


def _variant(
    tmp_path: Path,
    name: str,
    *,
    drop: tuple[str, ...] = (),
    upper: bool = False,
    version: str | None = None,
    newline: str = "\r\n",
    extra: bool = False,
) -> Path:
    """The member fixture as another release might come: columns dropped, names upper case, a
    version written otherwise, LF endings, an unknown column added."""
    with MEMBERS.open(newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    keep = [i for i, name in enumerate(header) if name not in drop]
    out = []
    for number, row in enumerate(rows):
        cells = [row[i] for i in keep]
        if number == 0:
            cells = [c.upper() for c in cells] if upper else cells
        elif version is not None and "version" in header:
            cells[[header[i] for i in keep].index("version")] = version
        if extra:
            cells.append("note" if number == 0 else "x")
        out.append(",".join(cells))
    path = tmp_path / name
    path.write_bytes((newline.join(out) + newline).encode("ascii"))
    return path


def test_another_release_with_other_columns_gives_the_same_memberships(tmp_path: Path) -> None:
    path = _variant(
        tmp_path,
        "atop4_01m.csv",
        drop=("cow4id", "new5", "rev5"),
        upper=True,
        version="4.0100002",
        newline="\n",
        extra=True,
    )
    kg = diplograph.open("memory")
    [report] = import_files(kg, "atop", [path])
    assert (report.imported, report.rejected) == (67, 1)
    # 4.01's end is not documented here: exit 0 holds at least until the file's last day
    assert (
        "release 4.01 of no documented end: exit 0 means in force at least until 2016-05-19"
        in report.form
    )
    [(earliest,)] = _values(
        kg,
        "SELECT ?e WHERE { ?t dipl:fromActor d:united-states ; dipl:toActor d:atop-3180 ;"
        " dipl:alliancePhase 2 ; sem:hasEarliestEndTimeStamp ?e }",
    )
    assert str(earliest) == "2016-05-19"  # Montenegro signs
    assert _values(kg, "SELECT ?c WHERE { d:atop-3180 dipl:cowAllianceId ?c }") == []


def test_a_release_without_needed_columns_is_refused_naming_them(tmp_path: Path) -> None:
    path = _variant(tmp_path, "thin.csv", drop=("dayexit", "consul"))
    kg = diplograph.open("memory")
    before = len(kg.store)
    [report] = import_files(kg, "atop", [path])
    assert report.problem.startswith(
        "line 1: not an ATOP member-level file: no column dayexit, consul;"
    )
    assert len(kg.store) == before


def test_bad_rows_are_rejected_with_their_line(tmp_path: Path) -> None:
    lines = MEMBERS.read_bytes().decode("ascii").split("\r\n")
    usa = next(n for n, line in enumerate(lines) if line.startswith("3180,3521,227,2,1,1951,"))
    canada = next(n for n, line in enumerate(lines) if line.startswith("3180,3521,227,20,1,1951,"))
    lines[usa] = lines[usa].replace(
        "3180,3521,227,2,1,1951,6,19,", "3180,3521,227,2,1,1951,2,30,", 1
    )
    lines[canada] = lines[canada].replace(",1951,6,19,0,0,0,1,", ",1951,6,19,0,0,0,0,", 1)
    path = tmp_path / "bad.csv"
    path.write_bytes("\r\n".join(lines).encode("ascii"))
    rejects = tmp_path / "rejects.csv"
    kg = diplograph.open("memory")
    [report] = import_files(kg, "atop", [path], rejects=rejects)
    found = rejected_lines(rejects)
    assert found[usa + 1] == "entry 1951-2-30 is no date"
    assert found[canada + 1] == "ineffect 0 contradicts the exit 0 0 0"
    assert report.rejected == 3  # and Annam
    assert report.imported == 65


def test_dyad_year_rows_are_checked_each_with_its_line(tmp_path: Path) -> None:
    """The dyad-year summary is filtered row by row, its bad rows rejected with their line: the
    fast reading of its plain lines and the CSV reading of the others agree, in LF or CRLF, and a
    quoted row (read as CSV from there on) is a row like the others."""
    header, *rows = DYAD_YEARS.read_bytes().decode("ascii").splitlines()
    bad = {
        3: rows[1].replace("2,20,", "2,8152,", 1),  # Annam: no COW state
        5: rows[3].replace(",1945,", ",1799,", 1),
        7: rows[5][:-1] + "2",  # a flag that is not 0 or 1
        9: rows[7].replace(",1951,", ",1951.0,", 1),  # a float year: a year all the same
    }
    lines = [header, *(bad.get(n + 2, row) for n, row in enumerate(rows))]
    lines.insert(12, "")  # a blank line: no row (the rows after it are a line further down)
    lines[15] = ",".join(f'"{field}"' for field in lines[15].split(","))  # quoted from here on
    lines[17] = lines[17].replace("20,2,", "99,2,", 1)  # after the quote: still checked
    for newline in ("\n", "\r\n"):
        path = tmp_path / f"dyads{len(newline)}.csv"
        path.write_bytes((newline.join(lines) + newline).encode("ascii"))
        rejects = tmp_path / f"rejects{len(newline)}.csv"
        kg = diplograph.open("memory")
        [report] = import_files(kg, "atop", [path], rejects=rejects)
        found = rejected_lines(rejects)
        assert found == {
            3: "ccode 2 or 8152 is not a COW state of the crosswalk",
            5: "year '1799' is not a year",
            7: "an obligation flag that is not 0 or 1",
            18: "ccode 99 or 2 is not a COW state of the crosswalk",
        }
        assert (report.read, report.rejected, report.filtered, report.imported) == (22, 4, 18, 0)


@pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not here")
@pytest.mark.parametrize(
    "day", ["1949-06-01", "1955-06-01", "1990-06-01", "2009-06-01", "2018-12-31"]
)
def test_spot_check_natos_members_on_a_day_against_the_raw_file(
    day: str, full: KnowledgeGraph
) -> None:
    expected = _raw_members(FULL, 3180, date.fromisoformat(day))
    found = _members_on(full, 3180, day)
    codes = {int(c): a for a, c in _values(full, "SELECT ?a ?c WHERE { ?a dipl:cowCode ?c }")}
    assert {codes[c] for c in expected} == set(found)
    assert set(found.values()) == {"in force"}


@pytest.fixture(scope="module")
def full() -> KnowledgeGraph:
    kg = diplograph.open("memory")
    [report] = import_files(kg, "atop", [FULL])
    with FULL.open("rb") as stream:
        assert report.read == sum(1 for _ in stream) - 1 == 2_510
    assert (report.imported, report.rejected, report.filtered) == (2_509, 1, 0)
    return kg


def test_either_file_names_an_alliance_alike() -> None:
    """The alliance-level file names the alliances when it comes first (as a folder's files
    come, by name), the member-level file when it does: the same labels either way."""
    labels = []
    for files in ([MEMBERS, ALLIANCES], [ALLIANCES, MEMBERS]):
        kg = diplograph.open("memory")
        import_files(kg, "atop", files)
        labels.append(
            _values(kg, "SELECT ?a ?l WHERE { ?a a dipl:Alliance ; rdfs:label ?l } ORDER BY ?a")
        )
    assert labels[0] == labels[1]
    assert dict(labels[0])[D + "atop-1320"] == "Alliance of France, 1874"  # Annam has no code
