"""Defaults and option values that the command line shares with the stages behind it.

This module imports nothing but the standard library, so that ``diplograph --help`` can build
its options from it without loading rdflib, pyoxigraph or networkx; the stages import their
defaults from here too, so each value lives in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "MAX_NODES",
    "SERVICE_TIMEOUT",
    "TABLE_ROWS",
    "UNDATED_MODES",
    "UNSOURCED_MODES",
    "NetworkOptions",
    "Undated",
    "Unsourced",
]

#: rows a table (and a notebook's view of a result) shows unless told otherwise: rich lays out
#: about 3,000 rows a second, so a table of tens of thousands of rows takes minutes
TABLE_ROWS = 1_000

#: the most actors a map shows unless told otherwise (bigger networks keep the most connected):
#: 20k draws in about 5 s in headless Chromium with software rendering (bench/maps.py)
MAX_NODES = 20_000

#: seconds a query's SERVICE call may take, where queries may make network requests at all
SERVICE_TIMEOUT = 30.0

#: what to do with ties whose time is unknown on the day asked: keep them as if in force
#: ("include"), leave them out and count them ("exclude"), or keep them flagged ("show")
Undated = Literal["include", "exclude", "show"]
UNDATED_MODES: tuple[Undated, ...] = ("include", "exclude", "show")
#: ties (and events) no statement supports: keep them flagged ("show") or leave them out, counted
Unsourced = Literal["show", "exclude"]
UNSOURCED_MODES: tuple[Unsourced, ...] = ("show", "exclude")


@dataclass(frozen=True)
class NetworkOptions:
    """Which ties and events a network holds: what ``network``, ``map``, ``render``, ``path`` and
    ``analyze`` share, in the API and on the command line (``--as-of``, ``--undated``,
    ``--unsourced``, ``--events/--no-events``).

    Parameters
    ----------
    as_of : str, optional
        A day (YYYY-MM-DD): keep the ties and events in force on it; all of them when None.
    undated : {"show", "include", "exclude"}
        With ``as_of``, ties of unknown time on that day: shown flagged (counted apart),
        included as if in force, or left out (counted).
    unsourced : {"show", "exclude"}
        Ties and events no quoted statement supports: shown flagged, or left out (counted).
    events : bool
        Whether events (meetings, requests ...) are edges too, beside ties.

    Examples
    --------
    >>> NetworkOptions(as_of="2025-10-01", undated="exclude")
    NetworkOptions(as_of='2025-10-01', undated='exclude', unsourced='show', events=True)
    >>> import diplograph
    >>> kg = diplograph.open("memory")
    >>> kg.network(options=NetworkOptions(events=False)).graph["counts"]["events"]
    0
    """

    as_of: str | None = None
    undated: Undated = "show"
    unsourced: Unsourced = "show"
    events: bool = True
