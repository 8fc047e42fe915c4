"""The store refuses in the library's own words, as typed errors; the CLI and the server each
add how their user allows what was refused (their flags), which the library never names."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.cli.hints import HINTS as CLI_HINTS
from diplograph.errors import (
    DiplographError,
    NetworkRefused,
    ReadOnlyStore,
    UpdateRefused,
    with_hint,
)
from diplograph.server.hints import HINTS as SERVER_HINTS
from diplograph.store import open_store

SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
INSERT = "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"


def _refusals(tmp_path: Path) -> list[DiplographError]:
    """What the store raises for a SERVICE call, a LOAD, an update given as a query and a write
    to a read-only store."""
    caught: list[DiplographError] = []
    store = open_store("memory")
    with pytest.raises(NetworkRefused) as service:
        store.query(SERVICE)
    with pytest.raises(NetworkRefused) as load:
        store.update("LOAD <https://example.org/data.ttl>")
    with pytest.raises(UpdateRefused) as update:
        store.query(INSERT)
    store.close()
    caught += [service.value, load.value, update.value]
    folder = tmp_path / "store"
    open_store(f"oxigraph:{folder}").close()
    reader = open_store(f"oxigraph-ro:{folder}")
    try:
        with pytest.raises(ReadOnlyStore) as read_only:
            reader.update(INSERT)
    finally:
        reader.close()
    caught.append(read_only.value)
    return caught


def test_the_library_names_no_flag(tmp_path: Path) -> None:
    for error in _refusals(tmp_path):
        assert "--" not in str(error), error


def test_the_cli_and_the_server_add_their_own_flags(tmp_path: Path) -> None:
    service, load, update, read_only = _refusals(tmp_path)
    assert with_hint(service, CLI_HINTS).endswith("unless you pass --allow-service.")
    assert with_hint(load, CLI_HINTS).endswith("unless you pass --allow-service.")
    assert "--allow-update" in with_hint(update, CLI_HINTS)
    assert "--update-url" in with_hint(read_only, CLI_HINTS)
    assert f"oxigraph:{tmp_path / 'store'}" in str(read_only)
    assert with_hint(service, SERVER_HINTS).endswith("started with --allow-service.")
    assert "--allow-update" in with_hint(update, SERVER_HINTS)
    assert with_hint(read_only, SERVER_HINTS) == str(read_only)  # no hint of the server's
