"""The ``diplograph`` command: thin wrappers over the API, with readable errors.

Exit codes: 0 success, 1 validation found violations, 2 a usage or input error (malformed
file, unknown query, actor or parameter). Heavy libraries load inside the commands, so that
``diplograph --help`` is instant.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from diplograph.errors import DiplographError, QueryError

if TYPE_CHECKING:
    from rich.console import Console

    from diplograph.api import KnowledgeGraph

__all__ = ["app", "main"]

app = typer.Typer(
    name="diplograph",
    help="A knowledge graph of diplomatic relationships: query it, validate it, count it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass
class Options:
    """Global options, shared by every command."""

    data: list[Path] = field(default_factory=list)
    _graph: KnowledgeGraph | None = None

    def graph(self) -> KnowledgeGraph:
        if self._graph is None:
            from diplograph.api import load

            self._graph = load(self.data)
        return self._graph


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 160  # pipes and CI logs get a readable fixed width
    return Console(stderr=stderr, highlight=False, width=width)


def _options(ctx: typer.Context) -> Options:
    assert isinstance(ctx.obj, Options)
    return ctx.obj


@app.callback()
def _global(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Your own RDF facts (Turtle, N-Triples, JSON-LD, TriG; file or folder), added to "
            "the built-in graph. Repeatable.",
        ),
    ] = None,
) -> None:
    ctx.obj = Options(data=list(data or []))


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: write it as name=value.")
        params[name.strip()] = value
    return params


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so a failure leaves nothing behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)  # mkstemp makes 0600; give the usual mode
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@app.command()
def query(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="A query name (see 'diplograph queries') or a .rq file.")
    ],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as name=value. Repeatable."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, json or turtle.")
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of the screen."),
    ] = None,
) -> None:
    """Run a named query or a .rq file and print its result."""
    from diplograph.queries import find_query
    from diplograph.results import FORMATS, format_result, render_table

    if fmt not in FORMATS:
        raise QueryError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    named = find_query(name)  # before loading the graph: a wrong name fails fast
    params = _parse_params(param or [])
    for key in params:
        named.param(key)
    kg = _options(ctx).graph()
    result = kg.query(named, **params)
    if fmt == "table":
        if output is not None:
            raise QueryError("--output needs --format csv, json or turtle.")
        _console().print(render_table(result, kg.graph))
        return
    text = format_result(result, fmt)
    if output is not None:
        _write_atomically(output, text)
        _console(stderr=True).print(f"wrote {len(result)} results to {output}")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command("queries")
def list_named_queries(
    checks: Annotated[bool, typer.Option("--checks", help="Also list the quality checks.")] = False,
) -> None:
    """List the named queries with their summaries and parameters."""
    from rich.table import Table

    from diplograph.queries import list_queries

    table = Table(title="Named queries", title_justify="left", show_lines=True)
    table.add_column("name", no_wrap=True)
    table.add_column("summary")
    table.add_column("parameters")
    for named in list_queries(include_checks=checks):
        params = "\n".join(
            f"{p.name} ({p.type})"
            + (f" = {p.default}" if p.default else "")
            + (f": {p.doc}" if p.doc else "")
            for p in named.params
        )
        table.add_row(named.name, named.summary, params or "-")
    _console().print(table)


@app.command("validate")
def validate_graph(ctx: typer.Context) -> None:
    """Check the graph against the SHACL shapes and the violation queries."""
    from rich.table import Table

    kg = _options(ctx).graph()
    report = kg.validate()
    console = _console()
    if report.conforms:
        console.print(
            f"[green]valid[/green]: {len(kg)} triples pass {report.shapes_run} SHACL shapes and "
            f"{report.checks_run} checks."
        )
        return
    table = Table(title=f"{len(report.violations)} violations", title_justify="left")
    for column in ("focus", "path", "problem", "found by"):
        table.add_column(column, overflow="fold")
    for violation in report.violations:
        table.add_row(violation.focus, violation.path, violation.message, violation.origin)
    console.print(table)
    raise typer.Exit(code=1)


@app.command()
def stats(ctx: typer.Context) -> None:
    """Count triples, resources per class, ties per type and status, and sources."""
    from diplograph.results import render_table

    kg = _options(ctx).graph()
    numbers = kg.stats()
    console = _console()
    console.print(f"{numbers.triples} triples")
    for result in (numbers.classes, numbers.tie_types, numbers.sources):
        console.print(render_table(result, kg.graph))


@app.command()
def demo(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Folder for the outputs.")] = Path("out"),
) -> None:
    """Build the graph, validate it, run the showcase queries and write the outputs."""
    from diplograph.demo import run_demo

    code = run_demo(_options(ctx).graph(), out, _console())
    if code:
        raise typer.Exit(code=code)


def main() -> None:
    """Entry point: run the app and turn user errors into one paragraph and exit status 2."""
    try:
        app()
    except DiplographError as error:
        from rich.markup import escape

        _console(stderr=True).print(f"[bold red]error:[/bold red] {escape(str(error))}")
        sys.exit(2)


# The network-stage commands live in their own modules; importing them registers them on `app`.
from diplograph import cli_maps, cli_network  # noqa: E402, F401
