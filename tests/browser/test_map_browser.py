"""The map as a person sees it in headless Chromium: it draws, hovers, filters and searches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.maps import EVENT_STYLE, UNKNOWN_TIME_STYLE, UNSOURCED_STYLE, write_map
from diplograph.network import as_of, build_network, in_force
from diplograph.network.temporal import day_text

from ..conftest import FIXTURES
from ..test_temporal import CASES, rule_args
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
# how vis draws each visible edge: opacity, colour, dashes and width, by edge id
DRAWN_STYLES = """() => {
    const map = window.diplographMap;
    const drawn = {};
    for (const id of map.edgeView.getIds()) {
        const options = map.network.body.edges[id].options;
        drawn[id] = {
            opacity: options.color.opacity, color: options.color.color,
            dashes: options.dashes, width: options.width,
        };
    }
    return drawn;
}"""


@pytest.fixture(scope="module")
def seed_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return build_network(kg)


@pytest.fixture(scope="module")
def fixture_network() -> nx.MultiDiGraph:
    """The built-in graph with the hostile labels, the parallel dated ties and a user's ties
    without evidence (one of them ended at a time not given)."""
    files = ["map-hostile.ttl", "map-ties.ttl", "unsourced-ties.ttl"]
    with diplograph.load([FIXTURES / name for name in files]) as fixture_kg:
        return build_network(fixture_kg)


@pytest.fixture(scope="module")
def maps(
    seed_network: nx.MultiDiGraph,
    fixture_network: nx.MultiDiGraph,
    kg: KnowledgeGraph,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    write_map(seed_network, folder / "seed.html")
    write_map(fixture_network, folder / "fixtures.html")
    for mode in ("show", "include", "exclude"):
        network = build_network(kg, as_of="1990-01-01", undated=mode)
        write_map(network, folder / f"seed-1990-{mode}.html")
    fixture_exclude = fixture_network.copy()
    fixture_exclude.graph["undated"] = "exclude"  # the time control hides unknown ties
    write_map(fixture_exclude, folder / "fixtures-exclude.html")
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
    # the article's 14 ties, Morocco's 3 to UN missions in March 2014 (IPI) and 3 event edges
    assert counts == [17, 20, 17, 20]
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
        "17 of 17 actors and 20 of 20 ties and events visible."
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
    # 14 seed ties, 3 IPI mission ties, 3 event edges, 1 hostile, 3 parallel, 2 unsourced
    assert len(everything) == 26

    types = page.page.locator("#filter-types label")
    types.filter(has_text="conflict").locator("input").uncheck()
    visible = set(page.js(VISIBLE_EDGES))
    assert conflict not in visible
    assert {relations, cooperation} <= visible  # the parallel ties stay
    assert len(visible) == 24  # the seed's Israel-PA conflict went too
    assert conflict not in page.js(DRAWN_EDGES)
    types.filter(has_text="conflict").locator("input").check()

    statuses = page.page.locator("#filter-statuses label")
    statuses.filter(has_text="ended").locator("input").uncheck()
    ended = {relations, conflict, ID + "unsourced-nowhereland-jordan"}
    assert set(page.js(VISIBLE_EDGES)) == everything - ended
    statuses.filter(has_text="planned").locator("input").uncheck()
    nodes = page.js(VISIBLE_NODES)
    assert ID + "examplestan" not in nodes  # no visible tie left
    page.page.locator("#hide-orphans").uncheck()
    assert ID + "examplestan" in page.js(VISIBLE_NODES)
    assert page.page.locator("#visible-counts").inner_text() == (
        "22 of 22 actors and 22 of 26 ties and events visible."
    )


def _states(network: nx.MultiDiGraph, day: str) -> dict[str, bool | None]:
    """What Python's rule says of each edge of ``network`` on ``day``, by edge id."""
    filtered = as_of(network, day)
    return {str(k): s for _, _, k, s in filtered.edges(keys=True, data="in_force")}


def test_time_control_applies_the_three_valued_rule(
    open_map: OpenMap, maps: Path, fixture_network: nx.MultiDiGraph
) -> None:
    """At each date the script shows exactly the edges Python's rule keeps, the unknown ones
    faded and the others drawn in full."""
    page = open_map(maps / "fixtures.html")
    relations, conflict, cooperation = (
        ID + "map-test-relations",
        ID + "map-test-conflict",
        ID + "map-test-cooperation",
    )
    king = ID + "tie-mohammed-vi-king-of-morocco"
    undated = ID + "tie-morocco-isf-troops"
    ended_sometime = ID + "unsourced-nowhereland-jordan"  # Ended since 2001, no end date
    kosovo = ID + "tie-kosovo-isf-troops"  # Kosovo exists from 2008-02-20
    opacity = UNKNOWN_TIME_STYLE["opacity"]

    for day, expected_in, expected_out in [
        ("2005-06-01", {relations, king, undated, ended_sometime}, {conflict, kosovo}),
        ("2011-06-01", {conflict, king, undated, kosovo}, {relations, cooperation}),
        ("1999-01-01", {undated}, {relations, conflict, cooperation, king, kosovo}),
        ("2000-12-31", {king}, {ended_sometime}),  # the day before the Ended tie began
    ]:
        states = _states(fixture_network, day)
        _set_date(page, day)
        visible = _wait_for_edges(page, lambda ids, states=states: ids == set(states))
        assert visible == set(states), day
        assert expected_in <= visible, day
        assert not expected_out & visible, day
        drawn = page.js(DRAWN_STYLES)
        faded = {i for i, style in drawn.items() if style["opacity"] == opacity}
        assert faded == {i for i, s in states.items() if s is None}, day
        assert (undated in faded, king in faded) == (True, False), day
        assert (ended_sometime in faded) == (day >= "2001-01-01"), day
        assert {i for i, style in drawn.items() if style["opacity"] == 1} == {
            i for i, s in states.items() if s is True
        }, day
        known = sum(1 for s in states.values() if s)
        assert (
            page.page.locator("#visible-counts")
            .inner_text()
            .endswith(
                f"; on {day}: {known} in force, {len(states) - known} of unknown time (faded)."
            )
        )
        assert page.page.locator("#legend-unknown .count").inner_text() == str(len(states) - known)

    page.page.locator("#asof-enabled").uncheck()
    everything = fixture_network.number_of_edges()
    assert len(_wait_for_edges(page, lambda ids: len(ids) == everything)) == everything
    assert {style["opacity"] for style in page.js(DRAWN_STYLES).values()} == {1}


def test_the_map_script_applies_the_rule_of_the_table(open_map: OpenMap, maps: Path) -> None:
    """map.js's inForceOn on the hand-made cases of tests/test_temporal.py, as Python gives."""
    page = open_map(maps / "seed.html")
    edges = [
        {
            "begin": day_text(case.begin),
            "end": day_text(case.end),
            "ended": case.status == "https://w3id.org/diplograph/vocab/tie-status/Ended",
            "exists_from": day_text(case.exists_from),
            "exists_until": day_text(case.exists_until),
            "earliest_begin": day_text(case.earliest_begin),
            "latest_begin": day_text(case.latest_begin),
            "earliest_end": day_text(case.earliest_end),
            "latest_end": day_text(case.latest_end),
            "day": case.day,
        }
        for case in CASES
    ]
    found = page.js("(edges) => edges.map((e) => window.diplographMap.inForce(e, e.day))", edges)
    expected = [in_force(c.day, **rule_args(c)) for c in CASES]
    assert expected == [c.expected for c in CASES]
    assert found == expected


@pytest.mark.parametrize(
    ("mode", "edges", "faded"),
    [("show", 14, 14), ("include", 14, 0), ("exclude", 0, 0)],
)
def test_seed_as_of_1990_in_each_undated_mode(
    open_map: OpenMap, maps: Path, mode: str, edges: int, faded: int
) -> None:
    """No seed tie is in force in 1990: its 11 ties and 3 event edges of unknown time are faded
    (show), drawn in full (include) or not there at all (exclude)."""
    page = open_map(maps / f"seed-1990-{mode}.html")
    assert page.js("document.body.dataset.state") == ("empty" if mode == "exclude" else "drawn")
    if mode == "exclude":
        assert page.page.locator("#message").inner_text() == (
            "This map is empty: query all ties as of 1990-01-01 found no ties between actors "
            "(0 ties in force on 1990-01-01; 11 of unknown time left out; 0 event edges "
            "(3 of unknown time left out))."
        )
        assert page.js("() => window.diplographMap.edges.length") == 0
        return
    assert page.js("() => window.diplographMap.payload.dates.initial") == "1990-01-01"
    assert page.page.locator("#asof-enabled").is_checked()
    drawn = page.js(DRAWN_STYLES)
    assert len(drawn) == edges
    opacity = UNKNOWN_TIME_STYLE["opacity"]
    assert sum(1 for style in drawn.values() if style["opacity"] == opacity) == faded
    assert (
        page.page.locator("#counts")
        .inner_text()
        .startswith("13 actors: 0 ties in force on 1990-01-01; 11 of unknown time")
    )
    assert page.page.locator("#legend-unknown .count").inner_text() == str(faded)


def test_exclude_mode_hides_unknown_ties_at_the_chosen_date(
    open_map: OpenMap, maps: Path, fixture_network: nx.MultiDiGraph
) -> None:
    page = open_map(maps / "fixtures-exclude.html")
    _set_date(page, "2005-06-01")
    known = {k for k, s in _states(fixture_network, "2005-06-01").items() if s}
    assert _wait_for_edges(page, lambda ids: ids == known) == known
    assert ID + "map-test-relations" in known
    assert {style["opacity"] for style in page.js(DRAWN_STYLES).values()} == {1}
    assert "of unknown time (" not in page.page.locator("#visible-counts").inner_text()


def test_unsourced_ties_and_events_are_drawn_apart(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "fixtures.html")
    drawn = page.js(DRAWN_STYLES)
    unsourced = ID + "unsourced-nowhereland-morocco"
    assert drawn[unsourced]["color"] == UNSOURCED_STYLE["color"]
    assert {i for i, s in drawn.items() if s["color"] == UNSOURCED_STYLE["color"]} == {
        unsourced,
        ID + "unsourced-nowhereland-jordan",
    }
    meeting = f"{ID}event-board-of-peace-meeting|{ID}board-of-peace|{ID}isf"
    assert drawn[meeting]["dashes"] == EVENT_STYLE["dashes"]
    assert drawn[meeting]["width"] == EVENT_STYLE["width"]
    events = {i for i, s in drawn.items() if s["dashes"] == EVENT_STYLE["dashes"]}
    assert len(events) == 3
    assert all("|" in i for i in events)
    legend = page.page.locator("#legend-unsourced").inner_text()
    assert UNSOURCED_STYLE["label"] in legend
    assert legend.endswith("2")
    assert page.page.locator("#legend-event").inner_text().endswith("3")

    point = page.js(MIDPOINT, unsourced)
    assert (point["edge"], point["node"]) == (unsourced, None)
    text = _hover(page, point["x"], point["y"], "Nowhereland → Morocco")
    assert "none: " + UNSOURCED_STYLE["label"] in text


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
    frame.wait_for_function("() => document.body.dataset.state === 'drawn'", timeout=30_000)
    assert frame.evaluate("window.diplographMap.edges.length") == seed_network.number_of_edges()
    assert errors == []
    assert all(url.startswith(("file:", "about:")) for url in requests)
    page.close()
