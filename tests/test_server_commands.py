"""The commands a user runs, through a Virtuoso server: import, load, sources, validate, render,
analyze, path, export, dump and unload answer as they do on the default store (Oxigraph on disk)
holding the same files."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from diplograph.namespaces import GRAPH
from diplograph.store import open_store

from .conftest import FIXTURES, SHARED_DATA, VIRTUOSO_SECONDS, CliRunner
from .servers import VirtuosoServer
from .test_render import pairs_of, ties_of

pytestmark = pytest.mark.cli

#: real rows: the COW state-system list (243 states), imported through each store
STATES = SHARED_DATA / "cow-states-2016" / "states2016.csv"
FACTS = FIXTURES / "user-facts.ttl"


@dataclass(frozen=True)
class Stores:
    """The same files in two stores: the default kind (the reference) and Virtuoso."""

    disk: str
    virtuoso: str
    imported: dict[str, str]  # store -> what import said


@pytest.fixture(scope="module")
def stores(
    cli: CliRunner, virtuoso_endpoint: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stores]:
    """COW states imported and the user facts loaded, by the commands, into an on-disk store and
    into the session's Virtuoso (which is left holding only the built-in graph afterwards)."""
    folder = tmp_path_factory.mktemp("server-commands")
    # the store's own timeout (60 s) raised as the server's limit is: see VIRTUOSO_SECONDS
    specs = {
        "disk": f"oxigraph:{folder / 'store'}",
        "virtuoso": f"{virtuoso_endpoint.spec}&timeout={VIRTUOSO_SECONDS}",
    }
    said = {}
    try:
        for name, spec in specs.items():
            done = cli(
                "--store", spec, "import", "cow-states", str(STATES),
                "--rejects", str(folder / f"rejects-{name}.csv"),
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            said[spec] = done.stdout
            loaded = cli("--store", spec, "load", str(FACTS))
            assert loaded.returncode == 0, loaded.stderr
            assert f"loaded {FACTS}: 14 triples" in loaded.stderr
        yield Stores(specs["disk"], specs["virtuoso"], said)
    finally:
        server = open_store(virtuoso_endpoint.spec)
        for source in server.sources():
            if not source.builtin:
                server.unload(source.graph)
        server.close()


def _on_both(cli: CliRunner, stores: Stores, *args: str) -> tuple[str, str]:
    """The standard output of one command on the disk store and on Virtuoso (each must succeed,
    within the server's own time limit), each with what it said on standard error (warnings)."""
    out = []
    for spec in (stores.disk, stores.virtuoso):
        done = cli("--store", spec, *args, timeout=VIRTUOSO_SECONDS + 60)
        assert done.returncode == 0, f"{spec}: {done.stderr}"
        out.append((done.stdout, done.stderr))
    (disk, disk_said), (virtuoso, virtuoso_said) = out
    if virtuoso != disk:  # what each said beside it names the cause (a cut answer warns)
        print(f"{args}: the disk store said {disk_said!r}; Virtuoso said {virtuoso_said!r}")
    return disk, virtuoso


def test_import_reads_every_row_into_virtuoso(stores: Stores) -> None:
    """``import cow-states`` takes every row into Virtuoso, as into the disk store (its triples:
    the memberships, the states' dates citing a state's first and last spell, and the file's own
    description, short name included)."""
    counts = re.compile(r"read 243 = imported 243 \+ rejected 0 \+ filtered 0 .*?2,706 triples")
    for spec, said in stores.imported.items():
        assert counts.search(said), (spec, said)


def test_sources_lists_the_same_files(cli: CliRunner, stores: Stores) -> None:
    """``sources`` on Virtuoso lists the imported and loaded files with their triple counts, and
    the store's own view of them is the disk store's."""
    views = []
    for spec in (stores.disk, stores.virtuoso):
        done = cli("--store", spec, "sources")
        assert done.returncode == 0, done.stderr
        assert "states2016.csv" in done.stdout
        assert "user-facts.ttl" in done.stdout
        store = open_store(spec.replace("oxigraph:", "oxigraph-ro:"))
        try:
            views.append(sorted((s.title, s.triples, s.builtin) for s in store.sources()))
        finally:
            store.close()
    assert views[0] == views[1]
    assert ("states2016.csv", 2_706, False) in views[1]


def test_validate_analyze_and_path_say_the_same(cli: CliRunner, stores: Stores) -> None:
    """``validate``, ``analyze`` and ``path`` print the very text they print on the disk store."""
    for command in (
        ["validate"],
        ["analyze", "--as-of", "2026-01-15"],
        ["path", "Morocco", "Israel"],
    ):
        disk, virtuoso = _on_both(cli, stores, *command)
        assert virtuoso == disk, command
    assert disk.startswith("2 paths between Morocco and Israel")


def _map_data(html: str) -> dict[str, Any]:
    """The actors, pairs and ties a map shows, without their layout or the order of its columns
    (which follows the rows' order)."""
    found = re.search(
        r'<script type="application/json" id="diplograph-data">(.*?)</script>', html, re.S
    )
    assert found, "the map's data"
    data = json.loads(found[1])
    keep = ("id", "label", "kind", "degree", "shape", "color")
    pairs = pairs_of(data)
    ends = [(p["from"], p["to"], p["directed"], p["polarity"]) for p in pairs]
    return {
        "meta": data["meta"],
        "nodes": sorted(json.dumps({k: n.get(k) for k in keep}) for n in data["nodes"]),
        "pairs": sorted(
            json.dumps([*end, p["ties"], p["events"]]) for end, p in zip(ends, pairs, strict=True)
        ),
        "ties": sorted(
            json.dumps([ends[t.pop("pair")], t.pop("detail") is not None, t], sort_keys=True)
            for t in ties_of(data)
        ),
    }


def test_render_shows_the_same_map(cli: CliRunner, stores: Stores, tmp_path: Path) -> None:
    """``render`` of one actor's network draws the same actors and ties from Virtuoso."""
    maps = []
    for name, spec in (("disk", stores.disk), ("virtuoso", stores.virtuoso)):
        page = tmp_path / f"{name}.html"
        done = cli("--store", spec, "render", "ego-network", "-p", "actor=Morocco", "-o", str(page))
        assert done.returncode == 0, done.stderr
        assert "8 actors and 8 ties" in done.stdout + done.stderr
        maps.append(_map_data(page.read_text(encoding="utf-8")))
    assert maps[1] == maps[0]
    assert any('"label": "Morocco"' in node for node in maps[1]["nodes"])


def test_export_writes_the_same_network(cli: CliRunner, stores: Stores, tmp_path: Path) -> None:
    """``export -f json`` writes the same actors, ties and events from Virtuoso."""
    written = []
    for name, spec in (("disk", stores.disk), ("virtuoso", stores.virtuoso)):
        path = tmp_path / f"{name}.json"
        done = cli("--store", spec, "export", "-f", "json", "-o", str(path))
        assert done.returncode == 0, done.stderr
        data = json.loads(path.read_text(encoding="utf-8"))
        written.append(
            {
                key: sorted(json.dumps(item, sort_keys=True) for item in value)
                if isinstance(value, list)
                else value
                for key, value in data.items()
            }
        )
    assert written[1] == written[0]
    assert len(written[1]["nodes"]) == 18


def _triples(path: Path) -> tuple[set[Any], int]:
    """A dump's triples, blank nodes given canonical names, and its number of graphs; graph names
    aside (an import's graph name is new each time), and what each graph says of itself (its
    name and load time)."""
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in quads
        if not (isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(str(GRAPH)))
    ]
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert text is not None
    graph = Graph().parse(data=text.decode("utf-8"), format="nt")
    return set(to_canonical_graph(graph)), len({q.graph_name for q in quads})


def test_dump_then_unload(cli: CliRunner, stores: Stores, tmp_path: Path) -> None:
    """``dump`` writes Virtuoso's graphs whole (the disk store's triples, as many graphs); then
    ``unload`` takes the user's file out of Virtuoso, and ``sources`` no longer lists it."""
    dumps = []
    for name, spec in (("disk", stores.disk), ("virtuoso", stores.virtuoso)):
        path = tmp_path / f"{name}.nq"
        done = cli("--store", spec, "dump", "-o", str(path))
        assert done.returncode == 0, done.stderr
        dumps.append(_triples(path))
    assert dumps[1] == dumps[0]
    assert len(dumps[1][0]) > 14_000
    done = cli("--store", stores.virtuoso, "unload", "user-facts.ttl")
    assert done.returncode == 0, done.stderr
    listed = cli("--store", stores.virtuoso, "sources")
    assert listed.returncode == 0, listed.stderr
    assert "user-facts.ttl" not in listed.stdout
    assert "states2016.csv" in listed.stdout
