"""Each tie and event edge of a map as columns (:class:`TieTable`), and as the page carries them:
compact columns for every tie (type, status, dates, flags, style) and the details (quote,
source) of those the page has room for."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from diplograph.iri import local_name
from diplograph.maps._common import _finite, _iso, _number_text, _quantity_text
from diplograph.maps.styles import (
    EVENT_STYLE,
    POLARITY_STYLES,
    UNSOURCED_STYLE,
    edge_widths,
    style_of_status,
)
from diplograph.network.citation import events_text, evidence_texts, weight_text
from diplograph.network.temporal import ENDED, SNAPSHOT_BOUNDS

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

__all__ = [
    "DETAIL_BYTES",
    "PAGE_BYTES",
    "QUOTE_CHARS",
    "TIE_FLAGS",
    "TieTable",
    "day_number",
    "optional_days",
    "tie_columns",
    "tie_table",
]

#: the page's room for the details of single ties (their quotes, sources and numbers), in bytes
#: of JSON, at most; the rest of a big map's ties are listed by type, status and dates only
DETAIL_BYTES = 3_000_000
#: what a page may weigh in all, in bytes: a map of many ties keeps fewer details to stay under
PAGE_BYTES = 9_000_000
#: a quote longer than this is cut (the details say so); GDELT rows run to about 400 characters
QUOTE_CHARS = 600
#: supporting sentences kept per tie (the details count the others)
QUOTES_PER_TIE = 3
#: bits of a tie's ``flags`` column (map.js reads the same values)
TIE_FLAGS = {"event": 1, "ended": 2, "unsourced": 4}

_NO_STATUS = ""  # filter key of ties with no status
_MISSES = 200  # details tried in a row that do not fit the room left, before the rest are not
_EPOCH = date(1970, 1, 1).toordinal()


def detail_room(ties: int, pairs: int, nodes: int) -> int:
    """The bytes left for details in a page of ``ties`` ties in ``pairs`` pairs among ``nodes``
    actors (5 bytes a tie, 24 a pair, 400 an actor, 800,000 for vis-network and the page's own
    code, all at the high end of what bench/maps.py measured), up to :data:`DETAIL_BYTES` and
    at least a tenth of it.

    >>> detail_room(90_155, 3_040, 227), detail_room(1_000_000, 40_000, 250)
    (3000000, 2140000)
    """
    left = PAGE_BYTES - 800_000 - 5 * ties - 24 * pairs - 400 * nodes
    return max(DETAIL_BYTES // 10, min(DETAIL_BYTES, left))


def day_number(iso: str | None) -> int | None:
    """Days since 1970-01-01 of a ``YYYY-MM-DD`` day (the page's date columns), None for None.

    >>> day_number("1970-01-02"), day_number("1969-12-31"), day_number(None)
    (1, -1, None)
    """
    return None if iso is None else date.fromisoformat(iso).toordinal() - _EPOCH


def _day(value: Any) -> float:
    """A date (or ISO text) as a day number, NaN when there is none."""
    iso = _iso(value)
    return math.nan if iso is None else float(date.fromisoformat(iso).toordinal() - _EPOCH)


def _polarity(value: Any) -> int:
    number = _finite(value)
    return 0 if number is None else (number > 0) - (number < 0)


def _number(value: Any) -> float:
    number = _finite(value)
    return math.nan if number is None else number


def _column(values: list[Any], convert: Callable[[Any], Any], dtype: Any) -> np.ndarray:
    """``convert`` applied to ``values`` as one array, once per distinct value (a series of a
    million ties has a few thousand distinct days)."""
    import numpy as np

    try:
        table = {value: convert(value) for value in set(values)}
    except TypeError:  # an unhashable value: convert each one
        return np.fromiter((convert(v) for v in values), dtype, len(values))
    return np.fromiter(map(table.__getitem__, values), dtype, len(values))


def optional_days(days: np.ndarray) -> list[int | None]:
    """Day numbers (NaN: unknown) as whole numbers or None.

    >>> import numpy as np
    >>> optional_days(np.array([3.0, np.nan]))
    [3, None]
    """
    return [None if d != d else int(d) for d in days.tolist()]


def _evidenced(data: Mapping[str, Any]) -> bool:
    """Whether an edge has evidence the map can show (as :func:`evidence_texts` finds it)."""
    for entry in data.get("evidence") or ():
        if entry.get("quote") or entry.get("source"):
            return True
    return bool(data.get("quote") or data.get("source"))


@dataclass
class TieTable:
    """Every tie and event edge of a map as columns: row ``i`` is the network's ``i``-th edge.

    Days (``begin``, ``end``, ``since``: the day a tie surely began, its begin or else its
    latest begin; ``exists_from``, ``exists_until``; ``bounds``, the four SEM bounds of
    :data:`~diplograph.network.temporal.SNAPSHOT_BOUNDS` a row) are day numbers
    (:func:`day_number`) as floats, NaN when unknown, as are a ``weight`` or ``confidence`` not
    given (a UN voting agreement tie's ``weight`` is its agreement). ``type`` and ``status``
    index ``type_keys`` and ``status_keys`` (``""``: no status).
    ``data`` holds each edge's attributes, read again only for the ties the page details;
    ``id_rank`` each tie's place among the ids in order (ties among equals are broken by id).
    """

    ids: list[str]
    id_rank: np.ndarray
    sources: list[str]
    targets: list[str]
    data: list[Mapping[str, Any]]
    directed: np.ndarray
    polarity: np.ndarray
    event: np.ndarray
    sourced: np.ndarray
    ended: np.ndarray
    evidenced: np.ndarray
    weight: np.ndarray
    confidence: np.ndarray
    type: np.ndarray
    type_keys: list[str]
    status: np.ndarray
    status_keys: list[str]
    begin: np.ndarray
    end: np.ndarray
    since: np.ndarray
    exists_from: np.ndarray
    exists_until: np.ndarray
    bounds: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """``values`` as indices into their distinct values (in order of first appearance)."""
    import numpy as np

    index: dict[str, int] = {}
    codes = np.fromiter(
        (index.setdefault(value, len(index)) for value in values), np.int64, len(values)
    )
    return codes, list(index)


def tie_table(network: nx.MultiDiGraph) -> TieTable:
    """The :class:`TieTable` of ``network``'s edges.

    Ids are the edge keys (tie IRIs, ``EVENT|SOURCE|TARGET`` for events) when they are unique
    strings, else ``SOURCE|TARGET|KEY``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="t1", tie_type_label="war", polarity=-1, begin="2001-01-01")
    >>> table = tie_table(g)
    >>> table.ids, table.sources, table.type_keys, table.polarity.tolist(), table.begin.tolist()
    (['t1'], ['a'], ['war'], [-1], [11323.0])
    """
    import numpy as np

    ids: list[str] = []
    sources: list[str] = []
    targets: list[str] = []
    datas: list[Mapping[str, Any]] = []
    seen: set[str] = set()
    for source, target, key, data in network.edges(keys=True, data=True):
        edge_id = key if isinstance(key, str) and key not in seen else f"{source}|{target}|{key}"
        if edge_id in seen:
            raise ValueError(f"edge id {edge_id!r} is not unique")
        seen.add(edge_id)
        ids.append(edge_id)
        sources.append(str(source))
        targets.append(str(target))
        datas.append(data)
    n = len(ids)

    def raw(name: str) -> list[Any]:
        return [d.get(name) for d in datas]

    def days(name: str) -> np.ndarray:
        return _column(raw(name), _day, np.float64)

    statuses = raw("status")
    types, type_keys = _codes(
        [str(d.get("tie_type") or d.get("tie_type_label") or "") for d in datas]
    )
    status, status_keys = _codes([str(s or _NO_STATUS) for s in statuses])
    begin = days("begin")
    bounds = np.column_stack([days(name) for name in SNAPSHOT_BOUNDS]) if n else np.zeros((0, 4))
    since = np.where(np.isnan(begin), bounds[:, 1], begin) if n else begin

    def flags(test: Callable[[Mapping[str, Any]], bool]) -> np.ndarray:
        return np.fromiter(map(test, datas), bool, n)

    # a voting-agreement tie's weight on the map is its agreement (0 to 1): pairs are ranked,
    # filtered and grouped by it
    weight = _column(raw("weight"), _number, np.float64)
    agreement = _column(raw("agreement"), _number, np.float64)
    weight = np.where(np.isnan(weight), agreement, weight)
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[sorted(range(n), key=ids.__getitem__)] = np.arange(n)
    return TieTable(
        ids=ids,
        id_rank=id_rank,
        sources=sources,
        targets=targets,
        data=datas,
        directed=flags(lambda d: d.get("directed", True) is not False),
        polarity=_column(raw("polarity"), _polarity, np.int8),
        event=flags(lambda d: d.get("kind") == "event"),
        sourced=flags(lambda d: d.get("sourced") is not False),
        ended=np.fromiter((str(s) == ENDED for s in statuses), bool, n),
        evidenced=flags(_evidenced),
        weight=weight,
        confidence=_column(raw("confidence"), _number, np.float64),
        type=types,
        type_keys=type_keys,
        status=status,
        status_keys=status_keys,
        begin=begin,
        end=days("end"),
        since=since,
        exists_from=days("exists_from"),
        exists_until=days("exists_until"),
        bounds=bounds,
    )


def _type_label(key: str, data: Mapping[str, Any]) -> str:
    return str(data.get("tie_type_label") or (local_name(key) if key else "tie"))


def _status_label(key: str, data: Mapping[str, Any]) -> str:
    if not key:
        return "status not stated"
    return str(data.get("status_label") or style_of_status(key)["label"])


def tie_style(
    event: bool, status: str, polarity: int, sourced: bool, width: float
) -> dict[str, Any]:
    """How one tie is drawn when its pair is opened: colour by polarity (grey when unsourced),
    dashes by status (the event pattern for events), width by weight (``width``, from
    :func:`~diplograph.maps.styles.edge_widths`)."""
    return {
        "color": POLARITY_STYLES[polarity]["color"] if sourced else UNSOURCED_STYLE["color"],
        "dashes": EVENT_STYLE["dashes"] if event else style_of_status(status or None)["dashes"],
        "width": EVENT_STYLE["width"] if event else width,
    }


def _cut(text: str) -> str:
    return text[:QUOTE_CHARS] + "… (cut)" if len(text) > QUOTE_CHARS else text


def _detail(table: TieTable, index: int) -> dict[str, Any]:
    """What the columns do not hold: the id, numbers (a tie counting events: how many, over what
    period), and up to three supporting statements."""
    data = table.data[index]
    rows: list[list[str]] = []
    quantity = _quantity_text(data.get("quantity"), data.get("quantity_max"), data.get("unit"))
    if quantity:
        rows.append(["quantity", quantity])
    counted = events_text(data.get("events"), data.get("begin"), data.get("end"))
    if counted:
        rows.append(["events", counted])
    # a voting-agreement tie's weight is its agreement (edges.rq): weight_text names which
    weight = _finite(data.get("weight"))
    if weight is None:
        weight = _finite(data.get("agreement"))
    if weight is not None:
        rows.append(["weight", weight_text(weight, data.get("events"), data.get("tie_type"))])
    confidence = _finite(data.get("confidence"))
    if confidence is not None:
        rows.append(["confidence", _number_text(confidence)])
    found = evidence_texts(data)
    # a sentence, or a dataset row in words with the row itself ("row") one click away
    evidence = [{key: _cut(text) for key, text in item.items()} for item in found[:QUOTES_PER_TIE]]
    detail: dict[str, Any] = {"id": table.ids[index], "rows": rows, "evidence": evidence}
    more = len(found) - len(evidence)
    if more:
        detail["more"] = more
    return detail


def tie_sources(table: TieTable, order: Iterable[int]) -> Iterable[str]:
    """The source of every statement behind the ties ``order``, as their details name them
    (:func:`~diplograph.network.citation.evidence_texts`, without building the texts)."""
    for index in order:
        data = table.data[index]
        named = False
        for entry in data.get("evidence") or ():
            if entry.get("quote") or entry.get("source"):
                named = True
                yield str(entry.get("source") or "")
        if not named and (data.get("quote") or data.get("source")):
            yield str(data.get("source") or "")


def _first_seen(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``codes``' distinct values in order of first appearance, where each first appears, and
    ``codes`` renumbered in that order."""
    import numpy as np

    values, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    by_first = np.argsort(first, kind="stable")
    rank = np.empty(len(values), dtype=np.int64)
    rank[by_first] = np.arange(len(values))
    return values[by_first], first[by_first], rank[inverse.reshape(-1)]


def tie_columns(
    table: TieTable,
    order: np.ndarray,
    priority: Sequence[int],
    budget: int = DETAIL_BYTES,
) -> dict[str, Any]:
    """The page's tie data: ``table``'s rows in ``order`` (ties grouped by pair) as columns,
    tables of types, statuses and styles, and the details of ties taken in ``priority`` order
    (each pair's strongest first) while ``budget`` bytes last.

    The details are taken while they fit; after :data:`_MISSES` in a row that do not, the rest
    are not tried. ``begin`` and ``end`` are day numbers (NaN when unknown), ``bounds`` a tie's
    four SEM bounds (:data:`~diplograph.network.temporal.SNAPSHOT_BOUNDS`) a row; ``flags``
    holds the bits of :data:`TIE_FLAGS`; ``type``, ``status`` and ``style`` index the rows of
    ``types``, ``statuses`` and ``styles``; ``detail_at`` lists the positions (in ``order``)
    of the ties whose details the page keeps, ``details`` those details.
    """
    import numpy as np

    order = np.asarray(order, dtype=np.int64)
    event = table.event[order]
    columns: dict[str, Any] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, codes, keys, label in (
        ("type", table.type, table.type_keys, _type_label),
        ("status", table.status, table.status_keys, _status_label),
    ):
        values, first, renumbered = _first_seen(codes[order])
        counts = np.bincount(renumbered, minlength=len(values))
        rows[name] = []
        for value, at, count in zip(values.tolist(), first.tolist(), counts.tolist(), strict=True):
            tie = int(order[at])
            row = {"key": keys[value], "label": label(keys[value], table.data[tie])}
            if name == "type":
                row["kind"] = "event" if table.event[tie] else "tie"
            rows[name].append({**row, "count": count})
        columns[name] = renumbered
    # a tie's style follows from its kind, status, polarity, whether sourced, and width
    widths, width_at = np.unique(edge_widths(table.weight[order]), return_inverse=True)
    polarity = table.polarity[order].astype(np.int64) + 1
    sourced = table.sourced[order]
    keys = (((table.status[order] * 2 + event) * 2 + sourced) * 3 + polarity) * len(
        widths
    ) + width_at.reshape(-1)
    values, first, renumbered = _first_seen(keys)
    styles: dict[tuple[Any, ...], int] = {}
    style_rows: list[dict[str, Any]] = []
    style_of = np.empty(len(values), dtype=np.int64)
    for number, at in enumerate(first.tolist()):
        tie = int(order[at])
        style = tie_style(
            bool(table.event[tie]),
            table.status_keys[table.status[tie]],
            int(table.polarity[tie]),
            bool(table.sourced[tie]),
            float(widths[width_at.reshape(-1)[at]]),
        )
        dashes = style["dashes"]
        style_key = (style["color"], tuple(dashes) if dashes else (), style["width"])
        if style_key not in styles:
            styles[style_key] = len(style_rows)
            style_rows.append(style)
        style_of[number] = styles[style_key]
    columns["style"] = style_of[renumbered]
    columns["begin"] = table.begin[order]
    columns["end"] = table.end[order]
    columns["bounds"] = table.bounds[order]
    columns["flags"] = (
        event * TIE_FLAGS["event"]
        | table.ended[order] * TIE_FLAGS["ended"]
        | ~sourced * TIE_FLAGS["unsourced"]
    ).astype(np.int64)
    position = np.full(len(table), -1, dtype=np.int64)
    position[order] = np.arange(len(order))
    kept: dict[int, dict[str, Any]] = {}
    tried: set[int] = set()
    used = 0
    misses = 0
    for index in priority:
        if budget - used < 256 or misses >= _MISSES:
            break
        if index in tried:
            continue
        tried.add(index)
        detail = _detail(table, index)
        size = len(json.dumps(detail, ensure_ascii=False)) + 16
        if used + size > budget:
            misses += 1
            continue  # a shorter one further on may still fit
        kept[int(position[index])] = detail
        used += size
        misses = 0
    at = sorted(kept)
    return {
        **columns,
        "types": rows["type"],
        "statuses": rows["status"],
        "styles": style_rows,
        "detail_at": at,
        "details": [kept[i] for i in at],
    }
