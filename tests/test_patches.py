"""What diplograph's few reaches into a library's internals or the process's state rely on, pinned,
so that an upgrade that changes it fails here rather than in a user's command.

Each reach lives in one module: the garbage collector's pause in ``diplograph.bulk`` (taken only
by the command line and the server's workers), oxrdflib's private ``_inner`` in
``diplograph.store.oxrdflib_store``, typer's click objects in ``diplograph.cli.typer_help``, and
the command's quick ending in ``diplograph.cli`` (``atexit``'s private ``_run_exitfuncs``, then
``os._exit``).
"""

from __future__ import annotations

import atexit
import gc
import inspect
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import oxrdflib
import pyoxigraph as ox
import pytest
import typer
from typer.testing import CliRunner

from diplograph.bulk import gc_paused
from diplograph.cli import common
from diplograph.cli.typer_help import global_options, plain_help
from diplograph.network import build_network
from diplograph.queries import run_query
from diplograph.store import open_store
from diplograph.store.graphs import OxigraphGraph

# ---------------------------------------------------------------- the garbage collector


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The collections the collector starts while the test runs (their phases)."""
    started: list[str] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(phase)

    gc.callbacks.append(seen)
    try:
        yield started
    finally:
        gc.callbacks.remove(seen)


def _cycles(count: int) -> list[list[Any]]:
    made: list[list[Any]] = []
    for _ in range(count):
        cycle: list[Any] = []
        cycle.append(cycle)
        made.append(cycle)
    return made


def test_a_paused_collector_starts_no_collection(collections: list[str]) -> None:
    """``gc_paused`` relies on ``gc.disable`` stopping every automatic collection, however many
    objects are made; and it switches the collector back on."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        with gc_paused():
            assert not gc.isenabled()
            collections.clear()  # any that ran before the pause
            _cycles(gc.get_threshold()[0] * 5)
            during = list(collections)
        assert during == []
        assert gc.isenabled()
        _cycles(gc.get_threshold()[0] * 5)
        assert collections  # on again, it collects: the test can tell
    finally:
        if not was_enabled:
            gc.disable()


def test_library_code_leaves_the_collector_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """Queries and networks built through the library never switch the collector off: a
    notebook keeps its own."""
    switched: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: switched.append("off"))
    store = open_store("memory")
    try:
        build_network(store, cache=False)
        run_query(store, "troop-contributors")
    finally:
        store.close()
    assert switched == []


def test_a_command_pauses_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line pauses it for the whole command (``serve`` excepted, whose workers pause
    it job by job)."""
    switched: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: switched.append("off"))
    done = CliRunner().invoke(common.app, ["--store", "memory", "query", "class-counts"])
    assert done.exit_code == 0, done.output
    assert switched == ["off"]


# ---------------------------------------------------------------- the command's quick ending


def test_atexit_runs_the_registered_handlers_on_request() -> None:
    """``diplograph.cli._end`` runs the exit handlers itself (``atexit._run_exitfuncs``, private)
    before ``os._exit`` skips the interpreter's teardown: it must still run what was registered."""
    ran: list[str] = []

    def handler() -> None:
        ran.append("ran")

    atexit.register(handler)
    try:
        atexit._run_exitfuncs()
    finally:
        atexit.unregister(handler)
    assert ran == ["ran"]


def test_a_command_ended_quickly_still_runs_exit_handlers_and_flushes(tmp_path: Path) -> None:
    """A command that ends through ``_end`` runs a handler registered while it ran and flushes
    what it printed (a pipe, so block-buffered), with the command's exit status."""
    marker = tmp_path / "handler-ran"
    program = (
        "import atexit, sys\n"
        "from pathlib import Path\n"
        "from diplograph import cli\n"
        f"atexit.register(lambda: Path({str(marker)!r}).write_text('yes'))\n"
        "sys.argv = ['diplograph', '--store', 'memory', 'queries']\n"
        "print('before the command')\n"
        "cli.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("before the command")
    assert "ego-network" in done.stdout
    assert marker.read_text() == "yes"


# ---------------------------------------------------------------- oxrdflib


def test_oxrdflib_keeps_its_store_behind_the_inner_property() -> None:
    """``oxrdflib_store`` overrides ``_inner`` (a property of ``oxrdflib.OxigraphStore`` that gives
    the pyoxigraph store it was made with) to load pending N-Triples on first use."""
    assert isinstance(inspect.getattr_static(oxrdflib.OxigraphStore, "_inner"), property)
    engine = ox.Store()
    assert oxrdflib.OxigraphStore(store=engine)._inner is engine
    graph = OxigraphGraph.from_ntriples(b"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <urn:d> .\n")
    assert len(graph) == 2  # counted from the text: nothing loaded yet
    assert sorted(str(o) for o in graph.objects()) == ["urn:c", "urn:d"]  # loaded through _inner


# ---------------------------------------------------------------- typer


def _sample() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None, add_completion=False)

    @app.callback()
    def root(
        store: Annotated[str | None, typer.Option("--store")] = None,
        flag: Annotated[bool, typer.Option("--flag")] = False,
    ) -> None:
        """A root with two global options."""

    @app.command()
    def run(
        many: Annotated[list[str] | None, typer.Option("--many")] = None,
        where: Annotated[Path | None, typer.Option("--where")] = None,
        count: Annotated[int, typer.Option("--count")] = 1,
    ) -> None:
        """A command with options of several types."""

    return app


def test_typer_still_shows_python_types_in_help() -> None:
    """Why ``plain_help`` exists: typer's own help names a value by its Python type. If this
    fails, typer writes words itself and ``plain_help`` can go."""
    shown = CliRunner().invoke(_sample(), ["run", "--help"]).output
    assert "<list[str]>" in shown


def test_plain_help_names_values_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    """The click objects typer builds still have what ``plain_help`` reads and sets."""
    root = plain_help(_sample())
    root.main(["run", "--help"], prog_name="sample", standalone_mode=False)
    shown = capsys.readouterr().out
    assert "<list[str]>" not in shown
    assert "--many TEXT" in shown
    assert "--where PATH" in shown
    assert "--count INTEGER" in shown
    assert "--help" in shown


def test_global_options_are_read_from_typers_click_objects() -> None:
    root = typer.main.get_command(_sample())
    assert global_options(root) == {"--store": True, "--flag": False}
    assert global_options(common.command())["--data"] is True
