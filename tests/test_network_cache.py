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
from diplograph.store import derived
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
    """Everything a network holds, in order: nodes, edges and graph, with their attributes,
    and each node's predecessors (in the order algorithms walk them)."""
    return (
        list(network.nodes(data=True)),
        list(network.edges(keys=True, data=True)),
        dict(network.graph),
        [(node, list(network.pred[node])) for node in network],
    )


def assert_fresh(kg: KnowledgeGraph, **options: Any) -> nx.MultiDiGraph:
    """The network as kept equals the network read afresh, with these options; the kept one."""
    kept = build_network(kg.store, **options)
    assert shape(kept) == shape(build_network(kg.store, cache=False, **options))
    return kept


def kept_file(folder: Path) -> Path:
    return folder / "derived" / "cache" / "network.json"


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
    # every other network of this state is made from the kept one, a query's too when it
    # mentions more IRIs than KEPT_PAST (here: any)
    monkeypatch.setattr(build, "KEPT_PAST", 0)
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


@pytest.mark.cli
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


def test_a_read_only_open_keeps_nothing_but_reads_what_is_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only open writes nothing into the store's folder (as for the name index): it
    makes the network from the rows each time; a writable open keeps it, and a read-only open
    then reads that one."""
    with diplograph.open(f"oxigraph:{folder}") as kg:
        kg.store.state()  # the state is named
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    with diplograph.open(f"oxigraph-ro:{folder}") as kg:
        made = assert_fresh(kg)
    assert not kept_file(folder).exists()
    derived_now = {p for p in (folder / "derived").rglob("*") if p.is_file()}
    assert derived_now <= set(before), "a read-only open wrote into the store's folder"
    with diplograph.open(f"oxigraph:{folder}") as kg:
        assert shape(assert_fresh(kg)) == shape(made)
    assert kept_file(folder).is_file()

    def no_reading(*args: Any, **kwargs: Any) -> nx.MultiDiGraph:
        raise AssertionError("the store's rows were read again")

    monkeypatch.setattr(build, "_read_network", no_reading)
    with diplograph.open(f"oxigraph-ro:{folder}") as kg:
        assert shape(build_network(kg.store)) == shape(made)


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
    trusted, and the network is made anew."""
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


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """A list that grows by one each time the network is read from the store's rows."""
    read: list[bool] = []
    original = build._read_network

    def counting(*args: Any, **kwargs: Any) -> nx.MultiDiGraph:
        read.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(build, "_read_network", counting)
    return read


class _Hostile:
    """Unpickling this runs ``touch MARKER``: what a hostile pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("name", ["network.json", "network.pickle"])
def test_a_hostile_kept_file_is_refused_not_run(
    kg: KnowledgeGraph, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A store folder from someone else holding a pickle that runs code when loaded (as the
    network's file, or where older versions kept it): nothing runs, the network is made anew
    from the data and the file is replaced by one of plain data."""
    import pickle

    assert_fresh(kg)
    marker = tmp_path / "ran"
    body = pickle.dumps(_Hostile(marker))
    kept = kept_file(folder)
    label = f"network {kg.store.state()} {build._maker()}".encode()
    # the same header and a signature made with another key: all an attacker can copy
    (kept.parent / name).write_bytes(b"diplograph-derived-1\n" + label + b"\n" + bytes(64) + body)
    if name != "network.json":
        kept.write_bytes(b"diplograph-derived-2\n" + label + b"\n" + bytes(64) + body)
    read = _counting_reads(monkeypatch)
    assert_fresh(kg)
    assert read, "the hostile file was trusted"
    assert not marker.exists(), "the hostile file ran"
    # replaced by a network of plain data, signed: read back as it is
    again = derived.read_derived(folder / "derived", "network", label.decode())
    assert isinstance(again, dict)
    assert again["format"] == 1


def test_a_forged_network_in_plain_data_is_not_shown(
    kg: KnowledgeGraph, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain data runs nothing, but a network someone else wrote could show ties the store
    does not hold: unsigned by this user, it is not read."""
    from diplograph.network.kept import network_to_tables

    fresh = assert_fresh(kg)
    kept = kept_file(folder)
    head, _ = kept.read_bytes().split(b"\n", 1)
    label = kept.read_bytes().split(b"\n", 2)[1]
    forged = fresh.copy()
    forged.add_edge("https://x.org/a", "https://x.org/b", key="https://x.org/forged", kind="tie")
    body = json.dumps(network_to_tables(forged)).encode()
    kept.write_bytes(head + b"\n" + label + b"\n" + bytes(64) + body)
    read = _counting_reads(monkeypatch)
    assert "https://x.org/forged" not in {k for *_, k in build_network(kg.store).edges(keys=True)}
    assert read


@pytest.mark.parametrize(
    "damage",
    [b"not json", b'{"format": 1}', b'{"format": 99}', b"[" * 100_000, b"\xff\xfe"],
)
def test_a_kept_file_of_this_user_that_cannot_be_read_is_made_anew(
    kg: KnowledgeGraph, folder: Path, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    """Signed with the user's own key but not a network (another version's layout, a bug):
    made anew from the data, no error."""
    assert_fresh(kg)
    wanted = f"network {kg.store.state()} {build._maker()}".encode()
    signature = derived._signature(derived._user_key(), wanted, damage)
    kept_file(folder).write_bytes(derived._MAGIC + wanted + b"\n" + signature + damage)
    read = _counting_reads(monkeypatch)
    assert_fresh(kg)
    assert read


def test_a_symlink_in_place_of_the_kept_file_is_not_written_through(
    folder: Path, tmp_path: Path
) -> None:
    """A store folder from elsewhere with a link from the network's file to a file of the
    user's: the file is left alone, the link replaced."""
    with diplograph.open(f"oxigraph:{folder}") as kg:
        assert_fresh(kg)
    precious = tmp_path / "precious.txt"
    precious.write_text("mine", encoding="utf-8")
    kept = kept_file(folder)
    kept.unlink()
    kept.symlink_to(precious)
    with diplograph.open(f"oxigraph:{folder}") as kg:
        assert_fresh(kg)
    assert precious.read_text(encoding="utf-8") == "mine"
    assert not kept.is_symlink()
    assert kept.is_file()


def test_the_tables_keep_every_kind_of_value_as_it_was() -> None:
    """Equal values of other types (1, 1.0, True) stay apart; dates, times, decimals, lists
    and dicts come back as they were, each edge with its own attributes."""
    from datetime import date, datetime
    from decimal import Decimal

    from diplograph.network.kept import network_from_tables, network_to_tables

    network = nx.MultiDiGraph(counts={"ties": 3, "nested": {"a": [date(2000, 1, 1)]}})
    values = [1, True, 1.0, Decimal("1.50"), "1", None, date(1990, 5, 6)]
    for number, value in enumerate(values * 2):
        scalar = [1, True, 1.0, "1"][number % 4]  # a column of few values, kept once each
        network.add_node(f"n{number}", label="same", names=["x"], value=value, scalar=scalar)
    for number, value in enumerate(values * 2):
        network.add_edge(
            f"n{number}",
            f"n{(number + 1) % len(values)}",
            key=f"t{number:02}",
            kind="tie",
            when=datetime(2001, 2, 3, 4, 5, 6) if number % 2 else None,
            quantity=value,
            evidence=[{"line": number, "published": date(2020, 1, 1)}] * (number % 3),
        )
    network.add_edge("n0", "n1", key="e", kind="event", event="https://x.org/e", quantity=2)
    back = network_from_tables(json.loads(json.dumps(network_to_tables(network))))
    assert shape(back) == shape(network)
    for (*_, kept), (*_, made) in zip(
        back.edges(keys=True, data=True), network.edges(keys=True, data=True), strict=True
    ):
        assert [type(v) for v in kept.values()] == [type(v) for v in made.values()]
    for name in ("value", "scalar"):
        assert [type(d[name]) for _, d in back.nodes(data=True)] == [
            type(d[name]) for _, d in network.nodes(data=True)
        ]


def test_a_network_the_tables_cannot_hold_is_not_kept() -> None:
    from diplograph.network.kept import network_to_tables

    network = nx.MultiDiGraph()
    network.add_edge("a", "b", key="t", kind="tie", odd={1, 2})
    assert network_to_tables(network) is None
    numbered = nx.MultiDiGraph()
    numbered.add_edge(1, 2, key="t", kind="tie")
    assert network_to_tables(numbered) is None


def _index(kg: KnowledgeGraph) -> dict[str, Any]:
    """The actor name index of ``kg``'s store as a person sees it: names, labels, identifiers."""
    from diplograph.queries import names

    built = names._built(kg.store, "actor")
    return {
        "index": built.index["actor"],
        "labels": built.labels["actor"],
        "ids": names._identifiers(built, "actor"),
    }


def _fresh_index(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The actor name index read from the store's rows, whatever is kept beside it."""
    from diplograph.queries import names

    with monkeypatch.context() as patched:
        patched.setattr(names, "_kept", lambda *args: None)
        patched.setattr(names, "_keep", lambda *args: None)
        with diplograph.open(f"oxigraph-ro:{folder}") as kg:
            return _index(kg)


def test_the_name_index_is_kept_and_read_back(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplograph.queries import names

    with diplograph.open(f"oxigraph:{folder}") as kg:
        first = _index(kg)
    assert (folder / "derived" / "cache" / "names-actor.json").is_file()

    def no_reading(*args: Any) -> None:
        raise AssertionError("the names were read from the store's rows again")

    with monkeypatch.context() as patched:
        patched.setattr(names, "_read", no_reading)
        with diplograph.open(f"oxigraph-ro:{folder}") as kg:
            kept = _index(kg)
            assert str(names.resolve_actor(kg.store, "MAR")).endswith("/morocco")
            assert str(names.resolve_actor(kg.store, "d:morocco")).endswith("/morocco")
    assert kept == first == _fresh_index(folder, monkeypatch)


@pytest.mark.cli
def test_a_name_loaded_since_is_found(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a load, by this process or another, the kept index is not used: a new name is
    found, and the index equals one read afresh."""
    from diplograph.errors import UnknownNameError
    from diplograph.queries import names

    with diplograph.open(f"oxigraph:{folder}") as kg:
        with pytest.raises(UnknownNameError):
            names.resolve_actor(kg.store, "Examplestan")
        kg.load(FIXTURES / "user-facts.ttl")
        assert names.resolve_actor(kg.store, "Examplestan")
        kg.unload(str(FIXTURES / "user-facts.ttl"))
        with pytest.raises(UnknownNameError):
            names.resolve_actor(kg.store, "Examplestan")
    _diplograph(folder, "load", str(FIXTURES / "user-facts.ttl"))
    with diplograph.open(f"oxigraph-ro:{folder}") as kg:
        assert names.resolve_actor(kg.store, "Examplestan")
        assert _index(kg) == _fresh_index(folder, monkeypatch)


def test_a_query_of_few_ties_reads_its_own_rows(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query's network of up to KEPT_PAST IRIs is read from its own rows (faster than the
    network of every tie), and equals the one made from the kept network."""
    assert_fresh(kg)
    read = _counting_reads(monkeypatch)
    options: dict[str, Any] = {"query": "ego-network", "params": {"actor": "Morocco"}}
    own = build_network(kg.store, **options)
    assert read == [True]
    monkeypatch.setattr(build, "KEPT_PAST", 0)
    assert shape(build_network(kg.store, **options)) == shape(own)
    assert read == [True]


def test_a_query_of_many_ties_keeps_the_network_of_every_tie(
    kg: KnowledgeGraph, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query past READ_IN_BLOCKS IRIs reads every tie's rows: through a writable open, that
    read makes the network of every tie and keeps it, and the next network (the query's again,
    or every tie's) is made from it without reading the rows; a read-only open keeps nothing."""
    monkeypatch.setattr(build, "KEPT_PAST", 0)
    monkeypatch.setattr(build, "READ_IN_BLOCKS", 0)
    monkeypatch.setattr(build, "READ_IN_BLOCKS_SHARE", 0.0)
    options: dict[str, Any] = {"query": "ego-network", "params": {"actor": "Morocco"}}
    fresh = build_network(kg.store, cache=False, **options)
    kg.close()
    with diplograph.open(f"oxigraph-ro:{folder}") as reader:
        read = _counting_reads(monkeypatch)
        assert shape(build_network(reader.store, **options)) == shape(fresh)
        assert read == [True]
    assert not kept_file(folder).exists()
    with diplograph.open(f"oxigraph:{folder}") as writer:
        assert shape(build_network(writer.store, **options)) == shape(fresh)
        assert read == [True, True]
        assert kept_file(folder).is_file()
        assert shape(build_network(writer.store, **options)) == shape(fresh)
        build_network(writer.store)
        assert read == [True, True]  # made from the kept network, twice


def test_a_query_of_a_small_share_of_the_ties_reads_its_own_rows_in_blocks(
    kg: KnowledgeGraph, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past READ_IN_BLOCKS IRIs, a query naming at most READ_IN_BLOCKS_SHARE of the store's ties
    still reads only its own rows, block by block (an ego network of every real dataset names
    ten thousand IRIs of 863,370 ties): a writable open keeps no network of every tie for it."""
    monkeypatch.setattr(build, "KEPT_PAST", 0)
    monkeypatch.setattr(build, "READ_IN_BLOCKS", 0)
    options: dict[str, Any] = {"query": "ego-network", "params": {"actor": "Morocco"}}
    fresh = build_network(kg.store, cache=False, **options)
    chosen: list[list[str] | None] = []
    original = build._read_network

    def recording(store: Any, keep: Any, alone: list[str] | None, *rest: Any) -> Any:
        chosen.append(alone)
        return original(store, keep, alone, *rest)

    monkeypatch.setattr(build, "_read_network", recording)
    monkeypatch.setattr(build, "READ_IN_BLOCKS_SHARE", 1.0)
    assert shape(build_network(kg.store, **options)) == shape(fresh)
    assert len(chosen) == 1
    assert chosen[0], "its own ties, read alone"
    assert not kept_file(folder).exists()
    monkeypatch.setattr(build, "READ_IN_BLOCKS_SHARE", 0.0)
    assert shape(build_network(kg.store, **options)) == shape(fresh)
    assert chosen[1] is None, "every tie read"
    assert kept_file(folder).is_file()
