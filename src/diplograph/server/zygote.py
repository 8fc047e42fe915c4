"""The entry point of a spawned zygote, ``python -m diplograph.server.zygote FD SETTINGS``: the
process the server's workers are forked from when the store's data lives outside the server.

A module of its own, above both the worker pool (:mod:`~diplograph.server.workers`) and the jobs
it runs (:mod:`~diplograph.server.protocol`), so that neither of those imports the other.
"""

from __future__ import annotations

import sys

from diplograph.server.protocol import perform
from diplograph.server.workers import serve_zygote

__all__ = ["main"]


def main() -> None:
    serve_zygote(int(sys.argv[1]), sys.argv[2], perform)


if __name__ == "__main__":
    main()
