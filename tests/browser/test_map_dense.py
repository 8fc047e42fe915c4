"""A dense series as a person sees it: a tie per pair of states present and per yearly session
(as UN voting agreement and representation levels give them), where the founding states' pairs
hold the most ties. The first view draws every actor that has a tie, through each actor's
strongest pairs by their ties' mean weight, says what it shows and what it left out, and no two
labels overlap."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from diplograph.maps import write_map
from diplograph.maps.pairs import FIRST_VIEW_PAIRS, STRONGEST_PER_ACTOR

from .conftest import LABELS, MapPage, check_labels

pytestmark = pytest.mark.browser

OpenMap = Callable[[Path], MapPage]

STATES, FOUNDERS, SESSIONS, BLOCS = 60, 30, 12, 3
COUNTS = "() => document.getElementById('visible-counts').textContent"
# the ends of every visible edge, and every visible actor
SHOWN = """() => { const m = window.diplographMap;
    const ends = new Set();
    m.edgeView.forEach((edge) => { ends.add(edge.from); ends.add(edge.to); });
    return {ends: Array.from(ends), actors: m.nodeView.getIds(),
            pairs: m.edgeView.getIds().map((id) => m.pair(+id.slice(1)))}; }"""


def _bloc(state: int) -> int:
    return state % BLOCS


def dense_series() -> nx.MultiDiGraph:
    """60 states, the first 30 present from the first of 12 sessions, the others joining later;
    a weighted tie per pair present and per session: agreement about 0.9 within a bloc of
    states, about 0.3 across."""
    rng = random.Random(7)  # noqa: S311 (test data, not cryptography)
    joined = [0 if i < FOUNDERS else 1 + (i * 7) % (SESSIONS - 1) for i in range(STATES)]
    network = nx.MultiDiGraph(query="series", params={}, as_of=None)
    for i in range(STATES):
        network.add_node(f"s{i:02d}", label=f"State {i}", kind="state")
    for session in range(SESSIONS):
        present = [i for i in range(STATES) if joined[i] <= session]
        for a, u in enumerate(present):
            for v in present[a + 1 :]:
                agreement = (0.9 if _bloc(u) == _bloc(v) else 0.3) + rng.uniform(-0.05, 0.05)
                network.add_edge(
                    f"s{u:02d}",
                    f"s{v:02d}",
                    key=f"agreement-{u}-{v}-{session}",
                    kind="tie",
                    tie_type_label="voting agreement",
                    directed=False,
                    polarity=1,
                    weight=round(agreement, 3),
                    begin=date(1946 + session, 9, 15),
                    end=date(1946 + session, 12, 20),
                    sourced=True,
                    evidence=[{"quote": f"session {session + 1}", "source": "votes.csv (test)"}],
                )
    return network


@pytest.fixture(scope="module")
def dense_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dense") / "dense.html"
    write_map(dense_series(), path)
    return path


def test_the_first_view_of_a_dense_series_shows_every_actor(
    open_map: OpenMap, dense_map: Path
) -> None:
    page = open_map(dense_map)
    shown = page.js(SHOWN)
    total_pairs = STATES * (STATES - 1) // 2
    assert page.js("() => window.diplographMap.payload.meta.pairs") == total_pairs
    # every actor with a tie is drawn, as the end of a drawn pair
    assert set(shown["ends"]) == set(shown["actors"]) == {f"s{i:02d}" for i in range(STATES)}
    # the founders' 435 pairs of 12 ties each are too many for the first view: each actor's
    # strongest pairs by mean weight are drawn instead, and they are its bloc's
    pairs = shown["pairs"]
    assert STATES // 2 <= len(pairs) <= STRONGEST_PER_ACTOR * STATES < FIRST_VIEW_PAIRS
    assert all(p["strongest"] for p in pairs)
    assert all(_bloc(int(p["from"][1:])) == _bloc(int(p["to"][1:])) for p in pairs)
    partners: dict[str, set[str]] = {}
    for p in pairs:
        partners.setdefault(p["from"], set()).add(p["to"])
        partners.setdefault(p["to"], set()).add(p["from"])
    assert min(len(found) for found in partners.values()) >= STRONGEST_PER_ACTOR
    # the page says what it shows and what it left out
    note = " ".join(page.page.locator("#strength-note").inner_text().split())
    assert note.startswith(
        f"To stay readable, the map first draws {len(pairs):,} of its "
        f"{total_pairs:,} pairs: each actor's {STRONGEST_PER_ACTOR} strongest"
    )
    assert f"of up to {SESSIONS} ties and events each, are hidden" in note
    assert page.js(COUNTS) == (
        f"{STATES} of {STATES} actors and {len(pairs):,} of {total_pairs:,} pairs visible "
        f"({sum(p['size'] for p in pairs):,} ties behind them)."
    )
    # no two labels overlap, at the first view and zoomed in
    first = page.js(LABELS)
    assert len(first["labels"]) >= 10
    check_labels(first)
    page.js(
        """() => { const n = window.diplographMap.network;
            const drawn = new Promise((done) => n.once("afterDrawing", done));
            n.moveTo({scale: n.getScale() * 3, animation: false});
            return drawn.then(() => null); }"""
    )
    check_labels(page.js(LABELS))


def test_the_strongest_pairs_can_be_let_go_and_the_rest_shown(
    open_map: OpenMap, dense_map: Path
) -> None:
    page = open_map(dense_map)
    first = set(page.js("() => window.diplographMap.edgeView.getIds()"))
    box = page.page.get_by_label("and each actor's 2 strongest pairs, whatever their strength")
    assert box.is_checked()
    box.uncheck()  # nothing is as strong as the first view's minimum: the page says so
    assert page.js("() => window.diplographMap.edgeView.length") == 0
    notice = page.page.locator("#notice")
    assert notice.is_visible()
    assert "Nothing to draw with these choices" in notice.inner_text()
    page.js(f"() => window.diplographMap.setMinStrength({SESSIONS})")
    founders = FOUNDERS * (FOUNDERS - 1) // 2
    assert page.js("() => window.diplographMap.edgeView.length") == founders
    box.check()  # the founders' complete graph, and every other actor's strongest pairs
    drawn = set(page.js("() => window.diplographMap.edgeView.getIds()"))
    assert first <= drawn
    assert len(drawn) < founders + len(first)
    page.js("() => window.diplographMap.setMinStrength(1)")
    assert page.js("() => window.diplographMap.edgeView.length") == STATES * (STATES - 1) // 2


def test_a_weighted_map_hides_its_lighter_pairs(open_map: OpenMap, dense_map: Path) -> None:
    page = open_map(dense_map)
    slider = page.page.get_by_label("Minimum mean weight of a pair")
    assert slider.is_visible()  # a weighted map: its pairs' ties carry agreement values
    page.page.get_by_label("and each actor's 2 strongest pairs, whatever their strength").uncheck()
    page.js("() => window.diplographMap.setMinStrength(1)")
    total = STATES * (STATES - 1) // 2
    assert page.js("() => window.diplographMap.edgeView.length") == total
    slider.fill("0.6")  # within a bloc agreement is about 0.9, across blocs about 0.3
    least = float(slider.input_value())
    assert 0.55 <= least <= 0.65
    shown = page.js(SHOWN)["pairs"]
    assert all(abs(p["weight"]) >= least for p in shown)
    same_bloc = BLOCS * (STATES // BLOCS) * (STATES // BLOCS - 1) // 2
    assert len(shown) == same_bloc
    assert all(_bloc(int(p["from"][1:])) == _bloc(int(p["to"][1:])) for p in shown)
    assert "at least 0.6" in page.page.locator("#min-weight-label").inner_text()
    slider.fill("0")
    assert page.js("() => window.diplographMap.edgeView.length") == total
