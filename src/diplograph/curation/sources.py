"""Register a source document: its hash, a local copy, and its sentences as numbered statements.

A registered document is a ``dipl:SourceDocument`` named by the SHA-256 of its bytes
(``d:doc-sha256-<hex>``), with a copy kept in the store's own sources folder (so quotes can be
checked long after the original moved; a store in memory makes none and names the original)
and one ``dipl:SourceStatement`` per sentence, numbered in reading order
(``d:stmt-<first 8 hex>-s01`` ...) with its line and exact text. Registering the same bytes again
gives the same nodes, so a sheet or an extraction can cite ``s07`` and mean the same sentence.
Metadata the user does not give (title, date, URL, publisher, language) stays unknown.

>>> split_sentences("One. Two!\\nThree? Four")
[(1, 'One.'), (1, 'Two!'), (2, 'Three?'), (2, 'Four')]
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef

from diplograph.curation.document import Document, read_document
from diplograph.curation.state import state_of
from diplograph.digest import sha256_hex
from diplograph.errors import DataError
from diplograph.iri import document_iri
from diplograph.namespaces import DCTERMS, DIPL, PROV, RDF, RDFS, SCHEMA, XSD, D
from diplograph.ntriples import triple
from diplograph.output import write_output
from diplograph.paths import graph_dir
from diplograph.store import Store

__all__ = [
    "Registered",
    "find_document",
    "read_text",
    "register",
    "sources_dir",
    "split_sentences",
    "statement_iri",
]

# a sentence ends with . ! or ? (and any closing quote or bracket) before a space and a capital,
# a digit or an opening quote: "Rabat's readiness. The decision" splits, "Maj. Gen." rarely occurs
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[A-Z0-9\"“‘(])")


def sources_dir(store: Store) -> Path | None:
    """Where ``store`` keeps registered documents' copies (its curation state's ``sources/``);
    None for a store in memory, which keeps none."""

    return state_of(store).sources


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(line number, sentence) in reading order; a sentence never spans two lines."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for sentence in _SENTENCE_END.split(line.strip()):
            if sentence.strip():
                found.append((number, sentence.strip()))
    return found


def read_text(path: Path) -> tuple[bytes, str]:
    """The bytes and text of a document; :class:`DataError` if missing, empty or not UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"{path}: cannot read the document ({error.strerror}).") from error
    if not raw.strip():
        raise DataError(f"{path}: the document is empty; there is nothing to register.")
    if b"\x00" in raw:
        raise DataError(f"{path}: this is a binary file, not a text document (UTF-8 text).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            f"{path}: not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8."
        ) from error
    return raw, text


def statement_iri(sha256: str, number: int) -> URIRef:
    """The statement node of sentence ``number`` (1-based) of the document with ``sha256``."""
    return D[f"stmt-{sha256[:8]}-s{number:02d}"]


@dataclass(frozen=True)
class Registered:
    """A registered document: its node, hash, copy and numbered sentences."""

    document: URIRef
    sha256: str
    copy: Path
    sentences: list[tuple[int, str]]


_STATED_IN = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?document a ?class } }"
_LABEL = "SELECT ?label WHERE { ?document rdfs:label ?label } LIMIT 1"


def register(
    store: Store,
    path: Path,
    *,
    title: str | None = None,
    published: date | None = None,
    url: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
) -> Registered:
    """Register the document at ``path`` in ``store`` (see the module docstring).

    The copy is written first and the triples loaded through the store as one graph, listed as
    the copy: registering the same document again replaces its graph.
    """
    raw, text = read_text(path)
    sha256 = sha256_hex(raw)
    sentences = split_sentences(text)
    document = URIRef(document_iri(sha256))
    folder = sources_dir(store)
    copy = path.resolve() if folder is None else folder / f"{sha256[:16]}-{path.name}"
    ours = {s.graph for s in store.sources() if s.source == copy.resolve().as_uri()}
    stated = store.query(_STATED_IN, {"document": document}).rows
    elsewhere = [str(row[0]) for row in stated if str(row[0]) not in ours]
    if elsewhere:
        label = store.query(_LABEL, {"document": document}).rows
        name = str(label[0][0]) if label else str(document)
        raise DataError(
            f"{path}: this document is already in the graph ({name}, SHA-256 {sha256[:12]}…); "
            "its sentences can be cited as they are."
        )
    if folder is not None and not copy.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_output(copy, raw)
    lines = [
        triple(document, RDF.type, DIPL.SourceDocument),
        triple(document, RDFS.label, Literal(title or f"Document {path.name}", lang="en")),
        triple(document, DIPL.sha256, Literal(sha256)),
        triple(document, DIPL.localCopy, Literal(str(copy.resolve()))),
        triple(document, DCTERMS.identifier, Literal(path.name)),
    ]
    if published is not None:
        lines.append(triple(document, SCHEMA.datePublished, Literal(published, datatype=XSD.date)))
    if url:
        lines.append(triple(document, SCHEMA.url, URIRef(url)))
    if publisher:
        lines.append(triple(document, SCHEMA.publisher, Literal(publisher)))
    if language:
        lines.append(triple(document, DCTERMS.language, Literal(language)))
    for number, (line, sentence) in enumerate(sentences, 1):
        statement = statement_iri(sha256, number)
        lines += [
            triple(statement, RDF.type, DIPL.SourceStatement),
            triple(statement, PROV.wasQuotedFrom, document),
            triple(statement, DIPL.lineNumber, Literal(line)),
            triple(statement, DIPL.quote, Literal(sentence)),
        ]
    with tempfile.TemporaryDirectory() as scratch:
        triples = Path(scratch) / "document.nt"
        triples.write_text("".join(lines), encoding="utf-8")
        store.load(triples, source=copy)
    return Registered(document, sha256, copy, sentences)


_LOCAL_COPY = """
SELECT ?copy WHERE { ?document dipl:sha256 ?sha ; dipl:localCopy ?copy }"""


def find_document(store: Store, name: str | Path) -> Document:
    """The document ``name`` names: a UTF-8 text file, or the sha256 hash (``sha256:HEX``, or
    the ``d:doc-sha256-…`` IRI) of a registered document whose local copy is still there.
    :class:`DataError` naming it otherwise."""
    path = Path(name)
    if path.exists():
        return read_document(path)
    match = re.search(r"([0-9a-f]{64})", str(name))
    if match is None:
        raise DataError(
            f"{name}: no such file, and not the sha256 hash or IRI of a source document."
        )

    rows = store.query(_LOCAL_COPY, {"sha": Literal(match.group(1))}).rows
    for (copy,) in rows:
        candidate = graph_dir() / str(copy)  # built-in copies are relative to graph/
        if candidate.is_file():
            return read_document(candidate)
    raise DataError(
        f"{name}: the store has no source document with that hash and a local copy; give the "
        "path of the text file instead."
    )
