"""networkx -> one self-contained, offline HTML relationship map (pyvis data, our template).

The page inlines vis-network 9.1.2 (its JS and CSS, read from the installed pyvis package) and
references no external URL at all. It draws one edge per pair of actors, direction and polarity
(:mod:`~diplograph.maps.pairs`), every tie behind them kept as compact columns
(:mod:`~diplograph.maps.ties`); actors are measured and grouped into communities
(:mod:`~diplograph.maps.measures`) and placed up front (:mod:`~diplograph.maps.layout`:
igraph, seeded, communities apart), so physics stays off and the map is usable at once. Styles
are data tables (:data:`NODE_KIND_STYLES`, :data:`POLARITY_STYLES`, :data:`STATUS_STYLES`,
:data:`WEIGHT_WIDTHS`, :data:`PAIR_WIDTHS`, and for what is known of a tie
:data:`UNKNOWN_TIME_STYLE`, :data:`UNSOURCED_STYLE`, :data:`EVENT_STYLE`); the page's legend is
drawn from the same tables. :mod:`~diplograph.maps.export` writes a map's view as PNG and SVG
through headless Chromium.

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

from diplograph.maps.items import MapItems, build_pyvis, map_items
from diplograph.maps.layout import DEFAULT_MAX_NODES, layout_positions, limit_network
from diplograph.maps.page import RenderedMap, render_map, safe_json, write_map
from diplograph.maps.styles import (
    EVENT_STYLE,
    NODE_KIND_STYLES,
    OTHER_KIND_STYLE,
    PAIR_WIDTHS,
    POLARITY_STYLES,
    SHAPE_GLYPHS,
    STATUS_STYLES,
    UNKNOWN_STATUS_STYLE,
    UNKNOWN_TIME_STYLE,
    UNSOURCED_STYLE,
    UNWEIGHTED_WIDTH,
    WEIGHT_WIDTHS,
)

__all__ = [
    "DEFAULT_MAX_NODES",
    "EVENT_STYLE",
    "NODE_KIND_STYLES",
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
    "MapItems",
    "RenderedMap",
    "build_pyvis",
    "layout_positions",
    "limit_network",
    "map_items",
    "render_map",
    "safe_json",
    "write_map",
]
