"""COW Diplomatic Exchange import: each quirk of the dataset's README on real rows, the as-of rule
on snapshot ties, bad rows rejected with their line, and a spot check against the whole file.

``fixtures/datasets/diplomatic-exchange-usa.csv`` is the real file's header and its 148 rows of
the United States with Russia (365), Cuba (40) and Morocco (600), both directions, unchanged
(CRLF, in the file's order); the bad-input cases alter copies of those rows in the test.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import import_files
from diplograph.network import build_network

from .conftest import FIXTURES, SHARED_DATA

FIXTURE = FIXTURES / "datasets" / "diplomatic-exchange-usa.csv"
FULL = SHARED_DATA / "cow-diplomatic-exchange-2006" / "Diplomatic_Exchange_2006v1.csv"
D = "https://w3id.org/diplograph/id/"
RL = "https://w3id.org/diplograph/vocab/representation-level/"


@pytest.fixture(scope="module")
def imported() -> tuple[KnowledgeGraph, Any]:
    kg = diplograph.open("memory")
    [report] = import_files(kg, "diplomatic-exchange", [FIXTURE])
    return kg, report


def _levels(kg: KnowledgeGraph, actor: str, day: str) -> set[tuple[str, str, str, str]]:
    """(direction, partner, level label, time) of the query representation."""
    rows = kg.query("representation", actor=actor, asOf=day).records()
    return {(r["direction"], r["partnerLabel"], r["levelLabel"], r["time"]) for r in rows}


def test_every_row_is_taken_checked_as_a_mirror_or_counted_as_no_exchange(
    imported: tuple[KnowledgeGraph, Any],
) -> None:
    _, report = imported
    with FIXTURE.open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    taken = [r for r in rows if int(r["ccode1"]) < int(r["ccode2"])]
    zero = [r for r in taken if r["DR_at_1"] == r["DR_at_2"] == "0"]
    assert report.read == len(rows) == 148
    assert (report.imported, report.rejected) == (len(taken) - len(zero), 0)
    assert report.filtered_reasons == {
        "the mirror of a row taken (its levels checked: the same)": len(rows) - len(taken),
        "no representation either way (0): no tie, but it bounds the ties": len(zero),
    }
    assert report.balanced


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # the dataset README: level 2 (minister) both ways 1817-1894 except 1824 (DR_at_1 = 9)
        ("1817-06-30", {("abroad", "minister", "observed"), ("at home", "minister", "observed")}),
        (
            "1824-06-30",
            {("abroad", "minister", "observed"), ("at home", "other representation", "observed")},
        ),
        ("1850-06-30", {("abroad", "minister", "inferred"), ("at home", "minister", "inferred")}),
        # ambassadors 1899-1914
        (
            "1909-01-01",
            {("abroad", "ambassador", "observed"), ("at home", "ambassador", "observed")},
        ),
        # between 1914 (ambassadors) and 1920 (0: no US recognition of the USSR): unknown
        ("1917-11-07", {("abroad", "ambassador", "unknown"), ("at home", "ambassador", "unknown")}),
        # 0 in 1920, 1925, 1930: no tie at all, and none of unknown time
        ("1925-06-30", set()),
        # 3 from 1935; then 9 in 1950-65: between 1940 and 1950 either level, unknown
        (
            "1937-06-30",
            {("abroad", "ambassador", "inferred"), ("at home", "ambassador", "inferred")},
        ),
        (
            "1945-05-08",
            {
                ("abroad", "ambassador", "unknown"),
                ("at home", "ambassador", "unknown"),
                ("abroad", "level not recorded", "unknown"),
                ("at home", "level not recorded", "unknown"),
            },
        ),
        (
            "1960-06-30",
            {
                ("abroad", "level not recorded", "inferred"),
                ("at home", "level not recorded", "inferred"),
            },
        ),
        # 3 from 1970; after the last snapshot (2005) unknown
        (
            "1990-06-30",
            {("abroad", "ambassador", "observed"), ("at home", "ambassador", "observed")},
        ),
        ("2010-06-30", {("abroad", "ambassador", "unknown"), ("at home", "ambassador", "unknown")}),
        # before the first snapshot, unknown (the United States' existence is not in this store)
        ("1816-06-30", {("abroad", "minister", "unknown"), ("at home", "minister", "unknown")}),
    ],
)
def test_spot_check_usa_and_russia_by_era(
    imported: tuple[KnowledgeGraph, Any], day: str, expected: set[tuple[str, str, str]]
) -> None:
    kg, _ = imported
    found = {(d, level, time) for d, p, level, time in _levels(kg, "USA", day) if p == "Russia"}
    assert found == expected


def test_quirk_nine_is_other_outside_1950_65_and_not_recorded_within(
    imported: tuple[KnowledgeGraph, Any],
) -> None:
    kg, _ = imported
    cuba = {
        day: {(d, level) for d, p, level, _ in _levels(kg, "USA", day) if p == "Cuba"}
        for day in ("1904-06-30", "1935-06-30", "1955-06-30")
    }
    # 2,40,1904,9,9,0: 9 with DE 0 is "other", imported both ways (not read as missing)
    assert cuba["1904-06-30"] == {
        ("abroad", "other representation"),
        ("at home", "other representation"),
    }
    assert cuba["1935-06-30"] == {("abroad", "ambassador"), ("at home", "ambassador")}
    assert cuba["1955-06-30"] == {
        ("abroad", "level not recorded"),
        ("at home", "level not recorded"),
    }


def test_quirk_one_way_ties_are_each_direction_apart(imported: tuple[KnowledgeGraph, Any]) -> None:
    kg, _ = imported
    # 2,600,1894,0,2,1: the United States had a minister in Morocco, Morocco nobody in Washington
    found = {
        (d, level, time)
        for d, p, level, time in _levels(kg, "Morocco", "1894-06-30")
        if p == "United States"
    }
    assert found == {("at home", "minister", "observed")}


def test_quirk_no_row_is_not_no_relations(imported: tuple[KnowledgeGraph, Any]) -> None:
    kg, _ = imported
    # the US minister in Morocco seen in 1909; Morocco has no rows 1914-1960 (not a member):
    # unknown across the gap, not ended, up to 1965 (both 9, level not recorded)
    [(eb, le)] = kg.store.select_values(
        "SELECT ?eb ?le WHERE { ?t dipl:fromActor d:united-states ; dipl:toActor d:morocco ;"
        " dipl:observedYear 1909 ; sem:hasEarliestBeginTimeStamp ?eb ;"
        " sem:hasLatestEndTimeStamp ?le }"
    )[1]
    assert (str(eb), str(le)) == ("1905-01-01", "1964-12-31")
    assert ("at home", "United States", "minister", "unknown") in _levels(
        kg, "Morocco", "1930-01-01"
    )


def test_every_tie_cites_its_rows_and_lists_its_observed_years(
    imported: tuple[KnowledgeGraph, Any],
) -> None:
    kg, _ = imported
    tie = f"{D}cow-dipex-2-365-1899"
    years = sorted(
        int(y)
        for (y,) in kg.store.select_values(f"SELECT ?y WHERE {{ <{tie}> dipl:observedYear ?y }}")[1]
    )
    assert years == [1899, 1904, 1909, 1914]
    quotes = sorted(
        str(q)
        for (q,) in kg.store.select_values(
            f"SELECT ?q WHERE {{ <{tie}> prov:wasDerivedFrom ?s . ?s dipl:quote ?q }}"
        )[1]
    )
    assert quotes == [f"2,365,{y},3,3,1,2006.0999755859375" for y in years]
    [(level,)] = kg.store.select_values(
        f"SELECT ?l WHERE {{ <{tie}> dipl:representationLevel ?l }}"
    )[1]
    assert level == RL + "Ambassador"


def test_a_row_is_cited_as_its_own_year_and_level(
    imported: tuple[KnowledgeGraph, Any],
) -> None:
    """The evidence's citation of a row gives the year the row records and the level: each of
    the rows of the ambassadors observed from 1899 to 1914 its own year, not the run's span (1899
    to 1914) nor its outer bounds (1895-01-01 to 1919-12-31, after and before the snapshots of
    1894 and 1920 that say otherwise); the one row of a run of one row its year."""
    kg, _ = imported
    rows = kg.query("evidence", actor="Russia").records()
    cited = {(str(r["tie"]), str(r["quote"]).split(",")[2], str(r["citation"])) for r in rows}
    run = f"{D}cow-dipex-2-365-1899"
    assert {(y, c) for t, y, c in cited if t == run} == {
        (
            str(year),
            f"COW Diplomatic Exchange {year} · United States → Russia · "
            "diplomatic representation (ambassador)",
        )
        for year in (1899, 1904, 1909, 1914)
    }
    assert {(y, c) for t, y, c in cited if t == f"{D}cow-dipex-365-2-1817"} == {
        (
            "1817",
            "COW Diplomatic Exchange 1817 · Russia → United States · "
            "diplomatic representation (minister)",
        )
    }


def test_the_source_says_coverage_changes_after_1980(imported: tuple[KnowledgeGraph, Any]) -> None:
    kg, _ = imported
    [(note,)] = kg.store.select_values(
        "SELECT ?note WHERE { ?doc a dipl:SourceDocument ; dcterms:identifier "
        '"diplomatic-exchange-usa.csv" ; rdfs:comment ?note }'
    )[1]
    assert "from 1985 only resident accreditations" in str(note)


def test_the_network_and_as_of_rule_take_snapshot_ties(
    imported: tuple[KnowledgeGraph, Any],
) -> None:
    kg, _ = imported
    params = {"actor": "USA", "asOf": "1917-11-07"}
    network = build_network(kg.store, "representation", params, as_of="1917-11-07")
    pair = {f"{D}united-states", f"{D}russia"}
    russia = [d for u, v, d in network.edges(data=True) if {u, v} == pair]
    assert len(russia) == 2
    assert {d["in_force"] for d in russia} == {None}  # between 1914 and 1920: unknown
    assert {str(d["earliest_end"]) for d in russia} == {"1914-12-31"}
    # every tie of the fixture, as of a day of the 1925 snapshot: none with Russia (0 observed)
    everything = build_network(kg.store, as_of="1925-06-30")
    assert not [d for u, v, d in everything.edges(data=True) if {u, v} == pair]
    assert [d["in_force"] for u, v, d in everything.edges(data=True) if v == f"{D}cuba"] == [True]


def _rewrite(tmp_path: Path, name: str, changes: dict[int, str], newline: str = "\r\n") -> Path:
    """The fixture with some of its lines (1-based) replaced, written with ``newline``."""
    lines = FIXTURE.read_bytes().decode("ascii").split("\r\n")[:-1]
    for number, text in changes.items():
        lines[number - 1] = text
    path = tmp_path / name
    path.write_bytes((newline.join(lines) + newline).encode("ascii"))
    return path


def _line_of(prefix: str) -> int:
    lines = FIXTURE.read_bytes().decode("ascii").split("\r\n")
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(prefix))


def test_bad_rows_are_rejected_with_file_line_and_reason_the_rest_imported(tmp_path: Path) -> None:
    mirror = _line_of("365,2,1909,")  # the mirror of 2,365,1909,3,3,1
    changes = {
        mirror: "365,2,1909,2,3,1,2006.0999755859375",  # disagrees with its mirror
        _line_of("2,40,1904,"): "2,41999,1904,9,9,0,2006.0999755859375",  # no such state
        _line_of("2,40,1909,"): "2,40,1809,9,9,0,2006.0999755859375",  # before the system
        _line_of("2,40,1914,"): "2,40,1914,9,9,1,2006.0999755859375",  # DE 1 with 9 in 1914
        _line_of("2,40,1920,"): "2,40,1920,7,9,0,2006.0999755859375",  # no level 7
    }
    path = _rewrite(tmp_path, "bad.csv", changes)
    rejects = tmp_path / "rejects.csv"
    kg = diplograph.open("memory")
    [report] = import_files(kg, "diplomatic-exchange", [path], rejects=rejects)
    with rejects.open(newline="") as stream:
        rejected = {int(r["line"]): r["reason"] for r in csv.DictReader(stream)}
    taken = _line_of("2,365,1909,")
    assert set(rejected) == {*changes, taken}
    assert (
        rejected[mirror]
        == f"the mirror row on line {taken} gives other levels for this dyad and year"
    )
    assert (
        rejected[taken]
        == f"the mirror row on line {mirror} gives other levels for this dyad and year"
    )
    assert (
        rejected[_line_of("2,40,1904,")]
        == "COW state number 41999 (ccode2) is not in the crosswalk"
    )
    assert "1809" in rejected[_line_of("2,40,1909,")]
    assert rejected[_line_of("2,40,1914,")].startswith("DE 1 contradicts the levels 9 and 9")
    assert "is not a level" in rejected[_line_of("2,40,1920,")]
    assert report.rejected == 6
    assert report.balanced
    # the rest is imported: the 1909 ambassadors are gone, those of 1899 and 1904 are there
    years = {
        int(y)
        for (y,) in kg.store.select_values(
            "SELECT ?y WHERE { ?t dipl:fromActor d:united-states ; dipl:toActor d:russia ;"
            " dipl:observedYear ?y }"
        )[1]
    }
    assert 1909 not in years
    assert {1899, 1904, 1914} <= years


def test_another_datasets_file_is_refused_at_its_header_and_nothing_is_loaded(
    tmp_path: Path,
) -> None:
    path = tmp_path / "votes.csv"
    path.write_text("rcid,ccode,vote,member\n3,2,1,1\n", encoding="ascii")
    kg = diplograph.open("memory")
    before = len(kg.store)
    [report] = import_files(kg, "diplomatic-exchange", [path])
    assert report.problem == (
        "line 1: not a COW Diplomatic Exchange file: no column ccode1, ccode2, year, dr_at_1, "
        "dr_at_2, de; it looks like UN General Assembly roll-call votes (Voeten): rcid, ccode, vote"
    )
    assert len(kg.store) == before


def test_lf_copy_with_a_text_version_gives_the_same_ties_and_reimport_replaces(
    tmp_path: Path, imported: tuple[KnowledgeGraph, Any]
) -> None:
    _, original = imported
    lines = FIXTURE.read_bytes().decode("ascii").split("\r\n")[:-1]
    changes = {n: line.replace("2006.0999755859375", "2006.1") for n, line in enumerate(lines, 1)}
    path = _rewrite(tmp_path, "lf.csv", changes, newline="\n")
    kg = diplograph.open("memory")
    [first] = import_files(kg, "diplomatic-exchange", [path])
    [again] = import_files(kg, "diplomatic-exchange", [path])
    assert (first.imported, first.filtered, first.triples) == (
        original.imported,
        original.filtered,
        original.triples,
    )
    assert again.triples == first.triples
    [(ties,)] = kg.store.select_values(
        "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t dipl:tieType tt:DiplomaticRepresentation }"
    )[1]
    assert ties == len(
        kg.store.select_values("SELECT DISTINCT ?t WHERE { ?t dipl:representationLevel ?l }")[1]
    )


@pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not here")
def test_spot_check_the_whole_file_against_its_lines() -> None:
    kg = diplograph.open("memory")
    [report] = import_files(kg, "diplomatic-exchange", [FULL])
    with FULL.open("rb") as stream:
        lines = sum(1 for _ in stream)
    assert report.read == lines - 1 == 262_376
    assert (report.imported, report.rejected, report.filtered) == (44_624, 0, 217_752)
    assert (
        report.filtered_reasons["the mirror of a row taken (its levels checked: the same)"]
        == 131_188
    )
    found = {
        (d, level, time) for d, p, level, time in _levels(kg, "USA", "1909-01-01") if p == "Russia"
    }
    assert found == {("abroad", "ambassador", "observed"), ("at home", "ambassador", "observed")}
    china = {(d, level) for d, p, level, _ in _levels(kg, "USA", "1985-06-30") if p == "China"}
    assert china == {("abroad", "ambassador"), ("at home", "ambassador")}  # 3 from 1980
    assert not any(p == "China" for _, p, _, _ in _levels(kg, "USA", "1962-06-30"))  # 0 1950-75
    kg.close()


@pytest.mark.skipif(not (SHARED_DATA / "cow-states-2016").exists(), reason="no shared data")
def test_state_system_membership_bounds_the_runs_where_the_store_has_it() -> None:
    kg = diplograph.open("memory")
    import_files(kg, "cow-states", [SHARED_DATA / "cow-states-2016" / "states2016.csv"])
    import_files(kg, "diplomatic-exchange", [FIXTURE])
    # the US minister in Morocco, seen in 1909: Morocco left the system on 1912-03-30
    [(le,)] = kg.store.select_values(
        "SELECT ?le WHERE { ?t dipl:fromActor d:united-states ; dipl:toActor d:morocco ;"
        " dipl:observedYear 1909 ; sem:hasLatestEndTimeStamp ?le }"
    )[1]
    assert str(le) == "1912-03-30"
    assert not any(p == "United States" for _, p, _, _ in _levels(kg, "Morocco", "1930-01-01"))
    # and Morocco's first run after its return begins no earlier than 1956-03-02
    [(eb,)] = kg.store.select_values(
        "SELECT ?eb WHERE { ?t dipl:fromActor d:united-states ; dipl:toActor d:morocco ;"
        " dipl:observedYear 1965 ; sem:hasEarliestBeginTimeStamp ?eb }"
    )[1]
    assert str(eb) == "1956-03-02"


@pytest.mark.parametrize("block", [1 << 20, 40])
@pytest.mark.parametrize(
    "text",
    [
        b"2,20,1817,0,0,0\r\n2,200,1817,2,2,1\r\n",  # CRLF
        b"2,20,1817,0,0,0\n\n\n2,200,1817,2,2,1",  # LF, blank lines, no line end at the end
        b'2,20,1817,0,0,0\n"2","200",1817,2,2,1\n2,"a\nb",1,2,3\n2,365,1899,3,3,1\n',  # quotes
        b"2,20,1817,0,0,0\r2,200,1817,2,2,1\r\n2,365,1899,3,3,1\n",  # a lone carriage return
        b"2,20,1817,0,0,0\n2,\xff200,1817,2,2,1\n2,365,1899,3,3,1\n",  # not UTF-8
        b"2,20,1817,0,0,0\n2,\x00,1817\n2,365,1899,3,3,1\n",  # a NUL
        b"2,20,1817,0,0,0\n2," + b"9" * 140_000 + b",1817\n2,365,1899,3,3,1\n",  # a huge field
        b"  ,  \n,\n\xef\xbb\xbfx;y\n",  # spaces, empty fields, a BOM, another delimiter
    ],
)
def test_plain_lines_read_fast_are_the_rows_read_rows_gives(
    text: bytes, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast reading of plain lines (read_unquoted_first, which this importer uses) gives the
    same rows as read_rows (line, text, fields and problem), a block of lines at a time or with
    blocks of a few lines, whatever comes after a line that is not plain."""
    import io

    from diplograph.importers import rows

    monkeypatch.setattr(rows, "_BLOCK", block)

    def seen(found: Any) -> list[tuple[int, str, list[str], str]]:
        return [(r.line, r.text, r.fields, r.problem) for r in found]

    expected = seen(rows.read_rows(io.BytesIO(text), ",", first_line=2))
    assert seen(rows.read_unquoted_first(io.BytesIO(text), ",", first_line=2)) == expected


@pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not here")
def test_the_whole_file_read_fast_gives_the_rows_read_rows_gives() -> None:
    from diplograph.importers.rows import read_rows, read_unquoted_first

    with FULL.open("rb") as one, FULL.open("rb") as two:
        fast = ((r.line, r.text, r.fields) for r in read_unquoted_first(one, ","))
        slow = ((r.line, r.text, r.fields) for r in read_rows(two, ","))
        assert all(a == b for a, b in zip(fast, slow, strict=True))


def test_rows_in_any_order_give_the_same_ties_and_the_same_checks(
    tmp_path: Path, imported: tuple[KnowledgeGraph, Any]
) -> None:
    """The rows reversed, so that every mirror comes before its row (it waits for it, and is
    checked when the row comes): the same ties; a disagreement and a second mirror still found."""
    _, original = imported
    lines = FIXTURE.read_bytes().decode("ascii").split("\r\n")[:-1]
    header, rows = lines[0], lines[1:]
    backwards = tmp_path / "backwards.csv"
    backwards.write_bytes(("\r\n".join([header, *reversed(rows)]) + "\r\n").encode("ascii"))
    kg = diplograph.open("memory")
    [report] = import_files(kg, "diplomatic-exchange", [backwards])
    assert (report.imported, report.filtered, report.rejected, report.triples) == (
        original.imported,
        original.filtered,
        0,
        original.triples,
    )
    # a mirror that disagrees, before its row; and the same mirror twice
    mirror = "365,2,1909,2,3,1,2006.0999755859375"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(("\r\n".join([header, mirror, *rows, mirror]) + "\r\n").encode("ascii"))
    rejects = tmp_path / "rejects.csv"
    [report] = import_files(
        diplograph.open("memory"), "diplomatic-exchange", [bad], rejects=rejects
    )
    with rejects.open(newline="") as stream:
        rejected = {int(r["line"]): r["reason"] for r in csv.DictReader(stream)}
    taken = 3 + rows.index(next(r for r in rows if r.startswith("2,365,1909,")))
    real_mirror = 3 + rows.index(next(r for r in rows if r.startswith("365,2,1909,")))
    assert rejected == {
        2: f"the mirror row on line {taken} gives other levels for this dyad and year",
        taken: "the mirror row on line 2 gives other levels for this dyad and year",
        real_mirror: "a second row for this dyad and year (the first is line 2)",
        len(rows) + 3: "a second row for this dyad and year (the first is line 2)",
    }
    assert report.balanced


@pytest.mark.skipif(not FULL.exists(), reason="../shared/data is not here")
def test_equatorial_guinea_has_every_level_its_rows_give(tmp_path: Path) -> None:
    """Equatorial Guinea (COW 411, a member from 1968-10-12) was said to have no Diplomatic
    Exchange rows in the store: its 2,276 rows of the file (1970-2005, both sides) give its
    ties, each non-zero level of each direction an observed year of one."""
    lines = FULL.read_bytes().decode("ascii").split("\r\n")
    mine = [line for line in lines[1:] if line.split(",")[:2].count("411")]
    assert len(mine) == 2_276
    path = tmp_path / "equatorial-guinea.csv"
    path.write_bytes(("\r\n".join([lines[0], *mine]) + "\r\n").encode("ascii"))
    kg = diplograph.open("memory")
    [report] = import_files(kg, "diplomatic-exchange", [path])
    taken = [line.split(",") for line in mine if line.startswith("411,")]
    # (sender, host, year) of each non-zero level: DR_at_2 is 411 at the other, DR_at_1 back
    levels = {("411", f[1], f[2]) for f in taken if f[4] != "0"}
    levels |= {(f[1], "411", f[2]) for f in taken if f[3] != "0"}
    assert len(levels) == 134
    observed = {
        (str(a), str(b), str(y))
        for a, b, y in kg.store.select_values(
            "SELECT ?a ?b ?y WHERE { ?t dipl:tieType tt:DiplomaticRepresentation ;"
            " dipl:fromActor ?s ; dipl:toActor ?h ; dipl:observedYear ?y ."
            " ?s dipl:cowCode ?a . ?h dipl:cowCode ?b }"
        )[1]
    }
    assert observed == levels
    assert report.rejected == 0
