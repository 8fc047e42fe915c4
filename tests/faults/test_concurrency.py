"""Concurrent writers, readers and a serving process on one store: nobody writes under another.

Campaign case: ``serve --allow-update`` let go of the store's lock, so a ``load`` into the same
store succeeded meanwhile; the server went on answering the old count (11,675 triples against
39,505) and its next update failed with a 500.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from ..conftest import FIXTURES
from ..test_serve import RUNAWAY_UPDATE, serving
from .conftest import diplograph, held

pytestmark = pytest.mark.cli  # each test runs the diplograph command

FACTS = FIXTURES / "user-facts.ttl"
INSERT = "INSERT DATA { <urn:x:a> <urn:x:p> <urn:x:b> }"


def test_a_writable_server_holds_the_store_for_its_life(tmp_path: Path) -> None:
    store = tmp_path / "store"
    spec = f"oxigraph:{store}"
    assert diplograph("--store", spec, "sources").returncode == 0  # made, with the built-in graph
    before = held(store)
    options = ("--allow-update", "--workers", "2", "--timeout", "3")
    with serving(tmp_path / "serve", *options, store=spec) as server:
        counted = server.count()
        loading = diplograph("--store", spec, "load", str(FACTS))
        assert loading.returncode == 2, loading.stdout + loading.stderr
        assert "in use" in loading.stderr
        assert "Traceback" not in loading.stderr
        assert server.count() == counted  # nothing was written under the server
        answer = httpx.post(server.sparql, data={"update": INSERT}, timeout=60)
        assert answer.status_code == 204, answer.text
        assert server.count() == counted + 1
        # a reader may look meanwhile, beside the server
        assert held(store).triples == before.triples + 1
        # an update stopped at the time limit has its writer killed; the server still holds
        # the store, and the stopped update changed nothing
        stopped = httpx.post(server.sparql, data={"update": RUNAWAY_UPDATE}, timeout=60)
        assert stopped.status_code == 503, stopped.text
        assert diplograph("--store", spec, "load", str(FACTS)).returncode == 2
        assert server.count() == counted + 1
    after = held(store, writable=True)  # and once it has stopped, a writer may open it
    assert after.triples == before.triples + 1
    assert after.sources == before.sources
