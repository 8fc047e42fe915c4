"""The vis-network data of a map: node and edge items, parallel ties bent apart, vis options."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

from diplograph.iri import local_name
from diplograph.maps._common import (
    _LARGE_MAP_EDGES,
    _dates_text,
    _finite,
    _iso,
    _number_text,
    _quantity_text,
)
from diplograph.maps.layout import layout_positions
from diplograph.maps.styles import (
    EVENT_STYLE,
    POLARITY_STYLES,
    UNKNOWN_TIME_STYLE,
    UNSOURCED_STYLE,
    edge_width,
    node_size,
    style_of_kind,
    style_of_status,
)
from diplograph.network.temporal import ENDED, edge_in_force

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

__all__ = ["build_pyvis"]

_NO_STATUS = ""  # filter key of ties with no status


def _polarity(value: Any) -> int:
    number = _finite(value)
    return 0 if number is None else (number > 0) - (number < 0)


def _node_item(
    node: Hashable, data: Mapping[str, Any], degree: int, position: tuple[float, float]
) -> dict[str, Any]:
    label = str(data.get("label") or local_name(str(node)))
    kind = str(data.get("kind") or "actor")
    style = style_of_kind(kind)
    names: list[str] = []
    for name in [label, *(data.get("names") or []), data.get("iso3"), data.get("cow")]:
        if name and str(name) not in names:
            names.append(str(name))
    rows: list[list[str]] = [["kind", kind]]
    aliases = [n for n in names if n != label]
    if aliases:
        rows.append(["also known as", " · ".join(aliases)])
    if data.get("wikidata"):
        rows.append(["Wikidata", local_name(data["wikidata"])])
    rows.append(["ties in this map", f"{degree:,}"])
    return {
        "id": str(node),
        "label": label,
        "x": position[0],
        "y": position[1],
        "shape": style["shape"],
        "color": style["color"],
        "size": node_size(degree),
        "kind": kind,
        "degree": degree,
        "info": {"names": names, "rows": rows},
    }


def _faded_color(color: str) -> dict[str, Any]:
    """A vis edge colour in the style of ties of unknown time (map.js: ``edgeColor``)."""
    return {
        "color": color,
        "highlight": color,
        "hover": color,
        "inherit": False,
        "opacity": UNKNOWN_TIME_STYLE["opacity"],
    }


def _edge_item(
    edge_id: str,
    source: str,
    target: str,
    data: Mapping[str, Any],
    labels: Mapping[str, str],
    as_of: str | None = None,
    undated: str = "show",
) -> dict[str, Any]:
    status = data.get("status")
    status_style = style_of_status(status)
    polarity = _polarity(data.get("polarity"))
    weight = _finite(data.get("weight"))
    confidence = _finite(data.get("confidence"))
    begin, end = _iso(data.get("begin")), _iso(data.get("end"))
    directed = data.get("directed", True) is not False
    tie_type = data.get("tie_type") or data.get("tie_type_label") or ""
    type_label = str(data.get("tie_type_label") or (local_name(tie_type) if tie_type else "tie"))
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
    event = data.get("kind") == "event"
    sourced = data.get("sourced") is not False
    if not sourced:
        rows.append(["evidence", "none: " + UNSOURCED_STYLE["label"]])
    arrow = "→" if directed else "—"
    color = UNSOURCED_STYLE["color"] if not sourced else POLARITY_STYLES[polarity]["color"]
    state = None
    if as_of is not None:
        state = data["in_force"] if "in_force" in data else edge_in_force(as_of, data)
    faded = as_of is not None and state is None and undated == "show"
    return {
        "id": edge_id,
        "from": source,
        "to": target,
        "color": _faded_color(color) if faded else color,
        "dashes": EVENT_STYLE["dashes"] if event else status_style["dashes"],
        "width": EVENT_STYLE["width"] if event else edge_width(weight),
        "arrows": "to" if directed else "",
        "tie_type": str(tie_type),
        "tie_type_label": type_label,
        "status": str(status or _NO_STATUS),
        "status_label": status_label if status else "status not stated",
        "polarity": polarity,
        "kind": "event" if event else "tie",
        "sourced": sourced,
        # what the map's time control needs to apply the as-of rule (map.js: inForceOn)
        "begin": begin,
        "end": end,
        "ended": str(status) == ENDED,
        "exists_from": _iso(data.get("exists_from")),
        "exists_until": _iso(data.get("exists_until")),
        "earliest_begin": _iso(data.get("earliest_begin")),
        "latest_begin": _iso(data.get("latest_begin")),
        "earliest_end": _iso(data.get("earliest_end")),
        "latest_end": _iso(data.get("latest_end")),
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
    a heading and the supporting sentences with their sources. With the graph attribute
    ``as_of``, ties of unknown time on that day are drawn faded (unless its ``undated`` is
    ``"include"``); unsourced ties are grey and event edges (``kind="event"``) double-dashed.

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
    as_of = _iso(network.graph.get("as_of"))
    undated = str(network.graph.get("undated") or "show")
    edges: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source, target, key, data in network.edges(keys=True, data=True):
        edge_id = key if isinstance(key, str) and key not in seen else f"{source}|{target}|{key}"
        if edge_id in seen:
            raise ValueError(f"edge id {edge_id!r} is not unique")
        seen.add(edge_id)
        edges.append(_edge_item(edge_id, str(source), str(target), data, labels, as_of, undated))
    _bend_parallel_edges(edges)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = nodes
    net.edges = edges
    net.node_ids = ids
    net.node_map = {item["id"]: item for item in nodes}
    net.options = _vis_options(len(edges))
    return net
