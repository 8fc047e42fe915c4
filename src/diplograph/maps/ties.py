"""Each tie and event edge of a map as a record, and as the page carries it: compact columns for
every tie (type, status, dates, flags, style) and the details (quote, source) of those the
page has room for."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from diplograph.iri import local_name
from diplograph.maps._common import _finite, _iso, _number_text, _quantity_text
from diplograph.maps.styles import (
    EVENT_STYLE,
    POLARITY_STYLES,
    UNSOURCED_STYLE,
    edge_width,
    style_of_status,
)
from diplograph.network.citation import events_text, evidence_texts, weight_text
from diplograph.network.temporal import ENDED, SNAPSHOT_BOUNDS

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DETAIL_BYTES",
    "PAGE_BYTES",
    "QUOTE_CHARS",
    "TIE_FLAGS",
    "day_number",
    "tie_columns",
    "tie_records",
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


def _polarity(value: Any) -> int:
    number = _finite(value)
    return 0 if number is None else (number > 0) - (number < 0)


def tie_records(
    network: nx.MultiDiGraph, keep: Callable[[list[dict[str, Any]]], set[int]] | None = None
) -> list[dict[str, Any]]:
    """One record per edge of ``network``: what the map shows of it, in plain values.

    Ids are the edge keys (tie IRIs, ``EVENT|SOURCE|TARGET`` for events) when they are unique
    strings, else ``SOURCE|TARGET|KEY``. With ``keep``, every edge first gets a short record
    (id, ends, direction, polarity, begin: what bundling needs) and only the edges whose
    indices ``keep`` returns for those get their whole record: a network of a million ties
    whose page keeps a fraction spends no time or memory on the rest.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", key="t1", tie_type_label="conflict", polarity=-1)
    >>> [(r["id"], r["from"], r["type_label"], r["polarity"]) for r in tie_records(g)]
    [('t1', 'a', 'conflict', -1)]
    """
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for source, target, key, data in network.edges(keys=True, data=True):
        edge_id = key if isinstance(key, str) and key not in seen else f"{source}|{target}|{key}"
        if edge_id in seen:
            raise ValueError(f"edge id {edge_id!r} is not unique")
        seen.add(edge_id)
        if keep is None:
            records.append(_record(edge_id, source, target, data))
        else:
            records.append(
                {
                    "id": edge_id,
                    "from": str(source),
                    "to": str(target),
                    "directed": data.get("directed", True) is not False,
                    "polarity": _polarity(data.get("polarity")),
                    "begin": _iso(data.get("begin")),
                    "latest_begin": _iso(data.get("latest_begin")),
                }
            )
    if keep is not None:
        wanted = keep(records)
        for index, (source, target, data) in enumerate(network.edges(data=True)):
            if index in wanted:
                records[index] = _record(records[index]["id"], source, target, data)
    return records


def _record(
    edge_id: str, source: Hashable, target: Hashable, data: Mapping[str, Any]
) -> dict[str, Any]:
    status = data.get("status")
    tie_type = data.get("tie_type") or data.get("tie_type_label") or ""
    event = data.get("kind") == "event"
    return {
        "id": edge_id,
        "from": str(source),
        "to": str(target),
        "kind": "event" if event else "tie",
        "directed": data.get("directed", True) is not False,
        "type": str(tie_type),
        "type_label": str(
            data.get("tie_type_label") or (local_name(str(tie_type)) if tie_type else "tie")
        ),
        "status": str(status or _NO_STATUS),
        "status_label": str(data.get("status_label") or style_of_status(status)["label"])
        if status
        else "status not stated",
        "polarity": _polarity(data.get("polarity")),
        "weight": _finite(data.get("weight")),
        "confidence": _finite(data.get("confidence")),
        "begin": _iso(data.get("begin")),
        "end": _iso(data.get("end")),
        "ended": str(status) == ENDED,
        "sourced": data.get("sourced") is not False,
        "exists_from": _iso(data.get("exists_from")),
        "exists_until": _iso(data.get("exists_until")),
        **{name: _iso(data.get(name)) for name in SNAPSHOT_BOUNDS},
        "quantity": _quantity_text(
            data.get("quantity"), data.get("quantity_max"), data.get("unit")
        ),
        "events": data.get("events"),
        "events_text": events_text(data.get("events"), data.get("begin"), data.get("end")),
        "evidence": evidence_texts(data),
    }


def tie_style(record: Mapping[str, Any]) -> dict[str, Any]:
    """How one tie is drawn when its pair is opened: colour by polarity (grey when unsourced),
    dashes by status (the event pattern for events), width by weight."""
    event = record["kind"] == "event"
    status = style_of_status(record["status"] or None)
    return {
        "color": POLARITY_STYLES[record["polarity"]]["color"]
        if record["sourced"]
        else UNSOURCED_STYLE["color"],
        "dashes": EVENT_STYLE["dashes"] if event else status["dashes"],
        "width": EVENT_STYLE["width"] if event else edge_width(record["weight"]),
    }


def _cut(text: str) -> str:
    return text[:QUOTE_CHARS] + "… (cut)" if len(text) > QUOTE_CHARS else text


def _detail(record: Mapping[str, Any]) -> dict[str, Any]:
    """What the columns do not hold: the id, numbers (a tie counting events: how many, over what
    period), and up to three supporting statements."""
    rows: list[list[str]] = []
    if record["quantity"]:
        rows.append(["quantity", record["quantity"]])
    if record["events_text"]:
        rows.append(["events", record["events_text"]])
    if record["weight"] is not None:
        rows.append(["weight", weight_text(record["weight"], record["events"], record["type"])])
    if record["confidence"] is not None:
        rows.append(["confidence", _number_text(record["confidence"])])
    evidence = []
    for item in record["evidence"][:QUOTES_PER_TIE]:
        # a sentence, or a dataset row in words with the row itself ("row") one click away
        evidence.append({key: _cut(text) for key, text in item.items()})
    detail: dict[str, Any] = {"id": record["id"], "rows": rows, "evidence": evidence}
    more = len(record["evidence"]) - len(evidence)
    if more:
        detail["more"] = more
    return detail


def tie_columns(
    records: Sequence[Mapping[str, Any]],
    order: Sequence[int],
    priority: Sequence[int],
    budget: int = DETAIL_BYTES,
) -> dict[str, Any]:
    """The page's tie data: ``records`` in ``order`` (ties grouped by pair) as columns, tables of
    types, statuses and styles, and the details of ties taken in ``priority`` order (each
    pair's strongest first) while ``budget`` bytes last.

    The details are taken while they fit; after :data:`_MISSES` in a row that do not, the rest
    are not tried. Dates are day numbers (:func:`day_number`), ``null`` when unknown; ``bounds``
    holds a tie's four SEM bounds (:data:`~diplograph.network.temporal.SNAPSHOT_BOUNDS`), or
    ``null`` when it has none; ``flags`` holds the bits of :data:`TIE_FLAGS`; ``detail_at`` lists
    the positions (in ``order``) of the ties whose details the page keeps, ``details`` those
    details.
    """
    types: dict[str, int] = {}
    statuses: dict[str, int] = {}
    styles: dict[tuple[Any, ...], int] = {}
    type_rows: list[dict[str, Any]] = []
    status_rows: list[dict[str, Any]] = []
    style_rows: list[dict[str, Any]] = []
    columns: dict[str, list[Any]] = {
        k: [] for k in ("type", "status", "style", "begin", "end", "bounds", "flags")
    }
    for index in order:
        record = records[index]
        if record["type"] not in types:
            types[record["type"]] = len(type_rows)
            type_rows.append(
                {
                    "key": record["type"],
                    "label": record["type_label"],
                    "kind": record["kind"],
                    "count": 0,
                }
            )
        type_rows[types[record["type"]]]["count"] += 1
        if record["status"] not in statuses:
            statuses[record["status"]] = len(status_rows)
            status_rows.append(
                {"key": record["status"], "label": record["status_label"], "count": 0}
            )
        status_rows[statuses[record["status"]]]["count"] += 1
        style = tie_style(record)
        dashes = style["dashes"]
        style_key = (style["color"], tuple(dashes) if dashes else (), style["width"])
        if style_key not in styles:
            styles[style_key] = len(style_rows)
            style_rows.append(style)
        columns["type"].append(types[record["type"]])
        columns["status"].append(statuses[record["status"]])
        columns["style"].append(styles[style_key])
        columns["begin"].append(day_number(record["begin"]))
        columns["end"].append(day_number(record["end"]))
        bounds = [day_number(record[name]) for name in SNAPSHOT_BOUNDS]
        columns["bounds"].append(None if bounds == [None] * len(bounds) else bounds)
        columns["flags"].append(
            (TIE_FLAGS["event"] if record["kind"] == "event" else 0)
            | (TIE_FLAGS["ended"] if record["ended"] else 0)
            | (0 if record["sourced"] else TIE_FLAGS["unsourced"])
        )
    position = {index: i for i, index in enumerate(order)}
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
        detail = _detail(records[index])
        size = len(json.dumps(detail, ensure_ascii=False)) + 16
        if used + size > budget:
            misses += 1
            continue  # a shorter one further on may still fit
        kept[position[index]] = detail
        used += size
        misses = 0
    at = sorted(kept)
    return {
        **columns,
        "types": type_rows,
        "statuses": status_rows,
        "styles": style_rows,
        "detail_at": at,
        "details": [kept[i] for i in at],
    }
