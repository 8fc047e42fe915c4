"""The competency questions of the foundation issue, answered from the graph through the API."""

from __future__ import annotations

from diplograph.api import KnowledgeGraph


def test_troop_pledges_to_the_isf_are_exactly_five(kg: KnowledgeGraph) -> None:
    result = kg.query("troop-contributors", force="ISF", status="pledged")
    assert sorted(result.column("contributorLabel")) == [
        "Albania",
        "Indonesia",
        "Kazakhstan",
        "Kosovo",
        "Morocco",
    ]
    assert set(result.column("kindLabel")) == {"state"}


def test_police_trainers_are_egypt_and_jordan(kg: KnowledgeGraph) -> None:
    result = kg.query("police-trainers")
    assert set(result.column("trainerLabel")) == {"Egypt", "Jordan"}
    assert set(result.column("statusLabel")) == {"pledged"}


def test_jasper_jeffers_commands_the_isf(kg: KnowledgeGraph) -> None:
    rows = [
        r
        for r in kg.query("ties-by-type", type="command").records()
        if r["toLabel"] == "International Stabilization Force"
    ]
    assert [r["fromLabel"] for r in rows] == ["Jasper Jeffers"]


def test_morocco_has_ties_to_both_israel_and_the_palestinian_authority(kg: KnowledgeGraph) -> None:
    result = kg.query("common-partners", a="Israel", b="Palestinian Authority")
    assert "Morocco" in result.column("partnerLabel")
    # and the pair itself is never its own partner
    assert not {"Israel", "Palestinian Authority"} & set(result.column("partnerLabel"))


def test_the_sentence_and_document_behind_moroccos_pledge(kg: KnowledgeGraph) -> None:
    records = kg.query("evidence", actor="Morocco", type="troop contribution").records()
    # the pledge to the ISF (the article), and Morocco's troops in two UN missions in March 2014
    # (IPI, context ties), each quoting its row
    assert {r["otherLabel"] for r in records} == {
        "International Stabilization Force",
        "MONUSCO",
        "UNOCI",
    }
    missions = [r for r in records if r["otherLabel"] != "International Stabilization Force"]
    assert sorted((r["otherLabel"], r["line"]) for r in missions) == [
        ("MONUSCO", 320),
        ("UNOCI", 321),
    ]
    assert {str(r["document"]) for r in missions} == {
        "https://w3id.org/diplograph/id/"
        "doc-sha256-457d805193f85439529a2bff340c9e57ff3ad7a88e45be25e2482f5e75d46586"
    }
    assert all(r["statusLabel"] is None and r["kind"] == "fact" for r in missions)
    records = [r for r in records if r["otherLabel"] == "International Stabilization Force"]
    quotes = {r["quote"] for r in records}
    assert (
        "During a meeting of President Donald Trump’s newly created Board of Peace, ISF commander "
        "Army Major General Jasper Jeffers confirmed that five countries - Indonesia, Morocco, "
        "Kazakhstan, Kosovo and Albania - have pledged troops for the mission."
    ) in quotes
    documents = {str(r["document"]) for r in records}
    assert documents == {
        "https://w3id.org/diplograph/id/"
        "doc-sha256-e6f93236834224cb6fd41d50416141a106ca3876bcda58446285b9bada888765"
    }
    assert all(r["statusLabel"] == "pledged" for r in records)


def test_morocco_is_the_only_maghreb_country_pledging_troops(kg: KnowledgeGraph) -> None:
    """The article's 'only Maghreb country' is derivable, not asserted: check it holds."""
    pledgers = {str(t) for t in kg.query("troop-contributors", force="ISF").column("contributor")}
    answer = kg.store.query(
        "SELECT ?member WHERE { ?m dipl:member ?member ; dipl:region d:maghreb }"
    )
    maghreb = {str(row[0]) for row in answer.rows}
    assert pledgers & maghreb == {"https://w3id.org/diplograph/id/morocco"}
