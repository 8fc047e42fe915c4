"""The offline map page without a browser: no external URLs, escaped data, counts, styles."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from datetime import date
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.maps import (
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
from diplograph.maps.items import map_items
from diplograph.maps.pairs import default_strength
from diplograph.maps.styles import pair_width
from diplograph.maps.ties import TIE_FLAGS, day_number
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
        """The page's data, each node's details merged into it."""
        data = self.raw_payload()
        info = data["node_info"]
        assert len(info) == len(data["nodes"])
        data["nodes"] = [{**item, **extra} for item, extra in zip(data["nodes"], info, strict=True)]
        return data


def pair_columns(payload: dict[str, Any]) -> dict[str, Any]:
    """The page's pair columns read back (diplograph.maps.page._pair_columns)."""
    packed = payload["pairs"]
    columns: dict[str, Any] = {
        name: _read_varints(packed[name])
        for name in ("from", "to", "directed", "polarity", "style", "ties", "events", "strongest")
    }
    for name in ("exists_from", "exists_until", "weight"):
        columns[name] = [
            None if n == 0 else ((n - 1) // 2 if (n - 1) % 2 == 0 else -n // 2)
            for n in _read_varints(packed[name])
        ]
    counts, flat = _read_varints(packed["top_counts"]), _read_varints(packed["top"])
    columns["top"] = [flat[sum(counts[:k]) : sum(counts[: k + 1])] for k in range(len(counts))]
    columns["shared"] = {name: _read_varints(text) for name, text in packed["shared"].items()}
    columns["styles"] = packed["styles"]
    sizes = [t + e for t, e in zip(columns["ties"], columns["events"], strict=True)]
    columns["start"] = [sum(sizes[:k]) for k in range(len(sizes))]
    return columns


def pairs_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's pairs as records: ends (node ids), direction, polarity, style, their ties."""
    columns = pair_columns(payload)
    ids = [node["id"] for node in payload["nodes"]]
    found = []
    for p in range(len(columns["from"])):
        size = columns["ties"][p] + columns["events"][p]
        start = columns["start"][p]
        found.append(
            {
                "from": ids[columns["from"][p]],
                "to": ids[columns["to"][p]],
                "directed": bool(columns["directed"][p]),
                "polarity": columns["polarity"][p],
                "ties": columns["ties"][p],
                "events": columns["events"][p],
                "style": columns["styles"][columns["style"][p]],
                "members": list(range(start, start + size)),
                "weight": None if columns["weight"][p] is None else columns["weight"][p] / 1000,
                "strongest": bool(columns["strongest"][p]),
            }
        )
    return found


DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _read_varints(text: str) -> list[int]:
    """The numbers of a column as the page writes them (diplograph.maps.page._varints)."""
    values, number, shift = [], 0, 0
    for character in text:
        digit = DIGITS.index(character)
        number += (digit & 31) << shift
        if digit >= 32:
            shift += 5
            continue
        values.append(number // 2 if number % 2 == 0 else -(number + 1) // 2)
        number, shift = 0, 0
    return values


def ties_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The page's ties as records: type, status, dates, flags, style, details (or None), from
    the columns as the page packs them (diplograph.maps.page._packed_ties)."""
    steps = _read_varints(payload["ties"]["detail_at"])
    columns = {
        **payload["ties"],
        "detail_at": [sum(steps[: k + 1]) for k in range(len(steps))],
        **{
            n: _read_varints(payload["ties"][n])
            for n in ("type", "status", "style", "flags", "begin", "end")
        },
    }
    pairs = pair_columns(payload)
    details = dict(zip(columns["detail_at"], columns["details"], strict=True))
    epoch = date(1970, 1, 1).toordinal()
    has_begin, has_end = (
        payload["styles"]["flags"]["has_begin"],
        payload["styles"]["flags"]["has_end"],
    )
    cursor = dict.fromkeys(("type", "status", "style", "flags", "begin", "end"), 0)

    def take(name: str) -> int:
        cursor[name] += 1
        value: int = columns[name][cursor[name] - 1]
        return value

    def day(number: int | None) -> str | None:
        return None if number is None else date.fromordinal(epoch + number).isoformat()

    found = []
    for p, pair in enumerate(pairs_of(payload)):
        previous = 0
        for _ in pair["members"]:
            value = {
                name: pairs["shared"][name][p] if pairs["shared"][name][p] >= 0 else take(name)
                for name in ("type", "status", "style", "flags")
            }
            begin = end = None
            if value["flags"] & has_begin:
                begin = previous + take("begin")
                previous = begin
            if value["flags"] & has_end:
                end = take("end") + (begin or 0)
            found.append((p, value, begin, end))
    assert all(cursor[name] == len(columns[name]) for name in cursor)  # every value read
    return [
        {
            "pair": p,
            "type": columns["types"][value["type"]]["label"],
            "status": columns["statuses"][value["status"]]["label"],
            "begin": day(begin),
            "end": day(end),
            "event": bool(value["flags"] & TIE_FLAGS["event"]),
            "ended": bool(value["flags"] & TIE_FLAGS["ended"]),
            "sourced": not value["flags"] & TIE_FLAGS["unsourced"],
            "style": columns["styles"][value["style"]],
            "detail": details.get(i),
            "id": details[i]["id"] if i in details else None,
        }
        for i, (p, value, begin, end) in enumerate(found)
    ]


@pytest.fixture(scope="module")
def seed_network(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return build_network(kg.store)


@pytest.fixture(scope="module")
def fixture_network() -> nx.MultiDiGraph:
    return build_network(diplograph.load([HOSTILE, TIES]).store)


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


def test_one_edge_per_pair_direction_and_polarity(
    seed_network: nx.MultiDiGraph, seed_page: str
) -> None:
    payload = Page(seed_page).payload()
    pairs = pairs_of(payload)
    ties = ties_of(payload)
    assert {n["id"] for n in payload["nodes"]} == set(seed_network.nodes)
    # every tie and event edge of the network is in the page once, in exactly one pair
    assert sorted(t["id"] for t in ties) == sorted(k for _, _, k in seed_network.edges(keys=True))
    assert sorted(i for p in pairs for i in p["members"]) == list(range(len(ties)))
    keys = [(p["from"], p["to"], p["directed"], p["polarity"]) for p in pairs]
    assert len(keys) == len(set(keys))  # at most one edge per pair, direction and polarity
    data = {key: d for _, _, key, d in seed_network.edges(keys=True, data=True)}
    ends = {key: (str(u), str(v)) for u, v, key in seed_network.edges(keys=True)}
    for pair in pairs:
        for i in pair["members"]:
            tie = data[ties[i]["id"]]
            assert int(tie["polarity"] or 0) == pair["polarity"]
            assert (tie.get("directed", True) is not False) == pair["directed"]
            u, v = ends[ties[i]["id"]]
            assert (u, v) == (pair["from"], pair["to"]) or (
                not pair["directed"] and (v, u) == (pair["from"], pair["to"])
            )
    # Morocco's two ties to MONUSCO (troops and experts, March 2014) are one edge
    monusco = next(p for p in pairs if p["to"] == ID + "un-mission-monusco")
    assert (monusco["ties"], monusco["style"]["width"]) == (2, pair_width(2))
    # 17 ties and 3 event edges among 17 actors: the article's 14 ties among 15 actors (since
    # the seed's re-encoding: the armed forces tied to Morocco, no UN; the meeting, the request
    # and the acceptance as event edges) and Morocco's 3 ties to MONUSCO and UNOCI (IPI, 2014)
    meta = payload["meta"]
    assert (meta["nodes"], meta["edges"], meta["pairs"]) == (17, 20, 19)
    assert payload["options"]["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in payload["nodes"])
    assert "Drawn as 19 pairs (one edge per pair of actors" in seed_page


def test_vis_items_carry_no_tooltip_text(seed_page: str) -> None:
    payload = Page(seed_page).raw_payload()
    assert not {"rows", "names", "evidence", "heading"} & {k for n in payload["nodes"] for k in n}
    assert payload["node_info"][0].keys() <= {"names", "wikidata"}  # rows: the page writes them
    assert {"id", "rows", "evidence"} <= payload["ties"]["details"][0].keys()


def test_styles_come_from_the_tables(seed_page: str) -> None:
    payload = Page(seed_page).payload()
    ties = {t["id"]: t for t in ties_of(payload)}
    pairs = pairs_of(payload)
    pledge = ties[ID + "tie-morocco-isf-troops"]
    assert pledge["style"]["dashes"] == STATUS_STYLES[TS + "Pledged"]["dashes"]
    assert pledge["style"]["dashes"]  # pledged ties are dashed ...
    conflict = next(t for t in ties.values() if t["type"] == "conflict")
    assert conflict["style"]["dashes"] is False  # ... active ones solid
    assert conflict["style"]["color"] == POLARITY_STYLES[-1]["color"]
    assert pledge["style"]["color"] == POLARITY_STYLES[1]["color"]
    # a pair shows a status pattern only when all its ties share it
    assert pairs[pledge["pair"]]["style"]["dashes"] == STATUS_STYLES[TS + "Pledged"]["dashes"]
    monusco = next(p for p in pairs if p["to"] == ID + "un-mission-monusco")
    assert {ties_of(payload)[i]["status"] for i in monusco["members"]} == {"status not stated"}
    assert monusco["style"]["dashes"] is False  # not dotted: a status not stated is no pattern
    morocco = next(n for n in payload["nodes"] if n["id"] == ID + "morocco")
    assert (morocco["shape"], morocco["color"]) == tuple(NODE_KIND_STYLES["state"].values())
    assert "المغرب" in morocco["names"]


def test_tie_details_hold_type_status_dates_quote_and_source(seed_page: str) -> None:
    ties = {t["id"]: t for t in ties_of(Page(seed_page).payload())}
    pledge = ties[ID + "tie-morocco-isf-troops"]
    assert (pledge["type"], pledge["status"], pledge["begin"]) == (
        "troop contribution",
        "pledged",
        None,
    )
    evidence = pledge["detail"]["evidence"]
    assert len(evidence) == 2  # s01 and s02; the author's assessments are no evidence
    assert all(e["quote"] and e["source"].startswith("Seed article") for e in evidence)
    assert ties[ID + "tie-mohammed-vi-king-of-morocco"]["begin"] == "1999-07-23"


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
    hostile = next(t for t in ties_of(payload) if t["id"] == ID + "hostile-tie")
    quote = hostile["detail"]["evidence"][0]["quote"]
    assert "</script><script>window.__pwned=1</script>" in quote
    assert "\u2028" in quote


def test_parallel_ties_are_pairs_by_direction_and_polarity(
    fixture_network: nx.MultiDiGraph,
) -> None:
    """Examplestan and Sampleland: relations (cooperative, no direction), a conflict
    (conflictual, no direction) and a planned cooperation (directed, from Sampleland): three
    pairs, each of one tie, with its own colour and pattern."""
    payload = Page(render_map(fixture_network).html).payload()
    ties = ties_of(payload)
    ends = {ID + "examplestan", ID + "sampleland"}
    pairs = [p for p in pairs_of(payload) if {p["from"], p["to"]} == ends]
    found = sorted(
        (p["directed"], p["polarity"], [ties[i]["id"] for i in p["members"]]) for p in pairs
    )
    assert found == [
        (False, -1, [ID + "map-test-conflict"]),
        (False, 1, [ID + "map-test-relations"]),
        (True, 1, [ID + "map-test-cooperation"]),
    ]
    styles = {p["polarity"]: p["style"]["color"] for p in pairs}
    assert styles == {-1: POLARITY_STYLES[-1]["color"], 1: POLARITY_STYLES[1]["color"]}
    types = {row["label"]: row["count"] for row in payload["ties"]["types"]}
    assert types["conflict"] == 2
    dates = payload["dates"]
    assert (dates["min"], dates["max"]) == (day_number("1999-07-23"), day_number("2020-01-01"))
    assert dates["dated"] == 7  # with Morocco's 3 ties to UN missions, dated March 2014 (IPI)


def test_same_input_same_page(seed_network: nx.MultiDiGraph, seed_page: str) -> None:
    assert render_map(seed_network).html == seed_page
    shuffled = nx.MultiDiGraph()
    shuffled.graph.update(seed_network.graph)
    shuffled.add_nodes_from(reversed(list(seed_network.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(seed_network.edges(keys=True, data=True))))
    assert render_map(shuffled).html == seed_page
    assert layout_positions(shuffled) == layout_positions(seed_network)
    assert layout_positions(seed_network, seed=1) != layout_positions(seed_network)


def test_no_two_actors_overlap(seed_page: str) -> None:
    nodes = Page(seed_page).payload()["nodes"]
    for a, b in combinations(nodes, 2):
        room = max(a["sizes"]) + max(b["sizes"])  # whatever measure sizes them
        assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= room, (a["label"], b["label"])


def test_communities_are_apart_and_named() -> None:
    """Two cliques joined by one tie: two communities, laid out apart, named by their hubs."""
    network = nx.MultiDiGraph()
    for side, names in (("a", "ABCDE"), ("b", "VWXYZ")):
        for u, v in combinations(names, 2):
            network.add_edge(u, v, key=f"{side}-{u}{v}", directed=False, polarity=1)
    network.add_edge("E", "V", key="bridge", directed=False, polarity=1)
    for node in network:
        network.nodes[node]["label"] = f"Actor {node}"
    payload = Page(render_map(network).html).payload()
    groups = {n["label"][-1]: n["community"] for n in payload["nodes"]}
    assert len({groups[c] for c in "ABCDE"}) == len({groups[c] for c in "VWXYZ"}) == 1
    assert groups["A"] != groups["Z"]
    rows = payload["communities"]
    assert [row["size"] for row in rows] == [5, 5]
    assert {row["label"] for row in rows} == {
        "Actor E, Actor A and 3 more",
        "Actor V, Actor W and 3 more",
    }
    at = {n["label"][-1]: (n["x"], n["y"]) for n in payload["nodes"]}

    def centre(names: str) -> tuple[float, float]:
        return (
            sum(at[c][0] for c in names) / len(names),
            sum(at[c][1] for c in names) / len(names),
        )

    spread = max(math.dist(at[c], centre("ABCDE")) for c in "ABCDE")
    assert math.dist(centre("ABCDE"), centre("VWXYZ")) > 2 * spread


def test_header_names_query_parameters_and_period(kg: KnowledgeGraph) -> None:
    network = build_network(kg.store, "troop-contributors", {"force": "ISF"}, as_of="2026-01-15")
    page = render_map(network)
    assert "<title>Relationship map: troop-contributors</title>" in page.html
    assert "<code>force=ISF</code>" in page.html
    assert '<span id="period-asked">as of 2026-01-15</span>' in page.html
    assert (
        '<span id="counts">6 actors: 0 ties in force on 2026-01-15; 5 of unknown time '
        "(drawn faded).</span>"
    ) in page.html
    assert (page.nodes, page.edges, page.pairs) == (6, 5, 5)
    assert Page(page.html).payload()["meta"]["as_of"] == "2026-01-15"
    asked = nx.MultiDiGraph(
        query="ties-in-period", params={"from": "2011-06-01", "to": "2012-11-30"}
    )
    asked.add_edge("a", "b")
    html = render_map(asked).html
    assert '<span id="period-asked">2011-06-01 to 2012-11-30</span>' in html
    assert (
        '<span id="period-shown">Shown: all the query found for the period asked, '
        "2011-06-01 to 2012-11-30.</span>"
    ) in html  # not "all dates": the query kept its period


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


def test_too_many_ties_keep_the_strongest_pairs_and_say_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A million rows cannot go into one page: past the room, the weakest pairs are left out,
    and the page and the result count them."""
    network = nx.MultiDiGraph()
    for i in range(30):
        network.add_edge("hub", f"a{i}", key=f"strong-{i}", directed=True, polarity=1)
        network.add_edge("hub", f"a{i}", key=f"strong-{i}-b", directed=True, polarity=1)
    for i in range(30):
        network.add_edge(f"a{i}", f"b{i}", key=f"weak-{i}", directed=True, polarity=1)
    items = map_items(network, max_ties=70)
    assert len(items.pairs) == 40  # 30 strong pairs of 2 ties, then 10 weak ones of 1
    assert items.cut == {"pairs": 20, "ties": 20}
    assert {p["ties"] for p in items.pairs[:30]} == {2}
    assert render_map(network).cut_pairs == 0
    monkeypatch.setattr("diplograph.maps.pairs.MAX_PAGE_TIES", 70)
    page = render_map(network)
    assert (page.pairs, page.edges, page.cut_pairs, page.cut_edges) == (40, 70, 20, 20)
    warning = " ".join(page.html.split('id="cut-warning"')[1].split("</p>")[0].split())
    assert "keeps the 40 strongest pairs (70 ties and events) and leaves out 20 weaker" in warning


def test_weak_pairs_start_hidden_and_the_page_says_so() -> None:
    """Many more pairs than the actors can show at once: the first view's minimum strength
    hides the weakest, and the header says so."""
    network = nx.MultiDiGraph()
    names = [f"s{i}" for i in range(40)]
    for i, (u, v) in enumerate(combinations(names, 2)):
        for k in range(1 + (i % 7 == 0) * 5):
            network.add_edge(u, v, key=f"t{i}-{k}", directed=False, polarity=1)
    page = render_map(network)
    payload = Page(page.html).payload()
    meta = payload["meta"]
    assert page.pairs == 780
    assert meta["strength"] == 6  # the 112 pairs of 6 ties, and each actor's strongest
    pairs = pairs_of(payload)
    strongest = [p for p in pairs if p["strongest"]]
    assert meta["kept_strongest"] == {"per_actor": 2, "by": "ties", "pairs": len(strongest)}
    shown = [p for p in pairs if p["strongest"] or p["ties"] >= 6]
    assert meta["first_pairs"] == len(shown) < 400
    assert {p["from"] for p in shown} | {p["to"] for p in shown} == set(network)
    text = " ".join(page.html.split())
    assert f"the map first draws {len(shown)} of its 780 pairs: those of at least 6 ties" in text
    assert "pairs of fewer than 6 ties and events are hidden" in text


def test_each_actor_keeps_its_strongest_pairs_by_weight_in_a_dense_series() -> None:
    """A tie per pair and session, the founders' pairs holding the most: the first view cannot
    hold the founders' pairs, so it shows each actor's two strongest pairs by their ties' mean
    weight, and no actor with ties is left out; communities follow the weights too."""
    network = nx.MultiDiGraph()
    states = [f"s{i:02d}" for i in range(45)]
    for session in range(6):
        present = states[: 30 + 3 * session]  # 30 founders, then 3 more a session
        for u, v in combinations(present, 2):
            close = int(u[1:]) % 3 == int(v[1:]) % 3
            network.add_edge(
                u,
                v,
                key=f"{u}-{v}-{session}",
                directed=False,
                polarity=1,
                weight=0.9 if close else 0.2,
            )
    items = map_items(network)
    assert len(items.pairs) == 45 * 44 // 2
    assert items.kept_strongest["by"] == "weight"
    assert items.strength == 7  # past the founders' 6 ties a pair: only the strongest pairs
    shown = [p for p in items.pairs if p["strongest"]]
    assert {p["from"] for p in shown} | {p["to"] for p in shown} == set(states)
    assert all(p["weight"] == 0.9 for p in shown)
    partners = {s: {p["to"] if p["from"] == s else p["from"] for p in shown} for s in states}
    assert all(len(found) >= 2 for found in partners.values())
    community = {n["id"]: n["community"] for n in items.nodes}
    assert all(community[s] == community[f"s{int(s[1:]) % 3:02d}"] for s in states)
    assert default_strength([6] * 500, 45, kept=0) == 6  # none kept: all shown, never none


def test_hand_built_graph_with_default_keys_and_no_attributes() -> None:
    network = nx.MultiDiGraph()
    network.add_edge(1, 2)
    network.add_edge(1, 2)
    network.add_edge(2, 3)
    payload = Page(render_map(network).html).payload()
    assert len(ties_of(payload)) == 3
    assert len({t["id"] for t in ties_of(payload)}) == 3
    assert [p["ties"] for p in pairs_of(payload)] == [2, 1]
    assert {n["label"] for n in payload["nodes"]} == {"1", "2", "3"}


def test_write_map_writes_the_page(seed_network: nx.MultiDiGraph, tmp_path: Path) -> None:
    from diplograph.maps import write_map

    (tmp_path / "maps").mkdir()
    page = write_map(seed_network, tmp_path / "maps" / "seed.html")
    assert (tmp_path / "maps" / "seed.html").read_text(encoding="utf-8") == page.html


def test_large_maps_show_details_on_click_not_hover() -> None:
    network = nx.MultiDiGraph(list(nx.barabasi_albert_graph(2_600, 2, seed=3).edges()))
    page = render_map(network)
    options = Page(page.html).raw_payload()["options"]
    assert options["interaction"]["hover"] is False
    assert options["interaction"]["hideEdgesOnDrag"] is True
    assert 'id="hover-note"' in page.html
    assert 'id="hover-note"' not in render_map(network, max_nodes=100).html


def test_a_tie_without_room_keeps_its_columns_not_its_quote() -> None:
    network = nx.MultiDiGraph()
    for i in range(40):
        network.add_edge(
            "a", "b", key=f"t{i}", evidence=[{"quote": "x" * 200, "source": "S"}], polarity=1
        )
    items = map_items(network, detail_bytes=2_000)
    kept = len(items.ties["details"])
    assert 0 < kept < 40
    assert len(items.ties["flags"]) == 40
    assert items.pair_top[0][0] in set(items.ties["detail_at"])


# --- what is known of a tie: time, evidence, events ----------------------------------------------


def _known(html: str) -> dict[str, int]:
    """The legend's rows on what is known, by key, with their counts."""
    return {
        key: int(count)
        for key, count in re.findall(
            r'<li id="legend-(\w+)">.*?<span class="count">(\d+)</span></li>', html
        )
    }


def test_as_of_map_counts_ties_of_unknown_time(kg: KnowledgeGraph) -> None:
    page = render_map(build_network(kg.store, as_of="1990-01-01"))
    payload = Page(page.html).payload()
    ties = {t["id"]: t for t in ties_of(payload)}
    assert ID + "tie-morocco-isf-troops" in ties  # undated: unknown in 1990, kept (faded)
    assert ID + "tie-kosovo-isf-troops" not in ties  # Kosovo did not exist yet
    assert (
        '<span id="counts">13 actors: 0 ties in force on 1990-01-01; 11 of unknown time '
        "(drawn faded); 3 event edges (3 of unknown time).</span>"
    ) in page.html
    assert _known(page.html) == {"unknown": 0, "event": 3}  # the script counts the faded
    assert payload["meta"]["undated"] == "show"
    assert payload["styles"]["unknown"]["opacity"] == UNKNOWN_TIME_STYLE["opacity"] < 1


def test_time_fields_the_map_script_needs() -> None:
    with diplograph.load([TIES]) as fixture_kg:
        payload = Page(render_map(build_network(fixture_kg.store)).html).payload()
    ties = {t["id"]: t for t in ties_of(payload)}
    relations = ties[ID + "map-test-relations"]
    assert (relations["begin"], relations["end"], relations["ended"]) == (
        "2001-01-01",
        "2010-12-31",
        True,
    )
    kosovo = ties[ID + "tie-kosovo-isf-troops"]
    assert (kosovo["begin"], kosovo["ended"]) == (None, False)
    pair = pairs_of(payload)[kosovo["pair"]]
    column = pair_columns(payload)
    index = pairs_of(payload).index(pair)
    assert (column["exists_from"][index], column["exists_until"][index]) == (
        day_number("2008-02-20"),  # Kosovo's COW membership begins then
        None,
    )


def test_include_and_exclude_say_what_they_did(kg: KnowledgeGraph) -> None:
    page = render_map(build_network(kg.store, as_of="1990-01-01", undated="include"))
    assert "11 of unknown time (included as in force)" in page.html
    assert Page(page.html).payload()["meta"]["undated"] == "include"
    excluded = render_map(build_network(kg.store, as_of="1990-01-01", undated="exclude"))
    assert (excluded.nodes, excluded.edges) == (0, 0)
    assert "11 of unknown time left out" in excluded.html


def test_unsourced_ties_are_grey_and_say_so() -> None:
    with diplograph.load([UNSOURCED]) as kg:
        page = render_map(build_network(kg.store))
        left_out = render_map(build_network(kg.store, unsourced="exclude"))
    payload = Page(page.html).payload()
    ties = {t["id"]: t for t in ties_of(payload)}
    tie = ties[ID + "unsourced-nowhereland-morocco"]
    assert tie["style"]["color"] == UNSOURCED_STYLE["color"]
    assert tie["sourced"] is False
    assert tie["detail"]["evidence"] == []
    assert pairs_of(payload)[tie["pair"]]["style"]["color"] == UNSOURCED_STYLE["color"]
    sourced = ties[ID + "tie-morocco-isf-troops"]
    assert (sourced["sourced"], sourced["style"]["color"]) == (True, POLARITY_STYLES[1]["color"])
    assert _known(page.html) == {"unknown": 0, "unsourced": 2, "event": 3}
    assert "; 2 unsourced (drawn grey);" in page.html
    assert ID + "unsourced-nowhereland-morocco" not in left_out.html
    assert "2 unsourced left out" in left_out.html


def test_events_are_double_dashed_edges_with_their_type(
    seed_network: nx.MultiDiGraph, seed_page: str
) -> None:
    payload = Page(seed_page).payload()
    ties = ties_of(payload)
    events = [t for t in ties if t["event"]]
    assert sorted(t["type"] for t in events) == [
        "acceptance (event)",
        "meeting (event)",
        "request (event)",
    ]
    for event in events:
        assert (event["style"]["dashes"], event["style"]["width"]) == (
            EVENT_STYLE["dashes"],
            EVENT_STYLE["width"],
        )
        assert event["style"]["dashes"] not in [s["dashes"] for s in STATUS_STYLES.values()]
    meeting = next(t for t in events if t["type"] == "meeting (event)")
    pair = pairs_of(payload)[meeting["pair"]]
    assert (pair["from"], pair["to"], pair["directed"]) == (
        ID + "board-of-peace",
        ID + "isf",
        False,
    )
    assert pair["style"]["dashes"] == EVENT_STYLE["dashes"]  # only events: drawn as events
    assert "meeting (event)" in {row["label"] for row in payload["ties"]["types"]}
    assert "Line: what is known" in seed_page
    statuses = {row["label"]: row["count"] for row in payload["ties"]["statuses"]}
    assert sum(statuses.values()) == seed_network.number_of_edges()


def test_a_map_of_events_only_says_what_it_shows() -> None:
    network = nx.MultiDiGraph(query="events", params={}, as_of=None)
    for i in range(3):
        network.add_edge("a", "b", key=f"e{i}", kind="event", tie_type_label="meeting (event)")
    page = render_map(network)
    assert (page.pairs, page.edges) == (1, 3)
    assert '<span id="counts">2 actors: 0 ties; 3 event edges.</span>' in page.html
    pair = pairs_of(Page(page.html).payload())[0]
    assert (pair["ties"], pair["events"], pair["style"]["dashes"]) == (0, 3, EVENT_STYLE["dashes"])
