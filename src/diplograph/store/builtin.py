"""The built-in graph: diplograph's ontology and graph files, kept current in every store.

Each built-in file has a graph named by its content hash, so a changed file gets a new graph and
the old one is dropped; opening a store writable loads what is missing or changed. A read-only
store cannot be fixed: it says what it lacks in its notes instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from diplograph.digest import sha256_hex
from diplograph.errors import StoreError
from diplograph.store.catalogue import BUILTIN_GRAPH, SOURCE_GRAPH, TEMPORARY_GRAPH, Catalogue
from diplograph.store.files import builtin_files, data_root_relative
from diplograph.wording import counted

__all__ = ["BuiltinGraphs"]

_LOADER_VERSION = "1"  # part of every built-in graph's name: bump to reload them all


class BuiltinGraphs(Catalogue):
    """A catalogue that keeps the built-in graph current; see the module docstring."""

    def ensure_builtin(self) -> None:
        """Load the built-in ontology and graph files that are missing or changed; drop old ones.

        Each built-in file's graph is named by its content hash, so a changed file gets a new
        graph and the old one is dropped. Also removes graphs of diplograph's that have no commit
        mark: what a load, reload or unload left when it was killed (a writer holds the store's
        lock, so no other process is writing them). Read-only, it says they are there instead.
        """
        expected: dict[str, Path] = {}
        for path in builtin_files():
            digest = sha256_hex(_LOADER_VERSION.encode() + path.read_bytes())
            expected[f"{BUILTIN_GRAPH}{digest[:16]}/{data_root_relative(path)}"] = path
        present = set(self._named_graphs())
        complete = {s.graph for s in self.sources()}
        unfinished = sorted(
            g for g in present if g.startswith((SOURCE_GRAPH, BUILTIN_GRAPH)) and g not in complete
        )
        stale = [
            g
            for g in present
            if (g.startswith(BUILTIN_GRAPH) and g in complete and g not in expected)
            or g.startswith(TEMPORARY_GRAPH)
        ]
        missing = [g for g in expected if g not in complete]
        if not stale and not missing and not unfinished:
            return
        if not self.writable:
            self._note_read_only(unfinished, missing, len(expected), complete)
            return
        self._remove_unfinished(unfinished)
        for graph in stale:
            self._drop_graph(graph)
        for graph in missing:
            path = expected[graph]
            self._load_into(path, graph, graph, data_root_relative(path), None)

    def _remove_unfinished(self, graphs: Sequence[str]) -> None:
        """Drop graphs an interrupted command left, saying so first (a big one takes a while)."""
        for graph in graphs:
            size = self._count(graph)
            self._tell(
                f"removing what an interrupted load, reload or unload left in {self.spec}: "
                f"graph {graph} ({counted(size, 'triple')})"
            )
            self._drop_graph(graph)

    def _note_read_only(
        self, unfinished: Sequence[str], missing: Sequence[str], expected: int, complete: set[str]
    ) -> None:
        """What a reader should know of a store it cannot fix: an unfinished load (another
        process's, running now, or an interrupted one), an older or missing built-in graph."""
        if unfinished:
            sizes = ", ".join(f"{g} ({counted(self._count(g), 'triple')})" for g in unfinished)
            answers = (
                "Sources, counts and query answers leave it out"
                if self._leave_out(unfinished)
                else "Sources leave it out; counts and query answers include what it holds"
            )
            self.notes.append(
                f"The store {self.spec} holds {counted(len(unfinished), 'unfinished graph')} "
                f"({sizes}): a load, reload or unload that another process is running, or that "
                f"was interrupted. {answers} until it is finished, or the store is next opened "
                "writable (which removes it)."
            )
        if not missing:
            return
        if any(g.startswith(BUILTIN_GRAPH) for g in complete):
            self.notes.append(
                f"The store {self.spec} is read-only and holds an older version of "
                f"diplograph's built-in graph ({len(missing)} of {expected} files "
                f"differ); answers use that version. {self._refresh_hint()}"
            )
            return
        raise StoreError(
            f"The store {self.spec} lacks diplograph's built-in graph and is read-only. "
            f"{self._refresh_hint()}"
        )

    def _leave_out(self, graphs: Sequence[str]) -> bool:
        """Leave ``graphs`` (a read-only open found them without their commit mark) out of
        counts and query answers, so that a reader sees a load, reload or unload whole or not at
        all; False where the engine cannot choose its dataset (it answers over every graph)."""
        return False

    def _refresh_hint(self) -> str:
        """How to give a read-only store the current built-in graph."""
        return (
            "Load a dump of it ('diplograph dump --builtin') with the server's own loader, or "
            "open the store with its update URL and diplograph loads it."
        )
