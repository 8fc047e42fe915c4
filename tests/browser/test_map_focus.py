"""Focus, paths and communities on the map, as a person uses them: nothing is re-rendered (the
network and its data stay the same objects), the rest of the map fades, and what is
highlighted is what the visible edges say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from .conftest import MapPage, RealMaps

pytestmark = pytest.mark.browser

OpenMap = Callable[[Path], MapPage]
ID = "https://w3id.org/diplograph/id/"

POINT = """(id) => {
    const map = window.diplographMap;
    const point = map.network.canvasToDOM(map.network.getPositions([id])[id]);
    const box = document.getElementById("map").getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y,
            node: map.network.getNodeAt(point) ?? null};
}"""
# the visible edges as (from, to, id), and a mark on the objects that must not be replaced
VISIBLE = """() => window.diplographMap.edgeView.get().map((e) => [e.from, e.to, e.id])"""
MARK = """() => { const m = window.diplographMap;
    m.network.__mark = m.nodes.__mark = m.edges.__mark = "kept"; }"""
MARKED = """() => { const m = window.diplographMap;
    return [m.network.__mark, m.nodes.__mark, m.edges.__mark]; }"""
# the colour of the canvas under an actor, after a drawing
PIXEL = """(id) => {
    const map = window.diplographMap;
    const canvas = document.querySelector("#map canvas");
    const at = map.network.canvasToDOM(map.network.getPositions([id])[id]);
    const ratio = canvas.width / canvas.clientWidth;
    const data = canvas.getContext("2d").getImageData(Math.round(at.x * ratio),
        Math.round(at.y * ratio), 1, 1).data;
    return [data[0], data[1], data[2]];
}"""


def _click_actor(page: MapPage, actor: str) -> None:
    point = page.js(POINT, actor)
    assert point["node"] == actor, point
    page.page.mouse.click(point["x"], point["y"])


def _visible_graph(page: MapPage) -> nx.MultiGraph:
    graph = nx.MultiGraph()
    for a, b, key in page.js(VISIBLE):
        graph.add_edge(a, b, key=key)
    return graph


def _lightness(rgb: list[int]) -> int:
    return sum(rgb)


def test_focus_on_an_actor_then_the_paths_to_another(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    page = open_map(real_maps.all_path)
    page.js(MARK)
    graph = _visible_graph(page)
    georgia = ID + "georgia"
    far = next(
        node
        for node, distance in sorted(
            nx.single_source_shortest_path_length(graph, georgia).items(),
            key=lambda item: (-item[1], item[0]),
        )
        if distance >= 2 and page.js(POINT, node)["node"] == node
    )
    outside = next(n for n in graph if n != georgia and not graph.has_edge(georgia, n) and n != far)
    before = page.js(PIXEL, outside)
    centre = page.js(PIXEL, georgia)
    _click_actor(page, georgia)
    focus = page.js("() => window.diplographMap.focusState()")
    partners = set(graph[georgia])
    assert focus["mode"] == "actor"
    assert set(focus["nodes"]) == partners | {georgia}
    edges = {key for _, _, key in graph.edges(georgia, keys=True)}
    assert set(focus["edges"]) == edges
    assert page.page.locator("#details .tip-title").inner_text() == "Georgia"
    note = page.page.locator("#focus-note").inner_text()
    assert note.startswith(f"Georgia and its {len(partners):,} partners")
    page.page.wait_for_timeout(50)
    after = page.js(PIXEL, outside)
    assert _lightness(after) > _lightness(before) + 60  # the rest faded under the veil
    # the focused actor is drawn again on top of the veil, in its own colour (selected)
    assert abs(_lightness(page.js(PIXEL, georgia)) - _lightness(centre)) < 60

    _click_actor(page, far)
    paths = page.js("() => window.diplographMap.focusState()")
    expected = list(nx.all_shortest_paths(nx.Graph(graph), georgia, far))
    assert paths["mode"] == "paths"
    assert paths["steps"] == len(expected[0]) - 1
    assert sorted(map(tuple, paths["paths"])) == sorted(map(tuple, expected))[: len(paths["paths"])]
    assert set(paths["nodes"]) == {n for path in expected for n in path}
    listed = page.page.locator("#details .path-list li")
    assert listed.count() == len(paths["paths"])
    assert page.js(MARKED) == ["kept", "kept", "kept"]  # nothing was re-rendered

    page.page.locator("#focus-clear").click()
    assert page.js("() => window.diplographMap.focusState()") is None
    page.page.wait_for_timeout(50)
    assert page.js(PIXEL, outside) == before


def test_a_community_collapses_into_one_node_and_opens_again(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    page = open_map(real_maps.all_path)
    page.js(MARK)
    counts = "() => document.getElementById('visible-counts').textContent"
    before = (
        page.js(counts),
        sorted(page.js("() => window.diplographMap.nodeView.getIds()")),
        sorted(page.js("() => window.diplographMap.edgeView.getIds()")),
    )
    community = page.js("() => window.diplographMap.payload.communities[0]")
    members = set(
        page.js(
            "(n) => window.diplographMap.payload.nodes.filter((x) => x.community === n)"
            ".map((x) => x.id)",
            community["number"],
        )
    )
    assert len(members) == community["size"] > 2
    page.page.locator(".community").first.get_by_role("button", name="collapse").click()
    nodes = set(page.js("() => window.diplographMap.nodeView.getIds()"))
    assert not nodes & members  # its actors give way to one node
    assert f"c{community['number']}" in nodes
    edges = page.js("() => window.diplographMap.edgeView.get()")
    merged = [e for e in edges if e["id"].startswith("m")]
    assert merged
    assert all(f"c{community['number']}" in (e["from"], e["to"]) for e in merged)
    keys = [(e["from"], e["to"], e["arrows"], e["color"]) for e in merged]
    assert len(keys) == len(set(keys))  # one edge per outside actor, direction and polarity
    assert not any(e["from"] in members or e["to"] in members for e in edges)
    labels = page.js("() => window.diplographMap.labels.map((l) => l.id)")
    assert labels[0] == f"c{community['number']}"  # the community is labelled first
    page.page.locator(".community").first.get_by_role("button", name="open").click()
    after = (
        page.js(counts),
        sorted(page.js("() => window.diplographMap.nodeView.getIds()")),
        sorted(page.js("() => window.diplographMap.edgeView.getIds()")),
    )
    assert after == before
    assert page.js(MARKED) == ["kept", "kept", "kept"]


def test_actors_coloured_by_community(open_map: OpenMap, real_maps: RealMaps) -> None:
    page = open_map(real_maps.all_path)
    page.page.locator("#color-by").select_option("community")
    found: list[Any] = page.js(
        """() => { const m = window.diplographMap;
            return m.payload.nodes.map((n) => [n.community, m.nodes.get(n.id).color]); }"""
    )
    rows = {row["number"]: row for row in page.js("() => window.diplographMap.payload.communities")}
    for number, color in found:
        assert color == rows[number]["color"]
    assert page.page.locator("#legend-communities").is_visible()
    assert not page.page.locator("#legend-kinds").is_visible()


# every pair of the map: its index, ends and number of ties and events
PAIRS = """() => { const m = window.diplographMap;
    return m.edges.getIds().filter((id) => id[0] === "p").map((id) => {
        const p = m.pair(+id.slice(1));
        return {id: id, from: p.from, to: p.to, size: p.size}; }); }"""


def test_an_actor_opens_on_demand_with_its_weaker_pairs(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    """Expand on demand: a focused actor offers its pairs that the minimum strength hides, shows
    them all (and its partners) and hides them again; an actor found by the search whose pairs
    are all weaker is shown with them."""
    page = open_map(real_maps.all_path)
    page.js(MARK)
    page.js("() => window.diplographMap.setKeepStrongest(false)")  # by the strength alone
    page.js("() => window.diplographMap.setMinStrength(5)")
    pairs = page.js(PAIRS)
    shown = set(page.js("() => window.diplographMap.edgeView.getIds()"))
    assert shown == {p["id"] for p in pairs if p["size"] >= 5}

    def own(actor: str) -> list[dict[str, Any]]:
        return [p for p in pairs if actor in (p["from"], p["to"])]

    visible = set(page.js("() => window.diplographMap.nodeView.getIds()"))
    actor = max(
        (a for a in visible if any(p["size"] < 5 for p in own(a))),
        key=lambda a: (sum(p["size"] < 5 for p in own(a)), a),
    )
    weaker = sum(p["size"] < 5 for p in own(actor))
    _click_actor(page, actor)
    button = page.page.locator("#focus-open")
    assert button.inner_text() == f"Show its {weaker:,} weaker pair{'s' * (weaker > 1)} too"
    button.click()
    drawn = set(page.js("() => window.diplographMap.edgeView.getIds()"))
    assert drawn == shown | {p["id"] for p in own(actor)}  # all its pairs, nobody else's
    focus = page.js("() => window.diplographMap.focusState()")
    partners = {p["from"] if p["to"] == actor else p["to"] for p in own(actor)}
    assert set(focus["nodes"]) == partners | {actor}  # its weaker partners appear with them
    assert "every pair of " in page.page.locator("#visible-counts").inner_text()
    assert button.inner_text() == "Hide its pairs weaker than 5 ties"
    button.click()
    assert set(page.js("() => window.diplographMap.edgeView.getIds()")) == shown
    page.page.locator("#focus-clear").click()

    hidden = sorted(
        a
        for a in {p["from"] for p in pairs} | {p["to"] for p in pairs}
        if a not in visible and own(a) and all(p["size"] < 5 for p in own(a))
    )
    assert hidden
    label = page.js(
        "(id) => window.diplographMap.payload.nodes.find((n) => n.id === id).label", hidden[0]
    )
    page.page.locator("#search").fill(label)
    page.page.locator("#search").press("Enter")
    assert hidden[0] in page.js("() => window.diplographMap.nodeView.getIds()")
    assert page.js("() => window.diplographMap.focusState()")["a"] == hidden[0]
    assert {p["id"] for p in own(hidden[0])} <= set(
        page.js("() => window.diplographMap.edgeView.getIds()")
    )
    assert page.js(MARKED) == ["kept", "kept", "kept"]  # nothing was re-rendered
