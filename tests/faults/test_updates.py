"""Updates that should change something change it: their WHERE sees what queries see.

Campaign case: over HTTP, ``DELETE WHERE { <…/id/morocco> rdfs:label ?o }`` returned 204 and
deleted nothing: the update's WHERE saw only the (empty) real default graph, not the union of the
store's graphs that every query sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from diplograph.errors import QueryError
from diplograph.store import Store, open_store

from ..test_serve import serving

LABELS = "SELECT ?label WHERE { d:morocco rdfs:label ?label }"


@pytest.fixture(params=["memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    spec = "memory" if request.param == "memory" else f"oxigraph:{tmp_path / 'store'}"
    opened = open_store(spec)
    yield opened
    opened.close()


def _labels(store: Store) -> list[str]:
    return sorted(str(row[0]) for row in store.query(LABELS).rows)


def test_delete_where_takes_a_triple_out_of_the_union(store: Store) -> None:
    assert _labels(store)  # Morocco's labels, in a built-in graph
    before = len(store)
    store.update("DELETE WHERE { d:morocco rdfs:label ?label }")
    assert _labels(store) == []
    assert len(store) < before


def test_delete_insert_where_sees_the_union_and_writes_the_default_graph(store: Store) -> None:
    old = _labels(store)
    store.update(
        'DELETE { ?actor rdfs:label ?label } INSERT { ?actor rdfs:label "Maroc"@fr } '
        "WHERE { VALUES ?actor { d:morocco } ?actor rdfs:label ?label }"
    )
    assert _labels(store) == ["Maroc"]
    assert old != ["Maroc"]
    assert "Maroc" in store.default_graph_ntriples()  # what an update inserts: the default graph


def test_delete_data_takes_a_stated_triple_out_of_every_graph(store: Store) -> None:
    label = next(row[0] for row in store.query(LABELS).rows)
    assert label is not None
    store.update("DELETE DATA { d:morocco rdfs:label " + label.n3() + " }")
    assert str(label) not in _labels(store)


def test_an_update_choosing_its_dataset_keeps_it(store: Store) -> None:
    """WITH or USING: the operation's own dataset, as SPARQL says (here: a graph with nothing)."""
    store.update("WITH <urn:x:none> DELETE { ?a rdfs:label ?l } WHERE { ?a rdfs:label ?l }")
    store.update("DELETE { ?a rdfs:label ?l } USING <urn:x:none> WHERE { d:morocco rdfs:label ?l }")
    assert _labels(store)


def test_deleting_and_inserting_blank_nodes_at_once_is_refused(store: Store) -> None:
    before = len(store)
    with pytest.raises(QueryError, match="blank nodes"):
        store.update(
            "DELETE { ?a rdfs:label ?l } INSERT { ?a rdfs:seeAlso [ rdfs:label ?l ] } "
            "WHERE { VALUES ?a { d:morocco } ?a rdfs:label ?l }"
        )
    assert len(store) == before


@pytest.mark.cli
def test_over_http_the_delete_deletes(tmp_path: Path) -> None:
    with serving(tmp_path, "--allow-update", "--workers", "2") as served:
        query = {"query": LABELS}
        assert httpx.post(served.sparql, data=query, timeout=30).json()["results"]["bindings"]
        done = httpx.post(
            served.sparql,
            data={"update": "DELETE WHERE { d:morocco rdfs:label ?o }"},
            timeout=60,
        )
        assert done.status_code == 204, done.text
        answer = httpx.post(served.sparql, data=query, timeout=30)
        assert answer.json()["results"]["bindings"] == []
