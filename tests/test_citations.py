"""Evidence that reads like a citation: a dataset row said as what it states, checked against the
row itself, in tables (``evidence``), networks and maps, and ``path``."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import aggregate_events, import_files
from diplograph.maps import render_map
from diplograph.network import build_network
from diplograph.network import citation as citations
from diplograph.queries.results import render_table

from .conftest import SHARED_DATA, CliRunner
from .test_render import Page

RAW = SHARED_DATA / "gdelt-v1-raw-sample"
COW = SHARED_DATA / "cow-states-2016" / "states2016.csv"
IPI_CURRENT = SHARED_DATA / "un-peacekeeping-ipi" / "current_month.csv"
D = "https://w3id.org/diplograph/id/"

pytestmark = pytest.mark.skipif(not RAW.exists(), reason="../shared/data is not here")

#: lines of the raw GDELT sample: Turkey's government (TURGOV) to Russia, 044, in Turkey, with a
#: URL; China's government to the United States, 112
TURKEY_RUSSIA, CHINA_USA = 343, 8


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """Two rows of the raw GDELT sample imported and aggregated, on the built-in graph."""
    folder = tmp_path_factory.mktemp("gdelt")
    lines = (RAW / "events.csv").read_text(encoding="utf-8").split("\n")
    sample = folder / "events.csv"
    sample.write_text(f"{lines[TURKEY_RUSSIA - 1]}\n{lines[CHINA_USA - 1]}\n", encoding="utf-8")
    kg = diplograph.open("memory")
    import_files(kg, "gdelt", [sample])
    aggregate_events(kg.store)
    yield kg
    kg.close()


def _columns() -> dict[str, int]:
    names = (RAW / "events_column_names.csv").read_text(encoding="utf-8").strip().split("\t")
    return {name: i for i, name in enumerate(names)}


def _label(kg: KnowledgeGraph, code: str) -> str:
    return kg.label(kg.actor(code))


def test_a_gdelt_row_is_cited_as_its_day_parties_code_place_and_address(
    events: KnowledgeGraph,
) -> None:
    """Each part of the citation is the row's own: SQLDATE, the parties (by their country codes)
    with the acting sector, the event code and its CAMEO label, the place, SOURCEURL."""
    rows = events.query("evidence", actor="Turkey").records()
    # the event is counted by an aggregated tie, which cites its row: the row the tie shows
    (row,) = [r for r in rows if r["origin"] == "dataset"]
    fields = str(row["quote"]).split("\t")
    at = _columns()
    day = fields[at["day"]]
    code = fields[at["eventcode"]]
    (cameo,) = events.store.select_values(
        "SELECT ?l WHERE { ?c skos:notation ?n ; skos:inScheme cameo:scheme ; skos:prefLabel ?l }",
        {"n": Literal(code)},
    )[1][0]
    expected = [
        f"GDELT {day[:4]}-{day[4:6]}-{day[6:]}",
        f"{_label(events, fields[at['actor1countrycode']])} ({fields[at['actor1type1code']]}) → "
        f"{_label(events, fields[at['actor2countrycode']])}",
    ]
    parts = str(row["citation"]).split(" · ")
    assert parts[:2] == expected
    assert parts[2] == f"{code} {cameo[0].lower()}{cameo[1:]}"
    assert fields[at["actiongeo_countrycode"]] == "TU"  # a FIPS 10-4 code: Turkey
    assert parts[3] == "in Turkey"
    assert parts[4].startswith(fields[at["sourceurl"]])
    assert parts[4].endswith(", 2016-07)")  # counted by its month's aggregated tie
    assert "\t" not in str(row["citation"])


def test_a_table_shows_the_citation_and_csv_keeps_the_raw_row(events: KnowledgeGraph) -> None:
    result = events.query("evidence", actor="Turkey")
    table = render_table(result)
    shown = [str(column.header) for column in table.columns]
    assert "citation" in shown
    assert "quote" not in shown  # said in words by the citation
    assert "statement" not in shown
    text = result.to_csv()
    assert "\t" in text  # the raw row, tabs and all, is one column of the CSV
    header = next(csv.reader(io.StringIO(text)))
    assert {"citation", "quote", "statement", "origin"} <= set(header)


def test_an_actors_evidence_puts_documents_first_and_counts_each_origin(
    kg: KnowledgeGraph,
) -> None:
    """Morocco's evidence: the seed article's sentences, then the IPI rows; the table says how
    many of each."""
    result = kg.query("evidence", actor="Morocco")
    origins = result.column("origin")
    first_dataset = origins.index("dataset")
    assert set(origins[:first_dataset]) == {"document"}
    assert set(origins[first_dataset:]) == {"dataset"}
    caption = str(render_table(result).caption)
    documents, datasets = origins.count("document"), origins.count("dataset")
    assert caption == f"by origin: {documents} document rows, {datasets} dataset rows"
    assert documents > 0
    assert datasets > 0


def test_an_ipi_row_is_cited_with_the_number_the_row_gives(kg: KnowledgeGraph) -> None:
    """The built-in IPI rows (current_month.csv, March 2014): the troop number in the citation
    is the row's Troops column."""
    rows = kg.query("evidence", actor="Morocco", type="troop contribution").records()
    ipi = [r for r in rows if r["origin"] == "dataset"]
    assert ipi
    header = IPI_CURRENT.read_text(encoding="utf-8").split("\n")[0]
    columns = next(csv.reader([header]))
    for row in ipi:
        fields = next(csv.reader([str(row["quote"])]))
        troops = int(float(fields[columns.index("Troops")]))
        mission = row["otherLabel"]
        assert row["citation"] == f"IPI 2014-03 · Morocco → {mission} · {troops:,} troops"


def test_a_tie_counting_events_says_how_many_over_what_period(events: KnowledgeGraph) -> None:
    network = build_network(events.store)
    aggregated = [d for _, _, d in network.edges(data=True) if d.get("events") is not None]
    assert aggregated
    (count,) = events.store.select_values(
        "SELECT (SUM(?n) AS ?total) WHERE { ?t dipl:eventCount ?n }"
    )[1][0]
    assert sum(d["events"] for d in aggregated) == count == 2
    for data in aggregated:
        line = data["citation"]
        assert line.startswith("GDELT 2016-07 · ")
        assert re.search(r"· 1 event, mean Goldstein value -?\d", line), line
        # its cited row is the event's citation, which says it is counted
        assert all(
            "counted in a tie of 1 event, 2016-07" in e["citation"] for e in data["evidence"]
        )


def test_map_details_show_the_citation_with_the_raw_row_behind_it(events: KnowledgeGraph) -> None:
    network = build_network(events.store, "ego-network", {"actor": "Turkey"})
    payload = Page(render_map(network).html).raw_payload()
    details = payload["ties"]["details"]
    evidence = [e for detail in details for e in detail["evidence"]]
    assert evidence
    for item in evidence:
        assert item["quote"].startswith("GDELT 2016-07")
        assert "\t" in item["row"]  # the raw row, one click away
    rows = [dict(detail["rows"]) for detail in details]
    assert any(r.get("events") == "1 event, 2016-07" for r in rows)
    assert any("the mean Goldstein value of its 1 event" in r.get("weight", "") for r in rows)


def test_citations_past_the_limit_come_from_the_edges(
    events: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network citing more rows than CITE_FROM_STORE cites them from its edges: a row a tie
    counting events cites is then said as that tie's line, without what only the store holds
    (sector, code, place, address)."""
    full = build_network(events.store, "ego-network", {"actor": "Turkey"})
    monkeypatch.setattr(citations, "CITE_FROM_STORE", 0)
    short = build_network(events.store, "ego-network", {"actor": "Turkey"})
    quick = {key: data for _, _, key, data in short.edges(keys=True, data=True)}
    assert quick.keys() == {key for _, _, key in full.edges(keys=True)}
    for _, _, key, data in full.edges(keys=True, data=True):
        (row,) = data["evidence"]
        (fast,) = quick[key]["evidence"]
        assert row["citation"].startswith("GDELT 2016-07-28 · Turkey (GOV) → Russia")
        assert "http" in row["citation"]
        assert fast["citation"] == quick[key]["citation"] == data["citation"]
        assert "http" not in fast["citation"]


def test_path_says_a_dataset_row_in_words(cli: CliRunner) -> None:
    done = cli("path", "Morocco", "MONUSCO")
    assert done.returncode == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "IPI 2014-03 · Morocco → MONUSCO · 846 troops" in flat
    assert "2014-03-31,Morocco" not in flat  # not the raw row


def test_a_state_system_membership_is_cited_as_cow_says_it() -> None:
    kg = diplograph.open("memory")
    import_files(kg, "cow-states", [COW])
    found = kg.store.select_values(
        "SELECT ?m ?s WHERE { ?m dipl:memberState d:morocco ; prov:wasDerivedFrom ?s }"
    )[1]
    cited = citations.row_citations(kg.store, [(str(m), str(s)) for m, s in found])
    assert sorted(cited.values()) == [
        "COW 1847-01-01 to 1912-03-30 · Morocco · state-system membership",
        "COW from 1956-03-02 · Morocco · state-system membership",
    ]
    kg.close()


def test_documents_cite_themselves(kg: KnowledgeGraph) -> None:
    rows: list[dict[str, Any]] = kg.query("evidence", actor="Morocco").records()
    for row in rows:
        if row["origin"] == "document":
            assert row["citation"] == row["quote"]


def test_a_kept_network_keeps_its_citations_and_a_part_of_it_cites_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a store on disk the network of every tie is kept with its citations (said from the
    edges when it cites more rows than CITE_FROM_STORE); an ego network taken from it, citing
    few rows, has them read from the store again (sector, code, place, address)."""
    lines = (RAW / "events.csv").read_text(encoding="utf-8").split("\n")
    sample = tmp_path / "events.csv"
    sample.write_text("\n".join(lines[:200]) + "\n", encoding="utf-8")
    kg = diplograph.open(f"oxigraph:{tmp_path / 'store'}")
    try:
        import_files(kg, "gdelt", [sample])
        aggregate_events(kg.store)
        monkeypatch.setattr(citations, "CITE_FROM_STORE", 20)
        whole = build_network(kg.store)
        assert whole.graph["cited_from"] == "edges"
        kept = build_network(kg.store)  # read back from the store's folder
        assert [d["citation"] for _, _, d in kept.edges(data=True)] == [
            d["citation"] for _, _, d in whole.edges(data=True)
        ]
        part = build_network(kg.store, "ego-network", {"actor": "China"})
        rows = [e for _, _, d in part.edges(data=True) for e in d["evidence"] if e["dataset"]]
        assert 0 < len(rows) <= 20
        assert part.graph["cited_from"] == "store"
        assert all("http" in str(e["citation"]) for e in rows)
    finally:
        kg.close()
