"""Parsing RDF files, with clear errors: every store parses with the same parser.

The parser is Oxigraph's (through pyoxigraph): it is fast, it reads Turtle, N-Triples, N-Quads,
TriG, N3, RDF/XML and JSON-LD, and it never touches the network (a JSON-LD file with a remote
``@context`` is refused with the file and the URL, not fetched). A file whose shape would
exhaust memory is refused before the parser reads it (:func:`screen`). Errors name the file and
line: :class:`~diplograph.errors.DataError`.

>>> graph = read_graph([ontology_dir() / "shapes.ttl"])
>>> len(graph) > 100
True
"""

from __future__ import annotations

import json
import mmap
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import Graph

from diplograph.errors import DataError
from diplograph.namespaces import bind_prefixes
from diplograph.paths import ontology_dir
from diplograph.store.files import SHAPES_FILE, rdf_format
from diplograph.store.terms import ox_to_rdflib

__all__ = [
    "MAX_ENTITY_EXPANSION",
    "MAX_JSONLD_DEPTH",
    "MAX_XML_DEPTH",
    "ProgressReader",
    "data_error",
    "parse_quads",
    "read_graph",
    "screen",
    "shapes_graph",
    "term_too_long",
]


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


def term_too_long(error: BaseException) -> bool:
    """Whether ``error`` is Oxigraph's parser refusing one term over its buffer (16 MiB): bad
    input, not memory running out."""
    return isinstance(error, MemoryError) and "maximal size" in str(error)


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
    if term_too_long(error) and (limit := re.search(r"maximal size of (\d+)", message)):
        return DataError(
            f"{path}: one term (a literal or an IRI) is longer than {int(limit.group(1)):,} "
            f"bytes, the most the {what} parser holds at once. Nothing was loaded."
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


#: how deeply a JSON-LD file may nest objects: Oxigraph's JSON-LD parser takes memory growing
#: with the square of the depth, then crashes (figures: bench/README.md, "Faults")
MAX_JSONLD_DEPTH = 256


#: how deeply an RDF/XML file may nest elements (Oxigraph's time grows with the depth)
MAX_XML_DEPTH = 4096


#: how many bytes an RDF/XML file's entities may add to it, all their uses together (a
#: "billion laughs" file of under 1 KB expands to gigabytes: bench/README.md, "Faults"): far more
#: than entities for namespaces ever add
MAX_ENTITY_EXPANSION = 64 << 20


_JSON_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}]')


def screen(path: Path, fmt: ox.RdfFormat) -> None:
    """Refuse, before any parser reads it, a file whose shape would exhaust memory or that is
    not whole: RDF/XML that is truncated (Oxigraph takes unclosed elements at the end of the
    file as closed), declares external entities, or expands entities or nests elements past
    the limits above; JSON-LD that nests objects past :data:`MAX_JSONLD_DEPTH`.
    :class:`DataError` naming the file, the line and the limit."""
    if fmt == ox.RdfFormat.RDF_XML:
        _screen_xml(path)
    elif fmt == ox.RdfFormat.JSON_LD:
        _screen_json(path)


def _screen_json(path: Path) -> None:
    depth = 0
    try:
        with (
            path.open("rb") as stream,
            mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            for match in _JSON_TOKENS.finditer(data):
                token = match.group()
                if token == b"{":
                    depth += 1
                    if depth > MAX_JSONLD_DEPTH:
                        line = data[: match.start()].count(b"\n") + 1
                        raise DataError(
                            f"{path}:{line}: JSON-LD objects nested more than {MAX_JSONLD_DEPTH} "
                            "deep; diplograph reads no deeper (the parser's memory grows with "
                            "the square of the depth). Nothing was loaded."
                        )
                elif token == b"}":
                    depth -= 1
    except ValueError:  # mmap of an empty file: nothing to screen
        return
    except OSError as error:
        raise data_error(path, error) from error


class _XmlScreen:
    """Expat over an RDF/XML file, counting what entities add and how deep elements nest."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.EntityDeclHandler = self.entity
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.depth = 0
        self.expanded = 0  #: bytes of text and attribute values the parser handed over
        self.read = 0  #: bytes of the file read

    def fail(self, reason: str) -> None:
        line = self.parser.CurrentLineNumber
        raise DataError(f"{self.path}:{line}: not valid RDF/XML ({reason}). Nothing was loaded.")

    def entity(self, name: str, is_parameter: int, value: str | None, *rest: object) -> None:
        if value is None:  # SYSTEM or PUBLIC: a document elsewhere
            self.fail(
                f"the entity {name!r} names an external document; diplograph never fetches one"
            )

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            self.fail(f"elements nested more than {MAX_XML_DEPTH} deep; diplograph reads no deeper")
        self.count(sum(len(v) for v in attributes.values()))

    def end(self, name: str) -> None:
        self.depth -= 1

    def text(self, data: str) -> None:
        self.count(len(data))

    def count(self, size: int) -> None:
        self.expanded += size
        if self.expanded > self.read + MAX_ENTITY_EXPANSION:
            self.fail(
                f"its entities add more than {MAX_ENTITY_EXPANSION >> 20} MiB to it (an entity "
                "bomb?); diplograph reads no more"
            )

    def run(self) -> None:
        try:
            with self.path.open("rb") as stream:
                while block := stream.read(1 << 20):
                    self.read += len(block)
                    self.parser.Parse(block, False)
                self.parser.Parse(b"", True)
        except expat.ExpatError as error:
            self.fail(expat.ErrorString(error.code) if error.code else str(error))
        except OSError as error:
            raise data_error(self.path, error) from error


def _screen_xml(path: Path) -> None:
    _XmlScreen(path).run()


def parse_quads(path: Path) -> Iterator[ox.Quad]:
    """The quads of an RDF file, parsed by Oxigraph; :class:`DataError` on a bad file."""
    fmt = rdf_format(path)
    screen(path, fmt)
    try:
        with path.open("rb") as stream:
            yield from ox.parse(stream, format=fmt, base_iri=path.resolve().as_uri())
    except (SyntaxError, ValueError, OSError) as error:
        raise data_error(path, error, fmt) from error
    except MemoryError as error:
        if not term_too_long(error):
            raise
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
