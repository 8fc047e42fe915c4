"""The undirected simple projection of the tie network, on which most measures are defined."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["simple_projection"]


def simple_projection(G: nx.Graph) -> nx.Graph:
    """The undirected simple graph of ``G``: an edge wherever any tie joins two actors.

    Nodes keep their attributes; each edge carries ``ties``, the sorted keys of the ties it
    stands for. Nodes and edges are inserted in sorted order, so that seeded algorithms give
    the same answer however ``G`` was built. Self-ties are left out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.

    Returns
    -------
    networkx.Graph

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("A", "B", "t1"), ("B", "A", "t2"), ("B", "C", "t3")])
    ['t1', 't2', 't3']
    >>> H = simple_projection(G)
    >>> H.number_of_edges(), H.edges["A", "B"]["ties"]
    (2, ['t1', 't2'])
    """
    import networkx as nx

    ties: dict[tuple[Any, Any], list[str]] = {}
    if G.is_multigraph():
        edges: Iterable[tuple[Any, Any, Any]] = G.edges(keys=True)
    else:
        edges = ((u, v, f"{u}-{v}") for u, v in G.edges())
    for u, v, key in edges:
        if u == v:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        ties.setdefault(pair, []).append(str(key))
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda item: str(item[0])))
    for (u, v), keys in sorted(ties.items(), key=lambda item: (str(item[0][0]), str(item[0][1]))):
        H.add_edge(u, v, ties=sorted(keys))
    return H
