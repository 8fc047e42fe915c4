"""Query results -> networkx ``MultiDiGraph``: actors as nodes, ties as edges keyed by tie IRI.

Any query can feed a network: the ties it mentions (``dipl:Tie`` subjects of a CONSTRUCT, tie
IRIs in the cells of a SELECT) are looked up in the standard edge list (``queries/edges.rq``), so
every edge carries the same attributes whichever query chose it.

Node attributes: ``label``, ``kind`` (class label, e.g. ``"state"``), ``kind_iri``, ``iso3``,
``cow``, ``wikidata`` and ``names`` (every label and alias, any script). Edge attributes:
``tie_type``, ``tie_type_label``, ``directed``, ``status``, ``status_label``, ``polarity`` (-1,
0, 1), ``weight``, ``confidence``, ``begin``, ``end`` (``datetime.date`` or None),
``quantity``, ``quantity_max``, ``unit``, ``quote`` and ``source`` (the first supporting
sentence and its document's label) and ``evidence`` (every sentence, as dicts).

>>> import diplograph
>>> kg = diplograph.load()
>>> g = build_network(kg, "troop-contributors")
>>> sorted(g.nodes[n]["label"] for n in g.predecessors("https://w3id.org/diplograph/id/isf"))
['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from diplograph.namespaces import DIPL
from diplograph.queries import QueryResult

if TYPE_CHECKING:
    import networkx as nx

    from diplograph.api import KnowledgeGraph

__all__ = ["build_network", "edges_to_networkx", "ties_in"]


def ties_in(result: QueryResult, graph: Graph) -> set[str]:
    """The tie IRIs a query result mentions: tie subjects of a graph, or tie IRIs in rows."""
    if result.graph is not None:
        return {str(s) for s in result.graph.subjects(RDF.type, DIPL.Tie)}
    found: set[str] = set()
    candidates = {v for row in result.rows for v in row if isinstance(v, URIRef)}
    for value in candidates:
        if (value, RDF.type, DIPL.Tie) in graph:
            found.add(str(value))
    return found


def _python(value: Any) -> Any:
    """A cell of :meth:`QueryResult.records` as a plain Python value for networkx."""
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Literal):
        return value.toPython()
    return value


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _date(value: Any) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else None


def edges_to_networkx(
    edges: QueryResult,
    actors: QueryResult | None = None,
    keep: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Build the network from an ``edges`` result (and the ``actors`` node table).

    ``keep`` limits the edges to those tie IRIs; ``None`` keeps every tie.
    """
    import networkx as nx

    wanted = None if keep is None else set(keep)
    network = nx.MultiDiGraph()
    for record in edges.records():
        tie = str(record["tie"])
        if wanted is not None and tie not in wanted:
            continue
        evidence = {
            "quote": record["quote"],
            "document": _python(record["document"]),
            "source": record["documentLabel"] or _python(record["document"]),
            "line": record["line"],
        }
        source, target = str(record["source"]), str(record["target"])
        if network.has_edge(source, target, key=tie):
            network.edges[source, target, tie]["evidence"].append(evidence)
            continue
        for node, label, kind in (
            (source, record["sourceLabel"], record["sourceKind"]),
            (target, record["targetLabel"], record["targetKind"]),
        ):
            if node not in network:
                network.add_node(node, label=label or node.rsplit("/", 1)[-1], kind=kind or "actor")
        network.add_edge(
            source,
            target,
            key=tie,
            tie_type=_python(record["tieType"]),
            tie_type_label=record["tieTypeLabel"],
            directed=bool(record["directed"]) if record["directed"] is not None else True,
            status=_python(record["status"]),
            status_label=record["statusLabel"],
            polarity=int(record["polarity"]),
            weight=_number(record["weight"]),
            confidence=_number(record["confidence"]),
            begin=_date(record["begin"]),
            end=_date(record["end"]),
            quantity=record["quantity"],
            quantity_max=record["quantityMax"],
            unit=record["unit"],
            evidence=[evidence],
        )
    for _, _, data in network.edges(data=True):
        data["evidence"].sort(key=lambda e: (str(e["source"]), e["line"] or 0, e["quote"]))
        data["quote"] = data["evidence"][0]["quote"]
        data["source"] = data["evidence"][0]["source"]
    if actors is not None:
        _add_actor_attributes(network, actors)
    return network


def _add_actor_attributes(network: nx.MultiDiGraph, actors: QueryResult) -> None:
    for record in actors.records():
        node = str(record["actor"])
        if node not in network:
            continue
        attributes = network.nodes[node]
        if record["label"]:
            attributes["label"] = record["label"]
        attributes["kind"] = record["kindLabel"]
        attributes["kind_iri"] = _python(record["kind"])
        attributes["iso3"] = record["iso3"]
        attributes["cow"] = record["cow"]
        attributes["wikidata"] = _python(record["wikidata"])
        attributes["names"] = [n for n in (record["names"] or "").split(" | ") if n]


def build_network(
    kg: KnowledgeGraph,
    query: str | None = None,
    params: Mapping[str, str] | None = None,
    as_of: str | None = None,
) -> nx.MultiDiGraph:
    """The network of the ties that ``query`` returns (every tie when ``query`` is None).

    ``as_of`` (YYYY-MM-DD) keeps only ties in force on that date; undated ties are kept.
    The graph attributes ``query``, ``params`` and ``as_of`` record how it was made.
    """
    keep = None
    if query is not None:
        keep = ties_in(kg.query(query, **dict(params or {})), kg.graph)
    edge_params = {"asOf": as_of} if as_of else {}
    network = edges_to_networkx(kg.query("edges", **edge_params), kg.query("actors"), keep)
    network.graph.update(query=query or "all ties", params=dict(params or {}), as_of=as_of)
    return network
