"""GDELT files as third parties write them: exported from R with row names (a header one name
shorter than the rows), with codes padded or stripped of their leading zeros, and with non-ASCII
text; the same events as the original.

``fixtures/datasets/gdelt-georgia-feb2012.csv`` is the header and 40 real rows of the Georgia
extract's February 2012 file (five of them with non-ASCII text), unchanged; the variants are made
from it here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

import diplograph
from diplograph.importers import import_files

from .conftest import FIXTURES

ORIGINAL = FIXTURES / "datasets" / "gdelt-georgia-feb2012.csv"


def _rows() -> tuple[list[str], list[list[str]]]:
    with ORIGINAL.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    return rows[0], rows[1:]


def _events(path: Path) -> tuple[Any, set[tuple[Any, ...]]]:
    kg = diplograph.open("memory")
    [report] = import_files(kg, "gdelt", [path])
    rows = kg.store.select_values(
        "SELECT ?code ?actor ?recipient ?day WHERE { ?e a dipl:DiplomaticEvent ;"
        " dipl:cameoEventCode ?code ; sem:hasTimeStamp ?day"
        " OPTIONAL { ?e dipl:actor ?actor } OPTIONAL { ?e dipl:recipient ?recipient } }"
    )[1]
    return report, {tuple(str(v) for v in row) for row in rows}


def _write_r_table(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """As R's ``write.table(sep=",")`` writes a data frame: quoted header without a name for
    the row names, each row starting with its quoted row name; NA bare."""
    out = io.StringIO()
    out.write(",".join(f'"{name}"' for name in header) + "\n")
    for number, row in enumerate(rows, start=1):
        cells = [f'"{number}"'] + [
            cell if cell == "NA" or cell.replace(".", "", 1).lstrip("-").isdigit() else f'"{cell}"'
            for cell in row
        ]
        out.write(",".join(cells) + "\n")
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def original() -> tuple[Any, set[tuple[Any, ...]]]:
    return _events(ORIGINAL)


def test_r_export_with_row_names_gives_the_same_events(
    tmp_path: Path, original: tuple[Any, set[tuple[Any, ...]]]
) -> None:
    header, rows = _rows()
    path = tmp_path / "feb2012-r.csv"
    _write_r_table(path, header, rows)
    report, events = _events(path)
    first, expected = original
    assert report.rejected == 0
    assert "written by R with row names" in report.form
    assert (report.read, report.imported, report.filtered) == (
        first.read,
        first.imported,
        first.filtered,
    )
    assert events == expected


def test_codes_with_leading_spaces_or_without_leading_zeros(
    tmp_path: Path, original: tuple[Any, set[tuple[Any, ...]]]
) -> None:
    header, rows = _rows()
    at = {name: n for n, name in enumerate(header)}
    changed = []
    for row in rows:
        row = list(row)
        for column in ("EventCode", "EventBaseCode", "EventRootCode"):
            row[at[column]] = f"  {int(row[at[column]])}"  # "042" read as 42, printed padded
        for column in ("Actor1Code", "Actor2Code", "Actor1CountryCode", "Actor2CountryCode"):
            if row[at[column]] != "NA":
                row[at[column]] = " " + row[at[column]]
        changed.append(row)
    path = tmp_path / "padded.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[cell if cell != "NA" else None for cell in row] for row in changed])
    text = path.read_text(encoding="utf-8").replace('""', "NA")
    path.write_text(text, encoding="utf-8")
    report, events = _events(path)
    first, expected = original
    assert report.rejected == 0, report.rejected_reasons
    assert report.imported == first.imported
    assert events == expected


def test_non_ascii_text_is_kept_as_written(original: tuple[Any, set[tuple[Any, ...]]]) -> None:
    report, _ = original
    assert report.rejected == 0
    kg = diplograph.open("memory")
    import_files(kg, "gdelt", [ORIGINAL])
    quotes = [
        str(q)
        for (q,) in kg.store.select_values(
            "SELECT ?q WHERE { ?s a dipl:SourceStatement ; dipl:quote ?q }"
        )[1]
    ]
    with ORIGINAL.open(encoding="utf-8") as stream:
        lines = stream.read().split("\n")
    wide = [line for line in lines if any(ord(c) > 127 for c in line)]
    assert len(wide) == 5
    imported = [line for line in wide if line in quotes]
    assert imported  # the rows that name a state are quoted character for character
    assert all(any(ord(c) > 127 for c in q) for q in imported)
