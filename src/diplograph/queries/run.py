"""Run a named query (or a ``.rq`` file) on a store with parameters given as text.

>>> from diplograph.store import open_store
>>> result = run_query(open_store("memory"), "troop-contributors", {"force": "ISF"})
>>> sorted(result.column("contributorLabel"))
['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rdflib import URIRef

from diplograph.errors import QueryError
from diplograph.queries.catalog import NamedQuery, find_query
from diplograph.queries.params import bind_params
from diplograph.queries.results import QueryResult
from diplograph.store import Binding, Store

__all__ = ["run_query", "run_values"]


def _named(query: NamedQuery | str | Path) -> NamedQuery:
    return query if isinstance(query, NamedQuery) else find_query(query)


def run_query(
    store: Store,
    query: NamedQuery | str | Path,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run ``query`` on ``store`` with ``params`` (text values, resolved per parameter type).

    Parameters
    ----------
    store : Store
        Where to run it.
    query : NamedQuery, str or Path
        A built-in query's name, a ``.rq`` file, or a query already read.
    params : mapping of str to str, optional
        Parameters as text: each is read by its type (an actor by any of its names, a concept
        by its label, a date as YYYY-MM-DD) and bound as ``VALUES``.

    Returns
    -------
    QueryResult

    Examples
    --------
    >>> from diplograph.store import open_store
    >>> result = run_query(open_store("memory"), "troop-contributors", {"force": "ISF"})
    >>> result.column("contributorLabel")[:2]
    ['Albania', 'Indonesia']
    """
    named = _named(query)
    bindings = bind_params(store, named, dict(params or {}))
    try:
        answer = store.query(named.text, bindings)
    except QueryError as error:
        raise type(error)(f"{named.path}: {error}") from error
    return QueryResult(
        named,
        answer.kind,
        answer.variables,
        answer.rows,
        graph=answer.graph,
        answer=answer.boolean,
        bindings=bindings,
    )


def run_values(
    store: Store,
    query: NamedQuery | str | Path,
    params: Mapping[str, str] | None = None,
    *,
    only: Mapping[str, Iterable[str]] | None = None,
) -> list[dict[str, Any]]:
    """A SELECT's rows as dicts of plain Python values, without rdflib terms: for big results.

    ``only`` limits variables to IRIs (a ``VALUES`` block, bound as parameters are), e.g.
    ``only={"tie": ties}`` reads the rows of those ties alone.
    """
    named = _named(query)
    bindings: dict[str, Binding] = dict(bind_params(store, named, dict(params or {})))
    for variable, iris in (only or {}).items():
        bindings[variable] = [URIRef(iri) for iri in sorted(iris)]
    try:
        variables, rows = store.select_values(named.text, bindings)
    except QueryError as error:
        raise type(error)(f"{named.path}: {error}") from error
    return [dict(zip(variables, row, strict=True)) for row in rows]
