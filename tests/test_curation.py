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
    """The copies folder of the on-disk store the CLI tests use (tmp_path/store); the shared
    folders older versions wrote to point into tmp_path, so that nothing outside it is read."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "store" / "derived" / "curation" / "sources"


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
        assert [(str(q), int(str(n))) for q, n in rows] == [(sentence, line)]  # same numbering


def test_register_writes_hash_copy_and_statements(sources: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with diplograph.open("memory") as kg:
        registered = register(kg.store, article, title="A test article")
        assert registered.copy == article.resolve()  # a store in memory copies nothing
        assert not sources.exists()
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


@pytest.mark.cli
def test_source_commands_as_a_user_runs_them(sources: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = f"oxigraph:{tmp_path / 'store'}"
    environment = dict(os.environ)

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


# ---------------------------------------------------------------- tie sheets, add and review

HEADER = "line,quote,kind,from,to,type,status,begin,end,confidence,document,comment"


def _curation_run(tmp_path: Path, sources: Path) -> object:
    store = f"oxigraph:{tmp_path / 'store'}"
    environment = dict(os.environ)

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diplograph", "--store", store, *args],
            capture_output=True,
            text=True,
            env=environment,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture
def registered(tmp_path: Path, sources: Path) -> tuple[object, str]:
    """A store with the test article registered, its runner, and the article's hash."""
    import hashlib

    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    run = _curation_run(tmp_path, sources)
    assert run("source", "add", str(article)).returncode == 0  # type: ignore[operator]
    return run, "sha256:" + hashlib.sha256(ARTICLE.encode()).hexdigest()


@pytest.mark.cli
def test_a_sheet_with_bad_rows_adds_nothing_and_names_each_line(
    registered: tuple[object, str], tmp_path: Path
) -> None:
    run, document = registered
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "\n".join(
            [
                HEADER,
                f'1,"Egypt and Jordan met in Cairo on Tuesday.",tie,Egypt,Jordan,'
                f"diplomatic relations,active,,,0.9,{document},",
                f"1,Egypt and Jordan went to war.,tie,Egypt,Jordan,conflict,,,,,{document},",
                f'1,"Egypt and Jordan met in Cairo on Tuesday.",tie,Egypt,Atlantis,'
                f"diplomatic relations,,,,,{document},",
                f'1,"Egypt and Jordan met in Cairo on Tuesday.",tie,Egypt,Jordan,'
                f"partnership,,2025-13-01,,,{document},",
                f'1,"Egypt and Jordan met in Cairo on Tuesday.",tie,Egypt,Jordan,'
                f"partnership,promised,,,,{document},",
                f'1,"Officials said Jordan pledged 500 troops to the mission.",tie,Jordan,ISF,'
                f"troop contribution,pledged,,,,{document},",
                f"2,x,tie,Israel,Morocco,diplomatic relations,active,,,,{document},",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    before = run("sources")  # type: ignore[operator]
    done = run("add", "--sheet", str(sheet))  # type: ignore[operator]
    assert done.returncode == 2
    assert f"{sheet}:3: the quote is not in the document" in done.stderr
    assert f"{sheet}:4: No actor named 'Atlantis'" in done.stderr
    assert f"{sheet}:5: begin '2025-13-01' is not a date" in done.stderr
    assert f"{sheet}:6:" in done.stderr
    assert "'promised' is not a status; the statuses: active" in done.stderr  # the valid values
    assert f"{sheet}:8:" in done.stderr
    assert "Nothing was added: 5 of 7 rows" in done.stderr
    assert run("sources").stdout == before.stdout  # type: ignore[operator]
    partial = run("add", "--sheet", str(sheet), "--partial")  # type: ignore[operator]
    assert partial.returncode == 0, partial.stderr
    assert "added 2 ties" in partial.stderr
    evidence = run("query", "evidence", "-p", "actor=Jordan", "-f", "csv")  # type: ignore[operator]
    assert "Officials said Jordan pledged 500 troops to the mission." in evidence.stdout
    again = run("add", "--sheet", str(sheet), "--partial")  # type: ignore[operator]
    assert again.returncode == 0, again.stderr  # its own earlier facts are no duplicates
    valid = run("validate")  # type: ignore[operator]
    assert valid.returncode == 0, valid.stdout


@pytest.mark.cli
def test_review_accepts_rejects_and_remembers(
    registered: tuple[object, str], tmp_path: Path, sources: Path
) -> None:
    run, _ = registered
    article = tmp_path / "news.txt"
    article.write_text(
        "Egypt and Jordan met in Cairo on Tuesday. Jordan pledged 500 troops to the "
        "International Stabilization Force.\n",
        encoding="utf-8",
    )
    assert run("source", "add", str(article)).returncode == 0  # type: ignore[operator]
    candidates = tmp_path / "candidates.csv"
    extracted = run("extract", str(article), "-o", str(candidates))  # type: ignore[operator]
    assert extracted.returncode == 0, extracted.stderr
    rows = candidates.read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) >= 2
    answers = "a\n" + "r\n" * (len(rows) - 1)
    reviewed = run("review", str(candidates), "--reviewer", "tester", stdin=answers)  # type: ignore[operator]
    assert reviewed.returncode == 0, reviewed.stdout + reviewed.stderr
    assert f"1 accepted, {len(rows) - 1} rejected" in reviewed.stdout
    decided = candidates.read_text(encoding="utf-8").splitlines()
    assert decided[0].endswith(",decision")
    assert decided[1].endswith(",accept")
    creator = run(  # type: ignore[operator]
        "query",
        str(_creator_query(tmp_path)),
        "-f",
        "csv",
    )
    assert "tester" in creator.stdout
    again = run("extract", str(article), "-f", "csv")  # type: ignore[operator]
    assert f"{len(rows) - 1} candidates rejected in an earlier review" in again.stderr
    assert len(again.stdout.splitlines()) - 1 == 1  # only the accepted one is proposed again


def _creator_query(folder: Path) -> Path:
    query = folder / "creator.rq"
    query.write_text(
        "#+ summary: who accepted facts\n"
        "SELECT ?fact ?who ?when WHERE { ?fact dcterms:creator ?who ; dcterms:created ?when }\n",
        encoding="utf-8",
    )
    return query


@pytest.mark.cli
def test_add_one_tie_with_its_sentence(registered: tuple[object, str], tmp_path: Path) -> None:
    run, _ = registered
    article = tmp_path / "article.txt"
    done = run(  # type: ignore[operator]
        "add",
        "tie",
        "Egypt",
        "Jordan",
        "--type",
        "diplomatic relations",
        "--source",
        str(article),
        "--line",
        "1",
        "--quote",
        "Jordan pledged 500 troops",
    )
    assert done.returncode == 0, done.stderr
    evidence = run("query", "evidence", "-p", "actor=Egypt", "-f", "csv")  # type: ignore[operator]
    assert "Jordan pledged 500 troops" in evidence.stdout  # a part of a sentence, its own statement
    wrong = run(  # type: ignore[operator]
        "add",
        "tie",
        "Egypt",
        "Jordan",
        "--type",
        "conflict",
        "--source",
        str(article),
        "--line",
        "9",
    )
    assert wrong.returncode == 2
    assert "no sentence on line 9" in wrong.stderr
    valid = run("validate")  # type: ignore[operator]
    assert valid.returncode == 0, valid.stdout
