"""The actor crosswalk: generated from the public tables, on the seed's actors, with Wikidata ids
as plain identifiers, and good enough to name every actor the datasets name."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, SKOS

from diplograph.api import KnowledgeGraph
from diplograph.importers.crosswalk import load_crosswalk, name_key, organisation_in
from diplograph.store.parsing import read_graph

from .conftest import REPOSITORY, SHARED_DATA

CROSSWALK = sorted((REPOSITORY / "graph").glob("crosswalk-*.ttl"))


def _values(kg: KnowledgeGraph, text: str) -> list[tuple[Any, ...]]:
    return kg.store.select_values(text)[1]


def test_generated_files_are_up_to_date() -> None:
    if not SHARED_DATA.exists():
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    spec = importlib.util.spec_from_file_location(
        "build_crosswalk", REPOSITORY / "scripts/build_crosswalk.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    for name, text in module.build(SHARED_DATA, REPOSITORY).items():
        committed = (REPOSITORY / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run scripts/build_crosswalk.py"


def test_the_seeds_states_carry_every_code(kg: KnowledgeGraph) -> None:
    [row] = _values(
        kg,
        "SELECT ?a2 ?a3 ?m49 ?fips ?cowA ?cowN ?cameo ?qid WHERE { d:morocco "
        "dipl:iso3166Alpha2 ?a2 ; dipl:iso3166Alpha3 ?a3 ; dipl:m49Code ?m49 ; "
        "dipl:fips104Code ?fips ; dipl:cowAbbreviation ?cowA ; dipl:cowCode ?cowN ; "
        "dipl:cameoCode ?cameo ; dipl:wikidataId ?qid }",
    )
    assert row == ("MA", "MAR", 504, "MO", "MOR", 600, "MAR", "Q1028")
    [(label,)] = _values(kg, 'SELECT ?l WHERE { d:morocco rdfs:label ?l FILTER(lang(?l) = "en") }')
    assert label == "Morocco"  # the seed's label, not a second one


def test_wikidata_ids_are_identifiers_not_identities() -> None:
    graph = read_graph(CROSSWALK)
    wikidata = "http://www.wikidata.org/entity/"
    for predicate in (SKOS.exactMatch, OWL.sameAs, SKOS.closeMatch):
        assert not [o for o in graph.objects(None, predicate) if str(o).startswith(wikidata)]
    ids = [
        str(o) for o in graph.objects(None, URIRef("https://w3id.org/diplograph/ont#wikidataId"))
    ]
    assert len(ids) > 190
    assert all(i[0] == "Q" and i[1:].isdigit() for i in ids)


def test_identity_decisions(kg: KnowledgeGraph) -> None:
    rows = dict(
        _values(
            kg,
            "SELECT ?what ?value WHERE { "
            "{ d:serbia dipl:cowCode ?value BIND('serbia cow' AS ?what) } UNION "
            "{ d:kosovo dipl:cameoCode ?value BIND('kosovo cameo' AS ?what) } UNION "
            "{ d:kosovo dipl:fips104Code ?value BIND('kosovo fips' AS ?what) } UNION "
            "{ d:serbia dipl:fips104Code ?value BIND('serbia fips' AS ?what) } UNION "
            "{ d:palestinian-authority dipl:cameoCode ?value BIND('pa cameo' AS ?what) } }",
        )
    )
    assert rows == {
        "serbia cow": 345,  # COW's Yugoslavia continues as Serbia
        "kosovo cameo": "KSV",  # CountryInfo's code: Kosovo has no ISO entry
        "kosovo fips": "KV",  # not Serbia's, although country-codes.csv writes RIKV
        "serbia fips": "RI",
        "pa cameo": "PSE",
    }
    fips = {
        f for (f,) in _values(kg, "SELECT ?f WHERE { d:palestinian-authority dipl:fips104Code ?f }")
    }
    assert fips == {"GZ", "WE"}  # country-codes.csv's GZWE
    # the PA takes the State of Palestine's codes, not its Wikidata item, type or names
    assert _values(kg, "SELECT ?q WHERE { d:palestinian-authority dipl:wikidataId ?q }") == []
    assert _values(kg, "SELECT ?l WHERE { d:palestinian-authority skos:altLabel ?l }") == [("PA",)]


def test_actor_codes_read_the_most_specific_organisation() -> None:
    known = {"UNO", "WBK", "NAT"}
    assert organisation_in("IGOUNODEVWBK", known) == "WBK"
    assert organisation_in("IGOWSTNATGOV", known) == "NAT"
    assert organisation_in("IGOUNO", known) == "UNO"
    assert organisation_in("USAGOV", known) is None
    assert organisation_in("IGOEUR", known) is None


def test_names_fold_case_accents_and_punctuation() -> None:
    assert name_key("Côte d’Ivoire") == name_key("Cote d Ivoire") == "cote d ivoire"
    assert name_key("Republic of Korea (the)") == name_key("REPUBLIC OF KOREA")
    assert name_key("The Gambia") == "gambia"


def test_every_peacekeeping_contributor_is_named(kg: KnowledgeGraph) -> None:
    countries = SHARED_DATA / "un-peacekeeping-ipi" / "countries"
    if not countries.exists():
        pytest.skip(f"{countries} is not here")
    crosswalk = load_crosswalk(kg.store)
    names = [p.stem for p in countries.glob("*.csv")]
    assert len(names) == 148
    assert [n for n in names if crosswalk.state_named(n) is None] == []
    assert crosswalk.state_named("DR Congo") == "https://w3id.org/diplograph/id/congo-kinshasa"


def test_cameo_codes_are_all_there_repaired(kg: KnowledgeGraph) -> None:
    rows = dict(
        _values(
            kg,
            "SELECT ?code ?label WHERE { ?c skos:inScheme cameo:scheme ; skos:notation ?code ; "
            'skos:prefLabel ?label FILTER(?code IN ("106", "1056", "044", "033", "010")) }',
        )
    )
    # 106 was merged into 1056's line of CAMEO.eventcodes.txt; 044 was mojibake; 033 misspelt
    assert rows["106"] == "Demand withdrawal"
    assert rows["1056"] == "Demand de-escalation of military engagement"
    assert rows["044"] == "Meet at a “third” location"
    assert "material" in rows["033"]
    [(n,)] = _values(kg, "SELECT (COUNT(?c) AS ?n) WHERE { ?c skos:inScheme cameo:scheme }")
    assert n == 311
