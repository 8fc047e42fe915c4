"""RDF files: which formats, which files a path names, and parsing them with clear errors.

Every store parses with the same parser (Oxigraph's, through pyoxigraph): it is fast, it reads
Turtle, N-Triples, N-Quads, TriG, N3, RDF/XML and JSON-LD, and it never touches the network (a
JSON-LD file with a remote ``@context`` is refused with the file and the URL, not fetched).
Errors name the file and line: :class:`~diplograph.errors.DataError`.

>>> graph = read_graph([ontology_dir() / "shapes.ttl"])
>>> len(graph) > 100
True
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from diplograph.errors import DataError, DataWarning
from diplograph.namespaces import bind_prefixes
from diplograph.paths import data_root, graph_dir, ontology_dir
from diplograph.wording import counted

__all__ = [
    "FORMATS",
    "SHAPES_FILE",
    "builtin_files",
    "data_error",
    "data_root_relative",
    "ox_to_rdflib",
    "parse_quads",
    "rdf_files",
    "rdf_format",
    "read_graph",
    "shapes_graph",
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
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def _remote_context(path: Path) -> str | None:
    """The first remote ``@context`` URL in a JSON-LD file, if any."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    contexts = value if isinstance(value, list) else [value]
                    yield from (c for c in contexts if isinstance(c, str))
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    return next(walk(document), None)


def data_error(path: Path, error: BaseException, fmt: ox.RdfFormat | None = None) -> DataError:
    """A :class:`DataError` naming the file, the line and the cause of a parser's ``error``."""
    what = fmt.name if fmt is not None else "RDF"
    if isinstance(error, OSError) and not isinstance(error, SyntaxError):
        return DataError(f"{path}: cannot read the file ({error.strerror or error}).")
    message = str(error)
    if "LoadDocumentCallback" in message or "remote context" in message:
        url = _remote_context(path) or "a remote URL"
        return DataError(
            f"{path}: its JSON-LD @context is {url}, a remote document; diplograph never fetches "
            "one. Put the context inline in the file (or download it and refer to it inline). "
            "Nothing was loaded."
        )
    line = getattr(error, "lineno", None)
    if isinstance(error, SyntaxError):
        message = error.msg
        message = re.sub(r"^Parser error (at|between) line \d+[^:]*: ", "", message)
    if line is None and (match := re.search(r"line (\d+)", message)):
        line = int(match.group(1))
    where = f"{path}:{line}" if line else f"{path}"
    first = message.strip().splitlines()[0] if message.strip() else type(error).__name__
    return DataError(f"{where}: not valid {what} ({first}). Nothing was loaded.")


def parse_quads(path: Path) -> Iterator[ox.Quad]:
    """The quads of an RDF file, parsed by Oxigraph; :class:`DataError` on a bad file."""
    fmt = rdf_format(path)
    try:
        with path.open("rb") as stream:
            yield from ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError, OSError) as error:
        raise data_error(path, error, fmt) from error


class ProgressReader:
    """A binary file that reports how many bytes were read, for progress bars during loads."""

    def __init__(self, stream: IO[bytes], report: Any, total: int) -> None:
        self._stream = stream
        self._report = report
        self._total = total
        self._done = 0

    def read(self, size: int = -1) -> bytes:
        block = self._stream.read(size)
        self._done += len(block)
        self._report(self._done, self._total)
        return block

    def readable(self) -> bool:
        return True


def ox_to_rdflib(term: Any) -> Node:
    """A pyoxigraph term as the rdflib term of the same value."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:  # a plain string, as rdflib's parsers and SPARQL JSON give it
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def read_graph(paths: Iterable[Path]) -> Graph:
    """Parse files into one rdflib graph (named graphs merged); for shapes, checks and tests."""
    graph = bind_prefixes(Graph())
    for path in paths:
        graph.addN(
            (ox_to_rdflib(q.subject), ox_to_rdflib(q.predicate), ox_to_rdflib(q.object), graph)
            for q in parse_quads(path)
        )
    return graph


def shapes_graph() -> Graph:
    """The SHACL shapes in ``ontology/shapes.ttl``."""
    return read_graph([ontology_dir() / SHAPES_FILE])


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
