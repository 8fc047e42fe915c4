"""Truth in the graph: evidence that validates itself, facts and assessments apart, readings with
their confidence, shapes that catch wrong ties, and an ontology a reasoner finds consistent."""

from __future__ import annotations

from pathlib import Path

import owlrl
import pytest
from rdflib import OWL, RDF, Graph, Namespace, URIRef

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.store.files import builtin_files
from diplograph.store.parsing import read_graph
from diplograph.validate import ValidationReport

from .conftest import FIXTURES, CliRunner

DIPL = Namespace("https://w3id.org/diplograph/ont#")
ID = "https://w3id.org/diplograph/id/"
#: owlrl records what makes a graph inconsistent as triples with this predicate
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


@pytest.fixture(scope="module")
def wrong_ties() -> ValidationReport:
    with diplograph.load([FIXTURES / "wrong-ties.ttl"], store="memory") as kg:
        return kg.validate()


@pytest.mark.parametrize(
    ("focus", "fragment"),
    [
        ("d:wrong-troops-to-a-state", "to actor is not of a kind"),
        ("d:wrong-relations-of-a-person", "from actor is not of a kind"),
        ("d:wrong-relations-of-a-person", "to actor is not of a kind"),
        ("d:wrong-duplicate-israel-morocco", "Duplicate tie"),
        ("d:wrong-friendly-sanction", "polarity differs"),
        ("d:wrong-ended-without-end", "ended but it has no end time"),
        ("d:wrong-active-with-past-end", "active but its end time is past"),
    ],
)
def test_each_wrong_tie_is_caught_by_its_rule(
    wrong_ties: ValidationReport, focus: str, fragment: str
) -> None:
    hits = [v for v in wrong_ties.violations if v.focus == focus and fragment in v.message]
    assert hits, [v.message for v in wrong_ties.violations if v.focus == focus]
    origin = "SHACL dsh:TieShape"
    if "kind" in fragment:
        origin = "check checks/tie-actor-kind-violation"
    elif fragment == "Duplicate tie":
        origin = "check duplicate ties"
    assert all(v.origin.startswith(origin) for v in hits), [v.origin for v in hits]
    assert all(v.where.endswith(".ttl:" + v.where.rsplit(":", 1)[-1]) for v in hits)
    assert all("wrong-ties.ttl:" in v.where for v in hits)


def test_a_justified_polarity_and_the_seed_ties_pass(wrong_ties: ValidationReport) -> None:
    flagged = {v.focus for v in wrong_ties.violations}
    assert "d:fine-sanction-with-a-reason" not in flagged
    seed = {f for f in flagged if not f.startswith("d:wrong-")}
    assert seed == {"d:tie-israel-morocco-diplomatic-relations"}  # the other half of the duplicate


def test_builtin_evidence_is_checked_verbatim_on_its_lines(kg: KnowledgeGraph) -> None:
    report = kg.validate()
    assert report.conforms, report.violations
    assert report.quotes_checked >= 30  # the 14 sentences and every dataset row the graph quotes
    assert report.unchecked == []


@pytest.mark.parametrize(
    ("focus", "fragment"),
    [
        ("d:stmt-invented", "does not appear in the document"),
        ("d:stmt-wrong-line", "is on line 3"),
        ("d:stmt-sentence-from-a-dataset", "is not a row of the dataset"),
    ],
)
def test_broken_evidence_is_reported_with_file_and_line(focus: str, fragment: str) -> None:
    with diplograph.load([FIXTURES / "broken-evidence.ttl"], store="memory") as kg:
        report = kg.validate()
    hits = [v for v in report.violations if v.focus == focus]
    assert len(hits) == 1, report.violations
    assert fragment in hits[0].message
    assert hits[0].origin == "evidence check"
    path, _, line = hits[0].where.rpartition(":")
    assert Path(path).name == "broken-evidence.ttl"
    lines = (FIXTURES / "broken-evidence.ttl").read_text(encoding="utf-8").splitlines()
    assert lines[int(line) - 1].startswith(focus)


def test_a_changed_document_copy_fails_its_hash(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("One sentence.\n", encoding="utf-8")
    facts = tmp_path / "facts.ttl"
    facts.write_text(
        "PREFIX d: <https://w3id.org/diplograph/id/>\n"
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>\n"
        "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        'd:doc-test a dipl:SourceDocument ; rdfs:label "test"@en ; dipl:localCopy "article.txt" ;\n'
        '    dipl:sha256 "' + "0" * 64 + '" .\n'
        "d:stmt-test a dipl:SourceStatement , dipl:ReportedFact ; prov:wasQuotedFrom d:doc-test ;\n"
        '    dipl:lineNumber 1 ; dipl:quote "One sentence." .\n',
        encoding="utf-8",
    )
    with diplograph.load([facts], store="memory") as kg:
        report = kg.validate()
    assert [v.focus for v in report.violations] == ["d:stmt-test"]
    assert "SHA-256" in report.violations[0].message


def test_evidence_counts_reports_of_fact_only(kg: KnowledgeGraph) -> None:
    evidence = {
        r["contributorLabel"]: r["evidence"] for r in kg.query("troop-contributors").records()
    }
    # Morocco: its own commitment (s01) and the commander's confirmation (s02); the author's
    # four assessments of its pledge (s05, s09, s11, s14) are not evidence
    assert evidence == {"Albania": 1, "Indonesia": 1, "Kazakhstan": 1, "Kosovo": 1, "Morocco": 2}
    pledge = kg.query("evidence", actor="Morocco", type="troop contribution").records()
    assert {r["kind"] for r in pledge} == {"fact"}


def test_every_sentence_is_a_fact_or_an_attributed_assessment(kg: KnowledgeGraph) -> None:
    answer = kg.store.query(
        "SELECT ?s ?kind ?by WHERE { ?s prov:wasQuotedFrom ?doc ; a ?kind ; "
        "prov:wasAttributedTo ?by . FILTER(?kind IN (dipl:ReportedFact, dipl:Assessment)) "
        'FILTER(STRSTARTS(STR(?s), "https://w3id.org/diplograph/id/stmt-e6f93236-")) }'
    )
    kinds = {str(s).rsplit("-", 1)[-1]: str(kind).rsplit("#", 1)[-1] for s, kind, _ in answer.rows}
    assert len(kinds) == 14
    assessments = {n for n, kind in kinds.items() if kind == "Assessment"}
    assert assessments == {"s05", "s06", "s08", "s09", "s10", "s11", "s13", "s14"}
    cited = kg.store.query(
        "SELECT ?s WHERE { ?tie a dipl:Tie ; prov:wasDerivedFrom ?s . ?s a dipl:Assessment }"
    )
    # a tie cites only what supports it, an assessment only where it states the tie's ground:
    # the armed forces' tie rests on their name (s10); the conflict is named in s06
    assert {str(r[0]).rsplit("-", 1)[-1] for r in cited.rows} == {"s06", "s10"}


def test_the_article_s_claims_about_morocco_are_queryable(kg: KnowledgeGraph) -> None:
    records = kg.query("assessments", actor="Morocco").records()
    lines = {r["line"] for r in records}
    assert lines == {4, 5, 6, 7, 9, 10}  # s05, s06, s08 and s09, s11, s13, s14
    assert all(r["byLabel"].startswith("Author of the seed article") for r in records)


def test_the_request_stays_open_and_the_acceptance_link_is_a_reading(kg: KnowledgeGraph) -> None:
    request = URIRef(ID + "event-trump-requests-participation")
    concerns = kg.store.query("SELECT ?x WHERE { ?e dipl:concerns ?x }", {"e": request}).rows
    assert concerns == []
    established = kg.store.query(
        "SELECT ?tie WHERE { ?e dipl:establishes ?tie }",
        {"e": URIRef(ID + "event-mohammed-vi-accepts")},
    ).rows
    assert established == []
    reading = kg.store.query(
        "SELECT ?confidence ?comment WHERE { ?r a dipl:Reading ; rdf:subject ?e ; "
        "rdf:object ?tie ; dipl:confidence ?confidence ; rdfs:comment ?comment }",
        {"e": URIRef(ID + "event-mohammed-vi-accepts")},
    ).rows
    assert len(reading) == 1
    assert float(str(reading[0][0])) < 1
    assert "never says" in str(reading[0][1])


def _closure(extra: Graph | None = None) -> Graph:
    graph = read_graph(builtin_files())
    if extra is not None:
        graph += extra
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(graph)
    return graph


def _problems(graph: Graph) -> list[str]:
    errors = [str(o) for o in graph.objects(None, OWLRL_ERROR)]
    nothing = [str(s) for s in graph.subjects(RDF.type, OWL.Nothing)]
    same = [f"{a} = {b}" for a, b in graph.subject_objects(OWL.sameAs) if a != b]
    return errors + nothing + same


def test_an_owl_rl_reasoner_finds_the_graph_consistent() -> None:
    assert _problems(_closure()) == []


def test_a_status_history_merges_no_concepts() -> None:
    tie = URIRef(ID + "tie-morocco-isf-troops")
    extra = Graph()
    extra.add((tie, DIPL.status, URIRef("https://w3id.org/diplograph/vocab/tie-status/Active")))
    assert _problems(_closure(extra)) == []  # with dipl:status functional: Pledged = Active


def test_the_reasoner_test_can_fail_on_a_person_who_is_a_state() -> None:
    extra = Graph()
    both = URIRef("https://example.org/person-and-state")
    extra.add((both, RDF.type, DIPL.State))
    extra.add((both, RDF.type, DIPL.Person))
    problems = _problems(_closure(extra))
    assert any("Disjoint classes" in p and "person-and-state" in p for p in problems)


def test_no_actor_is_typed_a_concept_by_the_reasoner() -> None:
    closure = _closure()
    skos_concept = URIRef("http://www.w3.org/2004/02/skos/core#Concept")
    actors = set(closure.subjects(RDF.type, DIPL.Actor))
    assert actors
    assert not {a for a in actors if (a, RDF.type, skos_concept) in closure}


def test_load_validate_refuses_and_leaves_the_store_unchanged(
    cli: CliRunner, tmp_path: Path
) -> None:
    store = f"oxigraph:{tmp_path / 'store'}"
    before = cli("--store", store, "sources")
    assert before.returncode == 0
    done = cli(
        "--store",
        store,
        "load",
        "--validate",
        str(FIXTURES / "wrong-ties.ttl"),
        str(FIXTURES / "user-facts.ttl"),
    )
    assert done.returncode == 1
    assert "refused" in done.stderr
    assert "wrong-ties.ttl:" in done.stderr
    assert "Nothing was loaded" in done.stderr
    after = cli("--store", store, "sources")
    assert after.stdout == before.stdout  # same files, same triple counts
    accepted = cli("--store", store, "load", "--validate", str(FIXTURES / "user-facts.ttl"))
    assert accepted.returncode == 0, accepted.stderr
    again = cli("--store", store, "load", "--validate", str(FIXTURES / "user-facts.ttl"))
    assert again.returncode == 0, again.stderr  # its earlier load is no duplicate
