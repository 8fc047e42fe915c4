"""The README's "Real data" table: every dataset under ../shared/data that diplograph imports is in
it, and each figure ``read = imported + rejected + filtered`` adds up and reads as many rows as
the files have lines (``wc -l``, less their header lines).

What the importers make of the rows (the right side) is checked by each importer's tests on the
whole files; the benchmark (bench/import.py) prints the same figures.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import REPOSITORY, SHARED_DATA

README = REPOSITORY / "README.md"
FIGURE = re.compile(
    r"(?:(?P<label>[a-z0-9 -]+) )?(?P<read>[\d,]+) = (?P<imported>[\d,]+) \+ "
    r"(?P<rejected>[\d,]+) \+ (?P<filtered>[\d,]+)"
)

#: (dataset folder, label of the figure) -> its files (glob patterns) and whether they have a header
FILES: dict[tuple[str, str], tuple[tuple[str, ...], bool]] = {
    ("cow-states-2016", ""): (("states2016.csv",), True),
    ("un-peacekeeping-ipi", ""): (("*.csv", "countries/*.csv"), True),
    ("cow-diplomatic-exchange-2006", ""): (("Diplomatic_Exchange_2006v1.csv",), True),
    ("atop-5.1", "members"): (("atop5_1m.csv",), True),
    ("atop-5.1", "alliances"): (("atop5_1a.csv",), True),
    ("atop-5.1", "dyad-years"): (("atop5_1_ddyr_peacesciencer.csv",), True),
    ("unga-votes-voeten", "votes"): (("UNVotesPublished_votes.csv",), True),
    ("unga-votes-voeten", "roll calls"): (("UNVotesPublished_rollcalls.csv",), True),
    ("unga-votes-voeten", "2021 roll calls"): (("un_roll_calls_2021.csv",), True),
    ("unga-votes-voeten", "2021 issues"): (("un_roll_call_issues_2021.csv",), True),
    ("wikidata-p530-codex", "statements"): (("p530_triples.csv",), True),
    ("wikidata-p530-codex", "negatives"): (("p530_negatives.csv",), True),
    ("wikidata-p530-codex", "entities"): (("p530_entities.csv",), True),
    ("wikidata-embassies-2022", ""): (("database_of_embassies.csv",), True),
}
#: GDELT: the Georgia files have a header, the raw sample has none, and its column-names file is
#: a header alone (nothing to read)
GDELT = {
    "gdelt-v1-georgia-2011-2012/*.csv": True,
    "gdelt-v1-raw-sample/events.csv": False,
    "gdelt-v2-rus-ukr-2022-04/*.csv": True,
}


def _table() -> list[tuple[str, str]]:
    """(first cell, last cell) of each row of the Real data table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Real data", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [(row.split(" | ")[0], row.rstrip(" |").split(" | ")[-1]) for row in rows[1:]]


def _lines(path: Path, header: bool) -> int:
    with path.open("rb") as stream:
        lines = sum(1 for line in stream if line.strip())
    return lines - (1 if header else 0)


def _number(text: str) -> int:
    return int(text.replace(",", ""))


pytestmark = pytest.mark.skipif(not SHARED_DATA.exists(), reason="../shared/data is not here")


def test_every_imported_dataset_has_a_row() -> None:
    folders = {f for first, _ in _table() for f in re.findall(r"`([a-z0-9.-]+)`", first)}
    expected = {folder for folder, _ in FILES} | {p.split("/")[0] for p in GDELT}
    assert expected <= folders


@pytest.mark.parametrize(("folder", "label"), sorted(FILES))
def test_each_figure_adds_up_and_reads_every_line(folder: str, label: str) -> None:
    [last] = [last for first, last in _table() if f"`{folder}`" in first]
    figures = {
        (m["label"] or "").strip(): m
        for m in (FIGURE.search(part) for part in last.split(";"))
        if m
    }
    figure = figures[label]
    read, parts = (
        _number(figure["read"]),
        [_number(figure[k]) for k in ("imported", "rejected", "filtered")],
    )
    assert read == sum(parts)
    patterns, header = FILES[folder, label]
    files = sorted({p for pattern in patterns for p in (SHARED_DATA / folder).glob(pattern)})
    assert files, (folder, patterns)
    assert read == sum(_lines(path, header) for path in files)


def test_gdelt_figure_reads_every_event_line() -> None:
    [last] = [last for first, last in _table() if "`gdelt-v1-georgia-2011-2012`" in first]
    figure = FIGURE.search(last)
    assert figure is not None
    read = _number(figure["read"])
    assert read == sum(_number(figure[k]) for k in ("imported", "rejected", "filtered"))
    lines = sum(
        _lines(path, header)
        for pattern, header in GDELT.items()
        for path in SHARED_DATA.glob(pattern)
    )
    assert read == lines
