"""``diplograph query`` and ``diplograph queries``: run and list the named queries."""

from __future__ import annotations

from typing import Annotated

import typer

from diplograph.cli.common import (
    Output,
    Params,
    app,
    console,
    options,
    output_format,
    parse_params,
)
from diplograph.defaults import TABLE_ROWS
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

__all__ = ["list_named_queries", "query"]

#: output file suffix -> format, for ``-o FILE`` without ``-f``
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".json": "json",
    ".srj": "json",
    ".xml": "xml",
    ".srx": "xml",
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
}


@app.command()
def query(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="A query name (see 'diplograph queries') or a .rq/.sparql file."),
    ],
    param: Params = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv, json, xml (SELECT, ASK) or turtle, ntriples, jsonld "
            "(CONSTRUCT); by default a table, or from the suffix of -o.",
            show_default=False,
        ),
    ] = None,
    output: Output = None,
    rows: Annotated[
        int,
        typer.Option(
            "--rows",
            min=0,
            help="The most rows a table shows (0: all; a table of tens of thousands of rows "
            "takes minutes). The other formats write every row.",
        ),
    ] = TABLE_ROWS,
) -> None:
    """Run a named query or a .rq file and print its result."""
    from diplograph.output import print_text, write_output
    from diplograph.queries import FORMATS, find_query, format_result, render_table

    fmt = output_format(fmt, output, SUFFIX_FORMATS, FORMATS)
    named = find_query(name)  # before opening the store: a wrong name fails fast
    params = parse_params(param or [])
    for key in params:
        named.param(key)
    result = options(ctx).kg().query(named, **params)
    if fmt == "table":
        more = "--rows 0 shows them all; -f csv, tsv or json writes them in seconds"
        console().print(render_table(result, rows, more))
        return
    text = format_result(result, fmt)
    if output is not None:
        write_output(output, text)
        console(stderr=True).print(f"wrote {counted(len(result), 'result')} to {output}")
    else:
        print_text(text)


@app.command("queries")
def list_named_queries(
    checks: Annotated[bool, typer.Option("--checks", help="Also list the quality checks.")] = False,
) -> None:
    """List the named queries with their summaries and parameters."""
    from rich.markup import escape
    from rich.table import Table

    from diplograph.queries import list_queries

    table = Table(title="Named queries", title_justify="left", show_lines=True)
    table.add_column("name", no_wrap=True)
    table.add_column("summary")
    table.add_column("parameters")
    for named in list_queries(include_checks=checks):
        params = "\n".join(
            f"{p.name} ({p.type_spec})"
            + (f" = {p.default}" if p.default else "")
            + (f": {p.doc}" if p.doc else "")
            for p in named.params
        )
        table.add_row(escape(named.name), escape(named.summary), escape(params) or "-")
    every = list_queries()
    checks_count = sum(q.is_check for q in every)
    table.caption = f"{len(every) - checks_count} named queries" + (
        f" and {checks_count} checks" if checks else f"; --checks adds the {checks_count} checks"
    )
    table.caption_justify = "left"
    console().print(table)
