"""The network stage: query results -> networkx graphs, and exports for other tools."""

from __future__ import annotations

from diplograph.network.build import EdgeAttrs, build_network, edges_to_networkx, ties_in

__all__ = ["EdgeAttrs", "build_network", "edges_to_networkx", "ties_in"]
