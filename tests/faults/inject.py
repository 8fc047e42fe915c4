"""Run ``diplograph`` and send it a signal at a chosen moment of its work (fault injection).

    python tests/faults/inject.py MOMENT SIGNAL [ARGS...]

runs ``diplograph ARGS`` in this process with one function wrapped so that, at MOMENT, the
process sends itself SIGNAL (KILL or TERM): a crash or a ``kill`` at exactly that point of a
real command, which then goes on (or not) as it would. The moments:

``bulk``        after the bulk loader took its second piece of a big N-Triples file (pieces of
                1 MiB here, so that a 5 MB file has several)
``committed``   right after a load (or reload) committed its graph, before any old copy is dropped
``dropping``    after the first batch of a big graph's drop (batches of 1,000 quads here)
``rows``        after an importer accepted its 50th row
``ties``        after an aggregation wrote its 20th tie
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any


def _fire(signum: int) -> None:
    os.kill(os.getpid(), signum)
    if signum == signal.SIGKILL:  # never reached; the kernel has the process already
        os._exit(137)


def _after(owner: Any, name: str, count: int, signum: int) -> None:
    """Wrap ``owner.name`` so that its ``count``-th call, once returned, fires ``signum``."""
    original = getattr(owner, name)
    calls = [0]

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        calls[0] += 1
        if calls[0] == count:
            _fire(signum)
        return result

    setattr(owner, name, wrapped)


def main() -> None:
    moment, which, *args = sys.argv[1:]
    signum = {"KILL": signal.SIGKILL, "TERM": signal.SIGTERM}[which]
    from diplograph.store import oxigraph

    if moment == "bulk":
        oxigraph.BULK_BYTES = oxigraph.BULK_PIECE = 1 << 20
        _after(oxigraph.OxigraphEngine, "_bulk_load_piece", 2, signum)
    elif moment == "committed":
        _after(oxigraph.OxigraphEngine, "_commit", 1, signum)
    elif moment == "dropping":
        oxigraph.DROP_BATCH = 1_000
        _after(oxigraph, "islice", 2, signum)  # the second batch is read once the first is gone
    elif moment == "rows":
        from diplograph.importers import base

        _after(base.Sink, "accept", 50, signum)
    elif moment == "ties":
        from diplograph.importers import aggregate

        _after(aggregate, "_tie", 20, signum)
    else:
        raise SystemExit(f"unknown moment {moment!r}")
    from diplograph.cli import main as diplograph

    sys.argv = ["diplograph", *args]
    diplograph()


if __name__ == "__main__":
    main()
