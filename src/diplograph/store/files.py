"""RDF files: which formats diplograph reads, and which files a path names.

Parsing them is :mod:`~diplograph.store.parsing`'s.

>>> rdf_format(Path("facts.ttl")).name, [p.name for p in builtin_files()][:1]
('Turtle', ['diplo.ttl'])
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from diplograph.errors import DataError, DataWarning
from diplograph.paths import data_root, graph_dir, ontology_dir
from diplograph.wording import counted

__all__ = [
    "FORMATS",
    "QUAD_FORMATS",
    "SHAPES_FILE",
    "builtin_files",
    "data_root_relative",
    "expand",
    "rdf_files",
    "rdf_format",
]

#: file suffix -> Oxigraph's format
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".n3": ox.RdfFormat.N3,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
#: formats whose files may hold named graphs; a file's named graphs are merged into its own graph
QUAD_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}

SHAPES_FILE = "shapes.ttl"


def rdf_format(path: Path) -> ox.RdfFormat:
    """The format of ``path`` by its suffix; :class:`DataError` for an unknown one."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(FORMATS))
        raise DataError(f"{path}: unknown RDF format {path.suffix!r}; use one of {known}.")
    return found


def rdf_files(path: Path) -> list[Path]:
    """The RDF files at ``path``: the file itself, or every file with a known suffix below it."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
    if not path.exists():
        raise DataError(f"{path}: no such file or folder.")
    rdf_format(path)
    return [path]


def builtin_files() -> list[Path]:
    """The ontology, vocabularies and curated graph, without the SHACL shapes."""
    ontology = [p for p in rdf_files(ontology_dir()) if p.name != SHAPES_FILE]
    return ontology + rdf_files(graph_dir())


def data_root_relative(path: Path) -> str:
    """``path`` relative to the built-in data folder, e.g. ``graph/seed-….ttl``."""
    try:
        return path.resolve().relative_to(data_root().resolve()).as_posix()
    except ValueError:
        return path.name


def expand(paths: Sequence[Path | str]) -> list[Path]:
    """Every RDF file named by ``paths`` (files, or folders searched recursively).

    A folder given by the user that holds no RDF file, or holds files of other suffixes that are
    skipped, gets a :class:`~diplograph.errors.DataWarning` naming it and the count: nothing is
    left out without a word. (Hidden files such as ``.gitignore`` are not counted.)
    """
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        found = rdf_files(path)
        if path.is_dir():
            _warn_about_folder(path, found)
        files.extend(found)
    return files


def _warn_about_folder(folder: Path, found: list[Path]) -> None:
    taken = set(found)
    skipped = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p not in taken
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    known = " ".join(sorted(FORMATS))
    suffixes = ", ".join(sorted({p.suffix.lower() or "(none)" for p in skipped}))
    if not found:
        what = f" ({counted(len(skipped), 'other file')}: {suffixes})" if skipped else ""
        message = f"{folder}: no RDF files in this folder{what}; known suffixes: {known}."
    elif skipped:
        message = (
            f"{folder}: {counted(len(skipped), 'file')} skipped, not RDF by their suffix "
            f"({suffixes}); {counted(len(found), 'RDF file')} read. Known suffixes: {known}."
        )
    else:
        return
    warnings.warn(message, DataWarning, stacklevel=4)
