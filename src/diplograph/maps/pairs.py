"""One edge per pair: a map's ties bundled by actor pair, direction and polarity.

A pair's edge stands for every tie and event between two actors that goes the same way (or has
no direction) and has the same polarity; its width says how many there are, its colour the
polarity. A big network keeps its strongest pairs (those with the most ties) within the page's
room, and the map first hides pairs below a minimum strength so that it stays readable; the
page says both. Each actor keeps its strongest pairs whatever the minimum strength
(:func:`strongest_pairs`: by their ties' mean weight where the map's ties are weighted, as
voting agreement is), so that a dense series, where the oldest pairs have the most ties, still
shows every actor at first.
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
    "mean_weight",
    "pair_item",
    "strongest",
    "strongest_pairs",
    "weighted",
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
#: each actor's strongest pairs (with as many partners) shown whatever the minimum strength
STRONGEST_PER_ACTOR = 2


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


def default_strength(counts: Sequence[int], actors: int, kept: int = 0) -> int:
    """The least strength (ties per pair) the first view shows: the smallest that keeps at most
    :data:`PAIRS_PER_ACTOR` pairs per actor (at least :data:`FIRST_VIEW_PAIRS`), ``kept`` of
    them already shown as each actor's strongest (``counts`` are the other pairs'). When even
    the pairs of the top strength are too many, the first view shows none of them beyond
    those ``kept`` (one more than the top); with none kept it shows them all, not none.

    >>> default_strength([1] * 10, 2)
    1
    >>> default_strength([50] * 10 + [1] * 1000, 100)
    50
    >>> default_strength([60] * 5000, 100)  # all as strong and none kept: all shown, not none
    60
    >>> default_strength([60] * 5000, 100, kept=150)  # each actor's strongest pairs suffice
    61
    >>> default_strength([9] * 200 + [5] * 300, 100, kept=150)
    9
    """
    limit = max(FIRST_VIEW_PAIRS, PAIRS_PER_ACTOR * actors) - kept
    if len(counts) <= limit:
        return 1
    ranked = sorted(counts, reverse=True)
    if limit <= 0:
        return ranked[0] + 1
    threshold = ranked[limit - 1]
    # pairs as strong as the limit's last one either all show or none do; the strength said
    # is that of the weakest pairs shown
    if ranked[limit] == threshold:
        if threshold < ranked[0]:
            return min(count for count in ranked if count > threshold)
        return threshold + 1 if kept else threshold
    return threshold


def mean_weight(pair: Pair, records: Sequence[Mapping[str, Any]]) -> float | None:
    """The mean weight of the ties of ``pair`` that have one (None when none has)."""
    weights = [records[i]["weight"] for i in pair.members if records[i].get("weight") is not None]
    return sum(weights) / len(weights) if weights else None


def weighted(records: Sequence[Mapping[str, Any]], members: Sequence[int]) -> bool:
    """Whether the ties ``members`` are weighted: at least half of them carry a weight."""
    return 2 * sum(1 for i in members if records[i].get("weight") is not None) >= max(
        1, len(members)
    )


def strongest_pairs(
    pairs: Sequence[Pair],
    weights: Sequence[float | None],
    by_weight: bool,
    per_actor: int = STRONGEST_PER_ACTOR,
) -> list[bool]:
    """Which ``pairs`` are among an actor's ``per_actor`` strongest, each with another partner.

    With ``by_weight``, a pair is the stronger for the greater size of its ties' mean weight
    (``weights``; pairs without one come last), then for its number of ties; without, for its
    number of ties, then its weight. Ties in both keep the pairs' order (strongest first by
    :func:`bundle`), so the choice is repeatable.

    >>> p = [Pair("a", "b", False, 1, [0, 1, 2]), Pair("a", "c", False, 1, [3]),
    ...      Pair("b", "c", False, 1, [4]), Pair("c", "d", False, 1, [5])]
    >>> strongest_pairs(p, [0.2, 0.9, 0.8, 0.1], by_weight=True, per_actor=1)
    [False, True, True, True]
    >>> strongest_pairs(p, [0.2, 0.9, 0.8, 0.1], by_weight=False, per_actor=1)
    [True, True, False, True]
    """

    import numpy as np

    unweighted = np.array([w is None for w in weights], dtype=bool)
    size = -np.abs(np.array([0.0 if w is None else w for w in weights], dtype=float))
    count = -np.array([len(pair.members) for pair in pairs], dtype=np.int64)
    # np.lexsort sorts by its last key first, and keeps the pairs' order where all keys tie
    keys = (count, size, unweighted) if by_weight else (size, unweighted, count)
    order = np.lexsort(keys) if len(pairs) else np.zeros(0, dtype=np.int64)
    chosen = [False] * len(pairs)
    partners: dict[str, set[str]] = {}
    for i in order.tolist():
        pair = pairs[i]
        if pair.source == pair.target:
            continue
        for actor, partner in ((pair.source, pair.target), (pair.target, pair.source)):
            taken = partners.setdefault(actor, set())
            if partner not in taken and len(taken) < per_actor:
                taken.add(partner)
                chosen[i] = True
    return chosen


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

    if len(pair.members) == 1:
        return list(pair.members)
    return sorted(pair.members, key=strength)[:n]


def pair_item(
    index: int,
    pair: Pair,
    records: Sequence[Mapping[str, Any]],
    *,
    weight: float | None = None,
    strongest: bool = False,
) -> dict[str, Any]:
    """The vis edge of a pair: ``p<index>``, width by its number of ties, colour by polarity
    (grey when no member is sourced), a line pattern only when every member shares one; with
    its ties' mean ``weight`` and whether it is among an actor's ``strongest`` pairs."""
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
        "weight": None if weight is None else round(weight, 3),
        "strongest": strongest,
    }
