"""Map styles as data tables (kind, polarity, status, weight, what is known of a tie) and the
legend drawn from them.

Each channel says one thing: the colour a tie's polarity, the dash pattern its status, the width
its weight. What is known of a tie changes one channel each, so the others still show: a tie of
unknown time on the map's date is drawn faded (lower opacity; its colour and dashes stay), an
unsourced tie grey (instead of its polarity's colour; the tooltip says "unsourced"), and an event
edge in a thin double dash (instead of a status pattern: an event is an act, not a lasting state).
The map's script applies the faded style as the time control moves, from the same table.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from diplograph.maps._common import _number_text
from diplograph.namespaces import TS

__all__ = [
    "COMMUNITY_COLORS",
    "EVENT_STYLE",
    "NODE_KIND_STYLES",
    "OTHER_COMMUNITY_COLOR",
    "OTHER_KIND_STYLE",
    "PAIR_WIDTHS",
    "POLARITY_STYLES",
    "SHAPE_GLYPHS",
    "STATUS_STYLES",
    "UNKNOWN_STATUS_STYLE",
    "UNKNOWN_TIME_STYLE",
    "UNSOURCED_STYLE",
    "UNWEIGHTED_WIDTH",
    "WEIGHT_WIDTHS",
    "community_color",
    "edge_width",
    "known_rows",
    "legend",
    "node_size",
    "pair_width",
    "style_of_kind",
    "style_of_status",
]

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
    "alliance": {"shape": "square", "color": "#9c755f"},
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

#: a tie of unknown time in the period shown (with ``undated="show"``): drawn at this opacity
UNKNOWN_TIME_STYLE: dict[str, Any] = {
    "label": "time unknown in the period shown: faded",
    "opacity": 0.35,
}
#: a tie (or event) that no statement supports: this colour instead of its polarity's
UNSOURCED_STYLE: dict[str, Any] = {
    "label": "unsourced: no statement supports it",
    "color": "#b3b3b3",
}
#: an event edge (an act joining two actors, not a lasting tie): its own dashes, thin
EVENT_STYLE: dict[str, Any] = {
    "label": "event: an act, not a lasting tie",
    "dashes": [7, 2, 7, 9],
    "width": 1.0,
}

#: (least absolute weight, edge width in pixels), heaviest first; weights run from -10 to 10
WEIGHT_WIDTHS: tuple[tuple[float, float], ...] = ((7.5, 5.0), (5.0, 3.5), (2.5, 2.0), (0.0, 1.0))
#: ties with no weight
UNWEIGHTED_WIDTH = 1.5
#: (least number of ties and events, width in pixels) of a pair's edge, strongest first
PAIR_WIDTHS: tuple[tuple[int, float], ...] = (
    (1000, 9.0),
    (100, 7.0),
    (20, 5.0),
    (5, 3.5),
    (2, 2.5),
    (1, 1.5),
)
#: colours of communities, largest first; communities past the table (and actors alone) grey
COMMUNITY_COLORS: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
    "#d37295",
    "#a0cbe8",
)
OTHER_COMMUNITY_COLOR = "#bab0ac"

#: an actor's size grows with the square root of its degree, so that a hub stands out without
#: covering its neighbours, up to a maximum
_NODE_SIZE = {"base": 9.0, "per_sqrt_degree": 3.0, "max": 36.0}


def style_of_kind(kind: Any) -> dict[str, str]:
    """Shape and colour for an actor kind, from :data:`NODE_KIND_STYLES`."""
    return NODE_KIND_STYLES.get(str(kind), OTHER_KIND_STYLE) if kind else OTHER_KIND_STYLE


def style_of_status(status: Any) -> dict[str, Any]:
    """Label and dashes for a tie status IRI, from :data:`STATUS_STYLES`."""
    return STATUS_STYLES.get(str(status), UNKNOWN_STATUS_STYLE) if status else UNKNOWN_STATUS_STYLE


def edge_width(weight: float | None) -> float:
    """Edge width for a tie weight, from :data:`WEIGHT_WIDTHS`.

    >>> edge_width(6.0), edge_width(-9), edge_width(0.5), edge_width(None)
    (3.5, 5.0, 1.0, 1.5)
    """
    if weight is None:
        return UNWEIGHTED_WIDTH
    for least, width in WEIGHT_WIDTHS:
        if abs(weight) >= least:
            return width
    return WEIGHT_WIDTHS[-1][1]


def pair_width(count: int) -> float:
    """Edge width of a pair of ``count`` ties and events, from :data:`PAIR_WIDTHS`.

    >>> pair_width(1), pair_width(3), pair_width(250), pair_width(20_967)
    (1.5, 2.5, 7.0, 9.0)
    """
    for least, width in PAIR_WIDTHS:
        if count >= least:
            return width
    return PAIR_WIDTHS[-1][1]


def community_color(number: int, size: int) -> str:
    """The colour of community ``number`` (0 the largest) of ``size`` actors.

    >>> community_color(0, 40), community_color(3, 1), community_color(99, 5)
    ('#4e79a7', '#bab0ac', '#bab0ac')
    """
    if size < 2 or number >= len(COMMUNITY_COLORS):
        return OTHER_COMMUNITY_COLOR
    return COMMUNITY_COLORS[number]


def node_size(degree: int) -> float:
    """Node size for an actor with ``degree`` ties: grows with its square root, up to a cap."""
    size = _NODE_SIZE["base"] + _NODE_SIZE["per_sqrt_degree"] * math.sqrt(degree)
    return round(min(size, _NODE_SIZE["max"]), 1)


def _dash_text(dashes: Any) -> str:
    return " ".join(str(d) for d in dashes) if dashes else ""


def legend(
    nodes: list[dict[str, Any]], pairs: list[dict[str, Any]], ties: dict[str, Any]
) -> dict[str, Any]:
    """The legend rows: actor kinds, pair colours (polarity), line patterns (status; a pair
    shows one when all its ties share it), widths of pairs and of single ties, and what is
    known of the ties, each with its count.

    ``pairs`` are vis pair items; ``ties`` the page's tie columns (``types``, ``statuses``,
    ``flags``; see :func:`diplograph.maps.ties.tie_columns`).
    """
    kinds = Counter(n["kind"] for n in nodes)
    order = {kind: index for index, kind in enumerate(NODE_KIND_STYLES)}
    kind_rows = [
        {
            "label": kind,
            "count": count,
            "glyph": SHAPE_GLYPHS.get(style_of_kind(kind)["shape"], "●"),
            "color": style_of_kind(kind)["color"],
        }
        for kind, count in sorted(kinds.items(), key=lambda kc: (order.get(kc[0], 99), kc[0]))
    ]
    polarities = Counter(p["polarity"] for p in pairs)
    polarity_rows = [
        {"label": style["label"], "color": style["color"], "count": polarities[value]}
        for value, style in POLARITY_STYLES.items()
        if polarities[value]
    ]
    statuses: dict[str, dict[str, Any]] = {}
    for row in ties["statuses"]:
        style = style_of_status(row["key"] or None)
        entry = statuses.setdefault(
            _dash_text(style["dashes"]) + "|" + style["label"],
            {"label": style["label"], "dasharray": _dash_text(style["dashes"]), "count": 0},
        )
        entry["count"] += row["count"]
    status_order = [s["label"] for s in STATUS_STYLES.values()]
    status_rows = sorted(
        statuses.values(),
        key=lambda r: status_order.index(r["label"]) if r["label"] in status_order else 99,
    )
    pair_widths = [
        {"label": f"{least:,}+ ties and events" if least > 1 else "1", "width": width}
        for least, width in reversed(PAIR_WIDTHS)
    ]
    widths = [
        {"label": f"|weight| ≥ {_number_text(least)}" if least else "|weight| < 2.5", "width": w}
        for least, w in WEIGHT_WIDTHS
    ]
    widths.append({"label": "no weight given", "width": UNWEIGHTED_WIDTH})
    return {
        "kinds": kind_rows,
        "polarities": polarity_rows,
        "statuses": status_rows,
        "pair_widths": pair_widths,
        "widths": widths,
        "known": known_rows(ties),
    }


def known_rows(ties: dict[str, Any]) -> list[dict[str, Any]]:
    """Legend rows for what is known of the ties: of unknown time in the period shown (always,
    as the timeline can make some so; the page counts them), unsourced and events (when there
    are any), each with its count of ties."""
    flags = ties["flags"]
    unsourced = sum(1 for f in flags if f & 4)
    events = sum(1 for f in flags if f & 1)
    rows = [
        {
            "key": "unknown",
            "label": UNKNOWN_TIME_STYLE["label"],
            "count": 0,
            "color": "#444444",
            "opacity": UNKNOWN_TIME_STYLE["opacity"],
            "dasharray": "",
            "width": 3.0,
        }
    ]
    if unsourced:
        rows.append(
            {
                "key": "unsourced",
                "label": UNSOURCED_STYLE["label"],
                "count": unsourced,
                "color": UNSOURCED_STYLE["color"],
                "opacity": 1,
                "dasharray": "",
                "width": 3.0,
            }
        )
    if events:
        rows.append(
            {
                "key": "event",
                "label": EVENT_STYLE["label"],
                "count": events,
                "color": "#444444",
                "opacity": 1,
                "dasharray": _dash_text(EVENT_STYLE["dashes"]),
                "width": EVENT_STYLE["width"],
            }
        )
    return rows
