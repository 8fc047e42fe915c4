"""``diplograph load``, ``unload``, ``sources``, ``dump``, ``stats`` and ``validate``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diplograph.cli.common import app, console, escape, options
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

if TYPE_CHECKING:
    from rich.console import Console

    from diplograph.validate import ValidationReport, Violation

__all__ = ["dump", "load", "sources", "stats", "unload", "validate_graph"]

#: rows of each of the tables of ``stats``: an import can bring thousands of source documents
STATS_ROWS = 50


@app.command()
def load(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES...",
            help="RDF files or folders (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML).",
            show_default=False,
        ),
    ],
    check: Annotated[
        bool,
        typer.Option(
            "--validate",
            help="Refuse the files (load none of them, exit 1) if the shapes, the evidence check "
            "or the checks find a problem in them.",
        ),
    ] = False,
) -> None:
    """Load files into the store, each into a graph of its own; loading a file again replaces it.

    A file that fails half way leaves the store exactly as it was.
    """
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from diplograph.store.files import expand

    files = expand(paths)  # a folder with no RDF files is warned about, with the suffixes
    if not files:
        console(stderr=True).print("[yellow]warning:[/yellow] nothing was loaded.")
        return
    kg = options(ctx).kg()
    out = console(stderr=True)
    if check:
        refused = [(path, report) for path, report in kg.check_files(files) if not report.conforms]
        for path, report in refused:
            out.print(f"[red]refused[/red] {escape(str(path))}:")
            _print_violations(out, report)
        if refused:
            out.print(
                f"Nothing was loaded: {len(refused)} of {counted(len(files), 'file')} "
                f"{'has' if len(refused) == 1 else 'have'} problems."
            )
            raise typer.Exit(code=1)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=out,
        transient=True,
        disable=not out.is_terminal,
    ) as progress:
        for path in files:
            task = progress.add_task(escape(path.name), total=path.stat().st_size)
            started = time.perf_counter()

            def advance(done: int, total: int, task: TaskID = task) -> None:
                progress.update(task, completed=done)

            loaded = kg.store.load(path, progress=advance)
            seconds = time.perf_counter() - started
            progress.remove_task(task)
            rate = f", {loaded.triples / seconds:,.0f} triples/s" if seconds > 0.5 else ""
            out.print(
                f"loaded {escape(str(path))}: {counted(loaded.triples, 'triple')} in "
                f"{seconds:.1f} s{rate}"
            )


@app.command()
def unload(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCES...",
            help="Loaded files, by path, file name or graph IRI (see 'diplograph sources').",
            show_default=False,
        ),
    ],
) -> None:
    """Remove loaded files from the store."""
    kg = options(ctx).kg()
    for source in sources:
        for removed in kg.unload(source):
            console(stderr=True).print(
                f"unloaded {escape(removed.source)} ({counted(removed.triples, 'triple')})"
            )


#: what ``sources`` calls a graph no file was loaded into
UPDATED = "(written by a SPARQL update)"
#: and a graph of a load (or reload, unload) that has not finished: running, or interrupted
UNFINISHED = "(unfinished: a load still running, or interrupted)"


@app.command("sources")
def sources(ctx: typer.Context) -> None:
    """List what the store holds: the built-in files and the files you loaded."""
    from rich.table import Table

    kg = options(ctx).kg()
    table = Table(
        title=f"Store {escape(kg.store.describe())}: {counted(len(kg.store), 'triple')}",
        title_justify="left",
    )
    for column in ("file", "triples", "loaded", "graph"):
        table.add_column(
            column, overflow="fold", justify="right" if column == "triples" else "left"
        )
    loaded = kg.sources()
    for source in loaded:
        name = f"(built-in) {source.title}" if source.builtin else source.source
        table.add_row(escape(name), f"{source.triples:,}", source.loaded[:19], source.graph)
    # what SPARQL updates (serve --allow-update) wrote is no file's, but queries see it too;
    # a graph of diplograph's own without its commit mark is a load not finished (yet)
    from diplograph.store.base import BUILTIN_GRAPH, SOURCE_GRAPH

    files = {source.graph for source in loaded}
    for graph in kg.store.graph_names():
        if graph not in files:
            size = kg.store.triples_in(graph)
            what = UNFINISHED if graph.startswith((SOURCE_GRAPH, BUILTIN_GRAPH)) else UPDATED
            table.add_row(what, f"{size:,}", "", escape(graph))
    own = kg.store.default_graph_ntriples().count("\n")
    if own:
        table.add_row(UPDATED, f"{own:,}", "", "(the default graph)")
    console().print(table)


@app.command()
def dump(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The N-Quads file to write.", show_default=False),
    ],
    builtin: Annotated[
        bool,
        typer.Option(
            "--builtin", help="Only the built-in ontology and graph (to load into a server)."
        ),
    ] = False,
) -> None:
    """Write the store's graphs as N-Quads (each file's triples in its named graph)."""
    from diplograph.output import check_output_path, write_output

    check_output_path(output)
    kg = options(ctx).kg()
    if builtin:
        chosen, own = [s.graph for s in kg.sources() if s.builtin], ""
    else:  # everything a query sees: what SPARQL updates wrote too, in or out of a named graph
        chosen, own = kg.store.graph_names(), kg.store.default_graph_ntriples()
    named = "".join(kg.store.dump_ntriples(chosen))
    write_output(output, own + named)
    unnamed = own.count("\n")
    console(stderr=True).print(
        f"wrote {counted(named.count(chr(10)), 'quad')} in {counted(len(chosen), 'graph')}"
        + (f" and {counted(unnamed, 'triple')} of the default graph" if unnamed else "")
        + f" to {escape(str(output))}"
    )


@app.command("validate")
def validate_graph(
    ctx: typer.Context,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="Run every check now, even when the store keeps a report for its present "
            "state (a store on disk keeps the last one made for its data).",
        ),
    ] = False,
) -> None:
    """Check the graph against the SHACL shapes and the violation queries (exit 1 if any fail)."""
    kg = options(ctx).kg()
    report = kg.validate(fresh=fresh)
    out = console()
    if report.kept:
        made = report.made.replace("T", " ").removesuffix("+00:00")
        out.print(
            f"[yellow]note:[/yellow] the report kept for this state of the store, made {made} "
            "UTC (the data unchanged since; --fresh runs the checks again)."
        )
    if report.sampled:
        sampled = sum(s for _, s, _ in report.sampled)
        total = sum(n for _, _, n in report.sampled)
        out.print(
            f"[yellow]note:[/yellow] of {counted(len(report.sampled), 'big file')} the SHACL "
            f"shapes saw {sampled:,} of {total:,} resources, each whole (the checks and the "
            "evidence check saw everything)."
        )
    for document in report.unchecked:
        out.print(
            f"[yellow]note:[/yellow] no local copy of {escape(document)}: its quotes went "
            "unchecked."
        )
    if report.conforms:
        triples = report.triples if report.triples is not None else len(kg)  # kept with it
        out.print(
            f"[green]valid[/green]: {counted(triples, 'triple')} pass "
            f"{counted(report.shapes_run, 'SHACL shape')}, {counted(report.checks_run, 'check')} "
            f"and the evidence check ({counted(report.quotes_checked, 'quote')} found verbatim "
            "on their lines)."
        )
        return
    _print_violations(out, report)
    raise typer.Exit(code=1)


def _print_violations(out: Console, report: ValidationReport) -> None:
    """The violations as a table: where (file:line), what, the rule that found it."""
    from rich.table import Table

    table = Table(title=counted(len(report.violations), "violation"), title_justify="left")
    for column in ("where", "focus", "path", "problem", "found by"):
        table.add_column(column, overflow="fold")
    for violation in sorted(report.violations, key=_where_key):
        table.add_row(
            escape(_short_where(violation.where)),
            escape(violation.focus),
            escape(violation.path),
            escape(violation.message),
            escape(violation.origin),
        )
    out.print(table)


def _where_key(violation: Violation) -> tuple[str, int, str, str]:
    path, _, line = violation.where.rpartition(":")
    if not line.isdigit():
        return (violation.where, 0, violation.focus, violation.origin)
    return (path, int(line), violation.focus, violation.origin)


def _short_where(where: str) -> str:
    """``file:line`` relative to the working folder when the file is below it."""
    try:
        path, _, line = where.rpartition(":")
        relative = Path(path).resolve().relative_to(Path.cwd())
        return f"{relative}:{line}"
    except ValueError:
        return where


@app.command()
def stats(ctx: typer.Context) -> None:
    """Count triples, resources per class, ties per type and status, and sources."""
    from diplograph.queries import render_table

    kg = options(ctx).kg()
    numbers = kg.stats()
    out = console()
    out.print(f"{counted(numbers.triples, 'triple')}")
    for result in (numbers.classes, numbers.tie_types, numbers.sources):
        more = f"diplograph query {result.query.name} -f csv lists them all"
        out.print(render_table(result, STATS_ROWS, more))
