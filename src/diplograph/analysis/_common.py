"""Helpers shared by the analysis modules: labels, reading order, neighbours, node checks."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["_check_node", "_label", "_neighbours", "_order"]


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
