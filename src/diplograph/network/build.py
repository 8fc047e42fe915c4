"""Query results -> networkx ``MultiDiGraph``: actors as nodes, ties and events as edges.

Any query can feed a network: the ties it mentions (``dipl:Tie`` subjects of a CONSTRUCT, tie
IRIs in the cells of a SELECT) are looked up in the standard edge list (``queries/edges.rq``), so
every edge carries the same attributes whichever query chose it. The edge list, the evidence
(``tie-evidence``) and the node table (``actors``) come from the store as plain Python values, two
queries at a time; for a query that does not mention too many IRIs, only its own ties'
rows are read (:data:`READ_IN_BLOCKS`). How long it takes: ``bench/stores.py``.

Events are edges too (``queries/event-edges.rq``): an event joins its acting party to its
recipient and the parties that take part in it to each other and to its acting party, one edge
per event and pair, keyed ``EVENT_IRI|SOURCE|TARGET`` (``|`` cannot occur in an IRI). Co-acting
parties are not joined, and an event that establishes a tie gives no edge (the tie is the edge).
With a query, the events kept are those whose IRI the query's result mentions; with no query,
every event.

Node attributes: ``label``, ``kind`` (class label, e.g. ``"state"``), ``kind_iri``, ``iso3``,
``cow``, ``wikidata`` and ``names`` (every label and alias, any script). Edge attributes:
``kind`` (``"tie"`` or ``"event"``), ``tie_type``, ``tie_type_label``, ``directed``, ``status``,
``status_label``, ``polarity`` (-1, 0, 1), ``weight``, ``agreement`` (a UN voting agreement
tie's share of common roll calls voted the same), ``confidence``, ``begin``, ``end``,
``exists_from``, ``exists_until`` (the days both actors exist from and until), ``earliest_begin``,
``latest_begin``, ``earliest_end``, ``latest_end`` (the bounds of a tie observed at snapshots;
all dates are ``datetime.date`` or None), ``known_as_of`` (the earliest publication date of its
sources, None when unknown), ``quantity``, ``quantity_max``, ``unit``, ``events`` (the event
count of a tie that counts events), ``quote`` and ``source`` (the first supporting sentence and
its document's label), ``citation`` (what the first supporting statement says, a dataset row in
words; for a tie counting events, their count, period and mean Goldstein value:
:mod:`diplograph.network.citation`), ``evidence`` (every statement, as dicts of ``quote``,
``citation``, ``source``, ``line``, ``dataset`` ...), ``sourced`` (whether any statement
supports it), ``in_force`` (with ``as_of`` only: True, or None when unknown on that day; see
:mod:`diplograph.network.temporal`) and, on event edges, ``event`` (the event's IRI). More
attributes can be added per tie with ``edge_attrs``.

Graph attributes: ``query``, ``params``, ``as_of``, ``undated``, ``unsourced`` and ``events``
(how the network was made) and ``counts`` (:func:`diplograph.network.temporal.tally`: ties and
event edges kept, in force, of unknown time, unsourced, and those left out).

>>> from diplograph.store import open_store
>>> g = build_network(open_store("memory"), "troop-contributors")
>>> sorted(g.nodes[n]["label"] for n in g.predecessors("https://w3id.org/diplograph/id/isf"))
['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from diplograph.digest import sha256_hex
from diplograph.iri import local_name
from diplograph.namespaces import DIPL, RDF
from diplograph.network import citation, kept, temporal
from diplograph.network.citation import cite_network
from diplograph.network.kept import added_order, network_from_tables, network_to_tables
from diplograph.network.temporal import (
    UNDATED_MODES,
    UNSOURCED_MODES,
    Undated,
    Unsourced,
    edge_in_force,
    tally,
)
from diplograph.queries import QueryResult, find_query, run_query, run_values
from diplograph.store.derived import kept_for_state

if TYPE_CHECKING:
    import networkx as nx

    from diplograph.store import Store

__all__ = ["EdgeAttrs", "build_network", "edges_to_networkx", "event_key", "mentioned"]

#: (edge row as a dict of Python values) -> extra edge attributes; see :func:`edges_to_networkx`
EdgeAttrs = Callable[[Mapping[str, Any]], Mapping[str, Any]]

#: the IRIs of a query's network bound in one VALUES block: Oxigraph plans a block of more than
#: 1,000 rows another, far slower way (bench/README.md, "Figures that were comments")
READ_ALONE = 1_000
#: a query mentioning at most this many IRIs has its own ties' rows read, block by block; past
#: it every tie is read and the query's are kept (where the two cost the same: bench/README.md)
READ_IN_BLOCKS = 10_000
#: past READ_IN_BLOCKS, a query's own ties are still read block by block while they are at most
#: this share of the store's ties: reading every tie costs in proportion to all of them (the two
#: cost the same at about a fifth of the ties of 1M synthetic triples and a tenth of the 863,370
#: of every real dataset: bench/README.md, "Figures that were comments" and issue 19)
READ_IN_BLOCKS_SHARE = 0.1
#: the store's ties, counted (only for a query past READ_IN_BLOCKS IRIs)
_TIE_COUNT = "SELECT (COUNT(*) AS ?ties) WHERE { ?tie a dipl:Tie }"
#: a query's network is made from the network kept beside the store when the query mentions
#: more IRIs than this (one VALUES block): fewer ties' own rows are read faster than it is
KEPT_PAST = READ_ALONE

Rows = list[dict[str, Any]]


def _read_blocks(
    store: Store, name: str, params: Mapping[str, str] | None, variable: str, iris: list[str]
) -> Rows:
    """The rows of query ``name`` for ``variable`` bound to each of ``iris``, READ_ALONE at a
    time (each row holds its IRI, so the blocks' rows are apart)."""
    rows: Rows = []
    for start in range(0, len(iris), READ_ALONE):
        rows += run_values(store, name, params, only={variable: iris[start : start + READ_ALONE]})
    return rows


def mentioned(result: QueryResult) -> set[str]:
    """The tie and event IRIs a query result mentions: what a network of that query shows.

    A CONSTRUCT gives its ``dipl:Tie`` and ``dipl:DiplomaticEvent`` subjects; a SELECT every IRI
    in its cells (which of them are ties or events is settled against the edge lists).
    """
    if result.graph is not None:
        found = {str(s) for s in result.graph.subjects(RDF.type, DIPL.Tie)}
        found.update(str(s) for s in result.graph.subjects(RDF.type, DIPL.DiplomaticEvent))
        return found
    return {str(v) for row in result.rows for v in row if isinstance(v, URIRef)}


def event_key(event: str, source: str, target: str) -> str:
    """The edge key of an event's edge between two actors: ``EVENT|SOURCE|TARGET``.

    >>> event_key("https://ex.org/meeting", "https://ex.org/a", "https://ex.org/b")
    'https://ex.org/meeting|https://ex.org/a|https://ex.org/b'
    """
    return f"{event}|{source}|{target}"


def _tie_of(row: Mapping[str, Any]) -> str:
    return str(row["tie"])


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _quotes(rows: Iterable[Mapping[str, Any]], subject: str) -> dict[str, list[dict[str, Any]]]:
    """Supporting sentences by tie (or event) IRI, in reading order: source, line, quote."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        found.setdefault(row[subject], []).append(
            {
                "quote": row["quote"],
                "document": row["document"],
                "source": row["documentLabel"] or row["document"],
                "line": row["line"],
                "published": _date(row.get("published")),
                "statement": row.get("statement"),
                "dataset": row.get("dataset"),
                # a document's sentence is its own citation; a dataset row's is made by
                # diplograph.network.citation (build_network) from the claim made of it
                "citation": row["quote"] if row.get("dataset") is None else None,
            }
        )
    for sentences in found.values():
        if len(sentences) > 1:
            sentences.sort(key=lambda e: (str(e["source"]), e["line"] or 0, e["quote"]))
    return found


def _known_as_of(sentences: list[dict[str, Any]]) -> date | None:
    """The day a claim is known as of: the earliest publication date of its sources (the first
    report of it), None when no source has a known date (the seed article's is unknown)."""
    days = [e["published"] for e in sentences if e["published"] is not None]
    return min(days) if days else None


def _event_edges(
    rows: Iterable[Mapping[str, Any]], wanted: set[str] | None
) -> dict[str, Mapping[str, Any]]:
    """One row per event and pair of actors, by edge key: a pair an event joins both ways (an
    acting party that also takes part) is one edge, the directed row winning."""
    chosen: dict[tuple[str, frozenset[str]], Mapping[str, Any]] = {}
    for row in rows:
        if wanted is not None and row["event"] not in wanted:
            continue
        pair = (row["event"], frozenset((row["source"], row["target"])))
        if pair not in chosen or (row["directed"] and not chosen[pair]["directed"]):
            chosen[pair] = row
    return {event_key(r["event"], r["source"], r["target"]): r for r in chosen.values()}


def edges_to_networkx(
    edges: Iterable[Mapping[str, Any]],
    *,
    evidence: Iterable[Mapping[str, Any]] = (),
    actors: Iterable[Mapping[str, Any]] = (),
    concepts: Iterable[Mapping[str, Any]] = (),
    keep: Iterable[str] | None = None,
    edge_attrs: EdgeAttrs | None = None,
    events: Iterable[Mapping[str, Any]] = (),
    event_evidence: Iterable[Mapping[str, Any]] = (),
    as_of: str | None = None,
    undated: Undated = "show",
    unsourced: Unsourced = "show",
) -> nx.MultiDiGraph:
    """Build the network from rows of the ``edges``, ``tie-evidence``, ``actors``,
    ``tie-types``, ``event-edges`` and ``event-evidence`` queries (dicts of Python values, as
    :func:`diplograph.queries.run_values` gives them).

    ``keep`` limits the edges to those tie and event IRIs (None keeps every one); ``edge_attrs``
    adds attributes computed from each tie's row (e.g. event counts of imported data).
    ``as_of`` is the day the ``edges`` rows were asked for: their ``inForce`` says whether each
    tie is in force (True) or of unknown time (unbound); event rows are judged by
    :func:`~diplograph.network.temporal.in_force`. ``undated`` and ``unsourced`` say what to do
    with edges of unknown time and edges no sentence supports (see :func:`build_network`); a
    tie of unknown time that is also unsourced is counted once, as of unknown time.
    """
    import networkx as nx

    if undated not in UNDATED_MODES:
        raise ValueError(f"undated must be one of {', '.join(UNDATED_MODES)}, not {undated!r}.")
    if unsourced not in UNSOURCED_MODES:
        raise ValueError(
            f"unsourced must be one of {', '.join(UNSOURCED_MODES)}, not {unsourced!r}."
        )
    wanted = None if keep is None else set(keep)
    concept = {row["concept"]: row for row in concepts}
    left_out = {"unknown": {"ties": 0, "events": 0}, "unsourced": {"ties": 0, "events": 0}}
    network = nx.MultiDiGraph()
    add_edge = network.add_edge

    def add(source: Any, target: Any, key: str, attributes: dict[str, Any]) -> None:
        kind = "events" if attributes["kind"] == "event" else "ties"
        if "in_force" in attributes:
            if attributes["in_force"] is False:
                return
            if attributes["in_force"] is None and undated == "exclude":
                left_out["unknown"][kind] += 1
                return
        if not attributes["sourced"] and unsourced == "exclude":
            left_out["unsourced"][kind] += 1
            return
        add_edge(source, target, key=key, **attributes)

    quotes = _quotes(evidence, "tie")
    # ties in IRI order, then events by key: the same network, node and edge order included,
    # whichever way its rows were read (all at once, in blocks, or from the kept network)
    for row in sorted(edges, key=_tie_of):
        tie = row["tie"]
        if wanted is not None and tie not in wanted:
            continue
        tie_type = concept.get(row["tieType"], {})
        status = concept.get(row["status"], {}) if row["status"] else {}
        polarity = row["polarity"]
        if polarity is None:
            polarity = tie_type.get("defaultPolarity")
        supporting = quotes.get(tie, [])
        directed = tie_type.get("directed")
        attributes = {
            "kind": "tie",
            "tie_type": row["tieType"],
            "tie_type_label": tie_type.get("label"),
            "directed": True if directed is None else bool(directed),
            "status": row["status"],
            "status_label": status.get("label"),
            "polarity": int(polarity or 0),
            "weight": _number(row["weight"]),
            "agreement": _number(row.get("agreement")),
            "confidence": _number(row["confidence"]),
            "begin": _date(row["begin"]),
            "end": _date(row["end"]),
            "exists_from": _date(row.get("existsFrom")),
            "exists_until": _date(row.get("existsUntil")),
            "earliest_begin": _date(row.get("earliestBegin")),
            "latest_begin": _date(row.get("latestBegin")),
            "earliest_end": _date(row.get("earliestEnd")),
            "latest_end": _date(row.get("latestEnd")),
            "quantity": row["quantity"],
            "quantity_max": row["quantityMax"],
            "unit": row["unit"],
            "events": row.get("events"),
            "evidence": supporting,
            "sourced": bool(supporting),
            "quote": supporting[0]["quote"] if supporting else None,
            "source": supporting[0]["source"] if supporting else None,
            "known_as_of": _known_as_of(supporting),
        }
        if as_of is not None:
            attributes["in_force"] = (
                row["inForce"] if "inForce" in row else edge_in_force(as_of, attributes)
            )
        if edge_attrs is not None:
            attributes.update(edge_attrs(row))
        add(row["source"], row["target"], tie, attributes)

    event_quotes = _quotes(event_evidence, "event")
    for key, row in sorted(_event_edges(events, wanted).items()):
        event_type = concept.get(row["eventType"], {}) if row["eventType"] else {}
        status = concept.get(row["status"], {}) if row["status"] else {}
        supporting = event_quotes.get(row["event"], [])
        type_label = event_type.get("label")
        attributes = {
            "kind": "event",
            "event": row["event"],
            "tie_type": row["eventType"],
            "tie_type_label": f"{type_label} (event)" if type_label else "event",
            "directed": bool(row["directed"]),
            "status": row["status"],
            "status_label": status.get("label"),
            "polarity": int(event_type.get("defaultPolarity") or 0),
            "weight": None,
            "confidence": _number(row["confidence"]),
            "begin": _date(row["begin"]),
            "end": _date(row["end"]),
            "exists_from": _date(row["existsFrom"]),
            "exists_until": _date(row["existsUntil"]),
            "quantity": None,
            "quantity_max": None,
            "unit": None,
            "events": None,
            "evidence": supporting,
            "sourced": bool(supporting),
            "quote": supporting[0]["quote"] if supporting else None,
            "source": supporting[0]["source"] if supporting else None,
            "known_as_of": _known_as_of(supporting),
        }
        if as_of is not None:
            attributes["in_force"] = edge_in_force(as_of, attributes)
        add(row["source"], row["target"], key, attributes)

    _add_actor_attributes(network, actors)
    network.graph["counts"] = tally(
        (data for _, _, data in network.edges(data=True)),
        unknown_excluded=left_out["unknown"],
        unsourced_excluded=left_out["unsourced"],
    )
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
        attributes.setdefault("label", local_name(str(node)))
        attributes.setdefault("kind", "actor")


def build_network(
    store: Store,
    query: str | None = None,
    params: Mapping[str, str] | None = None,
    as_of: str | None = None,
    *,
    undated: Undated = "show",
    unsourced: Unsourced = "show",
    events: bool = True,
    edge_attrs: EdgeAttrs | None = None,
    cache: bool = True,
) -> nx.MultiDiGraph:
    """The network of the ties that ``query`` returns (every tie when ``query`` is None), with
    the event edges it mentions (every one when ``query`` is None) unless ``events`` is False.

    Parameters
    ----------
    store : Store
        Where the ties are.
    query : str, optional
        A named query or ``.rq`` file whose results name the ties (and events) to keep.
    params : mapping of str to str, optional
        The query's parameters, as text.
    as_of : str, optional
        YYYY-MM-DD: keep the ties in force on that day by the as-of rule
        (:func:`diplograph.network.temporal.in_force`, run inside the ``edges`` query).
    undated : {"show", "include", "exclude"}
        With ``as_of``, ties of unknown time: kept and flagged ``in_force=None`` for maps to
        draw apart, kept as if in force, or left out and counted.
    unsourced : {"show", "exclude"}
        Ties no sentence supports: kept with ``sourced=False``, or left out and counted.
    events : bool
        Whether events are edges too.
    edge_attrs : EdgeAttrs, optional
        How a row becomes an edge's attributes.
    cache : bool
        A store on disk keeps the network of every tie beside its data (``derived/`` in its
        folder), made on the first call for every tie after each change to the data (by any
        process) through a writable open (a read-only open writes nothing there) and read back
        on the next ones; every network of that state is then made from it, a query's too when
        the query mentions more than :data:`KEPT_PAST` IRIs (fewer ties' own rows are read
        faster); the first query past :data:`READ_IN_BLOCKS` IRIs makes it too (its network
        is then read from every tie's rows all the same). False reads the store's rows every
        time, as for stores in memory and endpoints.

    Returns
    -------
    networkx.MultiDiGraph
        Actors as nodes, ties and events as edges keyed by their IRIs; the graph attributes say
        how it was made and what was counted (see the module's documentation).

    Examples
    --------
    >>> from diplograph.store import open_store
    >>> g = build_network(open_store("memory"), as_of="1990-01-01", undated="exclude")
    >>> g.number_of_edges(), g.graph["counts"]["ties_unknown_excluded"]
    (0, 11)
    """
    if undated not in UNDATED_MODES:
        raise ValueError(f"undated must be one of {', '.join(UNDATED_MODES)}, not {undated!r}.")
    if unsourced not in UNSOURCED_MODES:
        raise ValueError(
            f"unsourced must be one of {', '.join(UNSOURCED_MODES)}, not {unsourced!r}."
        )
    keep = None
    if query is not None:
        keep = mentioned(run_query(store, query, dict(params or {})))
    # a store on disk keeps the network of every tie beside it, made once per state of its data:
    # every network is then that one, filtered (a query's network only when it is already kept,
    # and only past one block of IRIs: a few ties' own rows are read faster than every tie)
    kept = edge_attrs is None and cache and (keep is None or len(keep) > KEPT_PAST)
    alone = keep is not None and _reads_alone(store, keep)
    # a query whose ties are not read alone reads every tie's rows anyway: where the store can
    # keep the network of every tie, that read makes it, and the next networks are made from it
    make = keep is None or (not alone and store.writable)
    whole = _kept_network(store, make=make) if kept else None
    if whole is not None:
        network = _narrowed(whole, keep, as_of or None, undated, unsourced, events)
    else:
        chosen = sorted(keep) if keep is not None and alone else None
        network = _read_network(
            store, keep, chosen, as_of or None, undated, unsourced, events, edge_attrs
        )
    if whole is not None and network is not whole:
        if whole.graph.get("cited_from") == "edges":  # a part may have rows few enough to cite
            cite_network(store, network)  # from the store
        else:
            network.graph["cited_from"] = whole.graph.get("cited_from")
    network.graph.update(
        query=query or "all ties",
        params=dict(params or {}),
        as_of=as_of,
        undated=undated,
        unsourced=unsourced,
        events=events,
    )
    return network


#: the queries the network is made from: with this module and the as-of rule, what names the
#: version of a kept network (a change to any of them makes it out of date)
_MADE_FROM = (
    "edges",
    "tie-evidence",
    "actors",
    "tie-types",
    "event-edges",
    "event-evidence",
    "citations",
)


def _maker() -> str:
    """A hash of the code and queries that make the network of every tie."""

    sources = (__file__, temporal.__file__, kept.__file__, citation.__file__)
    code = [Path(source).read_bytes() for source in sources]
    queries = [find_query(name).text.encode("utf-8") for name in _MADE_FROM]
    return sha256_hex(b"".join(code + queries))[:16]


def _kept_network(store: Store, *, make: bool) -> nx.MultiDiGraph | None:
    """The network of every tie (and event) that ``store`` keeps for its present state, made
    and kept now when it has none and ``make``; None for a store that keeps none."""

    kept = kept_for_state(store, "network", _maker())
    if not kept.keeps:
        return None
    found: nx.MultiDiGraph | None = None
    tables = kept.read()
    if tables is not None:
        try:
            found = network_from_tables(tables)
        except ValueError:
            found = None  # signed by this user but not readable: made anew below
    if found is None and make:
        found = _read_network(store, None, None, None, "show", "show", True, None)
        made = network_to_tables(found) if store.writable else None
        if made is not None:
            kept.keep(made)
    return found


def _narrowed(
    whole: nx.MultiDiGraph,
    keep: set[str] | None,
    as_of: str | None,
    undated: Undated,
    unsourced: Unsourced,
    events: bool,
) -> nx.MultiDiGraph:
    """The network ``build_network`` makes with these options, out of the network of every tie
    (which it may change: it is a fresh copy): the ties and events of ``keep`` (all when None),
    the as-of rule (:func:`~diplograph.network.temporal.edge_in_force`, the rule edges.rq runs),
    the unsourced left out and counted, events left out."""
    if keep is None and as_of is None and unsourced == "show" and events:
        return whole
    left_out = {"unknown": {"ties": 0, "events": 0}, "unsourced": {"ties": 0, "events": 0}}
    kept: dict[tuple[Any, Any, Any], bool | None] = {}
    for u, v, key, data in whole.edges(keys=True, data=True):
        kind = "events" if data["kind"] == "event" else "ties"
        if kind == "events" and not events:
            continue
        if keep is not None and (data["event"] if kind == "events" else key) not in keep:
            continue
        state = None
        if as_of is not None:
            state = edge_in_force(as_of, data)
            if state is False:
                continue
            if state is None and undated == "exclude":
                left_out["unknown"][kind] += 1
                continue
        if not data["sourced"] and unsourced == "exclude":
            left_out["unsourced"][kind] += 1
            continue
        kept[(u, v, key)] = state
    # in the order edges_to_networkx adds them (ties, then events, each by key), so that nodes
    # and edges come in the order of a network built afresh
    order = sorted(kept, key=lambda e: added_order((*e, whole.edges[e])))
    network = _edge_subgraph(whole, order)
    if as_of is not None:
        for (u, v, key), state in kept.items():
            network.edges[u, v, key]["in_force"] = state
    network.graph["counts"] = tally(
        (data for _, _, data in network.edges(data=True)),
        unknown_excluded=left_out["unknown"],
        unsourced_excluded=left_out["unsourced"],
    )
    return network


def _edge_subgraph(
    network: nx.MultiDiGraph, edges: Iterable[tuple[Any, Any, Any]]
) -> nx.MultiDiGraph:
    """A new network of ``edges`` (in the order given) and their ends, with copies of their
    attributes."""
    import networkx as nx

    narrowed = nx.MultiDiGraph()
    nodes = network.nodes
    for u, v, key in edges:
        for node in (u, v):
            if node not in narrowed:
                narrowed.add_node(node, **nodes[node])
        narrowed.add_edge(u, v, key=key, **network.edges[u, v, key])
    return narrowed


def _reads_alone(store: Store, keep: set[str]) -> bool:
    """Whether a query's own ties are read block by block (else every tie is read and the
    query's kept): up to :data:`READ_IN_BLOCKS` IRIs, or up to :data:`READ_IN_BLOCKS_SHARE` of
    the store's ties (an ego network of every real dataset names ten thousand IRIs of 863,370
    ties)."""
    if len(keep) <= READ_IN_BLOCKS:
        return True
    rows = store.select_values(_TIE_COUNT)[1]
    return len(keep) <= READ_IN_BLOCKS_SHARE * int(rows[0][0])


def _read_network(
    store: Store,
    keep: set[str] | None,
    chosen: list[str] | None,
    as_of: str | None,
    undated: Undated,
    unsourced: Unsourced,
    events: bool,
    edge_attrs: EdgeAttrs | None,
) -> nx.MultiDiGraph:
    """The network read from the store's rows: the edge list, evidence, actors, types and events
    (see :func:`build_network`)."""
    edge_params = {"asOf": as_of} if as_of else {}
    # a query's own ties are read alone (its IRIs bound as VALUES, in blocks) when they are not
    # too many: the whole edge list of a big store takes seconds, a block of ties milliseconds
    alone = chosen is not None

    def read(name: str, variable: str, params: Mapping[str, str] | None = None) -> Rows:
        return (
            run_values(store, name, params)
            if chosen is None
            else _read_blocks(store, name, params, variable, chosen)
        )

    with store.query_pool() as pool:
        edges = pool.submit(read, "edges", "tie", edge_params)
        evidence = pool.submit(read, "tie-evidence", "tie")
        actors = run_values(store, "actors") if not alone else []
        concepts = run_values(store, "tie-types")
        event_rows = read("event-edges", "event") if events else []
        event_evidence = read("event-evidence", "event") if event_rows else []
        if alone:  # the node table of the actors these edges join
            ends = {
                row[end]
                for rows in (edges.result(), event_rows)
                for row in rows
                for end in ("source", "target")
            }
            actors = _read_blocks(store, "actors", None, "actor", sorted(ends))
        network = edges_to_networkx(
            edges.result(),
            evidence=evidence.result(),
            actors=actors,
            concepts=concepts,
            keep=keep,
            edge_attrs=edge_attrs,
            events=event_rows,
            event_evidence=event_evidence,
            as_of=as_of,
            undated=undated,
            unsourced=unsourced,
        )
    cite_network(store, network)  # kept with it when it is the network of every tie
    return network
