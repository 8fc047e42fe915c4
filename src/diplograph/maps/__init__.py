"""networkx -> one self-contained, offline HTML relationship map (pyvis data, our template).

The page inlines vis-network 9.1.2 (its JS and CSS, read from the installed pyvis package) and
references no external URL at all. Positions are computed here (igraph Fruchterman-Reingold with
a seeded random number generator), so physics stays off and the map is usable at once. Styles
are data tables (:data:`NODE_KIND_STYLES`, :data:`POLARITY_STYLES`, :data:`STATUS_STYLES`,
:data:`WEIGHT_WIDTHS`, and for what is known of a tie :data:`UNKNOWN_TIME_STYLE`,
:data:`UNSOURCED_STYLE`, :data:`EVENT_STYLE`); the page's legend is drawn from the same tables.

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

from diplograph.maps.items import build_pyvis
from diplograph.maps.layout import DEFAULT_MAX_NODES, layout_positions, limit_network
from diplograph.maps.page import RenderedMap, render_map, safe_json, write_map
from diplograph.maps.styles import (
    EVENT_STYLE,
    NODE_KIND_STYLES,
    OTHER_KIND_STYLE,
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
    "POLARITY_STYLES",
    "SHAPE_GLYPHS",
    "STATUS_STYLES",
    "UNKNOWN_STATUS_STYLE",
    "UNKNOWN_TIME_STYLE",
    "UNSOURCED_STYLE",
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
