"""A journalist's day, as a user runs it on a fresh store: register an article, extract,
review (creating AUSSOM, fixing a row in place, turning an event into a tie), query the
evidence, render the ego network, validate. The article is test data
(tests/fixtures/journalist/README.md), never part of the shipped graph."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import diplograph
from diplograph.errors import DataError

from .conftest import REPOSITORY, SHARED_DATA

Run = Callable[..., subprocess.CompletedProcess[str]]
ARTICLE = REPOSITORY / "tests/fixtures/journalist/article.txt"
KENYA_IPI = SHARED_DATA / "un-peacekeeping-ipi" / "countries" / "Kenya.csv"
AUSSOM = "African Union Support and Stabilization Mission in Somalia"

# the answers a reviewer types, row by row of the extracted sheet (lines 2-6)
ANSWERS = [
    # line 2, "Kenya pledged 1,000 troops to ... (AUSSOM)": the pledge event becomes a tie
    "e", "tie", "troop contribution", "", "AUSSOM", "pledged", "", "", "", "", "", "", "",
    # AUSSOM is not an actor yet: create it
    "c", AUSSOM, "multinational force", "", "AUSSOM",
    # line 3: the accusation, accepted as extracted
    "a",
    # line 4: an edit with a type that is not one; the problem is shown; fixed in place
    "e", "", "security cooperation", "", "", "", "", "", "", "", "", "", "",
    "e", "", "meeting", "", "", "", "", "", "", "", "", "", "",
    # line 4 again, the same meeting the other way (a joint subject is coded both ways): skipped
    "s",
    # line 5: rejected
    "r",
]  # fmt: skip


@pytest.fixture
def day(tmp_path: Path) -> Run:
    environment = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data-home"),
        "DIPLOGRAPH_CACHE": str(tmp_path / "cache"),
        "DIPLOGRAPH_STORE": f"oxigraph:{tmp_path / 'store'}",
    }

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "diplograph", *args],
            capture_output=True,
            text=True,
            env=environment,
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            cwd=tmp_path,
            timeout=300,
            check=False,
        )

    return run


@pytest.mark.cli
def test_a_journalists_day_from_article_to_validated_map(day: Run, tmp_path: Path) -> None:
    run = day
    # after the README's real-data imports (here one file of them: Kenya's peacekeepers)
    imported = run("import", "peacekeeping", str(KENYA_IPI))
    assert imported.returncode == 0, imported.stderr
    added = run("source", "add", str(ARTICLE), "--title", "Test article")
    assert added.returncode == 0, added.stderr
    assert "derived/curation/sources" in added.stderr.replace("\n", "")  # the store's own copy
    sheet = tmp_path / "candidates.csv"
    extracted = run("extract", str(ARTICLE), "-o", str(sheet))
    assert extracted.returncode == 0, extracted.stderr
    with sheet.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["line"] for r in rows] == ["2", "3", "4", "4", "5"]
    assert (rows[0]["kind"], rows[0]["to"]) == ("event", "Stabilization Mission")

    reviewed = run(
        "review", str(sheet), "--reviewer", "journalist", stdin="\n".join(ANSWERS) + "\n"
    )
    out = reviewed.stdout
    assert reviewed.returncode == 0, out + reviewed.stderr
    # one number per row (its sheet line) with the article line, the kind and the trigger
    assert "candidates.csv:2 · article line 2 · event · trigger “pledged”" in out
    assert "'AUSSOM' (to) is not an actor of the graph." in out
    assert f"created {AUSSOM} (multinational force) as candidates.csv:7" in out
    # the edit changed the kind and the codes followed it
    assert "Kenya — troop contribution — AUSSOM  (pledged)" in out
    assert "CAMEO 0334" in out
    # the bad type is shown on its row at once, and fixed there
    assert "problem: 'security cooperation' is not an event type" in out
    assert "4 accepted, 1 rejected" in out  # three rows and the actor row
    assert "added 1 actor, 1 tie and 2 events" in reviewed.stderr

    evidence = run("query", "evidence", "-p", "actor=Kenya", "-f", "csv")
    assert evidence.returncode == 0, evidence.stderr
    found = list(csv.DictReader(evidence.stdout.splitlines()))
    kinds = {(r["typeLabel"], r["otherLabel"], r["claim"]) for r in found}
    assert ("troop contribution", AUSSOM, "") in kinds
    assert ("meeting", "Ethiopia", "event") in kinds  # the user's event is there too
    # the user's own article first, then the dataset's rows, each said as what it states
    origins = [r["origin"] for r in found]
    documents = origins.count("document")
    assert origins == ["document"] * documents + ["dataset"] * (len(origins) - documents)
    assert {r["documentLabel"] for r in found[:documents]} == {"Test article"}
    header = next(csv.reader([KENYA_IPI.read_text(encoding="utf-8").split("\n")[0]]))
    for row in found[documents:]:
        fields = dict(zip(header, next(csv.reader([row["quote"]])), strict=True))
        unit = {"troop contribution": "troops", "police contribution": "police"}.get(
            row["typeLabel"], "experts"
        )
        number = int(fields[unit.capitalize()])
        amount = f"{number:,} {unit[:-1] if number == 1 and unit != 'police' else unit}"
        month = fields["Date"][:7]
        assert row["citation"] == f"IPI {month} · Kenya → {row['otherLabel']} · {amount}"
    table = run("query", "evidence", "-p", "actor=Kenya")
    shown = " ".join(table.stdout.split())
    assert f"by origin: {documents} document rows, {len(found) - documents:,} dataset rows" in shown
    assert "1990-11-30,7" not in shown  # the raw rows stay in the CSV

    page = tmp_path / "kenya.html"
    rendered = run("render", "ego-network", "-p", "actor=AUSSOM", "-o", str(page))
    assert rendered.returncode == 0, rendered.stderr
    assert "1 tie" in rendered.stderr
    rendered = run("render", "ego-network", "-p", "actor=Kenya", "-o", str(page))
    assert "1 event edge" in rendered.stderr  # the meeting with Ethiopia

    validated = run("validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "valid" in validated.stdout

    # the rejection is this store's: another store is proposed all four rows again
    other = run("--store", f"oxigraph:{tmp_path / 'other'}", "extract", str(ARTICLE))
    assert "rejected in an earlier review" not in other.stderr
    again = run("extract", str(ARTICLE))
    assert "1 candidate rejected in an earlier review was left out" in again.stderr


def test_a_new_party_can_be_merged_with_an_existing_actor(day: Run, tmp_path: Path) -> None:
    run = day
    assert run("source", "add", str(ARTICLE), "--title", "Test article").returncode == 0
    sheet = tmp_path / "candidates.csv"
    assert run("extract", str(ARTICLE), "-o", str(sheet)).returncode == 0
    # line 2's "Stabilization Mission" is no actor: merged with one (an unknown name first, then
    # an existing actor by its code); the other rows skipped
    answers = ["a", "m", "Atlantis", "m", "SOM", "s", "s", "s", "s"]
    reviewed = run("review", str(sheet), "--reviewer", "journalist", stdin="\n".join(answers))
    assert reviewed.returncode == 0, reviewed.stdout + reviewed.stderr
    out = " ".join(reviewed.stdout.split())
    assert "'Stabilization Mission' (to) is not an actor of the graph." in out
    assert "No actor named 'Atlantis' in the graph." in out
    assert "to is now Somalia" in out
    with sheet.open(encoding="utf-8") as stream:
        first = next(csv.DictReader(stream))
    assert (first["to"], first["to_code"], first["to_country"]) == ("Somalia", "", "")
    assert first["decision"] == "accept"
    assert "added 0 ties and 1 event" in reviewed.stderr
    evidence = run("query", "evidence", "-p", "actor=Somalia", "-f", "csv")
    found = list(csv.DictReader(evidence.stdout.splitlines()))
    assert [(r["typeLabel"], r["otherLabel"]) for r in found] == [("pledge", "Kenya")]


def test_an_actor_whose_name_is_taken_is_offered_the_match(tmp_path: Path) -> None:
    with diplograph.open("memory") as kg:
        kg.add_source(ARTICLE, title="Test article")
        with pytest.raises(DataError, match=r"'Kenya' already names the actor Kenya"):
            kg.add_actor("Kenya", kind="state", source=ARTICLE, line=2)
        with pytest.raises(DataError, match="is not an actor kind; the actor kinds"):
            kg.add_actor("AUSSOM", kind="peace mission", source=ARTICLE, line=2)
        added = kg.add_actor(
            AUSSOM, kind="multinational force", source=ARTICLE, line=2, aliases=["AUSSOM"]
        )
        assert added.actors == 1
        assert kg.add_tie("Kenya", "AUSSOM", type="troop contribution", source=ARTICLE, line=2).ties
        report = kg.validate()
        assert report.conforms, report.violations


def test_a_store_in_memory_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "cache"))
    with diplograph.open("memory") as kg:
        kg.add_source(ARTICLE, title="Test article")
        kg.add_tie("Kenya", "Ethiopia", type="bilateral relations", source=ARTICLE, line=4)
        sheet = tmp_path / "c.csv"
        kg.extract(ARTICLE, output=sheet)
    assert not (tmp_path / "data-home").exists()
    assert not (tmp_path / "cache").exists()


def test_what_older_versions_shared_is_taken_over_by_its_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplograph.curation.rejected import rejected_keys
    from diplograph.curation.state import state_of

    legacy = tmp_path / "data-home" / "diplograph"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    with diplograph.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        registered = kg.add_source(ARTICLE, title="Test article")
        legacy.mkdir(parents=True)
        (legacy / "rejected.tsv").write_text(
            f"{registered.sha256}\t5\tevent\teri\t\trejection\n"
            f"{'0' * 64}\t1\ttie\ta\tb\tconflict\n",  # another store's document: not taken
            encoding="utf-8",
        )
        folder = state_of(kg.store).folder
        assert folder is not None
        (folder / ".migrated").unlink()
        state_of(kg.store)  # the migration runs on first use
        assert rejected_keys(kg.store) == {
            (registered.sha256, "5", "event", "eri", "", "rejection")
        }


def test_the_shared_added_ties_sheet_is_taken_over_by_the_store_that_holds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diplograph.curation.facts import add_sheet, added_sheet
    from diplograph.curation.sheet import write_sheet
    from diplograph.curation.state import state_of

    legacy = tmp_path / "data-home" / "diplograph"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    with diplograph.open(f"oxigraph:{tmp_path / 'store'}") as kg:
        kg.add_source(ARTICLE, title="Test article")
        folder = state_of(kg.store).folder
        assert folder is not None
        # what an older version left: the one shared sheet, loaded from the shared folder
        old = legacy / "added-ties.csv"
        legacy.mkdir(parents=True)
        row = {"kind": "tie", "from": "Kenya", "to": "Ethiopia", "type": "bilateral relations"}
        old.write_text(write_sheet([{**row, "document": str(ARTICLE), "line": "4"}]), "utf-8")
        assert add_sheet(kg.store, old).ties == 1
        (folder / ".migrated-added-sheet").unlink(missing_ok=True)
        sheet = added_sheet(kg.store)  # first use after the upgrade takes it over
        assert sheet.parent == folder
        assert sheet.read_text("utf-8") == old.read_text("utf-8")
        assert kg.store.find_sources(str(old)) == []
        assert len(kg.store.find_sources(str(sheet))) == 1
        assert old.is_file()  # left for the other stores that may hold it
