"""The tie network as of one day: the ties in force on it."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["as_of"]


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def as_of(G: nx.MultiDiGraph, when: date | str) -> nx.MultiDiGraph:
    """The ties in force on ``when``: begun on or before it and not ended before it.

    The same rule as the ``edges`` query's ``asOf`` parameter, so that
    ``as_of(build_network(kg), day)`` and ``build_network(kg, as_of=day)`` agree: a tie with no
    begin date has always been in force, one with no end date still is, and an actor left
    with no tie in force is left out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network, with ``begin`` and ``end`` dates (or None) on its ties.
    when : datetime.date or str
        The day, as a date or as YYYY-MM-DD.

    Returns
    -------
    networkx.MultiDiGraph
        A copy; its graph attribute ``as_of`` is the day as YYYY-MM-DD.

    Examples
    --------
    >>> import networkx as nx
    >>> from datetime import date
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="treaty", begin=date(1990, 1, 1), end=date(1999, 12, 31))
    'treaty'
    >>> G.add_edge("B", "C", key="undated")
    'undated'
    >>> sorted(as_of(G, "1995-06-01").edges(keys=True))
    [('A', 'B', 'treaty'), ('B', 'C', 'undated')]
    >>> sorted(as_of(G, "2000-01-01").edges(keys=True))
    [('B', 'C', 'undated')]
    """
    day = _day(when) if not isinstance(when, str) else date.fromisoformat(when)
    if day is None:
        raise TypeError(f"as_of needs a date or a YYYY-MM-DD string, not {when!r}.")
    kept = []
    for u, v, key, data in G.edges(keys=True, data=True):
        begin, end = _day(data.get("begin")), _day(data.get("end"))
        if (begin is None or begin <= day) and (end is None or end >= day):
            kept.append((u, v, key))
    network = G.edge_subgraph(kept).copy()
    network.graph["as_of"] = day.isoformat()
    return network
