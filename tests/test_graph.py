"""Honest data: hashes match the documents, quotes are exact text at the stated line, generated
context files are what the generator writes, and every external id comes from a cited row."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from diplograph.api import KnowledgeGraph
from diplograph.namespaces import DIPL
from diplograph.store import builtin_files, parse_file

from .conftest import REPOSITORY, SHARED_DATA

ID = "https://w3id.org/diplograph/id/"
DATASET_FILES = {
    ID + "dataset-country-codes": "country-code-crosswalk/country-codes.csv",
    ID + "dataset-cow-states-2016": "cow-states-2016/states2016.csv",
    ID + "dataset-countryinfo-120116": "country-code-crosswalk/CountryInfo.120116.txt",
}


def _document_text(kg: KnowledgeGraph, document: URIRef) -> bytes:
    copy = kg.graph.value(document, DIPL.localCopy)
    if copy is not None:
        return (REPOSITORY / str(copy)).read_bytes()
    path = SHARED_DATA / DATASET_FILES[str(document)]
    if not path.exists():
        pytest.skip(f"{path} is not beside this checkout")
    return path.read_bytes()


def test_every_builtin_file_parses() -> None:
    for path in builtin_files():
        assert len(parse_file(path)) > 0, path


def test_every_document_hash_matches_its_bytes(kg: KnowledgeGraph) -> None:
    documents = list(kg.graph.subjects(RDF.type, DIPL.SourceDocument))
    assert len(documents) == 4
    for document in documents:
        assert isinstance(document, URIRef)
        expected = str(kg.graph.value(document, DIPL.sha256))
        assert hashlib.sha256(_document_text(kg, document)).hexdigest() == expected, document


def test_seed_document_is_named_by_its_hash_and_leaves_unknowns_unknown(kg: KnowledgeGraph) -> None:
    text = (REPOSITORY / "graph/sources/000_50394d480bb7f741.txt").read_bytes()
    digest = hashlib.sha256(text).hexdigest()
    document = URIRef(f"https://w3id.org/diplograph/id/doc-sha256-{digest}")
    assert (document, RDF.type, DIPL.SourceDocument) in kg.graph
    described = {p for p, _ in kg.graph.predicate_objects(document)}
    schema = "https://schema.org/"
    assert (
        not {URIRef(schema + "url"), URIRef(schema + "datePublished"), URIRef(schema + "headline")}
        & described
    )


def test_every_quote_is_exact_text_on_its_line(kg: KnowledgeGraph) -> None:
    statements = list(kg.graph.subjects(RDF.type, DIPL.SourceStatement))
    assert len(statements) >= 20
    for statement in statements:
        document = kg.graph.value(statement, PROV.wasQuotedFrom)
        assert isinstance(document, URIRef)
        lines = _document_text(kg, document).decode("utf-8").split("\n")
        quote = str(kg.graph.value(statement, DIPL.quote))
        line = kg.graph.value(statement, DIPL.lineNumber)
        assert isinstance(line, Literal)
        assert quote in lines[int(line) - 1], statement


def test_every_seed_tie_cites_a_sentence_of_the_seed(kg: KnowledgeGraph) -> None:
    seed = parse_file(REPOSITORY / "graph/seed-000_50394d480bb7f741.ttl")
    ties = set(seed.subjects(RDF.type, DIPL.Tie))
    assert len(ties) == 14
    for tie in ties:
        statements = set(kg.graph.objects(tie, PROV.wasDerivedFrom))
        assert any("e6f93236-s" in str(s) for s in statements), tie


def test_external_ids_and_codes_appear_in_a_cited_row(kg: KnowledgeGraph) -> None:
    """An ISO code, COW code or Wikidata id on an actor is quoted by a statement it cites."""
    checked = 0
    for predicate in (DIPL.iso3166Alpha3, DIPL.cowAbbreviation, SKOS.exactMatch):
        for actor, code in kg.graph.subject_objects(predicate):
            token = str(code).rsplit("/", 1)[-1]
            quotes = [
                str(kg.graph.value(s, DIPL.quote))
                for s in kg.graph.objects(actor, PROV.wasDerivedFrom)
            ]
            assert any(f",{token}," in f",{q}," or q.endswith(token) for q in quotes), (actor, code)
            checked += 1
    assert checked >= 7 * 3 + 1


def test_every_actor_has_an_english_label(kg: KnowledgeGraph) -> None:
    actors = set(kg.query("actor-names").column("actor"))
    assert len(actors) == 16  # 8 states, the PA, ISF, Board of Peace, UN, MAF, 3 persons
    for actor in actors:
        assert any(
            isinstance(label, Literal) and label.language == "en"
            for label in kg.graph.objects(actor, RDFS.label)
        ), actor


def test_generated_context_files_are_up_to_date() -> None:
    if not SHARED_DATA.exists():
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    spec = importlib.util.spec_from_file_location(
        "build_context", REPOSITORY / "scripts/build_context.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, text in module.build(SHARED_DATA).items():
        committed = (REPOSITORY / "graph" / name).read_text(encoding="utf-8")
        assert committed == text, f"graph/{name} is stale: run scripts/build_context.py"


def test_seed_copy_is_byte_identical_to_the_shared_seed() -> None:
    shared = REPOSITORY.parent / "shared" / "seed" / "000_50394d480bb7f741.txt"
    if not shared.exists():
        pytest.skip(f"{shared} is not beside this checkout")
    assert (
        REPOSITORY / "graph/sources/000_50394d480bb7f741.txt"
    ).read_bytes() == shared.read_bytes()


def test_wikidata_ids_are_the_datasets(kg: KnowledgeGraph) -> None:
    morocco = URIRef("https://w3id.org/diplograph/id/morocco")
    assert set(kg.graph.objects(morocco, SKOS.exactMatch)) == {
        URIRef("http://www.wikidata.org/entity/Q1028")
    }
    # Kosovo has no row in the ISO-based dataset: its Wikidata id stays unknown
    kosovo = URIRef("https://w3id.org/diplograph/id/kosovo")
    assert set(kg.graph.objects(kosovo, SKOS.exactMatch)) == set()
