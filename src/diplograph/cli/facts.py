"""``diplograph add`` and ``diplograph review``: facts from a tie sheet, one tie, or a review."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diplograph.cli.common import app, console, escape, options
from diplograph.errors import DataError
from diplograph.wording import counted

if TYPE_CHECKING:
    from diplograph.curation.facts import Added

__all__ = ["add", "add_tie", "review"]

add_app = typer.Typer(
    help="Add facts with their evidence: a tie sheet (--sheet), or one tie (add tie).",
    invoke_without_command=True,
)
app.add_typer(add_app, name="add")

Reviewer = Annotated[
    str | None,
    typer.Option(
        "--reviewer",
        help="Who accepts the facts (recorded on each); by default your login name.",
        show_default=False,
    ),
]


def _report(added: Added, *, partial: bool) -> None:
    """Print what adding did: each problem as SHEET:LINE: reason, then what was written; exit
    status 2 when problems stopped it (nothing is written unless ``partial``)."""
    out = console(stderr=True)
    for problem in added.problems:
        out.print(f"[red]error:[/red] {escape(problem)}")
    if added.problems and not partial:
        out.print(
            f"Nothing was added: {len(added.problems)} of {counted(added.rows, 'row')} "
            f"{'has' if len(added.problems) == 1 else 'have'} problems "
            "(fix them, or add the others with --partial)."
        )
        raise typer.Exit(code=2)
    if added.loaded is None:
        out.print("No facts to add.")
        return
    out.print(
        f"added {counted(added.ties, 'tie')} and {counted(added.events, 'event')} from "
        f"{escape(str(added.sheet))} ({counted(added.loaded.triples, 'triple')})"
        + (f"; {counted(len(added.problems), 'row')} left out" if added.problems else "")
    )


@add_app.callback()
def add(
    ctx: typer.Context,
    sheet: Annotated[
        Path | None,
        typer.Option(
            "--sheet",
            help="A tie sheet (CSV or TSV, the layout of 'diplograph extract'). With a decision "
            "column, only rows marked accept are added and rejected ones are remembered.",
            show_default=False,
        ),
    ] = None,
    partial: Annotated[
        bool,
        typer.Option("--partial", help="Add the good rows even if some have problems."),
    ] = False,
    reviewer: Reviewer = None,
) -> None:
    """Add facts with their evidence chain; every row is checked first, nothing is half-written."""
    if ctx.invoked_subcommand is not None:
        return
    if sheet is None:
        raise DataError("Give a sheet (diplograph add --sheet FILE) or one tie (add tie ...).")
    from diplograph.curation.facts import add_sheet

    added = add_sheet(options(ctx).kg().store, sheet, partial=partial, reviewer=reviewer)
    if added.remembered:
        console(stderr=True).print(f"remembered {added.remembered} rejected rows")
    if added.undecided:
        console(stderr=True).print(
            f"[yellow]note:[/yellow] {added.undecided} rows have no decision (accept or "
            "reject) and were left for review."
        )
    _report(added, partial=partial)


@add_app.command("tie")
def add_tie(
    ctx: typer.Context,
    source_actor: Annotated[str, typer.Argument(metavar="FROM", help="An actor.")],
    target_actor: Annotated[str, typer.Argument(metavar="TO", help="The other actor.")],
    tie_type: Annotated[
        str, typer.Option("--type", help="The tie type, by its label.", show_default=False)
    ],
    document: Annotated[
        str,
        typer.Option(
            "--source",
            help="The document: sha256:HASH, its IRI, or its registered file.",
            show_default=False,
        ),
    ],
    line: Annotated[
        int | None, typer.Option("--line", help="The line of the sentence.", show_default=False)
    ] = None,
    quote: Annotated[
        str | None,
        typer.Option("--quote", help="The sentence (or a part of it).", show_default=False),
    ] = None,
    status: Annotated[str | None, typer.Option(help="pledged, active ...")] = None,
    begin: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    confidence: Annotated[str | None, typer.Option(help="0 to 1.")] = None,
    comment: Annotated[str | None, typer.Option(help="Why, what is left open.")] = None,
    reviewer: Reviewer = None,
) -> None:
    """Add one tie, citing a sentence of a registered document; kept in your added-ties sheet."""
    kg = options(ctx).kg()
    added = kg.add_tie(
        source_actor,
        target_actor,
        type=tie_type,
        source=document,
        line=line,
        quote=quote,
        status=status,
        begin=begin,
        end=end,
        confidence=confidence,
        comment=comment,
        reviewer=reviewer,
    )
    _report(added, partial=True)


@app.command()
def review(
    ctx: typer.Context,
    sheet: Annotated[Path, typer.Argument(help="A candidate sheet from 'diplograph extract'.")],
    reviewer: Reviewer = None,
) -> None:
    """Go through a candidate sheet row by row: accept, reject, edit or skip each.

    Decisions are written into the sheet's decision column as you go; at the end the accepted
    rows become facts (recording who accepted them and when) and rejected ones are remembered,
    so that extract does not propose them again.
    """
    from diplograph.curation.facts import read_sheet, remember_rejected
    from diplograph.curation.sheet import COLUMNS
    from diplograph.output import check_output_path, write_output

    check_output_path(sheet)
    rows = read_sheet(sheet)
    out = console()
    editable = ("from", "to", "type", "status", "begin", "end", "confidence", "comment")
    for index, row in enumerate(rows, 1):
        if row.get("decision"):
            continue
        out.print(
            f"\n[bold]{index}/{len(rows)}[/bold] line {escape(row.get('line'))}: "
            f"“{escape(row.get('quote'))}”"
        )
        out.print(
            f"  {escape(row.get('from') or '?')} — [bold]{escape(row.get('type'))}[/bold]"
            f" — {escape(row.get('to') or '?')}"
            + (f"  ({escape(row.get('status'))})" if row.get("status") else "")
            + (f"  confidence {escape(row.get('confidence'))}" if row.get("confidence") else "")
        )
        try:
            answer = typer.prompt("  [a]ccept, [r]eject, [e]dit, [s]kip, [q]uit", default="s")
        except typer.Abort:  # the input ended (Ctrl-D, or a pipe run dry): stop here
            out.print()
            break
        choice = answer.strip().lower()[:1]
        if choice == "q":
            break
        if choice == "e":
            for column in editable:
                row.values[column] = typer.prompt(f"    {column}", default=row.get(column))
            choice = "a"
        if choice in {"a", "r"}:
            row.values["decision"] = "accept" if choice == "a" else "reject"
            header = [*COLUMNS, "decision"]
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(header)
            writer.writerows([[r.values.get(c, "") for c in header] for r in rows])
            write_output(sheet, buffer.getvalue())
    accepted = [r for r in rows if r.get("decision") == "accept"]
    rejected = [r.values for r in rows if r.get("decision") == "reject"]
    remembered = remember_rejected(rejected)
    out.print(
        f"\n{len(accepted)} accepted, {len(rejected)} rejected ({remembered} newly remembered), "
        f"{len(rows) - len(accepted) - len(rejected)} left undecided."
    )
    if accepted:
        from diplograph.curation.facts import add_rows

        store = options(ctx).kg().store
        _report(add_rows(store, accepted, sheet, reviewer=reviewer), partial=False)
