"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, fully offline.

One browser per session, with a fresh profile; every page records its requests and console
errors, and every request that is not for a ``file:`` URL is aborted.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import diplograph
from diplograph.maps.export import CHROMIUM, LAUNCH_ARGS

if TYPE_CHECKING:
    import networkx as nx
    from playwright.sync_api import BrowserContext, Page, Route

#: a function, not an expression: Playwright polls an expression with eval, which the map's CSP
#: refuses ("unsafe-eval") whenever the page is not settled at the first look
SETTLED = "() => ['drawn', 'empty', 'error'].includes(document.body.dataset.state)"


@dataclass
class MapPage:
    """An open map, with what the page asked the network for and what it logged as errors."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


def _offline(route: Route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    if not CHROMIUM.exists():
        message = (
            f"no Chromium at {CHROMIUM}: scripts/test.sh installs it (apt-get install chromium)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a broken set-up, not a skip
        pytest.skip(message)
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("chromium-profile"),
            executable_path=str(CHROMIUM),  # never a browser that Playwright downloads
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 800},
            accept_downloads=True,
        )
        context.route("**/*", _offline)
        yield context
        context.close()


@pytest.fixture
def open_map(browser: BrowserContext) -> Iterator[Callable[[Path], MapPage]]:
    """Open a map file and wait until it has drawn (or said it is empty).

    On teardown, every page must have made no request but for its own file and logged no
    error: those hold for every browser test.
    """
    opened: list[MapPage] = []

    def open_(path: Path) -> MapPage:
        page = browser.new_page()
        opened_map = MapPage(page, path.resolve().as_uri())
        page.on("request", lambda request: opened_map.requests.append(request.url))
        page.on(
            "console",
            lambda message: (
                opened_map.errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: opened_map.errors.append(str(error)))
        opened.append(opened_map)
        page.goto(opened_map.url)
        page.wait_for_function(SETTLED, timeout=30_000)
        return opened_map

    yield open_
    for opened_map in opened:
        opened_map.page.close()
        assert opened_map.requests == [opened_map.url]
        assert opened_map.errors == []


@pytest.fixture
def pixels(browser: BrowserContext) -> Iterator[Callable[[bytes], dict[str, int]]]:
    """Decode a PNG screenshot (in a blank page) into counts of colours and non-white pixels."""
    page = browser.new_page()

    def count(png: bytes) -> dict[str, int]:
        result: dict[str, int] = page.evaluate(
            """async (data) => {
                const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
                const bitmap = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
                const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
                const context = canvas.getContext("2d");
                context.drawImage(bitmap, 0, 0);
                const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
                const colours = new Set();
                let inked = 0;
                for (let i = 0; i < rgba.length; i += 4) {
                    colours.add((rgba[i] << 16) | (rgba[i + 1] << 8) | rgba[i + 2]);
                    if (rgba[i] < 235 || rgba[i + 1] < 235 || rgba[i + 2] < 235) { inked += 1; }
                }
                return {width: bitmap.width, height: bitmap.height, colours: colours.size, inked};
            }""",
            base64.b64encode(png).decode("ascii"),
        )
        return result

    yield count
    page.close()


GDELT_MONTHS = ("july2012.csv", "aug2012.csv", "sept2012.csv", "oct2012.csv")


@dataclass
class RealMaps:
    """Maps of real data: COW states and four months of GDELT on Georgia, aggregated."""

    everything: Any  # networkx.MultiDiGraph of every tie and event
    georgia: Any  # the README's Georgia example, on these months
    all_path: Path
    georgia_path: Path


@pytest.fixture(scope="session")
def real_maps(tmp_path_factory: pytest.TempPathFactory) -> RealMaps:
    """The README's real-data maps on part of its data (a few seconds to import)."""
    from diplograph.importers import import_files
    from diplograph.importers.aggregate import aggregate_events
    from diplograph.maps import write_map
    from diplograph.network import build_network

    from ..conftest import SHARED_DATA

    georgia = SHARED_DATA / "gdelt-v1-georgia-2011-2012"
    if not georgia.exists():
        pytest.skip(f"{SHARED_DATA} is not beside this checkout")
    folder = tmp_path_factory.mktemp("real-maps")
    kg = diplograph.open("memory")
    try:
        import_files(kg, "cow-states", [SHARED_DATA / "cow-states-2016"])
        import_files(kg, "gdelt", [georgia / name for name in GDELT_MONTHS])
        aggregate_events(kg.store, target=folder / "aggregated.nt")
        everything = kg.network()
        period = {"from": "2012-07-01", "to": "2012-10-31", "type": "event interaction"}
        example = build_network(
            kg.store, "ties-in-period", {"actor": "Georgia", "minEvents": "2", **period}
        )
    finally:
        kg.close()
    maps = RealMaps(everything, example, folder / "all.html", folder / "georgia.html")
    write_map(everything, maps.all_path)
    write_map(example, maps.georgia_path)
    return maps


def states_in_period(network: nx.MultiDiGraph, first: str, last: str) -> dict[str, bool | None]:
    """What Python's rule says of each edge of ``network`` from ``first`` to ``last``, by edge
    key: True in force, None unknown; edges out of force are left out."""
    from diplograph.network.temporal import BOUNDS, in_force_during

    states: dict[str, bool | None] = {}
    for _, _, key, data in network.edges(keys=True, data=True):
        state = in_force_during(
            first,
            last,
            begin=data.get("begin"),
            end=data.get("end"),
            status=data.get("status"),
            **{name: data.get(name) for name in BOUNDS},
        )
        if state is not False:
            states[str(key)] = state
    return states


# each label drawn, and the same box worked out again from where vis has the actor: its
# position on the page, its size at this zoom and the width of its text in the label's font
LABELS = """() => {
    const map = window.diplographMap;
    const network = map.network;
    const context = document.createElement("canvas").getContext("2d");
    context.font = map.labelFont;
    const canvas = document.querySelector("#map canvas");
    return {
        width: canvas.clientWidth, height: canvas.clientHeight, scale: network.getScale(),
        labels: map.labels.map((label) => {
            const at = network.canvasToDOM(network.getPositions([label.id])[label.id]);
            return {
                id: label.id, text: label.text, x: label.x, y: label.y, width: label.width,
                height: label.height, centre: at,
                radius: network.body.nodes[label.id].options.size * network.getScale(),
                textWidth: context.measureText(label.text).width,
            };
        }),
    };
}"""


def check_labels(found: dict[str, Any]) -> None:
    """Each label box is where its actor is, as wide as its text, inside the canvas, and no two
    overlap."""
    for label in found["labels"]:
        assert label["width"] == pytest.approx(label["textWidth"] + 4, abs=0.01), label
        centre, radius = label["centre"], label["radius"]
        below = label["y"] == pytest.approx(centre["y"] + radius + 3, abs=0.5)
        above = label["y"] + label["height"] == pytest.approx(centre["y"] - radius - 3, abs=0.5)
        beside = label["y"] + label["height"] / 2 == pytest.approx(centre["y"], abs=0.5)
        assert below or above or beside, label
        if below or above:
            assert label["x"] + label["width"] / 2 == pytest.approx(centre["x"], abs=0.5), label
        assert label["x"] >= 0
        assert label["y"] >= 0
        assert label["x"] + label["width"] <= found["width"]
        assert label["y"] + label["height"] <= found["height"]
    for a, b in combinations(found["labels"], 2):
        apart = (
            a["x"] + a["width"] <= b["x"]
            or b["x"] + b["width"] <= a["x"]
            or a["y"] + a["height"] <= b["y"]
            or b["y"] + b["height"] <= a["y"]
        )
        assert apart, (a["text"], b["text"])
