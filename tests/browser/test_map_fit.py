"""Small maps fill the canvas, and the lists of tie types and statuses show every one present.

vis-network fits a network into view only down to its true size, and the layout used to blow a
two-actor map (actors on a line) up to billions of pixels, drawn as specks; the type list was a
180-pixel box that hid most types of the built-in graph below its own scrollbar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.maps import write_map

from .conftest import MapPage

pytestmark = pytest.mark.browser

OpenMap = Callable[[Path], MapPage]
FIXTURES = Path(__file__).parent.parent / "fixtures"

# the drawn actors' box in page pixels (node shapes included), the canvas, the zoom
VIEW = """() => {
    const map = window.diplographMap;
    const ids = map.nodeView.getIds();
    const corners = ids.flatMap((id) => {
        const box = map.network.getBoundingBox(id);
        return [map.network.canvasToDOM({x: box.left, y: box.top}),
                map.network.canvasToDOM({x: box.right, y: box.bottom})];
    });
    const canvas = document.querySelector("#map canvas");
    return {
        actors: ids.length, scale: map.network.getScale(),
        width: canvas.clientWidth, height: canvas.clientHeight,
        left: Math.min(...corners.map((p) => p.x)), right: Math.max(...corners.map((p) => p.x)),
        top: Math.min(...corners.map((p) => p.y)), bottom: Math.max(...corners.map((p) => p.y)),
    };
}"""
# each entry of a checklist: its text, and whether all of it is inside the list's own box
LISTED = """(id) => {
    const list = document.getElementById(id);
    const box = list.getBoundingClientRect();
    return Array.from(list.querySelectorAll("label")).map((label) => {
        const own = label.getBoundingClientRect();
        return {
            text: label.querySelector("span").textContent,
            inside: own.top >= box.top - 0.5 && own.bottom <= box.bottom + 0.5,
        };
    });
}"""

ONE_TIE = """PREFIX d:    <https://w3id.org/diplograph/id/>
PREFIX dipl: <https://w3id.org/diplograph/ont#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX tt:   <https://w3id.org/diplograph/vocab/tie-type/>
d:onestan a dipl:State ; rdfs:label "Onestan"@en .
d:twostan a dipl:State ; rdfs:label "Twostan"@en .
d:one-tie a dipl:Tie ; dipl:fromActor d:onestan ; dipl:toActor d:twostan ;
    dipl:tieType tt:DiplomaticRelations .
"""


def _drawn(open_map: OpenMap, network: nx.MultiDiGraph, path: Path) -> tuple[MapPage, Any]:
    write_map(network, path)
    page = open_map(path)
    page.page.wait_for_timeout(100)  # the fitted view drawn
    return page, page.js(VIEW)


def _inside(view: dict[str, Any]) -> bool:
    return bool(
        view["left"] >= -1
        and view["top"] >= -1
        and view["right"] <= view["width"] + 1
        and view["bottom"] <= view["height"] + 1
    )


def test_a_map_of_two_actors_fills_the_canvas(open_map: OpenMap, tmp_path: Path) -> None:
    facts = tmp_path / "one.ttl"
    facts.write_text(ONE_TIE, encoding="utf-8")
    network = diplograph.load([facts], store="memory").network(
        "ties-between", a="Onestan", b="Twostan"
    )
    page, view = _drawn(open_map, network, tmp_path / "two.html")
    assert view["actors"] == 2
    assert 1 < view["scale"] <= 3, view  # zoomed in, but not to giant actors
    assert view["right"] - view["left"] >= 0.4 * view["width"], view  # not a speck, not a dot
    assert _inside(view), view
    # counts in words, as the command line gives them
    visible = page.page.locator("#visible-counts").inner_text()
    assert visible == "2 of 2 actors and 1 of 1 pair visible (1 tie behind them)."


def test_a_small_map_fills_the_canvas(
    open_map: OpenMap, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    """The seed article's actors (about twenty) take most of the canvas, all of them in it."""
    _, view = _drawn(open_map, kg.network("ego-network", actor="Morocco"), tmp_path / "m.html")
    assert view["scale"] > 1, view
    spread = max(
        (view["right"] - view["left"]) / view["width"],
        (view["bottom"] - view["top"]) / view["height"],
    )
    assert spread >= 0.75, view
    assert _inside(view), view


def test_a_big_map_is_not_zoomed_in(open_map: OpenMap, tmp_path: Path) -> None:
    """Above the small-map size the view is vis's own fit: at most zoom 1, everything in view."""
    grid = nx.MultiDiGraph(nx.grid_2d_graph(25, 25))
    network = nx.MultiDiGraph()
    for i, (u, v) in enumerate(grid.edges()):
        a, b = f"a{u[0]}-{u[1]}", f"a{v[0]}-{v[1]}"
        for node in (a, b):
            network.add_node(node, label=node, kind="state")
        network.add_edge(a, b, key=f"t{i}", tie_type="t", tie_type_label="tie", directed=False)
    _, view = _drawn(open_map, network, tmp_path / "big.html")
    assert view["actors"] == 625
    assert view["scale"] <= 1, view
    assert _inside(view), view


def test_every_tie_type_and_status_is_listed_in_full(
    open_map: OpenMap, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    """The built-in graph's map lists each of its tie types (over a dozen) and statuses, every
    entry inside its list's box: none hidden below an inner scrollbar."""
    network = kg.network()
    page, _ = _drawn(open_map, network, tmp_path / "all.html")
    present = {str(d.get("tie_type_label")) for *_, d in network.edges(data=True)}
    assert len(present) > 10
    types = page.js(LISTED, "filter-types")
    assert {t["text"] for t in types} >= present
    assert len(types) == len({t["text"] for t in types})
    statuses = page.js(LISTED, "filter-statuses")
    assert len(statuses) >= 3
    hidden = [entry["text"] for entry in types + statuses if not entry["inside"]]
    assert hidden == []


def test_parallel_ties_of_three_types_are_each_listed(open_map: OpenMap, tmp_path: Path) -> None:
    graph = diplograph.load([FIXTURES / "map-ties.ttl"], store="memory")
    network = graph.network("ties-between", a="Examplestan", b="Sampleland")
    page, view = _drawn(open_map, network, tmp_path / "three.html")
    assert {t["text"] for t in page.js(LISTED, "filter-types")} == {
        str(d["tie_type_label"]) for *_, d in network.edges(data=True)
    }
    assert len(page.js(LISTED, "filter-types")) == 3
    assert view["right"] - view["left"] >= 0.4 * view["width"], view
