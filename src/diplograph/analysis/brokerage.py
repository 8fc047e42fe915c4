"""Brokers: articulation points, bridges and Burt's constraint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.analysis._common import _label, _order
from diplograph.analysis.projection import simple_projection

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Brokerage", "brokers"]


@dataclass(frozen=True)
class Brokerage:
    """Where the network hangs together by one actor or one pair.

    ``articulation_points``: actors whose removal splits their component; ``bridges``: pairs
    whose ties are the only link between two parts. ``constraint`` is Burt's constraint, from
    the least constrained actor (the strongest broker) to the most; ``None`` for an actor
    with no partner.
    """

    articulation_points: list[Any]
    bridges: list[tuple[Any, Any]]
    constraint: dict[Any, float | None]


def _constraint(H: nx.Graph) -> dict[Any, float | None]:
    """Burt's constraint on an unweighted simple graph, as :func:`networkx.constraint` gives.

    With unit weights, ``p(u, v) = 1 / deg(u)``, so the constraint of ``u`` is
    ``sum over partners v of (1 + sum over shared partners w of 1 / deg(w))**2 / deg(u)**2``.
    Intersecting neighbour sets costs ``O(min(deg u, deg v))`` per tie, where networkx's
    general weighted routine costs ``O(deg(u)**3)`` per actor.
    """
    adjacency = {n: set(H.adj[n]) - {n} for n in H}
    result: dict[Any, float | None] = {}
    for u, partners in adjacency.items():
        if not partners:
            result[u] = None
            continue
        total = 0.0
        for v in partners:
            small, large = sorted((partners, adjacency[v]), key=len)
            indirect = sum(1.0 / len(adjacency[w]) for w in small if w in large)
            total += (1.0 + indirect) ** 2
        result[u] = total / len(partners) ** 2
    return result


def brokers(G: nx.MultiDiGraph, *, projection: nx.Graph | None = None) -> Brokerage:
    """Articulation points, bridges and Burt's constraint of the undirected simple projection.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.
    projection : networkx.Graph, optional
        ``simple_projection(G)``, when the caller has it already.

    Returns
    -------
    Brokerage
        Articulation points sorted by label, bridges sorted by their actors' labels (each pair
        in label order), and constraint sorted from the lowest.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("A", "B", "t1"), ("B", "C", "t2"), ("C", "A", "t3"), ("C", "D", "t4")])
    ['t1', 't2', 't3', 't4']
    >>> found = brokers(G)
    >>> found.articulation_points, found.bridges
    (['C'], [('C', 'D')])
    >>> {n: round(c, 3) for n, c in found.constraint.items()}
    {'C': 0.611, 'D': 1.0, 'A': 1.007, 'B': 1.007}
    """
    import networkx as nx

    H = simple_projection(G) if projection is None else projection
    points = _order(G, nx.articulation_points(H))
    pairs = [tuple(_order(G, pair)) for pair in nx.bridges(H)]
    pairs.sort(key=lambda pair: ([_label(G, n) for n in pair], [str(n) for n in pair]))
    constraint = _constraint(H)
    ordered = sorted(
        constraint,
        key=lambda n: (constraint[n] is None, constraint[n] or 0.0, _label(G, n), str(n)),
    )
    return Brokerage(
        articulation_points=points,
        bridges=[(u, v) for u, v in pairs],
        constraint={n: constraint[n] for n in ordered},
    )
