"""The map page: one offline HTML file, vis-network and our script inlined, sealed by a CSP."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.maps._common import _LARGE_MAP_EDGES, _iso
from diplograph.maps.items import build_pyvis
from diplograph.maps.layout import DEFAULT_MAX_NODES, limit_network
from diplograph.maps.styles import UNKNOWN_TIME_STYLE, legend
from diplograph.network.temporal import BOUNDS, describe

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["RenderedMap", "render_map", "safe_json", "write_map"]

_VIS_LIB = "templates/lib/vis-9.1.2"


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


_DATE_FIELDS = ("begin", "end", *BOUNDS)


def _date_range(edges: list[dict[str, Any]], as_of: str | None) -> dict[str, Any] | None:
    """The time control's span: every tie date and actor existence bound (and ``as_of``), a
    year's margin either side.

    >>> _date_range([{"begin": "2001-01-01", "end": None}], None)
    {'min': '2000-01-01', 'max': '2002-01-01', 'initial': None, 'dated_ties': 1}
    """
    dated: set[str] = {d for e in edges for d in (e.get(f) for f in _DATE_FIELDS) if d}
    days = sorted(dated | {as_of} if as_of else dated)
    if not days:
        return None
    return {
        "min": _shift_years(date.fromisoformat(days[0]), -1).isoformat(),
        "max": _shift_years(date.fromisoformat(days[-1]), 1).isoformat(),
        "initial": as_of,
        "dated_ties": sum(
            1
            for e in edges
            if e["begin"] or e["end"] or e.get("latest_begin") or e.get("earliest_end")
        ),
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
        Actors as nodes, ties and events as edges keyed by IRI; the graph attributes ``query``,
        ``params`` and ``as_of`` are shown in the page header, with the counts of ties in
        force, of unknown time, unsourced and of events (``counts``; see
        :func:`diplograph.network.build_network`). Its ``undated`` mode is the one the time
        control applies.
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
    undated = str(network.graph.get("undated") or "show")
    summary = describe(network, shown={"unknown": "drawn faded", "unsourced": "drawn grey"})
    meta = {
        "title": page_title,
        "query": query,
        "params": dict(params),
        "as_of": as_of,
        "undated": undated,
        "summary": summary,
        "nodes": len(nodes),
        "edges": len(edges),
        "total_nodes": total_nodes,
        "total_edges": total_edges,
        "limited": len(nodes) < total_nodes,
        "empty_message": (
            f"This map is empty: query {query}"
            + (f" ({params_line})" if params_line else "")
            + (f" as of {as_of}" if as_of else "")
            + " found no ties between actors"
            + (f" ({'; '.join(summary)})." if _left_out(network) else ".")
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
        "styles": {"unknown": {"opacity": UNKNOWN_TIME_STYLE["opacity"]}},
    }
    vis_js = _inline(_resource("pyvis", f"{_VIS_LIB}/vis-network.min.js"), "script")
    vis_css = _inline(_resource("pyvis", f"{_VIS_LIB}/vis-network.css"), "style")
    app_js = _inline(_resource("diplograph.maps", "templates/map.js"), "script")
    app_css = _inline(_resource("diplograph.maps", "templates/map.css"), "style")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; "
        "base-uri 'none'; form-action 'none'"
    )
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    template = environment.from_string(_resource("diplograph.maps", "templates/map.html"))
    html = template.render(
        title=page_title,
        query=query,
        params=params,
        as_of=as_of,
        meta=meta,
        legend=legend(nodes, edges),
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
    from diplograph.output import write_output

    page = render_map(network, **options)
    write_output(Path(path), page.html)
    return page
