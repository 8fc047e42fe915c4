"""``diplograph demo``: build the graph, answer the showcase questions, write the outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from diplograph.cli.common import app, console, options

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

__all__ = ["demo"]


@app.command()
def demo(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="Folder for the outputs.")] = Path("out"),
) -> None:
    """Validate the graph, run the showcase queries and write the graph, answers and maps."""
    from diplograph.demo import run_demo

    code = run_demo(options(ctx).kg(), out, console())
    if code:
        raise typer.Exit(code=code)
