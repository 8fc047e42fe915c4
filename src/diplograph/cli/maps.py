"""``diplograph render``: offline HTML relationship maps from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from diplograph.cli.common import (
    AsOf,
    Events,
    Params,
    UndatedMode,
    UnsourcedMode,
    app,
    check_as_of,
    console,
    counted_edges,
    options,
    parse_params,
    warn_left_out,
)
from diplograph.defaults import MAX_NODES, NetworkOptions
from diplograph.errors import QueryError
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

__all__ = ["render"]


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
    param: Params = None,
    as_of: AsOf = None,
    undated: UndatedMode = "show",
    unsourced: UnsourcedMode = "show",
    events: Events = True,
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
    png: Annotated[
        Path | None,
        typer.Option(
            "--png",
            help="Also write the map's first view as a PNG at twice its size, with legend, "
            "title, period and sources (drawn in headless Chromium).",
            show_default=False,
        ),
    ] = None,
    svg: Annotated[
        Path | None,
        typer.Option(
            "--svg",
            help="Also write the map's first view as SVG (drawn in headless Chromium).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write an offline, interactive HTML map of a query's ties (or of every tie).

    The map draws one edge per pair of actors (direction and polarity); click one to open it
    into its ties. With --as-of, ties of unknown time on that date are drawn faded (--undated
    show), unsourced ties grey, and events double-dashed; the page's header counts each.
    """
    from diplograph.output import check_output_path
    from diplograph.queries import find_query

    if (name is None) == (not all_ties):
        raise QueryError("Name one query to map, or pass --all to map every tie (not both).")
    params = parse_params(param or [])
    if name is None:
        if params:
            raise QueryError("--param needs a query; --all maps every tie.")
    else:
        named = find_query(name)  # before loading the graph: a wrong name fails fast
        for key in params:
            named.param(key)
    check_as_of(as_of)
    check_output_path(output)
    for picture in (png, svg):
        if picture is not None:
            check_output_path(picture)
    if png is not None or svg is not None:
        from diplograph.maps.export import check_export

        check_export()  # before the network is built: no browser, no wait

    from diplograph.maps import write_map
    from diplograph.network import describe

    kg = options(ctx).kg()
    chosen = NetworkOptions(as_of, undated, unsourced, events)
    network = kg.network(name, options=chosen, **params)
    page = write_map(network, output, title=title, max_nodes=max_nodes or None)
    from rich.markup import escape

    warn_left_out(network)
    out = console(stderr=True)
    if page.limited:
        out.print(
            f"[yellow]warning:[/yellow] the network has {counted(page.total_nodes, 'actor')} "
            f"and {counted(page.total_edges, 'tie')}; the map shows the {page.nodes:,} most "
            "connected actors "
            f"(--max-nodes {max_nodes}; 0 draws all)."
        )
    elif max_nodes == 0 and page.nodes > MAX_NODES:
        out.print(
            f"[yellow]warning:[/yellow] {page.nodes:,} actors may take a while to draw; "
            f"--max-nodes {MAX_NODES} would keep the most connected."
        )
    if page.nodes == 0:
        asked = f"query {name}" if name else "the graph"
        if params:
            asked += " (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")"
        out.print(
            f"[yellow]warning:[/yellow] {escape(asked)} gave no ties to map, so the map is "
            "empty (it says so)."
        )
    if page.cut_pairs:
        out.print(
            f"[yellow]warning:[/yellow] too many ties for one page: it keeps the {page.pairs:,} "
            f"strongest pairs and leaves out {counted(page.cut_pairs, 'weaker pair')} "
            f"({counted(page.cut_edges, 'tie or event', 'ties and events')})."
        )
    out.print(
        f"wrote a map of {counted(page.nodes, 'actor')} and "
        f"{counted_edges(network, page.edges)} ({counted(page.pairs, 'pair')}) to "
        f"{escape(str(output))} ({escape('; '.join(describe(network)))})"
    )
    if (png is not None or svg is not None) and page.nodes:
        from diplograph.maps.export import export_views

        done = export_views(output, png=png, svg=svg)
        for path, size, what in (
            (done.png, done.png_bytes, "PNG (2×)"),
            (done.svg, done.svg_bytes, "SVG"),
        ):
            if path is not None:
                out.print(f"wrote the first view as {what} to {escape(str(path))} ({size:,} bytes)")
