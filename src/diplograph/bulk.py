"""Building many Python objects at once, without the cyclic garbage collector's repeated passes.

Turning a big query result into rows, or rows into a network, makes hundreds of thousands of
tuples and dicts with no reference cycles. Each few hundred new objects start a collection that
walks the older ones again, which can take longer than the work itself (bench/README.md,
"Figures that were comments"). Reference counting still frees everything as usual.

The collector is the process's, so only the boundaries that own the process pause it: the
command line for the whole of a command (not ``serve``, whose own process runs no query), and a
server worker for each job. Library code never does: a notebook keeps its collector, and may
wrap its own big work in :func:`gc_paused`. ``tests/test_patches.py`` pins what this relies on
(a disabled collector starts no collection however many objects are made).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause cyclic garbage collection for the block; nests, and is safe across threads.

    The collector is switched back on when the last block open in any thread ends, and only if
    it was on when the first one began.

    >>> with gc_paused():
    ...     rows = [(n, str(n)) for n in range(100_000)]
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
