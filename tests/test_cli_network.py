"""``diplograph analyze``, ``path`` and ``export`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from .conftest import FIXTURES, CliRunner

pytestmark = pytest.mark.cli

D = "https://w3id.org/diplograph/id/"
# Morocco's two UN missions of March 2014 and its three contributions to them (IPI, context ties
# of the built-in graph, dated 2014-03-01..2014-03-31)
MISSIONS, MISSION_TIES = 2, 3
# 17 actors, 17 ties and 3 event edges: the seed's 15 actors and 14 ties (the armed forces tied
# to Morocco, no tie to the UN any more), the missions and their ties, and the seed's events that
# join two actors (the Board meeting, the request and the acceptance)
SEED_ACTORS, SEED_TIES, SEED_EVENTS = 15 + MISSIONS, 14 + MISSION_TIES, 3
SEED_EDGES = SEED_TIES + SEED_EVENTS
MOROCCO_ISF = f"{D}tie-morocco-isf-troops"
UNSOURCED = FIXTURES / "unsourced-ties.ttl"


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
    assert f"{SEED_ACTORS} actors, all ties: {SEED_TIES} ties, {SEED_EVENTS} event edges." in out
    for title in ("Centrality", "Articulation points", "Bridges", "constraint", "Communities"):
        assert title in out
    assert "1 triad: 0 balanced, 1 unbalanced" in out
    assert "Actors in unbalanced triads: Israel, Morocco, Palestinian Authority" in out
    assert "International Stabilization Force, Morocco" in out  # the articulation points


def test_analyze_lists_at_most_top_actors_in_a_line(cli: CliRunner) -> None:
    """With ``--top 1``, the articulation points and each community show the actor with the
    most partners and say how many more there are (at 1M triples: thousands of names)."""
    done = cli("analyze", "--top", "1")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())
    points = out.split("Articulation points")[1].split("Bridges")[0]
    assert "(removing one splits the network; 2): International Stabilization Force" in points
    assert "Morocco" not in points
    assert "… and 1 more (those with the most partners shown; see --top)" in points
    communities = out.split("Communities")[1]
    assert "more (those with the most partners shown" in communities


def test_analyze_a_query_and_a_date(cli: CliRunner) -> None:
    done = cli("analyze", "--query", "troop-contributors", "-p", "force=ISF", "--top", "3")
    assert done.returncode == 0, done.stderr
    assert "6 actors, the ties of query 'troop-contributors' (force=ISF): 5 ties." in done.stdout
    assert "the 3 most central of 6 actors" in done.stdout


def test_analyze_as_of_1990_finds_no_seed_tie_in_force(cli: CliRunner) -> None:
    """The article gives no dates: its ties are of unknown time in 1990, counted apart, and
    Kosovo's and Kazakhstan's pledges and Mohammed VI's reign are not in force yet."""
    before = cli("analyze", "--as-of", "1990-01-01")
    assert before.returncode == 0, before.stderr
    assert before.stdout.startswith(
        "13 actors, all ties: 0 ties in force on 1990-01-01, 11 of unknown time (shown), "
        "3 event edges (3 of unknown time)."
    )
    assert "Kosovo" not in before.stdout
    assert before.stderr == ""


@pytest.mark.parametrize(
    ("mode", "header", "warning"),
    [
        ("show", "0 ties in force on 1990-01-01, 11 of unknown time (shown)", None),
        (
            "include",
            "0 ties in force on 1990-01-01, 11 of unknown time (included as in force)",
            None,
        ),
        (
            "exclude",
            "0 actors, all ties: 0 ties in force on 1990-01-01, 11 of unknown time left out",
            "warning: 11 ties and 3 event edges of unknown time on 1990-01-01 left out "
            "(--undated exclude)",
        ),
    ],
)
def test_analyze_undated_modes(cli: CliRunner, mode: str, header: str, warning: str | None) -> None:
    done = cli("analyze", "--as-of", "1990-01-01", "--undated", mode)
    assert done.returncode == 0, done.stderr
    assert header in done.stdout
    if warning is None:
        assert "warning" not in done.stderr
        assert "Centrality: the 13 most central of 13 actors" in done.stdout
    else:
        assert warning in done.stderr
        assert "No ties to analyse." in done.stdout


def test_analyze_flags_or_leaves_out_a_users_unsourced_ties(cli: CliRunner) -> None:
    shown = cli("--data", str(UNSOURCED), "analyze", "--as-of", "2005-01-01")
    assert shown.returncode == 0, shown.stderr
    assert (
        "15 actors, all ties: 2 ties in force on 2005-01-01, 13 of unknown time (shown), "
        "2 unsourced (shown), 3 event edges (3 of unknown time)."
    ) in shown.stdout
    assert "Nowhereland" in shown.stdout
    left_out = cli("--data", str(UNSOURCED), "analyze", "--unsourced", "exclude")
    assert left_out.returncode == 0, left_out.stderr
    assert "2 unsourced left out" in left_out.stdout
    assert (
        "warning: 2 unsourced ties (with no supporting statement) left out (--unsourced exclude)"
    ) in left_out.stderr
    assert "Nowhereland" not in left_out.stdout


def test_analyze_without_events(cli: CliRunner) -> None:
    done = cli("analyze", "--no-events")
    assert done.returncode == 0, done.stderr
    assert f"{SEED_ACTORS} actors, all ties: {SEED_TIES} ties." in done.stdout
    assert "event" not in done.stdout.split("\n")[0]


def test_path_shows_ties_directions_and_quotes(cli: CliRunner) -> None:
    done = cli("path", "Israel", "ISF")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "2 paths between Israel and International Stabilization Force" in out
    assert "1. Israel — Morocco — International Stabilization Force" in out
    assert "→ troop contribution" in out
    assert "— diplomatic relations" in out
    assert "d:tie-morocco-isf-troops" in out
    assert "Morocco has emerged as a key contributor" in out
    assert "2." in cli("path", "ISR", "ISF", "--cutoff", "3").stdout
    assert "2." not in cli("path", "ISR", "ISF", "--cutoff", "2").stdout


def test_path_shows_at_most_ties_per_step_and_counts_the_rest(
    cli: CliRunner, tmp_path: Path
) -> None:
    """Two hubs can share hundreds of ties: a step shows ``--ties`` of them and counts the rest."""
    ties = "\n".join(
        f"d:ex-tie-{n} a dipl:Tie ; dipl:fromActor d:ex-amberland ; dipl:toActor d:ex-bluria ; "
        "dipl:tieType tt:Partnership ."
        for n in range(4)
    )
    facts = tmp_path / "many-ties.ttl"
    facts.write_text(
        "PREFIX d: <https://w3id.org/diplograph/id/>\n"
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX tt: <https://w3id.org/diplograph/vocab/tie-type/>\n"
        'd:ex-amberland a dipl:State ; rdfs:label "Amberland"@en .\n'
        'd:ex-bluria a dipl:State ; rdfs:label "Bluria"@en .\n' + ties + "\n",
        encoding="utf-8",
    )
    shown = cli("--data", str(facts), "path", "Amberland", "Bluria", "--ties", "3")
    assert shown.returncode == 0, shown.stderr
    assert sum(f"d:ex-tie-{n}" in shown.stdout for n in range(4)) == 3
    assert "… and 1 more tie (see --ties)" in shown.stdout
    every = cli("--data", str(facts), "path", "Amberland", "Bluria")  # 4 ties, at most 5
    assert sum(f"d:ex-tie-{n}" in every.stdout for n in range(4)) == 4
    assert "more tie" not in every.stdout


def test_path_not_found_exits_1(cli: CliRunner) -> None:
    # Israel — Morocco — ISF — (the meeting) — Board of Peace: three steps
    done = cli("path", "Israel", "Board of Peace", "--cutoff", "2")
    assert done.returncode == 1
    assert "No path of at most 2 ties between Israel and Board of Peace" in done.stdout
    assert cli("path", "Israel", "Board of Peace", "--cutoff", "3").returncode == 0
    gone = cli("path", "Mohammed VI", "Morocco", "--as-of", "1990-01-01", "--undated", "exclude")
    assert gone.returncode == 1
    assert "Mohammed VI has no tie in force on 1990-01-01" in gone.stdout
    assert "11 ties and 3 event edges of unknown time on 1990-01-01 left out" in gone.stderr


@pytest.mark.parametrize(
    ("a", "b", "steps"),
    [
        ("Board of Peace", "ISF", ["— meeting (event)", "d:event-board-of-peace-meeting"]),
        (
            "Donald Trump",
            "Morocco",
            [
                "1. Donald Trump — Mohammed VI — Morocco  (2 steps)",
                "← acceptance (event)",
                "→ request (event)",
                "→ head of state",
                "d:event-trump-requests-participation",
            ],
        ),
        (
            "Moroccan Armed Forces",
            "Morocco",
            ["1. Moroccan Armed Forces — Morocco  (1 step)", "→ armed force of"],
        ),
    ],
)
def test_paths_the_article_describes(cli: CliRunner, a: str, b: str, steps: list[str]) -> None:
    done = cli("path", a, b)
    assert done.returncode == 0, done.stderr
    for step in steps:
        assert step in done.stdout
    assert "time unknown" not in done.stdout  # no date asked


def test_path_marks_steps_of_unknown_time_and_unsourced(cli: CliRunner) -> None:
    done = cli("--data", str(UNSOURCED), "path", "Nowhereland", "ISF", "--as-of", "2005-01-01")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "1. Nowhereland — Jordan — International Stabilization Force  (2 steps)" in out
    assert "d:unsourced-nowhereland-jordan" in out
    # the Ended tie without an end date is of unknown time in 2005, and unsourced
    assert "(time unknown on 2005-01-01; unsourced)" in out
    assert "(unsourced)" in out.split("2. ")[1]  # the tie to Morocco, in force in 2005
    left_out = cli("--data", str(UNSOURCED), "path", "Nowhereland", "ISF", "--unsourced", "exclude")
    assert left_out.returncode == 1
    assert "Nowhereland has no tie in force" in left_out.stdout
    assert "2 unsourced ties (with no supporting statement) left out" in left_out.stderr


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
    assert f"wrote {SEED_ACTORS} actors and {SEED_EDGES} ties and events" in done.stderr
    if fmt == "graphml":
        again = nx.read_graphml(output, force_multigraph=True)
        edges = {key: data for _, _, key, data in again.edges(keys=True, data=True)}
    else:
        again = nx.read_gexf(output)
        edges = {data["id"]: data for _, _, data in again.edges(data=True)}
    assert (again.number_of_nodes(), again.number_of_edges()) == (SEED_ACTORS, SEED_EDGES)
    tie = edges[MOROCCO_ISF]  # tie IRIs are the edge ids
    assert tie["quote"].startswith("Morocco has emerged as a key contributor")
    assert tie["tie_type_label"] == "troop contribution"
    assert tie["polarity"] == 1
    assert again.nodes[f"{D}morocco"]["label"] == "Morocco"
    assert "Morocco" in again.nodes[f"{D}morocco"]["names"]
    assert (tie["kind"], tie["sourced"], tie["exists_from"]) == ("tie", True, "1847-01-01")
    assert "in_force" not in tie  # no date asked
    king = edges[f"{D}tie-mohammed-vi-king-of-morocco"]
    assert king["start" if fmt == "gexf" else "begin"] == "1999-07-23"
    assert "line" in king["evidence"]
    meeting = edges[f"{D}event-board-of-peace-meeting|{D}board-of-peace|{D}isf"]
    assert (meeting["kind"], meeting["event"]) == ("event", f"{D}event-board-of-peace-meeting")
    assert meeting["tie_type_label"] == "meeting (event)"


def test_export_json_is_node_link_data(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "ties.json"
    done = cli("export", "-o", str(output), "--as-of", "1990-01-01")  # format from the suffix
    assert done.returncode == 0, done.stderr
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["graph"]["as_of"] == "1990-01-01"
    assert document["graph"]["counts"]["ties_unknown"] == 11
    again = nx.node_link_graph(document, edges="links")
    # Kosovo's and Kazakhstan's pledges, the King's reign and Morocco's 2014 missions are not in
    # force in 1990; Kosovo, Kazakhstan and the missions (no other tie) are left out
    assert (again.number_of_nodes(), again.number_of_edges()) == (
        SEED_ACTORS - 2 - MISSIONS,
        SEED_EDGES - 3 - MISSION_TIES,
    )
    link = next(e for e in document["links"] if e["key"] == MOROCCO_ISF)
    assert link["evidence"][0]["quote"] == link["quote"]
    assert link["in_force"] is None  # unknown: JSON keeps the three values
    assert {e["in_force"] for e in document["links"]} == {None}


def test_export_carries_unknown_time_and_unsourced_flat(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "ties.graphml"
    done = cli("--data", str(UNSOURCED), "export", "-o", str(output), "--as-of", "2005-01-01")
    assert done.returncode == 0, done.stderr
    again = nx.read_graphml(output, force_multigraph=True)
    edges = {key: data for _, _, key, data in again.edges(keys=True, data=True)}
    assert edges[f"{D}unsourced-nowhereland-morocco"]["sourced"] is False
    assert edges[f"{D}unsourced-nowhereland-morocco"]["in_force"] == "in force"
    assert edges[f"{D}unsourced-nowhereland-jordan"]["in_force"] == "unknown"
    assert edges[MOROCCO_ISF]["sourced"] is True
    assert again.graph["counts_ties_unsourced"] == 2
    assert again.graph["counts_ties_in_force"] == 2
    left_out = tmp_path / "sourced.graphml"
    done = cli("--data", str(UNSOURCED), "export", "-o", str(left_out), "--unsourced", "exclude")
    assert done.returncode == 0, done.stderr
    assert "2 unsourced ties (with no supporting statement) left out" in done.stderr
    kept = nx.read_graphml(left_out, force_multigraph=True)
    assert "Nowhereland" not in {d.get("label") for _, d in kept.nodes(data=True)}
    assert kept.graph["counts_ties_unsourced_excluded"] == 2


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


@pytest.mark.parametrize("command", ["render", "analyze", "path", "export"])
def test_network_commands_share_the_time_options(cli: CliRunner, command: str) -> None:
    done = cli(command, "--help")
    assert done.returncode == 0, done.stderr
    for option in ("--as-of", "--undated", "--unsourced", "--events", "--no-events"):
        assert option in done.stdout, (command, option)
