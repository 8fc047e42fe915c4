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
        ("dipl:sourse", "check checks/undefined-term-violation", "not declared"),
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
