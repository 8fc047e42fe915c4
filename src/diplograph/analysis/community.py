"""Louvain communities of the tie network, numbered from the largest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from diplograph.analysis._common import _label, _order
from diplograph.analysis.projection import simple_projection

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["communities"]


def communities(
    G: nx.MultiDiGraph, seed: int = 42, *, projection: nx.Graph | None = None
) -> dict[Any, int]:
    """Louvain communities of the undirected simple projection, numbered from the largest.

    The projection is built in sorted order and Louvain is seeded, so the same network always
    gives the same communities. Community 0 is the largest; equal sizes are ordered by the
    first label in each.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.
    seed : int
        Seed of :func:`networkx.community.louvain_communities`.
    projection : networkx.Graph, optional
        ``simple_projection(G)``, when the caller has it already.

    Returns
    -------
    dict
        Actor -> community number, ordered by community, then by label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("A", "B"), ("B", "C"), ("C", "A"), ("D", "E")])
    [0, 0, 0, 0]
    >>> communities(G)
    {'A': 0, 'B': 0, 'C': 0, 'D': 1, 'E': 1}
    """
    import networkx as nx

    H = simple_projection(G) if projection is None else projection
    found = [
        _order(G, group) for group in nx.community.louvain_communities(H, weight=None, seed=seed)
    ]
    found.sort(key=lambda group: (-len(group), _label(G, group[0]), str(group[0])))
    return {node: number for number, group in enumerate(found) for node in group}
