"""The Python API matches the command line: the same networks, maps, paths, analyses and facts."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.defaults import NetworkOptions
from diplograph.errors import DataError, OutputError, QueryError, UnknownNameError
from diplograph.network import build_network
from diplograph.wording import counted

from .conftest import CliRunner

ISF = "https://w3id.org/diplograph/id/isf"
ARTICLE = (
    "Egypt and Jordan met in Cairo on Tuesday. Officials said Jordan pledged 500 troops to the "
    "ISF.\nNo one else did.\n"
)


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KnowledgeGraph]:
    """A store of its own (it gets written to), in memory: its curation state too."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    kg = diplograph.open("memory")
    yield kg
    kg.close()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _edges(network: object) -> set[tuple[str, str, str]]:
    return set(network.edges(keys=True))  # type: ignore[attr-defined]


# ---------------------------------------------------------------- network, render, path, analyze


def test_network_is_the_network_the_commands_build(kg: KnowledgeGraph) -> None:
    assert _edges(kg.network()) == _edges(build_network(kg.store))
    pledges = kg.network("troop-contributors", force="ISF")
    contributors = {pledges.nodes[n]["label"] for n in pledges.predecessors(ISF)}
    assert contributors == {"Albania", "Indonesia", "Kazakhstan", "Kosovo", "Morocco"}
    assert pledges.graph["query"] == "troop-contributors"
    assert pledges.graph["params"] == {"force": "ISF"}
    without_events = kg.network(options=NetworkOptions(events=False))
    assert all(d["kind"] == "tie" for _, _, d in without_events.edges(data=True))
    assert without_events.number_of_edges() < kg.network().number_of_edges()


def test_network_options_leave_out_and_count(kg: KnowledgeGraph) -> None:
    old = kg.network(options=NetworkOptions(as_of="1990-01-01", undated="exclude"))
    assert old.number_of_edges() == 0
    assert old.graph["counts"]["ties_unknown_excluded"] > 0
    shown = kg.network(options=NetworkOptions(as_of="1990-01-01"))
    assert (
        shown.number_of_edges()
        == old.graph["counts"]["ties_unknown_excluded"] + (shown.graph["counts"]["events"])
    )


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda kg: kg.network(actor="Morocco"), QueryError, "name the query"),
        (
            lambda kg: kg.network(options=NetworkOptions(as_of="yesterday")),
            QueryError,
            "YYYY-MM-DD",
        ),
        (lambda kg: kg.network(as_of="2025-10-01"), QueryError, r"options=NetworkOptions\(as_of="),
        (lambda kg: kg.network("no-such-query"), QueryError, "no-such-query"),
        (lambda kg: kg.network("ego-network", actor="Atlantis"), UnknownNameError, "Atlantis"),
        (lambda kg: kg.path("Morocco", "MAR"), QueryError, "same actor, Morocco"),
        (lambda kg: kg.path("Morocco", "Atlantis"), UnknownNameError, "Atlantis"),
    ],
)
def test_bad_input_is_a_clear_error(
    kg: KnowledgeGraph, call: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call(kg)  # type: ignore[operator]


def test_render_writes_the_map_and_returns_its_path(kg: KnowledgeGraph, tmp_path: Path) -> None:
    written = kg.render(tmp_path / "morocco.html", "ego-network", actor="Morocco", title="M")
    assert written == tmp_path / "morocco.html"
    html = written.read_text(encoding="utf-8")
    assert "<title>M</title>" in html
    assert "Palestinian Authority" in html  # Morocco's partner
    assert 'src="http' not in html  # offline: nothing fetched


def test_map_is_the_page_in_memory_that_render_writes(kg: KnowledgeGraph, tmp_path: Path) -> None:
    shown = kg.map("ego-network", actor="Morocco", title="M")
    network = kg.network("ego-network", actor="Morocco")
    assert (shown.nodes, shown.edges) == (network.number_of_nodes(), network.number_of_edges())
    assert "<title>M</title>" in shown.html
    assert "srcdoc" in shown._repr_html_()  # inline in a notebook, in a sandboxed frame
    written = kg.render(tmp_path / "m.html", "ego-network", actor="Morocco", title="M")
    assert written.read_text(encoding="utf-8") == shown.html


def test_render_of_no_ties_warns_and_still_writes(kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="empty"):
        written = kg.render(
            tmp_path / "empty.html", options=NetworkOptions(as_of="1900-01-01", undated="exclude")
        )
    assert "This map is empty" in written.read_text(encoding="utf-8")
    with pytest.raises(OutputError, match="folder"):
        kg.render(tmp_path)  # a folder: refused before any work


def test_path_is_what_the_path_command_prints(kg: KnowledgeGraph, cli: CliRunner) -> None:
    found = kg.path("Board of Peace", "ISF")
    assert found[0].labels == ("Board of Peace", "International Stabilization Force")
    assert [t.kind for t in found[0].hops[0]] == ["event"]
    assert [len(p) for p in found] == sorted(len(p) for p in found)  # shortest first
    assert "1. Board of Peace — International Stabilization Force (meeting (event))" in repr(found)
    printed = cli("path", "Board of Peace", "ISF")
    assert printed.returncode == 0, printed.stderr
    assert f"{counted(len(found), 'path')} between Board of Peace and International" in (
        printed.stdout
    )
    assert len(kg.path("Board of Peace", "ISF", limit=1)) == 1
    assert all(len(p) <= 1 for p in kg.path("Board of Peace", "ISF", cutoff=1))


def test_path_names_an_actor_without_ties_on_the_date(kg: KnowledgeGraph) -> None:
    found = kg.path(
        "Morocco", "Jordan", options=NetworkOptions(as_of="1900-01-01", undated="exclude")
    )
    assert not found
    assert set(found.missing) == {
        "https://w3id.org/diplograph/id/morocco",
        "https://w3id.org/diplograph/id/jordan",
    }
    assert "none, no tie of" in repr(found)


def test_analyze_returns_what_the_analyze_command_prints(
    kg: KnowledgeGraph, cli: CliRunner
) -> None:
    found = kg.analyze()
    network = found.network
    assert len(found.centrality.rows) == network.number_of_nodes()
    top = found.centrality.rows[0]
    morocco = "https://w3id.org/diplograph/id/morocco"
    assert morocco in found.balance.unbalanced_actors  # the broker between Israel and the PA
    assert set(found.communities) == set(network.nodes)
    assert sum(len(m) for m in found.groups().values()) == network.number_of_nodes()
    printed = cli("analyze", "--top", "1")
    assert printed.returncode == 0, printed.stderr
    lines = [line for line in printed.stdout.splitlines() if line.startswith("│")]
    assert top.label in lines[0]
    assert f"{top.betweenness:.3f}" in lines[0]
    narrow = kg.analyze("troop-contributors", force="ISF")
    assert {r.label for r in narrow.centrality.rows} >= {"Morocco", "Albania"}
    assert len(narrow.centrality.rows) == 6


# ---------------------------------------------------------------- sources, extract, add


def test_from_an_article_to_facts(fresh: KnowledgeGraph, article: Path, tmp_path: Path) -> None:
    registered = fresh.add_source(article, title="A test article", published="2025-10-02")
    assert [line for line, _ in registered.sentences] == [1, 1, 2]
    candidates = fresh.extract(article, output=tmp_path / "candidates.csv")
    found = {(c.kind, c.source and c.source.label, c.type) for c in candidates}
    assert ("tie", "Jordan", "troop contribution") in found
    sheet = tmp_path / "candidates.csv"
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert len(rows) == len(candidates)
    assert {r["document"] for r in rows} == {f"sha256:{registered.sha256}"}
    before = len(fresh)
    added = fresh.add(sheet, reviewer="tester")
    assert (added.ties, added.events) == (
        sum(c.kind == "tie" for c in candidates),
        sum(c.kind == "event" for c in candidates),
    )
    assert len(fresh) > before
    evidence = fresh.values("evidence", actor="Jordan", type="troop contribution")
    assert "Officials said Jordan pledged 500 troops to the ISF." in [r["quote"] for r in evidence]
    assert fresh.validate().conforms
    again = fresh.add(sheet, reviewer="tester")  # the same sheet replaces what it added
    assert again.loaded is not None
    assert added.loaded is not None
    assert again.loaded.triples == added.loaded.triples


def test_a_bad_sheet_adds_nothing_and_names_each_line(
    fresh: KnowledgeGraph, article: Path, tmp_path: Path
) -> None:
    fresh.add_source(article)
    document = "sha256:" + hashlib.sha256(ARTICLE.encode()).hexdigest()
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        "line,quote,kind,from,to,type,document\n"
        f"1,Egypt and Jordan met in Cairo on Tuesday.,tie,Egypt,Jordan,diplomatic relations,"
        f"{document}\n"
        f"1,Egypt and Jordan met in Cairo on Tuesday.,tie,Egypt,Atlantis,diplomatic relations,"
        f"{document}\n"
        f"2,Nobody said this.,tie,Egypt,Jordan,conflict,{document}\n",
        encoding="utf-8",
    )
    before = len(fresh)
    with pytest.raises(DataError, match="Nothing was added: 2 of 3 rows") as caught:
        fresh.add(sheet)
    assert f"{sheet}:3:" in str(caught.value)
    assert "Atlantis" in str(caught.value)
    assert f"{sheet}:4:" in str(caught.value)
    assert len(fresh) == before  # nothing written
    partial = fresh.add(sheet, partial=True)
    assert partial.ties == 1
    assert len(partial.problems) == 2


def test_one_tie_and_rejected_candidates(
    fresh: KnowledgeGraph, article: Path, tmp_path: Path
) -> None:
    registered = fresh.add_source(article)
    met = "Egypt and Jordan met in Cairo"  # a part of the sentence: line 1 holds two
    added = fresh.add_tie(
        "Egypt", "Jordan", type="diplomatic relations", source=article, quote=met, status="active"
    )
    assert added.ties == 1
    ties = fresh.values("ties-between", a="Egypt", b="Jordan")
    assert any(r["typeLabel"] == "diplomatic relations" for r in ties)
    with pytest.raises(DataError, match="Atlantis"):
        fresh.add_tie("Egypt", "Atlantis", type="diplomatic relations", source=article, quote=met)
    with pytest.raises(DataError, match="duplicates the tie"):
        fresh.add_tie(
            "Egypt",
            "Jordan",
            type="diplomatic relations",
            source=article,
            quote=met,
            status="active",
        )
    # a candidate rejected in a review is not proposed again
    candidates = fresh.extract(f"sha256:{registered.sha256}")  # by hash: the stored copy
    sheet = tmp_path / "reviewed.csv"
    rows = [{**c.row(), "decision": "reject"} for c in candidates[:1]]
    with sheet.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    reviewed = fresh.add(sheet)
    assert (reviewed.remembered, reviewed.ties, reviewed.events) == (1, 0, 0)
    assert len(fresh.extract(article)) == len(candidates) - 1


def test_extract_refuses_what_it_cannot_read(fresh: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        fresh.extract(tmp_path / "missing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with pytest.raises(DataError, match="empty"):
        fresh.extract(empty)
    with pytest.raises(DataError, match="suffix"):
        fresh.extract(empty, output=tmp_path / "candidates.xlsx")
