"""Named queries: the catalogue of ``.rq`` files, their parameters, name resolution, results.

Everything here reads RDF through a :class:`~diplograph.store.Store`. Names are imported on first
use, so that listing the catalogue (``diplograph queries``) loads no RDF library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.lazy import lazy_names

if TYPE_CHECKING:
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

#: name -> the module of this package that defines it
_HOMES = {
    "PARAM_TYPES": "catalog",
    "NamedQuery": "catalog",
    "Parameter": "catalog",
    "find_query": "catalog",
    "list_queries": "catalog",
    "load_query": "catalog",
    "resolve_actor": "names",
    "resolve_concept": "names",
    "FORMATS": "results",
    "QueryResult": "results",
    "format_result": "results",
    "render_table": "results",
    "run_query": "run",
    "run_values": "run",
}


__getattr__ = lazy_names(__name__, _HOMES)
