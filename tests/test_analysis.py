"""Network analysis on a tiny signed network of fictional states, then on the seed graph.

The fixture, checkable by hand (``sign`` is the tie's polarity):

    Syldavia —+ Freedonia (alliance; and a trade agreement from 2001)
    Syldavia —− Borduria (conflict since 1938), Freedonia −> Borduria (sanctions, −)
    Grand Fenwick —+ Syldavia, Grand Fenwick —+ Freedonia (alliances)
    Ruritania —+ Syldavia, Ruritania —+ Borduria (alliance until 1999)
    Ruritania —+ Genovia (trade) and Genovia —− Ruritania (border dispute): ambivalent, cancels
    Clarisse Renaldi −> Genovia (head of state since 1990, neutral)
    Latveria —− Symkaria (border dispute), a component of its own

Signed triads: {Borduria, Freedonia, Syldavia} (−, −, +) balanced; {Freedonia, Grand Fenwick,
Syldavia} (+, +, +) balanced; {Borduria, Ruritania, Syldavia} (+, −, +) unbalanced.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import networkx as nx
import pytest

import diplograph
from diplograph import analysis
from diplograph.api import KnowledgeGraph
from diplograph.network import build_network

D = "https://w3id.org/diplograph/id/"

ACTORS = {
    "syldavia": ("Syldavia", "state"),
    "borduria": ("Borduria", "state"),
    "freedonia": ("Freedonia", "state"),
    "fenwick": ("Grand Fenwick", "state"),
    "ruritania": ("Ruritania", "state"),
    "genovia": ("Genovia", "state"),
    "clarisse": ("Clarisse Renaldi", "person"),
    "latveria": ("Latveria", "state"),
    "symkaria": ("Symkaria", "state"),
}

# key, from, to, type, directed, polarity, begin, end
TIES = [
    ("syl-fre-alliance", "syldavia", "freedonia", "alliance", False, 1, None, None),
    ("fre-syl-trade", "freedonia", "syldavia", "trade agreement", False, 1, date(2001, 1, 1), None),
    ("syl-bor-conflict", "syldavia", "borduria", "conflict", False, -1, date(1938, 1, 1), None),
    ("fre-bor-sanctions", "freedonia", "borduria", "sanctions", True, -1, None, None),
    ("fen-syl-alliance", "fenwick", "syldavia", "alliance", False, 1, None, None),
    ("fen-fre-alliance", "fenwick", "freedonia", "alliance", False, 1, None, None),
    ("rur-syl-alliance", "ruritania", "syldavia", "alliance", False, 1, None, None),
    ("rur-bor-alliance", "ruritania", "borduria", "alliance", False, 1, None, date(1999, 12, 31)),
    ("rur-gen-trade", "ruritania", "genovia", "trade agreement", False, 1, None, None),
    ("gen-rur-dispute", "genovia", "ruritania", "border dispute", False, -1, None, None),
    ("cla-gen-head", "clarisse", "genovia", "head of state", True, 0, date(1990, 1, 1), None),
    ("lat-sym-dispute", "latveria", "symkaria", "border dispute", False, -1, None, None),
]


def fictional_states(ties: Sequence[tuple[Any, ...]] = TIES) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for key, source, target, label, directed, polarity, begin, end in ties:
        for node in (source, target):
            if node not in G:
                G.add_node(node, label=ACTORS[str(node)][0], kind=ACTORS[str(node)][1])
        G.add_edge(
            source,
            target,
            key=key,
            tie_type_label=label,
            directed=directed,
            polarity=polarity,
            begin=begin,
            end=end,
            quote=f"{ACTORS[str(source)][0]}: {label} with {ACTORS[str(target)][0]}.",
        )
    return G


@pytest.fixture
def states() -> nx.MultiDiGraph:
    return fictional_states()


@pytest.fixture(scope="module")
def seed(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return build_network(kg.store)


def labels(G: nx.Graph, nodes: Iterable[Any]) -> list[str]:
    return [G.nodes[n]["label"] for n in nodes]


# --- the fixture -------------------------------------------------------------------------------


def test_simple_projection_merges_parallel_and_opposite_ties(states: nx.MultiDiGraph) -> None:
    H = analysis.simple_projection(states)
    assert (H.number_of_nodes(), H.number_of_edges()) == (9, 10)
    assert H.edges["freedonia", "syldavia"]["ties"] == ["fre-syl-trade", "syl-fre-alliance"]
    assert H.nodes["genovia"]["label"] == "Genovia"


def test_ego_network_ignores_direction_and_keeps_parallel_ties(states: nx.MultiDiGraph) -> None:
    ego = analysis.ego_network(states, "genovia")
    assert sorted(ego) == ["clarisse", "genovia", "ruritania"]
    assert sorted(k for _, _, k in ego.edges(keys=True)) == [
        "cla-gen-head",
        "gen-rur-dispute",
        "rur-gen-trade",
    ]
    assert ego.graph == {"ego": "genovia", "radius": 1}
    two = analysis.ego_network(states, "genovia", k=2)
    assert sorted(two) == ["borduria", "clarisse", "genovia", "ruritania", "syldavia"]
    assert two.number_of_edges() == 6  # and Syldavia–Borduria, between two of the new actors
    assert two.edges["ruritania", "genovia", "rur-gen-trade"]["quote"].startswith("Ruritania")
    with pytest.raises(nx.NodeNotFound):
        analysis.ego_network(states, "atlantis")


def test_paths_are_simple_undirected_and_shortest_first(states: nx.MultiDiGraph) -> None:
    paths = analysis.paths_between(states, "fenwick", "genovia")
    assert [p.labels for p in paths] == [
        ("Grand Fenwick", "Syldavia", "Ruritania", "Genovia"),
        ("Grand Fenwick", "Freedonia", "Borduria", "Ruritania", "Genovia"),
        ("Grand Fenwick", "Freedonia", "Syldavia", "Ruritania", "Genovia"),
        ("Grand Fenwick", "Syldavia", "Borduria", "Ruritania", "Genovia"),
    ]
    last_step = paths[0].hops[-1]
    assert [(t.tie, t.type_label, t.direction) for t in last_step] == [
        ("gen-rur-dispute", "border dispute", "undirected"),
        ("rur-gen-trade", "trade agreement", "undirected"),
    ]
    assert last_step[1].quote == "Ruritania: trade agreement with Genovia."
    assert len(analysis.paths_between(states, "fenwick", "genovia", cutoff=3)) == 1
    assert len(analysis.paths_between(states, "fenwick", "genovia", limit=2)) == 2


def test_path_directions_follow_the_ties(states: nx.MultiDiGraph) -> None:
    (forward,) = analysis.paths_between(states, "freedonia", "borduria", cutoff=1)
    (backward,) = analysis.paths_between(states, "borduria", "freedonia", cutoff=1)
    assert [t.direction for t in forward.hops[0]] == ["forward"]
    assert [t.direction for t in backward.hops[0]] == ["backward"]
    (head,) = analysis.paths_between(states, "genovia", "clarisse")
    assert head.hops[0][0].direction == "backward"


def test_no_path_between_components(states: nx.MultiDiGraph) -> None:
    assert analysis.paths_between(states, "latveria", "syldavia") == []
    with pytest.raises(ValueError, match="two different actors"):
        analysis.paths_between(states, "latveria", "latveria")


def test_centralities_by_hand(states: nx.MultiDiGraph) -> None:
    table = analysis.centralities(states)
    assert not table.sampled
    top = table.rows[:3]
    # Ruritania lies on all 8 shortest paths from Genovia and Clarisse to the four others;
    # Syldavia and Genovia on 5 each; normalised by (n - 1)(n - 2) / 2 = 28 pairs.
    assert [r.label for r in top] == ["Ruritania", "Syldavia", "Genovia"]
    assert [r.betweenness for r in top] == pytest.approx([8 / 28, 5 / 28, 5 / 28])
    by_node = {r.node: r for r in table.rows}
    assert (by_node["syldavia"].ties, by_node["syldavia"].partners) == (5, 4)
    assert by_node["latveria"].component == 1
    assert by_node["syldavia"].component == 0
    # a pair's unit eigenvector (1/sqrt 2 each), weighted by its share of the actors
    latveria, syldavia = by_node["latveria"].eigenvector, by_node["syldavia"].eigenvector
    assert latveria == pytest.approx(2**-0.5 * 2 / 9)
    assert syldavia is not None
    assert latveria is not None
    assert syldavia > latveria
    assert any("2 components" in note for note in table.notes)


def test_betweenness_is_sampled_above_the_threshold_and_reproducible(
    states: nx.MultiDiGraph,
) -> None:
    first = analysis.centralities(states, sample_threshold=5, k=4, seed=7)
    again = analysis.centralities(states, sample_threshold=5, k=4, seed=7)
    assert first.sampled
    assert any("sampled" in note for note in first.notes)
    assert first.rows == again.rows


def test_eigenvector_non_convergence_is_a_note(
    states: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise ArithmeticError("ARPACK did not converge")

    monkeypatch.setattr(analysis.centrality, "eigenvector", fail)
    table = analysis.centralities(states)
    assert all(r.eigenvector is None for r in table.rows)
    assert any("did not converge" in note for note in table.notes)


def test_brokers_by_hand(states: nx.MultiDiGraph) -> None:
    found = analysis.brokers(states)
    assert labels(states, found.articulation_points) == ["Genovia", "Ruritania"]
    assert [tuple(labels(states, pair)) for pair in found.bridges] == [
        ("Clarisse Renaldi", "Genovia"),
        ("Genovia", "Ruritania"),
        ("Latveria", "Symkaria"),
    ]
    expected = nx.constraint(analysis.simple_projection(states))
    assert found.constraint == pytest.approx(expected)
    values = [value for value in found.constraint.values() if value is not None]
    assert values == sorted(values)
    assert len(values) == len(found.constraint)
    # Ruritania, Genovia's only link: (16/9 + 25/16 + 1) / 9 = 0.482; Syldavia 0.606
    assert next(iter(found.constraint)) == "ruritania"
    assert found.constraint["ruritania"] == pytest.approx((16 / 9 + 25 / 16 + 1) / 9)


def test_communities_are_deterministic_and_sorted(states: nx.MultiDiGraph) -> None:
    found = analysis.communities(states)
    assert set(found) == set(states)
    assert analysis.communities(fictional_states(TIES[::-1])) == found
    assert found["latveria"] == found["symkaria"]
    assert found["latveria"] != found["syldavia"]
    sizes = [list(found.values()).count(c) for c in sorted(set(found.values()))]
    assert sizes == sorted(sizes, reverse=True)


def test_structural_balance_by_hand(states: nx.MultiDiGraph) -> None:
    report = analysis.structural_balance(states)
    assert report.signed_pairs == 8
    assert [(t.labels, t.signs, t.balanced) for t in report.triads] == [
        (("Borduria", "Freedonia", "Syldavia"), (-1, -1, 1), True),
        (("Borduria", "Ruritania", "Syldavia"), (1, -1, 1), False),
        (("Freedonia", "Grand Fenwick", "Syldavia"), (1, 1, 1), True),
    ]
    assert (len(report.balanced), len(report.unbalanced)) == (2, 1)
    assert report.ratio == pytest.approx(2 / 3)
    assert report.unbalanced_actors == ("borduria", "ruritania", "syldavia")
    (ambivalent,) = report.ambivalent
    assert ambivalent.members == ("genovia", "ruritania")
    assert (ambivalent.positive, ambivalent.negative, ambivalent.sign) == (
        ("rur-gen-trade",),
        ("gen-rur-dispute",),
        0,
    )


def test_ambivalent_pair_takes_the_majority_sign(states: nx.MultiDiGraph) -> None:
    states.add_edge("genovia", "ruritania", key="gen-rur-aid", polarity=1)
    states.add_edge("genovia", "syldavia", key="gen-syl-alliance", polarity=1)
    report = analysis.structural_balance(states)
    assert report.ambivalent[0].sign == 1
    triad = next(t for t in report.triads if "genovia" in t.members)
    assert triad.labels == ("Genovia", "Ruritania", "Syldavia")
    assert triad.balanced


def test_as_of_keeps_ties_in_force(states: nx.MultiDiGraph) -> None:
    after = analysis.as_of(states, "2005-01-01")
    assert "rur-bor-alliance" not in {k for _, _, k in after.edges(keys=True)}
    assert after.graph["as_of"] == "2005-01-01"
    report = analysis.structural_balance(after)
    assert (len(report.triads), report.ratio) == (2, 1.0)
    before = analysis.as_of(states, date(1980, 1, 1))
    keys = {k for _, _, k in before.edges(keys=True)}
    assert {"fre-syl-trade", "cla-gen-head"}.isdisjoint(keys)
    assert "clarisse" not in before  # no tie in force: left out, as build_network does
    assert "syl-bor-conflict" not in {
        k for _, _, k in analysis.as_of(states, "1937-12-31").edges(keys=True)
    }
    # the boundary days are inside
    assert "rur-bor-alliance" in {
        k for _, _, k in analysis.as_of(states, "1999-12-31").edges(keys=True)
    }
    assert "cla-gen-head" in {
        k for _, _, k in analysis.as_of(states, "1990-01-01").edges(keys=True)
    }
    # undated ties are of unknown time: kept and flagged, or left out and counted
    assert after.edges["syldavia", "freedonia", "syl-fre-alliance"]["in_force"] is None
    assert after.edges["freedonia", "syldavia", "fre-syl-trade"]["in_force"] is True
    known = analysis.as_of(states, "2005-01-01", undated="exclude")
    assert sorted(k for _, _, k in known.edges(keys=True)) == [
        "cla-gen-head",
        "fre-syl-trade",
        "syl-bor-conflict",
    ]
    assert known.graph["counts"]["ties_unknown_excluded"] == 8
    included = analysis.as_of(states, "2005-01-01", undated="include")
    assert set(included.edges(keys=True)) == set(after.edges(keys=True))


# --- efficiency and agreement with networkx on random graphs ------------------------------------


def random_signed(n: int, m: int, seed: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i, (u, v) in enumerate(nx.gnm_random_graph(n, m, seed=seed).edges()):
        polarity = (-1, 1, 1, 0)[(i * 2654435761 + seed) // 7 % 4]  # scrambled, reproducible
        G.add_edge(u, v, key=f"t{i}", polarity=polarity)
    return G


def test_triads_agree_with_brute_force() -> None:
    G = random_signed(60, 400, seed=3)
    report = analysis.structural_balance(G)
    signs = {}
    for u, v, polarity in G.edges(data="polarity"):
        if polarity:
            signs[frozenset((u, v))] = polarity
    expected = set()
    for a, b, c in itertools.combinations(sorted(G), 3):
        pairs = [frozenset(p) for p in ((a, b), (a, c), (b, c))]
        if all(p in signs for p in pairs):
            expected.add((a, b, c, signs[pairs[0]] * signs[pairs[1]] * signs[pairs[2]] > 0))
    found = {(*sorted(t.members), t.balanced) for t in report.triads}
    assert found == expected
    assert len(report.triads) == len(expected) > 10


def test_fast_constraint_agrees_with_networkx() -> None:
    G = random_signed(80, 300, seed=5)
    G.add_node("alone")
    found = analysis.brokers(G).constraint
    expected = nx.constraint(analysis.simple_projection(G))
    assert found["alone"] is None
    del expected["alone"]
    assert {n: v for n, v in found.items() if v is not None} == pytest.approx(expected)


def test_a_large_network_is_analysed_on_a_sample() -> None:
    """Above the threshold betweenness is sampled, and says so (how fast: bench/, not here)."""
    G = random_signed(3000, 12000, seed=11)
    table = analysis.centralities(G, sample_threshold=1000, k=50)
    assert table.sampled
    assert analysis.brokers(G).constraint
    assert analysis.structural_balance(G) is not None


# --- the seed graph ------------------------------------------------------------------------------


def test_seed_graph_has_exactly_one_unbalanced_triad(seed: nx.MultiDiGraph) -> None:
    report = analysis.structural_balance(seed)
    (triad,) = report.unbalanced
    assert triad.labels == ("Israel", "Morocco", "Palestinian Authority")
    assert triad.members == (f"{D}israel", f"{D}morocco", f"{D}palestinian-authority")
    # Israel–Morocco diplomatic relations +, Israel–PA conflict −, Morocco–PA relations +
    assert triad.signs == (1, -1, 1)
    assert report.triads == [triad]
    assert report.ratio == 0.0
    assert labels(seed, report.unbalanced_actors) == ["Israel", "Morocco", "Palestinian Authority"]


def test_seed_graph_brokers_and_paths(seed: nx.MultiDiGraph, kg: KnowledgeGraph) -> None:
    found = analysis.brokers(seed)
    assert labels(seed, found.articulation_points) == [
        "International Stabilization Force",
        "Morocco",
    ]
    paths = analysis.paths_between(seed, kg.actor("Israel"), kg.actor("ISF"))
    assert paths[0].labels == ("Israel", "Morocco", "International Stabilization Force")
    assert [t.direction for hop in paths[0].hops for t in hop] == ["undirected", "forward"]
    assert (paths[0].hops[1][0].quote or "").startswith("Morocco has emerged")
    ego = analysis.ego_network(seed, kg.actor("Morocco"))
    assert labels(seed, sorted(ego, key=lambda n: seed.nodes[n]["label"])) == [
        "International Stabilization Force",
        "Israel",
        "MONUSCO",  # Morocco's March 2014 missions (IPI): context ties of the built-in graph
        "Mohammed VI",
        "Moroccan Armed Forces",  # the armed forces are Morocco's (a tie since the re-encoding)
        "Morocco",
        "Palestinian Authority",
        "UNOCI",
    ]
    table = analysis.centralities(seed)
    assert table.rows[0].label == "International Stabilization Force"
    assert {row.component for row in table.rows} == {0}  # one network: events join its parts


@pytest.mark.parametrize("day", ["1990-01-01", "1999-07-23", "2000-01-01", "2026-01-01"])
def test_as_of_agrees_with_the_edges_query(
    seed: nx.MultiDiGraph, kg: KnowledgeGraph, day: str
) -> None:
    filtered = analysis.as_of(seed, day)
    queried = build_network(kg.store, as_of=day)
    assert set(filtered) == set(queried)
    assert set(filtered.edges(keys=True)) == set(queried.edges(keys=True))
    for u, v, key, data in queried.edges(keys=True, data=True):
        assert filtered.edges[u, v, key] == data
    assert filtered.graph["as_of"] == queried.graph["as_of"] == day
    assert filtered.graph["counts"] == queried.graph["counts"]


def test_as_of_drops_the_king_before_his_reign(seed: nx.MultiDiGraph) -> None:
    king = (f"{D}mohammed-vi", f"{D}morocco", f"{D}tie-mohammed-vi-king-of-morocco")
    assert not analysis.as_of(seed, "1999-07-22").has_edge(*king)
    assert analysis.as_of(seed, "1999-07-23").edges[king]["in_force"] is True
    # before his reign he is still on the map by the request and his answer: events of
    # unknown time, so with --undated exclude he is gone
    assert f"{D}mohammed-vi" in analysis.as_of(seed, "1999-07-22")
    assert f"{D}mohammed-vi" not in analysis.as_of(seed, "1999-07-22", undated="exclude")


def test_no_seed_tie_is_in_force_in_1990(seed: nx.MultiDiGraph) -> None:
    """The article gives no dates: in 1990 its ties are of unknown time, or not in force when an
    actor did not exist yet (Kosovo from 2008, Kazakhstan from 1991-12-26 in the COW list). The
    context ties of Morocco's missions (IPI, March 2014) are dated, so not in force in 1990."""
    before = analysis.as_of(seed, "1990-01-01")
    states = {(u, v, k): s for u, v, k, s in before.edges(keys=True, data="in_force")}
    assert True not in states.values()
    assert before.graph["counts"]["ties_in_force"] == 0
    assert before.graph["counts"]["ties_unknown"] == 11
    gone = {k for _, _, k in seed.edges(keys=True)} - {k for _, _, k in states}
    assert gone == {
        f"{D}tie-kosovo-isf-troops",
        f"{D}tie-kazakhstan-isf-troops",
        f"{D}tie-mohammed-vi-king-of-morocco",
        f"{D}pk-morocco-un-mission-monusco-2014-03-troops",
        f"{D}pk-morocco-un-mission-monusco-2014-03-experts",
        f"{D}pk-morocco-un-mission-unoci-2014-03-troops",
    }
    assert f"{D}kosovo" not in before
    assert f"{D}un-mission-monusco" not in before  # no tie of theirs is left
    assert f"{D}un-mission-unoci" not in before
    assert analysis.as_of(seed, "1990-01-01", undated="exclude").number_of_edges() == 0


def test_seed_events_are_edges(seed: nx.MultiDiGraph) -> None:
    """The meeting joins the Board and the ISF (participants, undirected); the request and the
    acceptance join Trump and the King (acting party -> recipient). The pledges establish ties,
    so they give no edge; the confirmation and the deployments have no second party."""
    events = {
        (d["event"].removeprefix(D), u, v)
        for u, v, d in seed.edges(data=True)
        if d["kind"] == "event"
    }
    assert events == {
        ("event-board-of-peace-meeting", f"{D}board-of-peace", f"{D}isf"),
        ("event-trump-requests-participation", f"{D}donald-trump", f"{D}mohammed-vi"),
        ("event-mohammed-vi-accepts", f"{D}mohammed-vi", f"{D}donald-trump"),
    }
    meeting = seed.edges[
        f"{D}board-of-peace", f"{D}isf", f"{D}event-board-of-peace-meeting|{D}board-of-peace|{D}isf"
    ]
    assert meeting["tie_type_label"] == "meeting (event)"
    assert (meeting["directed"], meeting["polarity"], meeting["sourced"]) == (False, 1, True)
    assert meeting["event"] == f"{D}event-board-of-peace-meeting"
    assert meeting["quote"].startswith("During a meeting of President Donald Trump")
    assert seed.graph["counts"]["events"] == 3
    assert seed.graph["counts"]["ties"] == 17  # the article's 14 and Morocco's 3 missions (IPI)
    kinds = {(d["kind"], "|" in k) for _, _, k, d in seed.edges(keys=True, data=True)}
    assert kinds == {("tie", False), ("event", True)}  # ties keyed by IRI, events EVENT|A|B


@pytest.mark.parametrize(
    ("a", "b", "through", "kinds"),
    [
        ("Board of Peace", "ISF", ["meeting (event)"], ["event"]),
        (
            "Donald Trump",
            "Morocco",
            ["acceptance (event)", "request (event)", "head of state"],
            ["event", "event", "tie"],
        ),
        ("Moroccan Armed Forces", "Morocco", ["armed force of"], ["tie"]),
    ],
)
def test_paths_the_article_describes(
    seed: nx.MultiDiGraph,
    kg: KnowledgeGraph,
    a: str,
    b: str,
    through: list[str],
    kinds: list[str],
) -> None:
    shortest = analysis.paths_between(seed, kg.actor(a), kg.actor(b))[0]
    assert [t.type_label for hop in shortest.hops for t in hop] == through
    assert [t.kind for hop in shortest.hops for t in hop] == kinds
    assert all(t.sourced and not t.time_unknown for hop in shortest.hops for t in hop)
    if "event" in kinds:  # without events, no path this short (or none at all)
        without = build_network(kg.store, events=False)
        found = analysis.paths_between(without, kg.actor(a), kg.actor(b))
        assert all(len(p) > len(shortest) for p in found)


def test_path_steps_say_when_time_is_unknown(kg: KnowledgeGraph) -> None:
    network = build_network(kg.store, as_of="2000-01-01")
    shortest = analysis.paths_between(network, kg.actor("Donald Trump"), kg.actor("MAR"))[0]
    marks = {t.type_label: t.time_unknown for hop in shortest.hops for t in hop}
    assert marks == {"acceptance (event)": True, "request (event)": True, "head of state": False}


def test_a_users_tie_without_evidence_is_flagged_or_left_out() -> None:
    from .conftest import FIXTURES

    with diplograph.load([FIXTURES / "unsourced-ties.ttl"]) as kg:
        shown = build_network(kg.store)
        excluded = build_network(kg.store, unsourced="exclude")
    tie = (f"{D}nowhereland", f"{D}morocco", f"{D}unsourced-nowhereland-morocco")
    assert shown.edges[tie]["sourced"] is False
    assert shown.edges[tie]["evidence"] == []
    assert shown.graph["counts"]["ties_unsourced"] == 2
    assert all(d["sourced"] for u, *_, d in shown.edges(keys=True, data=True) if u != tie[0])
    assert f"{D}nowhereland" not in excluded
    assert excluded.graph["counts"]["ties_unsourced_excluded"] == 2
    assert excluded.number_of_edges() == shown.number_of_edges() - 2
    (path,) = analysis.paths_between(shown, f"{D}nowhereland", f"{D}morocco", cutoff=1)
    assert [(t.tie, t.sourced) for t in path.hops[0]] == [(tie[2], False)]


def test_with_a_query_only_the_events_it_mentions(kg: KnowledgeGraph, tmp_path: Any) -> None:
    meetings = tmp_path / "meetings.rq"
    meetings.write_text(
        "#+ summary: meetings\n"
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>\n"
        "PREFIX et: <https://w3id.org/diplograph/vocab/event-type/>\n"
        "SELECT ?event WHERE { ?event dipl:eventType et:Meeting }\n",
        encoding="utf-8",
    )
    network = build_network(kg.store, str(meetings))
    assert [d["event"] for *_, d in network.edges(data=True)] == [
        f"{D}event-board-of-peace-meeting"
    ]
    assert network.graph["counts"]["ties"] == 0
    troops = build_network(kg.store, "troop-contributors")
    assert troops.graph["counts"]["events"] == 0  # it mentions ties only
    assert build_network(kg.store, str(meetings), events=False).number_of_edges() == 0


@pytest.mark.parametrize(
    "graph",
    [
        nx.barabasi_albert_graph(1200, 3, seed=7),
        nx.star_graph(9),  # bipartite: the power iteration of A alone would not settle
        nx.complete_bipartite_graph(3, 5),
        nx.grid_2d_graph(12, 12),
        nx.path_graph(2),
    ],
    ids=["scale-free", "star", "bipartite", "grid", "pair"],
)
def test_eigenvector_equals_networkx(graph: nx.Graph) -> None:
    """igraph's principal eigenvector, of unit length, is networkx's power iteration's (within
    the tolerance the analysis gives networkx, 1e-8 per node)."""
    expected = nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-10)
    found = analysis.eigenvector(graph)
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, abs=1e-6), node
    assert sum(v * v for v in found.values()) == pytest.approx(1.0)


@pytest.mark.parametrize("k", [None, 1, 2, 150, 1200])
def test_betweenness_equals_networkx(k: int | None) -> None:
    """igraph's betweenness, scaled as networkx scales it, gives networkx's very values: exact,
    and estimated from the sample networkx draws for the seed (k = 1 is NaN for the source)."""
    import random

    H = nx.barabasi_albert_graph(1200, 3, seed=7)
    H.add_edges_from([("x", "y"), ("y", "z"), ("lone", "lone")])  # a second component, a loop
    H.add_node("isolated")
    expected = nx.betweenness_centrality(H, k=k, seed=42)
    sample = None if k is None else random.Random(42).sample(list(H), k)  # noqa: S311
    found = analysis.betweenness(H, sample)
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, rel=1e-9, abs=1e-12, nan_ok=True), node
