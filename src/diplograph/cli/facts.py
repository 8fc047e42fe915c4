"""``diplograph add`` and ``diplograph review``: facts from a tie sheet, one tie, or a review."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diplograph.cli.common import app, console, escape, options
from diplograph.errors import DataError, UnknownNameError
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

if TYPE_CHECKING:
    from diplograph.curation.facts import Added
    from diplograph.curation.sheet import SheetRow
    from diplograph.store import Store

__all__ = ["add", "add_actor", "add_tie", "review"]

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
#: the sentence a fact rests on, for `add tie` and `add actor`: its line, or words of it
SentenceLine = Annotated[
    int | None, typer.Option("--line", help="The line of the sentence.", show_default=False)
]
SentenceQuote = Annotated[
    str | None,
    typer.Option("--quote", help="The sentence (or a part of it).", show_default=False),
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
        "added "
        + (f"{counted(added.actors, 'actor')}, " if added.actors else "")
        + f"{counted(added.ties, 'tie')} and {counted(added.events, 'event')} from "
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
    line: SentenceLine = None,
    quote: SentenceQuote = None,
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


@add_app.command("actor")
def add_actor(
    ctx: typer.Context,
    label: Annotated[str, typer.Argument(help="The actor's label (English).")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="Its kind: state, intergovernmental organisation, multinational force, "
            "ad-hoc body, national armed forces, person, quasi-state actor.",
            show_default=False,
        ),
    ],
    document: Annotated[
        str,
        typer.Option(
            "--source",
            help="The document that introduces it: sha256:HASH, its IRI, or its registered file.",
            show_default=False,
        ),
    ],
    line: SentenceLine = None,
    quote: SentenceQuote = None,
    code: Annotated[
        str | None,
        typer.Option(help="ISO 3166 alpha-3 for a state, a CAMEO code (IGOAFU) otherwise."),
    ] = None,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name (repeat for more).")
    ] = None,
    comment: Annotated[str | None, typer.Option(help="What is left open.")] = None,
    reviewer: Reviewer = None,
) -> None:
    """Add one actor, citing the sentence that introduces it; kept in your added-ties sheet."""
    kg = options(ctx).kg()
    added = kg.add_actor(
        label,
        kind=kind,
        source=document,
        line=line,
        quote=quote,
        code=code,
        aliases=alias or (),
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

    Each row is known by its line in the sheet, shown with the article line of its sentence.
    An accepted or edited row is checked at once, with the rules of 'add --sheet', and a problem
    is shown on that row to be fixed there. A party that is not an actor of the graph can be
    created (an actor row, introduced by the row's sentence) or merged with an existing actor.
    Decisions are written into the sheet's decision column as you go; at the end the accepted
    rows become facts (recording who accepted them and when) and rejected ones are remembered
    in the store, so that extract does not propose them again.
    """
    from diplograph.curation.rejected import remember_rejected
    from diplograph.curation.sheet import read_sheet

    check_output_path_of(sheet)
    rows = read_sheet(sheet)
    store = options(ctx).kg().store
    session = _Review(store, sheet, rows)
    try:
        session.run()
    except typer.Abort:  # the input ended (Ctrl-D, or a pipe run dry): stop here
        console().print()
    accepted = [r for r in session.rows if r.get("decision") == "accept"]
    rejected = [r.values for r in session.rows if r.get("decision") == "reject"]
    remembered = remember_rejected(store, rejected)
    console().print(
        f"\n{len(accepted)} accepted, {len(rejected)} rejected ({remembered} newly remembered), "
        f"{len(session.rows) - len(accepted) - len(rejected)} left undecided."
    )
    if accepted:
        from diplograph.curation.facts import add_rows

        _report(add_rows(store, accepted, sheet, reviewer=reviewer), partial=False)


def check_output_path_of(sheet: Path) -> None:
    from diplograph.output import check_output_path

    check_output_path(sheet)


_EDITABLE = (
    "kind",
    "type",
    "from",
    "to",
    "status",
    "begin",
    "end",
    "quantity",
    "quantity_max",
    "unit",
    "confidence",
    "comment",
)


class _Quit(Exception):
    """The reviewer asked to stop."""


class _Review:
    """One review of a sheet: the prompts, and the sheet rewritten after each decision."""

    def __init__(self, store: Store, sheet: Path, rows: list[SheetRow]) -> None:
        self.store, self.sheet, self.rows = store, sheet, rows
        self.out = console()
        #: names of actors this review creates (folded) -> label
        self.created: dict[str, str] = {}
        for row in rows:
            if row.get("kind") == "actor" and row.get("decision") == "accept":
                self._remember_actor(row)

    def run(self) -> None:
        pending = [r for r in self.rows if not r.get("decision")]
        try:
            for left, row in enumerate(pending):
                self._one(row, len(pending) - left)
        except _Quit:
            return

    # ---------------------------------------------------------------- one row

    def _show(self, row: SheetRow, left: int) -> None:
        from diplograph.curation.review import trigger

        kind = row.get("kind") or "tie"
        why = trigger(row)
        codes = ", ".join(
            f"{name} {row.get(name.lower())}"
            for name in ("PLOVER", "CAMEO")
            if row.get(name.lower())
        )
        self.out.print(
            f"\n[bold]{escape(self.sheet.name)}:{row.line}[/bold] · article line "
            f"{escape(row.get('line') or '?')} · [bold]{escape(kind)}[/bold]"
            + (f" · trigger “{escape(why)}”" if why else "")
            + f"   ({left} left)"
        )
        self.out.print(f"  “{escape(row.get('quote'))}”")
        if kind == "actor":
            self.out.print(
                f"  new actor {escape(row.get('from'))} ({escape(row.get('type'))})"
                + (f" [{escape(row.get('from_code'))}]" if row.get("from_code") else "")
            )
            return
        quantity = row.get("quantity") or row.get("quantity_max")
        self.out.print(
            f"  {escape(row.get('from') or '?')} — [bold]{escape(row.get('type'))}[/bold]"
            f" — {escape(row.get('to') or '?')}"
            + (f"  ({escape(row.get('status'))})" if row.get("status") else "")
            + (f"  {escape(quantity)} {escape(row.get('unit'))}" if quantity else "")
            + (f"  confidence {escape(row.get('confidence'))}" if row.get("confidence") else "")
            + (f"  [dim]{escape(codes)}[/dim]" if codes else "")
        )

    def _one(self, row: SheetRow, left: int) -> None:
        from diplograph.curation.review import check_row

        self._show(row, left)
        while True:
            answer = typer.prompt("  [a]ccept, [r]eject, [e]dit, [s]kip, [q]uit", default="s")
            choice = answer.strip().lower()[:1]
            if choice == "q":
                raise _Quit
            if choice == "s":
                return
            if choice == "r":
                self._decide(row, "reject")
                return
            if choice == "e":
                self._edit(row)
                self._show(row, left)
            if choice in {"a", "e"}:
                if not self._actors_of(row):
                    continue
                problem = check_row(self.store, self.sheet, row, self._accepted())
                if problem is None:
                    self._decide(row, "accept")
                    if row.get("kind") == "actor":
                        self._remember_actor(row)
                    return
                self.out.print(
                    f"  [red]problem:[/red] {escape(problem.split(': ', 1)[1])} "
                    "(edit the row, reject or skip it)"
                )

    def _edit(self, row: SheetRow) -> None:
        from diplograph.curation.review import recode

        columns = ("type", "from", "from_code", "aliases") if row.get("kind") == "actor" else None
        for column in columns or _EDITABLE:
            old = row.get(column) or ("tie" if column == "kind" else "")
            new = typer.prompt(f"    {column}", default=old, show_default=True)
            if column == "kind" and new.strip() not in {"tie", "event"}:
                self.out.print("    [yellow]kind is tie or event; kept[/yellow]")
                new = old
            row.values[column] = new.strip()
        if row.get("kind") != "actor":
            recode(row.values)

    # ---------------------------------------------------------------- new actors

    def _actors_of(self, row: SheetRow) -> bool:
        """Settle each party of ``row`` that is not an actor yet: create it, merge it with an
        existing one, or go back to the row (False)."""
        from diplograph.curation.review import unknown_actors

        for column, name in unknown_actors(self.store, row, self.created):
            self.out.print(f"  {escape(repr(name))} ({column}) is not an actor of the graph.")
            while True:
                answer = typer.prompt(
                    "  [c]reate it, [m]erge with an existing actor, [b]ack to the row",
                    default="c",
                )
                choice = answer.strip().lower()[:1]
                if choice == "b":
                    return False
                if choice == "m" and self._merge(row, column):
                    break
                if choice == "c" and self._create(row, column, name):
                    break
        return True

    def _merge(self, row: SheetRow, column: str) -> bool:
        from diplograph.queries.names import display_names, resolve_actor

        name = typer.prompt("    the existing actor (label, alias or code)")
        try:
            iri = resolve_actor(self.store, name)
        except UnknownNameError as error:
            self.out.print(f"    [red]{escape(str(error))}[/red]")
            return False
        label = display_names(self.store, "actor").get(str(iri), name)
        row.values[column], row.values[f"{column}_code"] = label, ""
        row.values[f"{column}_country"] = ""  # the proposed party's country was another's
        self.out.print(f"    {column} is now {escape(label)}")
        return True

    def _create(self, row: SheetRow, column: str, name: str) -> bool:
        from diplograph.curation.review import actor_row, check_row, guess_kind

        label = typer.prompt("    label", default=name).strip()
        code_default = row.get(f"{column}_code")
        kind = typer.prompt(
            "    kind", default=guess_kind(label, code_default) or "intergovernmental organisation"
        ).strip()
        code = typer.prompt("    code", default=code_default, show_default=True).strip()
        aliases = typer.prompt("    aliases (separated by ;)", default="").strip()
        line = max(r.line for r in self.rows) + 1
        new = actor_row(row, line, label, kind, code, aliases)
        problem = check_row(self.store, self.sheet, new, self._accepted())
        if problem is not None:
            self.out.print(f"    [red]problem:[/red] {escape(problem.split(': ', 1)[1])}")
            return False
        new.values["decision"] = "accept"
        self.rows.append(new)
        self._remember_actor(new)
        row.values[column], row.values[f"{column}_code"] = label, code
        self._write()
        self.out.print(f"    created {escape(label)} ({escape(kind)}) as {self.sheet.name}:{line}")
        return True

    def _remember_actor(self, row: SheetRow) -> None:
        from diplograph.queries.names import normalise

        names = [row.get("from"), row.get("from_code"), *row.get("aliases").split(";")]
        for name in names:
            if name.strip():
                self.created[normalise(name.strip())] = row.get("from")

    # ---------------------------------------------------------------- the sheet

    def _accepted(self) -> list[SheetRow]:
        return [r for r in self.rows if r.get("decision") == "accept"]

    def _decide(self, row: SheetRow, decision: str) -> None:
        row.values["decision"] = decision
        self._write()

    def _write(self) -> None:
        from diplograph.curation.sheet import COLUMNS
        from diplograph.output import write_output

        header = [*COLUMNS, "decision"]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[r.values.get(c, "") for c in header] for r in self.rows])
        write_output(self.sheet, buffer.getvalue())
