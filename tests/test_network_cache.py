"""The network an on-disk store keeps beside its data is never out of date: after every kind of
write, by this process or another, the network equals one read afresh from the store's rows."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.importers import import_files
from diplograph.network import build, build_network
from diplograph.store.derived import STATE_FILE

from .conftest import FIXTURES, REPOSITORY, SHARED_DATA

#: a tie of the user's, between two actors of the built-in graph
TIE = "https://w3id.org/diplograph/id/test-tie-morocco-israel"
USER_TIE = f"""
PREFIX d:    <https://w3id.org/diplograph/id/>
PREFIX dipl: <https://w3id.org/diplograph/ont#>
PREFIX tt:   <https://w3id.org/diplograph/vocab/tie-type/>
<{TIE}> a dipl:Tie ; dipl:fromActor d:morocco ; dipl:toActor d:israel ;
    dipl:tieType tt:DiplomaticRelations .
"""
#: GDELT 1.0 events of February 2012 (the real rows of ../shared/data): event edges
GDELT = SHARED_DATA / "gdelt-v1-georgia-2011-2012" / "feb2012.csv"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's signing key in a folder of the test's own."""
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "user-cache"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def kg(folder: Path) -> Iterator[KnowledgeGraph]:
    graph = diplograph.open(f"oxigraph:{folder}")
    yield graph
    graph.close()


def shape(network: nx.MultiDiGraph) -> tuple[Any, ...]:
    """Everything a network holds, in order: nodes, edges and graph, with their attributes."""
    return (
        list(network.nodes(data=True)),
        list(network.edges(keys=True, data=True)),
        dict(network.graph),
    )


def assert_fresh(kg: KnowledgeGraph, **options: Any) -> nx.MultiDiGraph:
    """The network as kept equals the network read afresh, with these options; the kept one."""
    kept = build_network(kg.store, **options)
    assert shape(kept) == shape(build_network(kg.store, cache=False, **options))
    return kept


def kept_file(folder: Path) -> Path:
    return folder / "derived" / "cache" / "network.pickle"


def test_the_network_is_kept_and_read_back(
    kg: KnowledgeGraph, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = assert_fresh(kg)
    assert kept_file(folder).is_file()
    reading = {"allowed": False}
    original = build._read_network

    def guarded(*args: Any, **kwargs: Any) -> nx.MultiDiGraph:
        assert reading["allowed"], "the store's rows were read again"
        return original(*args, **kwargs)

    monkeypatch.setattr(build, "_read_network", guarded)
    assert shape(build_network(kg.store)) == shape(first)
    # every other network of this state is made from the kept one, a query's too
    for options in (
        {"as_of": "2025-12-01"},
        {"as_of": "2000-01-01", "undated": "exclude", "unsourced": "exclude"},
        {"events": False},
        {"query": "ego-network", "params": {"actor": "Morocco"}},
        {"query": "troop-contributors", "as_of": "2025-12-20", "undated": "include"},
    ):
        made = build_network(kg.store, **options)
        reading["allowed"] = True
        assert shape(made) == shape(build_network(kg.store, cache=False, **options)), options
        reading["allowed"] = False


def _write_file(tmp_path: Path, text: str = USER_TIE) -> Path:
    path = tmp_path / "mine.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def _nothing(kg: KnowledgeGraph, tmp_path: Path) -> None:
    pass


def _load(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.load(_write_file(tmp_path))


def _reload(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.load(_write_file(tmp_path, USER_TIE.replace("DiplomaticRelations", "Conflict")))


def _unload(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.unload(str(tmp_path / "mine.ttl"))


def _import(kg: KnowledgeGraph, tmp_path: Path) -> None:
    if not GDELT.exists():
        pytest.skip("../shared/data is not here")
    path = tmp_path / "events.csv"
    with GDELT.open(encoding="utf-8", newline="") as stream:  # the header, 40 events of two states
        header, *rows = list(csv.reader(stream))
    one, two = header.index("Actor1Code"), header.index("Actor2Code")
    both = [row for row in rows if {row[one][:3], row[two][:3]} == {"GEO", "RUS"}]
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([header, *both[:40]])
    [report] = import_files(kg, "gdelt", [path])
    assert report.imported > 0


def _update(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.store.update("INSERT DATA { " + USER_TIE.split("\n", 4)[-1] + " }")


def _delete(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.store.update(
        "DELETE { GRAPH ?g { ?tie ?p ?o } } WHERE { GRAPH ?g { "
        "?tie dipl:toActor d:isf ; dipl:fromActor d:morocco ; ?p ?o } }"
    )


def _temporary(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.store.load(_write_file(tmp_path), temporary=True)  # --data: for this command only


#: each kind of write: what is done first (its network then kept), and the write itself
WRITES: dict[str, tuple[Callable[[KnowledgeGraph, Path], None], ...]] = {
    "load": (_nothing, _load),
    "reload": (_load, _reload),
    "unload": (_load, _unload),
    "import": (_nothing, _import),
    "update": (_nothing, _update),
    "delete": (_nothing, _delete),
    "data for one command": (_nothing, _temporary),
}


@pytest.mark.parametrize(("first", "write"), WRITES.values(), ids=WRITES.keys())
def test_every_write_makes_the_kept_network_out_of_date(
    kg: KnowledgeGraph,
    tmp_path: Path,
    first: Callable[[KnowledgeGraph, Path], None],
    write: Callable[[KnowledgeGraph, Path], None],
) -> None:
    first(kg, tmp_path)
    before = assert_fresh(kg)
    write(kg, tmp_path)
    after = assert_fresh(kg)
    assert shape(after) != shape(before), "the write changed nothing the network shows"
    assert_fresh(kg, as_of="2020-01-01", undated="exclude")
    assert_fresh(kg, query="ego-network", params={"actor": "Morocco"})


def test_data_for_one_command_leaves_with_it(folder: Path, tmp_path: Path) -> None:
    with diplograph.open(f"oxigraph:{folder}") as kg:
        before = assert_fresh(kg)
        _temporary(kg, tmp_path)
        assert TIE in {key for *_, key in assert_fresh(kg).edges(keys=True)}
    with diplograph.open(f"oxigraph:{folder}") as kg:
        assert shape(assert_fresh(kg)) == shape(before)


def _diplograph(folder: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "diplograph", "--store", f"oxigraph:{folder}", *args],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_a_write_by_another_process_is_seen(folder: Path, tmp_path: Path) -> None:
    with diplograph.open(f"oxigraph:{folder}") as kg:
        before = assert_fresh(kg)
    _diplograph(folder, "load", str(FIXTURES / "user-facts.ttl"))
    for spec in (f"oxigraph-ro:{folder}", f"oxigraph:{folder}"):
        with diplograph.open(spec) as kg:
            after = assert_fresh(kg)
            assert shape(after) != shape(before)
            assert "https://w3id.org/diplograph/id/test-tie-examplestan-isf" in {
                key for *_, key in after.edges(keys=True)
            }


def test_a_graph_written_behind_diplographs_back_is_seen(folder: Path, tmp_path: Path) -> None:
    """A writer that does not mark the store's state (pyoxigraph itself, an older diplograph)
    still changes the graphs the store holds: that is seen."""
    with diplograph.open(f"oxigraph:{folder}") as kg:
        before = assert_fresh(kg)
    engine = ox.Store(str(folder))
    engine.load(USER_TIE.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(TIE + "-g"))
    engine.flush()
    del engine
    with diplograph.open(f"oxigraph-ro:{folder}") as kg:
        assert shape(assert_fresh(kg)) != shape(before)


def test_a_write_left_unfinished_keeps_nothing(folder: Path) -> None:
    """A writer killed half way leaves the state "writing": a reader then keeps and trusts no
    network until a writer has opened the store again."""
    with diplograph.open(f"oxigraph:{folder}") as kg:
        assert_fresh(kg)
    state = folder / "derived" / STATE_FILE
    state.write_text(json.dumps({"state": "x", "writing": True}), encoding="utf-8")
    with diplograph.open(f"oxigraph-ro:{folder}") as kg:
        assert kg.store.state() is None
        assert_fresh(kg)
    with diplograph.open(f"oxigraph:{folder}") as kg:
        assert kg.store.state() is not None
        assert json.loads(state.read_text(encoding="utf-8"))["writing"] is False


@pytest.mark.parametrize("damage", ["another user's key", "a changed byte", "a symlink"])
def test_a_kept_network_not_signed_by_this_user_is_not_read(
    kg: KnowledgeGraph,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    damage: str,
) -> None:
    """A store folder copied from someone else may hold a file of theirs: it is never
    unpickled, and the network is made anew."""
    assert_fresh(kg)
    kept = kept_file(folder)
    if damage == "another user's key":
        monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "someone-else"))
    elif damage == "a changed byte":
        data = bytearray(kept.read_bytes())
        data[-10] ^= 1
        kept.write_bytes(bytes(data))
    else:
        elsewhere = tmp_path / "elsewhere.pickle"
        kept.rename(elsewhere)
        kept.symlink_to(elsewhere)

    read: list[bool] = []
    original = build._read_network

    def counting(*args: Any, **kwargs: Any) -> nx.MultiDiGraph:
        read.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(build, "_read_network", counting)
    assert_fresh(kg)
    assert read, "the file was trusted"


def test_a_change_to_how_the_network_is_made_makes_it_anew(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_fresh(kg)
    monkeypatch.setattr(build, "_maker", lambda: "another version")
    read: list[bool] = []
    original = build._read_network

    def counted_read(*args: Any, **kwargs: Any) -> nx.MultiDiGraph:
        read.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(build, "_read_network", counted_read)
    build_network(kg.store)
    assert read


@pytest.mark.parametrize("spec", ["memory", "rdflib"])
def test_stores_in_memory_keep_nothing(spec: str) -> None:
    store = diplograph.open(spec).store
    assert store.own_folder() is None
    assert store.state() is None


def test_the_remote_store_keeps_no_network(oxigraph_endpoint: Any) -> None:
    # others may write to an endpoint: its state cannot be told, so no network is kept for it
    # (its own folder holds only the aggregated ties)
    store = diplograph.open(oxigraph_endpoint.spec).store
    assert store.state() is None
    build_network(store)
    folder = store.own_folder()
    assert folder is None or not any(folder.glob("network*"))
