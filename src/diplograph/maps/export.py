"""A map's first view as PNG (twice its size) and SVG, from the command line: the page opened in
the headless Chromium the browser tests use (Debian's, driven by Playwright), offline, and asked
for the same exports its buttons give."""

from __future__ import annotations

import base64
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from diplograph.errors import DiplographError
from diplograph.output import write_output

__all__ = [
    "CHROMIUM",
    "EXPORT_VIEWPORT",
    "LAUNCH_ARGS",
    "ExportError",
    "check_export",
    "export_views",
]

#: Debian's Chromium (``apt-get install chromium``); never a browser Playwright downloads. The
#: browser tests and ``bench/maps.py`` open maps in it too, the same way
CHROMIUM = Path("/usr/bin/chromium")
#: headless, no sandbox (tests run as root), and none of Chromium's own network chatter
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

#: the window the view is drawn in, in CSS pixels (the PNG has twice as many)
EXPORT_VIEWPORT = (1400, 900)
#: how long a page may take to draw before the export gives up, in seconds
EXPORT_TIMEOUT = 120.0

_SETTLED = "() => ['drawn', 'empty', 'error'].includes(document.body.dataset.state)"


class ExportError(DiplographError):
    """A map's view could not be exported (no browser, or the page did not draw)."""


@dataclass(frozen=True)
class Exported:
    """What was written: the PNG's and the SVG's paths and sizes in bytes."""

    png: Path | None
    svg: Path | None
    png_bytes: int = 0
    svg_bytes: int = 0


def check_export() -> None:
    """:class:`ExportError` unless Chromium and Playwright are there (before long work)."""
    if not CHROMIUM.exists():
        raise ExportError(
            f"--png and --svg draw the map in Chromium, and there is none at {CHROMIUM}: "
            "install it (apt-get install chromium), or open the HTML map and use its export "
            "buttons."
        )
    if importlib.util.find_spec("playwright") is None:
        raise ExportError(
            "--png and --svg drive Chromium through Playwright, which is not installed: "
            "pip install 'diplograph[export]' (or playwright), or open the HTML map and use "
            "its export buttons."
        )


def export_views(html: Path, png: Path | None = None, svg: Path | None = None) -> Exported:
    """Open the map page ``html`` offline and write its first view to ``png`` and ``svg``."""
    from playwright.sync_api import Error, Route, sync_playwright

    check_export()

    def offline(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    width, height = EXPORT_VIEWPORT
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
            )
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route("**/*", offline)
                page.goto(html.resolve().as_uri())
                page.wait_for_function(_SETTLED, timeout=EXPORT_TIMEOUT * 1000)
                state = page.evaluate("() => document.body.dataset.state")
                if state != "drawn":
                    message = page.evaluate("() => document.getElementById('message').textContent")
                    raise ExportError(f"{html}: the map has nothing to export ({message})")
                svg_text = page.evaluate("() => window.diplographMap.exportSvg()") if svg else ""
                png_url = page.evaluate("() => window.diplographMap.exportPng()") if png else ""
            finally:
                browser.close()
    except Error as error:
        raise ExportError(f"{html}: Chromium could not draw the map: {error}") from error
    png_data = base64.b64decode(png_url.split(",", 1)[1]) if png else b""
    if png is not None:
        write_output(png, png_data)
    if svg is not None:
        write_output(svg, svg_text)
    return Exported(png, svg, len(png_data), len(svg_text.encode("utf-8")))
