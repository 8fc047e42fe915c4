"""The store's layers stay apart: an engine (Oxigraph, rdflib, an endpoint) implements the engine
protocol (``store/engine.py``: primitives, the hooks and capabilities the catalogue asks of it,
and how its data is reached, ``store/sharing.py``) and nothing above it; the catalogue of loaded
files is composed over an engine it holds, not inherited from one; the built-in graph is a part a
store has, not a class it is."""

from __future__ import annotations

import pytest

from diplograph.store import open_store
from diplograph.store.base import Store
from diplograph.store.builtin import BuiltinGraph
from diplograph.store.catalogue import Catalogue
from diplograph.store.engine import Engine
from diplograph.store.oxigraph import OxigraphEngine
from diplograph.store.rdflib_store import RdflibEngine
from diplograph.store.remote import RemoteEngine

ENGINES: list[type[Engine]] = [OxigraphEngine, RdflibEngine, RemoteEngine]


def _names(cls: type) -> set[str]:
    return {name for name in vars(cls) if not name.startswith("__") and name != "_abc_impl"}


@pytest.mark.parametrize("engine", ENGINES)
def test_an_engine_is_an_engine_and_nothing_above_it(engine: type) -> None:
    assert issubclass(engine, Engine)
    assert not issubclass(engine, Catalogue)
    protocol = set().union(*(_names(cls) for cls in Engine.__mro__))
    above = (_names(Store) | _names(Catalogue)) - protocol
    assert above, "the catalogue and Store define methods of their own"
    assert _names(engine) & above == set()


def test_the_catalogue_holds_an_engine_rather_than_being_one() -> None:
    assert not issubclass(Store, Engine)
    assert not issubclass(Catalogue, Engine)
    store = open_store("memory")
    try:
        assert isinstance(store.engine, OxigraphEngine)
        # what a caller reads of the store is its engine's
        assert (store.spec, store.writable, store.notes) == ("memory", True, store.engine.notes)
        assert len(store) == len(store.engine)
    finally:
        store.close()


def test_the_builtin_graph_is_a_part_of_the_store() -> None:
    assert not issubclass(Store, BuiltinGraph)
    store = open_store("memory")
    try:
        assert isinstance(store.builtin_graph, BuiltinGraph)
        assert store.builtin_graph.store is store
        assert any(source.builtin for source in store.sources())
    finally:
        store.close()


def test_only_an_endpoint_has_its_union_default_graph_checked() -> None:
    """The endpoint's difference is a capability the catalogue asks for, not an override."""
    assert {engine: engine.union_default for engine in ENGINES} == {
        OxigraphEngine: True,
        RdflibEngine: True,
        RemoteEngine: False,
    }
