"""``diplograph render``: offline HTML relationship maps from the command line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from diplograph.cli import _console, _options, _parse_params, _write_atomically, app
from diplograph.errors import QueryError

__all__ = ["render"]

#: the default of --max-nodes: diplograph.render.DEFAULT_MAX_NODES (a test keeps them equal;
#: importing the render module here would slow down ``diplograph --help``)
MAX_NODES = 20_000


@app.command()
def render(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write.", show_default=False),
    ],
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="QUERY",
            help="A query name (see 'diplograph queries') or a .rq file; the map shows the "
            "ties its results mention.",
            show_default=False,
        ),
    ] = None,
    all_ties: Annotated[
        bool, typer.Option("--all", help="Map every tie in the graph instead of a query's.")
    ] = False,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A query parameter as name=value. Repeatable."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Only ties in force on this date (YYYY-MM-DD); undated ties are kept.",
            show_default=False,
        ),
    ] = None,
    max_nodes: Annotated[
        int,
        typer.Option(
            "--max-nodes",
            min=0,
            help="Draw at most this many actors, the most connected ones; 0 draws all.",
        ),
    ] = MAX_NODES,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The page title.", show_default=False),
    ] = None,
) -> None:
    """Write an offline, interactive HTML map of a query's ties (or of every tie)."""
    from diplograph.queries import find_query

    if (name is None) == (not all_ties):
        raise QueryError("Name one query to map, or pass --all to map every tie (not both).")
    params = _parse_params(param or [])
    if name is None:
        if params:
            raise QueryError("--param needs a query; --all maps every tie.")
    else:
        named = find_query(name)  # before loading the graph: a wrong name fails fast
        for key in params:
            named.param(key)
    if as_of is not None:
        try:
            date.fromisoformat(as_of)
        except ValueError:
            raise QueryError(f"--as-of {as_of!r}: write the date as YYYY-MM-DD.") from None
    if output.is_dir():
        raise typer.BadParameter(f"{output} is a folder; name the HTML file to write.")

    from diplograph.network import build_network
    from diplograph.render import render_map

    kg = _options(ctx).graph()
    network = build_network(kg, name, params, as_of)
    page = render_map(network, title=title, max_nodes=max_nodes or None)
    _write_atomically(output, page.html)
    from rich.markup import escape

    console = _console(stderr=True)
    if page.limited:
        console.print(
            f"[yellow]warning:[/yellow] the network has {page.total_nodes:,} actors and "
            f"{page.total_edges:,} ties; the map shows the {page.nodes:,} most connected actors "
            f"(--max-nodes {max_nodes}; 0 draws all)."
        )
    elif max_nodes == 0 and page.nodes > MAX_NODES:
        console.print(
            f"[yellow]warning:[/yellow] {page.nodes:,} actors may take a while to draw; "
            f"--max-nodes {MAX_NODES} would keep the most connected."
        )
    if page.nodes == 0:
        console.print("[yellow]note:[/yellow] no ties matched, so the map is empty and says so.")
    console.print(
        f"wrote a map of {page.nodes:,} actors and {page.edges:,} ties to {escape(str(output))}"
    )
