"""The store layer: the only code that touches rdflib graphs, pyoxigraph or HTTP.

:func:`open_store` opens a :class:`Store` by its string (``memory``, ``oxigraph:PATH``,
``rdflib``, ``sparql+http://…``); everything above this package goes through that protocol.
"""

from __future__ import annotations

from diplograph.store.base import Answer, LoadedSource, Store, python_value
from diplograph.store.binding import Binding
from diplograph.store.files import rdf_files, read_graph, shapes_graph
from diplograph.store.registry import default_store_path, open_store, store_spec

__all__ = [
    "Answer",
    "Binding",
    "LoadedSource",
    "Store",
    "default_store_path",
    "open_store",
    "python_value",
    "rdf_files",
    "read_graph",
    "shapes_graph",
    "store_spec",
]
