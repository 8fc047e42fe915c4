"""COW state-system membership import: each spell a dated membership, each state's existence,
the spreadsheet debris ignored, bad rows rejected with their line."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import import_files

from .conftest import SHARED_DATA, CliRunner

STATES = SHARED_DATA / "cow-states-2016" / "states2016.csv"

pytestmark = pytest.mark.skipif(not STATES.exists(), reason="../shared/data is not here")


@pytest.fixture(scope="module")
def imported() -> tuple[KnowledgeGraph, Any]:
    kg = diplograph.open("memory")
    [report] = import_files(kg, "cow-states", [STATES])
    return kg, report


def _values(kg: KnowledgeGraph, text: str) -> list[tuple[Any, ...]]:
    return kg.store.select_values(text)[1]


def test_every_row_is_a_membership_spell(imported: tuple[KnowledgeGraph, Any]) -> None:
    kg, report = imported
    assert (report.read, report.imported, report.rejected, report.filtered) == (243, 243, 0, 0)
    assert report.form == "COW state-system membership list (10 named columns)"
    [(spells,)] = _values(kg, "SELECT (COUNT(?m) AS ?n) WHERE { ?m a dipl:StateSystemMembership }")
    assert spells == 243


def test_quirk_trailing_spreadsheet_columns_are_ignored(
    imported: tuple[KnowledgeGraph, Any],
) -> None:
    kg, _ = imported
    # PAR's second row ends in ",,,,164200,,,,#REF!,#REF!": Paraguay is still a member
    rows = _values(
        kg,
        "SELECT ?begin ?end WHERE { ?m dipl:memberState d:paraguay ; sem:hasBeginTimeStamp ?begin"
        " OPTIONAL { ?m sem:hasEndTimeStamp ?end } }",
    )
    spells = sorted((str(b), str(e) if e else None) for b, e in rows)
    assert spells == [("1846-01-01", "1870-06-20"), ("1876-06-22", None)]


def test_quirk_the_lists_last_day_is_no_exit(imported: tuple[KnowledgeGraph, Any]) -> None:
    kg, _ = imported
    germany = sorted(
        (str(b), str(e) if e else None)
        for b, e in _values(
            kg,
            "SELECT ?b ?e WHERE { ?m dipl:memberState d:germany ; sem:hasBeginTimeStamp ?b "
            "OPTIONAL { ?m sem:hasEndTimeStamp ?e } }",
        )
    )
    assert germany == [("1816-01-01", "1945-05-08"), ("1990-10-03", None)]
    ended = _values(
        kg, "SELECT ?until WHERE { d:german-democratic-republic dipl:existsUntil ?until }"
    )
    assert [str(u) for (u,) in ended] == ["1990-10-02"]


def test_existence_spans_the_spells_and_is_never_stated_twice(
    imported: tuple[KnowledgeGraph, Any],
) -> None:
    kg, _ = imported
    [(afghanistan,)] = _values(kg, "SELECT ?d WHERE { d:afghanistan dipl:existsFrom ?d }")
    assert str(afghanistan) == "1919-08-08"
    # Germany: 1816-1945 and again from 1990: it exists from its first entry, still a member
    [(germany,)] = _values(kg, "SELECT ?d WHERE { d:germany dipl:existsFrom ?d }")
    assert str(germany) == "1816-01-01"
    assert _values(kg, "SELECT ?d WHERE { d:germany dipl:existsUntil ?d }") == []
    # the seed's states have theirs from context-cow-states-2016.ttl: one value in the union
    assert len(_values(kg, "SELECT ?d WHERE { d:morocco dipl:existsFrom ?d }")) == 1


def test_bad_rows_are_rejected_with_their_line(tmp_path: Path) -> None:
    lines = STATES.read_text(encoding="utf-8").split("\n")
    bad = [
        lines[0],
        lines[1],
        "XXX,999,Nowhere,1900,1,1,2016,12,31,2016",  # unknown code
        lines[2].replace("CAN,", "KAN,", 1),  # the wrong letter code
        "CUB,40,Cuba,1902,2,30,1906,9,25,2016",  # no such day
        "HAI,41,Haiti,1934,8,15,1915,7,28,2016",  # ends before it begins
        "USA,2",  # too few fields
    ]
    path = tmp_path / "states.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.csv"
    [report] = import_files(diplograph.open("memory"), "cow-states", [path], rejects=rejects)
    assert (report.read, report.imported, report.rejected) == (6, 1, 5)
    rows = list(csv.DictReader(rejects.open(encoding="utf-8")))
    assert [(r["line"], r["reason"]) for r in rows] == [
        ("3", "COW state number 999 is not in the crosswalk"),
        ("4", "stateabb 'KAN' is not COW 20's letter code CAN"),
        ("5", "a begin or end day that is no date"),
        ("6", "the spell ends (1915-07-28) before it begins (1934-08-15)"),
        ("7", "2 fields where the header names 10 columns"),
    ]


def test_wrong_dataset_reads_nothing(tmp_path: Path, cli: CliRunner) -> None:
    codes = SHARED_DATA / "cow-country-codes" / "COW-country-codes.csv"
    rejects = tmp_path / "r.csv"
    done = cli("import", "cow-states", str(codes), "--rejects", str(rejects))
    assert done.returncode == 2
    said = " ".join(done.stdout.split())
    assert "not a COW state-system membership list: no column styear" in said
    assert "it looks like COW country codes: stateabb, ccode, statenme" in said
    assert "COW-country-codes.csv" in rejects.read_text(encoding="utf-8")


def test_validate_passes_after_import(imported: tuple[KnowledgeGraph, Any]) -> None:
    kg, _ = imported
    report = kg.validate()
    assert report.conforms, report.violations[:5]


def test_command_prints_read_imported_rejected_filtered(tmp_path: Path, cli: CliRunner) -> None:
    done = cli("import", "cow-states", str(STATES.parent), "--rejects", str(tmp_path / "r.csv"))
    assert done.returncode == 0, done.stderr
    assert "states2016.csv: read 243 = imported 243 + rejected 0 + filtered 0" in done.stdout
