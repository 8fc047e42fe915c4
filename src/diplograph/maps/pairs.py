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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from diplograph.maps.styles import (
    EVENT_STYLE,
    POLARITY_STYLES,
    UNSOURCED_STYLE,
    pair_width,
    style_of_status,
)

if TYPE_CHECKING:
    import numpy as np

    from diplograph.maps.ties import TieTable

__all__ = [
    "MAX_PAGE_PAIRS",
    "MAX_PAGE_TIES",
    "Pair",
    "bundle",
    "cut_pairs",
    "default_strength",
    "pair_items",
    "strongest_pairs",
    "strongest_ties",
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
    """The ties (``members``: rows of the map's :class:`~diplograph.maps.ties.TieTable`)
    between ``source`` and ``target`` that go that way (or have no direction, ``directed``
    False) and have ``polarity``."""

    source: str
    target: str
    directed: bool
    polarity: int
    members: np.ndarray

    def __len__(self) -> int:
        return len(self.members)


def bundle(table: TieTable) -> list[Pair]:
    """The pairs of ``table``'s ties, strongest first (most ties; then by ids, so repeatably).

    An undirected tie's pair runs from the lesser id to the greater; members are ordered by
    the day they surely began (``since``; undated first), then id.

    >>> import networkx as nx
    >>> from diplograph.maps.ties import tie_table
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("b", "a", key="t1", directed=False, polarity=1)
    >>> _ = g.add_edge("a", "b", key="t2", directed=False, polarity=1)
    >>> _ = g.add_edge("a", "b", key="t3", directed=True, polarity=1)
    >>> table = tie_table(g)
    >>> [(p.source, p.target, p.directed, table.ids[p.members[0]], len(p)) for p in bundle(table)]
    [('a', 'b', False, 't1', 2), ('a', 'b', True, 't3', 1)]
    """
    import numpy as np

    n = len(table)
    if not n:
        return []
    index: dict[str, int] = {}
    source = np.fromiter((index.setdefault(s, len(index)) for s in table.sources), np.int64, n)
    target = np.fromiter((index.setdefault(t, len(index)) for t in table.targets), np.int64, n)
    names = list(index)
    rank = np.empty(len(names), dtype=np.int64)
    rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    swap = ~table.directed & (rank[target] < rank[source])
    first, second = np.where(swap, target, source), np.where(swap, source, target)
    key = ((first * len(names) + second) * 2 + table.directed) * 3 + (table.polarity + 1)
    _, group = np.unique(key, return_inverse=True)
    group = group.reshape(-1)
    dated = ~np.isnan(table.since)
    order = np.lexsort((table.id_rank, np.where(dated, table.since, 0.0), dated, group))
    sizes = np.bincount(group)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    pairs = []
    for start, size in zip(starts.tolist(), sizes.tolist(), strict=True):
        members = order[start : start + size]
        tie = int(members[0])
        pairs.append(
            Pair(
                names[int(first[tie])],
                names[int(second[tie])],
                bool(table.directed[tie]),
                int(table.polarity[tie]),
                members,
            )
        )
    pairs.sort(key=lambda p: (-len(p), p.source, p.target, not p.directed, -p.polarity))
    return pairs


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


def weighted(table: TieTable, members: np.ndarray) -> bool:
    """Whether the ties ``members`` are weighted: at least half of them carry a weight."""
    import numpy as np

    carry = int(np.count_nonzero(~np.isnan(table.weight[members])))
    return 2 * carry >= max(1, len(members))


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


def strongest_ties(table: TieTable, pairs: Sequence[Pair], n: int = 3) -> list[list[int]]:
    """The places (in ``pair.members``) of each pair's ``n`` members whose evidence is the
    strongest: sourced, most confident, heaviest weight, ties before events, latest, then by
    id."""
    import numpy as np

    latest = np.where(np.isnan(table.since), -(10.0**7), table.since)
    by_strength = np.lexsort(
        (
            table.id_rank,
            -latest,
            table.event,
            -np.abs(np.nan_to_num(table.weight)),
            -np.nan_to_num(table.confidence),
            ~table.evidenced,
        )
    )
    rank = np.empty(len(table), dtype=np.int64)
    rank[by_strength] = np.arange(len(table))
    return [
        [0] if len(pair) == 1 else np.argsort(rank[pair.members], kind="stable")[:n].tolist()
        for pair in pairs
    ]


def pair_items(
    table: TieTable, pairs: Sequence[Pair]
) -> tuple[list[dict[str, Any]], list[float | None]]:
    """The vis edges of ``pairs`` (``p<index>``), and their ties' mean weights (None where no
    tie has one).

    A pair's edge: width by its number of ties, colour by polarity (grey when no member is
    sourced), a line pattern only when every member shares one; with its ties' mean weight
    and ``strongest`` (False: the caller marks each actor's strongest pairs,
    :func:`strongest_pairs`).
    """
    import numpy as np

    if not pairs:
        return [], []
    order = np.concatenate([pair.members for pair in pairs])
    sizes = np.array([len(pair) for pair in pairs])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    weight = table.weight[order]
    carry = ~np.isnan(weight)
    counted = np.add.reduceat(carry.astype(np.int64), starts)
    total = np.add.reduceat(np.where(carry, weight, 0.0), starts)
    means = [
        None if c == 0 else t / c for c, t in zip(counted.tolist(), total.tolist(), strict=True)
    ]
    event = table.event[order]
    events = np.add.reduceat(event.astype(np.int64), starts).tolist()
    sourced = np.maximum.reduceat(table.sourced[order], starts).tolist()
    exists_from = np.fmax.reduceat(table.exists_from[order], starts).tolist()
    exists_until = np.fmin.reduceat(table.exists_until[order], starts).tolist()
    # the status every tie (not event) of a pair shares, or -1
    status = table.status[order]
    least = np.minimum.reduceat(np.where(event, np.iinfo(np.int64).max, status), starts)
    most = np.maximum.reduceat(np.where(event, -1, status), starts)
    shared = np.where(least == most, least, -1).tolist()
    items = []
    for index, pair in enumerate(pairs):
        size = len(pair)
        if events[index] == size:
            dashes: Any = EVENT_STYLE["dashes"]
        elif shared[index] >= 0 and table.status_keys[shared[index]]:
            dashes = style_of_status(table.status_keys[shared[index]])["dashes"]
        else:
            dashes = False
        mean = means[index]
        items.append(
            {
                "id": f"p{index}",
                "from": pair.source,
                "to": pair.target,
                "arrows": "to" if pair.directed else "",
                "color": POLARITY_STYLES[pair.polarity]["color"]
                if sourced[index]
                else UNSOURCED_STYLE["color"],
                "dashes": dashes,
                "width": pair_width(size),
                "polarity": pair.polarity,
                "strength": size,
                "ties": size - events[index],
                "events": events[index],
                "exists_from": None
                if exists_from[index] != exists_from[index]
                else int(exists_from[index]),
                "exists_until": None
                if exists_until[index] != exists_until[index]
                else int(exists_until[index]),
                "weight": None if mean is None else round(mean, 3),
                "strongest": False,
            }
        )
    return items, means
