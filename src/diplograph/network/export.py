"""Write the tie network as GraphML or GEXF (for Gephi, yEd, Cytoscape) or node-link JSON.

GraphML and GEXF hold only flat values, so :func:`flatten` turns dates into YYYY-MM-DD, lists
into text and the evidence into one line per quoted sentence, and leaves out missing values.
A tie's three-valued ``in_force`` becomes the text ``"in force"`` or ``"unknown"`` (a missing
value would read as "not asked"), and the network's ``counts`` become graph attributes
``counts_ties``, ``counts_ties_in_force`` and so on. The tie IRI stays the edge id (an event
edge's id is ``EVENT|SOURCE|TARGET``). In GEXF a tie's ``begin`` and ``end`` become the edge's
own ``start`` and ``end``, so that Gephi's timeline shows when each tie was in force.

>>> import networkx as nx
>>> from datetime import date
>>> G = nx.MultiDiGraph()
>>> G.add_node("A", label="Avalon", names=["Avalon", "AVA"])
>>> G.add_edge("A", "B", key="t1", begin=date(1990, 1, 2), end=None, tie_type_label="alliance")
't1'
>>> flat = flatten(G)
>>> flat.nodes["A"]["names"], flat.edges["A", "B", "t1"]
('Avalon | AVA', {'begin': '1990-01-02', 'tie_type_label': 'alliance', 'label': 'alliance'})
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["EXPORT_FORMATS", "export_text", "flatten", "to_gexf", "to_graphml", "to_json"]

#: format name -> file suffix
EXPORT_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json"}

#: attributes that are numbers on some ties: always written as decimals, so the type is the same
_DECIMALS = {"weight", "agreement", "confidence", "quantity", "quantity_max"}


def _evidence_text(evidence: list[Any]) -> str:
    lines = []
    for item in evidence:
        if not isinstance(item, Mapping):
            lines.append(str(item))
            continue
        where = str(item.get("source") or item.get("document") or "")
        if item.get("line") is not None:
            where += f", line {item['line']}"
        lines.append(f"{where}: {item.get('quote')}" if where else str(item.get("quote")))
    return "\n".join(lines)


def _flat(name: str, value: Any) -> Any:
    """A value GraphML and GEXF can hold (str, int, float, bool), or None to leave it out."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if name in _DECIMALS and isinstance(value, int | float | Decimal):
        return float(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if name == "evidence" and isinstance(value, list):
        return _evidence_text(value) or None
    if isinstance(value, Mapping):
        return "; ".join(f"{k}={_flat(str(k), v)}" for k, v in value.items()) or None
    if isinstance(value, list | tuple | set | frozenset):
        items = [str(_flat(name, v)) for v in value if v is not None]
        return " | ".join(items) or None
    return str(value)


def _flat_dict(data: Mapping[Any, Any]) -> dict[str, Any]:
    flat = {str(k): _flat(str(k), v) for k, v in data.items()}
    if "in_force" in data:
        flat["in_force"] = "in force" if data["in_force"] else "unknown"
    return {k: v for k, v in flat.items() if v is not None}


def _flat_graph(data: Mapping[Any, Any]) -> dict[str, Any]:
    """Graph attributes, flat; the ``counts`` mapping becomes one ``counts_NAME`` per count."""
    counts = data.get("counts")
    flat = _flat_dict({k: v for k, v in data.items() if k != "counts"})
    if isinstance(counts, Mapping):
        flat.update({f"counts_{name}": int(number) for name, number in counts.items()})
    return flat


def flatten(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose node, edge and graph attributes are all str, int, float or bool.

    Dates become YYYY-MM-DD, lists ``" | "``-joined text, the evidence one line per sentence
    (``source, line N: quote``), mappings ``key=value; ...``, ``in_force`` ``"in force"`` or
    ``"unknown"``, the graph's ``counts`` one attribute each; missing values are left out.
    Each tie also gets a ``label``, its type's label, which Gephi shows on the edge.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.

    Returns
    -------
    networkx.MultiDiGraph
    """
    import networkx as nx

    flat = nx.MultiDiGraph()
    flat.graph.update(_flat_graph(G.graph))
    for node, data in G.nodes(data=True):
        flat.add_node(node, **_flat_dict(data))
    for u, v, key, data in G.edges(keys=True, data=True):
        attributes = _flat_dict(data)
        if "label" not in attributes and "tie_type_label" in attributes:
            attributes["label"] = attributes["tie_type_label"]
        flat.add_edge(u, v, key=key, **attributes)
    return flat


def to_graphml(G: nx.MultiDiGraph) -> str:
    """GraphML text; the edge ids are the tie IRIs.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="https://example.org/t1", quote="A and B signed.")
    'https://example.org/t1'
    >>> again = nx.parse_graphml(to_graphml(G), force_multigraph=True)
    >>> list(again.edges(keys=True, data="quote"))
    [('A', 'B', 'https://example.org/t1', 'A and B signed.')]
    """
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(flatten(G), buffer, infer_numeric_types=True)
    return buffer.getvalue().decode("utf-8")


def to_gexf(G: nx.MultiDiGraph) -> str:
    """GEXF 1.2 text; the edge ids are the tie IRIs, ``begin``/``end`` the edges' start/end.

    Examples
    --------
    >>> import networkx as nx
    >>> from datetime import date
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="https://example.org/t1", begin=date(2001, 5, 1))
    'https://example.org/t1'
    >>> again = nx.read_gexf(io.BytesIO(to_gexf(G).encode()))
    >>> [(d["id"], d["start"]) for _, _, d in again.edges(data=True)]
    [('https://example.org/t1', '2001-05-01')]
    """
    import networkx as nx

    flat = flatten(G)
    for _, _, key, data in flat.edges(keys=True, data=True):
        data["id"] = str(key)
        if "begin" in data:
            data["start"] = data.pop("begin")
    return "\n".join(nx.generate_gexf(flat)) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str)
    return str(value)


def to_json(G: nx.MultiDiGraph) -> str:
    """Node-link JSON (``nodes`` and ``links``, as d3 reads it); dates as YYYY-MM-DD.

    Lists and the evidence stay structured. Read it back with
    ``networkx.node_link_graph(data, edges="links")``. One node or link a line: each is
    written by the json module's C encoder, which ``indent`` would turn off for the whole file.

    Examples
    --------
    >>> import networkx as nx
    >>> from datetime import date
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="t1", begin=date(2001, 5, 1))
    't1'
    >>> json.loads(to_json(G))["links"]
    [{'begin': '2001-05-01', 'source': 'A', 'target': 'B', 'key': 't1'}]
    """
    import networkx as nx

    data = nx.node_link_data(G, edges="links")
    encode = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
    members = []
    for name, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + encode(item) for item in value)
            members.append(f"  {encode(name)}: [\n{items}\n  ]")
        else:
            members.append(f"  {encode(name)}: {encode(value)}")
    return "{\n" + ",\n".join(members) + "\n}\n"


def export_text(G: nx.MultiDiGraph, fmt: str) -> str:
    """``G`` as text in ``fmt``: one of :data:`EXPORT_FORMATS`."""
    writers = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json}
    if fmt not in writers:
        raise ValueError(f"Unknown export format {fmt!r}; use one of {', '.join(writers)}.")
    return writers[fmt](G)
