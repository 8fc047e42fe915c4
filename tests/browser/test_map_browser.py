"""The map as a person sees it in headless Chromium: it draws, hovers, filters and searches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.maps import write_map
from diplograph.network import build_network

from ..conftest import FIXTURES
from .conftest import MapPage

pytestmark = pytest.mark.browser

ID = "https://w3id.org/diplograph/id/"
OpenMap = Callable[[Path], MapPage]
Pixels = Callable[[bytes], dict[str, int]]

MIDPOINT = """(id) => {
    const map = window.diplographMap;
    const edge = map.edges.get(id);
    const at = map.network.getPositions([edge.from, edge.to]);
    const a = map.network.canvasToDOM(at[edge.from]);
    const b = map.network.canvasToDOM(at[edge.to]);
    const point = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
    const box = document.getElementById("map").getBoundingClientRect();
    return {
        x: box.left + point.x, y: box.top + point.y,
        edge: map.network.getEdgeAt(point) ?? null, node: map.network.getNodeAt(point) ?? null,
    };
}"""
NODE_POINT = """(id) => {
    const map = window.diplographMap;
    const point = map.network.canvasToDOM(map.network.getPositions([id])[id]);
    const box = document.getElementById("map").getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y};
}"""
VISIBLE_EDGES = "() => window.diplographMap.edgeView.getIds().sort()"
VISIBLE_NODES = "() => window.diplographMap.nodeView.getIds().sort()"
DRAWN_EDGES = "() => Object.keys(window.diplographMap.network.body.edges).sort()"


@pytest.fixture(scope="module")
def seed_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return build_network(kg)


@pytest.fixture(scope="module")
def maps(seed_network: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    write_map(seed_network, folder / "seed.html")
    fixture_kg = diplograph.load([FIXTURES / "map-hostile.ttl", FIXTURES / "map-ties.ttl"])
    write_map(build_network(fixture_kg), folder / "fixtures.html")
    empty = nx.MultiDiGraph(query="ties-by-type", params={"type": "sanction"}, as_of=None)
    write_map(empty, folder / "empty.html")
    big = nx.MultiDiGraph(list(nx.barabasi_albert_graph(400, 2, seed=5).edges()))
    write_map(big, folder / "limited.html", max_nodes=60)
    return folder


def _hover(map_page: MapPage, x: float, y: float, heading: str) -> str:
    """Move the mouse to (x, y) as a person would; return the tooltip once it shows ``heading``."""
    map_page.page.mouse.move(x - 30, y - 30)
    map_page.page.mouse.move(x, y, steps=6)
    map_page.page.wait_for_function(
        """(heading) => {
            const tip = document.querySelector("#tooltip");
            return tip !== null && tip.checkVisibility() && tip.innerText.startsWith(heading);
        }""",
        arg=heading,
        timeout=5_000,
    )
    return str(map_page.page.locator("#tooltip").inner_text())


def _set_date(map_page: MapPage, day: str) -> None:
    """Switch the time control on and drag it to ``day``."""
    map_page.page.locator("#asof-enabled").check()
    map_page.js(
        """(day) => {
            const range = document.getElementById("asof-range");
            const first = Date.parse(window.diplographMap.payload.dates.min);
            range.value = String(Math.round((Date.parse(day) - first) / 86400000));
            range.dispatchEvent(new Event("input", {bubbles: true}));
        }""",
        day,
    )
    assert map_page.page.locator("#asof-label").inner_text() == day


def _wait_for_edges(map_page: MapPage, check: Callable[[set[str]], bool]) -> set[str]:
    for _ in range(50):
        ids: set[str] = set(map_page.js(VISIBLE_EDGES))
        if check(ids):
            return ids
        map_page.page.wait_for_timeout(20)
    return set(map_page.js(VISIBLE_EDGES))


def test_seed_map_draws_every_actor_and_tie(
    open_map: OpenMap, maps: Path, seed_network: nx.MultiDiGraph, pixels: Pixels
) -> None:
    page = open_map(maps / "seed.html")
    assert page.js("document.body.dataset.state") == "drawn"
    counts = page.js(
        """() => { const m = window.diplographMap;
            return [m.nodes.length, m.edges.length, m.nodeView.length, m.edgeView.length]; }"""
    )
    assert counts == [16, 14, 16, 14]
    assert counts[:2] == [seed_network.number_of_nodes(), seed_network.number_of_edges()]
    keys = sorted(key for _, _, key in seed_network.edges(keys=True))
    assert page.js(DRAWN_EDGES) == keys
    assert sorted(page.js("() => window.diplographMap.network.body.nodeIndices")) == sorted(
        seed_network.nodes
    )
    shot = pixels(page.page.locator("#map").screenshot())
    assert shot["colours"] > 20  # nodes, ties and labels in several colours
    assert shot["inked"] > 2_000
    assert page.page.locator("h1").inner_text() == "Relationship map: all ties"
    assert page.page.locator("#visible-counts").inner_text() == (
        "16 of 16 actors and 14 of 14 ties visible."
    )
    assert page.requests == [page.url]  # zero network requests (and none blocked)
    assert page.errors == []  # no console errors


def test_hovering_a_tie_shows_its_quote_and_source(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "seed.html")
    tie = ID + "tie-egypt-isf-police-training"
    point = page.js(MIDPOINT, tie)
    assert (point["edge"], point["node"]) == (tie, None)
    text = _hover(page, point["x"], point["y"], "Egypt → International Stabilization Force")
    assert "police training" in text
    assert "pledged" in text
    assert "“Egypt and Jordan have committed to training police forces.”" in text
    assert "— Seed article 000_50394d480bb7f741" in text


def test_hostile_labels_show_as_text_and_run_nothing(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "fixtures.html")
    assert page.js("() => window.__pwned") is None
    search = page.page.locator("#search")
    search.fill("imgland")
    result = page.page.locator("#search-results button").first
    result.wait_for()
    assert result.inner_text().startswith("<img src=x onerror=window.__pwned=1>")
    result.click()
    details = page.page.locator("#details")
    assert "<img src=x onerror=window.__pwned=1>" in details.inner_text()

    node = page.js(NODE_POINT, ID + "hostile-script")
    assert "state" in _hover(page, node["x"], node["y"], "<script>window.__pwned=1</script>")
    page.page.mouse.move(5, 5)
    point = page.js(MIDPOINT, ID + "hostile-tie")
    assert point["edge"] == ID + "hostile-tie"
    text = _hover(page, point["x"], point["y"], "<img src=x onerror=window.__pwned=1> → <script>")
    assert "</script><script>window.__pwned=1</script>" in text
    assert "<b onmouseover=window.__pwned=1>Hostile document</b>" in text

    assert page.js("() => window.__pwned") is None
    assert page.js("() => document.querySelectorAll('img, b, iframe').length") == 0
    assert page.js("() => document.scripts.length") == 3  # data, vis-network, the map
    assert page.requests == [page.url]  # no image, no script, nothing fetched
    assert page.errors == []


def test_filters_by_type_and_status_keep_parallel_ties_apart(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "fixtures.html")
    relations, conflict, cooperation = (
        ID + "map-test-relations",
        ID + "map-test-conflict",
        ID + "map-test-cooperation",
    )
    everything = set(page.js(VISIBLE_EDGES))
    assert {relations, conflict, cooperation} <= everything
    assert len(everything) == 18

    types = page.page.locator("#filter-types label")
    types.filter(has_text="conflict").locator("input").uncheck()
    visible = set(page.js(VISIBLE_EDGES))
    assert conflict not in visible
    assert {relations, cooperation} <= visible  # the parallel ties stay
    assert len(visible) == 16  # the seed's Israel-PA conflict went too
    assert conflict not in page.js(DRAWN_EDGES)
    types.filter(has_text="conflict").locator("input").check()

    statuses = page.page.locator("#filter-statuses label")
    statuses.filter(has_text="ended").locator("input").uncheck()
    assert set(page.js(VISIBLE_EDGES)) == everything - {relations, conflict}
    statuses.filter(has_text="planned").locator("input").uncheck()
    nodes = page.js(VISIBLE_NODES)
    assert ID + "examplestan" not in nodes  # no visible tie left
    page.page.locator("#hide-orphans").uncheck()
    assert ID + "examplestan" in page.js(VISIBLE_NODES)
    assert page.page.locator("#visible-counts").inner_text() == (
        "20 of 20 actors and 15 of 18 ties visible."
    )


def test_time_control_shows_ties_in_force_and_always_the_undated(
    open_map: OpenMap, maps: Path
) -> None:
    page = open_map(maps / "fixtures.html")
    relations, conflict, cooperation = (
        ID + "map-test-relations",
        ID + "map-test-conflict",
        ID + "map-test-cooperation",
    )
    king = ID + "tie-mohammed-vi-king-of-morocco"
    undated = ID + "tie-morocco-isf-troops"

    _set_date(page, "2005-06-01")
    visible = _wait_for_edges(page, lambda ids: relations in ids)
    assert {relations, king, undated} <= visible
    assert not {conflict, cooperation} & visible

    _set_date(page, "2011-06-01")
    visible = _wait_for_edges(page, lambda ids: conflict in ids)
    assert relations not in visible
    assert {conflict, king, undated} <= visible

    _set_date(page, "1999-01-01")
    visible = _wait_for_edges(page, lambda ids: king not in ids)
    assert not {relations, conflict, cooperation, king} & visible
    assert undated in visible
    assert len(visible) == 14  # the undated ties

    page.page.locator("#asof-enabled").uncheck()
    assert len(_wait_for_edges(page, lambda ids: len(ids) == 18)) == 18


def test_search_finds_morocco_by_its_arabic_name(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "seed.html")
    search = page.page.locator("#search")
    search.fill("المغرب")
    first = page.page.locator("#search-results button").first
    first.wait_for()
    assert first.get_attribute("data-id") == ID + "morocco"
    assert first.inner_text() == "Morocco (المغرب)"
    search.press("Enter")
    assert page.js("() => window.diplographMap.network.getSelectedNodes()") == [ID + "morocco"]
    assert page.page.locator("#details .tip-title").inner_text() == "Morocco"

    def first_hit(text: str) -> Any:
        return page.js("(text) => window.diplographMap.search(text)[0]?.id ?? null", text)

    assert first_hit("mOROCCO") == ID + "morocco"
    assert first_hit("isf") == ID + "isf"
    assert first_hit("MAR") == ID + "morocco"
    assert first_hit("مغرب") == ID + "morocco"  # part of the name
    search.fill("Atlantis")
    assert page.page.locator("#search-results").inner_text() == "No actor matches."


def test_empty_network_says_so(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "empty.html")
    assert page.js("document.body.dataset.state") == "empty"
    message = page.page.locator("#message")
    assert message.is_visible()
    assert message.inner_text() == (
        "This map is empty: query ties-by-type (type=sanction) found no ties between actors."
    )
    assert page.js("() => document.querySelectorAll('#map canvas').length") == 0
    assert not page.page.locator("#search").is_visible()


def test_limited_map_says_how_it_was_limited(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "limited.html")
    assert page.js("() => window.diplographMap.nodes.length") == 60
    warning = page.page.locator("#limit-warning")
    assert warning.is_visible()
    assert "400 actors" in warning.inner_text()
    assert "the 60 most connected actors" in " ".join(warning.inner_text().split())


def test_png_export_downloads_the_view(open_map: OpenMap, maps: Path, pixels: Pixels) -> None:
    page = open_map(maps / "seed.html")
    with page.page.expect_download() as download_info:
        page.page.locator("#export-png").click()
    download = download_info.value
    assert download.suggested_filename == "diplograph-map.png"
    png = Path(download.path()).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = pixels(png)
    size = page.js(
        "() => { const c = document.querySelector('#map canvas'); return [c.width, c.height]; }"
    )
    assert [image["width"], image["height"]] == size
    assert image["inked"] > 2_000
    assert image["inked"] < image["width"] * image["height"]  # opaque white background


def test_notebook_inline_map_draws_inside_its_iframe(
    browser: Any, seed_network: nx.MultiDiGraph, tmp_path: Path
) -> None:
    """What a notebook shows for ``render_map(...)``: the page in a sandboxed iframe srcdoc."""
    from diplograph.maps import render_map

    rendered = render_map(seed_network)
    wrapper = tmp_path / "notebook-cell.html"
    wrapper.write_text(f"<!doctype html><body>{rendered._repr_html_()}</body>", encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(wrapper.resolve().as_uri())
    frame = page.frames[1]
    frame.wait_for_function("document.body.dataset.state === 'drawn'", timeout=30_000)
    assert frame.evaluate("window.diplographMap.edges.length") == seed_network.number_of_edges()
    assert errors == []
    assert all(url.startswith(("file:", "about:")) for url in requests)
    page.close()
