"""Honest data: hashes match the documents, quotes are exact text at the stated line, generated
context files are what the generator writes, and every external id comes from a cited row."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from diplograph.api import KnowledgeGraph
from diplograph.namespaces import DIPL
from diplograph.store.files import builtin_files
from diplograph.store.parsing import read_graph

from .conftest import REPOSITORY, SHARED_DATA

ID = "https://w3id.org/diplograph/id/"
DATASET_FILES = {
    ID + "dataset-country-codes": "country-code-crosswalk/country-codes.csv",
    ID + "dataset-cow-states-2016": "cow-states-2016/states2016.csv",
    ID + "dataset-countryinfo-120116": "country-code-crosswalk/CountryInfo.120116.txt",
}


def _document_text(graph: Graph, document: URIRef) -> bytes:
    """A source document's bytes: its local copy under graph/, or its dataset file in the shared
    data folder (a test that reads those skips as a whole, before any check, when it is absent:
    see :func:`_documents`)."""
    copy = graph.value(document, DIPL.localCopy)
    if copy is not None:
        return (REPOSITORY / "graph" / str(copy)).read_bytes()
    return (SHARED_DATA / DATASET_FILES[str(document)]).read_bytes()


def _documents(graph: Graph, *, local: bool) -> list[URIRef]:
    """The source documents with a local copy (``local``), or those that are dataset files in
    the shared data folder: for the latter the calling test is skipped up front, whole, when the
    folder is not beside this checkout, so no check is left out half way through."""
    documents = [d for d in graph.subjects(RDF.type, DIPL.SourceDocument) if isinstance(d, URIRef)]
    chosen = [d for d in documents if (graph.value(d, DIPL.localCopy) is not None) == local]
    if not local and chosen and not SHARED_DATA.exists():
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    return chosen


@pytest.fixture(scope="module")
def graph() -> Graph:
    """The built-in files as they are written, merged into one rdflib graph."""
    return read_graph(builtin_files())


def test_every_builtin_file_parses() -> None:
    for path in builtin_files():
        assert len(read_graph([path])) > 0, path


def test_every_source_document_is_counted(graph: Graph) -> None:
    documents = list(graph.subjects(RDF.type, DIPL.SourceDocument))
    crosswalk = read_graph(sorted((REPOSITORY / "graph").glob("crosswalk-*.ttl")))
    # the seed article, the five context documents and the crosswalk's datasets
    assert len(documents) == 6 + len(set(crosswalk.subjects(RDF.type, DIPL.SourceDocument)))
    assert len(_documents(graph, local=True)) >= 1


@pytest.mark.parametrize("local", [True, False], ids=["local copies", "dataset files"])
def test_every_document_hash_matches_its_bytes(graph: Graph, local: bool) -> None:
    for document in _documents(graph, local=local):
        expected = str(graph.value(document, DIPL.sha256))
        assert hashlib.sha256(_document_text(graph, document)).hexdigest() == expected, document


def test_seed_document_is_named_by_its_hash_and_leaves_unknowns_unknown(graph: Graph) -> None:
    text = (REPOSITORY / "graph/sources/000_50394d480bb7f741.txt").read_bytes()
    digest = hashlib.sha256(text).hexdigest()
    document = URIRef(f"https://w3id.org/diplograph/id/doc-sha256-{digest}")
    assert (document, RDF.type, DIPL.SourceDocument) in graph
    described = {p for p, _ in graph.predicate_objects(document)}
    schema = "https://schema.org/"
    assert (
        not {URIRef(schema + "url"), URIRef(schema + "datePublished"), URIRef(schema + "headline")}
        & described
    )


def test_every_quote_is_exact_text_on_its_line(graph: Graph) -> None:
    statements = list(graph.subjects(RDF.type, DIPL.SourceStatement))
    assert len(statements) >= 20
    quoted = {graph.value(s, PROV.wasQuotedFrom) for s in statements}
    if quoted - set(_documents(graph, local=True)):  # some quote a dataset file: it must be here
        _documents(graph, local=False)
    for statement in statements:
        document = graph.value(statement, PROV.wasQuotedFrom)
        assert isinstance(document, URIRef)
        lines = _document_text(graph, document).decode("utf-8").split("\n")
        quote = str(graph.value(statement, DIPL.quote))
        line = graph.value(statement, DIPL.lineNumber)
        assert isinstance(line, Literal)
        assert quote in lines[int(line) - 1], statement


def test_every_seed_tie_cites_a_sentence_of_the_seed(graph: Graph) -> None:
    seed = read_graph([REPOSITORY / "graph/seed-000_50394d480bb7f741.ttl"])
    ties = set(seed.subjects(RDF.type, DIPL.Tie))
    assert len(ties) == 14
    for tie in ties:
        statements = set(graph.objects(tie, PROV.wasDerivedFrom))
        assert any("e6f93236-s" in str(s) for s in statements), tie


def test_external_ids_and_codes_appear_in_a_cited_row(graph: Graph) -> None:
    """An ISO code, COW code or Wikidata id on an actor is quoted by a statement it cites."""
    checked = 0
    for predicate in (DIPL.iso3166Alpha3, DIPL.cowAbbreviation, SKOS.exactMatch):
        for actor, code in graph.subject_objects(predicate):
            if (actor, RDF.type, SKOS.Concept) in graph:
                continue  # a concept's match to a Wikidata class is a mapping, not an actor's id
            token = str(code).rsplit("/", 1)[-1]
            quotes = [
                str(graph.value(s, DIPL.quote)) for s in graph.objects(actor, PROV.wasDerivedFrom)
            ]
            assert any(f",{token}," in f",{q}," or q.endswith(token) for q in quotes), (actor, code)
            checked += 1
    assert checked >= 7 * 3 + 1


def test_every_actor_has_an_english_label(graph: Graph, kg: KnowledgeGraph) -> None:
    actors = set(kg.query("actor-names").column("actor"))
    seed = read_graph([REPOSITORY / "graph/seed-000_50394d480bb7f741.ttl"])
    seed_actors = {a for a in seed.subjects(RDF.type, None) if a in actors}
    assert len(seed_actors) == 16  # 8 states, the PA, ISF, Board of Peace, UN, MAF, 3 persons
    assert len(actors) > 200  # and the crosswalk's states, organisations and UN missions
    for actor in actors:
        assert any(
            isinstance(label, Literal) and label.language == "en"
            for label in graph.objects(actor, RDFS.label)
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


def test_wikidata_ids_are_the_datasets(graph: Graph) -> None:
    morocco = URIRef("https://w3id.org/diplograph/id/morocco")
    assert set(graph.objects(morocco, SKOS.exactMatch)) == {
        URIRef("http://www.wikidata.org/entity/Q1028")
    }
    # Kosovo has no row in the ISO-based dataset: its Wikidata id stays unknown
    kosovo = URIRef("https://w3id.org/diplograph/id/kosovo")
    assert set(graph.objects(kosovo, SKOS.exactMatch)) == set()
