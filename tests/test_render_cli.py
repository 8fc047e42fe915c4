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
    assert f"wrote a map of 6 actors and 5 ties (5 pairs) to {output}" in done.stderr
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


def test_render_as_of_counts_unknown_time_apart(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "1990.html"
    done = cli("render", "--all", "--as-of", "1990-01-01", "-o", str(output))
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stderr.split())  # as one line, however the console wrapped it
    assert "wrote a map of 13 actors and 14 ties and events (14 pairs)" in said
    assert "(0 ties in force on 1990-01-01; 11 of unknown time (shown); 3 event edges" in said
    html = output.read_text(encoding="utf-8")
    assert "11 of unknown time (drawn faded)" in html
    assert '"undated":"show"' in html


@pytest.mark.parametrize(
    ("mode", "page", "warning"),
    [
        ("include", "11 of unknown time (included as in force)", None),
        ("exclude", "11 of unknown time left out", "11 ties and 3 event edges of unknown time"),
    ],
)
def test_render_undated_modes(
    cli: CliRunner, tmp_path: Path, mode: str, page: str, warning: str | None
) -> None:
    output = tmp_path / f"{mode}.html"
    done = cli("render", "--all", "--as-of", "1990-01-01", "--undated", mode, "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert page in output.read_text(encoding="utf-8")
    if warning is None:
        assert "warning" not in done.stderr
    else:
        assert f"warning: {warning} on 1990-01-01 left out (--undated exclude)" in done.stderr


def test_render_unsourced_ties_shown_or_left_out(cli: CliRunner, tmp_path: Path) -> None:
    data = str(FIXTURES / "unsourced-ties.ttl")
    shown = tmp_path / "shown.html"
    done = cli("--data", data, "render", "--all", "-o", str(shown))
    assert done.returncode == 0, done.stderr
    assert "2 unsourced (shown)" in " ".join(done.stderr.split())
    html = shown.read_text(encoding="utf-8")
    assert "unsourced-nowhereland-morocco" in html
    assert "2 unsourced (drawn grey)" in html
    left_out = tmp_path / "left-out.html"
    done = cli("--data", data, "render", "--all", "--unsourced", "exclude", "-o", str(left_out))
    assert done.returncode == 0, done.stderr
    assert (
        "warning: 2 unsourced ties (with no supporting statement) left out (--unsourced exclude)"
    ) in done.stderr
    assert "unsourced-nowhereland-morocco" not in left_out.read_text(encoding="utf-8")


def test_render_without_events(cli: CliRunner, tmp_path: Path) -> None:
    output = tmp_path / "ties.html"
    done = cli("render", "--all", "--no-events", "-o", str(output))
    assert done.returncode == 0, done.stderr
    # the article's 14 ties among 15 actors, and Morocco's 3 to MONUSCO and UNOCI (IPI, 2014)
    assert "wrote a map of 17 actors and 17 ties (16 pairs) to" in done.stderr
    assert "event-board-of-peace-meeting" not in output.read_text(encoding="utf-8")
    with_events = tmp_path / "all.html"
    assert cli("render", "--all", "-o", str(with_events)).returncode == 0
    assert "event-board-of-peace-meeting" in with_events.read_text(encoding="utf-8")


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
        (["--all", "--undated", "maybe"], "Invalid value for '--undated'"),
        (["--all", "--unsourced", "include"], "Invalid value for '--unsourced'"),
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
