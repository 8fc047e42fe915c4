"""The map as a person sees it in headless Chromium: it draws pairs, hovers, filters, applies the
period's rule, searches, and keeps hostile text as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import import_files
from diplograph.maps import EVENT_STYLE, UNKNOWN_TIME_STYLE, UNSOURCED_STYLE, write_map
from diplograph.network import build_network, in_force
from diplograph.network.temporal import BOUNDS, day_text

from ..conftest import FIXTURES
from ..test_temporal import CASES, PERIOD_CASES, period_args, rule_args
from .conftest import MapPage, states_in_period

pytestmark = pytest.mark.browser

ID = "https://w3id.org/diplograph/id/"
OpenMap = Callable[[Path], MapPage]
Pixels = Callable[[bytes], dict[str, int]]

MIDPOINT = """(id) => {
    const map = window.diplographMap;
    const edge = map.network.body.edges[id];
    const via = edge.edgeType.getViaNode ? edge.edgeType.getViaNode() : null;
    const middle = edge.edgeType.getPoint(0.5, via);
    const point = map.network.canvasToDOM(middle);
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
# the tie IRIs of the single ties drawn (opened pairs, or every tie)
VISIBLE_TIES = """() => {
    const map = window.diplographMap;
    return map.edgeView.getIds().filter((id) => id[0] === "t")
        .map((id) => map.tie(map.edges.get(id).tie).id).sort();
}"""
# how vis draws each visible edge: opacity, colour, dashes and width, by tie IRI or edge id
DRAWN_STYLES = """() => {
    const map = window.diplographMap;
    const drawn = {};
    for (const id of map.edgeView.getIds()) {
        const options = map.network.body.edges[id].options;
        const edge = map.edges.get(id);
        const key = id[0] === "t" ? map.tie(edge.tie).id : id;
        drawn[key] = {
            opacity: options.color.opacity, color: options.color.color,
            dashes: options.dashes, width: options.width,
        };
    }
    return drawn;
}"""
# the vis id of the pair edge holding a tie (by IRI)
PAIR_OF = """(iri) => {
    const map = window.diplographMap;
    const ties = map.payload.ties;
    const at = ties.detail_at[ties.details.findIndex((d) => d.id === iri)];
    return "p" + map.tie(at).pair;
}"""
SHOW_ALL = "() => window.diplographMap.setAllTies(true)"


@pytest.fixture(scope="module")
def seed_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return build_network(kg.store)


@pytest.fixture(scope="module")
def fixture_network() -> nx.MultiDiGraph:
    """The built-in graph with the hostile labels, the parallel dated ties and a user's ties
    without evidence (one of them ended at a time not given)."""
    files = ["map-hostile.ttl", "map-ties.ttl", "unsourced-ties.ttl"]
    with diplograph.load([FIXTURES / name for name in files]) as fixture_kg:
        return build_network(fixture_kg.store)


@pytest.fixture(scope="module")
def exchange_network() -> nx.MultiDiGraph:
    """The United States' representation ties with Russia, Cuba and Morocco: the real rows of
    COW Diplomatic Exchange, each tie a run of snapshots with its four SEM bounds."""
    with diplograph.open("memory") as exchange_kg:
        import_files(exchange_kg, "diplomatic-exchange", [FIXTURES / "datasets" / EXCHANGE])
        return build_network(exchange_kg.store)


EXCHANGE = "diplomatic-exchange-usa.csv"


@pytest.fixture(scope="module")
def maps(
    seed_network: nx.MultiDiGraph,
    fixture_network: nx.MultiDiGraph,
    exchange_network: nx.MultiDiGraph,
    kg: KnowledgeGraph,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    write_map(seed_network, folder / "seed.html")
    write_map(fixture_network, folder / "fixtures.html")
    write_map(exchange_network, folder / "exchange.html")
    for mode in ("show", "include", "exclude"):
        network = build_network(kg.store, as_of="1990-01-01", undated=mode)
        write_map(network, folder / f"seed-1990-{mode}.html")
    fixture_exclude = fixture_network.copy()
    fixture_exclude.graph["undated"] = "exclude"  # the time control hides unknown ties
    write_map(fixture_exclude, folder / "fixtures-exclude.html")
    empty = nx.MultiDiGraph(query="ties-by-type", params={"type": "sanction"}, as_of=None)
    write_map(empty, folder / "empty.html")
    big = nx.MultiDiGraph(list(nx.barabasi_albert_graph(400, 2, seed=5).edges()))
    write_map(big, folder / "limited.html", max_nodes=60)
    return folder


def _mouse_on_edge(map_page: MapPage, edge_id: str) -> dict[str, Any]:
    """Where a person points at an edge (its middle), checked to hit it and no actor."""
    point: dict[str, Any] = map_page.js(MIDPOINT, edge_id)
    assert (point["edge"], point["node"]) == (edge_id, None), point
    return point


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


def test_seed_map_draws_every_actor_and_pair(
    open_map: OpenMap, maps: Path, seed_network: nx.MultiDiGraph, pixels: Pixels
) -> None:
    page = open_map(maps / "seed.html")
    assert page.js("document.body.dataset.state") == "drawn"
    counts = page.js(
        """() => { const m = window.diplographMap;
            return [m.nodes.length, m.edges.length, m.nodeView.length, m.edgeView.length]; }"""
    )
    # 17 actors; 19 pairs for the article's 14 ties, Morocco's 3 ties to UN missions in March
    # 2014 (IPI; two of them to MONUSCO, one pair) and 3 event edges
    assert counts == [17, 19, 17, 19]
    assert page.js(DRAWN_EDGES) == sorted(f"p{i}" for i in range(19))
    assert sorted(page.js("() => window.diplographMap.network.body.nodeIndices")) == sorted(
        seed_network.nodes
    )
    shot = pixels(page.page.locator("#map").screenshot())
    assert shot["colours"] > 20  # nodes, ties and labels in several colours
    assert shot["inked"] > 2_000
    assert page.page.locator("h1").inner_text() == "Relationship map: all ties"
    assert page.page.locator("#visible-counts").inner_text() == (
        "17 of 17 actors and 19 of 19 pairs visible (20 ties and events behind them)."
    )
    assert page.js("() => window.diplographMap.labels.length") == 17  # room for every label
    assert page.requests == [page.url]  # zero network requests (and none blocked)
    assert page.errors == []  # no console errors


# every line pattern vis gives the canvas during one drawing at ``scale``: the pattern asked
# for (the style's) and its length in pixels on the screen as the canvas draws it
DASHES_DRAWN = """(scale) => {
    const network = window.diplographMap.network;
    const context = document.querySelector("#map canvas").getContext("2d");
    const asked = context.setLineDash;
    const seen = [];
    context.setLineDash = function (pattern) {
        const result = asked.call(this, pattern);
        const pixels = this.getTransform().a / window.devicePixelRatio;
        seen.push({asked: Array.from(pattern), pixels: this.getLineDash().map((d) => d * pixels)});
        return result;
    };
    const drawn = new Promise((done) => network.once("afterDrawing", done));
    network.moveTo({scale: scale, animation: false});
    return drawn.then(() => { context.setLineDash = asked; return seen; });
}"""


def test_line_patterns_keep_their_length_in_pixels_at_any_zoom(
    open_map: OpenMap, maps: Path
) -> None:
    """A pledged tie's dashes are as long on screen as in the legend, zoomed out or in (in the
    map's units they were a hundredth of a pixel at a big map's first view, and slow to draw)."""
    page = open_map(maps / "seed.html")
    for scale in (0.01, 1.0, 4.0):
        seen = [d for d in page.js(DASHES_DRAWN, scale) if any(d["asked"])]
        assert seen, scale  # vis still draws its dashes through the canvas's setLineDash
        for dash in seen:
            assert dash["pixels"] == pytest.approx(dash["asked"], rel=1e-6), (scale, dash)


def test_hovering_a_pair_then_a_tie_shows_quote_and_source(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "seed.html")
    tie = ID + "tie-egypt-isf-police-training"
    pair = page.js(PAIR_OF, tie)
    point = _mouse_on_edge(page, pair)
    text = _hover(page, point["x"], point["y"], "Egypt → International Stabilization Force")
    assert "police training × 1" in text
    assert "“Egypt and Jordan have committed to training police forces.”" in text
    page.page.mouse.click(point["x"], point["y"])  # opens the pair into its tie
    single = page.js("() => window.diplographMap.edgeView.getIds().filter((i) => i[0] === 't')")
    assert len(single) == 1
    page.page.locator("#details-close").click()
    page.page.mouse.move(5, 5)
    point = _mouse_on_edge(page, single[0])
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
    page.page.locator("#focus-clear").click()

    node = page.js(NODE_POINT, ID + "hostile-script")
    assert "state" in _hover(page, node["x"], node["y"], "<script>window.__pwned=1</script>")
    page.page.mouse.move(5, 5)
    page.js(SHOW_ALL)
    point = _mouse_on_edge(
        page,
        page.js(
            "(iri) => 't' + window.diplographMap.payload.ties.detail_at["
            "window.diplographMap.payload.ties.details.findIndex((d) => d.id === iri)]",
            ID + "hostile-tie",
        ),
    )
    text = _hover(page, point["x"], point["y"], "<img src=x onerror=window.__pwned=1> → <script>")
    assert "</script><script>window.__pwned=1</script>" in text
    assert "<b onmouseover=window.__pwned=1>Hostile document</b>" in text
    # the labels the page draws on the canvas are the same text, drawn as text
    labels = page.js("() => window.diplographMap.labels.map((l) => l.text)")
    assert "<script>window.__pwned=1</script>" in labels

    assert page.js("() => window.__pwned") is None
    assert page.js("() => document.querySelectorAll('img, b, iframe').length") == 0
    assert page.js("() => document.scripts.length") == 3  # data, vis-network, the map
    assert page.requests == [page.url]  # no image, no script, nothing fetched
    assert page.errors == []


def test_filters_by_type_and_status_keep_parallel_pairs_apart(
    open_map: OpenMap, maps: Path
) -> None:
    page = open_map(maps / "fixtures.html")
    relations, conflict, cooperation = (
        page.js(PAIR_OF, ID + "map-test-relations"),
        page.js(PAIR_OF, ID + "map-test-conflict"),
        page.js(PAIR_OF, ID + "map-test-cooperation"),
    )
    assert len({relations, conflict, cooperation}) == 3  # three pairs between the two
    everything = set(page.js(VISIBLE_EDGES))
    assert {relations, conflict, cooperation} <= everything

    types = page.page.locator("#filter-types label")
    types.filter(has_text="conflict").locator("input").uncheck()
    visible = set(page.js(VISIBLE_EDGES))
    assert conflict not in visible
    assert {relations, cooperation} <= visible  # the parallel pairs stay
    assert len(visible) == len(everything) - 2  # the seed's Israel-PA conflict went too
    assert conflict not in page.js("() => window.diplographMap.network.body.edgeIndices")
    types.filter(has_text="conflict").locator("input").check()

    statuses = page.page.locator("#filter-statuses label")
    statuses.filter(has_text="ended").locator("input").uncheck()
    ended = {relations, conflict, page.js(PAIR_OF, ID + "unsourced-nowhereland-jordan")}
    assert set(page.js(VISIBLE_EDGES)) == everything - ended
    statuses.filter(has_text="planned").locator("input").uncheck()
    nodes = page.js(VISIBLE_NODES)
    assert ID + "examplestan" not in nodes  # no visible tie left
    page.page.locator("#hide-orphans").uncheck()
    assert ID + "examplestan" in page.js(VISIBLE_NODES)
    assert page.page.locator("#visible-counts").inner_text().startswith("22 of 22 actors and ")


def _set_period(map_page: MapPage, first: str, last: str) -> None:
    """Type the period into the timeline's date fields, as a person does."""
    for field_id, day in (("#period-from", first), ("#period-to", last)):
        field = map_page.page.locator(field_id)
        field.fill(day)
        field.dispatch_event("change")
    assert map_page.page.locator("#period-from").input_value() == first


def _wait_for(map_page: MapPage, script: str, check: Callable[[Any], bool]) -> Any:
    for _ in range(50):
        found = map_page.js(script)
        if check(found):
            return found
        map_page.page.wait_for_timeout(20)
    return map_page.js(script)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2005-06-01", "2005-06-01"),
        ("2011-06-01", "2011-06-01"),
        ("1999-01-01", "1999-01-01"),
        ("2000-12-31", "2000-12-31"),
        ("2009-01-01", "2011-03-01"),
        ("1990-01-01", "2030-01-01"),
    ],
)
def test_the_period_applies_the_three_valued_rule(
    open_map: OpenMap, maps: Path, fixture_network: nx.MultiDiGraph, first: str, last: str
) -> None:
    """For each period the script shows exactly the ties Python's rule keeps, those of unknown
    time faded and the others drawn in full; pairs with no tie in force are faded too."""
    page = open_map(maps / "fixtures.html")
    page.js(SHOW_ALL)
    states = states_in_period(fixture_network, first, last)
    _set_period(page, first, last)
    visible = set(_wait_for(page, VISIBLE_TIES, lambda ids: set(ids) == set(states)))
    assert visible == set(states)
    drawn = page.js(DRAWN_STYLES)
    opacity = UNKNOWN_TIME_STYLE["opacity"]
    assert {i for i, style in drawn.items() if style["opacity"] == opacity} == {
        i for i, s in states.items() if s is None
    }
    assert {i for i, style in drawn.items() if style["opacity"] == 1} == {
        i for i, s in states.items() if s is True
    }
    known = sum(1 for s in states.values() if s)
    text = page.page.locator("#visible-counts").inner_text()
    period = f"on {first}" if first == last else f"from {first} to {last}"
    assert text.endswith(
        f"; {period}: {known} in force, {len(states) - known} of unknown time (faded)."
    )
    assert page.page.locator("#legend-unknown .count").inner_text() == str(len(states) - known)
    assert (
        page.page.locator("#period-shown").inner_text().startswith(f"Shown: ties in force {period}")
    )
    page.js("() => window.diplographMap.setAllTies(false)")
    pairs = page.js(DRAWN_STYLES)  # back to pairs: faded exactly when no tie is in force
    for pair_id, style in pairs.items():
        members = page.js(
            "(id) => { const m = window.diplographMap; const p = m.pair(Number(id.slice(1)));"
            " return Array.from({length: p.size}, (_, k) => m.tie(p.start + k).id); }",
            pair_id,
        )
        shown = [states[m] for m in members if m in states]
        assert shown, pair_id
        assert (style["opacity"] == opacity) == (True not in shown), pair_id
    page.page.locator("#period-clear").click()
    every_pair = page.js("() => window.diplographMap.edges.getIds().filter((i) => i[0] === 'p')")
    assert sorted(page.js(VISIBLE_EDGES)) == sorted(every_pair)
    assert {style["opacity"] for style in page.js(DRAWN_STYLES).values()} == {1}


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("1917-11-07", "1917-11-07"),  # between the 1914 and 1920 snapshots: Russia unknown
        ("1925-06-30", "1925-06-30"),  # a snapshot year: no exchange with Russia observed
        ("1900-01-01", "1950-12-31"),
        ("2010-01-01", "2010-12-31"),  # after the last snapshot (2005): all unknown
    ],
)
def test_the_period_applies_the_rule_to_ties_observed_at_snapshots(
    open_map: OpenMap, maps: Path, exchange_network: nx.MultiDiGraph, first: str, last: str
) -> None:
    """On the diplomatic-exchange rows the page carries each tie's four bounds: for each period
    it shows the ties Python's rule keeps, those of unknown time faded, and a tie's details say
    when it was observed."""
    page = open_map(maps / "exchange.html")
    page.js(SHOW_ALL)
    states = states_in_period(exchange_network, first, last)
    assert None in states.values() or first.startswith("1925")
    _set_period(page, first, last)
    visible = set(_wait_for(page, VISIBLE_TIES, lambda ids: set(ids) == set(states)))
    assert visible == set(states)
    drawn = page.js(DRAWN_STYLES)
    opacity = UNKNOWN_TIME_STYLE["opacity"]
    assert {i for i, style in drawn.items() if style["opacity"] == opacity} == {
        i for i, s in states.items() if s is None
    }
    assert {i for i, style in drawn.items() if style["opacity"] == 1} == {
        i for i, s in states.items() if s is True
    }


def test_a_snapshot_tie_says_when_it_was_observed(
    open_map: OpenMap, maps: Path, exchange_network: nx.MultiDiGraph
) -> None:
    """Clicking the United States' pair of representation ties to Russia lists each run of
    snapshots with the days it was surely in force and the unknown days around them, as the
    store holds them."""
    page = open_map(maps / "exchange.html")
    usa, russia = ID + "united-states", ID + "russia"
    runs = {
        str(key): [day_text(data.get(name)) or "?" for name in BOUNDS[2:]]
        for source, target, key, data in exchange_network.edges(keys=True, data=True)
        if (source, target) == (usa, russia)
    }
    assert len(runs) >= 3
    point = _mouse_on_edge(page, page.js(PAIR_OF, next(iter(runs))))
    page.page.mouse.click(point["x"], point["y"])
    text = " ".join(page.page.locator("#details").inner_text().split())
    assert text.startswith("United States → Russia")
    for earliest_begin, latest_begin, earliest_end, latest_end in runs.values():
        assert (
            f"in force {latest_begin} to {earliest_end}; unknown from {earliest_begin} "
            f"and until {latest_end}"
        ) in text


def test_the_map_script_applies_the_rule_of_the_tables(open_map: OpenMap, maps: Path) -> None:
    """The map script's rule on the hand-made cases of tests/test_temporal.py, as Python gives."""
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
    periods = [
        {
            **period_args(c),
            "ended": c.status == "https://w3id.org/diplograph/vocab/tie-status/Ended",
            "first": c.start,
            "last": c.stop,
        }
        for c in PERIOD_CASES
    ]
    found = page.js(
        "(edges) => edges.map((e) => window.diplographMap.inForceDuring(e, e.first, e.last))",
        periods,
    )
    assert found == [c.expected for c in PERIOD_CASES]


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
    assert page.page.locator("#period-from").input_value() == "1990-01-01"
    assert page.page.locator("#period-to").input_value() == "1990-01-01"
    page.js(SHOW_ALL)
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


def test_exclude_mode_hides_unknown_ties_in_the_period(
    open_map: OpenMap, maps: Path, fixture_network: nx.MultiDiGraph
) -> None:
    page = open_map(maps / "fixtures-exclude.html")
    page.js(SHOW_ALL)
    _set_period(page, "2005-06-01", "2005-06-01")
    known = {
        k for k, s in states_in_period(fixture_network, "2005-06-01", "2005-06-01").items() if s
    }
    assert set(_wait_for(page, VISIBLE_TIES, lambda ids: set(ids) == known)) == known
    assert ID + "map-test-relations" in known
    assert {style["opacity"] for style in page.js(DRAWN_STYLES).values()} == {1}
    assert "of unknown time (" not in page.page.locator("#visible-counts").inner_text()


def test_unsourced_ties_and_events_are_drawn_apart(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "fixtures.html")
    page.js(SHOW_ALL)
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

    single = page.js(
        "(iri) => 't' + window.diplographMap.payload.ties.detail_at["
        "window.diplographMap.payload.ties.details.findIndex((d) => d.id === iri)]",
        unsourced,
    )
    point = _mouse_on_edge(page, single)
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
    assert page.js("() => window.diplographMap.focusState().a") == ID + "morocco"

    def first_hit(text: str) -> Any:
        return page.js("(text) => window.diplographMap.search(text)[0]?.id ?? null", text)

    assert first_hit("mOROCCO") == ID + "morocco"
    assert first_hit("isf") == ID + "isf"
    assert first_hit("MAR") == ID + "morocco"
    assert first_hit("مغرب") == ID + "morocco"  # part of the name
    # the shortest name that begins so comes first: Morocco, not Moroccan Armed Forces
    assert first_hit("Moro") == ID + "morocco"
    assert first_hit("Moroccan") == ID + "moroccan-armed-forces"
    search.fill("Moro")
    search.press("Enter")
    assert page.js("() => window.diplographMap.network.getSelectedNodes()") == [ID + "morocco"]
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
    assert frame.evaluate("window.diplographMap.edges.length") == 19  # one edge per pair
    assert errors == []
    assert all(url.startswith(("file:", "about:")) for url in requests)
    page.close()


def test_a_view_with_nothing_left_says_why(open_map: OpenMap, maps: Path) -> None:
    page = open_map(maps / "seed.html")
    notice = page.page.locator("#notice")
    assert not notice.is_visible()
    for box in page.page.locator("#filter-types input").all():
        box.uncheck()
    assert page.js("() => window.diplographMap.edgeView.length") == 0
    assert notice.is_visible()
    assert notice.inner_text() == (
        "Nothing to draw with these choices (all dates; some types or statuses unticked). "
        "19 pairs are in this map."
    )
    page.page.locator("#filter-types input").first.check()
    assert not notice.is_visible()
