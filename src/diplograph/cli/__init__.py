"""The ``diplograph`` command: thin command modules over the API, with readable errors.

Each module registers its commands on :data:`~diplograph.cli.common.app`; :func:`main` turns
user errors into one paragraph on stderr and exit status 2.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

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


#: the signal that interrupted the command, if one did
_interrupted: list[int] = []


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (what ``kill`` and service managers send) is handled as Ctrl-C is: the command
    stops where it is and undoes what it half-wrote (a load removes its graph) before it ends."""
    _interrupted.append(signum)
    raise KeyboardInterrupt


def main() -> None:
    """Entry point: run the app and turn user errors into one paragraph and exit status 2.

    Global options given after the command are moved before it first (``query X --data f``).
    Interrupted (Ctrl-C, SIGTERM), it ends with status 128 + the signal's number, as a shell
    expects, once it has cleaned up.
    """
    print_data_warnings()
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        root = command()
        root(args=hoist_global_options(sys.argv[1:], root), prog_name="diplograph")
    except DiplographError as error:
        from rich.markup import escape

        console(stderr=True).print(f"[bold red]error:[/bold red] {escape(str(error))}")
        sys.exit(2)
    except SystemExit:
        if _interrupted:
            sys.exit(128 + _interrupted[0])
        raise
