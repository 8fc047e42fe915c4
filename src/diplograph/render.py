"""networkx -> one self-contained, offline HTML relationship map (pyvis data, our template).

The page inlines vis-network 9.1.2 (its JS and CSS, read from the installed pyvis package) and
references no external URL at all. Positions are computed here (igraph Fruchterman-Reingold with
a seeded random number generator), so physics stays off and the map is usable at once. Styles
are data tables (:data:`NODE_KIND_STYLES`, :data:`POLARITY_STYLES`, :data:`STATUS_STYLES`,
:data:`WEIGHT_WIDTHS`); the page's legend is drawn from the same tables.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(query="demo", params={"force": "ISF"}, as_of=None)
>>> g.add_node("a", label="Morocco", kind="state", names=["Morocco", "المغرب"])
>>> g.add_node("b", label="ISF", kind="multinational force")
>>> _ = g.add_edge("a", "b", key="tie-1", tie_type_label="troop contribution", polarity=1)
>>> page = render_map(g)
>>> (page.nodes, page.edges, page.limited)
(2, 1, False)
>>> "https://cdn" in page.html
False
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.namespaces import TS

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

__all__ = [
    "DEFAULT_MAX_NODES",
    "NODE_KIND_STYLES",
    "OTHER_KIND_STYLE",
    "POLARITY_STYLES",
    "STATUS_STYLES",
    "UNKNOWN_STATUS_STYLE",
    "UNWEIGHTED_WIDTH",
    "WEIGHT_WIDTHS",
    "RenderedMap",
    "build_pyvis",
    "layout_positions",
    "limit_network",
    "render_map",
    "safe_json",
    "write_map",
]

#: the most actors a map shows unless told otherwise: 20k draws in about 5 s in headless
#: Chromium with software rendering (see bench/maps.py); bigger networks keep the most connected
DEFAULT_MAX_NODES = 20_000

#: actor kind (the class label, ``kind`` node attribute) -> vis shape and colour
NODE_KIND_STYLES: dict[str, dict[str, str]] = {
    "state": {"shape": "dot", "color": "#4e79a7"},
    "quasi-state actor": {"shape": "diamond", "color": "#59a14f"},
    "political entity": {"shape": "dot", "color": "#76b7b2"},
    "intergovernmental organisation": {"shape": "square", "color": "#f28e2b"},
    "ad-hoc body": {"shape": "hexagon", "color": "#edc948"},
    "multinational force": {"shape": "triangle", "color": "#e15759"},
    "national armed forces": {"shape": "triangleDown", "color": "#b07aa1"},
    "person": {"shape": "star", "color": "#ff9da7"},
}
#: kinds missing from the table (and nodes with no kind)
OTHER_KIND_STYLE: dict[str, str] = {"shape": "dot", "color": "#9d9d9d"}

#: vis shape -> the character the legend shows for it
SHAPE_GLYPHS: dict[str, str] = {
    "dot": "●",
    "square": "■",
    "diamond": "◆",
    "triangle": "▲",
    "triangleDown": "▼",
    "star": "★",
    "hexagon": "⬢",
}

#: tie polarity -> edge colour
POLARITY_STYLES: dict[int, dict[str, str]] = {
    1: {"label": "cooperative", "color": "#2e7d32"},
    0: {"label": "neutral", "color": "#78909c"},
    -1: {"label": "conflictual", "color": "#c62828"},
}

#: tie status IRI -> vis ``dashes`` (False = solid line, else dash and gap lengths in pixels)
STATUS_STYLES: dict[str, dict[str, Any]] = {
    str(TS.Active): {"label": "active", "dashes": False},
    str(TS.Pledged): {"label": "pledged", "dashes": [10, 6]},
    str(TS.Planned): {"label": "planned", "dashes": [10, 6]},
    str(TS.Announced): {"label": "announced", "dashes": [5, 5]},
    str(TS.Suspended): {"label": "suspended", "dashes": [2, 5]},
    str(TS.Ended): {"label": "ended", "dashes": [14, 4, 2, 4]},
}
#: ties with no status, or a status missing from the table
UNKNOWN_STATUS_STYLE: dict[str, Any] = {"label": "status not stated", "dashes": [1, 4]}

#: (least absolute weight, edge width in pixels), heaviest first; weights run from -10 to 10
WEIGHT_WIDTHS: tuple[tuple[float, float], ...] = ((7.5, 5.0), (5.0, 3.5), (2.5, 2.0), (0.0, 1.0))
#: ties with no weight
UNWEIGHTED_WIDTH = 1.5

_NODE_SIZE = {"base": 9.0, "per_sqrt_degree": 3.0, "max": 36.0}
_EDGE_SPACING = 150.0  # median edge length of the drawn layout, in pixels
_ROOM_PER_NODE = 90.0  # side of the square each actor gets at least, in pixels
_GRID_LAYOUT_ABOVE = 500  # igraph's grid Fruchterman-Reingold above this many nodes
_LARGE_MAP_EDGES = 5_000  # above this, no hover tooltips; ties hidden while dragging, zooming
_VIS_LIB = "templates/lib/vis-9.1.2"
_NO_STATUS = ""  # filter key of ties with no status


@dataclass(frozen=True)
class RenderedMap:
    """A rendered page and what it shows: ``nodes``/``edges`` of ``total_nodes``/``total_edges``."""

    html: str
    nodes: int
    edges: int
    total_nodes: int
    total_edges: int

    def _repr_html_(self) -> str:
        """The map inline in a notebook: the whole page in a sandboxed ``iframe``'s srcdoc."""
        from html import escape

        return (
            f'<iframe srcdoc="{escape(self.html, quote=True)}" sandbox="allow-scripts '
            'allow-downloads" style="width: 100%; height: 640px; border: 0"></iframe>'
        )

    @property
    def limited(self) -> bool:
        """True when the network had more actors than the map shows."""
        return self.nodes < self.total_nodes


_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def safe_json(value: Any) -> str:
    r"""JSON text that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\u`` escapes (so no ``</script>`` or ``<!--`` can end or
    confuse the element), as do the line separators U+2028 and U+2029. Other characters,
    Arabic included, stay as they are.

    >>> print(safe_json({"label": "</script><!-- \u2028 المغرب"}))
    {"label":"\u003c/script\u003e\u003c!-- \u2028 المغرب"}
    >>> json.loads(safe_json(["</script>"])) == ["</script>"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for character, escape in _JSON_ESCAPES.items():  # str.replace is ~20x faster than translate
        text = text.replace(character, escape)
    return text


def _inline(text: str, element: str) -> str:
    r"""Text for a raw ``<script>``/``<style>`` element: a closing tag or ``<!--`` is broken up.

    >>> print(_inline("a = '</SCRIPT>'; b = '<!--';", "script"))
    a = '<\/SCRIPT>'; b = '<\!--';
    """
    closing = re.compile(f"</(?={element})", re.IGNORECASE)
    return closing.sub("<\\\\/", text).replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# ---------------------------------------------------------------- formatting


def _number_text(value: Any) -> str:
    """A quantity or score as people write it.

    >>> _number_text(20000), _number_text(5.2), _number_text(Decimal("1500.0"))
    ('20,000', '5.2', '1,500')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        number = float(value)
        if math.isfinite(number) and number.is_integer():
            return f"{int(number):,}"
        return f"{number:,.6g}" if math.isfinite(number) else str(value)
    return str(value)


def _quantity_text(quantity: Any, quantity_max: Any, unit: Any) -> str | None:
    """``quantity`` .. ``quantity_max`` ``unit`` as one phrase, or None when there is none.

    >>> _quantity_text(1500, 2000, "troops"), _quantity_text(None, 20000, "troops")
    ('1,500–2,000 troops', 'up to 20,000 troops')
    >>> _quantity_text(3, None, None) is None, _quantity_text(None, None, "troops") is None
    (False, True)
    """
    if quantity is None and quantity_max is None:
        return None
    if quantity is None:
        amount = f"up to {_number_text(quantity_max)}"
    elif quantity_max is None or quantity_max == quantity:
        amount = _number_text(quantity)
    else:
        amount = f"{_number_text(quantity)}–{_number_text(quantity_max)}"
    return f"{amount} {unit}" if unit else amount


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _dates_text(begin: str | None, end: str | None) -> str:
    """A tie's valid time in words.

    >>> _dates_text("2025-01-01", None), _dates_text(None, None)
    ('since 2025-01-01', 'not stated')
    >>> _dates_text("2025-01-01", "2025-06-30"), _dates_text(None, "2025-06-30")
    ('2025-01-01 to 2025-06-30', 'until 2025-06-30')
    """
    if begin and end:
        return f"{begin} to {end}"
    if begin:
        return f"since {begin}"
    if end:
        return f"until {end}"
    return "not stated"


def _local_name(iri: Any) -> str:
    text = str(iri)
    return text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or text


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# ---------------------------------------------------------------- styles


def _kind_style(kind: Any) -> dict[str, str]:
    return NODE_KIND_STYLES.get(str(kind), OTHER_KIND_STYLE) if kind else OTHER_KIND_STYLE


def _status_style(status: Any) -> dict[str, Any]:
    return STATUS_STYLES.get(str(status), UNKNOWN_STATUS_STYLE) if status else UNKNOWN_STATUS_STYLE


def _polarity(value: Any) -> int:
    number = _finite(value)
    return 0 if number is None else (number > 0) - (number < 0)


def _width(weight: float | None) -> float:
    """Edge width for a tie weight, from :data:`WEIGHT_WIDTHS`.

    >>> _width(6.0), _width(-9), _width(0.5), _width(None)
    (3.5, 5.0, 1.0, 1.5)
    """
    if weight is None:
        return UNWEIGHTED_WIDTH
    for least, width in WEIGHT_WIDTHS:
        if abs(weight) >= least:
            return width
    return WEIGHT_WIDTHS[-1][1]


def _node_size(degree: int) -> float:
    size = _NODE_SIZE["base"] + _NODE_SIZE["per_sqrt_degree"] * math.sqrt(degree)
    return round(min(size, _NODE_SIZE["max"]), 1)


def _dash_text(dashes: Any) -> str:
    return " ".join(str(d) for d in dashes) if dashes else ""


def _legend(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """The legend rows for the kinds, polarities and statuses present, and every width."""
    kinds = Counter(n["kind"] for n in nodes)
    order = {kind: index for index, kind in enumerate(NODE_KIND_STYLES)}
    kind_rows = [
        {
            "label": kind,
            "count": count,
            "glyph": SHAPE_GLYPHS.get(_kind_style(kind)["shape"], "●"),
            "color": _kind_style(kind)["color"],
        }
        for kind, count in sorted(kinds.items(), key=lambda kc: (order.get(kc[0], 99), kc[0]))
    ]
    polarities = Counter(e["polarity"] for e in edges)
    polarity_rows = [
        {"label": style["label"], "color": style["color"], "count": polarities[value]}
        for value, style in POLARITY_STYLES.items()
        if polarities[value]
    ]
    statuses: dict[str, dict[str, Any]] = {}
    for edge in edges:
        style = _status_style(edge["status"])
        row = statuses.setdefault(
            _dash_text(style["dashes"]) + "|" + style["label"],
            {"label": style["label"], "dasharray": _dash_text(style["dashes"]), "count": 0},
        )
        row["count"] += 1
    status_order = [s["label"] for s in STATUS_STYLES.values()]
    status_rows = sorted(
        statuses.values(),
        key=lambda r: status_order.index(r["label"]) if r["label"] in status_order else 99,
    )
    widths = [
        {"label": f"|weight| ≥ {_number_text(least)}" if least else "|weight| < 2.5", "width": w}
        for least, w in WEIGHT_WIDTHS
    ]
    widths.append({"label": "no weight given", "width": UNWEIGHTED_WIDTH})
    return {
        "kinds": kind_rows,
        "polarities": polarity_rows,
        "statuses": status_rows,
        "widths": widths,
    }


# ---------------------------------------------------------------- layout and limits


def limit_network(network: nx.MultiDiGraph, max_nodes: int | None) -> nx.MultiDiGraph:
    """The ``max_nodes`` most connected actors and the ties among them (``network`` if it fits).

    Ties in degree are broken by label, then node id, so the choice is repeatable.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("a", "b"), ("c", "hub")])
    >>> sorted(limit_network(g, 3)), limit_network(g, None) is g
    (['a', 'b', 'hub'], True)
    """
    if max_nodes is None or network.number_of_nodes() <= max_nodes:
        return network
    if max_nodes < 0:
        raise ValueError(f"max_nodes must be 0 or more, not {max_nodes}")
    degree = dict(network.degree())
    ranked = sorted(
        network.nodes,
        key=lambda n: (-degree[n], str(network.nodes[n].get("label") or n), str(n)),
    )
    limited: nx.MultiDiGraph = network.subgraph(ranked[:max_nodes]).copy()
    return limited


def layout_positions(
    network: nx.Graph, seed: int = 0, spacing: float = _EDGE_SPACING
) -> dict[Hashable, tuple[float, float]]:
    """Repeatable 2-D positions in pixels: igraph Fruchterman-Reingold on the undirected graph.

    The same graph and ``seed`` give the same positions, whatever the order nodes were added
    in. Above 500 nodes igraph's grid variant runs (0.4 s for 5k nodes, 1.5 s for 20k, where
    networkx's ``spring_layout`` takes over a minute). Positions are scaled so that the median
    tie is ``spacing`` pixels long, or more where actors would otherwise get less than a
    90-pixel square each.

    >>> import networkx as nx
    >>> g = nx.path_graph(4)
    >>> layout_positions(g, seed=1) == layout_positions(nx.path_graph([3, 2, 1, 0]), seed=1)
    True
    >>> layout_positions(nx.empty_graph(1))
    {0: (0.0, 0.0)}
    """
    import igraph

    nodes = sorted(network.nodes, key=str)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in network.edges() if u != v})
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    # igraph draws its start positions from Python's random module unless given another
    # generator; a private one keeps the layout repeatable without touching global state.
    igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (not crypto)
    try:
        layout = graph.layout_fruchterman_reingold(grid=len(nodes) > _GRID_LAYOUT_ABOVE)
    finally:
        igraph.set_random_number_generator(random)
    coords = [(float(x), float(y)) for x, y in layout.coords]
    lengths = [math.dist(coords[a], coords[b]) for a, b in pairs]
    median = statistics.median(lengths) if lengths else 1.0
    scale = spacing / median if median > 0 else spacing
    # dense graphs (hubs with many short ties) also get room: at least room² pixels per actor
    width = max(x for x, _ in coords) - min(x for x, _ in coords)
    height = max(y for _, y in coords) - min(y for _, y in coords)
    if width > 0 and height > 0:
        scale = max(scale, math.sqrt(len(coords) * _ROOM_PER_NODE**2 / (width * height)))
    cx = statistics.fmean(x for x, _ in coords)
    cy = statistics.fmean(y for _, y in coords)
    return {
        node: (round((x - cx) * scale, 1) + 0.0, round((y - cy) * scale, 1) + 0.0)
        for node, (x, y) in zip(nodes, coords, strict=True)
    }


# ---------------------------------------------------------------- vis data


def _node_item(
    node: Hashable, data: Mapping[str, Any], degree: int, position: tuple[float, float]
) -> dict[str, Any]:
    label = str(data.get("label") or _local_name(node))
    kind = str(data.get("kind") or "actor")
    style = _kind_style(kind)
    names: list[str] = []
    for name in [label, *(data.get("names") or []), data.get("iso3"), data.get("cow")]:
        if name and str(name) not in names:
            names.append(str(name))
    rows: list[list[str]] = [["kind", kind]]
    aliases = [n for n in names if n != label]
    if aliases:
        rows.append(["also known as", " · ".join(aliases)])
    if data.get("wikidata"):
        rows.append(["Wikidata", _local_name(data["wikidata"])])
    rows.append(["ties in this map", f"{degree:,}"])
    return {
        "id": str(node),
        "label": label,
        "x": position[0],
        "y": position[1],
        "shape": style["shape"],
        "color": style["color"],
        "size": _node_size(degree),
        "kind": kind,
        "degree": degree,
        "info": {"names": names, "rows": rows},
    }


def _edge_item(
    edge_id: str, source: str, target: str, data: Mapping[str, Any], labels: Mapping[str, str]
) -> dict[str, Any]:
    status = data.get("status")
    status_style = _status_style(status)
    polarity = _polarity(data.get("polarity"))
    weight = _finite(data.get("weight"))
    confidence = _finite(data.get("confidence"))
    begin, end = _iso(data.get("begin")), _iso(data.get("end"))
    directed = data.get("directed", True) is not False
    tie_type = data.get("tie_type") or data.get("tie_type_label") or ""
    type_label = str(data.get("tie_type_label") or (_local_name(tie_type) if tie_type else "tie"))
    status_label = str(data.get("status_label") or status_style["label"])
    rows: list[list[str]] = [
        ["type", type_label],
        ["status", status_label],
        ["dates", _dates_text(begin, end)],
    ]
    quantity = _quantity_text(data.get("quantity"), data.get("quantity_max"), data.get("unit"))
    if quantity:
        rows.append(["quantity", quantity])
    rows.append(["polarity", POLARITY_STYLES[polarity]["label"]])
    if weight is not None:
        rows.append(["weight", _number_text(weight)])
    if confidence is not None:
        rows.append(["confidence", _number_text(confidence)])
    evidence = [
        {"quote": str(e.get("quote") or ""), "source": str(e.get("source") or "")}
        for e in data.get("evidence") or []
        if e.get("quote") or e.get("source")
    ]
    if not evidence and (data.get("quote") or data.get("source")):
        evidence = [
            {"quote": str(data.get("quote") or ""), "source": str(data.get("source") or "")}
        ]
    arrow = "→" if directed else "—"
    return {
        "id": edge_id,
        "from": source,
        "to": target,
        "color": POLARITY_STYLES[polarity]["color"],
        "dashes": status_style["dashes"],
        "width": _width(weight),
        "arrows": "to" if directed else "",
        "tie_type": str(tie_type),
        "tie_type_label": type_label,
        "status": str(status or _NO_STATUS),
        "status_label": status_label if status else "status not stated",
        "polarity": polarity,
        "begin": begin,
        "end": end,
        "info": {
            "heading": f"{labels[source]} {arrow} {labels[target]}",
            "rows": rows,
            "evidence": evidence,
        },
    }


def _bend_parallel_edges(edges: list[dict[str, Any]]) -> None:
    """Curve ties that share a pair of actors so that each stays visible and hoverable."""
    groups: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for edge in edges:
        groups[(min(edge["from"], edge["to"]), max(edge["from"], edge["to"]))].append(edge)
    for (low, _), group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda e: e["id"])
        for position, edge in enumerate(group):
            rank = position + (len(group) % 2 == 0)  # odd groups keep one straight edge
            if rank == 0:
                continue
            side = rank % 2 == 1  # alternate sides; flip for ties drawn the other way round
            clockwise = side == (edge["from"] == low)
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(0.18 * ((rank + 1) // 2), 2),
            }


def _vis_options(edge_count: int) -> dict[str, Any]:
    # Above _LARGE_MAP_EDGES each redraw takes long enough (0.3 s at 10k ties, 1.2 s at 40k,
    # software rendering) that hover highlights, which redraw whenever the pointer crosses a
    # tie, would freeze the page; such maps show details on click instead.
    large = edge_count > _LARGE_MAP_EDGES
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": not large,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#222222"},
            "scaling": {"label": {"drawThreshold": 6}},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.55}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
    }


def build_pyvis(
    network: nx.MultiDiGraph,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    seed: int = 0,
) -> Network:
    """A pyvis ``Network`` holding the map's vis nodes and edges (one edge per tie).

    Each item's ``info`` holds the text of its tooltip: rows of (name, value) and, for ties,
    a heading and the supporting sentences with their sources.

    ``net.nodes`` and ``net.edges`` are filled directly: pyvis 0.3.2's ``add_edge`` scans every
    node per call. Edge ids are the edge keys (tie IRIs) when they are unique strings. Render it
    with :func:`render_map`, not pyvis's own template, which loads Bootstrap from a CDN.
    """
    from pyvis.network import Network

    if positions is None:
        positions = layout_positions(network, seed=seed)
    degree = dict(network.degree())
    nodes = [
        _node_item(node, data, degree[node], positions.get(node, (0.0, 0.0)))
        for node, data in network.nodes(data=True)
    ]
    ids = [item["id"] for item in nodes]
    if len(set(ids)) != len(ids):
        raise ValueError("node ids must stay distinct as text (str(node))")
    labels = {item["id"]: item["label"] for item in nodes}
    edges: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source, target, key, data in network.edges(keys=True, data=True):
        edge_id = key if isinstance(key, str) and key not in seen else f"{source}|{target}|{key}"
        if edge_id in seen:
            raise ValueError(f"edge id {edge_id!r} is not unique")
        seen.add(edge_id)
        edges.append(_edge_item(edge_id, str(source), str(target), data, labels))
    _bend_parallel_edges(edges)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = nodes
    net.edges = edges
    net.node_ids = ids
    net.node_map = {item["id"]: item for item in nodes}
    net.options = _vis_options(len(edges))
    return net


# ---------------------------------------------------------------- the page


def _filter_rows(edges: list[dict[str, Any]], key: str, label: str) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for edge in edges:
        counts[edge[key]] += 1
        labels.setdefault(edge[key], edge[label])
    rows = [{"key": k, "label": labels[k], "count": n} for k, n in counts.items()]
    return sorted(rows, key=lambda r: (-r["count"], r["label"]))


def _shift_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28), kept within 1..9999.

    >>> _shift_years(date(2024, 2, 29), 1), _shift_years(date(1, 5, 1), -1)
    (datetime.date(2025, 2, 28), datetime.date(1, 5, 1))
    """
    year = min(max(day.year + years, 1), 9999)
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _date_range(edges: list[dict[str, Any]], as_of: str | None) -> dict[str, Any] | None:
    """The time control's span: every tie date (and ``as_of``), a year's margin either side.

    >>> _date_range([{"begin": "2001-01-01", "end": None}], None)
    {'min': '2000-01-01', 'max': '2002-01-01', 'initial': None, 'dated_ties': 1}
    """
    dated: set[str] = {d for e in edges for d in (e["begin"], e["end"]) if d}
    days = sorted(dated | {as_of} if as_of else dated)
    if not days:
        return None
    return {
        "min": _shift_years(date.fromisoformat(days[0]), -1).isoformat(),
        "max": _shift_years(date.fromisoformat(days[-1]), 1).isoformat(),
        "initial": as_of,
        "dated_ties": sum(1 for e in edges if e["begin"] or e["end"]),
    }


def _without_info(item: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key != "info"}


def _params_text(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in sorted(params.items())]


def _resource(package: str, path: str) -> str:
    return resources.files(package).joinpath(path).read_text(encoding="utf-8")


def render_map(
    network: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    seed: int = 0,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> RenderedMap:
    """Render ``network`` (from :func:`diplograph.network.build_network`) as one HTML page.

    Parameters
    ----------
    network
        Actors as nodes, ties as edges keyed by tie IRI; the graph attributes ``query``,
        ``params`` and ``as_of`` are shown in the page header.
    title
        The page title; by default "Relationship map: QUERY".
    max_nodes
        Show at most this many actors, the most connected ones (``None``: no limit). The
        page says when it was limited.
    seed
        Seed of the layout's random start, for :func:`layout_positions`.
    positions
        Positions in pixels to use instead of computing a layout (of the limited network).

    Returns
    -------
    RenderedMap
        The HTML text and the counts of actors and ties shown and in all.
    """
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    total_nodes, total_edges = network.number_of_nodes(), network.number_of_edges()
    shown = limit_network(network, max_nodes)
    net = build_pyvis(shown, positions=positions, seed=seed)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()

    query = str(network.graph.get("query") or "all ties")
    params = _params_text(network.graph.get("params") or {})
    as_of = _iso(network.graph.get("as_of"))
    page_title = title or f"Relationship map: {query}"
    params_line = ", ".join(f"{k}={v}" for k, v in params)
    meta = {
        "title": page_title,
        "query": query,
        "params": dict(params),
        "as_of": as_of,
        "nodes": len(nodes),
        "edges": len(edges),
        "total_nodes": total_nodes,
        "total_edges": total_edges,
        "limited": len(nodes) < total_nodes,
        "empty_message": (
            f"This map is empty: query {query}"
            + (f" ({params_line})" if params_line else "")
            + (f" as of {as_of}" if as_of else "")
            + " found no ties between actors."
        ),
    }
    # vis copies every field of an item into its own node and edge objects; the text for
    # tooltips, details and search travels beside the items instead (same order)
    payload = {
        "meta": meta,
        "nodes": [_without_info(item) for item in nodes],
        "edges": [_without_info(item) for item in edges],
        "node_info": [item["info"] for item in nodes],
        "edge_info": [item["info"] for item in edges],
        "options": json.loads(options),
        "filters": {
            "tie_types": _filter_rows(edges, "tie_type", "tie_type_label"),
            "statuses": _filter_rows(edges, "status", "status_label"),
        },
        "dates": _date_range(edges, as_of),
    }
    vis_js = _inline(_resource("pyvis", f"{_VIS_LIB}/vis-network.min.js"), "script")
    vis_css = _inline(_resource("pyvis", f"{_VIS_LIB}/vis-network.css"), "style")
    app_js = _inline(_resource("diplograph", "templates/map.js"), "script")
    app_css = _inline(_resource("diplograph", "templates/map.css"), "style")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    template = environment.from_string(_resource("diplograph", "templates/map.html"))
    html = template.render(
        title=page_title,
        query=query,
        params=params,
        as_of=as_of,
        meta=meta,
        legend=_legend(nodes, edges),
        hover=payload["options"]["interaction"]["hover"],
        hover_limit=_LARGE_MAP_EDGES,
        csp=csp,
        vis_js=Markup(vis_js),  # noqa: S704 (package file, closing tags broken up above)
        vis_css=Markup(vis_css),  # noqa: S704
        app_js=Markup(app_js),  # noqa: S704
        app_css=Markup(app_css),  # noqa: S704
        payload=Markup(safe_json(payload)),  # noqa: S704 (safe_json escapes < > &)
    )
    return RenderedMap(html, len(nodes), len(edges), total_nodes, total_edges)


def write_map(network: nx.MultiDiGraph, path: str | Path, **options: Any) -> RenderedMap:
    """Render ``network`` with :func:`render_map` (same keyword options); write it to ``path``."""
    page = render_map(network, **options)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.html, encoding="utf-8")
    return page
