"""What a newcomer trips over on the command line: help, the version, where options go, formats
from suffixes, empty maps and parameters given twice or empty."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diplograph import __version__
from diplograph.cli.common import hoist_global_options

from .conftest import FIXTURES, CliRunner

#: Python type names typer would print in help: <str>, <list[str]>, <bool>, <int range> ...
TYPE_NAME = re.compile(r"<(str|int|float|bool|path|list\[[^\]]*\]|int range|float range)>")


def test_short_help_and_version(cli: CliRunner) -> None:
    assert cli("-h").stdout == cli("--help").stdout
    assert "Usage: diplograph [OPTIONS] COMMAND" in cli("-h").stdout
    assert cli("query", "-h").returncode == 0
    version = cli("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"diplograph {__version__}")
    assert cli("stats", "--version").stdout.strip() == f"diplograph {__version__}"


@pytest.mark.parametrize(
    "command",
    [
        (),
        ("query",),
        ("render",),
        ("analyze",),
        ("path",),
        ("export",),
        ("add",),
        ("add", "tie"),
        ("source", "add"),
        ("extract",),
        ("import", "gdelt"),
        ("serve",),
    ],
)
def test_help_names_values_as_words_not_python_types(
    cli: CliRunner, command: tuple[str, ...]
) -> None:
    shown = cli(*command, "--help")
    assert shown.returncode == 0, shown.stderr
    assert not TYPE_NAME.findall(shown.stdout), shown.stdout
    if command == ("render",):
        for word in ("NAME=VALUE", "YYYY-MM-DD", "[show|exclude]", "PATH", "INTEGER"):
            assert word in shown.stdout


def test_global_options_after_the_command_are_accepted(cli: CliRunner) -> None:
    user_facts = str(FIXTURES / "user-facts.ttl")
    after = cli("query", "actors", "--data", user_facts, "-f", "csv")
    before = cli("--data", user_facts, "query", "actors", "-f", "csv")
    assert after.returncode == 0, after.stderr
    assert "Examplestan" in after.stdout
    assert after.stdout == before.stdout
    joined = cli("query", "troop-contributors", "--store=memory", "--allow-service", "-f", "csv")
    assert joined.returncode == 0, joined.stderr
    assert "Morocco" in joined.stdout


@pytest.mark.parametrize(
    ("args", "hoisted"),
    [
        (["query", "x", "--data", "f.ttl"], ["--data", "f.ttl", "query", "x"]),
        (
            ["--store", "memory", "query", "x", "--data=f", "-p", "a=b", "--data", "g"],
            ["--store", "memory", "--data=f", "--data", "g", "query", "x", "-p", "a=b"],
        ),
        (["stats", "--allow-service"], ["--allow-service", "stats"]),
        (["query", "x", "--", "--data", "f"], ["query", "x", "--", "--data", "f"]),
        (["query", "x", "-p", "data=1"], ["query", "x", "-p", "data=1"]),
    ],
)
def test_hoisting_moves_only_global_options(args: list[str], hoisted: list[str]) -> None:
    assert hoist_global_options(args) == hoisted


@pytest.mark.parametrize(
    ("suffix", "start"),
    [(".csv", "contributor,"), (".tsv", "?contributor\t"), (".json", "{"), (".xml", "<?xml")],
)
def test_output_format_follows_the_suffix(
    cli: CliRunner, tmp_path: Path, suffix: str, start: str
) -> None:
    output = tmp_path / f"answer{suffix}"
    done = cli("query", "troop-contributors", "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8").startswith(start)


def test_output_of_unknown_suffix_is_refused(cli: CliRunner, tmp_path: Path) -> None:
    done = cli("query", "troop-contributors", "-o", str(tmp_path / "answer.weird"))
    assert done.returncode == 2
    assert "from its suffix" in done.stderr
    assert not (tmp_path / "answer.weird").exists()


def test_render_of_no_ties_warns(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "empty.html"
    done = cli("render", "troop-contributors", "-p", "force=Kosovo", "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert "warning: query troop-contributors (force=Kosovo) gave no ties to map" in done.stderr
    assert "This map is empty" in output.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            ["actor=Morocco", "actor=Israel"],
            "--param actor is given twice ('Morocco' and 'Israel')",
        ),
        (["actor="], "--param actor has no value"),
        (["actor=  "], "--param actor has no value"),
        (["Morocco"], "write it as name=value"),
    ],
)
def test_repeated_or_empty_parameters_are_reported(
    cli: CliRunner, params: list[str], message: str
) -> None:
    args = [arg for value in params for arg in ("-p", value)]
    done = cli("query", "evidence", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_empty_folder_and_skipped_files_are_warned_about(cli: CliRunner, tmp_path: Path) -> None:
    """--data and load name a folder with no RDF files, and count the files a folder's other
    suffixes leave out (hidden files aside); the command still runs."""
    empty = tmp_path / "empty"
    empty.mkdir()
    done = cli("--data", str(empty), "stats")
    assert done.returncode == 0
    assert f"warning: {empty}: no RDF files in this folder; known suffixes: .json" in done.stderr
    mixed = tmp_path / "mixed"
    (mixed / "sub").mkdir(parents=True)
    (mixed / "facts.ttl").write_bytes((FIXTURES / "user-facts.ttl").read_bytes())
    (mixed / "notes.txt").write_text("x", encoding="utf-8")
    (mixed / "sub" / "rows.csv").write_text("x", encoding="utf-8")
    (mixed / ".gitignore").write_text("x", encoding="utf-8")
    done = cli("stats", "--data", str(mixed))
    assert done.returncode == 0
    said = " ".join(done.stderr.split())
    assert (
        f"warning: {mixed}: 2 files skipped, not RDF by their suffix (.csv, .txt); 1 RDF file read"
        in said
    )
    (mixed / "sub" / "rows.csv").unlink()
    said = " ".join(cli("stats", "--data", str(mixed)).stderr.split())
    assert "1 file skipped, not RDF by their suffix (.txt)" in said
    loaded = cli("--store", "memory", "load", str(empty))
    assert "no RDF files in this folder" in loaded.stderr
    assert "nothing was loaded" in loaded.stderr


def test_folder_warnings_reach_python_callers(tmp_path: Path) -> None:
    import diplograph
    from diplograph.errors import DataWarning

    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    with pytest.warns(DataWarning, match=r"no RDF files in this folder \(1 other file: \.md\)"):
        diplograph.load([tmp_path], store="memory")


ONE_TIE = """PREFIX d:    <https://w3id.org/diplograph/id/>
PREFIX dipl: <https://w3id.org/diplograph/ont#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX tt:   <https://w3id.org/diplograph/vocab/tie-type/>
d:onestan a dipl:State ; rdfs:label "Onestan"@en .
d:twostan a dipl:State ; rdfs:label "Twostan"@en .
d:one-tie a dipl:Tie ; dipl:fromActor d:onestan ; dipl:toActor d:twostan ;
    dipl:tieType tt:DiplomaticRelations .
"""


def test_counts_of_one_are_singular(cli: CliRunner, tmp_path: Path) -> None:
    """'1 tie', '1 result', '1 path', '1 step': no '1 ties' and no 'path(s)' in messages."""
    facts = tmp_path / "one.ttl"
    facts.write_text(ONE_TIE, encoding="utf-8")
    pair = ("-p", "a=Onestan", "-p", "b=Twostan")
    said = []
    for args in (
        ("render", "ties-between", *pair, "-o", str(tmp_path / "one.html")),
        ("export", "-q", "ties-between", *pair, "-o", str(tmp_path / "one.json")),
        ("query", "search-actors", "-p", "text=Onestan", "-o", str(tmp_path / "one.csv")),
        ("path", "Onestan", "Twostan"),
    ):
        done = cli("--data", str(facts), *args)
        assert done.returncode == 0, done.stderr
        said.append(" ".join((done.stdout + done.stderr).split()))
    render, export, query, path = said
    assert "wrote a map of 2 actors and 1 tie (1 pair) to" in render
    assert "(1 tie; 1 unsourced (shown))" in render
    assert "wrote 2 actors and 1 tie (" in export
    assert "wrote 1 result to" in query
    assert "1 path between Onestan and Twostan" in path
    assert "(1 step)" in path
    for text in said:
        assert not re.search(r"\b1 (ties|actors|results|paths|steps)\b|\(s\)", text), text
