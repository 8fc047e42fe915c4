"""UN peacekeeping import (IPI): every file adds up, contributions are dated ties with
quantities from the state to the mission, and each quirk of the files is handled."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import import_files
from diplograph.importers.peacekeeping import ALREADY

from .conftest import SHARED_DATA, CliRunner

IPI = SHARED_DATA / "un-peacekeeping-ipi"
COUNTRIES = IPI / "countries"

pytestmark = pytest.mark.skipif(not IPI.exists(), reason="../shared/data is not here")


@pytest.fixture(scope="module")
def everything() -> tuple[KnowledgeGraph, list[Any]]:
    """Every file of the IPI folder, imported once (in memory)."""
    kg = diplograph.open("memory")
    return kg, import_files(kg, "peacekeeping", [IPI])


def _values(kg: KnowledgeGraph, text: str) -> list[tuple[Any, ...]]:
    return kg.store.select_values(text)[1]


def test_every_file_adds_up(everything: tuple[KnowledgeGraph, list[Any]]) -> None:
    _, reports = everything
    assert len(reports) == 148 + 6
    for report in reports:
        assert report.read == report.imported + report.rejected + report.filtered, report
        assert report.rejected == 0, (report.file, report.rejected_reasons)
        assert not report.problem, report.file
    by_name = {r.file.name: r for r in reports if r.file.parent == IPI}
    # the country files (read first: ``countries/`` sorts before the stacked file) give every
    # contribution; the stacked file repeats them, so its rows are filtered as given already
    countries = [r for r in reports if r.file.parent == COUNTRIES]
    assert sum(r.read for r in countries) == sum(r.imported for r in countries) == 25_657
    stacked = by_name["tcc_country_monthly_long.csv"]
    assert (stacked.read, stacked.imported, stacked.filtered) == (25_657, 0, 25_657)
    [(reason, _)] = stacked.filtered_reasons.items()
    assert "given by another loaded file" in reason
    # Morocco's two rows are built in (graph/context-morocco-peacekeeping.ttl): repeats
    month = by_name["current_month.csv"]
    assert (month.imported, month.filtered) == (570, 3)
    assert month.filtered_reasons[ALREADY] == 2
    for totals in (
        "data_mission.csv",
        "data_monthly.csv",
        "data_continent.csv",
        "data_regions.csv",
    ):
        report = by_name[totals]
        assert report.filtered == report.read > 0
        [(reason, _)] = report.filtered_reasons.items()
        assert "not a state's contribution" in reason


def test_contributions_are_dated_ties_with_quantities(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    rows = kg.values("peacekeeping-contributions", actor="Morocco", **{"from": "2014-03-01"})
    by_force = {r["forceLabel"]: r for r in rows if r["month"] == "2014-03"}
    # current_month.csv: Morocco, MONUSCO, 846 troops and 1 expert; the month's totals (all
    # missions) from Morocco.csv: 1572 troops, 1 expert
    assert (by_force["MONUSCO"]["troops"], by_force["MONUSCO"]["experts"]) == (846, 1)
    assert by_force["UN peacekeeping operations"]["troops"] == 1572
    assert by_force["MONUSCO"]["police"] is None  # no number given is no number, not 0
    [(begin, end)] = _values(
        kg,
        "SELECT ?b ?e WHERE { ?t dipl:fromActor d:morocco ; dipl:toActor d:un-mission-monusco ; "
        "dipl:tieType tt:TroopContribution ; sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?e }",
    )
    assert (str(begin), str(end)) == ("2014-03-01", "2014-03-31")


def test_moroccos_record_runs_from_1991_to_2014(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    rows = kg.values("peacekeeping-contributions", actor="Morocco")
    months = [r["month"] for r in rows if r["forceLabel"] == "UN peacekeeping operations"]
    assert (months[0], months[-1]) == ("1991-07", "2014-03")
    assert rows[0]["forceLabel"] == "International Stabilization Force"  # the seed's pledge


def test_quirk_the_same_month_from_two_files_is_one_tie(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    # Morocco.csv and tcc_country_monthly_long.csv both give Morocco's totals
    rows = _values(
        kg,
        "SELECT DISTINCT ?t ?statement WHERE { ?t dipl:fromActor d:morocco ; "
        "dipl:toActor d:un-peacekeeping ; dipl:tieType tt:TroopContribution ; "
        'sem:hasBeginTimeStamp "2014-03-01"^^xsd:date ; prov:wasDerivedFrom ?statement }',
    )
    # one tie, citing the file read first (the stacked file's row is filtered as a repeat)
    [(_, statement)] = rows
    assert statement.startswith("https://w3id.org/diplograph/id/row-")


def test_quirk_a_country_file_after_the_stacked_one_repeats_nothing(tmp_path: Path) -> None:
    """The other order: a country file read after the stacked file (which gave its months
    already) has every row filtered as a repeat, another country's ties left out of it; the
    stacked file imported again replaces itself, repeats nothing of its own."""
    stacked = tmp_path / "tcc_country_monthly_long.csv"
    with (IPI / stacked.name).open(encoding="utf-8", newline="") as source:
        header, *rows = list(csv.reader(source))
    chosen = [row for row in rows if row[header.index("Contributor")] in {"Morocco", "Fiji"}]
    with stacked.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([header, *chosen])
    kg = diplograph.open("memory")
    [first] = import_files(kg, "peacekeeping", [stacked])
    assert first.imported == len(chosen) - first.filtered > 0
    morocco, again = import_files(kg, "peacekeeping", [COUNTRIES / "Morocco.csv", stacked])
    assert morocco.imported == 0
    assert morocco.filtered == morocco.filtered_reasons[ALREADY] == morocco.read > 0
    assert (again.imported, again.filtered) == (first.imported, first.filtered)


def test_quirk_na_is_no_contribution(tmp_path: Path) -> None:
    path = tmp_path / "Ghana.csv"
    path.write_text(
        '"Date","Troops","Police","Experts"\n'
        "1990-11-30,NA,NA,NA\n"
        "1990-12-31,0,NA,NA\n"
        "1991-01-31,12,NA,3\n",
        encoding="utf-8",
    )
    kg = diplograph.open("memory")
    [report] = import_files(kg, "peacekeeping", [path])
    assert (report.imported, report.filtered) == (1, 2)
    types = {
        t
        for (t,) in _values(
            kg, "SELECT ?type WHERE { ?t dipl:fromActor d:ghana ; dipl:tieType ?type }"
        )
    }
    assert {t.rsplit("/", 1)[-1] for t in types} == {"TroopContribution", "ExpertContribution"}


def test_quirk_contributors_are_named_by_the_file(tmp_path: Path) -> None:
    kg = diplograph.open("memory")
    files = [
        COUNTRIES / "DR Congo.csv",
        COUNTRIES / "Cote d Ivoire.csv",
        COUNTRIES / "Republic of Korea.csv",
    ]
    reports = import_files(kg, "peacekeeping", files)
    assert all(r.rejected == 0 and r.imported for r in reports)
    contributors = {
        a
        for (a,) in _values(
            kg, "SELECT DISTINCT ?a WHERE { ?t dipl:toActor d:un-peacekeeping ; dipl:fromActor ?a }"
        )
    }
    assert contributors == {
        "https://w3id.org/diplograph/id/congo-kinshasa",
        "https://w3id.org/diplograph/id/cote-d-ivoire",
        "https://w3id.org/diplograph/id/south-korea",
    }
    unknown = tmp_path / "Atlantis.csv"
    shutil.copy(COUNTRIES / "Palau.csv", unknown)
    [report] = import_files(kg, "peacekeeping", [unknown], rejects=tmp_path / "r.csv")
    assert report.rejected == report.read > 0
    assert (
        "contributor 'Atlantis' is not a state of the crosswalk" in (tmp_path / "r.csv").read_text()
    )


def test_quirk_current_month_columns_must_add_up(tmp_path: Path) -> None:
    lines = (IPI / "current_month.csv").read_text(encoding="utf-8").split("\n")
    # Albania's UNMISS row: ...,NA,NA,1,1,NA,NA,1 (police 1 = individual police 1)
    doctored = lines[1].rsplit(",", 1)[0] + ",7"  # a Total that is not the sum
    unknown = lines[2].replace(",MONUSCO,", ",UNKNOWNMISSION,", 1)
    repeated = lines[1]
    path = tmp_path / "current_month.csv"
    path.write_text(
        "\n".join([lines[0], lines[1], doctored, unknown, repeated]) + "\n", encoding="utf-8"
    )
    rejects = tmp_path / "rejects.csv"
    [report] = import_files(diplograph.open("memory"), "peacekeeping", [path], rejects=rejects)
    assert (report.read, report.imported, report.rejected) == (4, 1, 3)
    reasons = [(r["line"], r["reason"]) for r in csv.DictReader(rejects.open(encoding="utf-8"))]
    assert reasons == [
        ("3", "Troops, Civilian_Police and Experts_on_Mission do not add up to Total"),
        ("4", "mission 'UNKNOWNMISSION' is not in the crosswalk of UN missions"),
        ("5", "a second row for this contributor and month (the first is on line 2)"),
    ]


def test_quirk_mission_headquarters_are_unswapped(kg: KnowledgeGraph) -> None:
    rows = kg.store.select_values(
        "SELECT ?lat ?long WHERE { d:un-mission-unmiss dipl:headquarters ?city . "
        "?city schema:latitude ?lat ; schema:longitude ?long }"
    )[1]
    assert [(float(a), float(b)) for a, b in rows] == [(4.85, 31.6)]  # Juba
    hosts = kg.store.select_values("SELECT ?h WHERE { d:un-mission-minurso dipl:hostState ?h }")
    assert hosts[1] == []  # MINURSO is in Western Sahara, which is no state's


def test_wrong_dataset_reads_nothing(tmp_path: Path, cli: CliRunner) -> None:
    gdelt = SHARED_DATA / "gdelt-v2-rus-ukr-2022-04" / "rus_ukr_events_2022-04.csv"
    done = cli("import", "peacekeeping", str(gdelt), "--rejects", str(tmp_path / "r.csv"))
    assert done.returncode == 2
    assert "not an IPI peacekeeping file" in done.stdout


def test_validate_passes_after_import(tmp_path: Path) -> None:
    lines = (IPI / "current_month.csv").read_text(encoding="utf-8").split("\n")
    excerpt = tmp_path / "current_month.csv"
    excerpt.write_text("\n".join(lines[:6]) + "\n", encoding="utf-8")
    kg = diplograph.open("memory")
    import_files(kg, "peacekeeping", [COUNTRIES / "Palau.csv", excerpt])
    report = kg.validate()
    assert report.conforms, report.violations[:5]


def test_importing_the_built_in_month_repeats_nothing() -> None:
    """Morocco's rows of current_month.csv are built in: importing the file adds no second
    label to the document and no repeated evidence to the ties."""
    kg = diplograph.open("memory")
    import_files(kg, "peacekeeping", [IPI / "current_month.csv"])
    monusco = "https://w3id.org/diplograph/id/pk-morocco-un-mission-monusco-2014-03-troops"
    evidence = [r for r in kg.values("tie-evidence") if r["tie"] == monusco]
    assert [r["line"] for r in evidence] == [320]
    [document] = {r["document"] for r in evidence}
    labels = _values(kg, f"SELECT DISTINCT ?label WHERE {{ <{document}> rdfs:label ?label }}")
    assert labels == [("current_month.csv (IPI Providing for Peacekeeping database)",)]
