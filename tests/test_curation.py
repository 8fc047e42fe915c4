"""From a new article to reviewed facts: registering sources, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import diplograph
from diplograph.curation.sources import register, split_sentences, statement_iri
from diplograph.errors import DataError

from .conftest import REPOSITORY

ARTICLE = (
    "Egypt and Jordan met in Cairo on Tuesday. Officials said Jordan pledged 500 troops to the "
    "mission.\nNo one else did.\n"
)


@pytest.fixture
def sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "sources"
    monkeypatch.setenv("DIPLOGRAPH_SOURCES", str(folder))
    return folder


def test_sentences_are_split_per_line_in_reading_order() -> None:
    assert split_sentences(ARTICLE) == [
        (1, "Egypt and Jordan met in Cairo on Tuesday."),
        (1, "Officials said Jordan pledged 500 troops to the mission."),
        (2, "No one else did."),
    ]


def test_the_seed_article_splits_into_its_fourteen_numbered_sentences(kg: object) -> None:
    text = (REPOSITORY / "graph/sources/000_50394d480bb7f741.txt").read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert len(sentences) == 14
    assert isinstance(kg, diplograph.KnowledgeGraph)
    seed = "e6f93236834224cb6fd41d50416141a106ca3876bcda58446285b9bada888765"
    for number, (line, sentence) in enumerate(sentences, 1):
        rows = kg.store.query(
            "SELECT ?quote ?line WHERE { ?s dipl:quote ?quote ; dipl:lineNumber ?line }",
            {"s": statement_iri(seed, number)},
        ).rows
        assert [(str(q), int(n)) for q, n in rows] == [(sentence, line)]  # same numbering


def test_register_writes_hash_copy_and_statements(sources: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with diplograph.open("memory") as kg:
        registered = register(kg.store, article, title="A test article")
        assert registered.copy.read_bytes() == article.read_bytes()
        assert registered.copy.parent == sources
        rows = kg.values("sources")
        ours = [r for r in rows if r["sha256"] == registered.sha256]
        assert len(ours) == 1
        assert ours[0]["documentLabel"] == "A test article"
        assert ours[0]["statements"] == 3
        assert ours[0]["url"] is None  # unknown stays unknown
        again = register(kg.store, article, title="A test article")
        assert again.document == registered.document
        assert kg.values("sources") == rows  # the same nodes, replaced, not doubled
        report = kg.validate()
        assert report.conforms, report.violations
        assert report.quotes_checked >= 33  # the three new quotes are checked against the copy


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 latin-1", "not UTF-8"),
    ],
)
def test_bad_documents_are_refused(
    sources: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    document = tmp_path / "document.txt"
    document.write_bytes(content)
    with diplograph.open("memory") as kg, pytest.raises(DataError, match=message):
        register(kg.store, document)
    assert not sources.exists() or not any(sources.iterdir())


def test_source_commands_as_a_user_runs_them(sources: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = f"oxigraph:{tmp_path / 'store'}"
    environment = {**os.environ, "DIPLOGRAPH_SOURCES": str(sources)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diplograph", "--store", store, *args],
            capture_output=True,
            text=True,
            env=environment,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )

    added = run("source", "add", str(article), "--date", "2025-10-02", "--title", "Test")
    assert added.returncode == 0, added.stderr
    assert "3 sentences" in added.stderr
    shown = run("source", "show", str(article))
    assert shown.returncode == 0, shown.stderr
    assert "Officials said Jordan pledged 500 troops" in shown.stdout
    assert "s02" in shown.stdout
    listed = run("source", "list")
    assert "Test" in listed.stdout
    bad_date = run("source", "add", str(article), "--date", "yesterday")
    assert bad_date.returncode == 2
    assert "YYYY-MM-DD" in bad_date.stderr
    seed = run("source", "add", str(REPOSITORY / "graph/sources/000_50394d480bb7f741.txt"))
    assert seed.returncode == 2
    assert "already in the graph" in seed.stderr
