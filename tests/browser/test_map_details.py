"""Clicking an actor or a tie shows its details where the person is looking: inside a 1400×900
window, uncovered, without scrolling, however the side panel is scrolled."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diplograph.api import KnowledgeGraph
from diplograph.maps import write_map

from ..conftest import SHARED_DATA
from .conftest import MapPage

pytestmark = pytest.mark.browser

ID = "https://w3id.org/diplograph/id/"
IPI = SHARED_DATA / "un-peacekeeping-ipi" / "current_month.csv"
WIDTH, HEIGHT = 1400, 900
OpenMap = Callable[[Path], MapPage]

POINT = """([from, to]) => {
    const map = window.diplographMap;
    const at = map.network.getPositions(to ? [from, to] : [from]);
    const a = map.network.canvasToDOM(at[from]);
    const b = to ? map.network.canvasToDOM(at[to]) : a;
    const point = {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
    const box = document.getElementById("map").getBoundingClientRect();
    return {
        x: box.left + point.x, y: box.top + point.y,
        edge: map.network.getEdgeAt(point) ?? null, node: map.network.getNodeAt(point) ?? null,
    };
}"""
# where the details are, and whether each corner of them is theirs (not under something else)
PLACE = """() => {
    const details = document.getElementById("details");
    const box = details.getBoundingClientRect();
    const inside = (x, y) => details.contains(document.elementFromPoint(x, y));
    return {
        top: box.top, bottom: box.bottom, left: box.left, right: box.right,
        visible: details.checkVisibility(), text: details.innerText,
        uncovered: inside(box.left + 4, box.top + 4) && inside(box.right - 4, box.top + 4)
            && inside(box.left + 4, Math.min(box.bottom, innerHeight) - 4),
    };
}"""


@pytest.fixture(scope="module")
def seed_map(kg: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("details") / "seed.html"
    write_map(kg.network(), path)
    return path


@pytest.fixture
def page(open_map: OpenMap, seed_map: Path) -> MapPage:
    opened = open_map(seed_map)
    opened.page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    # vis redraws for the new size on its own time: wait for the canvas to fill the map again
    opened.page.wait_for_function(
        """() => {
            const map = document.getElementById("map");
            const canvas = map.querySelector("canvas");
            return canvas && Math.abs(canvas.clientWidth - map.clientWidth) < 2
                && Math.abs(canvas.clientHeight - map.clientHeight) < 2;
        }"""
    )
    opened.js("() => window.diplographMap.network.fit({animation: false})")
    opened.page.wait_for_timeout(100)  # the fitted view drawn
    return opened


def _click(page: MapPage, ends: list[str], heading: str) -> dict[str, Any]:
    point = page.js(POINT, ends)
    if len(ends) == 1:
        assert point["node"] == ends[0], point
    else:
        assert (point["edge"] is not None, point["node"]) == (True, None), point
    page.page.mouse.click(point["x"], point["y"])
    page.page.wait_for_function(
        """(heading) => document.querySelector("#details .tip-title")?.innerText === heading""",
        arg=heading,
        timeout=5_000,
    )
    place: dict[str, Any] = page.js(PLACE)
    return place


def _in_view(place: dict[str, Any]) -> bool:
    return bool(
        place["visible"]
        and place["uncovered"]
        and 0 <= place["top"] < place["bottom"] <= HEIGHT
        and 0 <= place["left"] < place["right"] <= WIDTH
    )


def test_clicked_actor_and_tie_show_details_in_view(page: MapPage) -> None:
    actor = _click(page, [ID + "morocco"], "Morocco")
    assert _in_view(actor), actor
    rows = dict(
        page.js(
            """() => Array.from(document.querySelectorAll("#details dt"))
                .map((dt) => [dt.textContent, dt.nextElementSibling.textContent])"""
        )
    )
    node = page.js(
        "(id) => window.diplographMap.payload.nodes.find((n) => n.id === id)", ID + "morocco"
    )
    size = page.js("(n) => window.diplographMap.payload.communities[n].size", node["community"])
    assert rows["kind"] == "state"
    assert "المغرب" in rows["also known as"].split(" · ")  # its names in other scripts
    assert "MAR" in rows["also known as"].split(" · ")
    assert rows["ties and events in this map"] == f"{int(node['measures'][0]):,}"
    assert rows["partners in this map"] == f"{int(node['measures'][1]):,}"
    assert rows["community"] == f"{node['community'] + 1} ({size:,} actor{'s' * (size > 1)})"
    tie = _click(
        page,
        [ID + "egypt", ID + "isf"],
        "Egypt → International Stabilization Force",
    )
    assert _in_view(tie), tie
    assert "“Egypt and Jordan have committed to training police forces.”" in tie["text"]


def test_details_stay_in_view_with_the_panel_scrolled_down(page: MapPage) -> None:
    panel = page.page.locator(".panel")
    panel.evaluate("(panel) => { panel.scrollTop = panel.scrollHeight; }")
    place = _click(page, [ID + "jordan"], "Jordan")
    assert _in_view(place), place


def test_details_never_cover_what_was_clicked(page: MapPage) -> None:
    # pan the map so that Morocco sits in its top right corner, where the card opens
    page.js(
        """(id) => {
            const network = window.diplographMap.network;
            const box = document.getElementById("map").getBoundingClientRect();
            network.moveTo({position: network.getPositions([id])[id], animation: false,
                offset: {x: box.width / 2 - 80, y: -(box.height / 2 - 60)}});
        }""",
        ID + "morocco",
    )
    point = page.js(POINT, [ID + "morocco"])
    assert point["node"] == ID + "morocco"
    place = _click(page, [ID + "morocco"], "Morocco")
    assert _in_view(place), place
    covered = place["left"] <= point["x"] <= place["right"] and point["y"] <= place["bottom"]
    assert not covered, (point, place)
    assert place["left"] < WIDTH / 2  # the card moved to the other corner


def test_details_close_on_empty_space_their_button_and_escape(page: MapPage) -> None:
    hidden = "() => !document.getElementById('details').checkVisibility()"
    _click(page, [ID + "morocco"], "Morocco")
    corner = page.js("() => document.getElementById('map').getBoundingClientRect().toJSON()")
    page.page.mouse.click(corner["right"] - 20, corner["bottom"] - 20)  # no actor, no tie
    page.page.wait_for_function(hidden)
    _click(page, [ID + "morocco"], "Morocco")
    page.page.get_by_role("button", name="Close details").click()
    assert page.js(hidden)
    _click(page, [ID + "morocco"], "Morocco")
    page.page.keyboard.press("Escape")
    assert page.js(hidden)


def test_a_dataset_row_shows_in_words_with_the_row_one_click_away(page: MapPage) -> None:
    """The IPI row behind Morocco's troops in UNOCI reads as what it states (its Troops column);
    the raw CSV row is hidden under it and opens on a click."""
    tie = _click(page, [ID + "morocco", ID + "un-mission-unoci"], "Morocco → UNOCI")
    assert "IPI 2014-03 · Morocco → UNOCI · 726 troops" in tie["text"]
    assert "the dataset row" in tie["text"]
    assert "2014-03-31,Morocco,MAR" not in tie["text"]  # the raw row is not shown at first
    raw = page.page.locator("#details .tip-row code").first
    header, row = csv.reader(
        [IPI.read_text(encoding="utf-8").split("\n")[0], raw.text_content() or ""]
    )
    fields = dict(zip(header, row, strict=True))
    assert (fields["Contributor"], fields["Mission"], fields["Troops"]) == (
        "Morocco",
        "UNOCI",
        "726",
    )
    assert not raw.is_visible()
    page.page.locator("#details .tip-row summary").first.click()
    assert raw.is_visible()


def test_right_to_left_names_start_at_the_cards_left_edge(
    open_map: OpenMap, tmp_path: Path
) -> None:
    """An actor named in Arabic only: its name reads right to left, but starts where every
    other line of the card starts, not pushed to its right edge."""
    import networkx as nx

    network = nx.MultiDiGraph()
    network.add_node("urn:a", label="المغرب", kind="state", names=["المغرب", "Morocco"])
    network.add_node("urn:b", label="Syldavia", kind="state", names=["Syldavia"])
    network.add_edge("urn:a", "urn:b", key="urn:t", tie_type_label="partnership", polarity=1)
    path = tmp_path / "rtl.html"
    write_map(network, path)
    opened = open_map(path)
    opened.page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    opened.js("(id) => window.diplographMap.select(id)", "urn:a")
    opened.page.wait_for_function(
        "() => document.querySelector('#details .tip-title')?.innerText === 'المغرب'"
    )
    offsets = opened.js(
        """() => [...document.querySelectorAll('#details .tip-title, #details dd')].map((e) => {
            const range = document.createRange();
            range.selectNodeContents(e);
            return range.getBoundingClientRect().left - e.getBoundingClientRect().left;
        })"""
    )
    assert len(offsets) >= 2
    assert all(abs(offset) < 2 for offset in offsets), offsets
