"""``diplograph analyze``, ``path`` and ``export`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from .conftest import FIXTURES, CliRunner

pytestmark = pytest.mark.cli

D = "https://w3id.org/diplograph/id/"
SEED_ACTORS, SEED_TIES = 16, 14
MOROCCO_ISF = f"{D}tie-morocco-isf-troops"


def _one_paragraph_error(text: str) -> None:
    assert text.startswith("error:")
    assert "\n\n" not in text.strip()
    assert "Traceback" not in text
    assert 'File "' not in text


def test_help_lists_the_network_commands(cli: CliRunner) -> None:
    done = cli("--help")
    assert done.returncode == 0
    for command in ("analyze", "path", "export"):
        assert command in done.stdout


def test_analyze_prints_the_four_analyses(cli: CliRunner) -> None:
    done = cli("analyze")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"{SEED_ACTORS} actors and {SEED_TIES} ties" in out
    for title in ("Centrality", "Articulation points", "Bridges", "constraint", "Communities"):
        assert title in out
    assert "1 triad: 0 balanced, 1 unbalanced" in out
    assert "Actors in unbalanced triads: Israel, Morocco, Palestinian Authority" in out
    assert "International Stabilization Force, Morocco" in out  # the articulation points


def test_analyze_a_query_and_a_date(cli: CliRunner) -> None:
    done = cli("analyze", "--query", "troop-contributors", "-p", "force=ISF", "--top", "3")
    assert done.returncode == 0, done.stderr
    assert "6 actors and 5 ties" in done.stdout
    assert "the 3 most central of 6 actors" in done.stdout
    before = cli("analyze", "--as-of", "1990-01-01")
    assert before.returncode == 0, before.stderr
    assert "15 actors and 13 ties" in before.stdout  # Mohammed VI was not yet king
    assert "in force on 1990-01-01" in before.stdout


def test_path_shows_ties_directions_and_quotes(cli: CliRunner) -> None:
    done = cli("path", "Israel", "ISF")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "2 path(s) between Israel and International Stabilization Force" in out
    assert "1. Israel — Morocco — International Stabilization Force" in out
    assert "→ troop contribution" in out
    assert "— diplomatic relations" in out
    assert "d:tie-morocco-isf-troops" in out
    assert "Morocco has emerged as a key contributor" in out
    assert "2." in cli("path", "ISR", "ISF", "--cutoff", "3").stdout
    assert "2." not in cli("path", "ISR", "ISF", "--cutoff", "2").stdout


def test_path_not_found_exits_1(cli: CliRunner) -> None:
    done = cli("path", "Israel", "Board of Peace")
    assert done.returncode == 1
    assert "No path of at most 4 ties between Israel and Board of Peace" in done.stdout
    gone = cli("path", "Mohammed VI", "Morocco", "--as-of", "1990-01-01")
    assert gone.returncode == 1
    assert "Mohammed VI has no tie in force on 1990-01-01" in gone.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("path", "Israel", "Isreal"), "No actor named 'Isreal'"),
        (("path", "MAR", "Morocco"), "name the same actor"),
        (("path", "Israel", "ISF", "--as-of", "2020-02-30"), "--as-of: '2020-02-30' is not a date"),
        (("analyze", "--as-of", "yesterday"), "is not a date"),
        (("analyze", "--query", "no-such-query"), "Unknown query 'no-such-query'"),
        (("analyze", "-q", "troop-contributors", "-p", "troops=1"), "has no parameter 'troops'"),
        (("analyze", "-p", "force=ISF"), "give --query too"),
    ],
)
def test_bad_input_is_one_paragraph_and_exit_2(
    cli: CliRunner, args: tuple[str, ...], fragment: str
) -> None:
    done = cli(*args)
    assert done.returncode == 2, done.stdout
    assert fragment in done.stderr
    _one_paragraph_error(done.stderr)


def test_unknown_actor_suggests_names(cli: CliRunner) -> None:
    done = cli("path", "Marocco", "Israel")
    assert done.returncode == 2
    assert "Nearest names: Morocco" in done.stderr
    _one_paragraph_error(done.stderr)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_opens_again_with_the_same_network(cli: CliRunner, tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"ties.{fmt}"
    done = cli("export", "--format", fmt, "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert f"wrote {SEED_ACTORS} actors and {SEED_TIES} ties" in done.stderr
    if fmt == "graphml":
        again = nx.read_graphml(output, force_multigraph=True)
        edges = {key: data for _, _, key, data in again.edges(keys=True, data=True)}
    else:
        again = nx.read_gexf(output)
        edges = {data["id"]: data for _, _, data in again.edges(data=True)}
    assert (again.number_of_nodes(), again.number_of_edges()) == (SEED_ACTORS, SEED_TIES)
    tie = edges[MOROCCO_ISF]  # tie IRIs are the edge ids
    assert tie["quote"].startswith("Morocco has emerged as a key contributor")
    assert tie["tie_type_label"] == "troop contribution"
    assert tie["polarity"] == 1
    assert again.nodes[f"{D}morocco"]["label"] == "Morocco"
    assert "Morocco" in again.nodes[f"{D}morocco"]["names"]
    king = edges[f"{D}tie-mohammed-vi-king-of-morocco"]
    assert king["start" if fmt == "gexf" else "begin"] == "1999-07-23"
    assert "line" in king["evidence"]


def test_export_json_is_node_link_data(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "ties.json"
    done = cli("export", "-o", str(output), "--as-of", "1990-01-01")  # format from the suffix
    assert done.returncode == 0, done.stderr
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["graph"]["as_of"] == "1990-01-01"
    again = nx.node_link_graph(document, edges="links")
    assert (again.number_of_nodes(), again.number_of_edges()) == (SEED_ACTORS - 1, SEED_TIES - 1)
    link = next(e for e in document["links"] if e["key"] == MOROCCO_ISF)
    assert link["evidence"][0]["quote"] == link["quote"]


def test_export_a_query_with_user_data(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "troops.graphml"
    done = cli(
        "--data",
        str(FIXTURES / "user-facts.ttl"),
        "export",
        "-o",
        str(output),
        "-q",
        "troop-contributors",
    )
    assert done.returncode == 0, done.stderr
    again = nx.read_graphml(output)
    assert "Examplestan" in {data["label"] for _, data in again.nodes(data=True)}
    assert again.number_of_edges() == 6


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--format", "dot"), "Unknown export format 'dot'"),
        (("--as-of", "someday"), "is not a date"),
        (("--query", "no-such-query"), "Unknown query"),
    ],
)
def test_failed_export_writes_nothing(
    cli: CliRunner, tmp_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    output = tmp_path / "ties.graphml"
    done = cli("export", "-o", str(output), *args)
    assert done.returncode == 2
    assert fragment in done.stderr
    _one_paragraph_error(done.stderr)
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_old_file(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "ties.gexf"
    output.write_text("old", encoding="utf-8")
    done = cli("export", "-o", str(output), "-q", "troop-contributors", "-p", "force=Atlantis")
    assert done.returncode == 2
    _one_paragraph_error(done.stderr)
    assert output.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["ties.gexf"]


def test_export_format_unknown_from_suffix(cli: CliRunner, tmp_path: Path) -> None:
    done = cli("export", "-o", str(tmp_path / "ties.dot"))
    assert done.returncode == 2
    assert "give --format graphml|gexf|json" in done.stderr
    _one_paragraph_error(done.stderr)
