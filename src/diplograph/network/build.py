"""Query results -> networkx ``MultiDiGraph``: actors as nodes, ties as edges keyed by tie IRI.

Any query can feed a network: the ties it mentions (``dipl:Tie`` subjects of a CONSTRUCT, tie
IRIs in the cells of a SELECT) are looked up in the standard edge list (``queries/edges.rq``), so
every edge carries the same attributes whichever query chose it. The edge list, the evidence
(``tie-evidence``) and the node table (``actors``) come from the store as plain Python values, two
queries at a time, which keeps 100k ties to a network within about a second and a half.

Node attributes: ``label``, ``kind`` (class label, e.g. ``"state"``), ``kind_iri``, ``iso3``,
``cow``, ``wikidata`` and ``names`` (every label and alias, any script). Edge attributes:
``tie_type``, ``tie_type_label``, ``directed``, ``status``, ``status_label``, ``polarity`` (-1,
0, 1), ``weight``, ``confidence``, ``begin``, ``end`` (``datetime.date`` or None),
``quantity``, ``quantity_max``, ``unit``, ``quote`` and ``source`` (the first supporting
sentence and its document's label), ``evidence`` (every sentence, as dicts) and ``sourced``
(whether any sentence supports it). More attributes can be added per edge with ``edge_attrs``.

>>> import diplograph
>>> kg = diplograph.open("memory")
>>> g = build_network(kg, "troop-contributors")
>>> sorted(g.nodes[n]["label"] for n in g.predecessors("https://w3id.org/diplograph/id/isf"))
['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from rdflib import URIRef
from rdflib.namespace import RDF

from diplograph.namespaces import DIPL
from diplograph.queries import QueryResult, run_values

if TYPE_CHECKING:
    import networkx as nx

    from diplograph.api import KnowledgeGraph

__all__ = ["EdgeAttrs", "build_network", "edges_to_networkx", "ties_in"]

#: (edge row as a dict of Python values) -> extra edge attributes; see :func:`edges_to_networkx`
EdgeAttrs = Callable[[Mapping[str, Any]], Mapping[str, Any]]


def ties_in(result: QueryResult) -> set[str] | None:
    """The tie IRIs a query result mentions, or None to mean "every IRI it mentions".

    A CONSTRUCT gives its ``dipl:Tie`` subjects; a SELECT gives every IRI in its cells (which
    of them are ties is settled against the edge list).
    """
    if result.graph is not None:
        return {str(s) for s in result.graph.subjects(RDF.type, DIPL.Tie)}
    return {str(v) for row in result.rows for v in row if isinstance(v, URIRef)}


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def edges_to_networkx(
    edges: Iterable[Mapping[str, Any]],
    *,
    evidence: Iterable[Mapping[str, Any]] = (),
    actors: Iterable[Mapping[str, Any]] = (),
    concepts: Iterable[Mapping[str, Any]] = (),
    keep: Iterable[str] | None = None,
    edge_attrs: EdgeAttrs | None = None,
) -> nx.MultiDiGraph:
    """Build the network from rows of the ``edges``, ``tie-evidence``, ``actors`` and ``tie-types``
    queries (dicts of Python values, as :func:`diplograph.queries.run_values` gives them).

    ``keep`` limits the edges to those tie IRIs (None keeps every tie); ``edge_attrs`` adds
    attributes computed from each edge row (e.g. event counts of imported data).
    """
    import networkx as nx

    wanted = None if keep is None else set(keep)
    concept = {row["concept"]: row for row in concepts}
    quotes: dict[str, list[dict[str, Any]]] = {}
    for row in evidence:
        quotes.setdefault(row["tie"], []).append(
            {
                "quote": row["quote"],
                "document": row["document"],
                "source": row["documentLabel"] or row["document"],
                "line": row["line"],
            }
        )
    network = nx.MultiDiGraph()
    add_edge = network.add_edge
    for row in edges:
        tie = row["tie"]
        if wanted is not None and tie not in wanted:
            continue
        tie_type = concept.get(row["tieType"], {})
        status = concept.get(row["status"], {}) if row["status"] else {}
        polarity = row["polarity"]
        if polarity is None:
            polarity = tie_type.get("defaultPolarity")
        supporting = sorted(
            quotes.get(tie, []), key=lambda e: (str(e["source"]), e["line"] or 0, e["quote"])
        )
        directed = tie_type.get("directed")
        attributes = {
            "tie_type": row["tieType"],
            "tie_type_label": tie_type.get("label"),
            "directed": True if directed is None else bool(directed),
            "status": row["status"],
            "status_label": status.get("label"),
            "polarity": int(polarity or 0),
            "weight": _number(row["weight"]),
            "confidence": _number(row["confidence"]),
            "begin": _date(row["begin"]),
            "end": _date(row["end"]),
            "quantity": row["quantity"],
            "quantity_max": row["quantityMax"],
            "unit": row["unit"],
            "evidence": supporting,
            "sourced": bool(supporting),
            "quote": supporting[0]["quote"] if supporting else None,
            "source": supporting[0]["source"] if supporting else None,
        }
        if edge_attrs is not None:
            attributes.update(edge_attrs(row))
        add_edge(row["source"], row["target"], key=tie, **attributes)
    _add_actor_attributes(network, actors)
    return network


def _add_actor_attributes(network: nx.MultiDiGraph, actors: Iterable[Mapping[str, Any]]) -> None:
    nodes = network.nodes
    for row in actors:
        node = row["actor"]
        if node not in nodes:
            continue
        attributes = nodes[node]
        if row["label"]:
            attributes["label"] = row["label"]
        attributes["kind"] = row["kindLabel"]
        attributes["kind_iri"] = row["kind"]
        attributes["iso3"] = row["iso3"]
        attributes["cow"] = row["cow"]
        attributes["wikidata"] = row["wikidata"]
        attributes["names"] = sorted({n for n in (row["names"] or "").split(" | ") if n})
    for node, attributes in network.nodes(data=True):
        attributes.setdefault("label", str(node).rsplit("/", 1)[-1])
        attributes.setdefault("kind", "actor")


def build_network(
    kg: KnowledgeGraph,
    query: str | None = None,
    params: Mapping[str, str] | None = None,
    as_of: str | None = None,
    *,
    edge_attrs: EdgeAttrs | None = None,
) -> nx.MultiDiGraph:
    """The network of the ties that ``query`` returns (every tie when ``query`` is None).

    ``as_of`` (YYYY-MM-DD) keeps only ties in force on that date; undated ties are kept.
    The graph attributes ``query``, ``params`` and ``as_of`` record how it was made.
    """
    keep = None
    if query is not None:
        keep = ties_in(kg.query(query, **dict(params or {})))
    store = kg.store
    edge_params = {"asOf": as_of} if as_of else {}
    with ThreadPoolExecutor(max_workers=2 if store.parallel_queries else 1) as pool:
        edges = pool.submit(run_values, store, "edges", edge_params)
        evidence = pool.submit(run_values, store, "tie-evidence")
        actors = run_values(store, "actors")
        concepts = run_values(store, "tie-types")
        network = edges_to_networkx(
            edges.result(),
            evidence=evidence.result(),
            actors=actors,
            concepts=concepts,
            keep=keep,
            edge_attrs=edge_attrs,
        )
    network.graph.update(query=query or "all ties", params=dict(params or {}), as_of=as_of)
    return network
