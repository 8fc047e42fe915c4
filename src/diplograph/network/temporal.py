"""Time, three-valued: on a given day a tie is in force (True), not (False) or unknown (None).

This module holds THE as-of rule, :func:`in_force`, and the same rule over a period,
:func:`in_force_during`. Their other copies are the ``inForce`` binding of ``queries/edges.rq``
(the SPARQL the stores run) and ``inForceDuring`` in the map's script (``maps/templates/``, for
the timeline's brush); ``tests/test_temporal.py`` holds the SPARQL equal to this function on a
table of hand-made cases, and the browser tests do the same for the script.

Why three values: most ties say when they began, or nothing at all. A tie with no begin date
may or may not have held on a given day, and a tie whose status is Ended but whose end date
nobody gave may have ended before it or after it; treating those as "in force" (as diplograph
once did) put 1990 pledges to a force created in 2025 on the map. An actor's own existence
(``dipl:existsFrom`` / ``dipl:existsUntil``: a state's membership of the state system, an
organisation's founding) bounds its ties: nothing is in force before both ends exist.

Days are compared as their first ten characters, ``YYYY-MM-DD``: an ``xsd:dateTime`` counts as
the day it names (as written, whatever its time zone), in Python, in SPARQL and in the map alike.

:func:`as_of` applies the rule to a network already built, as
``build_network(kg, as_of=day)`` does through the query.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from diplograph.defaults import UNDATED_MODES, UNSOURCED_MODES, Undated, Unsourced
from diplograph.namespaces import TS
from diplograph.wording import counted

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BOUNDS",
    "ENDED",
    "SNAPSHOT_BOUNDS",
    "UNDATED_MODES",
    "UNSOURCED_MODES",
    "Undated",
    "Unsourced",
    "as_of",
    "day_text",
    "describe",
    "edge_in_force",
    "in_force",
    "in_force_during",
    "tally",
]

#: the Ended status (an IRI): an ended tie with no end date is of unknown time after its begin
ENDED = str(TS.Ended)


def day_text(value: Any) -> str | None:
    """A date as the ``YYYY-MM-DD`` text the rule compares: its first ten characters.

    >>> day_text(date(1999, 7, 23)), day_text(datetime(1999, 7, 23, 22, 30))
    ('1999-07-23', '1999-07-23')
    >>> day_text("2008-02-17T12:00:00+01:00"), day_text(None), day_text("")
    ('2008-02-17', None, None)
    """
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)[:10] or None


def in_force(
    day: date | str,
    *,
    begin: Any = None,
    end: Any = None,
    status: str | None = None,
    exists_from: Any = None,
    exists_until: Any = None,
    earliest_begin: Any = None,
    latest_begin: Any = None,
    earliest_end: Any = None,
    latest_end: Any = None,
) -> bool | None:
    """Whether a tie is in force on ``day``: True, False, or None for unknown.

    In order: False if ``day`` is before ``exists_from`` or after ``exists_until`` (the later
    beginning and the earlier end of the two actors' existence), before ``begin`` or
    ``earliest_begin``, or after ``end`` or ``latest_end``; otherwise None if the tie has not
    surely begun (no ``begin``, and no ``latest_begin`` or ``day`` before it: undated, only a
    status, or between the earliest and latest begin); True if it surely has not ended (an
    ``end``, or ``day`` at or before ``earliest_end``); None if it may have ended (after
    ``earliest_end``, or only a ``latest_end``, or status Ended (:data:`ENDED`) with no end);
    else True. Bounds are inclusive: a tie is in force on its first and last day.

    The four bounds are SEM's ``hasEarliestBeginTimeStamp`` ... ``hasLatestEndTimeStamp``: a
    tie observed at snapshots (COW Diplomatic Exchange) is in force between its first and last
    observation and of unknown time up to the neighbouring observations that differ, and not
    in force beyond them (``ontology/README.md``). Dates may be ``date``, ``datetime`` or ISO
    text; they are compared as days (:func:`day_text`). It is :func:`in_force_during` of a
    period of one day.

    >>> in_force("1990-01-01")  # nothing known
    >>> in_force("1990-01-01", begin=date(1999, 7, 23))
    False
    >>> in_force("2000-01-01", begin=date(1999, 7, 23))
    True
    >>> in_force("2000-01-01", begin="1999-07-23", status=ENDED)  # ended, but when?
    >>> in_force("2000-01-01", begin="1999-07-23", exists_from="2008-02-20")
    False
    >>> seen = {"latest_begin": "1935-01-01", "earliest_end": "1940-12-31"}  # seen 1935, 1940
    >>> in_force("1937-06-01", **seen), in_force("1942-01-01", **seen)
    (True, None)
    >>> in_force("1942-01-01", **seen, latest_end="1949-12-31")  # seen otherwise in 1950
    >>> in_force("1950-06-01", **seen, latest_end="1949-12-31")
    False
    """
    if day_text(day) is None:
        raise ValueError("in_force needs a day")
    return in_force_during(
        day,
        day,
        begin=begin,
        end=end,
        status=status,
        exists_from=exists_from,
        exists_until=exists_until,
        earliest_begin=earliest_begin,
        latest_begin=latest_begin,
        earliest_end=earliest_end,
        latest_end=latest_end,
    )


def in_force_during(
    first_day: date | str,
    last_day: date | str,
    *,
    begin: Any = None,
    end: Any = None,
    status: str | None = None,
    exists_from: Any = None,
    exists_until: Any = None,
    earliest_begin: Any = None,
    latest_begin: Any = None,
    earliest_end: Any = None,
    latest_end: Any = None,
) -> bool | None:
    """Whether a tie is in force at some time from ``first_day`` to ``last_day`` (inclusive):
    the as-of rule of :func:`in_force` with each bound checked against the period's end it
    concerns.

    False if the period ends before ``begin``, ``earliest_begin`` or ``exists_from``, or starts
    after ``end``, ``latest_end`` or ``exists_until``; otherwise True if it meets the days the
    tie is surely in force (from ``begin``, or else ``latest_begin``, up to ``end``, or else
    ``earliest_end``, or else for ever unless it has a ``latest_end`` or is Ended), else None.
    A period of one day is :func:`in_force` on it. The map's brush applies this rule
    (``inForceDuring`` in its script).

    >>> in_force_during("2000-01-01", "2000-12-31", begin="2000-06-01")  # begins within
    True
    >>> in_force_during("2001-01-01", "2001-12-31", begin="1990-01-01", end="2000-12-31")
    False
    >>> in_force_during("1990-01-01", "2005-01-01", end="2000-12-31")  # no begin: unknown
    >>> seen = {"latest_begin": "1935-01-01", "earliest_end": "1940-12-31"}  # seen 1935, 1940
    >>> in_force_during("1930-01-01", "1935-06-01", **seen)  # meets the observed years
    True
    >>> in_force_during("1941-01-01", "1942-12-31", **seen)  # after the last observation
    """
    start, stop = day_text(first_day), day_text(last_day)
    if start is None or stop is None:
        raise ValueError("in_force_during needs a first and a last day")
    if start > stop:
        raise ValueError(f"the period's first day {start} is after its last day {stop}")
    first, last = day_text(begin), day_text(end)
    lower, upper = day_text(exists_from), day_text(exists_until)
    soonest, latest = day_text(earliest_begin), day_text(latest_end)
    if any(bound is not None and stop < bound for bound in (lower, first, soonest)) or any(
        bound is not None and start > bound for bound in (upper, last, latest)
    ):
        return False
    begun = day_text(latest_begin) if first is None else first
    if begun is None or stop < begun:
        return None
    if last is not None:
        return True
    lasting = day_text(earliest_end)
    if lasting is not None:
        return True if start <= lasting else None
    if latest is not None or (status is not None and str(status) == ENDED):
        return None
    return True


#: SEM's bounds of a tie known only between snapshots: edge attributes and rule keywords
SNAPSHOT_BOUNDS = ("earliest_begin", "latest_begin", "earliest_end", "latest_end")
#: the edge attributes (and ``in_force`` keywords) of the rule besides begin, end and status
BOUNDS = ("exists_from", "exists_until", *SNAPSHOT_BOUNDS)


def edge_in_force(day: date | str, data: Mapping[str, Any]) -> bool | None:
    """:func:`in_force` of a network edge, from its attributes ``begin``, ``end``, ``status``
    and those of :data:`BOUNDS`."""
    return in_force(
        day,
        begin=data.get("begin"),
        end=data.get("end"),
        status=data.get("status"),
        **{name: data.get(name) for name in BOUNDS},
    )


def tally(
    edges: Iterable[Mapping[str, Any]],
    *,
    unknown_excluded: Mapping[str, int] | None = None,
    unsourced_excluded: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """The counts a network records in its graph attribute ``counts``, from its edges' data.

    For each kind, ``ties`` and ``events``: how many there are, how many are ``in_force`` and of
    ``unknown`` time (when the edges carry ``in_force``), how many are unsourced, and how many
    were left out as of unknown time or as unsourced (given, since they are no longer edges).
    Keys: ``ties``, ``ties_in_force``, ``ties_unknown``, ``ties_unknown_excluded``,
    ``ties_unsourced``, ``ties_unsourced_excluded`` and the same for ``events``.

    >>> tally([{"in_force": True}, {"in_force": None, "sourced": False}, {"kind": "event"}])
    ... # doctest: +NORMALIZE_WHITESPACE
    {'ties': 2, 'ties_in_force': 1, 'ties_unknown': 1, 'ties_unknown_excluded': 0,
     'ties_unsourced': 1, 'ties_unsourced_excluded': 0, 'events': 1, 'events_in_force': 0,
     'events_unknown': 0, 'events_unknown_excluded': 0, 'events_unsourced': 0,
     'events_unsourced_excluded': 0}
    """
    counts: dict[str, int] = {}
    for kind in ("ties", "events"):
        for name in ("", "_in_force", "_unknown", "_unknown_excluded", "_unsourced"):
            counts[kind + name] = 0
        counts[kind + "_unsourced_excluded"] = 0
    for data in edges:
        kind = "events" if data.get("kind") == "event" else "ties"
        counts[kind] += 1
        if "in_force" in data:
            counts[kind + ("_in_force" if data["in_force"] else "_unknown")] += 1
        if data.get("sourced", True) is False:
            counts[kind + "_unsourced"] += 1
    for kind, number in (unknown_excluded or {}).items():
        counts[kind + "_unknown_excluded"] += number
    for kind, number in (unsourced_excluded or {}).items():
        counts[kind + "_unsourced_excluded"] += number
    return counts


def describe(G: nx.MultiDiGraph, *, shown: Mapping[str, str] | None = None) -> list[str]:
    """The network's counts in words, for headers: what is in force, unknown, unsourced, events.

    ``shown`` names how kept ties of unknown time (``"unknown"``) and unsourced ties
    (``"unsourced"``) are shown, by default ``"shown"``; a map says how it draws them. The
    counts are the graph attribute ``counts`` (:func:`tally`), or tallied from the edges.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(as_of="1990-01-01", undated="show")
    >>> G.add_edge("A", "B", in_force=None, sourced=False)
    0
    >>> G.add_edge("B", "C", kind="event", in_force=None)
    0
    >>> for phrase in describe(G):
    ...     print(phrase)
    0 ties in force on 1990-01-01
    1 of unknown time (shown)
    1 unsourced (shown)
    1 event edge (1 of unknown time)
    """
    counts = G.graph.get("counts") or tally(data for _, _, data in G.edges(data=True))
    words = {"unknown": "shown", "unsourced": "shown", **(shown or {})}
    day = G.graph.get("as_of")
    phrases = []
    if day:
        phrases.append(f"{counted(counts['ties_in_force'], 'tie')} in force on {day}")
        if counts["ties_unknown"]:
            how = "included as in force" if G.graph.get("undated") == "include" else None
            phrases.append(
                f"{counts['ties_unknown']:,} of unknown time ({how or words['unknown']})"
            )
        if counts["ties_unknown_excluded"]:
            phrases.append(f"{counts['ties_unknown_excluded']:,} of unknown time left out")
    else:
        phrases.append(counted(counts["ties"], "tie"))
    unsourced = counts["ties_unsourced"] + counts["events_unsourced"]
    if unsourced:
        phrases.append(f"{unsourced:,} unsourced ({words['unsourced']})")
    unsourced_excluded = counts["ties_unsourced_excluded"] + counts["events_unsourced_excluded"]
    if unsourced_excluded:
        phrases.append(f"{unsourced_excluded:,} unsourced left out")
    if counts["events"] or counts["events_unknown_excluded"]:
        parts = []
        if day:
            for key, words_ in (
                ("events_in_force", "in force"),
                ("events_unknown", "of unknown time"),
                ("events_unknown_excluded", "of unknown time left out"),
            ):
                if counts[key]:
                    parts.append(f"{counts[key]:,} {words_}")
        phrase = counted(counts["events"], "event edge")
        phrases.append(phrase + (f" ({', '.join(parts)})" if parts else ""))
    return phrases


def as_of(G: nx.MultiDiGraph, day: date | str, *, undated: Undated = "show") -> nx.MultiDiGraph:
    """The network on ``day``: the ties (and event edges) that are in force then, by
    :func:`in_force` on their ``begin``, ``end``, ``status``, ``exists_from`` and ``exists_until``.

    Ties not in force are left out; ties of unknown time are kept (``undated="show"`` or
    ``"include"``) or left out and counted (``"exclude"``). Every kept edge gets ``in_force``
    (True, or None for unknown), and the copy's graph attributes ``as_of``, ``undated`` and
    ``counts`` (see :func:`tally`) say what was done, as ``build_network(kg, as_of=day)``
    records them: ``as_of(build_network(kg), day)`` is that same network. An actor left with
    no edge is left out. What ``G`` recorded about unsourced ties is kept as it was.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network, with dates (or None) on its edges.
    day : datetime.date or str
        The day, as a date or as YYYY-MM-DD.
    undated : {"show", "include", "exclude"}
        What to do with ties of unknown time on ``day``.

    Returns
    -------
    networkx.MultiDiGraph
        A copy.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="treaty", begin=date(1990, 1, 1), end=date(1999, 12, 31))
    'treaty'
    >>> G.add_edge("B", "C", key="undated")
    'undated'
    >>> sorted(as_of(G, "1995-06-01").edges(keys=True, data="in_force"))
    [('A', 'B', 'treaty', True), ('B', 'C', 'undated', None)]
    >>> sorted(as_of(G, "2000-01-01", undated="exclude").edges(keys=True))
    []
    """
    if isinstance(day, str):
        when = date.fromisoformat(day)
    elif isinstance(day, datetime):
        when = day.date()
    elif isinstance(day, date):
        when = day
    else:
        raise TypeError(f"as_of needs a date or a YYYY-MM-DD string, not {day!r}.")
    if undated not in UNDATED_MODES:
        raise ValueError(f"undated must be one of {', '.join(UNDATED_MODES)}, not {undated!r}.")
    text = when.isoformat()
    kept: dict[tuple[Any, Any, Any], bool | None] = {}
    left_out = {"ties": 0, "events": 0}
    for u, v, key, data in G.edges(keys=True, data=True):
        state = edge_in_force(text, data)
        if state is False:
            continue
        if state is None and undated == "exclude":
            left_out["events" if data.get("kind") == "event" else "ties"] += 1
            continue
        kept[(u, v, key)] = state
    network = G.edge_subgraph(kept).copy()
    for (u, v, key), state in kept.items():
        network.edges[u, v, key]["in_force"] = state
    before = G.graph.get("counts") or {}
    network.graph.update(
        as_of=text,
        undated=undated,
        counts=tally(
            (data for _, _, data in network.edges(data=True)),
            unknown_excluded=left_out,
            unsourced_excluded={
                kind: int(before.get(kind + "_unsourced_excluded", 0))
                for kind in ("ties", "events")
            },
        ),
    )
    return network
