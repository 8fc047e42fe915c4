"""The offline map page without a browser: no external URLs, escaped data, counts, styles."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.maps import (
    DEFAULT_MAX_NODES,
    EVENT_STYLE,
    NODE_KIND_STYLES,
    POLARITY_STYLES,
    STATUS_STYLES,
    UNKNOWN_TIME_STYLE,
    UNSOURCED_STYLE,
    layout_positions,
    limit_network,
    render_map,
)
from diplograph.network import build_network

from .conftest import FIXTURES

HOSTILE = FIXTURES / "map-hostile.ttl"
TIES = FIXTURES / "map-ties.ttl"
UNSOURCED = FIXTURES / "unsourced-ties.ttl"
ID = "https://w3id.org/diplograph/id/"
TS = "https://w3id.org/diplograph/vocab/tie-status/"
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)


class Page(HTMLParser):
    """Tags with their attributes, and the text of every script and style element."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in {"script", "style"}:
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is None:
            return
        tag, attrs = self._open
        if tag == "script":
            self.scripts.append((attrs, data))
        else:
            self.styles.append(data)
        self._open = None

    def raw_payload(self) -> dict[str, Any]:
        texts = [text for attrs, text in self.scripts if attrs.get("id") == "diplograph-data"]
        assert len(texts) == 1
        data: dict[str, Any] = json.loads(texts[0])
        return data

    def payload(self) -> dict[str, Any]:
        """The page's data, with each item's tooltip text merged back into the item."""
        data = self.raw_payload()
        for kind in ("nodes", "edges"):
            info = data[kind[:-1] + "_info"]
            assert len(info) == len(data[kind])
            data[kind] = [{**item, **extra} for item, extra in zip(data[kind], info, strict=True)]
        return data


@pytest.fixture(scope="module")
def seed_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return build_network(kg)


@pytest.fixture(scope="module")
def fixture_network() -> nx.MultiDiGraph:
    return build_network(diplograph.load([HOSTILE, TIES]))


@pytest.fixture(scope="module")
def seed_page(seed_network: nx.MultiDiGraph) -> str:
    return render_map(seed_network).html


def test_page_references_no_external_url(seed_page: str) -> None:
    page = Page(seed_page)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "poster", "data", "srcset"):
            value = attrs.get(name)
            assert value is None or not EXTERNAL.match(value), (tag, name, value)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet"), "stylesheets are inline"
        for url in CSS_URL.findall(attrs.get("style") or ""):
            assert not EXTERNAL.match(url), (tag, url)
    executable = [attrs for attrs, _ in page.scripts if attrs.get("type") != "application/json"]
    assert all("src" not in attrs for attrs in executable)
    assert len(executable) == 2  # vis-network and the map's own script, both inline
    for css in page.styles:
        assert "@import" not in css
        for url in CSS_URL.findall(css):
            assert url.startswith("data:"), url
    assert "cdn.jsdelivr.net" not in seed_page
    assert "cdnjs.cloudflare.com" not in seed_page


def test_content_security_policy_allows_only_the_inline_scripts(seed_page: str) -> None:
    page = Page(seed_page)
    policies = [
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(policies) == 1
    policy = policies[0] or ""
    assert "default-src 'none'" in policy
    for attrs, text in page.scripts:
        if attrs.get("type") == "application/json":
            continue
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_nodes_and_edges_match_the_network(seed_network: nx.MultiDiGraph, seed_page: str) -> None:
    payload = Page(seed_page).payload()
    assert {n["id"] for n in payload["nodes"]} == set(seed_network.nodes)
    assert sorted(e["id"] for e in payload["edges"]) == sorted(
        key for _, _, key in seed_network.edges(keys=True)
    )
    # 17 ties and 3 event edges among 17 actors: the article's 14 ties among 15 actors (since
    # the seed's re-encoding: the armed forces tied to Morocco, no UN; the meeting, the request
    # and the acceptance as event edges) and Morocco's 3 ties to MONUSCO and UNOCI (IPI, 2014)
    assert payload["meta"]["nodes"] == seed_network.number_of_nodes() == 17
    assert payload["meta"]["edges"] == seed_network.number_of_edges() == 20
    assert payload["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in payload["nodes"])


def test_vis_items_carry_no_tooltip_text(seed_page: str) -> None:
    payload = Page(seed_page).raw_payload()
    assert not {"rows", "names", "evidence", "heading"} & {k for n in payload["nodes"] for k in n}
    assert not {"rows", "evidence", "heading"} & {k for e in payload["edges"] for k in e}
    assert payload["node_info"][0].keys() == {"names", "rows"}
    assert payload["edge_info"][0].keys() == {"heading", "rows", "evidence"}


def test_styles_come_from_the_tables(seed_page: str) -> None:
    payload = Page(seed_page).payload()
    edges = {e["id"]: e for e in payload["edges"]}
    pledge = edges[ID + "tie-morocco-isf-troops"]
    assert (
        pledge["dashes"]
        == STATUS_STYLES["https://w3id.org/diplograph/vocab/tie-status/Pledged"]["dashes"]
    )
    assert pledge["dashes"]  # pledged ties are dashed ...
    conflict = next(e for e in payload["edges"] if e["tie_type_label"] == "conflict")
    assert conflict["dashes"] is False  # ... active ones solid
    assert conflict["color"] == POLARITY_STYLES[-1]["color"]
    assert pledge["color"] == POLARITY_STYLES[1]["color"]
    morocco = next(n for n in payload["nodes"] if n["id"] == ID + "morocco")
    assert (morocco["shape"], morocco["color"]) == tuple(NODE_KIND_STYLES["state"].values())
    assert "المغرب" in morocco["names"]


def test_tooltip_rows_hold_type_status_dates_quote_and_source(seed_page: str) -> None:
    payload = Page(seed_page).payload()
    edges = {e["id"]: e for e in payload["edges"]}
    pledge = edges[ID + "tie-morocco-isf-troops"]
    assert pledge["heading"] == "Morocco → International Stabilization Force"
    rows = dict(pledge["rows"])
    assert rows["type"] == "troop contribution"
    assert rows["status"] == "pledged"
    assert rows["dates"] == "not stated"
    assert len(pledge["evidence"]) == 2  # s01 and s02; the author's assessments are no evidence
    assert all(e["quote"] and e["source"].startswith("Seed article") for e in pledge["evidence"])
    king = edges[ID + "tie-mohammed-vi-king-of-morocco"]
    assert dict(king["rows"])["dates"] == "since 1999-07-23"


def test_hostile_text_is_escaped_in_markup_and_kept_in_data(
    fixture_network: nx.MultiDiGraph,
) -> None:
    fixture_network = fixture_network.copy()
    fixture_network.graph["params"] = {"actor": "<script>window.__pwned=1</script>"}
    html = render_map(fixture_network, title="<img src=x onerror=alert(1)>").html
    assert "<img src=x" not in html
    assert "<script>window.__pwned" not in html
    assert "<b onmouseover" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the title, escaped
    assert "\u2028" not in html
    assert "\u2029" not in html
    page = Page(html)
    assert [t for t, _ in page.tags].count("script") == 3
    payload = page.payload()
    labels = {n["label"] for n in payload["nodes"]}
    assert "<img src=x onerror=window.__pwned=1>" in labels
    assert "<script>window.__pwned=1</script>" in labels
    quote = next(e for e in payload["edges"] if e["id"] == ID + "hostile-tie")["evidence"][0]
    assert "</script><script>window.__pwned=1</script>" in quote["quote"]
    assert "\u2028" in quote["quote"]


def test_parallel_ties_stay_apart_and_curve(fixture_network: nx.MultiDiGraph) -> None:
    payload = Page(render_map(fixture_network).html).payload()
    pair = {ID + "examplestan", ID + "sampleland"}
    parallel = [e for e in payload["edges"] if {e["from"], e["to"]} == pair]
    assert sorted(e["id"] for e in parallel) == [
        ID + "map-test-conflict",
        ID + "map-test-cooperation",
        ID + "map-test-relations",
    ]

    def side(edge: dict[str, Any]) -> str:
        """Which way the tie bends, seen from Examplestan (vis bends relative to direction)."""
        if "smooth" not in edge:
            return "straight"
        clockwise = edge["smooth"]["type"] == "curvedCW"
        return "right" if clockwise == (edge["from"] == ID + "examplestan") else "left"

    assert sorted(side(e) for e in parallel) == ["left", "right", "straight"]
    types = {row["label"]: row["count"] for row in payload["filters"]["tie_types"]}
    assert types["conflict"] == 2
    assert payload["dates"] == {
        "min": "1846-01-01",  # a year before Morocco's first COW membership, 1847 (it bounds ties)
        "max": "2021-01-01",
        "initial": None,
        "dated_ties": 7,  # with Morocco's 3 ties to UN missions, dated March 2014 (IPI)
    }


def test_same_input_same_page(seed_network: nx.MultiDiGraph, seed_page: str) -> None:
    assert render_map(seed_network).html == seed_page
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(seed_network.graph)
    shuffled.add_nodes_from(reversed(list(seed_network.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(seed_network.edges(keys=True, data=True))))
    assert layout_positions(shuffled) == layout_positions(seed_network)
    assert layout_positions(seed_network, seed=1) != layout_positions(seed_network)


def test_header_names_query_parameters_and_date(kg: KnowledgeGraph) -> None:
    network = build_network(kg, "troop-contributors", {"force": "ISF"}, as_of="2026-01-15")
    page = render_map(network)
    assert "<title>Relationship map: troop-contributors</title>" in page.html
    assert "<code>force=ISF</code>" in page.html
    assert 'as of <time datetime="2026-01-15">2026-01-15</time>' in page.html
    assert (
        '<span id="counts">6 actors: 0 ties in force on 2026-01-15; 5 of unknown time '
        "(drawn faded).</span>"
    ) in page.html
    assert (page.nodes, page.edges) == (6, 5)
    assert Page(page.html).payload()["dates"]["initial"] == "2026-01-15"


def test_empty_network_page_says_so() -> None:
    empty = nx.MultiDiGraph(query="troop-contributors", params={"force": "UN"}, as_of=None)
    page = render_map(empty)
    assert (page.nodes, page.edges, page.limited) == (0, 0, False)
    message = Page(page.html).payload()["meta"]["empty_message"]
    assert message == (
        "This map is empty: query troop-contributors (force=UN) found no ties between actors."
    )


def test_large_network_is_limited_to_the_most_connected() -> None:
    network = nx.MultiDiGraph(list(nx.barabasi_albert_graph(300, 2, seed=3).edges()))
    page = render_map(network, max_nodes=50)
    assert page.limited
    assert (page.nodes, page.total_nodes, page.total_edges) == (50, 300, 596)
    assert 'id="limit-warning"' in page.html
    degree = dict(network.degree())
    kept = {int(n["id"]) for n in Page(page.html).payload()["nodes"]}
    assert min(degree[n] for n in kept) >= max(degree[n] for n in network if n not in kept)
    assert limit_network(network, None) is network
    assert not render_map(network, max_nodes=None).limited


def test_hand_built_graph_with_default_keys_and_no_attributes() -> None:
    network = nx.MultiDiGraph()
    network.add_edge(1, 2)
    network.add_edge(1, 2)
    network.add_edge(2, 3)
    payload = Page(render_map(network).html).payload()
    assert len({e["id"] for e in payload["edges"]}) == 3
    assert {n["label"] for n in payload["nodes"]} == {"1", "2", "3"}


def test_write_map_writes_the_page(seed_network: nx.MultiDiGraph, tmp_path: Path) -> None:
    from diplograph.maps import write_map

    (tmp_path / "maps").mkdir()
    page = write_map(seed_network, tmp_path / "maps" / "seed.html")
    assert (tmp_path / "maps" / "seed.html").read_text(encoding="utf-8") == page.html


def test_cli_default_limit_matches_the_library() -> None:
    from diplograph.cli.maps import MAX_NODES

    assert MAX_NODES == DEFAULT_MAX_NODES


def test_large_maps_show_details_on_click_not_hover() -> None:
    network = nx.MultiDiGraph(list(nx.barabasi_albert_graph(2_600, 2, seed=3).edges()))
    page = render_map(network)
    options = Page(page.html).raw_payload()["options"]
    assert options["interaction"]["hover"] is False
    assert options["interaction"]["hideEdgesOnDrag"] is True
    assert 'id="hover-note"' in page.html
    assert 'id="hover-note"' not in render_map(network, max_nodes=100).html


# --- what is known of a tie: time, evidence, events ----------------------------------------------


def _known(html: str) -> dict[str, int]:
    """The legend's rows on what is known, by key, with their counts."""
    return {
        key: int(count)
        for key, count in re.findall(
            r'<li id="legend-(\w+)">.*?<span class="count">(\d+)</span></li>', html
        )
    }


def test_as_of_map_draws_ties_of_unknown_time_faded(kg: KnowledgeGraph) -> None:
    page = render_map(build_network(kg, as_of="1990-01-01"))
    payload = Page(page.html).payload()
    edges = {e["id"]: e for e in payload["edges"]}
    pledge = edges[ID + "tie-morocco-isf-troops"]  # undated: unknown in 1990
    assert pledge["color"] == {
        "color": POLARITY_STYLES[1]["color"],
        "highlight": POLARITY_STYLES[1]["color"],
        "hover": POLARITY_STYLES[1]["color"],
        "inherit": False,
        "opacity": UNKNOWN_TIME_STYLE["opacity"],
    }
    assert pledge["dashes"] == STATUS_STYLES[TS + "Pledged"]["dashes"]  # the status still shows
    assert all(isinstance(e["color"], dict) for e in payload["edges"])  # none in force in 1990
    assert ID + "tie-kosovo-isf-troops" not in edges  # Kosovo did not exist yet
    assert (
        '<span id="counts">13 actors: 0 ties in force on 1990-01-01; 11 of unknown time '
        "(drawn faded); 3 event edges (3 of unknown time).</span>"
    ) in page.html
    assert _known(page.html) == {"unknown": 14, "event": 3}
    assert payload["meta"]["undated"] == "show"
    assert payload["styles"]["unknown"]["opacity"] == UNKNOWN_TIME_STYLE["opacity"] < 1


def test_time_fields_the_map_script_needs() -> None:
    with diplograph.load([TIES]) as fixture_kg:
        payload = Page(render_map(build_network(fixture_kg)).html).payload()
    edges = {e["id"]: e for e in payload["edges"]}
    relations = edges[ID + "map-test-relations"]
    assert (relations["begin"], relations["end"], relations["ended"]) == (
        "2001-01-01",
        "2010-12-31",
        True,
    )
    kosovo = edges[ID + "tie-kosovo-isf-troops"]
    assert (kosovo["exists_from"], kosovo["exists_until"], kosovo["ended"]) == (
        "2008-02-20",
        None,
        False,
    )
    assert all(isinstance(e["color"], str) for e in payload["edges"])  # no date: none faded


def test_include_draws_unknown_ties_as_in_force(kg: KnowledgeGraph) -> None:
    page = render_map(build_network(kg, as_of="1990-01-01", undated="include"))
    payload = Page(page.html).payload()
    assert all(isinstance(e["color"], str) for e in payload["edges"])
    assert "11 of unknown time (included as in force)" in page.html
    assert payload["meta"]["undated"] == "include"
    excluded = render_map(build_network(kg, as_of="1990-01-01", undated="exclude"))
    assert (excluded.nodes, excluded.edges) == (0, 0)
    assert "11 of unknown time left out" in excluded.html


def test_unsourced_ties_are_grey_and_say_so() -> None:
    with diplograph.load([UNSOURCED]) as kg:
        page = render_map(build_network(kg))
        left_out = render_map(build_network(kg, unsourced="exclude"))
    payload = Page(page.html).payload()
    edges = {e["id"]: e for e in payload["edges"]}
    tie = edges[ID + "unsourced-nowhereland-morocco"]
    assert tie["color"] == UNSOURCED_STYLE["color"]
    assert tie["sourced"] is False
    assert ["evidence", "none: " + UNSOURCED_STYLE["label"]] in tie["rows"]
    assert tie["evidence"] == []
    sourced = edges[ID + "tie-morocco-isf-troops"]
    assert (sourced["sourced"], sourced["color"]) == (True, POLARITY_STYLES[1]["color"])
    assert _known(page.html) == {"unknown": 0, "unsourced": 2, "event": 3}
    assert "; 2 unsourced (drawn grey);" in page.html
    assert ID + "unsourced-nowhereland-morocco" not in left_out.html
    assert "2 unsourced left out" in left_out.html


def test_events_are_double_dashed_edges_with_their_type(
    seed_network: nx.MultiDiGraph, seed_page: str
) -> None:
    payload = Page(seed_page).payload()
    events = [e for e in payload["edges"] if e["kind"] == "event"]
    assert sorted(e["tie_type_label"] for e in events) == [
        "acceptance (event)",
        "meeting (event)",
        "request (event)",
    ]
    for event in events:
        assert (event["dashes"], event["width"]) == (EVENT_STYLE["dashes"], EVENT_STYLE["width"])
        assert event["dashes"] not in [s["dashes"] for s in STATUS_STYLES.values()]
    meeting = next(e for e in events if e["tie_type_label"] == "meeting (event)")
    assert (meeting["from"], meeting["to"], meeting["arrows"]) == (
        ID + "board-of-peace",
        ID + "isf",
        "",
    )
    assert meeting["heading"] == "Board of Peace — International Stabilization Force"
    types = {row["label"] for row in payload["filters"]["tie_types"]}
    assert "meeting (event)" in types
    assert "Tie line: what is known" in seed_page
    statuses = {row["label"]: row["count"] for row in payload["filters"]["statuses"]}
    assert sum(statuses.values()) == seed_network.number_of_edges()
