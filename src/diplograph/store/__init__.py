"""The store layer: the only code that touches rdflib graphs, pyoxigraph or HTTP.

:func:`open_store` opens a :class:`Store` by its string (``memory``, ``oxigraph:PATH``,
``rdflib``, ``sparql+http://…``); everything above this package goes through that protocol.
Names are imported on first use (``from diplograph.store import Store`` loads rdflib then), so
that importing one light module of the package, such as :mod:`diplograph.store.binding`'s
query analysis, does not load the engines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.lazy import lazy_names

if TYPE_CHECKING:
    from diplograph.store.base import Answer, LoadedSource, Store, python_value
    from diplograph.store.binding import Binding
    from diplograph.store.files import rdf_files
    from diplograph.store.parsing import read_graph, shapes_graph
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

#: name -> the module of this package that defines it
_HOMES = {
    "Answer": "base",
    "LoadedSource": "base",
    "Store": "base",
    "python_value": "base",
    "Binding": "binding",
    "rdf_files": "files",
    "read_graph": "parsing",
    "shapes_graph": "parsing",
    "default_store_path": "registry",
    "open_store": "registry",
    "store_spec": "registry",
}


__getattr__ = lazy_names(__name__, _HOMES)
