"""The ``diplograph`` command: thin command modules over the API, with readable errors.

Each module registers its commands on :data:`~diplograph.cli.common.app`; :func:`main` turns
user errors into one paragraph on stderr and exit status 2.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
import threading
from types import FrameType
from typing import NoReturn

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
from diplograph.cli.hints import HINTS
from diplograph.errors import DiplographError, no_space, with_hint

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

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
        _fail(with_hint(error, HINTS))
    except OSError as error:  # what no command foresaw: a full disk, a device gone
        _fail(_unforeseen(error))
    except SystemExit as done:
        if _interrupted:
            sys.exit(128 + _interrupted[0])
        if done.code is None or isinstance(done.code, int):
            _end(done.code or 0)
        raise


def _end(status: int) -> None:
    """End the process now with ``status``, once the exit handlers have run (the store was
    closed when the command's context closed) and the output is flushed: the interpreter's
    teardown, which frees every module and object one by one, cost 70-150 ms of CPU after a
    query (some 20% of its whole process). Returns, leaving the interpreter to end as usual,
    when another thread is still working, the output cannot be flushed, or a profiler or tracer
    watches the process (``python -m cProfile`` writes its file after the command returns)."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not _MAIN):
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the interpreter's own ending reports it
        return
    os._exit(status)


_MAIN = threading.main_thread()


def _unforeseen(error: OSError) -> str:
    """One paragraph for an operating system error that reached the top."""
    reason = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename else ""
    if no_space(error):
        return (
            f"The device is full{where}: the command stopped, and what it had half-written was "
            "removed. Free some space and run it again."
        )
    return f"The command stopped: {reason}{where}."


def _fail(message: str) -> NoReturn:
    """Say ``message`` on stderr and end with status 2 (stdout is silenced first: after a
    failed write to it, the interpreter's own last flush would print a traceback)."""
    from rich.markup import escape

    try:
        sys.stdout.flush()  # what the command printed before it failed
    except (OSError, ValueError, AttributeError):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError, ValueError):
        console(stderr=True).print(f"[bold red]error:[/bold red] {escape(message)}")
    sys.exit(2)
