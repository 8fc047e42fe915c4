"""What a map measures of its actors: ties, partners, centrality (node size and label order, the
reader picks which) and communities (colour, layout, collapse)."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from diplograph.analysis.community import communities
from diplograph.seeded import seeded_igraph

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["MEASURES", "SIZE_RANGE", "map_communities", "measures", "pair_graph", "sizes"]

#: the measures a reader can size actors by: key -> what the legend says
MEASURES: dict[str, str] = {
    "ties": "number of ties and events",
    "partners": "number of partners",
    "centrality": "centrality (PageRank)",
}
#: node sizes run from the least to the most of the measure, growing with its square root
SIZE_RANGE = (7.0, 34.0)


def pair_graph(
    nodes: Sequence[Hashable],
    links: Mapping[tuple[Any, Any], int],
    strengths: Mapping[tuple[Any, Any], float] | None = None,
) -> nx.Graph:
    """The undirected simple graph of the drawn pairs: ``links`` maps an actor pair (either
    order) to its number of ties, summed both ways into the edge attribute ``ties``; likewise
    ``strengths`` (by default the same numbers) into ``strength``, which groups communities.

    >>> g = pair_graph(["a", "b"], {("a", "b"): 3, ("b", "a"): 1}, {("a", "b"): 0.5})
    >>> g.edges["a", "b"]
    {'ties': 4, 'strength': 0.5}
    """
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes, key=str))
    for (u, v), count in sorted(links.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        if u == v:
            continue
        strength = float(count) if strengths is None else float(strengths.get((u, v), 0.0))
        if graph.has_edge(u, v):
            graph.edges[u, v]["ties"] += count
            graph.edges[u, v]["strength"] += strength
        else:
            graph.add_edge(u, v, ties=count, strength=strength)
    return graph


def measures(graph: nx.Graph) -> dict[str, dict[Any, float]]:
    """Each actor's ties (and events), partners and PageRank in the pair graph.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", ties=3)
    >>> g.add_edge("b", "c", ties=1)
    >>> found = measures(g)
    >>> found["ties"], found["partners"]
    ({'a': 3.0, 'b': 4.0, 'c': 1.0}, {'a': 1.0, 'b': 2.0, 'c': 1.0})
    >>> max(found["centrality"], key=found["centrality"].get)
    'b'
    """
    import igraph

    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    links = [(index[u], index[v], count) for u, v, count in graph.edges(data="ties", default=1)]
    ig = igraph.Graph(n=len(nodes), edges=[(u, v) for u, v, _ in links])
    counts = [float(count) for _, _, count in links]
    # ARPACK's PageRank (its start vector seeded): the same ranks as PRPACK's to 1e-15, at a
    # tenth of its time on 20,000 actors
    with seeded_igraph(0):
        rank = ig.pagerank(directed=False, implementation="arpack") if nodes else []
    ties, partners = ig.strength(weights=counts), ig.degree()
    return {
        "ties": {node: float(ties[i]) for i, node in enumerate(nodes)},
        "partners": {node: float(partners[i]) for i, node in enumerate(nodes)},
        "centrality": {node: float(rank[i]) for i, node in enumerate(nodes)},
    }


def sizes(values: Mapping[Any, float]) -> dict[Any, float]:
    """Node sizes in :data:`SIZE_RANGE`, by the square root of each value over the largest.

    >>> sizes({"a": 0.0, "b": 25.0, "c": 100.0})
    {'a': 7.0, 'b': 20.5, 'c': 34.0}
    """
    top = max(values.values(), default=0.0)
    low, high = SIZE_RANGE
    if top <= 0:
        return dict.fromkeys(values, low)
    return {
        node: round(low + (high - low) * math.sqrt(max(value, 0.0) / top), 1)
        for node, value in values.items()
    }


def map_communities(network: nx.MultiDiGraph, graph: nx.Graph, seed: int = 0) -> dict[Any, int]:
    """Leiden communities of the pair graph (igraph's, on modularity, seeded; links weighted by
    their ``strength``: their number of ties, or their ties' mean weight in a weighted map),
    numbered from the largest: :func:`diplograph.analysis.community.communities`."""
    if graph.number_of_nodes() == 0:
        return {}
    return communities(network, seed, projection=graph, weight="strength", engine="leiden")
