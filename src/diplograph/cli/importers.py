"""``diplograph import DATASET FILES...`` (GDELT, COW states, peacekeeping, the diplomatic
datasets) and ``import aggregate``.

Each file is read row by row into the store as a source of its own (importing it again replaces
it), with a progress bar of rows read, imported, rejected and filtered and the rate; each run
prints ``read = imported + rejected + filtered`` per file, the reasons, and where the rejected
rows were written. Exit status 2 only when nothing could be read at all, or ``--strict`` stopped
at a bad row.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diplograph.cli.common import app, console, escape, options

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

if TYPE_CHECKING:
    from rich.console import Console

    from diplograph.importers import ImportReport

__all__ = ["import_app"]

import_app = typer.Typer(
    name="import",
    help="Import real datasets (GDELT events, COW states, UN peacekeeping, COW diplomatic "
    "exchange, ATOP alliances, UN votes, Wikidata relations and embassies) onto the graph's "
    "actors, streamed into the store, every row accounted for.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

Files = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILES...",
        help="Dataset files, or folders of them (their README files are left out).",
        show_default=False,
    ),
]
Strict = Annotated[
    bool,
    typer.Option("--strict", help="Stop at the first bad row (that file is not loaded)."),
]
RejectsFile = Annotated[
    Path,
    typer.Option(
        "--rejects",
        help="The CSV file rejected rows go to (dataset, file, line, reason, text); written "
        "only when a row is rejected.",
    ),
]
Period = Annotated[
    str,
    typer.Option("--period", help="The period aggregated ties span: year, month or day."),
]


def _run(
    ctx: typer.Context,
    dataset: str,
    files: list[Path],
    strict: bool,
    rejects: Path,
    *,
    issue: str | None = None,
    states: list[str] | None = None,
) -> int:
    """Import the files with a progress bar; print each report; return the rows read."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from diplograph.importers import StrictStop, dataset_files, import_files

    paths = dataset_files(dataset, files)  # a missing file fails before the store opens
    kg = options(ctx).kg()
    chosen = [str(kg.actor(name)) for name in states] if states else None
    out, err = console(), console(stderr=True)
    reports: list[ImportReport] = []
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("", total=1, counts="")

        def on_file(path: Path) -> None:
            bar.update(task, description=escape(path.name), completed=0, total=1, counts="")

        def progress(report: ImportReport, done: int, total: int) -> None:
            seconds = time.perf_counter() - started
            rate = sum(r.read for r in reports) + report.read
            bar.update(
                task,
                completed=done,
                total=max(total, 1),
                counts=f"read {report.read:,} · imported {report.imported:,} · rejected "
                f"{report.rejected:,} · filtered {report.filtered:,} · "
                f"{rate / max(seconds, 1e-9):,.0f} rows/s",
            )

        try:
            import_files(
                kg,
                dataset,
                paths,
                strict=strict,
                rejects=rejects,
                progress=progress,
                on_file=on_file,
                on_report=reports.append,
                issue=issue,
                states=chosen,
            )
        except StrictStop:
            _print_reports(out, reports, time.perf_counter() - started, rejects)
            raise
    _print_reports(out, reports, time.perf_counter() - started, rejects)
    return sum(r.read for r in reports)


def _print_reports(
    out: Console, reports: list[ImportReport], seconds: float, rejects: Path
) -> None:
    for report in reports:
        if report.problem:
            out.print(f"[yellow]{escape(report.summary())}[/yellow]")
            continue
        out.print(
            f"{escape(report.summary())}  [dim]({escape(report.form)}; {report.triples:,} "
            f"triples, {report.seconds:.1f} s, {report.rate:,.0f} rows/s)[/dim]"
        )
        for kind, reasons in (
            ("rejected", report.rejected_reasons),
            ("filtered", report.filtered_reasons),
        ):
            for reason, count in reasons.most_common(5):
                out.print(f"  {kind} {count:,}: {escape(reason)}")
    if len(reports) > 1:
        read = sum(r.read for r in reports)
        out.print(
            f"[bold]total[/bold] ({len(reports)} files): read {read:,} = imported "
            f"{sum(r.imported for r in reports):,} + rejected {sum(r.rejected for r in reports):,}"
            f" + filtered {sum(r.filtered for r in reports):,} in {seconds:.1f} s "
            f"({read / max(seconds, 1e-9):,.0f} rows/s)"
        )
    rejected = sum(r.rejected for r in reports) + sum(1 for r in reports if r.problem)
    if rejected:
        out.print(f"rejected rows and files are listed in {escape(str(rejects))}")


def _finish(read: int) -> None:
    if read == 0:
        console(stderr=True).print("[bold red]error:[/bold red] nothing could be read.")
        raise typer.Exit(code=2)


@import_app.command("gdelt")
def gdelt(
    ctx: typer.Context,
    files: Files,
    strict: Strict = False,
    rejects: RejectsFile = Path("rejects.csv"),
    aggregate: Annotated[
        bool,
        typer.Option(
            "--aggregate/--no-aggregate",
            help="Then summarise all event records into one tie per actor pair, quad class "
            "and period (what maps and analyze show).",
        ),
    ] = True,
    period: Period = "month",
) -> None:
    """GDELT events: one record per row on the graph's actors, then aggregated ties.

    Native tab-separated exports of GDELT 1.0 and 2.0 and CSV extracts, told apart by content.
    """
    read = _run(ctx, "gdelt", files, strict, rejects)
    if aggregate and read:
        _aggregate(ctx, period)
    _finish(read)


@import_app.command("cow-states")
def cow_states(
    ctx: typer.Context,
    files: Files,
    strict: Strict = False,
    rejects: RejectsFile = Path("rejects.csv"),
) -> None:
    """COW state-system membership (states2016.csv): each state's existence, spell by spell."""
    _finish(_run(ctx, "cow-states", files, strict, rejects))


@import_app.command("peacekeeping")
def peacekeeping(
    ctx: typer.Context,
    files: Files,
    strict: Strict = False,
    rejects: RejectsFile = Path("rejects.csv"),
) -> None:
    """UN peacekeeping contributions (IPI): dated ties from states to missions, with numbers.

    Troops, police and experts per state, mission (or all missions) and month.
    """
    _finish(_run(ctx, "peacekeeping", files, strict, rejects))


@import_app.command("diplomatic-exchange")
def diplomatic_exchange(
    ctx: typer.Context,
    files: Files,
    strict: Strict = False,
    rejects: RejectsFile = Path("rejects.csv"),
) -> None:
    """COW Diplomatic Exchange: who represents whom at what level, snapshot by snapshot.

    A tie from sender to host per run of snapshots at one level; unknown between those that differ.
    """
    _finish(_run(ctx, "diplomatic-exchange", files, strict, rejects))


@import_app.command("atop")
def atop(
    ctx: typer.Context,
    files: Files,
    strict: Strict = False,
    rejects: RejectsFile = Path("rejects.csv"),
) -> None:
    """ATOP alliances: each alliance a node, memberships with their days and obligations.

    Member, alliance and dyad-year files of any release, told apart by their columns.
    """
    _finish(_run(ctx, "atop", files, strict, rejects))


@import_app.command("unga-votes")
def unga_votes(
    ctx: typer.Context,
    files: Files,
    strict: Strict = False,
    rejects: RejectsFile = Path("rejects.csv"),
    issue: Annotated[
        str | None,
        typer.Option(
            "--issue",
            help="Only the roll calls flagged with this issue: me (Palestinian conflict), nu "
            "(nuclear), di (disarmament), hr (human rights), co (colonialism), ec (economic "
            "development).",
        ),
    ] = None,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            help="Only the votes of this state (repeat it): the pairs among the states given.",
        ),
    ] = None,
) -> None:
    """UN General Assembly votes (Voeten): agreement of each pair of states, session by session.

    The roll-call table (rcid, session, date, issue flags) is read from beside the votes file.
    """
    _finish(_run(ctx, "unga-votes", files, strict, rejects, issue=issue, states=state))


@import_app.command("wikidata")
def wikidata(
    ctx: typer.Context,
    files: Files,
    strict: Strict = False,
    rejects: RejectsFile = Path("rejects.csv"),
) -> None:
    """Wikidata: diplomatic relations (P530) and embassies and consulates, on the same actors.

    P530 pairs become undated relations; each mission a node, each operator-host pair a tie.
    """
    _finish(_run(ctx, "wikidata", files, strict, rejects))


@import_app.command("aggregate")
def aggregate_command(ctx: typer.Context, period: Period = "month") -> None:
    """Summarise all event records again into one tie per actor pair, quad class and period.

    Run it after unloading event files; importing GDELT files runs it unless --no-aggregate.
    """
    _aggregate(ctx, period)


def _aggregate(ctx: typer.Context, period: str) -> None:
    from diplograph.importers import aggregate_events

    report = aggregate_events(options(ctx).kg().store, period)
    kept = f"; kept as {escape(str(report.file))}" if report.file else ""
    console().print(
        f"{escape(report.summary())}  [dim]({report.triples:,} triples, "
        f"{report.seconds:.1f} s{kept})[/dim]"
    )
