"""``diplograph extract``: candidate ties and events of an article, for review."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diplograph.cli.common import app, console, options
from diplograph.errors import DataError

if TYPE_CHECKING:
    from diplograph.curation.extract import Candidate

__all__ = ["extract_command"]

FORMATS = ("table", "csv", "tsv", "turtle")
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".ttl": "turtle"}


@app.command("extract")
def extract_command(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            help="The article: a UTF-8 text file, or the sha256 hash (or d:doc-sha256-… IRI) of "
            "a source document in the store that has a local copy.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv (the tie-sheet layout) or turtle (candidate ties with their "
            "evidence chain); by default a table, or from the suffix of -o.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of the screen.", show_default=False
        ),
    ] = None,
) -> None:
    """Propose candidate ties and events from an article, each with its sentence."""
    from diplograph.curation.document import read_document
    from diplograph.curation.extract import extract
    from diplograph.curation.sheet import write_sheet
    from diplograph.output import check_output_path, print_text, write_output

    if fmt is None:
        fmt = _SUFFIXES.get(output.suffix.lower(), "") if output is not None else "table"
        if not fmt:
            raise DataError(
                f"Cannot tell the format of {str(output)!r} from its suffix; give --format "
                "(csv, tsv or turtle)."
            )
    if fmt not in FORMATS:
        raise DataError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt == "table" and output is not None:
        raise DataError("--output needs a file format (csv, tsv or turtle).")
    if output is not None:
        check_output_path(output)
    path = Path(source)
    document = read_document(path) if path.exists() else None  # bad input fails before the store
    kg = options(ctx).kg()
    if document is None:
        document = read_document(_stored_copy(kg.store, source))
    candidates = extract(document, kg.store)
    candidates = _not_rejected(candidates)
    if fmt == "table":
        _print_table(candidates, document.name)
        return
    if fmt == "turtle":
        from diplograph.curation.turtle import to_turtle

        text = to_turtle(candidates, document, kg.store, output)
    else:
        text = write_sheet((c.row() for c in candidates), delimiter="\t" if fmt == "tsv" else ",")
    if output is not None:
        write_output(output, text)
        console(stderr=True).print(f"wrote {len(candidates)} candidates to {output}")
    else:
        print_text(text)


def _stored_copy(store: object, name: str) -> Path:
    """The local copy of the source document ``name`` (a sha256 hash or its IRI) in the store."""
    import re

    from diplograph.store import Store

    match = re.search(r"([0-9a-f]{64})", name)
    if match is None or not isinstance(store, Store):
        raise DataError(
            f"{name}: no such file, and not the sha256 hash or IRI of a source document."
        )
    sha = match.group(1)
    query = (
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>\n"
        "SELECT ?copy ?graph WHERE { GRAPH ?graph { ?doc dipl:sha256 ?sha ; "
        'dipl:localCopy ?copy } FILTER(?sha = "' + sha + '") }'
    )
    _, rows = store.select_values(query)
    from diplograph.paths import graph_dir

    for copy, _graph in rows:
        candidate = graph_dir() / str(copy)
        if candidate.is_file():
            return candidate
    raise DataError(
        f"{name}: the store has no source document with that hash and a local copy; give the "
        "path of the text file instead."
    )


def _print_table(candidates: Sequence[object], name: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    from diplograph.curation.extract import Candidate

    table = Table(
        title=f"{len(candidates)} candidates from {escape(name)}",
        title_justify="left",
        show_lines=True,
    )
    for column in ("line", "from", "type", "to", "status", "plover", "conf.", "quote"):
        table.add_column(column, overflow="fold")
    for c in candidates:
        assert isinstance(c, Candidate)
        extra = []
        if c.quantity is not None or c.quantity_max is not None:
            bound = "up to " if c.quantity_max is not None else ""
            extra.append(f"{bound}{c.quantity or c.quantity_max} {c.unit}")
        if c.negated:
            extra.append("negated")
        if c.attributed_to:
            extra.append(f"says {c.attributed_to}")
        kind = c.type + (f" ({', '.join(extra)})" if extra else "")
        table.add_row(
            str(c.line),
            escape(f"{c.source.label} [{c.source.code}]" if c.source else "-"),
            escape(kind),
            escape(f"{c.target.label} [{c.target.code}]" if c.target else "-"),
            c.status or "-",
            c.plover or "-",
            f"{c.confidence:.2f}",
            escape(c.quote),
        )
    console().print(table)


def _not_rejected(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates a reviewer has not rejected before (diplograph review remembers them)."""
    from diplograph.curation.facts import is_rejected, rejected_keys

    rejected = rejected_keys()
    kept = [c for c in candidates if not is_rejected(_text_row(c), rejected)]
    if len(kept) < len(candidates):
        console(stderr=True).print(
            f"note: {len(candidates) - len(kept)} candidates rejected in an earlier review were "
            "left out."
        )
    return kept


def _text_row(candidate: Candidate) -> dict[str, str]:
    """A candidate's sheet row as text, as a sheet file holds it."""
    from diplograph.curation.sheet import write_sheet

    lines = write_sheet([candidate.row()]).splitlines()
    return dict(zip(next(csv.reader([lines[0]])), next(csv.reader([lines[1]])), strict=True))
