"""Where the built-in ontology, graph and queries live: the repository, or the installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_root", "graph_dir", "ontology_dir", "queries_dir"]


def data_root() -> Path:
    """Folder holding ``ontology/``, ``graph/`` and ``queries/``.

    ``DIPLOGRAPH_HOME`` wins; then the repository this module sits in (a source checkout or an
    editable install); then the copy packed into the wheel under ``diplograph/_data``.
    """
    if home := os.environ.get("DIPLOGRAPH_HOME"):
        return Path(home)
    repository = Path(__file__).resolve().parents[2]
    if (repository / "ontology").is_dir() and (repository / "graph").is_dir():
        return repository
    return Path(__file__).resolve().parent / "_data"


def ontology_dir() -> Path:
    return data_root() / "ontology"


def graph_dir() -> Path:
    return data_root() / "graph"


def queries_dir() -> Path:
    return data_root() / "queries"
