"""Evidence as a citation: a dataset row said as what it states, in one line.

A statement quoted from a document is its sentence. A statement quoted from a dataset is a raw row
(58 columns of GDELT, a line of IPI's CSV); its citation is made from the claim the importer made of
that row, by source kind:

- an event (GDELT): ``GDELT 2012-03-13 · Georgia (GOV) → South Korea · 042 make a visit · in
  Georgia · http://…``: the day, the parties with their sectors (CAMEO codes), the CAMEO event
  code and its label, the place and the report's address;
- a tie with a quantity (IPI): ``IPI 2014-03 · Morocco → MONUSCO · 846 troops``;
- any other tie or membership (COW): ``COW 1956-03-02 to … · Morocco · state-system membership``;
- an event an aggregated tie counts says so: ``… (counted in a tie of 16,521 events, 2022-04)``;
  the tie's own line (:func:`cite_aggregate`) gives its event count, period and mean Goldstein
  value.

The parts come from ``queries/citations.rq`` (the claim's own properties, bound to the statements
wanted), or from a network edge's attributes (:func:`cite_edge`). Tables (``#+ cite:`` queries
such as ``evidence``), map details and ``path`` all take their text from here; the raw row stays
beside it (the ``quote`` column, a click in a map).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rdflib import Literal

from diplograph.namespaces import TT
from diplograph.queries import run_query, run_values
from diplograph.wording import counted, number_text, quantity_text

if TYPE_CHECKING:
    from pathlib import Path

    import networkx as nx

    from diplograph.queries import NamedQuery, QueryResult
    from diplograph.store import Store

__all__ = [
    "CITE_FROM_STORE",
    "READ_ALONE",
    "cite",
    "cite_aggregate",
    "cite_network",
    "cite_result",
    "cited_query",
    "dataset_name",
    "events_text",
    "evidence_texts",
    "period_text",
    "row_citations",
    "weight_text",
]

#: statements whose parts are read in one VALUES block (as the network builder reads ties)
READ_ALONE = 1_000
#: a network citing at most this many dataset rows has their parts read from the store
#: (``citations.rq``; figures in bench/README.md); past it, each row is cited from its edge's
#: own attributes: the same line without the sectors, event code, place and address
CITE_FROM_STORE = 5_000
_SEP = " · "


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value if type(value) is date else date(value.year, value.month, value.day)
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def period_text(begin: Any, end: Any = None) -> str:
    """A day or period as short as it can be said: a day, a month, a year, or two days.

    >>> period_text("2012-03-13", "2012-03-13"), period_text("2014-03-01", "2014-03-31")
    ('2012-03-13', '2014-03')
    >>> period_text("2011-01-01", "2011-12-31"), period_text("1992-11-01", "1993-01-31")
    ('2011', '1992-11-01 to 1993-01-31')
    >>> period_text("1956-03-02", None), period_text(None, "2001-05-06"), period_text(None)
    ('from 1956-03-02', 'until 2001-05-06', '')
    """
    first, last = _day(begin), _day(end)
    if first and last:
        if first == last:
            return first.isoformat()
        if first.day == 1 and (last + timedelta(days=1)).day == 1:
            if (first.year, first.month) == (last.year, last.month):
                return f"{first:%Y-%m}"
            if first.month == 1 and last.month == 12 and first.year == last.year:
                return f"{first:%Y}"
        return f"{first.isoformat()} to {last.isoformat()}"
    if first:
        return f"from {first.isoformat()}"
    if last:
        return f"until {last.isoformat()}"
    return ""


def dataset_name(short: Any, label: Any) -> str:
    """What a citation calls a dataset: its short name (``dcterms:alternative``), else its label.

    >>> dataset_name("IPI", "Albania.csv (IPI Providing for Peacekeeping database)")
    'IPI'
    >>> dataset_name(None, "states2016.csv (Correlates of War State System Membership List)")
    'states2016.csv (Correlates of War State System Membership List)'
    """
    return str(short or label or "dataset")


def _party(label: Any, sector: Any) -> str:
    return f"{label} ({sector})" if label and sector else str(label or "")


def _parties(facts: Mapping[str, Any]) -> str:
    source = _party(facts.get("fromLabel"), facts.get("fromSector"))
    target = _party(facts.get("toLabel"), facts.get("toSector"))
    if source and target:
        return f"{source} → {target}"
    return source or (f"→ {target}" if target else "")


def cite(facts: Mapping[str, Any]) -> str:
    """One line saying what a dataset row states, from the parts of ``queries/citations.rq``.

    >>> cite({"dataset": "IPI", "begin": "2014-03-01", "end": "2014-03-31",
    ...       "fromLabel": "Morocco", "toLabel": "MONUSCO", "quantity": 846, "unit": "troops",
    ...       "typeLabel": "troop contribution"})
    'IPI 2014-03 · Morocco → MONUSCO · 846 troops'
    >>> for part in cite({"dataset": "GDELT", "day": "2012-03-13", "fromLabel": "Georgia",
    ...       "fromSector": "GOV", "toLabel": "South Korea", "code": "042",
    ...       "codeLabel": "Make a visit", "typeLabel": "visit", "placeLabel": "Georgia",
    ...       "url": "http://example.org/a", "events": 3, "periodBegin": "2012-03-01",
    ...       "periodEnd": "2012-03-31"}).split(" · "):
    ...     print(part)
    GDELT 2012-03-13
    Georgia (GOV) → South Korea
    042 make a visit
    in Georgia
    http://example.org/a (counted in a tie of 3 events, 2012-03)
    """
    day = facts.get("day")
    when = period_text(day, day) if day else period_text(facts.get("begin"), facts.get("end"))
    name = dataset_name(facts.get("dataset"), facts.get("datasetLabel"))
    parts = [f"{name} {when}" if when else name, _parties(facts)]
    amount = quantity_text(facts.get("quantity"), facts.get("quantityMax"), facts.get("unit"))
    if facts.get("code"):
        what = _lower_first(facts.get("codeLabel") or facts.get("typeLabel"))
        parts.append(" ".join(str(p) for p in (facts["code"], what) if p))
    elif amount:
        parts.append(amount)
    elif facts.get("typeLabel"):
        parts.append(str(facts["typeLabel"]))
    if facts.get("placeLabel"):
        parts.append(f"in {facts['placeLabel']}")
    if facts.get("url"):
        parts.append(str(facts["url"]))
    text = _SEP.join(p for p in parts if p)
    if facts.get("events") is not None:
        period = period_text(facts.get("periodBegin"), facts.get("periodEnd"))
        counted_events = counted(int(facts["events"]), "event")
        text += f" (counted in a tie of {counted_events}" + (f", {period})" if period else ")")
    return text


def _lower_first(text: Any) -> str:
    """CAMEO's "Make a visit" as a phrase in a line: "make a visit" (an acronym stays)."""
    words = str(text or "")
    if len(words) > 1 and words[0].isupper() and words[1].islower():
        return words[0].lower() + words[1:]
    return words


def cite_aggregate(
    dataset: str | None,
    events: Any,
    begin: Any,
    end: Any,
    source: str,
    target: str,
    type_label: str | None,
    weight: Any,
) -> str:
    """The line of a tie that counts events: how many, over what period, between whom, of what
    kind, and their mean Goldstein value (its weight).

    >>> print(cite_aggregate("GDELT", 16521, "2022-04-01", "2022-04-30", "Russia", "Ukraine",
    ...                      "material conflict", -8.9))
    GDELT 2022-04 · Russia → Ukraine · material conflict · 16,521 events, mean Goldstein value -8.9
    """
    when = period_text(begin, end)
    name = dataset or "events"
    parts = [f"{name} {when}" if when else name, f"{source} → {target}", type_label or ""]
    count = counted(int(events), "event")
    parts.append(
        count if weight is None else f"{count}, mean Goldstein value {number_text(weight)}"
    )
    return _SEP.join(p for p in parts if p)


def events_text(events: Any, begin: Any = None, end: Any = None) -> str | None:
    """How many events a tie counts and over what period; None for a tie that counts none.

    >>> events_text(16521, "2022-04-01", "2022-04-30"), events_text(1, None, None)
    ('16,521 events, 2022-04', '1 event')
    >>> events_text(None) is None
    True
    """
    if events is None:
        return None
    period = period_text(begin, end)
    count = counted(int(events), "event")
    return f"{count}, {period}" if period else count


def _facts_by_statement(
    store: Store, statements: Iterable[str]
) -> dict[str, list[Mapping[str, Any]]]:

    wanted = sorted(set(statements))
    found: dict[str, list[Mapping[str, Any]]] = {}
    seen: set[tuple[str, str]] = set()
    for start in range(0, len(wanted), READ_ALONE):
        block = wanted[start : start + READ_ALONE]
        for row in run_values(store, "citations", only={"statement": block}):
            key = (row["statement"], row["claim"])
            if key in seen:  # a second English label: the first row says it
                continue
            seen.add(key)
            found.setdefault(row["statement"], []).append(row)
    return found


def row_citations(store: Store, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The citation of each (claim, statement) pair whose statement is a dataset row.

    A row that several claims were made of (IPI's troops, police and experts) is cited as the
    claim asked for; one an aggregated tie cites is cited as the event made of it. Pairs whose
    statement is no dataset row are left out.
    """
    wanted = list(pairs)
    facts = _facts_by_statement(store, (statement for _, statement in wanted))
    cited: dict[tuple[str, str], str] = {}
    for claim, statement in wanted:
        rows = facts.get(statement)
        if not rows:
            continue
        own = [row for row in rows if row["claim"] == claim]
        cited[(claim, statement)] = cite((own or rows)[0])
    return cited


def cite_result(store: Store, result: QueryResult) -> None:
    """Add a ``citation`` column (before ``QUOTE``) to the result of a query headed
    ``#+ cite: CLAIM STATEMENT QUOTE``: for a dataset row what the row states, else the quoted
    text (a document's sentence).

    The three names are the result's columns holding the claim, its statement and the quoted
    text; a table shows the citation in place of the last two (the raw row stays in CSV, JSON).
    """

    spec = result.query.extra.get("cite", "").split()
    if result.kind != "SELECT" or len(spec) != 3 or "citation" in result.variables:
        return
    at = [result.variables.index(v) if v in result.variables else -1 for v in spec]
    if min(at) < 0:
        return
    claim_at, statement_at, quote_at = at
    pairs = {
        (str(row[claim_at]), str(row[statement_at]))
        for row in result.rows
        if row[claim_at] is not None and row[statement_at] is not None
    }
    cited = row_citations(store, pairs)
    rows = []
    for row in result.rows:
        text = cited.get((str(row[claim_at]), str(row[statement_at])))
        value = Literal(text) if text is not None else row[quote_at]
        rows.append((*row[:quote_at], value, *row[quote_at:]))
    result.variables = [*result.variables[:quote_at], "citation", *result.variables[quote_at:]]
    result.rows = rows


def cited_query(
    store: Store, query: NamedQuery | str | Path, params: Mapping[str, str] | None = None
) -> QueryResult:
    """:func:`~diplograph.queries.run_query`, with the citations a ``#+ cite:`` query asks for
    (what ``KnowledgeGraph.query``, ``diplograph query`` and the server's named queries give)."""

    result = run_query(store, query, params)
    if result.query.extra.get("cite"):
        cite_result(store, result)
    return result


def _edge_facts(data: Mapping[str, Any], source: str, target: str) -> dict[str, Any]:
    """The parts of a citation an edge holds itself (for rows past :data:`CITE_FROM_STORE`)."""
    type_label = data.get("tie_type_label")
    if data.get("kind") == "event" and type_label:
        type_label = str(type_label).removesuffix(" (event)")
    return {
        "begin": data.get("begin"),
        "end": data.get("end"),
        "fromLabel": source,
        "toLabel": target,
        "typeLabel": type_label,
        "quantity": data.get("quantity"),
        "quantityMax": data.get("quantity_max"),
        "unit": data.get("unit"),
    }


def cite_network(store: Store, network: nx.MultiDiGraph) -> None:
    """Give each statement in the evidence of ``network``'s edges its ``citation``, and each
    edge its own: the first statement's, or for a tie counting events :func:`cite_aggregate`.

    Dataset rows are cited from ``citations.rq`` when the network cites at most
    :data:`CITE_FROM_STORE` of them, else from their edges' attributes (the graph attribute
    ``cited_from`` says which); a document's sentence is its own citation.
    """
    labels = {node: str(data.get("label") or node) for node, data in network.nodes(data=True)}
    wanted: set[tuple[str, str]] = set()
    for _, _, key, data in network.edges(keys=True, data=True):
        claim = str(data.get("event") or key)
        for entry in data.get("evidence") or []:
            if entry.get("dataset") is not None and entry.get("statement"):
                wanted.add((claim, str(entry["statement"])))
    from_store = 0 < len(wanted) <= CITE_FROM_STORE
    cited = row_citations(store, wanted) if from_store else {}
    # what a network narrowed from this one may cite better from the store (build_network)
    network.graph["cited_from"] = "store" if from_store or not wanted else "edges"
    for source, target, key, data in network.edges(keys=True, data=True):
        claim = str(data.get("event") or key)
        evidence = data.get("evidence") or []
        aggregate = None
        if data.get("events") is not None:
            name = next((e["dataset"] for e in evidence if e.get("dataset")), None)
            aggregate = cite_aggregate(
                name,
                data["events"],
                data.get("begin"),
                data.get("end"),
                labels[source],
                labels[target],
                data.get("tie_type_label"),
                data.get("weight"),
            )
        for entry in evidence:
            if entry.get("dataset") is None:
                entry["citation"] = entry.get("quote")
                continue
            text = cited.get((claim, str(entry.get("statement"))))
            if text is None:
                text = aggregate or cite(
                    {
                        "dataset": entry["dataset"],
                        **_edge_facts(data, labels[source], labels[target]),
                    }
                )
            entry["citation"] = text
        data["citation"] = aggregate or (evidence[0]["citation"] if evidence else None)


def evidence_texts(data: Mapping[str, Any]) -> list[dict[str, str]]:
    """What a map shows of an edge's evidence, statement by statement: ``quote`` (the sentence,
    or a dataset row in words), ``source`` and, for a dataset row, ``row`` (the raw row, one click
    away).

    >>> evidence_texts({"evidence": [{"quote": "2014-03-31,Morocco,…", "source": "f.csv",
    ...                               "dataset": "IPI", "citation": "IPI 2014-03 · …"}]})
    [{'quote': 'IPI 2014-03 · …', 'source': 'f.csv', 'row': '2014-03-31,Morocco,…'}]
    """
    found = []
    for entry in data.get("evidence") or []:
        if not (entry.get("quote") or entry.get("source")):
            continue
        quote = str(entry.get("quote") or "")
        item = {
            "quote": str(entry.get("citation") or quote),
            "source": str(entry.get("source") or ""),
        }
        if entry.get("dataset") is not None:
            item["row"] = quote
        found.append(item)
    if not found and (data.get("quote") or data.get("source")):
        found = [{"quote": str(data.get("quote") or ""), "source": str(data.get("source") or "")}]
    return found


def weight_text(weight: Any, events: Any = None, tie_type: str | None = None) -> str:
    """A tie's weight and what it measures: a voting-agreement tie's is its agreement (0 to 1),
    any other's is on the Goldstein scale (from -10, most conflictual, to 10, most cooperative).

    >>> print(weight_text(6))
    6 on the Goldstein scale (-10 conflict to 10 cooperation)
    >>> print(weight_text(-8.9, events=16521))
    -8.9: the mean Goldstein value of its 16,521 events (-10 conflict to 10 cooperation)
    >>> print(weight_text(0.9013, tie_type=str(TT.VotingAgreement)))
    0.9013: voting agreement, the share of their common roll calls voted alike (0 to 1)
    """
    if tie_type == str(TT.VotingAgreement):
        return (
            f"{number_text(weight)}: voting agreement, the share of their common roll calls "
            "voted alike (0 to 1)"
        )
    scale = "(-10 conflict to 10 cooperation)"
    if events is not None:
        return (
            f"{number_text(weight)}: the mean Goldstein value of its "
            f"{counted(int(events), 'event')} {scale}"
        )
    return f"{number_text(weight)} on the Goldstein scale {scale}"
