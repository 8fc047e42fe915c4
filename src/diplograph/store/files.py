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

import functools
import json
import mmap
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path, PurePath
from typing import IO, TYPE_CHECKING, Any, overload
from xml.parsers import expat

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier, Node

from diplograph.errors import DataError, DataWarning
from diplograph.namespaces import XSD, bind_prefixes
from diplograph.paths import data_root, graph_dir, ontology_dir
from diplograph.wording import counted

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query, Update
    from rdflib.query import Result

__all__ = [
    "FORMATS",
    "SHAPES_FILE",
    "OxigraphGraph",
    "builtin_files",
    "cached_converter",
    "data_error",
    "data_root_relative",
    "first_triples",
    "ntriples_text",
    "ox_to_rdflib",
    "parse_quads",
    "rdf_files",
    "rdf_format",
    "read_graph",
    "shapes_graph",
    "term_too_long",
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
_XSD_STRING = str(XSD.string)


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


def cached_converter() -> Any:
    """pyoxigraph term -> rdflib term (as :func:`ox_to_rdflib`), remembering each term: results
    repeat actors, types and dates, and making an rdflib term (a Literal above all) is the slow
    part of a big result."""
    cache: dict[Any, Node] = {}

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        found = cache.get(term)
        if found is None:
            found = cache[term] = ox_to_rdflib(term)
        return found

    return convert


def _ox_term(term: Node | None) -> Any:
    """An rdflib term of a triple pattern as a pyoxigraph term; TypeError for other patterns."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(term.datatype) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise TypeError(f"no Oxigraph term for {term!r}")


@functools.cache
def _result_store_type() -> type[Any]:
    """The class of an :class:`OxigraphGraph`'s store, made on first use: oxrdflib loads
    rdflib's SPARQL engine, which no command needs until it reads a CONSTRUCT's graph."""
    import oxrdflib

    class _ResultStore(oxrdflib.OxigraphStore):
        """oxrdflib's rdflib store over a pyoxigraph store in memory, for :class:`OxigraphGraph`.

        It reads back the same rdflib terms as every other store (a plain string stays a
        plain :class:`~rdflib.Literal`, where oxrdflib gives an ``xsd:string`` one), counts
        without a query and leaves SPARQL on the graph to rdflib's engine, so that answers do
        not depend on the store.

        It may start with N-Triples not yet loaded (``pending``), loaded in Rust when the store
        is first used: counting and writing the triples out need no store (see
        :class:`OxigraphGraph`).
        """

        def __init__(self, name: ox.BlankNode) -> None:
            super().__init__(store=ox.Store())
            #: the graph's name in the pyoxigraph store
            self.name = name
            #: N-Triples of the graph, not loaded yet
            self.pending: bytes | None = None
            self._pending_sorted = False

        @property
        def _inner(self) -> ox.Store:
            store: ox.Store = super()._inner
            if self.pending is not None:
                data, self.pending = self.pending, None
                store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=self.name)
            return store

        def sorted_pending(self) -> bytes | None:
            """The pending N-Triples, one triple a line, sorted, each once; None once loaded."""
            if self.pending is not None and not self._pending_sorted:
                lines = set(self.pending.split(b"\n"))
                lines.discard(b"")
                self.pending = b"".join(line + b"\n" for line in sorted(lines))
                self._pending_sorted = True
            return self.pending

        def triples(
            self,
            triple_pattern: tuple[Node | None, Node | None, Node | None],
            context: Graph | None = None,
        ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph | None]]]:
            try:
                subject, predicate, object_ = (_ox_term(term) for term in triple_pattern)
                name = None if context is None else _ox_term(context.identifier)
                quads = self._inner.quads_for_pattern(subject, predicate, object_, name)
            except (TypeError, ValueError):  # no match: a literal subject, a variable, a path
                return iter(())
            return self._matches(quads, context)

        def _matches(
            self, quads: Iterator[ox.Quad], context: Graph | None
        ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph | None]]]:
            convert = cached_converter()
            graphs: dict[Any, Graph] = {}
            for quad in quads:
                graph = context
                if graph is None:
                    graph = graphs.get(quad.graph_name)
                    if graph is None:
                        name = quad.graph_name
                        identifier = (
                            DATASET_DEFAULT_GRAPH_ID
                            if isinstance(name, ox.DefaultGraph)
                            else convert(name)
                        )
                        graph = graphs[name] = Graph(store=self, identifier=identifier)
                triple = (convert(quad.subject), convert(quad.predicate), convert(quad.object))
                yield triple, iter((graph,))

        def __len__(self, context: Graph | None = None) -> int:
            pending = self.pending
            if pending is not None and (
                context is None or _ox_term(context.identifier) == self.name
            ):
                if self._pending_sorted:
                    return pending.count(b"\n")
                lines = set(pending.split(b"\n"))  # each triple once, without sorting them yet
                lines.discard(b"")
                return len(lines)
            # the store of an OxigraphGraph holds that graph alone: count its quads, not DISTINCT
            named = list(islice(self._inner.named_graphs(), 2))
            default = self._inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
            if next(default, None) is None and (
                not named
                or (
                    len(named) == 1
                    and (context is None or _ox_term(context.identifier) == named[0])
                )
            ):
                return len(self._inner)
            return super().__len__(context)

        def query(
            self,
            query: Query | str,
            initNs: Mapping[str, Any],
            initBindings: Mapping[str, Identifier],
            queryGraph: str,
            **kwargs: object,
        ) -> Result:
            raise NotImplementedError  # rdflib's engine answers, as on any rdflib graph

        def update(
            self,
            update: Update | str,
            initNs: Mapping[str, Any],
            initBindings: Mapping[str, Identifier],
            queryGraph: str,
            **kwargs: object,
        ) -> None:
            raise NotImplementedError

    return _ResultStore


#: rdflib format name -> the Oxigraph format an OxigraphGraph writes it in
_OXIGRAPH_WRITES = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "text/turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nt11": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


class OxigraphGraph(Graph):
    """An rdflib graph kept in a pyoxigraph store in memory: what CONSTRUCT and DESCRIBE give
    on Oxigraph.

    Filling it takes no Python work per triple (:meth:`from_ntriples` parses in Rust), and rdflib
    terms are made only when the graph is read (iterated, searched, compared). Otherwise it is an
    rdflib :class:`~rdflib.Graph` like any other: ``len``, iteration, ``triples``, ``add``,
    ``remove``, ``+=``, SPARQL (by rdflib's engine) and ``serialize``. Turtle, N-Triples, JSON-LD
    and RDF/XML are written by Oxigraph, subjects in order, with the bound prefixes the triples
    use; N-Triples come one triple a line, sorted. Other formats go through rdflib's writers.
    """

    def __init__(self) -> None:
        identifier = BNode()  # its own name, as every rdflib Graph()
        self._results: Any = _result_store_type()(ox.BlankNode(identifier))
        super().__init__(store=self._results, identifier=identifier)

    @classmethod
    def from_ntriples(cls, data: bytes) -> OxigraphGraph:
        """A graph of the triples in ``data`` (N-Triples, as Oxigraph writes query results),
        with diplograph's prefixes bound.

        Oxigraph loads them the first time the graph is read or changed; ``len`` and
        :meth:`serialize` take them as they are, one triple a line (Oxigraph's store would write
        a typed literal of a query's own, such as ``1.50``, in its canonical form ``1.5``).
        """
        graph = cls()
        graph._results.pending = data or None
        bind_prefixes(graph)
        return graph

    def sorted_ntriples(self) -> bytes:
        """The triples as N-Triples, one a line, in order (as sorted text)."""
        pending: bytes | None = self._results.sorted_pending()
        if pending is not None:
            return pending
        inner = self._results._inner
        dump = inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=self._results.name)
        lines = (dump or b"").split(b"\n")
        lines.pop()  # after the last line's end
        lines.sort()
        return b"\n".join(lines) + b"\n" if lines else b""

    def _written(self, fmt: ox.RdfFormat, base: str | None) -> bytes:
        data = self.sorted_ntriples()
        if fmt == ox.RdfFormat.N_TRIPLES:
            return data
        if fmt == ox.RdfFormat.RDF_XML and b"\\r" in data:
            # Oxigraph writes a carriage return as it is, which XML readers turn into a line feed;
            # rdflib writes &#13;
            raise ValueError("a literal with a carriage return")
        prefixes = {
            prefix: str(namespace)
            for prefix, namespace in self.namespaces()
            if b"<" + str(namespace).encode() in data  # only those in use, as rdflib writes them
        }
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)  # in order: subjects together
        return ox.serialize(triples, format=fmt, prefixes=prefixes, base_iri=base) or b""

    @overload
    def serialize(
        self, destination: None, format: str, base: str | None, encoding: str, **args: Any
    ) -> bytes: ...

    @overload
    def serialize(
        self,
        destination: None = ...,
        format: str = ...,
        base: str | None = ...,
        *,
        encoding: str,
        **args: Any,
    ) -> bytes: ...

    @overload
    def serialize(
        self,
        destination: None = ...,
        format: str = ...,
        base: str | None = ...,
        encoding: None = ...,
        **args: Any,
    ) -> str: ...

    @overload
    def serialize(
        self,
        destination: str | PurePath | IO[bytes],
        format: str = ...,
        base: str | None = ...,
        encoding: str | None = ...,
        **args: Any,
    ) -> Graph: ...

    @overload
    def serialize(
        self,
        destination: str | PurePath | IO[bytes] | None = ...,
        format: str = ...,
        base: str | None = ...,
        encoding: str | None = ...,
        **args: Any,
    ) -> bytes | str | Graph: ...

    def serialize(
        self,
        destination: str | PurePath | IO[bytes] | None = None,
        format: str = "turtle",
        base: str | None = None,
        encoding: str | None = None,
        **args: Any,
    ) -> bytes | str | Graph:
        """As :meth:`rdflib.Graph.serialize`; Oxigraph writes the formats it knows (see above).

        JSON-LD takes rdflib's ``indent``; other options, encodings but UTF-8 and URLs as
        destinations go to rdflib's writers.
        """
        fmt = _OXIGRAPH_WRITES.get(format)
        indent = args.pop("indent", None) if fmt == ox.RdfFormat.JSON_LD else None
        plain = fmt is not None and not args and encoding in (None, "utf-8", "utf8")
        url = isinstance(destination, str) and ":" in destination.split("/", 1)[0]
        if fmt is None or not plain or url:
            if indent is not None:
                args["indent"] = indent
            return super().serialize(destination, format, base, encoding, **args)
        try:
            data = self._written(fmt, base or self.base)
        except (ValueError, SyntaxError, OSError):  # e.g. a predicate RDF/XML cannot write
            if indent is not None:
                args["indent"] = indent
            return super().serialize(destination, format, base, encoding, **args)
        if indent is not None:
            data = json.dumps(json.loads(data), indent=indent, ensure_ascii=False).encode()
        if destination is None:
            return data if encoding is not None else data.decode("utf-8")
        if isinstance(destination, str | PurePath):
            Path(destination).write_bytes(data)
        else:
            destination.write(data)
        return self


def ntriples_text(graph: Graph) -> str:
    """The triples of ``graph`` as N-Triples, one a line, sorted.

    An :class:`OxigraphGraph` is written by Oxigraph (lexical forms as stored), other graphs by
    rdflib's N-Triples writer: either way a line break in a literal is ``\\n`` (``n3()`` would
    write a Turtle long string, which no N-Triples parser reads).
    """
    if isinstance(graph, OxigraphGraph):
        return graph.sorted_ntriples().decode("utf-8")
    written = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    # split at line feeds only: str.splitlines would also cut at a U+2028 inside a literal
    return "".join(sorted(line + "\n" for line in written.split("\n") if line))


def first_triples(graph: Graph, count: int) -> Graph:
    """A graph of the first ``count`` triples of ``graph``, with its prefixes: an
    :class:`OxigraphGraph`'s first in N-Triples order, cut as text (no term made for the rest).
    """
    if isinstance(graph, OxigraphGraph):
        lines = graph.sorted_ntriples().split(b"\n")[:count]
        return OxigraphGraph.from_ntriples(b"".join(line + b"\n" for line in lines if line))
    head = Graph()
    for prefix, namespace in graph.namespaces():
        head.bind(prefix, namespace)
    for triple in islice(graph, count):
        head.add(triple)
    return head


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
