"""The network stage: query results -> networkx graphs, the as-of rule, exports for other tools."""

from __future__ import annotations

from diplograph.network.build import (
    EdgeAttrs,
    build_network,
    edges_to_networkx,
    event_key,
    mentioned,
)
from diplograph.network.temporal import (
    UNDATED_MODES,
    UNSOURCED_MODES,
    Undated,
    Unsourced,
    as_of,
    describe,
    in_force,
    in_force_during,
    tally,
)

__all__ = [
    "UNDATED_MODES",
    "UNSOURCED_MODES",
    "EdgeAttrs",
    "Undated",
    "Unsourced",
    "as_of",
    "build_network",
    "describe",
    "edges_to_networkx",
    "event_key",
    "in_force",
    "in_force_during",
    "mentioned",
    "tally",
]
