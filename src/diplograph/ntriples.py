"""RDF terms as N-Triples text: the one writer of IRIs and literals for importers, query binding
and the store.

Every term comes out as exactly one term, whatever the text in it: an IRI that could end early is
refused (:class:`TermError`), a literal's quotes, backslashes and control characters are escaped.
The same text is valid SPARQL, so :mod:`diplograph.store.binding` writes parameters with it too:
some SPARQL engines decode ``\\uXXXX`` anywhere in a query before parsing it, so a ``u`` right
after a value's own backslash is written ``\\U00000075``, which every reader takes as the letter.

>>> literal('say "hi"\\n'), literal("042"), literal("1.5", XSD_DECIMAL)[-9:]
('"say \\\\"hi\\\\"\\\\n"', '"042"', '#decimal>')
>>> iri("https://w3id.org/diplograph/id/isf")
'<https://w3id.org/diplograph/id/isf>'
>>> NT_DIPL.Tie
'<https://w3id.org/diplograph/ont#Tie>'
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from diplograph.errors import DataError
from diplograph.iri import IRI_CHARACTERS, IRI_PATTERN, is_iri
from diplograph.namespaces import DCTERMS, DIPL, ET, PROV, RDF, RDFS, SCHEMA, SEM, TT, XSD

__all__ = [
    "NT_DCTERMS",
    "NT_DIPL",
    "NT_ET",
    "NT_SCHEMA",
    "NT_SEM",
    "NT_TT",
    "NT_XSD",
    "PROV_DERIVED",
    "PROV_QUOTED",
    "RDFS_COMMENT",
    "RDFS_LABEL",
    "RDF_TYPE",
    "XSD_DATE",
    "XSD_DECIMAL",
    "XSD_INTEGER",
    "Minted",
    "TermError",
    "Terms",
    "iri",
    "iri_list",
    "literal",
    "term",
    "triple",
    "typed",
]


class TermError(DataError, ValueError):
    """A value that cannot be written as one RDF term (an IRI with a space, a bad language tag)."""


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')
_ESCAPES = {c: f"\\u{c:04X}" for c in range(0x20)} | {
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x7F: "\\u007F",
}
#: a backslash-u in a value: its u must not start an escape once the backslash is escaped
_BACKSLASH_U = re.compile(r"(?<=\\)([uU])")
_LANGUAGE = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")
#: datatype IRI or language tag -> its suffix, once checked (importers give the same few, often)
_datatypes: dict[str, str] = {}
_languages: dict[str, str] = {}
_KEPT = 256  # at most this many of each are kept


#: the characters _ESCAPES maps that text holds often (a row of a tab-separated file): replaced
#: one by one, which is some ten times faster than str.translate on a long text
_COMMON_ESCAPES = tuple((chr(c), _ESCAPES[c]) for c in map(ord, '\\"\n\r\t'))
#: the rest, rare: translated only when there
_RARE_ESCAPES = {c: e for c, e in _ESCAPES.items() if chr(c) not in '\\"\n\r\t'}
_RARE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escaped_part(text: str) -> str:
    for char, escape in _COMMON_ESCAPES:  # the backslash first, so that no escape is escaped
        if char in text:
            text = text.replace(char, escape)
    return text.translate(_RARE_ESCAPES) if _RARE.search(text) else text


def _escaped(text: str) -> str:
    """``text`` as the body of a double-quoted literal (see the module docstring)."""
    if "\\u" not in text and "\\U" not in text:
        return _escaped_part(text)
    parts = _BACKSLASH_U.split(text)  # text, u, text, U, text ...
    return "".join(
        _escaped_part(part) if index % 2 == 0 else f"\\U{ord(part):08X}"
        for index, part in enumerate(parts)
    )


def iri(text: str) -> str:
    """``text`` as ``<text>``; :class:`TermError` unless it is an absolute IRI that cannot end
    early (:func:`diplograph.iri.is_iri`)."""
    if not is_iri(text):
        raise TermError(
            f"{text!r} cannot be used as an IRI: it is not absolute, or it holds a space or one "
            'of <>"{}|^`\\.'
        )
    return f"<{text}>"


#: what may follow a checked prefix inside ``<…>``
_IRI_TAIL = re.compile(f"{IRI_CHARACTERS}*")
#: absolute IRIs, one space between two (as SPARQL's ``GROUP_CONCAT`` lists them)
_IRI_LIST = re.compile(f"{IRI_PATTERN.pattern}(?: {IRI_PATTERN.pattern})*")


class Minted:
    r"""The IRIs an importer mints under one prefix, as terms: the prefix is checked once, each
    suffix holds nothing that could end the IRI early (a number needs no check).

    >>> rows = Minted("https://w3id.org/diplograph/id/row-ab12-")
    >>> rows(7), rows("7b")
    ('<https://w3id.org/diplograph/id/row-ab12-7>', '<https://w3id.org/diplograph/id/row-ab12-7b>')
    >>> rows("7>")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    TermError: 'https://w3id.org/diplograph/id/row-ab12-7>' cannot be used as an IRI ...
    """

    __slots__ = ("_open", "_prefix")

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix
        self._open = iri(prefix)[:-1]

    def __call__(self, suffix: str | int) -> str:
        if isinstance(suffix, str) and _IRI_TAIL.fullmatch(suffix) is None:
            return iri(self._prefix + suffix)  # raises TermError, naming the whole IRI
        return f"{self._open}{suffix}>"


def iri_list(text: str) -> list[str]:
    """Space-separated IRIs (a ``GROUP_CONCAT`` of IRIs) as terms, checked in one pass.

    >>> iri_list("urn:a urn:b")
    ['<urn:a>', '<urn:b>']
    """
    if not text:
        return []
    if _IRI_LIST.fullmatch(text) is None:
        return [iri(one) for one in text.split(" ")]  # raises TermError on the first bad one
    return [f"<{one}>" for one in text.split(" ")]


def literal(text: str, datatype: str | None = None, lang: str | None = None) -> str:
    """``text`` as a literal, with a datatype IRI or a language tag."""
    if _NEEDS_ESCAPE.search(text):
        text = _escaped(text)
    if datatype is not None:
        suffix = _datatypes.get(datatype)
        if suffix is None:
            suffix = "^^" + iri(str(datatype))
            if len(_datatypes) < _KEPT:
                _datatypes[datatype] = suffix
        return f'"{text}"{suffix}'
    if lang is not None:
        suffix = _languages.get(lang)
        if suffix is None:
            if not _LANGUAGE.match(lang):
                raise TermError(f"{lang!r} is not a language tag.")
            suffix = "@" + lang
            if len(_languages) < _KEPT:
                _languages[lang] = suffix
        return f'"{text}"{suffix}'
    return f'"{text}"'


XSD_INTEGER = str(XSD.integer)
XSD_DECIMAL = str(XSD.decimal)
XSD_DATE = str(XSD.date)


def typed(value: object, datatype: str) -> str:
    """A literal of a value that needs no escaping (a number, a date) and its datatype IRI.

    >>> typed(12, XSD_INTEGER)
    '"12"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    return f'"{value}"^^<{datatype}>'


def term(node: Identifier) -> str:
    """An rdflib IRI or literal as text; :class:`TermError` for a blank node or anything else."""
    if isinstance(node, URIRef):
        return iri(str(node))
    if isinstance(node, Literal):
        if node.language:
            return literal(str(node), lang=node.language)
        return literal(str(node), str(node.datatype) if node.datatype is not None else None)
    if isinstance(node, BNode):
        raise TermError("A blank node has no name to write; name the resource by its IRI.")
    raise TermError(f"{node!r} is not an RDF term.")


def triple(subject: Identifier, predicate: Identifier, value: Identifier) -> str:
    """One N-Triples line of rdflib terms."""
    return f"{term(subject)} {term(predicate)} {term(value)} .\n"


class Terms:
    """The N-Triples forms of a namespace's terms, checked by the namespace once and then kept:
    ``NT_DIPL.fromActor`` is ``'<https://w3id.org/diplograph/ont#fromActor>'`` (a misspelt
    term of a strict namespace fails, as ``DIPL.fromActr`` does)."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        written = iri(str(self._namespace[name]))
        setattr(self, name, written)  # the next lookup is a plain attribute
        return written


NT_DIPL = Terms(DIPL)
NT_SEM = Terms(SEM)
NT_SCHEMA = Terms(SCHEMA)
NT_XSD = Terms(XSD)
NT_DCTERMS = Terms(DCTERMS)
NT_TT = Terms(TT)
NT_ET = Terms(ET)
RDF_TYPE = iri(str(RDF.type))
RDFS_LABEL = iri(str(RDFS.label))
RDFS_COMMENT = iri(str(RDFS.comment))
PROV_DERIVED = iri(str(PROV.wasDerivedFrom))
PROV_QUOTED = iri(str(PROV.wasQuotedFrom))
