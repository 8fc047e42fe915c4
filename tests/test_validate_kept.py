"""The validation report an on-disk store keeps for its state (issue 24, item 5): read back
rather than made again while the data, the code, the shapes, the checks and the files read are
unchanged, and made anew after any of them changes. Every file is written under tmp_path."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import diplograph
from diplograph import validate as validation
from diplograph.api import KnowledgeGraph
from diplograph.paths import ontology_dir
from diplograph.queries import list_queries
from diplograph.store import derived
from diplograph.store.files import SHAPES_FILE

from .conftest import FIXTURES, CliRunner, import_fixtures

ARTICLE = "Kenya and Ethiopia agreed to open embassies.\nEritrea was not present.\n"
#: a document of the user's with a local copy beside it, and a statement quoting its line 1
FACTS = """
PREFIX d:    <https://w3id.org/diplograph/id/>
PREFIX dipl: <https://w3id.org/diplograph/ont#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
d:doc-test-article a dipl:SourceDocument ;
    rdfs:label "A test article"@en ;
    dipl:localCopy "article.txt" .
d:stmt-test-article-1 a dipl:SourceStatement , dipl:ReportedFact ;
    prov:wasQuotedFrom d:doc-test-article ;
    dipl:lineNumber 1 ;
    dipl:quote "Kenya and Ethiopia agreed to open embassies." .
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's signing key (and any cache) in a folder of the test's own."""
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "user-cache"))


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each run of the checks and of the shapes, noted as it happens."""
    noted: list[str] = []
    checks, shapes = validation.check_violations, validation._file_violations

    def counted_checks(*args: object, **kwargs: object) -> object:
        noted.append("checks")
        return checks(*args, **kwargs)  # type: ignore[arg-type]

    def counted_shapes(*args: object, **kwargs: object) -> object:
        noted.append("shapes")
        return shapes(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "check_violations", counted_checks)
    monkeypatch.setattr(validation, "_file_violations", counted_shapes)
    return noted


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def kg(folder: Path) -> Iterator[KnowledgeGraph]:
    graph = diplograph.open(f"oxigraph:{folder}")
    yield graph
    graph.close()


def kept_file(folder: Path) -> Path:
    return folder / "derived" / "cache" / "validation.json"


def made_now(report: validation.ValidationReport) -> bool:
    return not report.kept


def gist(report: validation.ValidationReport) -> list[tuple[str, str, str, str]]:
    """Each violation's focus, rule, path and place (two runs of the shapes name a nested
    shape by blank nodes of their own in its message)."""
    return sorted((v.focus, v.origin, v.path, v.where) for v in report.violations)


def said(report: validation.ValidationReport) -> dict[str, object]:
    """What a report says, apart from whether and when it was made."""
    return {
        f.name: getattr(report, f.name)
        for f in dataclasses.fields(validation.ValidationReport)
        if f.name not in {"kept", "made"}
    }


def test_a_second_validate_is_the_kept_report_and_runs_nothing(
    kg: KnowledgeGraph, folder: Path, runs: list[str]
) -> None:
    first = kg.validate()
    assert made_now(first)
    assert first.conforms
    assert runs.count("checks") == 1
    assert runs.count("shapes") == 1
    assert kept_file(folder).is_file()
    second = kg.validate()
    assert second.kept
    assert runs.count("checks") == 1
    assert runs.count("shapes") == 1
    assert second.made == first.made
    assert said(second) == said(first)


def test_the_kept_report_keeps_the_violations_and_their_places(
    kg: KnowledgeGraph, runs: list[str]
) -> None:
    kg.load(FIXTURES / "broken-ties.ttl")
    first = kg.validate()
    assert not first.conforms
    assert any(v.where for v in first.violations)
    second = kg.validate()
    assert second.kept
    assert not second.conforms
    assert second.violations == first.violations
    assert second.triples == first.triples == len(kg)
    assert runs.count("checks") == 1


def test_a_new_open_of_the_same_folder_reads_the_kept_report(folder: Path, runs: list[str]) -> None:
    with diplograph.open(f"oxigraph:{folder}") as kg:
        first = kg.validate()
    with diplograph.open(f"oxigraph:{folder}") as kg:
        again = kg.validate()
    assert again.kept
    assert again.made == first.made
    assert runs.count("checks") == 1


def test_fresh_runs_the_checks_again_and_keeps_the_new_report(
    kg: KnowledgeGraph, runs: list[str]
) -> None:
    kg.validate()
    fresh = kg.validate(fresh=True)
    assert made_now(fresh)
    assert runs.count("checks") == 2
    assert runs.count("shapes") == 2
    assert kg.validate().kept
    assert runs.count("checks") == 2


def test_a_load_makes_the_kept_report_out_of_date(kg: KnowledgeGraph, runs: list[str]) -> None:
    assert kg.validate().conforms
    kg.load(FIXTURES / "broken-ties.ttl")
    after = kg.validate()
    assert made_now(after)
    assert not after.conforms
    assert runs.count("checks") == 2


def test_an_unload_makes_the_kept_report_out_of_date(kg: KnowledgeGraph, runs: list[str]) -> None:
    [loaded] = kg.load(FIXTURES / "broken-ties.ttl")
    assert not kg.validate().conforms
    kg.unload(loaded.source)
    after = kg.validate()
    assert made_now(after)
    assert after.conforms
    assert runs.count("checks") == 2


def test_an_import_makes_the_kept_report_out_of_date(kg: KnowledgeGraph, runs: list[str]) -> None:
    before = kg.validate()
    import_fixtures(kg)
    after = kg.validate()
    assert made_now(after)
    assert after.triples is not None
    assert before.triples is not None
    assert after.triples > before.triples
    assert runs.count("checks") == 2


def test_an_added_source_and_tie_make_the_kept_report_out_of_date(
    kg: KnowledgeGraph, tmp_path: Path, runs: list[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    kg.validate()
    kg.add_source(article, title="A test article")
    assert made_now(kg.validate())
    kg.add_tie("Kenya", "Ethiopia", type="diplomatic relations", source=article, line=1)
    after = kg.validate()
    assert made_now(after)
    assert after.conforms, after.violations
    assert runs.count("checks") == 3
    assert kg.validate().kept


def test_a_write_by_another_process_makes_it_out_of_date(folder: Path, runs: list[str]) -> None:
    with diplograph.open(f"oxigraph:{folder}") as kg:
        kg.validate()
    done = subprocess.run(
        [sys.executable, "-m", "diplograph", "--store", f"oxigraph:{folder}", "load",
         str(FIXTURES / "broken-ties.ttl")],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with diplograph.open(f"oxigraph:{folder}") as kg:
        after = kg.validate()
    assert made_now(after)
    assert not after.conforms


def test_a_changed_shape_file_makes_it_out_of_date(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: list[str]
) -> None:
    kg.validate()
    ontology = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), ontology)
    monkeypatch.setattr(validation, "ontology_dir", lambda: ontology)
    assert kg.validate().kept  # the same bytes: the same maker
    with (ontology / SHAPES_FILE).open("a", encoding="utf-8") as shapes:
        shapes.write("\n# a comment is a change too\n")
    assert made_now(kg.validate())
    assert runs.count("checks") == 2


def test_a_changed_check_makes_it_out_of_date(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch, runs: list[str]
) -> None:
    kg.validate()
    queries = list_queries()
    first = next(i for i, q in enumerate(queries) if q.is_check)
    changed = [*queries]
    changed[first] = dataclasses.replace(queries[first], text=queries[first].text + "\n# edited")
    monkeypatch.setattr(validation, "list_queries", lambda *a, **k: changed)
    assert made_now(kg.validate())
    assert runs.count("shapes") == 2


def test_a_changed_validate_module_makes_it_out_of_date(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: list[str]
) -> None:
    kg.validate()
    code = tmp_path / "validate.py"
    code.write_bytes(Path(validation.__file__).read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(validation, "__file__", str(code))
    assert made_now(kg.validate())
    assert runs.count("checks") == 2


def test_a_changed_local_copy_makes_it_out_of_date(
    kg: KnowledgeGraph, tmp_path: Path, runs: list[str]
) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    facts = tmp_path / "facts.ttl"
    facts.write_text(FACTS, encoding="utf-8")
    kg.load(facts)
    first = kg.validate()
    assert first.conforms, first.violations
    assert first.quotes_checked >= 1
    assert kg.validate().kept
    # the quote moves to line 2 of its document; the store's data is unchanged
    (tmp_path / "article.txt").write_text("A new first line.\n" + ARTICLE, encoding="utf-8")
    after = kg.validate()
    assert made_now(after)
    assert any(v.focus == "d:stmt-test-article-1" for v in after.violations), after.violations


def test_a_read_only_open_reads_the_kept_report_and_writes_none(
    folder: Path, runs: list[str]
) -> None:
    with diplograph.open(f"oxigraph:{folder}") as kg:
        made = kg.validate()
    with diplograph.open(f"oxigraph-ro:{folder}") as kg:
        read = kg.validate()
    assert read.kept
    assert read.made == made.made
    assert runs.count("checks") == 1


def test_a_read_only_open_keeps_nothing(folder: Path, runs: list[str]) -> None:
    diplograph.open(f"oxigraph:{folder}").close()
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    with diplograph.open(f"oxigraph-ro:{folder}") as kg:
        assert made_now(kg.validate())
        assert made_now(kg.validate())  # nothing kept to read back
    assert not kept_file(folder).exists()
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert runs.count("checks") == 2


def test_a_damaged_kept_file_is_ignored_and_made_anew(
    kg: KnowledgeGraph, folder: Path, runs: list[str]
) -> None:
    kg.load(FIXTURES / "broken-ties.ttl")
    first = kg.validate()
    data = kept_file(folder).read_bytes()
    kept_file(folder).write_bytes(data[:-40] + b"x" * 40)
    again = kg.validate()
    assert made_now(again)
    assert gist(again) == gist(first)
    assert kg.validate().kept  # made anew and kept again
    assert runs.count("checks") == 2


def test_a_report_signed_by_another_user_is_ignored(
    kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: list[str]
) -> None:
    kg.validate()
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "another-user"))
    assert made_now(kg.validate())
    assert runs.count("checks") == 2


def test_a_signed_file_of_another_layout_is_ignored(
    kg: KnowledgeGraph, folder: Path, runs: list[str]
) -> None:
    kg.load(FIXTURES / "broken-ties.ttl")
    first = kg.validate()
    label = kept_file(folder).read_bytes().split(b"\n")[1].decode()
    values: list[object] = [{"violations": "all fine"}, [], {"made": 1}, None]
    for value in values:
        assert derived.write_derived(folder / "derived", "validation", label, value)
        again = kg.validate()
        assert made_now(again)
        assert gist(again) == gist(first)


def test_a_memory_store_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runs: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    kg = diplograph.open("memory")
    assert made_now(kg.validate())
    assert made_now(kg.validate())
    assert runs.count("checks") == 2
    assert list(tmp_path.rglob("*")) == []  # not even the signing key


def test_validating_one_file_neither_reads_nor_keeps_the_report(
    kg: KnowledgeGraph, folder: Path, runs: list[str]
) -> None:
    kg.validate()
    [loaded] = kg.load(FIXTURES / "broken-ties.ttl")
    kept = kept_file(folder).read_bytes()
    report = validation.validate(kg.store, graph=loaded.graph)
    assert made_now(report)
    assert report.triples is None
    assert not report.conforms
    assert kept_file(folder).read_bytes() == kept


def test_the_command_says_the_report_is_the_kept_one(folder: Path, cli: CliRunner) -> None:
    store = ("--store", f"oxigraph:{folder}")
    assert cli(*store, "load", str(FIXTURES / "broken-ties.ttl")).returncode == 0
    first = cli(*store, "validate")
    second = cli(*store, "validate")
    fresh = cli(*store, "validate", "--fresh")
    assert first.returncode == second.returncode == fresh.returncode == 1  # exit codes unchanged
    assert "kept for this state" not in first.stdout + fresh.stdout
    [note] = [line for line in second.stdout.splitlines() if "kept for this state" in line]
    assert "made 20" in note
    assert "UTC" in note
    # the same violations, table for table, after the note
    assert second.stdout.split("\n", 1)[1] == first.stdout
