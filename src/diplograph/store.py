"""Load the built-in ontology and graph, plus a user's own RDF files, into one rdflib graph.

Every file is parsed on its own first, so a malformed file raises :class:`DataError` naming
the file, line and cause before anything is merged.

>>> graph = load_graph()
>>> len(graph) > 1000
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Dataset, Graph

from diplograph.errors import DataError
from diplograph.namespaces import bind_prefixes
from diplograph.paths import graph_dir, ontology_dir

__all__ = ["FORMATS", "builtin_files", "load_graph", "parse_file", "rdf_files", "shapes_graph"]

#: file suffix -> rdflib parser name
FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".n3": "n3",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".rdf": "xml",
    ".owl": "xml",
}
#: formats whose files may hold named graphs; their triples are merged into one graph
QUAD_FORMATS = {"trig", "nquads"}

SHAPES_FILE = "shapes.ttl"


def rdf_files(path: Path) -> list[Path]:
    """The RDF files at ``path``: the file itself, or every file with a known suffix below it."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS)
    if not path.exists():
        raise DataError(f"{path}: no such file or folder.")
    if path.suffix.lower() not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise DataError(f"{path}: unknown RDF format {path.suffix!r}; use one of {known}.")
    return [path]


def builtin_files() -> list[Path]:
    """The ontology, vocabularies and curated graph, without the SHACL shapes."""
    ontology = [p for p in rdf_files(ontology_dir()) if p.name != SHAPES_FILE]
    return ontology + rdf_files(graph_dir())


def _line_of(error: Exception, path: Path) -> int | None:
    """Best-effort 1-based line number of a parser error."""
    lines = getattr(error, "lines", None)  # rdflib's notation3 BadSyntax: 0-based line
    if isinstance(lines, int):
        return lines + 1
    if isinstance(error, json.JSONDecodeError):
        return error.lineno
    message = str(error)
    if match := re.search(r"line (\d+)", message):
        return int(match.group(1))
    if match := re.search(r"Invalid line: (.+)", message):  # N-Triples/N-Quads quote the line
        bad = match.group(1).strip()
        with path.open(encoding="utf-8", errors="replace") as stream:
            for number, line in enumerate(stream, 1):
                if line.strip() == bad:
                    return number
    return None


def _cause_of(error: Exception) -> str:
    why = getattr(error, "_why", None)  # BadSyntax keeps the reason apart from the context dump
    text = str(why if why else error).strip().splitlines()
    return text[0] if text else type(error).__name__


def parse_file(path: Path) -> Graph:
    """Parse one RDF file into a new graph; :class:`DataError` with file and line on failure."""
    parser = FORMATS.get(path.suffix.lower())
    if parser is None:
        raise DataError(f"{path}: unknown RDF format {path.suffix!r}.")
    try:
        if parser in QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=parser)
            graph = Graph()
            for s, p, o, _ in dataset.quads():
                graph.add((s, p, o))
            return graph
        return Graph().parse(path, format=parser)
    except OSError as error:
        raise DataError(f"{path}: cannot read the file ({error.strerror}).") from error
    except Exception as error:  # parsers raise many types; all mean the same to the user
        line = _line_of(error, path)
        where = f"{path}:{line}" if line else f"{path}"
        raise DataError(
            f"{where}: not valid {parser} ({_cause_of(error)}). Nothing was loaded."
        ) from error


def load_graph(extra: Sequence[Path | str] = (), *, builtin: bool = True) -> Graph:
    """The built-in ontology and graph (unless ``builtin=False``) merged with ``extra`` files.

    ``extra`` may name files (Turtle, N-Triples, JSON-LD, TriG, N-Quads, RDF/XML) or folders.
    All files are parsed before any is merged, so a bad file leaves nothing half-loaded.
    """
    files: list[Path] = builtin_files() if builtin else []
    for item in extra:
        files.extend(rdf_files(Path(item)))
    parsed = [parse_file(path) for path in files]
    return _merge(parsed)


def _merge(graphs: Iterable[Graph]) -> Graph:
    merged = bind_prefixes(Graph())
    for graph in graphs:
        merged += graph
    return merged


def shapes_graph() -> Graph:
    """The SHACL shapes in ``ontology/shapes.ttl``."""
    return parse_file(ontology_dir() / SHAPES_FILE)
