"""The network stage: query results -> networkx graphs, the as-of rule, exports for other tools."""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.lazy import lazy_names

if TYPE_CHECKING:
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

# names imported on first use: ``diplograph query`` reads citations
# (diplograph.network.citation) and builds no network, so it loads neither the network's
# builder nor the kept network's tables (tests/test_startup.py)
_HOMES = {
    **dict.fromkeys(
        ("EdgeAttrs", "build_network", "edges_to_networkx", "event_key", "mentioned"), "build"
    ),
    **dict.fromkeys(
        (
            "UNDATED_MODES",
            "UNSOURCED_MODES",
            "Undated",
            "Unsourced",
            "as_of",
            "describe",
            "in_force",
            "in_force_during",
            "tally",
        ),
        "temporal",
    ),
}
__getattr__ = lazy_names(__name__, _HOMES)

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
