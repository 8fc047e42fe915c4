"""One edge per pair: a map's ties bundled by actor pair, direction and polarity.

A pair's edge stands for every tie and event between two actors that goes the same way (or has
no direction) and has the same polarity; its width says how many there are, its colour the
polarity. A big network keeps its strongest pairs (those with the most ties) within the page's
room, and the map first hides pairs below a minimum strength so that it stays readable; the
page says both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from diplograph.maps.styles import (
    EVENT_STYLE,
    POLARITY_STYLES,
    UNSOURCED_STYLE,
    pair_width,
    style_of_status,
)
from diplograph.maps.ties import day_number

__all__ = [
    "MAX_PAGE_PAIRS",
    "MAX_PAGE_TIES",
    "Pair",
    "bundle",
    "cut_pairs",
    "default_strength",
    "pair_item",
    "strongest",
]

#: the most ties (and event edges) one page holds, as packed columns (about 4 bytes each for a
#: dated series); a bigger network keeps its strongest pairs and says how many it left out
MAX_PAGE_TIES = 1_000_000
#: the most pairs one page holds
MAX_PAGE_PAIRS = 60_000
#: at first, pairs weaker than needed to keep at most this many per actor (and at least
#: :data:`FIRST_VIEW_PAIRS`) are hidden; the minimum-strength control shows them
PAIRS_PER_ACTOR = 4
FIRST_VIEW_PAIRS = 400


@dataclass
class Pair:
    """The ties (indices into the records) between ``source`` and ``target`` that go that way
    (or have no direction, ``directed`` False) and have ``polarity``."""

    source: str
    target: str
    directed: bool
    polarity: int
    members: list[int]


def bundle(records: Sequence[Mapping[str, Any]]) -> list[Pair]:
    """The pairs of ``records``, strongest first (most ties; then by ids, so repeatably).

    An undirected tie's pair runs from the lesser id to the greater; members are ordered by
    begin date (or latest begin, for ties observed at snapshots; undated first), then id.

    >>> records = [
    ...     {"id": "t1", "from": "b", "to": "a", "directed": False, "polarity": 1, "begin": None},
    ...     {"id": "t2", "from": "a", "to": "b", "directed": False, "polarity": 1, "begin": None},
    ...     {"id": "t3", "from": "a", "to": "b", "directed": True, "polarity": 1, "begin": None},
    ... ]
    >>> [(p.source, p.target, p.directed, p.members) for p in bundle(records)]
    [('a', 'b', False, [0, 1]), ('a', 'b', True, [2])]
    """
    groups: dict[tuple[str, str, bool, int], list[int]] = {}
    for index, record in enumerate(records):
        source, target = record["from"], record["to"]
        if not record["directed"] and target < source:
            source, target = target, source
        key = (source, target, bool(record["directed"]), int(record["polarity"]))
        groups.setdefault(key, []).append(index)
    pairs = []
    for (source, target, directed, polarity), members in groups.items():
        members.sort(key=lambda i: (_since(records[i]) or "", records[i]["id"]))
        pairs.append(Pair(source, target, directed, polarity, members))
    pairs.sort(key=lambda p: (-len(p.members), p.source, p.target, not p.directed, -p.polarity))
    return pairs


def _since(record: Mapping[str, Any]) -> str | None:
    """The day a tie surely began: its begin, or else its latest begin."""
    return record["begin"] or record.get("latest_begin")


def cut_pairs(
    pairs: Sequence[Pair], max_ties: int = MAX_PAGE_TIES, max_pairs: int = MAX_PAGE_PAIRS
) -> list[Pair]:
    """The strongest ``pairs`` (they come strongest first) that hold at most ``max_ties`` ties
    in all and number at most ``max_pairs``; a pair too big for the room left is skipped."""
    kept: list[Pair] = []
    ties = 0
    for pair in pairs:
        if len(kept) >= max_pairs:
            break
        if ties + len(pair.members) > max_ties:
            continue
        kept.append(pair)
        ties += len(pair.members)
    return kept


def default_strength(counts: Sequence[int], actors: int) -> int:
    """The least strength (ties per pair) the first view shows: the smallest that keeps at most
    :data:`PAIRS_PER_ACTOR` pairs per actor (at least :data:`FIRST_VIEW_PAIRS`); the strongest
    pairs always show, however many share the top strength.

    >>> default_strength([1] * 10, 2)
    1
    >>> default_strength([50] * 10 + [1] * 1000, 100)
    2
    >>> default_strength([60] * 5000, 100)  # all as strong: all shown, not none
    60
    """
    limit = max(FIRST_VIEW_PAIRS, PAIRS_PER_ACTOR * actors)
    if len(counts) <= limit:
        return 1
    ranked = sorted(counts, reverse=True)
    threshold = ranked[limit - 1]
    # pairs as strong as the limit's last one either all show or none do
    if ranked[limit] == threshold:
        return threshold + 1 if threshold < ranked[0] else threshold
    return threshold


def strongest(pair: Pair, records: Sequence[Mapping[str, Any]], n: int = 3) -> list[int]:
    """The ``n`` members whose evidence is the strongest: sourced, most confident, heaviest
    weight, latest."""

    def strength(i: int) -> tuple[Any, ...]:
        record = records[i]
        return (
            not record["evidence"],
            -(record["confidence"] or 0.0),
            -abs(record["weight"] or 0.0),
            record["kind"] == "event",
            -(day_number(_since(record)) or -(10**7)),
            record["id"],
        )

    return sorted(pair.members, key=strength)[:n]


def pair_item(index: int, pair: Pair, records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The vis edge of a pair: ``p<index>``, width by its number of ties, colour by polarity
    (grey when no member is sourced), a line pattern only when every member shares one."""
    members = [records[i] for i in pair.members]
    events = [r for r in members if r["kind"] == "event"]
    ties = [r for r in members if r["kind"] != "event"]
    if not ties:
        dashes: Any = EVENT_STYLE["dashes"]
    else:
        statuses = {r["status"] for r in ties}
        dashes = (
            style_of_status(next(iter(statuses)))["dashes"]
            if len(statuses) == 1 and next(iter(statuses))
            else False
        )
    sourced = any(r["sourced"] for r in members)
    exists_from = max((r["exists_from"] for r in members if r["exists_from"]), default=None)
    exists_until = min((r["exists_until"] for r in members if r["exists_until"]), default=None)
    return {
        "id": f"p{index}",
        "from": pair.source,
        "to": pair.target,
        "arrows": "to" if pair.directed else "",
        "color": POLARITY_STYLES[pair.polarity]["color"] if sourced else UNSOURCED_STYLE["color"],
        "dashes": dashes,
        "width": pair_width(len(members)),
        "polarity": pair.polarity,
        "strength": len(members),
        "ties": len(ties),
        "events": len(events),
        "exists_from": day_number(exists_from),
        "exists_until": day_number(exists_until),
    }
