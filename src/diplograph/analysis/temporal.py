"""The tie network as of one day: re-exported from :mod:`diplograph.network.temporal`.

The as-of rule lives in the network stage, next to the query that runs it in SPARQL; analysis
code and notebooks keep importing ``as_of`` from here.
"""

from __future__ import annotations

from diplograph.network.temporal import as_of

__all__ = ["as_of"]
