"""Louvain communities of the tie network, numbered from the largest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from diplograph.analysis._common import _label, _order
from diplograph.analysis.projection import simple_projection
from diplograph.seeded import seeded_igraph

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["communities"]


def communities(
    G: nx.MultiDiGraph,
    seed: int = 42,
    *,
    projection: nx.Graph | None = None,
    weight: str | None = None,
    engine: Literal["networkx", "igraph", "leiden"] = "networkx",
) -> dict[Any, int]:
    """Louvain communities of the undirected simple projection, numbered from the largest.

    The projection is built in sorted order and Louvain is seeded, so the same network always
    gives the same communities. Community 0 is the largest; equal sizes are ordered by the
    first label in each. ``engine="igraph"`` runs igraph's Louvain (``community_multilevel``,
    in C, seeded) instead of networkx's, which takes over a minute on 20,000 actors
    (bench/README.md); ``engine="leiden"`` igraph's Leiden on modularity (two rounds, seeded),
    which the maps use: a tenth of igraph's Louvain's time at 20,000 actors, and as modular.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.
    seed : int
        Seed of :func:`networkx.community.louvain_communities`.
    projection : networkx.Graph, optional
        ``simple_projection(G)``, when the caller has it already.
    weight : str, optional
        The projection's edge attribute holding link weights; None counts every link as 1.
    engine : {"networkx", "igraph", "leiden"}
        Whose Louvain runs, or igraph's Leiden.

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
    >>> communities(G, engine="igraph") == communities(G, engine="leiden") == communities(G)
    True
    """
    import networkx as nx

    H = simple_projection(G) if projection is None else projection
    if engine in ("igraph", "leiden"):
        groups = _igraph_groups(H, seed, weight, leiden=engine == "leiden")
    else:
        groups = nx.community.louvain_communities(H, weight=weight, seed=seed)
    found = [_order(G, group) for group in groups]
    found.sort(key=lambda group: (-len(group), _label(G, group[0]), str(group[0])))
    return {node: number for number, group in enumerate(found) for node in group}


def _igraph_groups(H: nx.Graph, seed: int, weight: str | None, *, leiden: bool) -> list[set[Any]]:
    """igraph's Louvain, or its Leiden on modularity, of ``H`` (seeded)."""
    import igraph

    nodes = list(H)
    index = {node: i for i, node in enumerate(nodes)}
    graph = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()])
    weights = [float(w) for _, _, w in H.edges(data=weight, default=1)] if weight else None
    with seeded_igraph(seed):
        if leiden:
            clustering = graph.community_leiden(objective_function="modularity", weights=weights)
        else:
            clustering = graph.community_multilevel(weights=weights)
    return [{nodes[i] for i in members} for members in clustering]
