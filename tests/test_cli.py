"""The diplograph command as a user runs it: outputs, --data, and one-paragraph errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph

from .conftest import FIXTURES, CliRunner

pytestmark = pytest.mark.cli


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text
    assert 'File "' not in text


def test_help_lists_the_commands(cli: CliRunner) -> None:
    done = cli("--help")
    assert done.returncode == 0
    for command in (
        "query",
        "queries",
        "validate",
        "stats",
        "demo",
        "render",
        "analyze",
        "path",
        "export",
    ):
        assert command in done.stdout


def test_query_csv_answers_the_troop_question(cli: CliRunner) -> None:
    done = cli("query", "troop-contributors", "--param", "force=ISF", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert sorted(r["contributorLabel"] for r in rows) == [
        "Albania",
        "Indonesia",
        "Kazakhstan",
        "Kosovo",
        "Morocco",
    ]


def test_query_json_is_sparql_results_json(cli: CliRunner) -> None:
    done = cli("query", "common-partners", "-f", "json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert "partnerLabel" in document["head"]["vars"]
    labels = {b["partnerLabel"]["value"] for b in document["results"]["bindings"]}
    assert labels == {"Morocco"}


def test_query_turtle_for_construct_and_table_for_select(cli: CliRunner) -> None:
    done = cli("query", "ego-network", "-p", "actor=Jordan", "-f", "turtle")
    assert done.returncode == 0, done.stderr
    graph = Graph().parse(data=done.stdout, format="turtle")
    assert len(graph) > 5
    table = cli("query", "police-trainers")
    assert table.returncode == 0
    assert "Egypt" in table.stdout
    assert "Jordan" in table.stdout


def test_a_table_shows_the_first_rows_and_says_how_many_it_left_out(cli: CliRunner) -> None:
    """A table shows ``--rows`` rows (1,000 by default: rich lays out some 3,000 a second) and
    says so below it; ``--rows 0`` shows every row, and csv always writes every row."""
    every = list(csv.DictReader(io.StringIO(cli("query", "tie-types", "-f", "csv").stdout)))
    labels = [row["label"] for row in every]
    assert len(labels) == len(set(labels)) > 3
    cut = cli("query", "tie-types", "--rows", "2")
    assert cut.returncode == 0, cut.stderr
    said = " ".join(cut.stdout.split())
    assert f"2 of {len(labels)} rows shown: --rows 0 shows them all" in said
    assert all(label in said for label in labels[:2])
    # (a label that is part of a shown one, "alliance" of "alliance membership", may be a line of
    # its wrapped cell)
    hidden = [label for label in labels[2:] if not any(label in shown for shown in labels[:2])]
    assert not any(f"│ {label} " in cut.stdout for label in hidden)
    whole = cli("query", "tie-types", "--rows", "0")
    assert all(f"│ {label} " in whole.stdout for label in labels)
    assert "rows shown" not in whole.stdout
    assert "rows shown" not in cli("query", "tie-types").stdout  # fewer than 1,000


def test_turtle_for_a_select_query_is_a_clear_error(cli: CliRunner) -> None:
    done = cli("query", "evidence", "-f", "turtle")
    assert done.returncode == 2
    assert "needs a CONSTRUCT" in done.stderr
    _no_traceback(done.stderr)


def test_queries_lists_names_summaries_and_parameters(cli: CliRunner) -> None:
    done = cli("queries")
    assert done.returncode == 0
    assert "troop-contributors" in done.stdout
    assert "force (actor) = ISF" in done.stdout
    assert "violation" not in done.stdout
    assert "missing-label-violation" in cli("queries", "--checks").stdout
    # the count it gives is the count it lists, and what an unknown name's error says
    listed = re.findall(r"^│ ([a-z][a-z-]+) +│", done.stdout, flags=re.MULTILINE)
    assert f"{len(listed)} named queries; --checks adds the" in done.stdout
    unknown = cli("query", "no-such-query")
    assert f"'diplograph queries' lists the {len(listed)} named queries" in unknown.stderr


def test_validate_passes_on_the_builtin_graph(cli: CliRunner) -> None:
    done = cli("validate")
    assert done.returncode == 0, done.stdout
    assert "valid" in done.stdout


def test_validate_fails_with_a_readable_report(cli: CliRunner) -> None:
    done = cli("--data", str(FIXTURES / "broken-ties.ttl"), "validate")
    assert done.returncode == 1
    assert "d:test-tie-without-evidence" in done.stdout
    assert "sem:hasBeginTimestamp" in done.stdout


def test_stats_counts_ties(cli: CliRunner) -> None:
    done = cli("stats")
    assert done.returncode == 0
    assert "triples" in done.stdout
    assert "troop contribution" in done.stdout


def test_user_data_adds_facts_on_top(cli: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "facts.ttl").write_text((FIXTURES / "user-facts.ttl").read_text(), encoding="utf-8")
    done = cli("--data", str(folder), "query", "troop-contributors", "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert "Examplestan" in done.stdout
    assert "Morocco" in done.stdout
    assert cli("--data", str(folder), "validate").returncode == 0


@pytest.mark.parametrize("suffix", ["jsonld", "nt", "trig"])
def test_user_data_in_other_formats(cli: CliRunner, tmp_path: Path, suffix: str) -> None:
    graph = Graph().parse(FIXTURES / "user-facts.ttl")
    target = tmp_path / f"facts.{suffix}"
    fmt = {"jsonld": "json-ld", "nt": "nt", "trig": "trig"}[suffix]
    target.write_text(graph.serialize(format=fmt), encoding="utf-8")
    done = cli("--data", str(target), "query", "search-actors", "-p", "text=examp", "-f", "csv")
    assert done.returncode == 0, done.stderr
    assert "Examplestan" in done.stdout


def test_broken_turtle_names_file_line_and_cause(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "result.csv"
    done = cli(
        "--data", str(FIXTURES / "broken.ttl"), "query", "evidence", "-f", "csv", "-o", str(output)
    )
    assert done.returncode == 2
    assert "broken.ttl:" in done.stderr
    assert "not valid Turtle" in done.stderr
    line = int(done.stderr.split("broken.ttl:")[1].split(":")[0])
    assert line in {7, 8}  # the statement missing its semicolon, where rdflib notices it
    _no_traceback(done.stderr)
    assert not output.exists(), "a failed run must write nothing"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("query", "no-such-query"), "Unknown query 'no-such-query'"),
        (("query", "evidence", "-p", "country=Morocco"), "has no parameter 'country'"),
        (("query", "evidence", "-p", "actor=Marocco"), "No actor named 'Marocco'"),
        (("query", "evidence", "-p", "actor"), "write it as name=value"),
        (("query", "edges", "-p", "asOf=yesterday"), "is not a date; write it as YYYY-MM-DD"),
        (("--data", "no/such/file.ttl", "stats"), "no such file or folder"),
        (("query", "missing.rq"), "no such query file"),
        (("query", "evidence", "-p", "actor=} ; ?s ?p ?o"), "No actor named"),
        (
            ("query", "troop-contributors", "-p", "status=promised"),
            "among the diplograph statuses. The valid values: active, announced, ended, planned, "
            "pledged, suspended.",
        ),
    ],
)
def test_bad_input_gets_one_paragraph_and_exit_2(
    cli: CliRunner, args: tuple[str, ...], fragment: str
) -> None:
    done = cli(*args)
    assert done.returncode == 2
    assert fragment in done.stderr
    assert done.stderr.startswith("error:")
    _no_traceback(done.stderr)


def test_malformed_user_query_file(cli: CliRunner, tmp_path: Path) -> None:
    query = tmp_path / "mine.rq"
    query.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    done = cli("query", str(query))
    assert done.returncode == 2
    assert f"{query}:1:" in done.stderr
    assert "malformed SPARQL" in done.stderr
    _no_traceback(done.stderr)


def test_output_file_is_written(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "deep" / "edges.csv"
    output.parent.mkdir()
    done = cli("query", "edges", "-f", "csv", "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8").startswith("tie,source,")
    assert [p.name for p in output.parent.iterdir()] == ["edges.csv"]


def test_dump_writes_every_graph_as_n_quads(cli: CliRunner, tmp_path: Path) -> None:
    """``dump`` of a disk store: N-Quads that parse back, the loaded file's triples in its own
    graph beside the built-in graphs; ``--builtin`` leaves the loaded file out."""
    import pyoxigraph as ox

    store = f"oxigraph:{tmp_path / 'store'}"
    facts = FIXTURES / "user-facts.ttl"
    assert cli("--store", store, "load", str(facts)).returncode == 0
    everything, builtin = tmp_path / "all.nq", tmp_path / "builtin.nq"
    done = cli("--store", store, "dump", "-o", str(everything))
    assert done.returncode == 0, done.stderr
    assert cli("--store", store, "dump", "--builtin", "-o", str(builtin)).returncode == 0
    quads = list(ox.parse(path=str(everything), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name for q in quads}
    expected = {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(facts))}
    holding = [g for g in graphs if expected <= {tuple(q)[:3] for q in quads if q.graph_name == g}]
    assert len(holding) == 1  # the file's triples, all in one graph of their own
    kept = list(ox.parse(path=str(builtin), format=ox.RdfFormat.N_QUADS))
    assert holding[0] not in {q.graph_name for q in kept}
    assert 1000 < len(kept) < len(quads)
    assert f"wrote {len(quads):,} quads" in done.stderr.replace("\n", " ")
    # loaded back (a restored backup), the built-in graphs' quads are left out, and said so
    again = cli("--store", f"oxigraph:{tmp_path / 'restored'}", "load", str(everything))
    assert again.returncode == 0, again.stderr
    said = " ".join(again.stderr.split())
    assert f"warning: {everything}: left out {len(kept):,} quads in diplograph's built-in" in said
    assert f"loaded {everything}: {len(quads) - len(kept):,} triples" in said


def test_what_sparql_updates_wrote_is_listed_and_dumped(cli: CliRunner, tmp_path: Path) -> None:
    """Triples an update wrote (``serve --allow-update``), in the default graph or in a graph no
    file was loaded into, are in ``sources`` and in the ``dump``: a backup loses nothing."""
    import pyoxigraph as ox

    from diplograph.store import open_store

    folder = tmp_path / "store"
    store = open_store(f"oxigraph:{folder}")
    try:
        store.update('INSERT DATA { <https://example.org/a> rdfs:label "unnamed"@en }')
        store.update(
            "INSERT DATA { GRAPH <https://example.org/notes> { "
            '<https://example.org/b> rdfs:label "named"@en } }'
        )
    finally:
        store.close()
    spec = f"oxigraph:{folder}"
    listed = cli("--store", spec, "sources")
    assert listed.returncode == 0, listed.stderr
    rows = [line for line in listed.stdout.splitlines() if "written by a SPARQL update" in line]
    assert len(rows) == 2
    assert "https://example.org/notes" in listed.stdout
    assert "(the default graph)" in listed.stdout
    dumped = tmp_path / "all.nq"
    done = cli("--store", spec, "dump", "-o", str(dumped))
    assert done.returncode == 0, done.stderr
    assert "and 1 triple of the default graph" in done.stderr.replace("\n", " ")
    quads = {
        (q.subject.value, q.object.value, q.graph_name)
        for q in ox.parse(path=str(dumped), format=ox.RdfFormat.N_QUADS)
        if q.subject.value.startswith("https://example.org/")
    }
    assert quads == {
        ("https://example.org/a", "unnamed", ox.DefaultGraph()),
        ("https://example.org/b", "named", ox.NamedNode("https://example.org/notes")),
    }
    builtin = tmp_path / "builtin.nq"
    assert cli("--store", spec, "dump", "--builtin", "-o", str(builtin)).returncode == 0
    assert "example.org" not in builtin.read_text(encoding="utf-8")


def test_demo_writes_outputs_and_answers(cli: CliRunner, tmp_path: Path) -> None:
    done = cli("demo", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Which countries pledged troops to the ISF?" in done.stdout
    assert "Jasper Jeffers" in done.stdout
    assert (tmp_path / "out" / "diplograph.ttl").stat().st_size > 10_000
    assert (tmp_path / "out" / "queries" / "troop-contributors.csv").exists()
    assert "International Stabilization Force" in (
        tmp_path / "out" / "maps" / "isf-troop-contributors.html"
    ).read_text(encoding="utf-8")
