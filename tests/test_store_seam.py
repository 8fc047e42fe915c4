"""The store's layers stay apart: an engine (Oxigraph, rdflib, an endpoint) implements the engine
protocol (``store/engine.py``: primitives and the hooks the catalogue asks of it) and how its data
is reached (``store/sharing.py``), never a method of the catalogue or of ``Store`` itself; the
built-in graph is a part a store has, not a class it is."""

from __future__ import annotations

import pytest

from diplograph.store import open_store
from diplograph.store.base import Store
from diplograph.store.builtin import BuiltinGraph
from diplograph.store.catalogue import Catalogue
from diplograph.store.engine import Engine
from diplograph.store.oxigraph import OxigraphStore
from diplograph.store.rdflib_store import RdflibStore
from diplograph.store.remote import RemoteStore

#: what an engine still overrides above the engine protocol: the endpoint's check that its default
#: graph is the union, after the built-in graph is ensured (to become a hook of the engine)
LEFT: dict[type, set[str]] = {RemoteStore: {"ensure_builtin"}}


def _names(cls: type) -> set[str]:
    return {name for name in vars(cls) if not name.startswith("__") and name != "_abc_impl"}


@pytest.mark.parametrize("engine", [OxigraphStore, RdflibStore, RemoteStore])
def test_an_engine_overrides_nothing_above_the_engine_protocol(engine: type) -> None:
    above = (_names(Store) | _names(Catalogue)) - _names(Engine)
    assert above, "the catalogue and Store define methods of their own"
    assert _names(engine) & above == LEFT.get(engine, set())


def test_the_builtin_graph_is_a_part_of_the_store() -> None:
    assert not issubclass(Store, BuiltinGraph)
    store = open_store("memory")
    try:
        assert isinstance(store.builtin_graph, BuiltinGraph)
        assert store.builtin_graph.store is store
        assert any(source.builtin for source in store.sources())
    finally:
        store.close()
