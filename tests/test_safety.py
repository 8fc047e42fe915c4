"""Nothing in a query or a data file reaches the network unless allowed; no output replaces a
device or a folder; updates never run where a query is expected. Run as a user runs them."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPOSITORY, CliRunner
from .servers import counting_listener, http_server

pytestmark = pytest.mark.cli


def _no_traceback(text: str) -> None:
    assert "Traceback" not in text
    assert 'File "' not in text


def _service_query(folder: Path, url: str) -> Path:
    query = folder / "federated.rq"
    query.write_text(
        "#+ summary: asks another server\n"
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}\n",
        encoding="utf-8",
    )
    return query


def test_service_is_refused_without_a_request(cli: CliRunner, tmp_path: Path) -> None:
    with counting_listener() as listener:
        done = cli("query", str(_service_query(tmp_path, listener.url)))
        assert listener.made() == []  # not even a connection was opened
    assert done.returncode == 2
    assert "SERVICE" in done.stderr
    assert "--allow-service" in done.stderr
    _no_traceback(done.stderr)


@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_allowed_service_is_abandoned_after_its_timeout(
    cli: CliRunner, tmp_path: Path, store: str
) -> None:
    with counting_listener() as listener:
        done = cli(
            "--store",
            store,
            "--allow-service",
            "--service-timeout",
            "2",
            "query",
            str(_service_query(tmp_path, listener.url)),
        )
        assert len(listener.made()) >= 1  # allowed: the request was really made
    # abandoned by its own 2 s limit: that limit alone says "no answer within 2 s", and exits 2
    # (the runner's 120 s would end the test with subprocess.TimeoutExpired instead)
    assert done.returncode == 2, done.stdout
    assert "no answer within 2 s" in done.stderr
    _no_traceback(done.stderr)


def test_allowed_service_with_an_http_error_is_one_paragraph(
    cli: CliRunner, tmp_path: Path
) -> None:
    with http_server(501, "text/plain", b"Not Implemented") as url:
        done = cli("--allow-service", "query", str(_service_query(tmp_path, url)))
    assert done.returncode == 2
    assert "error:" in done.stderr
    _no_traceback(done.stderr)


def test_remote_json_ld_context_is_never_fetched(cli: CliRunner, tmp_path: Path) -> None:
    with counting_listener() as listener:
        context = f"{listener.url}/context.jsonld"
        data = tmp_path / "facts.jsonld"
        data.write_text(
            '{"@context": "' + context + '", "@id": "https://example.org/x", "name": "x"}',
            encoding="utf-8",
        )
        done = cli("--data", str(data), "query", "class-counts")
        assert listener.made() == []
    assert done.returncode == 2
    assert str(data) in done.stderr
    assert context in done.stderr
    assert "never fetches" in done.stderr
    _no_traceback(done.stderr)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }",
        "DROP ALL",
        "LOAD <https://example.org/data.ttl>",
        "PREFIX ex: <https://example.org/>\nDELETE WHERE { ?s ex:p ?o }",
    ],
)
def test_an_update_given_to_query_says_updates_are_not_allowed(
    cli: CliRunner, tmp_path: Path, update: str
) -> None:
    query = tmp_path / "update.rq"
    query.write_text(update + "\n", encoding="utf-8")
    done = cli("query", str(query))
    assert done.returncode == 2
    assert "updates are not allowed" in done.stderr
    assert "Expected" not in done.stderr  # not the parser's confusion
    _no_traceback(done.stderr)


def test_output_never_replaces_a_device(cli: CliRunner) -> None:
    null = Path("/dev/null")
    before = null.stat()
    done = cli("query", "edges", "-f", "csv", "-o", str(null))
    after = null.stat()
    assert done.returncode == 2
    assert "not a regular file" in done.stderr
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_ino == before.st_ino
    _no_traceback(done.stderr)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("folder", "is a folder"),
        ("missing/parent/out.csv", "does not exist"),
        ("/proc/diplograph-cannot-write-here.csv", "Cannot write"),
    ],
)
def test_unwritable_outputs_are_one_paragraph(
    cli: CliRunner, tmp_path: Path, target: str, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    output = Path(target) if target.startswith("/") else tmp_path / target
    for command in (
        ("query", "edges", "-f", "csv", "-o", str(output)),
        ("export", "-f", "json", "-o", str(output)),
        ("render", "--all", "-o", str(output)),
    ):
        done = cli(*command)
        assert done.returncode == 2, command
        assert message in done.stderr, (command, done.stderr)
        _no_traceback(done.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]  # nothing half-written


def test_a_closed_standard_output_is_one_paragraph() -> None:
    done = subprocess.run(
        [
            "/bin/bash",
            "-c",
            f"exec {sys.executable} -m diplograph query class-counts -f csv >&-",
        ],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPOSITORY,
        env={**os.environ, "DIPLOGRAPH_STORE": "memory"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "Standard output is closed" in done.stderr or "standard output" in done.stderr
    _no_traceback(done.stderr)


def test_output_over_a_symlink_writes_its_target(cli: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    done = cli("query", "class-counts", "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("class,classLabel,count")
