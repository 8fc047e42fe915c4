"""Named queries: the catalogue of ``.rq`` files, their parameters, name resolution, results.

Everything here reads RDF through a :class:`~diplograph.store.Store`.
"""

from __future__ import annotations

from diplograph.queries.catalog import (
    PARAM_TYPES,
    NamedQuery,
    Parameter,
    find_query,
    list_queries,
    load_query,
)
from diplograph.queries.names import resolve_actor, resolve_concept
from diplograph.queries.results import FORMATS, QueryResult, format_result, render_table
from diplograph.queries.run import run_query, run_values

__all__ = [
    "FORMATS",
    "PARAM_TYPES",
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "find_query",
    "format_result",
    "list_queries",
    "load_query",
    "render_table",
    "resolve_actor",
    "resolve_concept",
    "run_query",
    "run_values",
]
