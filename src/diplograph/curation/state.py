"""What curation keeps for each store, and where: never a file another store shares.

A store's curation state is the sheet of ties added one at a time (``added-ties.csv``), the
candidates a reviewer rejected (``rejected.tsv``) and the copies of registered documents
(``sources/``). They live in ``curation/`` inside the store's own folder
(:meth:`~diplograph.store.Store.own_folder`: inside an on-disk store's folder, under the user
cache by address for an endpoint). A store that lives in this process (``memory``, ``rdflib``)
keeps them in this process: its rejected candidates in memory, its added-ties sheet in a
temporary folder removed with the store, no copies (a registered document's local copy is the
file it was registered from): nothing outlives it.

Versions before this one kept one ``added-ties.csv``, ``rejected.tsv`` and ``sources/`` in the
user data folder for every store. :func:`migrate` takes over, once per store, what of them
belongs to it (see there).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = [
    "ADDED_SHEET",
    "REJECTED_FILE",
    "CurationState",
    "legacy_folder",
    "migrate",
    "state_of",
]

ADDED_SHEET = "added-ties.csv"
REJECTED_FILE = "rejected.tsv"
_MIGRATED = ".migrated"


@dataclass
class CurationState:
    """Where one store's curation state is: its folder on disk, or this process (folder None:
    the rejected keys and added rows are held here)."""

    folder: Path | None
    rejected: set[tuple[str, ...]] = field(default_factory=set)
    scratch: Path | None = None

    @property
    def sources(self) -> Path | None:
        """The folder of registered documents' copies; None: no copies are made."""
        return None if self.folder is None else self.folder / "sources"

    @property
    def added_sheet(self) -> Path:
        """The added-ties sheet: in the folder, or in this process's scratch folder."""
        folder = self.folder or self.scratch
        assert folder is not None
        return folder / ADDED_SHEET

    @property
    def rejected_file(self) -> Path | None:
        return None if self.folder is None else self.folder / REJECTED_FILE

    def rejected_keys(self) -> set[tuple[str, ...]]:
        """The keys of every candidate rejected so far."""
        path = self.rejected_file
        if path is None:
            return set(self.rejected)
        if not path.is_file():
            return set()
        with path.open(encoding="utf-8", newline="") as stream:
            return {tuple(row) for row in csv.reader(stream, delimiter="\t") if row}

    def remember(self, keys: Iterable[tuple[str, ...]]) -> int:
        """Add rejected candidates' keys to the list; how many were new."""
        known = self.rejected_keys()
        new = [key for key in dict.fromkeys(keys) if key not in known]
        if not new:
            return 0
        path = self.rejected_file
        if path is None:
            self.rejected.update(new)
            return len(new)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
            writer.writerows(new)
        return len(new)


_IN_PROCESS: weakref.WeakKeyDictionary[Store, CurationState] = weakref.WeakKeyDictionary()


def state_of(store: Store) -> CurationState:
    """The curation state of ``store`` (migrated from the shared folders on first use)."""
    own = store.own_folder()
    if own is None:
        state = _IN_PROCESS.get(store)
        if state is None:
            scratch = Path(tempfile.mkdtemp(prefix="diplograph-curation-"))
            weakref.finalize(store, shutil.rmtree, scratch, ignore_errors=True)
            state = _IN_PROCESS[store] = CurationState(None, scratch=scratch)
        return state
    state = CurationState(own / "curation")
    migrate(store, state)
    return state


def legacy_folder() -> Path:
    """The user data folder older versions kept every store's curation files in."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("diplograph", appauthor=False))


_REGISTERED = "SELECT ?sha WHERE { ?document dipl:sha256 ?sha }"


def migrate(store: Store, state: CurationState, legacy: Path | None = None) -> list[str]:
    """Take over, once, the rejected candidates that older versions kept in the shared folder
    ``legacy`` and that belong to ``store`` (its documents'); what it did, in words. (The
    added-ties sheet is taken over by :mod:`diplograph.curation.facts`, which adds rows; document
    copies stay where they are: the store's documents name them by absolute path.) The shared
    files are left in place for the other stores that may hold some of them.
    """
    assert state.folder is not None
    marker = state.folder / _MIGRATED
    if marker.exists() or not store.writable:
        return []
    legacy = legacy or legacy_folder()
    done: list[str] = []
    old_rejected = legacy / REJECTED_FILE
    if old_rejected.is_file():
        with old_rejected.open(encoding="utf-8", newline="") as stream:
            keys = [tuple(row) for row in csv.reader(stream, delimiter="\t") if row]
        shas = sorted({key[0] for key in keys if key})
        held: set[str] = set()
        for start in range(0, len(shas), 500):
            batch = [Literal(sha) for sha in shas[start : start + 500]]
            held.update(str(row[0]) for row in store.query(_REGISTERED, {"sha": batch}).rows)
        mine = [key for key in keys if key and key[0] in held]
        if mine:
            state.remember(mine)
            done.append(f"{len(mine)} rejected candidates of its documents taken from {legacy}")
    state.folder.mkdir(parents=True, exist_ok=True)
    marker.write_text("\n".join(done) + "\n", encoding="utf-8")
    return done
