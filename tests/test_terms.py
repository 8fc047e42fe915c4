"""The one term writer, IRI helper, hasher and file writer that every layer shares."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from diplograph import ntriples
from diplograph.digest import sha256_file, sha256_hex
from diplograph.errors import OutputError, QueryError
from diplograph.iri import curie, is_iri, local_name, parse_iri, short
from diplograph.namespaces import XSD
from diplograph.output import AtomicFile, write_output
from diplograph.store.binding import sparql_term, substitute

AWKWARD = [
    "plain",
    'say "hi"',
    "back\\slash",
    "line\nbreak\r\ttab",
    "bell\x07 del\x7f nul\x00",
    'tab\t bell\x07 "q" back\\slash\x1f',  # common and rare escapes in one value
    "a\\u0041 is not A",  # a value's own backslash-u stays two characters
    "\\U0001F600 neither",
    "é 😀 \u2028 separator",
]


@pytest.mark.parametrize("text", AWKWARD, ids=repr)
def test_a_literal_reads_back_as_written(text: str) -> None:
    """Oxigraph's N-Triples parser gives back exactly the text, with a datatype or a language."""
    for written, expected in [
        (ntriples.literal(text), ox.Literal(text)),
        (ntriples.literal(text, lang="en-GB"), ox.Literal(text, language="en-gb")),
        (
            ntriples.literal(text, str(XSD.token)),
            ox.Literal(text, datatype=ox.NamedNode(str(XSD.token))),
        ),
    ]:
        line = f"<urn:s> <urn:p> {written} .\n".encode()
        (parsed,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
        assert parsed.object == expected


@pytest.mark.parametrize("text", AWKWARD, ids=repr)
def test_a_bound_literal_is_the_same_text_on_the_query_side(text: str) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(text)))
    query = f"SELECT ?s WHERE {{ ?s <urn:p> {sparql_term(Literal(text))} }}"
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [row["s"].value for row in solutions] == ["urn:s"]


@pytest.mark.parametrize(
    "bad", ["http://a> . <http://b", "http://a b", "urn:x\n", 'http://a"b', "no-scheme", ""]
)
def test_an_iri_that_could_end_early_is_refused(bad: str) -> None:
    assert not is_iri(bad)
    with pytest.raises(ntriples.TermError, match="cannot be used as an IRI"):
        ntriples.iri(bad)
    with pytest.raises(ntriples.TermError):
        ntriples.literal("x", datatype=bad)
    with pytest.raises(QueryError, match="cannot be used as an IRI"):
        sparql_term(URIRef(bad))
    with pytest.raises(QueryError, match="cannot be used as an IRI"):
        substitute("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(bad)})


@pytest.mark.parametrize("text", AWKWARD, ids=repr)
def test_a_substituted_constant_is_one_term_wherever_the_variable_stands(text: str) -> None:
    """The store's own queries on one graph put its name (or a literal) in place of a variable:
    each place gets exactly the term, and a ``?g`` in a string or an IRI is left alone."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(text)))
    query = 'SELECT ?s WHERE { ?s <urn:p> ?o FILTER(?o = ?value && "?value" != "") }'
    written = substitute(query, {"value": Literal(text)})
    assert written.count('"?value"') == 1
    solutions = store.query(written)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [row["s"].value for row in solutions] == ["urn:s"]


def test_substituting_a_variable_the_text_lacks_fails() -> None:
    with pytest.raises(QueryError, match="no variable other"):
        substitute("ASK { ?s ?p ?o }", {"other": URIRef("urn:x")})


def test_terms_that_have_no_text_form_are_refused() -> None:
    with pytest.raises(ntriples.TermError, match="language tag"):
        ntriples.literal("x", lang="en GB")
    with pytest.raises(ntriples.TermError, match="blank node"):
        ntriples.term(BNode())
    with pytest.raises(QueryError, match="blank node"):
        sparql_term(BNode())


def test_namespace_terms_are_written_once_and_checked() -> None:
    assert ntriples.NT_DIPL.fromActor == "<https://w3id.org/diplograph/ont#fromActor>"
    assert ntriples.RDF_TYPE == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    with pytest.raises(AttributeError, match="not in namespace"):
        _ = ntriples.NT_DIPL.fromActr


def test_iri_helpers_follow_one_rule() -> None:
    assert local_name("https://w3id.org/diplograph/ont#Tie") == "Tie"
    assert local_name("https://w3id.org/diplograph/vocab/tie-type/Command") == "Command"
    assert local_name("http://example.org/a/b/") == "b"
    assert local_name("urn:isbn") == "urn:isbn"
    assert curie("https://w3id.org/diplograph/vocab/tie-type/Command") == "tt:Command"
    assert curie("http://example.org/x") is None
    assert short("http://example.org/x") == "http://example.org/x"
    assert parse_iri("d:morocco") == "https://w3id.org/diplograph/id/morocco"
    assert parse_iri("<http://example.org/x>") == "http://example.org/x"
    assert parse_iri("http://example.org/a b") is None
    assert parse_iri("Morocco") is None


def test_the_hasher_reads_a_file_in_blocks(tmp_path: Path) -> None:
    data = os.urandom(3 * (1 << 20) + 17)
    path = tmp_path / "blob"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest() == sha256_hex(data)
    assert sha256_hex("é") == hashlib.sha256("é".encode()).hexdigest()


def test_the_file_writer_respects_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_output(tmp_path / "new.txt", "x")
        with AtomicFile(tmp_path / "streamed.csv", newline="") as out:
            out.stream.write("a,b\r\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "streamed.csv").stat().st_mode) == 0o640
    assert (tmp_path / "streamed.csv").read_bytes() == b"a,b\r\n"


def test_the_file_writer_keeps_an_existing_files_mode(tmp_path: Path) -> None:
    path = tmp_path / "kept.txt"
    path.write_text("old")
    path.chmod(0o600)
    write_output(path, "new")
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "out.nt"
    path.write_text("old")

    def interrupted() -> None:
        with AtomicFile(path) as out:
            out.stream.write("half")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted()
    assert path.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.nt"]


def test_the_file_writer_never_replaces_a_non_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_output(fifo, "x")
    with pytest.raises(OutputError, match="not a regular file"):
        AtomicFile(Path(os.devnull))
    with pytest.raises(OutputError, match="is a folder"):
        AtomicFile(tmp_path)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
