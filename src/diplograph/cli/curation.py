"""``diplograph extract``: candidate ties and events of an article, for review."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from diplograph.cli.common import Output, app, console, options, output_format
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

__all__ = ["extract_command"]

FORMATS = ("table", "csv", "tsv", "turtle")


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
    output: Output = None,
) -> None:
    """Propose candidate ties and events from an article, each with its sentence."""
    from diplograph.curation.document import read_document
    from diplograph.curation.extract import SHEET_SUFFIXES, candidates_text, extract_source
    from diplograph.output import print_text, write_output

    fmt = output_format(fmt, output, SHEET_SUFFIXES, FORMATS)
    if Path(source).exists():
        read_document(Path(source))  # bad input fails before the store opens
    kg = options(ctx).kg()
    extraction = extract_source(kg.store, source)
    from diplograph.curation.extract.parse import unavailable

    if why := unavailable():
        console(stderr=True).print(f"note: {why}", markup=False)
    document, candidates = extraction.document, extraction.candidates
    if extraction.rejected:
        console(stderr=True).print(
            f"note: {counted(extraction.rejected, 'candidate')} rejected in an earlier review "
            f"{'was' if extraction.rejected == 1 else 'were'} left out."
        )
    if fmt == "table":
        _print_table(candidates, document.name)
        return
    text = candidates_text(extraction, kg.store, fmt, output)
    if output is not None:
        write_output(output, text)
        console(stderr=True).print(f"wrote {counted(len(candidates), 'candidate')} to {output}")
    else:
        print_text(text)


def _print_table(candidates: Sequence[object], name: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    from diplograph.curation.extract import Candidate

    table = Table(
        title=f"{counted(len(candidates), 'candidate')} from {escape(name)}",
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
