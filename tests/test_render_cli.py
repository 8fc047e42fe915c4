"""``diplograph render`` as a user runs it: the file it writes, its warnings and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FIXTURES, CliRunner

pytestmark = pytest.mark.cli


def test_render_a_query_writes_one_offline_page(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "maps" / "troops.html"
    output.parent.mkdir()
    done = cli("render", "troop-contributors", "--param", "force=ISF", "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert f"wrote a map of 6 actors and 5 ties to {output}" in done.stderr
    html = output.read_text(encoding="utf-8")
    assert "<code>force=ISF</code>" in html
    assert "https://cdn" not in html
    assert [p.name for p in output.parent.iterdir()] == ["troops.html"]  # no temporary left


def test_render_all_with_data_as_of_and_title(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "all.html"
    done = cli(
        "--data",
        str(FIXTURES / "map-ties.ttl"),
        "render",
        "--all",
        "--as-of",
        "2005-06-01",
        "--title",
        "Ties in 2005",
        "-o",
        str(output),
    )
    assert done.returncode == 0, done.stderr
    html = output.read_text(encoding="utf-8")
    assert "<title>Ties in 2005</title>" in html
    assert "map-test-relations" in html  # in force in 2005
    assert "map-test-conflict" not in html  # 2011-2012


def test_render_limit_warns_and_the_page_says_so(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "limited.html"
    done = cli("render", "--all", "--max-nodes", "4", "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert "the map shows the 4 most connected actors" in done.stderr
    assert 'id="limit-warning"' in output.read_text(encoding="utf-8")


def test_render_nothing_found_writes_an_empty_map(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "empty.html"
    done = cli("render", "ties-by-type", "-p", "type=sanction", "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert "map is empty" in done.stderr
    assert "This map is empty" in output.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-query"], "Unknown query 'no-such-query'"),
        (["troop-contributors", "-p", "force=Atlantis"], "No actor named 'Atlantis'"),
        (["troop-contributors", "-p", "army=ISF"], "has no parameter 'army'"),
        ([], "Name one query to map, or pass --all"),
        (["troop-contributors", "--all"], "Name one query to map, or pass --all"),
        (["--all", "-p", "force=ISF"], "--param needs a query"),
        (["--all", "--as-of", "2020-02-30"], "--as-of: '2020-02-30' is not a date"),
    ],
)
def test_render_errors_write_nothing(
    cli: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    output = tmp_path / "map.html"
    done = cli("render", *args, "-o", str(output))
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_render_needs_an_output_file(cli: CliRunner, tmp_path: Path) -> None:
    assert cli("render", "--all").returncode == 2
    done = cli("render", "--all", "-o", str(tmp_path))
    assert done.returncode == 2
    assert "is a folder" in done.stderr
