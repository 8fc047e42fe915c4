"""Where actors go: the most connected actors when a network is too big, seeded igraph positions."""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable
from typing import TYPE_CHECKING

from diplograph.seeded import seeded_igraph

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["DEFAULT_MAX_NODES", "layout_positions", "limit_network"]

#: the most actors a map shows unless told otherwise: 20k draws in about 5 s in headless
#: Chromium with software rendering (see bench/maps.py); bigger networks keep the most connected
DEFAULT_MAX_NODES = 20_000
_EDGE_SPACING = 150.0  # median edge length of the drawn layout, in pixels
_ROOM_PER_NODE = 90.0  # side of the square each actor gets at least, in pixels
_GRID_LAYOUT_ABOVE = 500  # igraph's grid Fruchterman-Reingold above this many nodes


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
    >>> two = layout_positions(nx.path_graph(2))  # on a line: 180 pixels apart, not billions
    >>> round(abs(two[0][0] - two[1][0]) + abs(two[0][1] - two[1][1]))
    180
    """
    import igraph

    nodes = sorted(network.nodes, key=str)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[u], index[v]))) for u, v in network.edges() if u != v})
    graph = igraph.Graph(n=len(nodes), edges=pairs)
    with seeded_igraph(seed):  # the start positions are random: the same seed, the same layout
        layout = graph.layout_fruchterman_reingold(grid=len(nodes) > _GRID_LAYOUT_ABOVE)
    coords = [(float(x), float(y)) for x, y in layout.coords]
    lengths = [math.dist(coords[a], coords[b]) for a, b in pairs]
    median = statistics.median(lengths) if lengths else 1.0
    scale = spacing / median if median > 0 else spacing
    # dense graphs (hubs with many short ties) also get room: at least room² pixels per actor.
    # The area is at least the square of the long side shared among the actors: a layout on a
    # line (two actors, a chain) has almost no height, and dividing by it would blow the
    # positions up to billions of pixels, which the browser then shows as specks.
    width = max(x for x, _ in coords) - min(x for x, _ in coords)
    height = max(y for _, y in coords) - min(y for _, y in coords)
    area = max(width * height, max(width, height) ** 2 / len(coords))
    if area > 0:
        scale = max(scale, math.sqrt(len(coords) * _ROOM_PER_NODE**2 / area))
    cx = statistics.fmean(x for x, _ in coords)
    cy = statistics.fmean(y for _, y in coords)
    return {
        node: (round((x - cx) * scale, 1) + 0.0, round((y - cy) * scale, 1) + 0.0)
        for node, (x, y) in zip(nodes, coords, strict=True)
    }
