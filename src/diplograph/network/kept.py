"""A network as plain data (JSON tables) and back: how a store keeps its network beside its data.

The tables hold only JSON values, read back with :func:`json.loads` and a few known conversions
(dates, decimals), so a kept file, whoever made it, can never run code: at worst it is refused
(:class:`ValueError`) and the network is made anew. Nodes are one table (ids and a column per
attribute); edges are grouped by the set of their attribute names (ties, events), each group a
table of source and target (node numbers), keys and a column per attribute. Columns of a few
distinct values keep each value once. Edges are kept in the order :func:`added_order` gives,
the order in which :func:`~diplograph.network.build.edges_to_networkx` adds them, so that the
network read back is the one kept, the order of its nodes, successors and predecessors included.

>>> import networkx as nx
>>> from datetime import date
>>> g = nx.MultiDiGraph(counts={"ties": 1})
>>> g.add_node("a", label="A", names=["A", "Ā"])
>>> g.add_node("b", label="B", names=[])
>>> g.add_edge("a", "b", key="t1", kind="tie", begin=date(1990, 1, 2), evidence=[{"line": 3}])
't1'
>>> back = network_from_tables(network_to_tables(g))
>>> list(back.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMAT", "added_order", "network_from_tables", "network_to_tables"]

#: the version of the tables' layout; a change to it makes kept networks out of date
FORMAT = 1

_SCALARS = frozenset({type(None), bool, int, float, str})
#: values a column keeps once each when they repeat
_HASHABLE = _SCALARS | {date, datetime, Decimal}
#: a column whose distinct values are fewer than this share of its rows keeps each value once
_POOLED_SHARE = 0.5


#: what reading tables of another shape raises (beside ValueError)
_DAMAGED = (KeyError, IndexError, TypeError, AttributeError, ArithmeticError, RecursionError)


class _Unkeepable(Exception):
    """A value of a type the tables cannot hold."""


def added_order(edge: tuple[Any, Any, Any, dict[str, Any]]) -> tuple[bool, str]:
    """The sort key of an edge ``(u, v, key, data)`` in the order the network adds them: ties,
    then events, each by key."""
    return (edge[3].get("kind") == "event", str(edge[2]))


def _tagged(value: Any) -> Any:
    """Any value the tables hold, as JSON: scalars as they are, others in a one-key object."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is date:
        return {"date": value.isoformat()}
    if kind is datetime:
        return {"datetime": value.isoformat()}
    if kind is Decimal:
        return {"decimal": str(value)}
    if kind is list:
        return {"list": [_tagged(v) for v in value]}
    if kind is dict and all(type(k) is str for k in value):
        return {"dict": {k: _tagged(v) for k, v in value.items()}}
    raise _Unkeepable(kind.__name__)


def _untagged(value: Any) -> Any:
    if type(value) is not dict:
        if type(value) in _SCALARS:
            return value
        raise ValueError("not a kept value")
    [(tag, inner)] = value.items()
    if tag == "date":
        return date.fromisoformat(inner)
    if tag == "datetime":
        return datetime.fromisoformat(inner)
    if tag == "decimal":
        return Decimal(inner)
    if tag == "list":
        return [_untagged(v) for v in inner]
    if tag == "dict":
        return {str(k): _untagged(v) for k, v in inner.items()}
    raise ValueError(f"unknown tag {tag!r}")


def _column(values: list[Any]) -> list[Any]:
    """One column as JSON: ``[kind, ...]`` (see :func:`_values`)."""
    kinds = {type(v) for v in values}
    if kinds <= _HASHABLE and len(values) > 1:
        number: dict[tuple[type, Any], int] = {}  # by type too: 1, 1.0 and True are equal
        for v in values:
            number.setdefault((type(v), v), len(number))
        if len(number) < _POOLED_SHARE * len(values):
            pool = [v for _, v in number]
            return ["pooled", len(pool), _column(pool), [number[type(v), v] for v in values]]
    if kinds <= _SCALARS:
        return ["plain", values]
    if kinds <= {type(None), date}:
        return ["date", [None if v is None else v.isoformat() for v in values]]
    if kinds == {list}:
        inner = {type(x) for v in values for x in v}
        if inner <= {str}:
            return ["plain", values]
        if inner == {dict}:
            rows = [x for v in values for x in v]
            fields = list(rows[0])
            if all(list(row) == fields for row in rows) and all(type(f) is str for f in fields):
                columns = [_column([row[f] for row in rows]) for f in fields]
                return ["records", [len(v) for v in values], fields, columns]
    return ["tagged", [_tagged(v) for v in values]]


def _values(column: Sequence[Any], size: int) -> list[Any]:
    """The ``size`` values of a column made by :func:`_column`."""
    kind = column[0]
    if kind == "plain":
        values = list(column[1])
    elif kind == "pooled":
        pool = _values(column[2], column[1])
        values = [pool[i] for i in column[3]]
    elif kind == "date":
        read = date.fromisoformat
        values = [None if v is None else read(v) for v in column[1]]
    elif kind == "records":
        lengths, fields = column[1], column[2]
        total = sum(lengths)
        parts = [_values(c, total) for c in column[3]]
        if len(fields) != len(parts):
            raise ValueError("records of another width")
        rows = [dict(zip(fields, cells, strict=True)) for cells in zip(*parts, strict=True)]
        values, start = [], 0
        for length in lengths:
            values.append(rows[start : start + length])
            start += length
    elif kind == "tagged":
        values = [_untagged(v) for v in column[1]]
    else:
        raise ValueError(f"unknown column kind {kind!r}")
    if len(values) != size:
        raise ValueError("a column of another length")
    return values


def _table(names: list[str], attributes: Iterable[dict[str, Any]]) -> dict[str, Any]:
    data = list(attributes)
    return {"names": names, "columns": [_column([d[n] for d in data]) for n in names]}


def _attributes(table: dict[str, Any], size: int) -> list[dict[str, Any]]:
    names = table["names"]
    columns = [_values(c, size) for c in table["columns"]]
    if len(names) != len(columns) or not all(type(n) is str for n in names):
        raise ValueError("a table of another width")
    if not names:
        return [{} for _ in range(size)]
    return [dict(zip(names, cells, strict=True)) for cells in zip(*columns, strict=True)]


def network_to_tables(network: nx.MultiDiGraph) -> dict[str, Any] | None:
    """``network`` as JSON tables (see the module's documentation); None when it holds a node,
    key or value the tables cannot (only text ids and keys; scalars, dates, decimals, lists and
    dicts of them)."""
    nodes = list(network.nodes)
    if any(type(n) is not str for n in nodes):
        return None
    number = {node: i for i, node in enumerate(nodes)}
    groups: dict[tuple[str, ...], list[tuple[Any, Any, Any, dict[str, Any]]]] = {}
    for edge in sorted(network.edges(keys=True, data=True), key=added_order):
        if type(edge[2]) is not str:
            return None
        groups.setdefault(tuple(edge[3]), []).append(edge)
    node_data = [network.nodes[n] for n in nodes]
    node_names = list(dict.fromkeys(name for data in node_data for name in data))
    missing = object()
    try:
        if any(data.get(name, missing) is missing for data in node_data for name in node_names):
            return None  # nodes of different attributes: not a network this package makes
        edges = [
            {
                "source": [number[e[0]] for e in group],
                "target": [number[e[1]] for e in group],
                "key": [e[2] for e in group],
                **_table(list(names), (e[3] for e in group)),
            }
            for names, group in groups.items()
        ]
        return {
            "format": FORMAT,
            "graph": _tagged(dict(network.graph)),
            "nodes": {"id": nodes, **_table(node_names, node_data)},
            "edges": edges,
        }
    except _Unkeepable:
        return None


def network_from_tables(tables: Any) -> nx.MultiDiGraph:
    """The network :func:`network_to_tables` kept; :class:`ValueError` for anything else (a
    file of another format or damaged)."""
    import networkx as nx

    try:
        if type(tables) is not dict or tables.get("format") != FORMAT:
            raise ValueError("not kept tables of this format")
        graph = _untagged(tables["graph"])
        if type(graph) is not dict:
            raise ValueError("graph attributes that are not a mapping")
        ids = tables["nodes"]["id"]
        if not all(type(n) is str for n in ids):
            raise ValueError("node ids that are not text")
        network = nx.MultiDiGraph(**graph)
        network.add_nodes_from(zip(ids, _attributes(tables["nodes"], len(ids)), strict=True))
        for table in tables["edges"]:
            keys = table["key"]
            size = len(keys)
            if not all(type(k) is str for k in keys):
                raise ValueError("edge keys that are not text")
            sources = [ids[i] for i in table["source"]]
            targets = [ids[i] for i in table["target"]]
            if len(sources) != size or len(targets) != size:
                raise ValueError("an edge table of another length")
            network.add_edges_from(
                zip(sources, targets, keys, _attributes(table, size), strict=True)
            )
    except _DAMAGED as error:
        raise ValueError(f"damaged tables ({type(error).__name__})") from error
    return network
