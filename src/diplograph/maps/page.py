"""The map page: one offline HTML file, vis-network and our script inlined, sealed by a CSP."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.digest import sha256_base64
from diplograph.maps._common import _LARGE_MAP_EDGES, _iso
from diplograph.maps.items import MapItems, map_items, vis_options
from diplograph.maps.layout import DEFAULT_MAX_NODES, limit_network
from diplograph.maps.measures import MEASURES
from diplograph.maps.styles import (
    OTHER_COMMUNITY_COLOR,
    PAIR_WIDTHS,
    POLARITY_STYLES,
    UNKNOWN_TIME_STYLE,
    legend,
)
from diplograph.maps.ties import TIE_FLAGS, day_number
from diplograph.network.temporal import describe
from diplograph.output import write_output

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ALL_TIES_LIMIT", "RenderedMap", "render_map", "safe_json", "write_map"]

_VIS_LIB = "templates/lib/vis-9.1.2"
#: above this many ties and events, the switch that draws every tie is off: vis-network takes
#: about a second per 10,000 edges to redraw with software rendering (bench/README.md)
ALL_TIES_LIMIT = 20_000


@dataclass(frozen=True)
class RenderedMap:
    """A rendered page and what it shows: ``nodes`` actors of ``total_nodes``, ``edges`` ties
    and event edges (in ``pairs`` pairs) of ``total_edges``."""

    html: str
    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    pairs: int = 0
    cut_pairs: int = 0
    cut_edges: int = 0

    def _repr_html_(self) -> str:
        """The map inline in a notebook: the whole page in a sandboxed ``iframe``'s srcdoc."""

        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts '
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


@dataclass(frozen=True)
class _Assets:
    """What every page inlines (vis-network, our script, their styles) and the page's CSP, which
    allows those two scripts by their hashes and nothing else."""

    vis_js: str
    vis_css: str
    app_js: str
    app_css: str
    csp: str


@cache
def _assets() -> _Assets:
    """The package's scripts and styles, read and hashed once a process (they never change)."""
    vis_js = _inline(_resource("pyvis", f"{_VIS_LIB}/vis-network.min.js"), "script")
    app_js = _inline(_script(), "script")
    allowed = " ".join(f"'sha256-{sha256_base64(script)}'" for script in (vis_js, app_js))
    return _Assets(
        vis_js=vis_js,
        vis_css=_inline(_resource("pyvis", f"{_VIS_LIB}/vis-network.css"), "style"),
        app_js=app_js,
        app_css=_inline(_resource("diplograph.maps", "templates/map.css"), "style"),
        csp=(
            f"default-src 'none'; script-src {allowed}; style-src 'unsafe-inline'; "
            "img-src data: blob:; base-uri 'none'; form-action 'none'"
        ),
    )


def _date_span(ties: Mapping[str, Any], as_of: str | None) -> dict[str, Any] | None:
    """The timeline's span: the first and last day any tie or event begins or ends, or is
    bounded by snapshots (and ``as_of``), as day numbers, and how many ties carry a date.

    >>> _date_span({"begin": [0, None], "end": [None, 365], "bounds": [None, None]}, None)
    {'min': 0, 'max': 365, 'dated': 2}
    >>> _date_span({"begin": [None], "end": [None], "bounds": [[None, 0, 700, None]]}, None)
    {'min': 0, 'max': 700, 'dated': 1}
    >>> _date_span({"begin": [None], "end": [None], "bounds": [None]}, None) is None
    True
    """
    days = [d for column in ("begin", "end") for d in ties[column] if d is not None]
    days += [d for bounds in ties["bounds"] if bounds for d in bounds if d is not None]
    if as_of:
        days.append(day_number(as_of))
    if not days:
        return None
    dated = sum(
        1
        for b, e, bounds in zip(ties["begin"], ties["end"], ties["bounds"], strict=True)
        if b is not None or e is not None or bounds
    )
    return {"min": min(days), "max": max(days), "dated": dated}


#: the 64 characters numbers are written in (none of them needs escaping in JSON or HTML)
_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _varints(values: list[int]) -> str:
    """Whole numbers as one string, two to three characters each for the sizes a map holds:
    each number zigzagged (0, -1, 1, -2 ... to 0, 1, 2, 3 ...) then written five bits a
    character, low bits first, characters past the first 32 saying that more follow. The
    map's script reads them back (``readVarints``).

    >>> _varints([0, 1, -1, 31, 365, -20000])
    'ACB-B6W_hnB'
    """
    out = []
    for value in values:
        number = value * 2 if value >= 0 else -value * 2 - 1
        while number >= 32:
            out.append(_DIGITS[32 + (number & 31)])
            number >>= 5
        out.append(_DIGITS[number])
    return "".join(out)


def _nullable_varints(values: list[int | None]) -> str:
    """Like :func:`_varints`, with ``None``: written as 0, a number as its zigzag plus one.

    >>> _nullable_varints([None, 0, -1])
    'ACE'
    """
    return _varints([0 if v is None else (v * 2 if v >= 0 else -v * 2 - 1) + 1 for v in values])


#: the per-tie columns a pair may hold once for all its ties, when they share the value
_SHARED_COLUMNS = ("type", "status", "style", "flags")
#: bits added to a tie's flags in the page: whether it has a begin, an end, snapshot bounds
_HAS_BEGIN, _HAS_END, _HAS_BOUNDS = 8, 16, 32


def _packed_ties(
    ties: Mapping[str, Any], starts: list[int], sizes: list[int]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The tie columns as the page carries them, and the columns each pair holds for its ties.

    A series of ties between two actors (one per session, month or snapshot) mostly shares its
    type, status, style and flags, and its dates follow each other: so a pair holds those four
    once when all its ties share them (``-1`` when they differ, and then each tie has its own
    in the column), a begin is written as the days since the pair's previous begin, an end as
    the days since the tie's own begin (or since 1970 without one), and ties without a begin
    or an end have no entry there (``flags`` say which have them: bits 8 and 16). A tie with
    snapshot bounds (bit 32) has four entries in ``bounds``, each the days since the pair's
    previous latest begin, as :func:`_nullable_varints`. Each other column is a string of
    :func:`_varints`.

    >>> ties = {"type": [0, 0, 1], "status": [0, 0, 0], "style": [2, 2, 2], "flags": [0, 0, 0],
    ...     "begin": [15000, 15031, None], "end": [15030, None, 15400],
    ...     "bounds": [None, None, [None, 9000, 10000, None]]}
    >>> packed, shared = _packed_ties(ties, [0], [3])
    >>> [packed[name] for name in ("type", "status", "flags", "begin", "end")] == [
    ...     _varints(values) for values in ([0, 0, 1], [], [24, 8, 48], [15000, 31], [30, 15400])]
    True
    >>> packed["bounds"] == _nullable_varints([None, 9000, 10000, None])
    True
    >>> shared == {name: _varints(values) for name, values in
    ...     {"type": [-1], "status": [0], "style": [2], "flags": [-1]}.items()}
    True
    """
    flags = [
        f
        | (_HAS_BEGIN if b is not None else 0)
        | (_HAS_END if e is not None else 0)
        | (_HAS_BOUNDS if bounds else 0)
        for f, b, e, bounds in zip(
            ties["flags"], ties["begin"], ties["end"], ties["bounds"], strict=True
        )
    ]
    columns = {**{c: ties[c] for c in _SHARED_COLUMNS}, "flags": flags}
    packed: dict[str, Any] = {c: [] for c in _SHARED_COLUMNS}
    shared: dict[str, list[int]] = {c: [] for c in _SHARED_COLUMNS}
    begins: list[int] = []
    ends: list[int] = []
    bounded: list[int | None] = []
    for first, size in zip(starts, sizes, strict=True):
        for name in _SHARED_COLUMNS:
            values = columns[name][first : first + size]
            if len(set(values)) == 1:
                shared[name].append(values[0])
            else:
                shared[name].append(-1)
                packed[name].extend(values)
        previous = 0
        for begin, end in zip(
            ties["begin"][first : first + size], ties["end"][first : first + size], strict=True
        ):
            if begin is not None:
                begins.append(begin - previous)
                previous = begin
            if end is not None:
                ends.append(end - (begin if begin is not None else 0))
        reference = 0
        for bounds in ties["bounds"][first : first + size]:
            if bounds:
                bounded.extend(None if d is None else d - reference for d in bounds)
                reference = bounds[1] if bounds[1] is not None else reference
    packed["begin"], packed["end"] = begins, ends
    return (
        {
            **{name: _varints(values) for name, values in packed.items()},
            "bounds": _nullable_varints(bounded),
        },
        {name: _varints(values) for name, values in shared.items()},
    )


def _pair_columns(items: MapItems) -> dict[str, Any]:
    """The pairs as the page carries them: columns of node indices, counts and styles."""
    index = {node["id"]: i for i, node in enumerate(items.nodes)}
    styles: dict[tuple[Any, ...], int] = {}
    style_rows: list[dict[str, Any]] = []
    columns: dict[str, list[Any]] = {
        key: []
        for key in (
            "from",
            "to",
            "directed",
            "polarity",
            "style",
            "ties",
            "events",
            "exists_from",
            "exists_until",
            "weight",
            "strongest",
        )
    }
    for pair in items.pairs:
        dashes = pair["dashes"]
        key = (pair["color"], tuple(dashes) if dashes else (), pair["width"])
        if key not in styles:
            styles[key] = len(style_rows)
            style_rows.append({"color": pair["color"], "dashes": dashes, "width": pair["width"]})
        columns["from"].append(index[pair["from"]])
        columns["to"].append(index[pair["to"]])
        columns["directed"].append(1 if pair["arrows"] else 0)
        columns["polarity"].append(pair["polarity"])
        columns["style"].append(styles[key])
        columns["ties"].append(pair["ties"])
        columns["events"].append(pair["events"])
        columns["exists_from"].append(pair["exists_from"])
        columns["exists_until"].append(pair["exists_until"])
        weight = pair.get("weight")
        columns["weight"].append(None if weight is None else round(weight * 1000))
        columns["strongest"].append(1 if pair.get("strongest") else 0)
    nullable = ("exists_from", "exists_until", "weight")  # weight: in thousandths
    return {
        **{name: _varints(values) for name, values in columns.items() if name not in nullable},
        **{name: _nullable_varints(columns[name]) for name in nullable},
        "styles": style_rows,
        "top_counts": _varints([len(top) for top in items.pair_top]),
        "top": _varints([k for top in items.pair_top for k in top]),
    }


def _left_out(network: nx.MultiDiGraph) -> bool:
    """Whether the network left ties out by choice (undated or unsourced "exclude")."""
    counts = network.graph.get("counts") or {}
    return any(n for name, n in counts.items() if name.endswith("_excluded"))


def _without_info(item: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key != "info"}


def _params_text(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(str(k), str(v)) for k, v in sorted(params.items())]


def _resource(package: str, path: str) -> str:
    return resources.files(package).joinpath(path).read_text(encoding="utf-8")


def _period_asked(params: Mapping[str, Any], as_of: str | None) -> str | None:
    """The period the query asked for, in words: its ``from``/``to`` parameters, or the day.

    >>> _period_asked({"from": "2011-06-01", "to": "2012-11-30"}, None)
    '2011-06-01 to 2012-11-30'
    >>> _period_asked({"from": "2011-06-01"}, None), _period_asked({}, "1990-01-01")
    ('from 2011-06-01', 'as of 1990-01-01')
    """
    first, last = _iso(params.get("from")), _iso(params.get("to"))
    if first and last:
        return f"{first} to {last}"
    if first:
        return f"from {first}"
    if last:
        return f"until {last}"
    return f"as of {as_of}" if as_of else None


def render_map(
    network: nx.MultiDiGraph,
    *,
    title: str | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    seed: int = 0,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> RenderedMap:
    """Render ``network`` (from :func:`diplograph.network.build_network`) as one HTML page.

    The map draws one edge per pair of actors (and direction, and polarity) until a pair is
    opened or every tie is asked for; see :mod:`diplograph.maps.pairs` for what a big network
    keeps within the page's room.

    Parameters
    ----------
    network
        Actors as nodes, ties and events as edges keyed by IRI; the graph attributes ``query``,
        ``params`` and ``as_of`` are shown in the page header, with the counts of ties in
        force, of unknown time, unsourced and of events (``counts``; see
        :func:`diplograph.network.build_network`). Its ``undated`` mode is the one the
        timeline applies.
    title
        The page title; by default "Relationship map: QUERY".
    max_nodes
        Show at most this many actors, the most connected ones (``None``: no limit). The
        page says when it was limited.
    seed
        Seed of the layout's random start and of the communities.
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
    items = map_items(shown, positions=positions, seed=seed)
    options = vis_options(len(items.pairs))

    query = str(network.graph.get("query") or "all ties")
    raw_params = network.graph.get("params") or {}
    params = _params_text(raw_params)
    as_of = _iso(network.graph.get("as_of"))
    page_title = title or f"Relationship map: {query}"
    params_line = ", ".join(f"{k}={v}" for k, v in params)
    undated = str(network.graph.get("undated") or "show")
    summary = describe(network, shown={"unknown": "drawn faded", "unsourced": "drawn grey"})
    ties_in_page = len(items.ties["flags"])
    packed, shared = _packed_ties(items.ties, items.pair_start, items.pair_ties)
    events_in_page = sum(1 for f in items.ties["flags"] if f & TIE_FLAGS["event"])
    meta = {
        "title": page_title,
        "query": query,
        "params": dict(params),
        "as_of": as_of,
        "period_asked": _period_asked(raw_params, as_of),
        "undated": undated,
        "summary": summary,
        "nodes": len(items.nodes),
        "pairs": len(items.pairs),
        "edges": ties_in_page,
        "events": events_in_page,
        "total_nodes": total_nodes,
        "total_edges": total_edges,
        "limited": len(items.nodes) < total_nodes,
        "cut": items.cut,
        "strength": items.strength,
        "kept_strongest": items.kept_strongest,
        "first_pairs": sum(
            1 for pair in items.pairs if pair["strength"] >= items.strength or pair["strongest"]
        ),
        "top_strength": max((pair["strength"] for pair in items.pairs), default=0),
        "sources": items.sources,
        "measures": MEASURES,
        "all_ties_limit": ALL_TIES_LIMIT,
        "empty_message": (
            f"This map is empty: query {query}"
            + (f" ({params_line})" if params_line else "")
            + (f" as of {as_of}" if as_of else "")
            + " found no ties between actors"
            + (f" ({'; '.join(summary)})." if _left_out(network) else ".")
        ),
    }
    # vis copies every field of an item into its own node objects; the text for details and
    # search travels beside the items instead (same order)
    flags: dict[str, int] = {
        **TIE_FLAGS,
        "has_begin": _HAS_BEGIN,
        "has_end": _HAS_END,
        "has_bounds": _HAS_BOUNDS,
    }
    payload = {
        "meta": meta,
        "nodes": items.nodes,
        "node_info": items.node_info,
        "pairs": {**_pair_columns(items), "shared": shared},
        "ties": {
            **items.ties,
            **packed,
            "detail_at": _varints(
                [
                    b - a
                    for a, b in zip(
                        [0, *items.ties["detail_at"]], items.ties["detail_at"], strict=False
                    )
                ]
            ),
        },
        "communities": items.communities,
        "options": options,
        "dates": _date_span(items.ties, as_of),
        "styles": {
            "unknown": {"opacity": UNKNOWN_TIME_STYLE["opacity"]},
            "polarities": {str(k): v for k, v in POLARITY_STYLES.items()},
            "other_community": OTHER_COMMUNITY_COLOR,
            "flags": flags,
            "pair_widths": PAIR_WIDTHS,
        },
    }
    assets = _assets()
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    template = environment.from_string(_resource("diplograph.maps", "templates/map.html"))
    html = template.render(
        title=page_title,
        query=query,
        params=params,
        as_of=as_of,
        meta=meta,
        legend=legend(items.nodes, items.pairs, items.ties),
        measures=MEASURES,
        communities=[row for row in items.communities if row["size"] > 1][:12],
        hover=options["interaction"]["hover"],
        hover_limit=_LARGE_MAP_EDGES,
        csp=assets.csp,
        vis_js=Markup(assets.vis_js),  # noqa: S704 (package file, closing tags broken up: _inline)
        vis_css=Markup(assets.vis_css),  # noqa: S704
        app_js=Markup(assets.app_js),  # noqa: S704
        app_css=Markup(assets.app_css),  # noqa: S704
        payload=Markup(safe_json(payload)),  # noqa: S704 (safe_json escapes < > &)
    )
    return RenderedMap(
        html,
        len(items.nodes),
        ties_in_page,
        total_nodes,
        total_edges,
        pairs=len(items.pairs),
        cut_pairs=items.cut.get("pairs", 0),
        cut_edges=items.cut.get("ties", 0),
    )


#: the map's script, in this order, one scope (``templates/js/``): one file per topic
_SCRIPTS = (
    "core.js",
    "time.js",
    "view.js",
    "labels.js",
    "focus.js",
    "communities.js",
    "timeline.js",
    "export.js",
    "start.js",
)


def _script() -> str:
    parts = [_resource("diplograph.maps", f"templates/js/{name}") for name in _SCRIPTS]
    return '(function () {\n"use strict";\n' + "\n".join(parts) + "\n})();\n"


def write_map(network: nx.MultiDiGraph, path: str | Path, **options: Any) -> RenderedMap:
    """Render ``network`` with :func:`render_map` (same keyword options); write it to ``path``."""

    page = render_map(network, **options)
    write_output(Path(path), page.html)
    return page
