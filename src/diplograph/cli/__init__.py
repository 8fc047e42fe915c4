"""The ``diplograph`` command: thin command modules over the API, with readable errors.

Each module registers its commands on :data:`~diplograph.cli.common.app`; :func:`main` turns
user errors into one paragraph on stderr and exit status 2.
"""

from __future__ import annotations

import sys

from diplograph.cli import (
    curation,
    demo,
    facts,
    graph,
    importers,
    maps,
    network,
    query,
    serve,
    sources,
)
from diplograph.cli.common import (
    app,
    command,
    console,
    hoist_global_options,
    print_data_warnings,
)
from diplograph.errors import DiplographError

__all__ = ["app", "main"]

#: imported for their commands
_COMMAND_MODULES = (curation, demo, facts, graph, importers, maps, network, query, serve, sources)


def main() -> None:
    """Entry point: run the app and turn user errors into one paragraph and exit status 2.

    Global options given after the command are moved before it first (``query X --data f``).
    """
    print_data_warnings()
    try:
        root = command()
        root(args=hoist_global_options(sys.argv[1:], root), prog_name="diplograph")
    except DiplographError as error:
        from rich.markup import escape

        console(stderr=True).print(f"[bold red]error:[/bold red] {escape(str(error))}")
        sys.exit(2)
