"""Maps of real data (COW states and four months of GDELT on Georgia, aggregated) as a person
sees them: one edge per pair, labels that never overlap, pairs opened and closed, every tie on
demand, the weakest pairs hidden, actors sized by the measure picked."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from .conftest import LABELS, MapPage, RealMaps, check_labels

pytestmark = pytest.mark.browser

OpenMap = Callable[[Path], MapPage]

# every edge vis draws: its ends, direction, and the polarity of its pair (or tie)
DRAWN = """() => {
    const map = window.diplographMap;
    return map.network.body.edgeIndices.map((id) => {
        const edge = map.edges.get(id);
        const pair = edge.pair !== undefined ? edge.pair : map.tie(edge.tie).pair;
        return {id: id, from: edge.from, to: edge.to, arrows: edge.arrows,
                polarity: map.pair(pair).polarity};
    });
}"""
COUNTS = "() => document.getElementById('visible-counts').textContent"
MIDDLE = """(id) => {
    const map = window.diplographMap;
    const edge = map.network.body.edges[id];
    const point = map.network.canvasToDOM(edge.edgeType.getPoint(0.5, edge.edgeType.getViaNode()));
    const box = document.getElementById("map").getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y,
            edge: map.network.getEdgeAt(point) ?? null, node: map.network.getNodeAt(point) ?? null};
}"""


def _key(edge: dict[str, Any]) -> tuple[Any, ...]:
    ends = (edge["from"], edge["to"])
    return (ends if edge["arrows"] else tuple(sorted(ends)), bool(edge["arrows"]), edge["polarity"])


def test_real_map_draws_one_edge_per_pair_and_direction(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    page = open_map(real_maps.all_path)
    page.js("() => window.diplographMap.setMinStrength(1)")  # every pair, not the strongest
    drawn = page.js(DRAWN)
    twice = [key for key, n in Counter(_key(e) for e in drawn).items() if n > 1]
    assert twice == []  # at most one edge per pair, direction and polarity
    network = real_maps.everything
    assert len(drawn) < network.number_of_edges() / 3  # 1,445 ties and events, 456 pairs
    expected = {
        (
            (u, v) if d.get("directed", True) is not False else tuple(sorted((u, v))),
            d.get("directed", True) is not False,
            int(d.get("polarity") or 0),
        )
        for u, v, d in network.edges(data=True)
    }
    assert {_key(e) for e in drawn} == expected  # and every pair of the network is drawn
    assert page.requests == [page.url]


def test_labels_never_overlap_and_more_appear_on_zoom(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    page = open_map(real_maps.all_path)
    first = page.js(LABELS)
    actors = page.js("() => window.diplographMap.nodeView.length")
    assert 5 <= len(first["labels"]) < actors  # the most important ones, not all 90
    check_labels(first)
    order = page.js(
        "() => window.diplographMap.labels.map((l) => window.diplographMap.payload.nodes"
        ".find((n) => n.id === l.id).measures[0])"
    )
    assert order[0] == max(
        page.js("() => window.diplographMap.payload.nodes.map((n) => n.measures[0])")
    )  # the most connected actor is labelled first
    fitted = page.js("() => window.diplographMap.network.getScale()")
    # at every zoom, out and in, and moved about: still no two labels overlap
    for factor, dx, dy in ((0.3, 0, 0), (0.6, 40, -30), (1.5, -60, 20), (6, 80, 50), (12, 0, 0)):
        page.js(
            """([scale, dx, dy]) => { const n = window.diplographMap.network;
                const at = n.getViewPosition();
                const drawn = new Promise((done) => n.once("afterDrawing", done));
                n.moveTo({scale: scale, position: {x: at.x + dx, y: at.y + dy},
                          animation: false});
                return drawn.then(() => null); }""",
            [fitted * factor, dx / factor, dy / factor],
        )
        check_labels(page.js(LABELS))
    page.js("() => window.diplographMap.fit()")
    page.js(
        """() => { const n = window.diplographMap.network;
            n.moveTo({scale: n.getScale() * 3, animation: false}); }"""
    )
    page.page.wait_for_timeout(100)
    zoomed = page.js(LABELS)
    check_labels(zoomed)
    in_view = page.js(
        """() => { const m = window.diplographMap; const n = m.network;
            const c = document.querySelector("#map canvas");
            return m.nodeView.getIds().filter((id) => {
                const p = n.canvasToDOM(n.getPositions([id])[id]);
                return p.x > 0 && p.y > 0 && p.x < c.clientWidth && p.y < c.clientHeight;
            }).length; }"""
    )
    # zoomed in, a larger share of the actors in view has its label
    assert len(zoomed["labels"]) / in_view > len(first["labels"]) / actors


def test_the_first_view_fits_every_actor_and_label(open_map: OpenMap, real_maps: RealMaps) -> None:
    for path in (real_maps.all_path, real_maps.georgia_path):
        page = open_map(path)
        box = page.js(
            """() => { const m = window.diplographMap; const n = m.network;
                const c = document.querySelector("#map canvas");
                const corners = m.nodeView.getIds().flatMap((id) => {
                    const b = n.getBoundingBox(id);
                    return [n.canvasToDOM({x: b.left, y: b.top}),
                            n.canvasToDOM({x: b.right, y: b.bottom})]; });
                return {width: c.clientWidth, height: c.clientHeight,
                    left: Math.min(...corners.map((p) => p.x)),
                    right: Math.max(...corners.map((p) => p.x)),
                    top: Math.min(...corners.map((p) => p.y)),
                    bottom: Math.max(...corners.map((p) => p.y))}; }"""
        )
        assert min(box["left"], box["top"]) >= 0, box
        assert box["right"] <= box["width"], box
        assert box["bottom"] <= box["height"], box
        spread = max(
            (box["right"] - box["left"]) / box["width"],
            (box["bottom"] - box["top"]) / box["height"],
        )
        assert spread > 0.6, box  # and uses the canvas
        check_labels(page.js(LABELS))


# for every two actors joined by more than one visible edge: how far apart they are, and the
# middle of each edge's curve (map units)
PARALLEL = """() => {
    const network = window.diplographMap.network;
    const groups = {};
    for (const id of window.diplographMap.edgeView.getIds()) {
        const edge = network.body.edges[id];
        const key = [edge.fromId, edge.toId].sort().join(" ");
        const via = edge.edgeType.getViaNode ? edge.edgeType.getViaNode() : undefined;
        (groups[key] = groups[key] || []).push(edge.edgeType.getPoint(0.5, via));
    }
    return Object.entries(groups).filter(([, middles]) => middles.length > 1)
        .map(([key, middles]) => {
            const [a, b] = key.split(" ").map((id) => network.getPositions([id])[id]);
            return {a: a, b: b, middles: middles};
        });
}"""


def test_parallel_pairs_run_side_by_side_not_across_the_map(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    """Edges between the same two actors are apart from each other, and a long one bends about
    24 map units further per edge rather than a share of its length."""
    page = open_map(real_maps.all_path)
    page.js("() => window.diplographMap.setMinStrength(1)")
    groups = page.js(PARALLEL)
    assert groups
    longest = 0.0
    for group in groups:
        a, b = group["a"], group["b"]
        length = math.dist((a["x"], a["y"]), (b["x"], b["y"]))
        longest = max(longest, length)
        middle = ((a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
        steps = math.ceil(len(group["middles"]) / 2)
        across = ((a["y"] - b["y"]) / length, (b["x"] - a["x"]) / length)  # unit, across
        for point in group["middles"]:
            off = abs((point["x"] - middle[0]) * across[0] + (point["y"] - middle[1]) * across[1])
            assert off < length / 3, (group, length)
            if length > 1_000:  # about 24 units a step (vis's roundness: to within a fifth)
                assert off <= 24 * steps * 1.2 + 1, (group, length)
        for p, q in combinations(group["middles"], 2):
            assert math.dist((p["x"], p["y"]), (q["x"], q["y"])) > 2, group
    assert longest > 1_000  # long edges were checked too


def test_the_georgia_example_labels_every_actor(open_map: OpenMap, real_maps: RealMaps) -> None:
    page = open_map(real_maps.georgia_path)
    actors = real_maps.georgia.number_of_nodes()
    assert len(page.js("() => window.diplographMap.labels")) == actors
    assert page.page.locator("#period-asked").inner_text() == "2012-07-01 to 2012-10-31"
    assert page.page.locator("#period-shown").inner_text() == (
        "Shown: all the query found for the period asked, 2012-07-01 to 2012-10-31."
    )
    pairs = page.js("() => window.diplographMap.edgeView.length")
    assert pairs < real_maps.georgia.number_of_edges()  # one edge per pair, not per month


def test_opening_and_closing_a_pair_restores_the_counts(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    page = open_map(real_maps.all_path)
    before = (page.js(COUNTS), sorted(page.js("() => window.diplographMap.edgeView.getIds()")))
    biggest = page.js(
        """() => { const m = window.diplographMap;
            const ids = m.edgeView.getIds();
            ids.sort((a, b) => m.pair(+b.slice(1)).size - m.pair(+a.slice(1)).size);
            return ids.find((id) => m.pair(+id.slice(1)).size <= 60); }"""
    )
    size = page.js("(id) => window.diplographMap.pair(+id.slice(1)).size", biggest)
    assert size > 1
    point = page.js(MIDDLE, biggest)
    assert point["edge"] == biggest
    page.page.mouse.click(point["x"], point["y"])
    single = page.js("() => window.diplographMap.edgeView.getIds().filter((i) => i[0] === 't')")
    assert len(single) == size  # the pair drawn tie by tie
    assert biggest not in page.js("() => window.diplographMap.edgeView.getIds()")
    assert f"1 pair opened ({size:,} " in page.js(COUNTS)
    listed = page.page.locator("#details .tie-list > li")
    assert listed.count() == size  # the details list every tie, with its evidence and source
    # GDELT rows, each said in words (the row itself behind a click)
    cited = page.page.locator("#details .tie-list .tip-citation").all_inner_texts()
    assert cited
    assert all(text.startswith("GDELT 20") for text in cited), cited[:3]
    assert page.page.locator("#details .tie-list .tip-row").count() == len(cited)
    page.page.get_by_role("button", name="Close the pair (one edge again)").click()
    after = (page.js(COUNTS), sorted(page.js("() => window.diplographMap.edgeView.getIds()")))
    assert after == before


def test_every_tie_on_its_own_and_back(open_map: OpenMap, real_maps: RealMaps) -> None:
    page = open_map(real_maps.all_path)
    page.js("() => window.diplographMap.setMinStrength(1)")
    before = (page.js(COUNTS), sorted(page.js("() => window.diplographMap.edgeView.getIds()")))
    page.page.locator("#all-ties").check()
    drawn = page.js("() => window.diplographMap.edgeView.getIds()")
    total = real_maps.everything.number_of_edges()
    assert len(drawn) == total
    assert all(i.startswith("t") for i in drawn)
    assert page.js(COUNTS).endswith(f"and {total:,} of {total:,} ties and events visible.")
    page.page.locator("#all-ties").uncheck()
    after = (page.js(COUNTS), sorted(page.js("() => window.diplographMap.edgeView.getIds()")))
    assert after == before


def test_minimum_strength_hides_the_weakest_pairs(open_map: OpenMap, real_maps: RealMaps) -> None:
    """The slider hides pairs of fewer ties, but for each actor's strongest pairs, which show
    until their box is unticked; every actor with ties stays in the first view."""
    page = open_map(real_maps.all_path)
    pairs = page.js(
        """() => { const m = window.diplographMap;
            return m.edges.getIds().filter((i) => i[0] === "p")
                .map((i) => m.pair(+i.slice(1))); }"""
    )
    strength = page.js("() => Number(document.getElementById('min-strength').value)")
    assert strength > 1
    shown = page.js("() => window.diplographMap.edgeView.length")
    assert shown == sum(1 for p in pairs if p["size"] >= strength or p["strongest"])
    actors = {p["from"] for p in pairs} | {p["to"] for p in pairs}
    assert set(page.js("() => window.diplographMap.nodeView.getIds()")) == actors
    slider = page.page.locator("#min-strength")
    slider.fill("5")
    slider.dispatch_event("change")
    assert page.js("() => window.diplographMap.edgeView.length") == sum(
        1 for p in pairs if p["size"] >= 5 or p["strongest"]
    )
    assert page.page.locator("#min-strength-label").inner_text() == "5 ties or events"
    page.page.locator("#keep-strongest").uncheck()
    assert page.js("() => window.diplographMap.edgeView.length") == sum(
        1 for p in pairs if p["size"] >= 5
    )


def test_actors_are_sized_by_the_measure_picked(open_map: OpenMap, real_maps: RealMaps) -> None:
    page = open_map(real_maps.all_path)
    sizes = "() => window.diplographMap.nodes.get().map((n) => [n.id, n.size])"
    by_ties = dict(page.js(sizes))
    page.page.locator("#size-by").select_option(label="centrality (PageRank)")
    by_rank = dict(page.js(sizes))
    assert by_ties != by_rank
    payload = {n["id"]: n for n in page.js("() => window.diplographMap.payload.nodes")}
    assert all(by_rank[i] == payload[i]["sizes"][2] for i in by_rank)
    top = max(payload, key=lambda i: payload[i]["measures"][2])
    assert by_rank[top] == max(by_rank.values())
    assert page.page.locator("#legend-size").inner_text() == "centrality (PageRank)"
    first_label = page.js("() => window.diplographMap.labels[0].id")
    assert first_label == top
    assert not any(math.isnan(v) for v in by_rank.values())


def test_long_labels_in_any_script_stay_readable_text(open_map: OpenMap, tmp_path: Path) -> None:
    """A label of 200 characters is cut on the canvas (whole in its details); Arabic, Chinese
    and markup stay text; no two labels overlap."""
    import networkx as nx

    from diplograph.maps import write_map

    long = "The Very Long Official Name of an Organisation " * 4
    names = {
        "a": long.strip(),
        "b": "المملكة المغربية",
        "c": "中华人民共和国",
        "d": "<b onmouseover=window.__pwned=1>Bold</b>",
        "e": "Ελληνική Δημοκρατία",
    }
    network = nx.MultiDiGraph(query="labels", params={}, as_of=None)
    for node, label in names.items():
        network.add_node(node, label=label, kind="state")
    for u, v in (("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("e", "a"), ("a", "c")):
        network.add_edge(u, v, key=f"{u}{v}", polarity=1)
    path = tmp_path / "labels.html"
    write_map(network, path)
    page = open_map(path)
    found = page.js(LABELS)
    check_labels(found)
    texts = {label["id"]: label["text"] for label in found["labels"]}
    assert texts["a"] == long.strip()[:35] + "…"
    for node in "bcde":
        name = names[node]
        if node in texts:
            assert texts[node] == (name if len(name) <= 36 else name[:35] + "…")
    point = page.js(
        """(id) => { const n = window.diplographMap.network;
            const p = n.canvasToDOM(n.getPositions([id])[id]);
            const b = document.getElementById("map").getBoundingClientRect();
            return {x: b.left + p.x, y: b.top + p.y}; }""",
        "a",
    )
    page.page.mouse.click(point["x"], point["y"])
    assert page.page.locator("#details .tip-title").inner_text() == long.strip()
    assert page.js("() => window.__pwned") is None
    assert page.js("() => document.querySelectorAll('b').length") == 0
