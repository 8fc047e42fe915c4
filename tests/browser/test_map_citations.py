"""GDELT evidence in a map as a person reads it: the tooltip of a pair says the row in words (day,
parties, event code, place, the report's address) inside the map, however long the address; the
details of a tie counting events say how many and over what period, the raw row a click away."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph.importers import aggregate_events, import_files
from diplograph.maps import write_map
from diplograph.network import build_network

from ..conftest import SHARED_DATA
from .conftest import MapPage

pytestmark = pytest.mark.browser

OpenMap = Callable[[Path], MapPage]
RAW = SHARED_DATA / "gdelt-v1-raw-sample" / "events.csv"
#: lines of the raw sample: the United Kingdom to the United States (033, a 174-character
#: address), Turkey's government to Russia (044)
UK_USA, TURKEY_RUSSIA = 290, 343

PAIR_OF = """(iri) => {
    const map = window.diplographMap;
    const ties = map.payload.ties;
    const at = ties.detail_at[ties.details.findIndex((d) => d.id === iri)];
    return "p" + map.tie(at).pair;
}"""
MIDPOINT = """(id) => {
    const map = window.diplographMap;
    const edge = map.network.body.edges[id];
    const via = edge.edgeType.getViaNode ? edge.edgeType.getViaNode() : null;
    const point = map.network.canvasToDOM(edge.edgeType.getPoint(0.5, via));
    const box = document.getElementById("map").getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y,
            edge: map.network.getEdgeAt(point) ?? null, node: map.network.getNodeAt(point) ?? null};
}"""
# where the tooltip is against the map, and whether its text is wider than its box
TIP = """() => {
    const tip = document.getElementById("tooltip");
    const box = tip.getBoundingClientRect();
    const area = tip.parentElement.getBoundingClientRect();
    return {text: tip.innerText, visible: tip.checkVisibility(),
            inside: box.left >= area.left && box.right <= area.right
                && box.top >= area.top && box.bottom <= area.bottom,
            overflow: tip.scrollWidth > tip.clientWidth, width: box.width};
}"""


@pytest.fixture(scope="module")
def gdelt_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A map of two raw GDELT rows, aggregated; with each aggregated tie's row as read."""
    if not RAW.exists():
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    folder = tmp_path_factory.mktemp("gdelt-citations")
    lines = RAW.read_text(encoding="utf-8").split("\n")
    sample = folder / "events.csv"
    sample.write_text(f"{lines[UK_USA - 1]}\n{lines[TURKEY_RUSSIA - 1]}\n", encoding="utf-8")
    kg = diplograph.open("memory")
    try:
        import_files(kg, "gdelt", [sample])
        aggregate_events(kg.store, target=folder / "aggregated.nt")
        network = build_network(kg.store)
    finally:
        kg.close()
    ties = {
        data["evidence"][0]["quote"]: {
            "iri": key,
            "heading": f"{network.nodes[u]['label']} → {network.nodes[v]['label']}",
        }
        for u, v, key, data in network.edges(keys=True, data=True)
        if data.get("events") is not None
    }
    path = folder / "gdelt.html"
    write_map(network, path)
    return path, ties


def _hover(page: MapPage, iri: str, heading: str) -> dict[str, Any]:
    pair = page.js(PAIR_OF, iri)
    point = page.js(MIDPOINT, pair)
    assert (point["edge"], point["node"]) == (pair, None), point
    page.page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.page.mouse.move(point["x"], point["y"], steps=6)
    page.page.wait_for_function(
        """(heading) => {
            const tip = document.querySelector("#tooltip");
            return tip !== null && tip.checkVisibility() && tip.innerText.startsWith(heading);
        }""",
        arg=heading,
        timeout=5_000,
    )
    found: dict[str, Any] = page.js(TIP)
    found["point"] = point
    return found


@pytest.mark.parametrize("line", [UK_USA, TURKEY_RUSSIA])
def test_a_gdelt_tooltip_cites_the_row_in_words_inside_the_map(
    open_map: OpenMap, gdelt_map: tuple[Path, dict[str, Any]], line: int
) -> None:
    path, ties = gdelt_map
    row = RAW.read_text(encoding="utf-8").split("\n")[line - 1]
    fields = row.split("\t")
    day, code, url = fields[1], fields[26], fields[-1]
    tie = ties[row]
    page = open_map(path)
    tip = _hover(page, tie["iri"], tie["heading"])
    assert tip["visible"]
    assert tip["inside"], tip
    assert not tip["overflow"], tip  # a long address wraps inside the box
    text = " ".join(tip["text"].split())
    assert f"GDELT {day[:4]}-{day[4:6]}-{day[6:]}" in text
    assert f" · {code} " in text
    assert url in text.replace(" ", "")  # wrapped, but all there
    assert "counted in a tie of 1 event, 2016-07" in text
    assert "\t" not in tip["text"]
    assert fields[0] not in text  # GLOBALEVENTID: the raw row is not in the tooltip
    assert page.requests == [page.url]
    assert page.errors == []


def test_a_tie_counting_events_says_how_many_and_the_row_opens_on_a_click(
    open_map: OpenMap, gdelt_map: tuple[Path, dict[str, Any]]
) -> None:
    path, ties = gdelt_map
    row = RAW.read_text(encoding="utf-8").split("\n")[TURKEY_RUSSIA - 1]
    tie = ties[row]
    page = open_map(path)
    point = _hover(page, tie["iri"], tie["heading"])["point"]
    page.page.mouse.click(point["x"], point["y"])  # opens the pair's details, its tie listed
    details = page.page.locator("#details")
    listed = details.locator(".tie-list li").first
    listed.wait_for()
    text = " ".join(listed.inner_text().split())
    goldstein = row.split("\t")[30]
    assert "events 1 event, 2016-07" in text
    assert f"weight {goldstein}: the mean Goldstein value of its 1 event" in text
    raw = listed.locator(".tip-row code")
    assert not raw.is_visible()
    listed.locator(".tip-row summary").click()
    assert raw.is_visible()
    assert raw.inner_text() == row
