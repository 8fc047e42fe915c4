"""Crashes (kill -9) and stops (SIGTERM) at chosen moments of load, reload, unload, import and
aggregation; then the store is looked at from a reader (``oxigraph-ro:``) and a writer.

Nothing lost, nothing mixed: a reader lists each file once (or not at all), a writer's open
removes what the crash left (with a note) and finds exactly the state before the command, or
after it once it committed; no file the crash left stays in the store's folder. SIGTERM is
handled as Ctrl-C: the command undoes what it half-wrote and ends with 143.

Campaign cases: a reload killed after its new copy was stored left the file loaded twice
(``sources`` listed it twice, ``stats`` 2,225,298 triples instead of 1,118,486); during a bulk
load or after a killed one, a reader listed a graph "(written by a SPARQL update)" and a false
"older built-in graph" note; 16 orphan ``bulk-*.sst`` files (38 MB) stayed for ever and the
clean-up was a silent 77 s inside the next command; SIGTERM was treated like kill -9.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import REPOSITORY
from .conftest import SHARED_DATA, Held, diplograph, held

pytestmark = pytest.mark.cli  # each test runs the diplograph command

INJECT = Path(__file__).with_name("inject.py")
SIGNALS = {"KILL": -signal.SIGKILL, "TERM": 128 + signal.SIGTERM}
RAW = SHARED_DATA / "gdelt-v1-raw-sample" / "events.csv"


def _ntriples(path: Path, version: str, count: int = 100_000) -> Path:
    """A 5 MB N-Triples file (over the bulk loader's threshold); ``version`` changes every
    object, so that a reload replaces every triple."""
    path.write_text(
        "".join(f'<urn:x:s{i}> <urn:x:p> "{version} {i}" .\n' for i in range(count)),
        encoding="utf-8",
    )
    return path


def _injected(moment: str, which: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(INJECT), moment, which, *args],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def _answers(store: Path) -> list[tuple[object, ...]]:
    """What a reader's queries see of big.nt's subjects (and how many triples in all)."""
    from diplograph.store import open_store

    opened = open_store(f"oxigraph-ro:{store}")
    try:
        _, rows = opened.select_values(
            "SELECT ?o (COUNT(*) AS ?n) WHERE { VALUES ?s { <urn:x:s7> <urn:x:s99999> } "
            "?s <urn:x:p> ?o } GROUP BY ?o ORDER BY ?o"
        )
        _, total = opened.select_values("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return [*rows, *total]
    finally:
        opened.close()


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    (target / "diplograph.lock").unlink(missing_ok=True)
    return target


def _left_files(store: Path) -> list[str]:
    """Files in the store's folder that a crash leaves: bulk pieces, temporary files."""
    return sorted(
        p.name for p in [*store.glob("bulk-*.sst"), *store.glob("derived/.*")] if p.is_file()
    )


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Stores to start from: ``fresh`` (the built-in graph), ``loaded`` (and big.nt, version
    1), ``reloaded`` (what a clean reload of big.nt, version 2, gives), ``imported`` (and 300
    GDELT rows), ``aggregated`` (and their aggregated ties); and the files."""
    folder = tmp_path_factory.mktemp("crash-stores")
    fresh = folder / "fresh"
    assert diplograph("--store", f"oxigraph:{fresh}", "sources").returncode == 0
    big = _ntriples(folder / "big.nt", "one")
    loaded = _copy(fresh, folder / "loaded")
    assert diplograph("--store", f"oxigraph:{loaded}", "load", str(big)).returncode == 0
    reloaded = _copy(loaded, folder / "reloaded")
    second = _ntriples(folder / "big-two.nt", "two")
    with _reloading(big, second):  # big.nt is version 2 for a while: loading it is a reload
        done = diplograph("--store", f"oxigraph:{reloaded}", "load", str(big))
    assert done.returncode == 0, done.stderr
    rows = folder / "events.csv"
    with RAW.open(encoding="utf-8") as stream:
        rows.write_text("".join(stream.readline() for _ in range(300)), encoding="utf-8")
    imported = _copy(fresh, folder / "imported")
    done = diplograph(
        "--store", f"oxigraph:{imported}", "import", "gdelt", "--no-aggregate", str(rows)
    )
    assert done.returncode == 0, done.stderr
    aggregated = _copy(imported, folder / "aggregated")
    done = diplograph("--store", f"oxigraph:{aggregated}", "import", "aggregate")
    assert done.returncode == 0, done.stderr
    return {
        "fresh": fresh,
        "loaded": loaded,
        "reloaded": reloaded,
        "imported": imported,
        "aggregated": aggregated,
        "big": big,
        "big-two": second,
        "rows": rows,
    }


@contextlib.contextmanager
def _reloading(path: Path, content: Path) -> Iterator[None]:
    """``path`` holds ``content`` for the block, then its own content again."""
    kept = path.read_bytes()
    path.write_bytes(content.read_bytes())
    try:
        yield
    finally:
        path.write_bytes(kept)


def _case(
    stores: dict[str, Path],
    tmp_path: Path,
    which: str,
    start: str,
    moment: str,
    command: list[str],
    before: str,
    after: str | None = None,
    *,
    reload: bool = False,
) -> None:
    """Copy the store ``start``, run ``diplograph COMMAND`` on it and fire ``which`` at
    ``moment`` (a ``reload`` loads big.nt as version 2). Then a reader lists the files of the
    store ``before`` (or ``after``, for a command stopped once it committed) each once, and a
    writer finds exactly that state, with nothing the crash left in the folder."""
    store = _copy(stores[start], tmp_path / "store")
    args = [str(stores[word.lower()]) if word.isupper() else word for word in command]
    with contextlib.ExitStack() as stack:
        if reload:
            stack.enter_context(_reloading(stores["big"], stores["big-two"]))
        done = _injected(moment, which, "--store", f"oxigraph:{store}", *args)
    assert done.returncode == SIGNALS[which], done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    expected = held(stores[after or before])
    read = held(store)
    assert read.sources == expected.sources, "a reader lists other files than a clean store"
    assert read.triples == expected.triples, "a reader counts what the stopped command left"
    assert not any("older version" in note for note in read.notes), read.notes
    listed = diplograph("--store", f"oxigraph-ro:{store}", "sources")
    assert "SPARQL update" not in listed.stdout, listed.stdout
    assert _answers(store) == _answers(stores[after or before]), "a reader's answers are mixed"
    if which == "TERM" and moment not in {"committed", "dropping"}:
        # stopped like Ctrl-C: it undid what it half-wrote before it ended
        assert read == Held(expected.sources, expected.triples, ())
        assert _left_files(store) == []
    unfinished = any("unfinished graph" in note for note in read.notes)
    left = _left_files(store)
    if which == "KILL":
        assert unfinished or left, "kill -9 left nothing: the moment was missed"
    # a writer's open removes what was left, saying so
    opened = diplograph("--store", f"oxigraph:{store}", "sources")
    assert opened.returncode == 0, opened.stderr
    said = opened.stderr.replace("\n", " ")
    assert ("removing what an interrupted" in said) == unfinished, said
    assert ("that an interrupted load or import left" in said) == bool(left), said
    written = held(store, writable=True)
    assert written.sources == expected.sources
    assert written.triples == expected.triples
    assert _left_files(store) == []
    assert held(store) == Held(expected.sources, expected.triples, ())


@pytest.mark.parametrize("which", ["KILL", "TERM"])
def test_a_bulk_load_stopped_half_way(stores: dict[str, Path], tmp_path: Path, which: str) -> None:
    _case(stores, tmp_path, which, "fresh", "bulk", ["load", "BIG"], "fresh")


@pytest.mark.parametrize("which", ["KILL", "TERM"])
def test_a_reload_stopped_while_loading(
    stores: dict[str, Path], tmp_path: Path, which: str
) -> None:
    """Stopped before its commit: the old copy stays, alone."""
    _case(stores, tmp_path, which, "loaded", "bulk", ["load", "BIG"], "loaded", reload=True)


@pytest.mark.parametrize("which", ["KILL", "TERM"])
def test_a_reload_stopped_right_after_its_commit(
    stores: dict[str, Path], tmp_path: Path, which: str
) -> None:
    """Stopped after its commit: the new copy, alone (the old one is no file's any more)."""
    command = ["load", "BIG"]
    _case(
        stores, tmp_path, which, "loaded", "committed", command, "loaded", "reloaded", reload=True
    )


@pytest.mark.parametrize("which", ["KILL", "TERM"])
def test_an_unload_stopped_while_dropping(
    stores: dict[str, Path], tmp_path: Path, which: str
) -> None:
    _case(stores, tmp_path, which, "loaded", "dropping", ["unload", "big.nt"], "fresh")


@pytest.mark.parametrize("which", ["KILL", "TERM"])
def test_an_import_stopped_half_way(stores: dict[str, Path], tmp_path: Path, which: str) -> None:
    command = ["import", "gdelt", "--no-aggregate", "ROWS"]
    _case(stores, tmp_path, which, "fresh", "rows", command, "fresh")


@pytest.mark.parametrize("which", ["KILL", "TERM"])
def test_an_aggregation_stopped_half_way(
    stores: dict[str, Path], tmp_path: Path, which: str
) -> None:
    _case(stores, tmp_path, which, "imported", "ties", ["import", "aggregate"], "imported")
