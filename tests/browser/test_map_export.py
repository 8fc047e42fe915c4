"""Exports for publication: the current view as PNG (twice its size) and SVG, with the title,
the period, the legend and the sources; from the page's buttons and from ``render --png
--svg`` in the same headless Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ..conftest import CliRunner
from .conftest import MapPage, RealMaps

pytestmark = pytest.mark.browser

OpenMap = Callable[[Path], MapPage]
Pixels = Callable[[bytes], dict[str, int]]
SVG = "{http://www.w3.org/2000/svg}"


def _parse(text: str) -> ElementTree.Element:
    """The SVG as XML: well-formed, or an error (our own export, in a test)."""
    return ElementTree.fromstring(text)  # noqa: S314


def _texts(svg: ElementTree.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def _check_svg(text: str, page: MapPage | None, title: str) -> ElementTree.Element:
    svg = _parse(text)
    texts = _texts(svg)
    assert texts[0] == title
    joined = " ".join(texts)
    assert "Shown: all the query found for the period asked, 2012-07-01 to" in joined
    assert "Sources: " in joined
    assert "GDELT event data" in joined  # the sources line names the data's sources
    assert "cooperative" in joined  # the legend
    shapes = [e for e in svg.iter() if e.tag in {f"{SVG}circle", f"{SVG}polygon", f"{SVG}rect"}]
    if page is not None:
        labels = page.js("() => window.diplographMap.labels.map((l) => l.text)")
        assert set(labels) <= set(texts)  # the labels the screen shows
        actors = page.js("() => window.diplographMap.nodeView.length")
        assert len(shapes) >= actors
    assert not [e for e in svg.iter() if e.tag in {f"{SVG}script", f"{SVG}foreignObject"}]
    return svg


def test_svg_and_png_of_the_view(
    open_map: OpenMap, real_maps: RealMaps, pixels: Pixels, tmp_path: Path
) -> None:
    page = open_map(real_maps.georgia_path)
    with page.page.expect_download() as svg_download:
        page.page.locator("#export-svg").click()
    assert svg_download.value.suggested_filename == "diplograph-map.svg"
    text = Path(svg_download.value.path()).read_text(encoding="utf-8")
    svg = _check_svg(text, page, "Relationship map: ties-in-period")
    assert "period asked: 2012-07-01 to 2012-10-31" in " ".join(_texts(svg))
    with page.page.expect_download() as png_download:
        page.page.locator("#export-png").click()
    assert png_download.value.suggested_filename == "diplograph-map.png"
    png = Path(png_download.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = pixels(png)
    width, height = int(svg.attrib["width"]), int(svg.attrib["height"])
    assert (image["width"], image["height"]) == (2 * width, 2 * height)  # twice the view
    assert image["colours"] > 20
    assert 5_000 < image["inked"] < image["width"] * image["height"] / 2  # white background


def test_the_export_of_a_focused_view_fades_the_rest(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    page = open_map(real_maps.all_path)
    page.js("() => window.diplographMap.select('https://w3id.org/diplograph/id/georgia')")
    svg = _parse(page.js("() => window.diplographMap.exportSvg()"))
    faded = [e for e in svg.iter() if e.attrib.get("opacity") == "0.2"]
    focus = page.js("() => window.diplographMap.focusState()")
    actors = page.js("() => window.diplographMap.nodeView.length")
    assert len(faded) == actors - len(focus["nodes"])


def test_the_svg_draws_line_patterns_in_pixels(open_map: OpenMap, real_maps: RealMaps) -> None:
    """The SVG's dashes are as long as the legend's at the view's zoom (drawn in map units
    scaled by the view, they are divided by its scale)."""
    from diplograph.maps import EVENT_STYLE, STATUS_STYLES, UNKNOWN_STATUS_STYLE

    patterns = {
        tuple(float(d) for d in style["dashes"])
        for style in [EVENT_STYLE, UNKNOWN_STATUS_STYLE, *STATUS_STYLES.values()]
        if style["dashes"]
    }
    page = open_map(real_maps.all_path)
    page.js("() => window.diplographMap.setMinStrength(1)")
    svg = _parse(page.js("() => window.diplographMap.exportSvg()"))
    view = next(g for g in svg.iter(f"{SVG}g") if "scale(" in g.attrib.get("transform", ""))
    scale = float(view.attrib["transform"].rsplit("scale(", 1)[1].rstrip(")"))
    dashed = [e.attrib["stroke-dasharray"] for e in view.iter() if "stroke-dasharray" in e.attrib]
    assert dashed  # event pairs are dashed
    for dasharray in dashed:
        drawn = tuple(round(float(d) * scale, 1) for d in dasharray.split())
        assert drawn in patterns, (dasharray, scale)


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@pytest.mark.cli
def test_render_writes_png_and_svg_through_chromium(cli: CliRunner, tmp_path: Path) -> None:
    """``render --png --svg`` on the built-in graph: the files a person would publish."""
    html, png, svg = tmp_path / "map.html", tmp_path / "map.png", tmp_path / "map.svg"
    done = cli(
        "--store",
        "memory",
        "render",
        "--all",
        "-o",
        str(html),
        "--png",
        str(png),
        "--svg",
        str(svg),
    )
    assert done.returncode == 0, done.stderr
    assert "wrote the first view as PNG (2×)" in done.stderr
    tree = _parse(svg.read_text(encoding="utf-8"))
    texts = " ".join(_texts(tree))
    assert "Relationship map: all ties" in texts
    assert "Sources: Seed article" in texts
    width, height = _png_size(png.read_bytes())
    assert (width, height) == (2 * int(tree.attrib["width"]), 2 * int(tree.attrib["height"]))
    assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.cli
def test_render_png_of_an_empty_map_says_so(cli: CliRunner, tmp_path: Path) -> None:
    png = tmp_path / "empty.png"
    done = cli(
        "--store",
        "memory",
        "render",
        "ties-by-type",
        "-p",
        "type=sanction",
        "-o",
        str(tmp_path / "empty.html"),
        "--png",
        str(png),
    )
    assert done.returncode == 0, done.stderr
    assert "the map is empty" in done.stderr
    assert not png.exists()  # nothing to draw, nothing written
