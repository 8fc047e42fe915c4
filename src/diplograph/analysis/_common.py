"""Helpers shared by the analysis modules: labels, reading order, neighbours, node checks."""

from __future__ import annotations

import random
import threading
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["_check_node", "_label", "_neighbours", "_order", "seeded_igraph"]


def _label(G: nx.Graph, node: Hashable) -> str:
    return str(G.nodes[node].get("label") or node)


def _order(G: nx.Graph, nodes: Iterable[Hashable]) -> list[Any]:
    """Nodes sorted as a person reads them: by label, then by id."""
    return sorted(nodes, key=lambda n: (_label(G, n), str(n)))


def _neighbours(G: nx.Graph, node: Hashable) -> set[Any]:
    """Neighbours of ``node`` whatever the direction of the ties, without itself."""
    found = set(G.adj[node])
    if G.is_directed():
        found.update(G.pred[node])
    found.discard(node)
    return found


def _check_node(G: nx.Graph, node: Hashable) -> None:
    import networkx as nx

    if node not in G:
        raise nx.NodeNotFound(f"{node} is not in the network (it has no tie in it).")


#: held while igraph's random number generator is swapped for a seeded one
_IGRAPH_RANDOM = threading.Lock()


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run igraph with a random number generator of its own, seeded: igraph draws from Python's
    ``random`` module unless told otherwise, so a seeded one makes its layouts, communities and
    eigenvectors repeatable without touching global state (one thread at a time)."""
    import igraph

    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (not cryptography)
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
