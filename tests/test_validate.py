"""The graph conforms to the shapes and checks; broken data is caught, rule by rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.validate import ValidationReport

from .conftest import FIXTURES


def test_builtin_graph_conforms(kg: KnowledgeGraph) -> None:
    report = kg.validate()
    assert report.violations == []
    assert report.shapes_run >= 10
    assert report.checks_run >= 6


@pytest.fixture(scope="module")
def broken() -> ValidationReport:
    return diplograph.load([FIXTURES / "broken-ties.ttl"]).validate()


@pytest.mark.parametrize(
    ("focus", "origin", "fragment"),
    [
        ("d:test-tie-without-evidence", "SHACL dsh:ClaimShape", "must cite at least one source"),
        (
            "d:test-tie-without-evidence",
            "check checks/claim-without-evidence-violation",
            "no quoted",
        ),
        ("d:test-tie-ends-before-start", "SHACL dsh:ClaimShape", "end time precedes"),
        ("d:test-tie-ends-before-start", "check checks/end-before-start-violation", "ends before"),
        ("d:test-tie-bad-polarity", "SHACL dsh:TieShape", "Polarity is one of"),
        ("dipl:sourse", "check checks/unknown-predicate-violation", "not declared"),
        ("tt:Alience", "check checks/undefined-term-violation", "not declared"),
        ("sem:hasBeginTimestamp", "check checks/unknown-predicate-violation", "not declared"),
    ],
)
def test_each_broken_rule_is_reported(
    broken: ValidationReport, focus: str, origin: str, fragment: str
) -> None:
    assert not broken.conforms
    assert any(
        v.focus == focus and v.origin == origin and fragment in v.message for v in broken.violations
    ), [v for v in broken.violations if v.focus == focus]


def test_ontology_checks_fail_on_an_unlabelled_undefined_term(tmp_path: Path) -> None:
    extra = tmp_path / "term.ttl"
    extra.write_text(
        "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "dipl:Embassy a owl:Class ; rdfs:isDefinedBy <https://w3id.org/diplograph/ont> .\n",
        encoding="utf-8",
    )
    report = diplograph.load([extra]).validate()
    origins = {v.origin for v in report.violations if v.focus == "dipl:Embassy"}
    assert origins == {
        "check checks/missing-label-violation",
        "check checks/missing-definition-violation",
    }


def test_a_predicate_of_ours_defined_by_the_ontology_but_untyped_is_undeclared(
    tmp_path: Path,
) -> None:
    # what undefined-term found for predicates too until its predicates' part moved here
    extra = tmp_path / "term.ttl"
    extra.write_text(
        "@prefix d: <https://w3id.org/diplograph/id/> .\n"
        "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "dipl:hostsEmbassyOf rdfs:isDefinedBy <https://w3id.org/diplograph/ont> ;\n"
        '  rdfs:label "hosts embassy of"@en ; skos:definition "A test term."@en .\n'
        "d:morocco dipl:hostsEmbassyOf d:egypt .\n",
        encoding="utf-8",
    )
    report = diplograph.load([extra]).validate()
    origins = {v.origin for v in report.violations if v.focus == "dipl:hostsEmbassyOf"}
    assert origins == {"check checks/unknown-predicate-violation"}


def test_undirected_tie_in_reverse_order_and_self_loop_are_reported(tmp_path: Path) -> None:
    extra = tmp_path / "ties.ttl"
    extra.write_text(
        "@prefix d: <https://w3id.org/diplograph/id/> .\n"
        "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix tt: <https://w3id.org/diplograph/vocab/tie-type/> .\n"
        "d:t1 a dipl:Tie ; dipl:fromActor d:morocco ; dipl:toActor d:israel ;\n"
        "  dipl:tieType tt:Alliance ; prov:wasDerivedFrom d:stmt-e6f93236-s07 .\n"
        "d:t2 a dipl:Tie ; dipl:fromActor d:egypt ; dipl:toActor d:egypt ;\n"
        "  dipl:tieType tt:TroopContribution ; prov:wasDerivedFrom d:stmt-e6f93236-s03 .\n",
        encoding="utf-8",
    )
    report = diplograph.load([extra]).validate()
    messages = {(v.focus, v.message.split(" (value")[0]) for v in report.violations}
    assert (
        "d:t1",
        "An undirected tie lists its actors in IRI order (from < to), so each pair is stored once.",
    ) in messages
    assert ("d:t2", "Self-loop: the tie's from actor and to actor are the same.") in messages


def test_whole_confidence_and_weight_may_be_integers(tmp_path: Path) -> None:
    """A confidence or weight written as an integer (1, as an engine may give back a whole
    decimal) conforms, as 1.0 does; a text or a value out of range is still reported."""
    extra = tmp_path / "numbers.ttl"
    extra.write_text(
        "@prefix d: <https://w3id.org/diplograph/id/> .\n"
        "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix tt: <https://w3id.org/diplograph/vocab/tie-type/> .\n"
        "d:t-whole a dipl:Tie ; dipl:fromActor d:egypt ; dipl:toActor d:isf ;\n"
        "  dipl:tieType tt:TroopContribution ; prov:wasDerivedFrom d:stmt-e6f93236-s03 ;\n"
        "  dipl:confidence 1 ; dipl:weight -10 .\n"
        "d:t-decimal a dipl:Tie ; dipl:fromActor d:jordan ; dipl:toActor d:isf ;\n"
        "  dipl:tieType tt:TroopContribution ; prov:wasDerivedFrom d:stmt-e6f93236-s03 ;\n"
        "  dipl:confidence 1.0 ; dipl:weight 6.0 .\n"
        "d:t-text a dipl:Tie ; dipl:fromActor d:indonesia ; dipl:toActor d:isf ;\n"
        "  dipl:tieType tt:TroopContribution ; prov:wasDerivedFrom d:stmt-e6f93236-s03 ;\n"
        '  dipl:confidence "high" ; dipl:weight 11 .\n',
        encoding="utf-8",
    )
    report = diplograph.load([extra]).validate()
    shapes = [v for v in report.violations if v.origin.startswith("SHACL")]
    assert {v.focus for v in shapes} == {"d:t-text"}, shapes
    messages = " ".join(v.message for v in shapes)
    assert "Confidence is one decimal between 0 and 1" in messages
    assert "Weight is one decimal from -10 to 10" in messages


# ---------------------------------------------------------------- duplicate ties, whole store

DUPLICATES = """\
@prefix d: <https://w3id.org/diplograph/id/> .
@prefix dipl: <https://w3id.org/diplograph/ont#> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix ts: <https://w3id.org/diplograph/vocab/tie-status/> .
@prefix tt: <https://w3id.org/diplograph/vocab/tie-type/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# Syldavia's troops for Borduria, month by month: March and April apart, April twice
d:t-march a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:TroopContribution ;
    sem:hasBeginTimeStamp "2014-03-01"^^xsd:date ; sem:hasEndTimeStamp "2014-03-31"^^xsd:date .
d:t-april a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:TroopContribution ;
    sem:hasBeginTimeStamp "2014-04-01"^^xsd:date ; sem:hasEndTimeStamp "2014-04-30"^^xsd:date .
# the same day, once as a dateTime: the same time
d:t-april-again a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:TroopContribution ;
    sem:hasBeginTimeStamp "2014-04-30T00:00:00"^^xsd:dateTime .
# a long spell, ended, from 2000 to 2 March 2014
d:t-long a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:TroopContribution ; dipl:status ts:Ended ;
    sem:hasBeginTimeStamp "2000-01-01"^^xsd:date ; sem:hasEndTimeStamp "2014-03-02"^^xsd:date .
d:t-long-too a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:TroopContribution ; dipl:status ts:Ended ;
    sem:hasEndTimeStamp "1999-12-31"^^xsd:date .
# inside the long spell, after a shorter one that began before it and ended before it
d:t-before a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:TroopContribution ; dipl:status ts:Ended ;
    sem:hasBeginTimeStamp "2005-01-01"^^xsd:date ; sem:hasEndTimeStamp "2005-12-31"^^xsd:date .
d:t-inside a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:TroopContribution ; dipl:status ts:Ended ;
    sem:hasBeginTimeStamp "2010-01-01"^^xsd:date ; sem:hasEndTimeStamp "2011-01-01"^^xsd:date .
# no time at all: overlaps every tie of its key, of which there is one other
d:t-undated a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:TroopContribution .
d:t-undated-too a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:TroopContribution ; sem:hasBeginTimeStamp "1990-01-01"^^xsd:date .
"""


def test_duplicate_ties_are_ties_of_one_key_whose_times_overlap() -> None:
    from diplograph.store import open_store
    from diplograph.validate import duplicate_ties

    store = open_store("memory")
    store.update(f"INSERT DATA {{ {_triples(DUPLICATES)} }}")
    found = {(v.focus, v.value.rsplit("/", 1)[-1]) for v in duplicate_ties(store)}
    pairs = {
        ("t-april", "t-april-again"),
        ("t-undated", "t-undated-too"),
        ("t-long", "t-before"),
        ("t-long", "t-inside"),
    }
    # March and April are apart; the long spell ends on 2 March but is Ended (another status
    # than March's none); the spell ending in 1999 is before the one beginning in 2000; 2005
    # ended before 2010 began
    assert found == {(f"d:{a}", b) for a, b in pairs} | {(f"d:{b}", a) for a, b in pairs}


QUALIFIED = """\
@prefix d: <https://w3id.org/diplograph/id/> .
@prefix dipl: <https://w3id.org/diplograph/ont#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rl: <https://w3id.org/diplograph/vocab/representation-level/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix tt: <https://w3id.org/diplograph/vocab/tie-type/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

d:s-atop-1 prov:wasQuotedFrom d:atop-members .
d:s-atop-2 prov:wasQuotedFrom d:atop-members .
d:s-wikidata prov:wasQuotedFrom d:wikidata-p530 .
d:s-graph prov:wasQuotedFrom d:some-article .
d:s-graph-2 prov:wasQuotedFrom d:some-article .

# Syldavia and Borduria allied twice at once, in two alliances: apart; twice in one: duplicates
d:a-first a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:Alliance ; dipl:inAlliance d:atop-1 ; prov:wasDerivedFrom d:s-atop-1 ;
    sem:hasBeginTimeStamp "1949-04-04"^^xsd:date .
d:a-second a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:Alliance ; dipl:inAlliance d:atop-2 ; prov:wasDerivedFrom d:s-atop-2 ;
    sem:hasBeginTimeStamp "1950-01-01"^^xsd:date .
d:a-second-again a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:Alliance ; dipl:inAlliance d:atop-2 ; prov:wasDerivedFrom d:s-atop-2 ;
    sem:hasBeginTimeStamp "1960-01-01"^^xsd:date .
# one that has the qualifier and one that has not: apart
d:a-unqualified a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:Alliance ; prov:wasDerivedFrom d:s-atop-1 .
# undated relations of one pair from Wikidata and from an article: one claim per source
d:r-wikidata a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:DiplomaticRelations ; prov:wasDerivedFrom d:s-wikidata .
d:r-article a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:DiplomaticRelations ; prov:wasDerivedFrom d:s-graph .
# the same article twice (another of its sentences): duplicates
d:r-article-again a dipl:Tie ; dipl:fromActor d:borduria ; dipl:toActor d:syldavia ;
    dipl:tieType tt:DiplomaticRelations ; prov:wasDerivedFrom d:s-graph-2 .
# two runs of ambassadors, observed 1950-1960 and 1970-1980, unknown between: apart (their
# exact begin or end missing, they would be open); a minister observed in 1955: apart
d:run-1 a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:DiplomaticRepresentation ; dipl:representationLevel rl:Ambassador ;
    prov:wasDerivedFrom d:s-graph ;
    sem:hasLatestBeginTimeStamp "1950-01-01"^^xsd:date ;
    sem:hasEarliestEndTimeStamp "1960-12-31"^^xsd:date ;
    sem:hasLatestEndTimeStamp "1969-12-31"^^xsd:date .
d:run-2 a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:DiplomaticRepresentation ; dipl:representationLevel rl:Ambassador ;
    prov:wasDerivedFrom d:s-graph ;
    sem:hasEarliestBeginTimeStamp "1961-01-01"^^xsd:date ;
    sem:hasLatestBeginTimeStamp "1970-01-01"^^xsd:date ;
    sem:hasEarliestEndTimeStamp "1980-12-31"^^xsd:date .
d:run-minister a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:DiplomaticRepresentation ; dipl:representationLevel rl:Minister ;
    prov:wasDerivedFrom d:s-graph ;
    sem:hasLatestBeginTimeStamp "1955-01-01"^^xsd:date ;
    sem:hasEarliestEndTimeStamp "1955-12-31"^^xsd:date .
# the first run again, its observed span inside the first's: a duplicate
d:run-1-again a dipl:Tie ; dipl:fromActor d:syldavia ; dipl:toActor d:borduria ;
    dipl:tieType tt:DiplomaticRepresentation ; dipl:representationLevel rl:Ambassador ;
    prov:wasDerivedFrom d:s-graph ;
    sem:hasLatestBeginTimeStamp "1955-01-01"^^xsd:date ;
    sem:hasEarliestEndTimeStamp "1958-12-31"^^xsd:date .
"""


def test_qualifiers_sources_and_observed_spans_tell_ties_apart() -> None:
    from diplograph.store import open_store
    from diplograph.validate import duplicate_ties

    store = open_store("memory")
    store.update(f"INSERT DATA {{ {_triples(QUALIFIED)} }}")
    found = {(v.focus, v.value.rsplit("/", 1)[-1]) for v in duplicate_ties(store)}
    pairs = {
        ("a-second", "a-second-again"),
        ("r-article", "r-article-again"),
        ("run-1", "run-1-again"),
    }
    assert found == {(f"d:{a}", b) for a, b in pairs} | {(f"d:{b}", a) for a, b in pairs}


def test_ties_that_are_blank_nodes_are_left_out_of_the_duplicates() -> None:
    # a blank node has no name to report it by (the comparison once failed on it)
    from diplograph.store import open_store
    from diplograph.validate import duplicate_ties

    store = open_store("memory")
    nameless = "[] a dipl:Tie ; dipl:fromActor d:egypt ; dipl:toActor d:jordan ;\n"
    store.update(
        "INSERT DATA { "
        + _triples(
            "@prefix d: <https://w3id.org/diplograph/id/> .\n"
            "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
            "@prefix tt: <https://w3id.org/diplograph/vocab/tie-type/> .\n"
            + (nameless + "    dipl:tieType tt:Partnership .\n")
            * 2
            + "d:t-one a dipl:Tie ; dipl:fromActor d:egypt ; dipl:toActor d:jordan ;\n"
            "    dipl:tieType tt:Alliance .\n"
            "d:t-two a dipl:Tie ; dipl:fromActor d:egypt ; dipl:toActor d:jordan ;\n"
            "    dipl:tieType tt:Alliance .\n"
        )
        + " }"
    )
    found = {(v.focus, v.value.rsplit("/", 1)[-1]) for v in duplicate_ties(store)}
    assert found == {("d:t-one", "t-two"), ("d:t-two", "t-one")}


def _triples(turtle: str) -> str:
    from rdflib import Graph

    return Graph().parse(data=turtle, format="turtle").serialize(format="nt")


def test_a_sampled_file_still_reports_what_is_wrong_with_a_resource_it_sampled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file over the size the shapes see whole is sampled, each sampled resource whole: a
    wrong polarity in it is reported, located in the file; the sampled ties' right quantities
    (parts of them in other triples) are not."""
    from diplograph import validate as validation

    ties = "".join(
        f"d:t{i} a dipl:Tie ; dipl:fromActor d:morocco ; dipl:toActor d:isf ;\n"
        f"    dipl:tieType tt:TroopContribution ; dipl:polarity {7 if i == 3 else 1} ;\n"
        f"    dipl:quantity [ a schema:QuantitativeValue ; schema:value {i} ;"
        ' schema:unitText "troops" ] ;\n'
        "    prov:wasDerivedFrom d:stmt-e6f93236-s02 .\n"
        for i in range(6)
    )
    big = tmp_path / "big.ttl"
    big.write_text(
        "@prefix d: <https://w3id.org/diplograph/id/> .\n"
        "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "@prefix tt: <https://w3id.org/diplograph/vocab/tie-type/> .\n" + ties,
        encoding="utf-8",
    )
    monkeypatch.setattr(validation, "SHACL_FULL_LIMIT", 10)
    monkeypatch.setattr(validation, "SHACL_SAMPLE", 100)
    report = diplograph.load([big]).validate()
    # its 6 ties and the file's own record, of 13 typed resources (the quantities are blank
    # nodes: parts of their ties, seen with them)
    assert report.sampled == [("big.ttl", 7, 13)]
    shapes = [v for v in report.violations if v.origin.startswith("SHACL")]
    assert {(v.focus, v.where) for v in shapes} == {("d:t3", f"{big}:18")}
    assert any("Polarity is one of -1, 0, 1." in v.message for v in shapes)
