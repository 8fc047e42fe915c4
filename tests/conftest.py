"""Shared fixtures: the loaded graph (once per session) and a runner for the real command."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.store import Store

from .servers import OxigraphServer, ServerError, VirtuosoServer, oxigraph_server, virtuoso_server

REPOSITORY = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = REPOSITORY.parent / "shared" / "data"

CliRunner = Callable[..., subprocess.CompletedProcess[str]]

#: dataset -> small files of its real rows (tests/fixtures/datasets), for the queries whose header
#: names the import they need (``#+ data: atop``)
DATASET_FIXTURES: dict[str, list[Path]] = {
    "diplomatic-exchange": [FIXTURES / "datasets" / "diplomatic-exchange-usa.csv"],
    "atop": [
        FIXTURES / "datasets" / "atop-members.csv",
        FIXTURES / "datasets" / "atop-alliances.csv",
    ],
    "unga-votes": [FIXTURES / "datasets" / "unga-votes"],
    "wikidata": [
        FIXTURES / "datasets" / "wikidata-p530.csv",
        FIXTURES / "datasets" / "wikidata-embassies.csv",
    ],
}


def import_fixtures(kg: KnowledgeGraph | Store) -> None:
    """Import every dataset's fixture into ``kg``."""
    from diplograph.importers import import_files

    for dataset, paths in DATASET_FIXTURES.items():
        import_files(kg, dataset, paths)


# Tests (and the commands, notebooks and doctests they run) never touch the user's own store in
# their data folder: the default is Oxigraph in memory unless a test names a store.
os.environ["DIPLOGRAPH_STORE"] = "memory"


def rejected_lines(path: Path) -> dict[int, str]:
    """Line -> reason of the rows an import wrote to the rejects file ``path``."""
    with path.open(newline="") as stream:
        return {int(r["line"]): r["reason"] for r in csv.DictReader(stream)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that runs the real command (the ``cli`` fixture) carries the ``cli`` marker."""
    for item in items:
        if "cli" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.cli)


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    return diplograph.open("memory")


@pytest.fixture(scope="session")
def imported_kg() -> KnowledgeGraph:
    """A memory store with the built-in graph and every dataset's fixture imported."""
    kg = diplograph.open("memory")
    import_fixtures(kg)
    return kg


@pytest.fixture(scope="session")
def cli() -> CliRunner:
    """Run ``diplograph ARGS...`` as a user would, in a subprocess, with no standard input."""

    def run(
        *args: str, cwd: Path | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diplograph", *args],
            capture_output=True,
            text=True,
            cwd=cwd or REPOSITORY,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def oxigraph_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """A real ``oxigraph serve --union-default-graph`` on 127.0.0.1, for the whole session."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as server:
        yield server


#: the tests' Virtuoso's MaxQueryExecutionTime, and the timeout the command tests give their
#: store strings and commands: far over any test query (a few seconds at a load of 20 on 2 cores)
VIRTUOSO_SECONDS = 900


@pytest.fixture(scope="session")
def virtuoso_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """A real Virtuoso (Debian's virtuoso-opensource) on 127.0.0.1, updates granted, for the
    whole session; its configuration and database in a temporary folder."""
    try:
        # no time limit a loaded machine can reach (Debian's is 60 s): a query the server stops
        # is an error, and on a busy machine a command test then fails for the load, not for what
        # it tests (the cut-answer warnings are tested with servers that answer so)
        server = virtuoso_server(tmp_path_factory.mktemp("virtuoso"), max_seconds=VIRTUOSO_SECONDS)
        started = server.__enter__()
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        yield started
    finally:
        server.__exit__(None, None, None)
