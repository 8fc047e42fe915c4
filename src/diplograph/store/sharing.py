"""How a store's data is reached beyond this process: by the processes a command starts (the
server's workers), and by files derived from the data and kept beside it.

Each engine says for itself what applies to it; by default nothing does (the data lives in this
process only).
"""

from __future__ import annotations

import os
from pathlib import Path

from diplograph.digest import sha256_hex

__all__ = ["Shared"]


class Shared:
    """The defaults of a store whose data lives in this process only; engines that can be
    reached from elsewhere (a folder on disk, an endpoint) override them."""

    #: the store string it was opened with (see :class:`~diplograph.store.engine.Engine`)
    spec: str = ""

    def keep_lock(self) -> int | None:
        """Hand the store's lock over to the caller, who keeps it after :meth:`close`: the
        descriptor holding it, for the processes the caller starts to write to the store; None
        for a store without one (in memory, an endpoint)."""
        return None

    def own_folder(self) -> Path | None:
        """A folder of this store's own for files made from its data and kept beside it (the
        aggregated ties): inside the store's folder on disk, under the user cache for an
        endpoint (named by its address); None when the data lives in this process only."""
        if self.process_spec() is None:
            return None
        from platformdirs import user_cache_dir

        cache = os.environ.get("DIPLOGRAPH_CACHE") or user_cache_dir("diplograph", appauthor=False)
        name = sha256_hex(self.spec)[:16]
        return Path(cache) / "stores" / name

    def process_spec(self, *, writable: bool = False) -> str | None:
        """A store string another process can open to reach this store's data (read-only unless
        ``writable``), or None when the data lives in this process only, so that a forked child
        shares it: how ``diplograph serve`` gives its killable worker processes the store."""
        return None

    def state(self) -> str | None:
        """A token naming what the store holds now: every write through this seam, by this
        process or another, gives a new one, so that files derived from the data can be kept
        and known current (:mod:`diplograph.store.derived`). None when it cannot be told (a
        store in memory, an endpoint others may write to, a write in progress)."""
        return None
