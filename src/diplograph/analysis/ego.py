"""Ego networks: the actors within k ties of one actor and every tie among them."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from diplograph.analysis._common import _check_node, _neighbours

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ego_network"]


def ego_network(G: nx.MultiDiGraph, actor: Hashable, k: int = 1) -> nx.MultiDiGraph:
    """The actors within ``k`` ties of ``actor`` (in either direction) and every tie among them.

    Like :func:`networkx.ego_graph` with ``undirected=True``, without copying ``G`` to an
    undirected graph; parallel ties stay apart.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.
    actor : node
        The centre; an IRI given as ``rdflib.URIRef`` is looked up as a string.
    k : int
        The radius, in ties.

    Returns
    -------
    networkx.MultiDiGraph
        A copy; the graph attributes ``ego`` and ``radius`` record how it was made.

    Raises
    ------
    networkx.NodeNotFound
        When ``actor`` has no tie in ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("A", "B", "t1"), ("C", "B", "t2"), ("C", "B", "t3"), ("C", "D", "t4")])
    ['t1', 't2', 't3', 't4']
    >>> ego = ego_network(G, "B")
    >>> sorted(ego), sorted(ego.edges(keys=True))
    (['A', 'B', 'C'], [('A', 'B', 't1'), ('C', 'B', 't2'), ('C', 'B', 't3')])
    """
    if isinstance(actor, str):
        actor = str(actor)  # a URIRef does not match the string it equals as a node
    _check_node(G, actor)
    seen = {actor}
    frontier = [actor]
    for _ in range(k):
        reached = {m for n in frontier for m in _neighbours(G, n)} - seen
        seen |= reached
        frontier = list(reached)
    ego = G.subgraph(seen).copy()
    ego.graph.update(ego=actor, radius=k)
    return ego
