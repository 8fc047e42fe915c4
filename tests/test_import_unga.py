"""UN General Assembly votes import: agreement per pair and session, computed with numpy and
checked by hand against the raw votes file; absences and non-membership are no votes; issues.

``fixtures/datasets/unga-votes/`` holds real rows, unchanged: the roll calls of sessions 46, 69
and 70 (``rollcalls.csv``, the 2016 release's table) and the votes on them of the United States,
Morocco, Indonesia, Israel, Kazakhstan, Albania and Taiwan, with two rows of vote 9 and member 1
(``votes.csv``, in the file's order).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal, URIRef

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import import_files

from .conftest import FIXTURES, SHARED_DATA, CliRunner, rejected_lines

FOLDER = FIXTURES / "datasets" / "unga-votes"
VOTES = FOLDER / "votes.csv"
RAW = SHARED_DATA / "unga-votes-voeten"
D = "https://w3id.org/diplograph/id/"


@pytest.fixture(scope="module")
def imported() -> tuple[KnowledgeGraph, dict[str, Any]]:
    kg = diplograph.open("memory")
    reports = import_files(kg, "unga-votes", [FOLDER])
    return kg, {r.file.name: r for r in reports}


def _by_hand(votes: Path, rollcalls: Path, a: int, b: int, session: int) -> tuple[int, int]:
    """(agreeing, common) of two states in a session, from the raw files with the csv module."""
    with rollcalls.open(newline="") as stream:
        calls = {r["rcid"] for r in csv.DictReader(stream) if r["session"] == str(session)}
    cast: dict[str, dict[int, str]] = {}
    with votes.open(newline="") as stream:
        for row in csv.DictReader(stream):
            if row["rcid"] in calls and int(row["ccode"]) in (a, b) and row["vote"] in "123":
                cast.setdefault(row["rcid"], {})[int(row["ccode"])] = row["vote"]
    both = [v for v in cast.values() if len(v) == 2]
    return sum(1 for v in both if v[a] == v[b]), len(both)


def _tie(kg: KnowledgeGraph, one: str, two: str, session: int) -> tuple[Any, ...]:
    [row] = kg.store.select_values(
        "SELECT ?agreement ?common ?agreeing ?begin ?end WHERE {"
        " ?t dipl:tieType tt:VotingAgreement ; dipl:unSession ?session ;"
        " dipl:agreement ?agreement ; dipl:commonVotes ?common ; dipl:agreeingVotes ?agreeing ;"
        " sem:hasBeginTimeStamp ?begin ; sem:hasEndTimeStamp ?end ;"
        " dipl:fromActor ?a ; dipl:toActor ?b . FILTER NOT EXISTS { ?t dipl:votingIssue ?i } }",
        {
            "session": Literal(session),
            "a": URIRef(min(D + one, D + two)),
            "b": URIRef(max(D + one, D + two)),
        },
    )[1]
    return row


def test_every_vote_is_counted_or_filtered_and_the_tables_are_read_beside(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    _, reports = imported
    votes, calls = reports["votes.csv"], reports["rollcalls.csv"]
    with VOTES.open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    cast = sum(1 for r in rows if r["vote"] in ("1", "2", "3"))
    assert (votes.read, votes.imported, votes.rejected) == (len(rows), cast, 0)
    assert votes.filtered_reasons == {
        "absent (vote 8): not a vote": sum(1 for r in rows if r["vote"] == "8"),
        "not a member or did not take part (vote 9): not a vote": sum(
            1 for r in rows if r["vote"] == "9"
        ),
    }
    assert (calls.read, calls.filtered, calls.imported) == (229, 229, 0)
    assert all(r.balanced for r in reports.values())


@pytest.mark.parametrize(
    ("one", "two", "codes", "session"),
    [
        ("morocco", "indonesia", (600, 850), 70),
        ("united-states", "israel", (2, 666), 69),
        ("morocco", "albania", (600, 339), 46),
    ],
)
def test_agreement_recomputed_by_hand_from_the_votes_file(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
    one: str,
    two: str,
    codes: tuple[int, int],
    session: int,
) -> None:
    kg, _ = imported
    agreement, common, agreeing, _, _ = _tie(kg, one, two, session)
    expected_agreeing, expected_common = _by_hand(VOTES, FOLDER / "rollcalls.csv", *codes, session)
    assert (agreeing, common) == (expected_agreeing, expected_common)
    assert float(agreement) == pytest.approx(expected_agreeing / expected_common, abs=5e-5)


@pytest.mark.skipif(not (RAW / "UNVotesPublished_votes.csv").exists(), reason="no shared data")
def test_the_fixture_rows_are_the_raw_files_and_agree_with_them() -> None:
    """Spot check against the raw files: Morocco and Indonesia in session 70, by hand from the
    whole votes file, equal the fixture's (which the import reproduces, test above)."""
    raw = _by_hand(
        RAW / "UNVotesPublished_votes.csv", RAW / "UNVotesPublished_rollcalls.csv", 600, 850, 70
    )
    assert raw == _by_hand(VOTES, FOLDER / "rollcalls.csv", 600, 850, 70)
    assert raw[1] > 50  # session 70 had more than 50 roll calls both voted on


def test_quirk_nine_with_member_one_is_not_a_vote(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    # 3587,331,9,1 (San Marino) and 3587,344,9,1 (Croatia): no vote, no tie of theirs
    rows = kg.store.select_values(
        "SELECT ?t WHERE { ?t dipl:tieType tt:VotingAgreement ; dipl:fromActor|dipl:toActor ?s"
        " VALUES ?s { d:san-marino d:croatia } }"
    )[1]
    assert rows == []


def test_taiwan_not_a_member_has_no_agreement(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    rows = kg.store.select_values(
        "SELECT ?t WHERE { ?t dipl:tieType tt:VotingAgreement ;"
        " dipl:fromActor|dipl:toActor d:taiwan }"
    )[1]
    assert rows == []


def test_each_tie_cites_its_sessions_rows_by_range(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    [(first, last, quoted)] = kg.store.select_values(
        "SELECT ?first ?last (BOUND(?q) AS ?quoted) WHERE { ?t dipl:tieType tt:VotingAgreement ;"
        " dipl:unSession 70 ; dipl:fromActor d:indonesia ; dipl:toActor d:morocco ;"
        " prov:wasDerivedFrom ?s . ?s dipl:lineNumber ?first ; dipl:lastLineNumber ?last"
        " OPTIONAL { ?s dipl:quote ?q } }"
    )[1]
    lines = VOTES.read_text(encoding="ascii").split("\n")
    with (FOLDER / "rollcalls.csv").open(newline="") as stream:
        session = {r["rcid"] for r in csv.DictReader(stream) if r["session"] == "70"}
    inside = [n for n, line in enumerate(lines, start=1) if line.split(",")[0] in session]
    assert (first, last) == (min(inside), max(inside))
    assert not quoted


def test_the_query_lists_partners_closest_first(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    kg, _ = imported
    rows = kg.query(
        "voting-agreement", actor="Morocco", **{"from": "2015-09-12", "to": "2015-12-31"}
    ).records()
    assert rows[0]["partnerLabel"] in ("Indonesia", "Kazakhstan", "Albania")
    assert rows[-1]["partnerLabel"] in ("United States", "Israel")
    agreements = [float(r["agreement"]) for r in rows]
    assert agreements == sorted(agreements, reverse=True)
    indonesia = next(r for r in rows if r["partnerLabel"] == "Indonesia")
    _, common, agreeing, _, _ = _tie(kg, "morocco", "indonesia", 70)
    assert (indonesia["commonVotes"], indonesia["agreeingVotes"], indonesia["sessions"]) == (
        common,
        agreeing,
        1,
    )


def test_a_voting_tie_weighs_its_agreement_and_the_map_names_it(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    """In a network a voting-agreement tie's weight is its agreement (so a map of them is
    weighted), and the map's details call it voting agreement, never a Goldstein value."""
    from diplograph.maps import render_map
    from diplograph.network import build_network

    from .test_render import Page, ties_of

    kg, _ = imported
    agreement = {
        str(tie): float(value)
        for tie, value in kg.store.select_values(
            "SELECT ?t ?a WHERE { ?t dipl:tieType tt:VotingAgreement ; dipl:agreement ?a }"
        )[1]
    }
    network = build_network(kg.store, events=False)
    weights = {
        key: data["weight"]
        for _, _, key, data in network.edges(keys=True, data=True)
        if key in agreement
    }
    assert weights == agreement
    assert len(weights) > 10
    # sourced: each cites its session's rows by range (not quoted), which the map counts
    assert all(
        data["sourced"] for _, _, key, data in network.edges(keys=True, data=True) if key in weights
    )
    ties = ties_of(Page(render_map(network).html).payload())
    voting = [t["detail"] for t in ties if t["detail"] and t["type"] == "UN voting agreement"]
    named = [value for d in voting for name, value in d["rows"] if name == "weight"]
    assert len(named) == len(voting) > 10
    assert all(": voting agreement, the share of their common roll calls" in v for v in named)
    assert all("Goldstein" not in str(d) for d in voting)
    assert all(t["sourced"] for t in ties if t["type"] == "UN voting agreement")


def test_an_issue_keeps_only_its_roll_calls(tmp_path: Path) -> None:
    kg = diplograph.open("memory")
    [report] = import_files(kg, "unga-votes", [VOTES], issue="me")
    with (FOLDER / "rollcalls.csv").open(newline="") as stream:
        flagged = {r["rcid"] for r in csv.DictReader(stream) if r["me"] == "1"}
    with VOTES.open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert report.imported == sum(1 for r in rows if r["rcid"] in flagged and r["vote"] in "123")
    assert report.filtered_reasons["a roll call not flagged me"] > 0
    rows = kg.query(
        "voting-agreement", actor="Israel", issue="me", **{"from": "2014-09-01"}
    ).records()
    assert rows
    assert kg.query("voting-agreement", actor="Israel", **{"from": "2014-09-01"}).rows == []


def test_bad_votes_are_rejected_and_a_wrong_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "votes"
    folder.mkdir()
    (folder / "rollcalls.csv").write_bytes((FOLDER / "rollcalls.csv").read_bytes())
    lines = VOTES.read_text(encoding="ascii").split("\n")
    lines[1] = "3587,2,7,1"  # no vote 7
    lines[4] = "999999,600,1,1"  # no such roll call
    lines[5] = "3587,9999,1,1"  # no such state
    lines[8] = "3587,339,1,1"  # Albania again on the roll call of line 4 (for Indonesia's)
    (folder / "votes.csv").write_text("\n".join(lines), encoding="ascii")
    rejects = tmp_path / "rejects.csv"
    kg = diplograph.open("memory")
    reports = {r.file.name: r for r in import_files(kg, "unga-votes", [folder], rejects=rejects)}
    found = rejected_lines(rejects)
    assert found == {
        2: "vote '7' is not 1, 2, 3, 8 or 9",
        5: "rcid '999999' is not a roll call of rollcalls.csv",
        6: "ccode '9999' is not a COW state number of the crosswalk",
        9: "a second vote of 339 on roll call 3587",
    }
    assert reports["votes.csv"].rejected == 4
    alone = tmp_path / "alone" / "votes.csv"
    alone.parent.mkdir()
    alone.write_text("rcid,ccode,vote,member\n3587,2,1,1\n", encoding="ascii")
    [report] = import_files(kg, "unga-votes", [alone])
    assert report.problem.startswith("no roll-call table beside the votes file")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text('"ccode1","ccode2","year","DR_at_1","DR_at_2","DE"\n2,20,1920,0,0,0\n')
    [report] = import_files(kg, "unga-votes", [wrong])
    assert report.problem == (
        "line 1: not a UN General Assembly votes file: no column rcid, ccode, vote; it looks "
        "like COW Diplomatic Exchange: ccode1, ccode2, year"
    )


@pytest.mark.cli
def test_some_states_only_give_the_pairs_among_them(cli: CliRunner, tmp_path: Path) -> None:
    store = f"oxigraph:{tmp_path / 'store'}"
    done = cli(
        "--store",
        store,
        "import",
        "unga-votes",
        str(VOTES),
        "--state",
        "Morocco",
        "--state",
        "IDN",
        "--rejects",
        str(tmp_path / "rejects.csv"),
    )
    assert done.returncode == 0, done.stderr
    assert "filtered" in done.stdout
    assert "the vote of a state not among those asked for" in done.stdout
    listed = cli(
        "--store",
        store,
        "query",
        "voting-agreement",
        "-p",
        "actor=Morocco",
        "-p",
        "from=2015-09-12",
        "-f",
        "csv",
    )
    rows = list(csv.DictReader(listed.stdout.splitlines()))
    assert [r["partnerLabel"] for r in rows] == ["Indonesia"]


def test_the_network_and_its_map_carry_each_ties_agreement(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    from diplograph.maps import map_items

    kg, _ = imported
    network = kg.network("ties-by-type", type="UN voting agreement")
    stored = {
        str(tie): float(value)
        for tie, value in kg.store.select_values(
            "SELECT ?t ?a WHERE { ?t dipl:tieType tt:VotingAgreement ; dipl:agreement ?a }"
        )[1]
    }
    on_edges = {
        str(key): data["agreement"] for _, _, key, data in network.edges(keys=True, data=True)
    }
    assert len(stored) > 10
    assert on_edges == pytest.approx(stored)
    # the map ranks and filters the pairs by it: each pair's mean weight is its mean agreement
    items = map_items(network)
    assert items.kept_strongest["by"] == "weight"
    by_ends: dict[tuple[str, str], list[float]] = {}
    for u, v, data in network.edges(data=True):
        ends = (min(str(u), str(v)), max(str(u), str(v)))
        by_ends.setdefault(ends, []).append(data["agreement"])
    for pair in items.pairs:
        values = by_ends[(pair["from"], pair["to"])]
        assert pair["weight"] == pytest.approx(sum(values) / len(values), abs=5e-4)


@pytest.mark.cli
def test_render_voting_agreement_draws_one_weighted_edge_per_partner(
    cli: CliRunner, tmp_path: Path
) -> None:
    """`render voting-agreement` maps the query's ties (it drew an empty map while the query
    named none): one edge per partner, weighted by the agreement, opening into the session's
    tie and the votes-file lines it cites."""
    from .test_render import Page, pairs_of, ties_of

    store = f"oxigraph:{tmp_path / 'store'}"
    assert cli("--store", store, "import", "unga-votes", str(FOLDER)).returncode == 0
    asked = ("voting-agreement", "-p", "actor=Morocco", "-p", "from=2015-09-12")
    listed = cli("--store", store, "query", *asked, "-f", "csv")
    rows = list(csv.DictReader(listed.stdout.splitlines()))
    assert len(rows) == len({r["partner"] for r in rows}) >= 3  # one session: a row a partner
    page_file = tmp_path / "voting.html"
    done = cli("--store", store, "render", *asked, "-o", str(page_file))
    assert done.returncode == 0, done.stderr
    assert "gave no ties to map" not in done.stderr
    payload = Page(page_file.read_text(encoding="utf-8")).payload()
    labels = {node["id"]: node["label"] for node in payload["nodes"]}
    pairs = pairs_of(payload)
    partners = {
        labels[p["to"]] if labels[p["from"]] == "Morocco" else labels[p["from"]] for p in pairs
    }
    assert partners == {r["partnerLabel"] for r in rows}
    assert len(pairs) == len(rows)  # one edge per pair
    agreement = {r["partnerLabel"]: float(r["agreement"]) for r in rows}
    for pair in pairs:
        other = labels[pair["to"]] if labels[pair["from"]] == "Morocco" else labels[pair["from"]]
        assert not pair["directed"]
        assert pair["ties"] == 1
        assert pair["weight"] == pytest.approx(agreement[other], abs=1e-3)  # thousandths
    ties = ties_of(payload)
    assert {t["id"] for t in ties} == {r["tie"] for r in rows}
    assert all(t["type"] == "UN voting agreement" and t["sourced"] for t in ties)
    assert all("votes.csv" in str(t["detail"]) for t in ties)


def test_the_query_names_each_sessions_tie_under_the_periods_agreement(
    imported: tuple[KnowledgeGraph, dict[str, Any]],
) -> None:
    """Over two sessions each partner has a row per session: the period's pooled figures on
    both, the session's own agreement and tie beside; a map of it draws both ties as one pair."""
    kg, _ = imported
    rows = kg.query("voting-agreement", actor="Morocco").records()  # 2015: sessions 69 and 70
    indonesia = [r for r in rows if r["partnerLabel"] == "Indonesia"]
    assert [r["session"] for r in indonesia] == [69, 70]
    ties = [_tie(kg, "morocco", "indonesia", session) for session in (69, 70)]
    common = sum(int(t[1]) for t in ties)
    agreeing = sum(int(t[2]) for t in ties)
    for row, tie in zip(indonesia, ties, strict=True):
        assert (row["commonVotes"], row["agreeingVotes"], row["sessions"]) == (common, agreeing, 2)
        assert float(row["agreement"]) == pytest.approx(agreeing / common, abs=1e-4)
        assert float(row["sessionAgreement"]) == pytest.approx(float(tie[0]))
    network = kg.network("voting-agreement", actor="Morocco")
    assert {str(key) for _, _, key in network.edges(keys=True)} == {str(r["tie"]) for r in rows}
