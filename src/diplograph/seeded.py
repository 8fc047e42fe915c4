"""igraph with a seeded random number generator: the same network always gives the same layout
and the same eigenvector.

igraph draws random numbers (a layout's start positions, ARPACK's start vector) from one
process-wide generator, Python's :mod:`random` module unless told otherwise. This module is the
one place that swaps it: for the block, a :class:`random.Random` of the given seed, under a lock
so that two threads never share or undo each other's generator; afterwards, the module again.

>>> import igraph
>>> with seeded_igraph(1):
...     first = igraph.Graph.Ring(5).layout_fruchterman_reingold().coords
>>> with seeded_igraph(1):
...     again = igraph.Graph.Ring(5).layout_fruchterman_reingold().coords
>>> first == again
True
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["seeded_igraph"]

_lock = threading.Lock()


@contextmanager
def seeded_igraph(seed: int) -> Iterator[None]:
    """Run the block with igraph drawing from ``random.Random(seed)`` (one thread at a time)."""
    import igraph

    with _lock:
        igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 (not cryptography)
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)
