"""The page of ``diplograph serve`` in headless Chromium, with nothing reachable but the server.

A person picks a named query, runs it, reads the table (IRIs by label), sorts it, downloads it,
draws it as a map, and does the same with a query of their own. Hostile labels in the data show
as text in the table and in the map, and run nothing. No request leaves the loopback server and
the console stays free of errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from ..test_serve import HOSTILE, MAP_TIES, Served, serving

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

pytestmark = [pytest.mark.browser, pytest.mark.cli]

#: a map that has drawn, or said why not (a selector: the page's policy forbids eval)
SETTLED = "body[data-state='drawn'], body[data-state='empty'], body[data-state='error']"
IMG_LABEL = "<img src=x onerror=window.__pwned=1>"
SCRIPT_LABEL = "<script>window.__pwned=1</script>"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("serve-page"), data=(HOSTILE, MAP_TIES)) as served:
        yield served


class Watched:
    """Pages opened from the server, with every request they made and every console error."""

    def __init__(self, browser: BrowserContext, server: Served) -> None:
        self.browser = browser
        self.server = server
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.pages: list[Page] = []
        browser.on("page", self.watch)

    def watch(self, page: Page) -> None:
        self.pages.append(page)
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self) -> Page:
        page = self.browser.new_page()
        page.goto(self.server.url + "/")
        page.wait_for_selector("body[data-state='ready']", state="attached")
        return page


@pytest.fixture
def watched(browser: BrowserContext, server: Served) -> Iterator[Watched]:
    """Let the browser reach the server (and nothing else: the session route aborts the rest)."""
    pattern = f"{server.url}/**"

    def through(route: Route) -> None:
        route.continue_()

    browser.route(pattern, through)
    seen = Watched(browser, server)
    yield seen
    browser.remove_listener("page", seen.watch)
    browser.unroute(pattern, through)
    for page in seen.pages:
        page.close()
    outside = [
        url
        for url in seen.requests
        if not url.startswith((server.url + "/", "data:", "blob:" + server.url))
    ]
    assert outside == []  # nothing but the loopback server
    assert seen.errors == []  # no console errors


def _run_named(page: Page, name: str, **params: str) -> None:
    page.select_option("#named-select", name)
    for key, value in params.items():
        page.fill(f"#named-params input[name='{key}']", value)
    page.click("#named-run")
    page.wait_for_selector("body[data-state='done'], body[data-state='error']", state="attached")
    assert page.evaluate("document.body.dataset.state") == "done", page.inner_text("#status")


def _column(page: Page, index: int) -> list[str]:
    cells = page.locator(f"#result-table tbody tr td:nth-child({index + 1})")
    return [str(text) for text in cells.all_inner_texts()]


def _map(watched: Watched, page: Page, button: str) -> Page:
    with watched.browser.expect_page() as opened:
        page.click(button)
    drawn = opened.value
    drawn.wait_for_load_state()
    drawn.wait_for_selector(SETTLED, state="attached", timeout=30_000)
    assert drawn.evaluate("document.body.dataset.state") == "drawn"
    return drawn


def test_a_named_query_runs_shows_a_table_downloads_and_draws(
    watched: Watched, tmp_path: Path
) -> None:
    page = watched.open()
    _run_named(page, "troop-contributors")
    headers = page.locator("#result-table th").all_inner_texts()
    assert headers[:2] == ["contributor", "kindLabel"]  # contributorLabel says it in contributor
    assert sorted(_column(page, 0)) == ["Albania", "Indonesia", "Kazakhstan", "Kosovo", "Morocco"]
    assert "5 rows" in page.inner_text("#status")
    iri_cell = page.locator("#result-table tbody tr td.iri").first
    assert str(iri_cell.get_attribute("title")).startswith("https://w3id.org/diplograph/id/")
    tie_column = headers.index("tie")
    assert not any(text.startswith("https://") for text in _column(page, tie_column))  # labels

    page.click("#result-table th:nth-child(1) button")
    ascending = _column(page, 0)
    assert ascending == sorted(ascending)
    page.click("#result-table th:nth-child(1) button")
    assert _column(page, 0) == sorted(ascending, reverse=True)

    with page.expect_download() as download:
        page.click("#downloads button[data-format='csv']")
    saved = tmp_path / "troop-contributors.csv"
    download.value.save_as(saved)
    expected = httpx.get(
        f"{watched.server.url}/queries/troop-contributors", headers={"Accept": "text/csv"}
    )
    assert saved.read_bytes() == expected.content
    assert page.locator("#downloads button[data-format='turtle']").is_disabled()

    drawn = _map(watched, page, "#named-map")
    assert drawn.title() == "Relationship map: troop-contributors"
    labels = drawn.evaluate(
        "() => window.diplographMap.nodes.getIds().map(window.diplographMap.labelOf)"
    )
    assert {"Morocco", "Albania"} <= set(labels)


def _type_query(page: Page, text: str) -> None:
    """Replace the editor's text by typing, as a person would."""
    page.click(".CodeMirror-code")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def test_your_own_query_runs_and_draws(watched: Watched) -> None:
    page = watched.open()
    first = page.locator(".CodeMirror-code > div").first.inner_text().split("\n")
    assert first == ["1", "PREFIX d: <https://w3id.org/diplograph/id/>"]  # numbered lines
    assert page.locator(".CodeMirror-code .cm-keyword").count() > 0  # highlighted SPARQL
    page.click("#editor-run")
    page.wait_for_selector("body[data-state='done']", state="attached")
    assert page.locator("#result-table tbody tr").count() > 10
    drawn = _map(watched, page, "#editor-map")
    assert drawn.evaluate("() => window.diplographMap.edges.length") > 10
    _type_query(page, "CONSTRUCT WHERE { d:morocco rdfs:label ?l }")
    page.keyboard.press("Control+Enter")  # runs it
    page.wait_for_selector("body[data-state='done']", state="attached")
    assert '"Morocco"@en' in page.inner_text("pre.turtle")
    assert page.locator("#downloads button[data-format='csv']").is_disabled()


def test_a_syntax_error_is_marked_on_its_line(watched: Watched) -> None:
    page = watched.open()
    _type_query(page, "SELECT *\nWHERE {\n?s ?p\n}")
    page.click("#editor-run")
    page.wait_for_selector("body[data-state='error']", state="attached")
    assert "error at 4:" in page.inner_text("#status")
    marked = page.locator(".CodeMirror-code > div:has(.error-line)")
    assert marked.count() == 1
    assert marked.inner_text().endswith("}")
    assert page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getCursor().line") == 3
    # the browser logs the 400 answer itself; that one console line is expected here
    assert watched.errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
    watched.errors.clear()


def test_hostile_labels_are_text_in_the_table_and_the_map(watched: Watched) -> None:
    page = watched.open()
    _run_named(page, "search-actors", text="window.__pwned")
    cells: list[Any] = page.locator("#result-table tbody td").all_inner_texts()
    assert IMG_LABEL in cells
    assert SCRIPT_LABEL in cells
    assert page.locator("#result-table img, #result-table script").count() == 0
    assert page.evaluate("window.__pwned") is None

    page.select_option("#named-select", "ego-network")
    page.fill("#named-params input[name='actor']", "Imgland")
    drawn = _map(watched, page, "#named-map")
    labels = drawn.evaluate(
        "() => window.diplographMap.nodes.getIds().map(window.diplographMap.labelOf)"
    )
    assert {IMG_LABEL, SCRIPT_LABEL} <= set(labels)
    assert drawn.locator("img[src='x']").count() == 0
    assert drawn.locator("script").count() == drawn.evaluate("document.scripts.length")
    assert drawn.evaluate("window.__pwned") is None
    assert page.evaluate("window.__pwned") is None
