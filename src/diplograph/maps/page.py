"""The map page: one offline HTML file, vis-network and our script inlined, sealed by a CSP."""

from __future__ import annotations

import html
import json
import math
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


#: a tail of dates lies apart from the timeline's bulk when a gap of more than this many days
#: (50 years) parts it from the rest and it holds at most :data:`_APART_SHARE` of the dates
_APART_GAP = 18_262
_APART_SHARE = 0.01


def _date_span(ties: Mapping[str, Any], as_of: str | None) -> dict[str, Any] | None:
    """The timeline's span: the first and last day any tie or event begins or ends, or is
    bounded by snapshots (and ``as_of``), as day numbers, and how many ties carry a date; and
    the span of their bulk (``from``, ``to``), which the timeline shows first, with the number
    of ties and events that have a date outside it (``apart``).

    A tail of dates is apart from the bulk when more than 50 years part it from the rest and it
    holds at most one date in a hundred: one Wikidata inception of 1300 among a million ties
    of 1815-2022 would otherwise stretch the timeline over seven centuries and squeeze the
    bulk into its last quarter. The whole span stays reachable (the page's "whole span").

    ``ties`` holds the columns of :func:`~diplograph.maps.ties.tie_columns` (days as numbers,
    NaN when unknown; ``bounds`` four a row).

    >>> nan = float("nan")
    >>> _date_span({"begin": [0, nan], "end": [nan, 365], "bounds": [[nan] * 4] * 2}, None)
    {'min': 0, 'max': 365, 'dated': 2, 'from': 0, 'to': 365, 'apart': 0}
    >>> _date_span({"begin": [nan], "end": [nan], "bounds": [[nan, 0, 700, nan]]}, None)
    {'min': 0, 'max': 700, 'dated': 1, 'from': 0, 'to': 700, 'apart': 0}
    >>> _date_span({"begin": [nan], "end": [nan], "bounds": [[nan] * 4]}, None) is None
    True
    >>> year = 365
    >>> begins = [-700 * year] + [k * year for k in range(200)]
    >>> none = [nan] * 201
    >>> span = _date_span({"begin": begins, "end": none, "bounds": [[nan] * 4] * 201}, None)
    >>> span["min"] == -700 * year, span["from"], span["to"] == 199 * year, span["apart"]
    (True, 0, True, 1)
    """
    import numpy as np

    begin = np.asarray(ties["begin"], dtype=np.float64)
    end = np.asarray(ties["end"], dtype=np.float64)
    bounds = np.asarray(ties["bounds"], dtype=np.float64).reshape(-1, 4)
    columns = np.column_stack((begin, end, bounds))
    days = columns.ravel()
    asked = day_number(as_of) if as_of else None
    if asked is not None:
        days = np.append(days, asked)
    days = np.sort(days[~np.isnan(days)])
    if not len(days):
        return None
    dated = ~np.isnan(begin) | ~np.isnan(end) | ~np.isnan(bounds).all(axis=1)
    first, last = _bulk(days)
    with np.errstate(invalid="ignore"):  # NaN compares False: an unknown day is never apart
        apart = ((columns < first) | (columns > last)).any(axis=1)
    return {
        "min": int(days[0]),
        "max": int(days[-1]),
        "dated": int(dated.sum()),
        "from": first,
        "to": last,
        "apart": int(apart.sum()),
    }


def _bulk(days: Any) -> tuple[int, int]:
    """The first and last of sorted ``days`` once the tails apart from the rest are left out
    (see :func:`_date_span`): at each end, the farthest gap of more than :data:`_APART_GAP`
    days with at most :data:`_APART_SHARE` of the days beyond it."""
    import numpy as np

    most = int(len(days) * _APART_SHARE)
    first, last = 0, len(days) - 1
    if most:
        wide = np.flatnonzero(np.diff(days) > _APART_GAP)  # a gap after days[i]
        low = wide[wide < most]  # at most `most` days before the gap
        high = wide[wide >= len(days) - 1 - most]  # at most `most` days after it
        if len(low):
            first = int(low[-1]) + 1
        if len(high):
            last = int(high[0])
    return int(days[first]), int(days[last])


#: the 64 characters numbers are written in (none of them needs escaping in JSON or HTML)
_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _varints(values: Any) -> str:
    """Whole numbers as one string, two to three characters each for the sizes a map holds:
    each number zigzagged (0, -1, 1, -2 ... to 0, 1, 2, 3 ...) then written five bits a
    character, low bits first, characters past the first 32 saying that more follow. The
    map's script reads them back (``readVarints``).

    >>> _varints([0, 1, -1, 31, 365, -20000])
    'ACB-B6W_hnB'
    """
    import numpy as np

    numbers = np.asarray(values, dtype=np.int64).reshape(-1)
    if not len(numbers):
        return ""
    zigzag = np.where(numbers >= 0, numbers * 2, -numbers * 2 - 1).astype(np.uint64)
    length = np.ones(len(zigzag), dtype=np.int64)
    rest = zigzag >> np.uint64(5)
    while rest.any():
        length += rest > 0
        rest >>= np.uint64(5)
    digits = np.frombuffer(_DIGITS.encode("ascii"), dtype=np.uint8)
    out = np.empty(int(length.sum()), dtype=np.uint8)
    at = np.cumsum(length) - length
    for k in range(int(length.max())):
        chosen = length > k
        digit = (zigzag[chosen] >> np.uint64(5 * k)) & np.uint64(31)
        more = (length[chosen] > k + 1).astype(np.uint64) * np.uint64(32)
        out[at[chosen] + k] = digits[(digit + more).astype(np.int64)]
    return out.tobytes().decode("ascii")


def _nullable_varints(values: Any) -> str:
    """Like :func:`_varints`, with ``None`` (or NaN): written as 0, a number as its zigzag
    plus one.

    >>> _nullable_varints([None, 0, -1])
    'ACE'
    """
    import numpy as np

    numbers = np.asarray(
        [math.nan if v is None else v for v in values]
        if not isinstance(values, np.ndarray)
        else values,
        dtype=np.float64,
    ).reshape(-1)
    known = ~np.isnan(numbers)
    whole = np.where(known, numbers, 0).astype(np.int64)
    zigzag = np.where(whole >= 0, whole * 2, -whole * 2 - 1) + 1
    return _varints(np.where(known, zigzag, 0))


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

    >>> nan = float("nan")
    >>> ties = {"type": [0, 0, 1], "status": [0, 0, 0], "style": [2, 2, 2], "flags": [0, 0, 0],
    ...     "begin": [15000, 15031, nan], "end": [15030, nan, 15400],
    ...     "bounds": [[nan] * 4, [nan] * 4, [nan, 9000, 10000, nan]]}
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
    import numpy as np

    begin = np.asarray(ties["begin"], dtype=np.float64)
    end = np.asarray(ties["end"], dtype=np.float64)
    bounds = np.asarray(ties["bounds"], dtype=np.float64).reshape(-1, 4)
    has_begin, has_end = ~np.isnan(begin), ~np.isnan(end)
    has_bounds = ~np.isnan(bounds).all(axis=1)
    flags = (
        np.asarray(ties["flags"], dtype=np.int64)
        | has_begin * _HAS_BEGIN
        | has_end * _HAS_END
        | has_bounds * _HAS_BOUNDS
    )
    columns = {**{c: np.asarray(ties[c], dtype=np.int64) for c in _SHARED_COLUMNS}, "flags": flags}
    if not sizes:
        empty = dict.fromkeys((*_SHARED_COLUMNS, "begin", "end", "bounds"), "")
        return empty, dict.fromkeys(_SHARED_COLUMNS, "")
    first = np.asarray(starts, dtype=np.int64)
    size = np.asarray(sizes, dtype=np.int64)
    packed: dict[str, Any] = {}
    shared: dict[str, Any] = {}
    for name in _SHARED_COLUMNS:
        least = np.minimum.reduceat(columns[name], first)
        same = least == np.maximum.reduceat(columns[name], first)
        shared[name] = np.where(same, least, -1)
        packed[name] = columns[name][np.repeat(~same, size)]
    pair = np.repeat(np.arange(len(size)), size)

    def new_pair(rows: np.ndarray) -> np.ndarray:
        return np.concatenate(([True], rows[1:] != rows[:-1])) if len(rows) else rows.astype(bool)

    # a begin: the days since the pair's previous begin (the first one: since 1970)
    days = begin[has_begin]
    previous = np.concatenate(([0.0], days[:-1])) if len(days) else days
    previous[new_pair(pair[has_begin])] = 0.0
    packed["begin"] = days - previous
    packed["end"] = (end - np.where(has_begin, begin, 0.0))[has_end]
    # snapshot bounds: the days since the latest begin of the pair's previous bounded tie
    rows, of = bounds[has_bounds], pair[has_bounds]
    latest = rows[:, 1]
    places = np.arange(len(rows))
    last = np.maximum.accumulate(np.where(np.isnan(latest), -1, places)) if len(rows) else places
    before = np.concatenate(([-1], last[:-1])) if len(rows) else places
    pair_start = np.maximum.accumulate(np.where(new_pair(of), places, 0)) if len(rows) else places
    reference = np.where(before >= pair_start, latest[np.maximum(before, 0)], 0.0)
    bounded = (rows - reference[:, None]).ravel()
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
    import numpy as np
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
    events_in_page = int(np.count_nonzero(items.ties["flags"] & TIE_FLAGS["event"]))
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
