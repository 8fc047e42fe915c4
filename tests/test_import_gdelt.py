"""GDELT import: every file of ../shared/data adds up, each quirk of the data is handled, bad
input is counted and reported with file and line, and the aggregated ties are what maps show."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph import validate as validation
from diplograph.api import KnowledgeGraph
from diplograph.importers import StrictStop, aggregate_events, import_files
from diplograph.importers.rows import quoted_na, read_rows

from .conftest import SHARED_DATA, CliRunner

GEORGIA = SHARED_DATA / "gdelt-v1-georgia-2011-2012"
RAW = SHARED_DATA / "gdelt-v1-raw-sample"
RUS_UKR = SHARED_DATA / "gdelt-v2-rus-ukr-2022-04" / "rus_ukr_events_2022-04.csv"
D = "https://w3id.org/diplograph/id/"

pytestmark = pytest.mark.skipif(not GEORGIA.exists(), reason="../shared/data is not here")


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Aggregated ties of on-disk stores go to a temporary cache, never the user's."""
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def everything() -> Iterator[tuple[KnowledgeGraph, list[Any]]]:
    """Every GDELT file of ../shared/data imported once, then aggregated (in memory)."""
    kg = diplograph.open("memory")
    reports = import_files(kg, "gdelt", [GEORGIA, RAW, RUS_UKR.parent])
    aggregate_events(kg.store)
    yield kg, reports
    kg.close()


def _values(kg: KnowledgeGraph, text: str) -> list[tuple[Any, ...]]:
    return kg.store.select_values(text)[1]


def _one(kg: KnowledgeGraph, text: str) -> Any:
    return _values(kg, text)[0][0]


def _copy_lines(source: Path, target: Path, lines: range | list[int], header: bool) -> Path:
    """A small file of some lines of a real one (1-based), with its header line first."""
    text = source.read_text(encoding="utf-8").split("\n")
    chosen = ([text[0]] if header else []) + [text[n - 1] for n in lines]
    target.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return target


# ---------------------------------------------------------------- every file adds up


def test_every_gdelt_file_adds_up(everything: tuple[KnowledgeGraph, list[Any]]) -> None:
    kg, reports = everything
    by_name = {r.file.name: r for r in reports}
    assert len(reports) == 18 + 2 + 1
    for report in reports:
        assert report.read == report.imported + report.rejected + report.filtered, report
        assert report.rejected == 0, (report.file, report.rejected_reasons)
    georgia = [r for r in reports if r.file.parent == GEORGIA]
    assert sum(r.read for r in georgia) == 88_191  # the README's count
    assert by_name["rus_ukr_events_2022-04.csv"].imported == 20_967
    assert by_name["events.csv"].read == 710
    assert by_name["events_column_names.csv"].problem == "line 1: a header and no events"
    # the store holds exactly the accepted records
    events = _one(kg, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e dipl:cameoEventCode ?c }")
    uncoded = _one(kg, "SELECT (COUNT(?e) AS ?n) WHERE { ?e dipl:eventType et:UncodedEvent }")
    assert events + uncoded == sum(r.imported for r in reports)


def test_forms_are_told_apart_by_content_not_name(tmp_path: Path) -> None:
    kg = diplograph.open("memory")
    tsv_named_csv = RAW / "events.csv"  # tab-separated, whatever its name says
    csv_named_txt = shutil.copy(GEORGIA / "aug2012.csv", tmp_path / "export.txt")
    reports = import_files(kg, "gdelt", [tsv_named_csv, Path(csv_named_txt)])
    assert reports[0].form == "GDELT 1.0 tab-separated export"
    assert reports[1].form.startswith("GDELT comma-separated with a header (58 columns)")
    assert reports[1].imported > 0


# ---------------------------------------------------------------- one test per quirk


def test_quirk_bare_na_is_missing_quoted_na_is_a_value() -> None:
    import io

    [row] = list(read_rows(io.BytesIO(b'1,"NA",NA,"a,""NA"""\n'), ","))
    assert row.fields == ["1", "NA", "NA", 'a,"NA"']
    assert quoted_na(row) == {1}


def test_quirk_an_extra_month_column_is_ignored(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    _, reports = everything
    june = next(r for r in reports if r.file.name == "june2011.csv")
    assert june.form == "GDELT comma-separated with a header (59 columns)"
    assert june.rejected == 0
    assert june.imported == 3178


def test_quirk_rows_without_sourceurl_are_accepted(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, reports = everything
    raw = next(r for r in reports if r.file.name == "events.csv")
    assert raw.rejected == 0  # 201 of its rows have 57 fields, 509 have 58
    with_url = _one(
        kg,
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e dipl:sourceUrl ?u . "
        'FILTER(STRSTARTS(STR(?e), "https://w3id.org/diplograph/id/gdelt-")) }',
    )
    assert with_url > 20_000  # the raw sample's 58-field rows and every 2.0 row


def test_quirk_event_codes_keep_their_leading_zeros(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    codes = {c for (c,) in _values(kg, "SELECT DISTINCT ?c WHERE { ?e dipl:cameoEventCode ?c }")}
    assert {"010", "042"} <= codes
    assert any(len(c) == 4 and c.startswith("0") for c in codes)
    assert all(isinstance(c, str) for c in codes)
    named = _one(
        kg,
        'SELECT ?label WHERE { ?c skos:notation "042" ; skos:inScheme cameo:scheme ; '
        "skos:prefLabel ?label }",
    )
    assert named == "Make a visit"


def test_quirk_codes_with_spaces_and_sectors_resolve_to_the_state(tmp_path: Path) -> None:
    # Actor1Code " PRK" (a leading space) is North Korea; "USAGOV" the United States, government
    rows = []
    for number, line in enumerate(
        (GEORGIA / "aug2011.csv").read_text(encoding="utf-8").split("\n"), 1
    ):
        if '" PRK"' in line or ',"USAGOV",' in line:
            rows.append(number)
    assert rows
    kg = diplograph.open("memory")
    small = _copy_lines(GEORGIA / "aug2011.csv", tmp_path / "spaces.csv", rows[:20], True)
    [report] = import_files(kg, "gdelt", [small])
    assert report.rejected == 0
    actors = {a for (a,) in _values(kg, "SELECT DISTINCT ?a WHERE { ?e dipl:actor ?a }")}
    assert D + "united-states" in actors
    sectors = _values(kg, "SELECT DISTINCT ?s WHERE { ?e dipl:actorSector ?s }")
    assert ("https://w3id.org/diplograph/vocab/cameo/sector-GOV",) in sectors
    new_actors = _one(
        kg,
        "SELECT (COUNT(*) AS ?n) WHERE { ?x a ?c . "
        'FILTER(STRSTARTS(STR(?x), "https://w3id.org/diplograph/id/gdelt")) '
        "FILTER(?c != dipl:DiplomaticEvent) }",
    )
    assert new_actors == 0  # sectors are attributes, never new actors


def test_quirk_organisations_resolve_with_their_sector(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    nato = _one(kg, "SELECT (COUNT(?e) AS ?n) WHERE { ?e dipl:actor d:nato }")
    world_bank = _one(kg, "SELECT (COUNT(?e) AS ?n) WHERE { ?e dipl:actor d:world-bank }")
    assert nato > 500  # IGOWSTNAT...
    assert world_bank > 0  # IGOUNODEVWBK is the World Bank, not the UN
    sector = _one(
        kg,
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e dipl:actor d:nato ; "
        "dipl:actorSector cameo:sector-GOV }",
    )
    assert sector > 0  # IGOWSTNATGOV


def test_quirk_region_and_ethnic_codes_are_no_actors(tmp_path: Path) -> None:
    lines = [
        n
        for n, line in enumerate((GEORGIA / "aug2011.csv").read_text().split("\n"), 1)
        if line.startswith(tuple("0123456789"))
        and (',"EUR","EUROPE","EUR",' in line or ',"kar",' in line)
    ]
    kg = diplograph.open("memory")
    small = _copy_lines(GEORGIA / "aug2011.csv", tmp_path / "regions.csv", lines[:30], True)
    [report] = import_files(kg, "gdelt", [small])
    assert report.read == report.imported + report.filtered > 0
    assert report.filtered > 0
    actors = {a for (a,) in _values(kg, "SELECT DISTINCT ?a WHERE { ?e dipl:actor ?a }")}
    assert not {a for a in actors if a.endswith(("/europe", "/eur", "/kar"))}


def test_quirk_locations_are_fips_codes_and_type_0_is_none(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    in_georgia = _one(
        kg, "SELECT (COUNT(?e) AS ?n) WHERE { ?e dipl:locationCountry d:georgia }"
    )  # FIPS GG, not ISO GE
    assert in_georgia > 30_000
    assert not _values(kg, "SELECT ?e WHERE { ?e dipl:locationCountry d:south-georgia }")


def test_quirk_reused_event_ids_stay_apart(everything: tuple[KnowledgeGraph, list[Any]]) -> None:
    kg, _ = everything
    # GLOBALEVENTID 233609230: a July 2011 event in one file, a March 2012 one in another
    found = _values(
        kg,
        "SELECT ?e ?day WHERE { ?e sem:hasTimeStamp ?day . "
        'FILTER(STRENDS(STR(?e), "-233609230")) }',
    )
    assert sorted(str(day) for _, day in found) == ["2011-07-12", "2012-03-12"]


def test_quirk_event_dates_are_sqldate_not_dateadded(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    # the raw sample was added on 2016-07-28; 201 of its events happened in 1982
    old = _one(
        kg,
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e sem:hasTimeStamp ?day . "
        'FILTER(?day < "1990-01-01"^^xsd:date) }',
    )
    assert old > 100


def test_quirk_month_only_events_get_month_bounds(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    first, last = _values(
        kg,
        "SELECT ?first ?last WHERE { ?e dipl:eventType et:UncodedEvent ; "
        "sem:hasEarliestBeginTimeStamp ?first ; sem:hasLatestEndTimeStamp ?last } LIMIT 1",
    )[0]
    assert (str(first), str(last)) == ("2022-04-01", "2022-04-30")


# ---------------------------------------------------------------- bad input


def _bad_file(tmp_path: Path) -> Path:
    """Four good rows of aug2012.csv (lines 2-5), then one of each kind of bad row (lines 6-9):
    an unknown event code, too few fields, too many, a day that is no date."""
    lines = (GEORGIA / "aug2012.csv").read_text(encoding="utf-8").split("\n")
    header, good = lines[0], lines[1:5]
    fields = next(csv.reader([good[0]]))
    code = ",".join(f'"{f}"' for f in fields[26:29])  # EventCode, EventBaseCode, EventRootCode
    bad = [
        good[0].replace(f",{code},", ',"999","999","99",', 1),
        good[1].rsplit(",", 1)[0],
        good[2] + ',"extra"',
        good[3].replace(f",{fields[1]},", ",20120832,", 1),
    ]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([header, *good, *bad]) + "\n", encoding="utf-8")
    return path


def test_bad_rows_are_counted_and_written_with_file_line_and_reason(tmp_path: Path) -> None:
    kg = diplograph.open("memory")
    rejects = tmp_path / "rejects.csv"
    [report] = import_files(kg, "gdelt", [_bad_file(tmp_path)], rejects=rejects)
    assert report.read == 8
    assert report.read == report.imported + report.rejected + report.filtered
    assert report.rejected == 4
    rows = list(csv.DictReader(rejects.open(encoding="utf-8")))
    assert [int(r["line"]) for r in rows] == [6, 7, 8, 9]
    reasons = " | ".join(r["reason"] for r in rows)
    assert "unknown CAMEO event code '999'" in reasons
    assert "57 fields where this file has 58" in reasons
    assert "59 fields where this file has 58" in reasons
    assert "SQLDATE '20120832' is not a date (YYYYMMDD)" in reasons
    assert all(r["file"].endswith("bad.csv") and r["text"] for r in rows)
    # the store holds exactly the accepted records
    kept = _one(kg, "SELECT (COUNT(?e) AS ?n) WHERE { ?e dipl:cameoEventCode ?c }")
    assert kept == report.imported


def test_truncated_file_rejects_its_last_row(tmp_path: Path) -> None:
    text = (GEORGIA / "aug2012.csv").read_bytes()
    cut = tmp_path / "truncated.csv"
    line_start = text.index(b"\n", 20_000) + 1
    inside = text.index(b',"', line_start + 60) + 3  # a byte into a quoted field
    cut.write_bytes(text[:inside])
    kg = diplograph.open("memory")
    [report] = import_files(kg, "gdelt", [cut], rejects=tmp_path / "r.csv")
    assert report.rejected == 1
    assert report.imported + report.filtered == report.read - 1 > 10
    [(reason, _)] = report.rejected_reasons.items()
    assert "truncated" in reason


def test_bytes_that_are_not_utf8_reject_their_row(tmp_path: Path) -> None:
    lines = (RAW / "events.csv").read_bytes().split(b"\n")
    broken = tmp_path / "latin1.tsv"
    latin1 = lines[0].replace(b"UNITED", b"UNIT\xe9D")  # a Latin-1 byte in the actor's name
    assert latin1 != lines[0]
    broken.write_bytes(b"\n".join([lines[1], latin1]) + b"\n")
    [report] = import_files(diplograph.open("memory"), "gdelt", [broken])
    assert (report.read, report.rejected) == (2, 1)
    assert "is not UTF-8" in next(iter(report.rejected_reasons))


def test_rows_of_a_headerless_file_cite_their_own_lines(tmp_path: Path) -> None:
    """The raw files have no header: their first line, read to tell the form, is row 1, and the
    rest go on from line 2 (they went on from line 1, so rows 1 and 2 shared one statement)."""
    sample = _copy_lines(RAW / "events.csv", tmp_path / "raw.tsv", [343, 8, 12], header=False)
    kg = diplograph.open("memory")
    import_files(kg, "gdelt", [sample])
    cited = _values(
        kg,
        "SELECT ?line ?quote (COUNT(DISTINCT ?event) AS ?events) WHERE { "
        "?event a dipl:DiplomaticEvent ; prov:wasDerivedFrom ?s . "
        "?s dipl:lineNumber ?line ; dipl:quote ?quote ; prov:wasQuotedFrom ?file . "
        '?file dcterms:identifier "raw.tsv" } GROUP BY ?line ?quote ORDER BY ?line',
    )
    lines = sample.read_text(encoding="utf-8").split("\n")
    assert [(line, quote) for line, quote, _ in cited] == [(n, lines[n - 1]) for n in (1, 2, 3)]
    assert [events for _, _, events in cited] == [1, 1, 1]


def test_wrong_dataset_and_empty_file_read_nothing(tmp_path: Path, cli: CliRunner) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    cow = SHARED_DATA / "cow-states-2016" / "states2016.csv"
    kg = diplograph.open("memory")
    reports = import_files(kg, "gdelt", [empty, cow], rejects=tmp_path / "r.csv")
    assert reports[0].problem == "line 1: the file is empty"
    assert reports[1].problem.startswith(
        "line 1: not GDELT events: the first line starts 'stateabb"
    )
    assert all(r.read == 0 and r.graph is None for r in reports)
    done = cli("import", "gdelt", str(empty), str(cow), "--rejects", str(tmp_path / "r.csv"))
    assert done.returncode == 2
    assert "nothing read: line 1: the file is empty" in done.stdout
    assert "nothing could be read" in done.stderr


def test_strict_stops_at_the_first_bad_row_and_loads_nothing_of_it(tmp_path: Path) -> None:
    kg = diplograph.open("memory")
    before = len(kg)
    with pytest.raises(StrictStop, match=r"bad\.csv:6: unknown CAMEO event code '999'"):
        import_files(kg, "gdelt", [_bad_file(tmp_path)], strict=True)
    assert len(kg) == before


def test_reimporting_a_file_replaces_its_records(tmp_path: Path) -> None:
    kg = diplograph.open("memory")
    first = import_files(kg, "gdelt", [RAW / "events.csv"])[0]
    size = len(kg)
    second = import_files(kg, "gdelt", [RAW / "events.csv"])[0]
    assert len(kg) == size
    assert first.triples == second.triples
    assert [s.title for s in kg.sources() if not s.builtin] == ["events.csv"]


# ---------------------------------------------------------------- aggregated ties


def test_aggregation_makes_one_tie_per_pair_quad_class_and_month(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    rows = _values(
        kg,
        "SELECT ?type ?n ?w ?begin ?end (COUNT(DISTINCT ?e) AS ?summarised) WHERE { "
        "?t a dipl:AggregatedTie , dipl:Tie ; dipl:fromActor d:russia ; dipl:toActor d:ukraine ; "
        "dipl:tieType ?type ; dipl:eventCount ?n ; dipl:weight ?w ; sem:hasBeginTimeStamp ?begin ;"
        ' sem:hasEndTimeStamp ?end ; dipl:summarises ?e . FILTER(?begin = "2022-04-01"^^xsd:date)'
        "} GROUP BY ?type ?n ?w ?begin ?end",
    )
    counts = {r[0].rsplit("/", 1)[-1]: r[1] for r in rows}
    # the README's counts per QuadClass: 4=16,521, 3=3,953, 2=309, 1=184
    assert counts == {
        "MaterialConflict": 16_521,
        "VerbalConflict": 3_953,
        "MaterialCooperation": 309,
        "VerbalCooperation": 184,
    }
    assert all(r[1] == r[5] for r in rows)  # the events it summarises
    assert all(str(r[4]) == "2022-04-30" for r in rows)
    conflict = next(r for r in rows if str(r[0]).endswith("MaterialConflict"))
    assert -10 <= float(conflict[2]) < -9


def test_aggregated_polarity_differs_from_the_quad_class_only_with_a_comment(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    kg, _ = everything
    unexplained = _values(
        kg,
        "SELECT ?t WHERE { ?t a dipl:AggregatedTie ; dipl:polarity ?p . "
        "FILTER NOT EXISTS { ?t rdfs:comment ?why } }",
    )
    assert unexplained == []
    explained = _one(
        kg,
        "SELECT (COUNT(?t) AS ?n) WHERE { ?t a dipl:AggregatedTie ; dipl:polarity ?p ; "
        "rdfs:comment ?why }",
    )
    assert explained > 0


def test_maps_and_as_of_work_on_aggregated_ties(
    everything: tuple[KnowledgeGraph, list[Any]],
) -> None:
    from diplograph.network import build_network

    kg, _ = everything
    params = {
        "actor": "Georgia",
        "from": "2012-01-01",
        "to": "2012-01-31",
        "type": "event interaction",
    }
    network = build_network(kg.store, "ties-in-period", params, "2012-01-15")
    ties = [(u, v, d) for u, v, d in network.edges(data=True) if d.get("kind", "tie") == "tie"]
    assert len(ties) > 10
    assert all(d["begin"].isoformat() <= "2012-01-15" <= d["end"].isoformat() for *_, d in ties)
    partners = {network.nodes[v]["label"] for u, v, _ in ties} | {
        network.nodes[u]["label"] for u, v, _ in ties
    }
    assert {"Georgia", "United States", "Russia"} <= partners


# ---------------------------------------------------------------- named queries


def test_top_partners_of_georgia_2011_2012(everything: tuple[KnowledgeGraph, list[Any]]) -> None:
    kg, _ = everything  # how fast: bench/stores.py (named queries), not a unit test
    result = kg.values(
        "top-partners", actor="Georgia", **{"from": "2011-01-01", "to": "2012-12-31"}
    )
    top = result[0]
    assert top["partnerLabel"] == "United States"
    assert (
        top["events"]
        == top["fromActor"] + top["toActor"]
        == top["cooperative"] + top["conflictual"]
    )
    assert 0 < float(top["meanGoldstein"]) < 10


def test_dyad_series_of_russia_and_ukraine(everything: tuple[KnowledgeGraph, list[Any]]) -> None:
    kg, _ = everything
    rows = kg.values("dyad-series", a="Russia", b="Ukraine", **{"from": "2022-04-01"})
    [april] = [r for r in rows if r["fromLabel"] == "Russia"]
    assert april["month"] == "2022-04"
    assert april["events"] == 20_967
    assert april["materialConflict"] == 16_521


# ---------------------------------------------------------------- validation and the command


def test_validate_passes_after_import_even_when_the_events_are_sampled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kg = diplograph.open("memory")
    import_files(kg, "gdelt", [RAW / "events.csv"])
    aggregate_events(kg.store)
    # the events file is sampled, the aggregated ties (which cite its rows) are seen whole
    monkeypatch.setattr(validation, "SHACL_FULL_LIMIT", 5_000)
    monkeypatch.setattr(validation, "SHACL_SAMPLE", 50)
    report = kg.validate()
    assert report.conforms, report.violations[:5]
    assert report.sampled


def test_import_command_prints_the_counts_and_aggregates(tmp_path: Path, cli: CliRunner) -> None:
    store = f"oxigraph:{tmp_path / 'store'}"
    done = cli(
        "--store",
        store,
        "import",
        "gdelt",
        str(RAW / "events.csv"),
        "--rejects",
        str(tmp_path / "r.csv"),
    )
    assert done.returncode == 0, done.stderr
    assert "events.csv: read 710 = imported 574 + rejected 0 + filtered 136" in done.stdout
    assert "filtered 136: neither party is a state or organisation of the crosswalk" in done.stdout
    assert "aggregated" in done.stdout
    assert (tmp_path / "store" / "derived" / "gdelt-event-dyads.nt").exists()  # the store's own
    assert not (tmp_path / "r.csv").exists()  # nothing was rejected
    listed = cli("--store", store, "sources")
    assert "events.csv" in listed.stdout
    assert "gdelt-event-dyads.nt" in listed.stdout
