"""IRIs as text: whether a string is one, its local name, its CURIE, and reading one a user typed.

One rule for each, used by every layer (names, maps, importers, curation, the CLI):

>>> local_name("https://w3id.org/diplograph/ont#Tie"), local_name("https://w3id.org/diplograph/id/isf")
('Tie', 'isf')
>>> curie("https://w3id.org/diplograph/id/morocco"), curie("https://example.org/x")
('d:morocco', None)
>>> short("https://example.org/x")
'https://example.org/x'
>>> parse_iri("tt:Command")
'https://w3id.org/diplograph/vocab/tie-type/Command'
"""

from __future__ import annotations

import re

from diplograph.namespaces import PREFIXES, D

__all__ = [
    "IRI_CHARACTERS",
    "IRI_PATTERN",
    "curie",
    "document_iri",
    "is_iri",
    "local_name",
    "parse_iri",
    "short",
]

#: the characters an IRI may hold after its scheme: none that could end it early in SPARQL,
#: Turtle or N-Triples (no space, control character, or any of < > " { } | ^ ` \\)
IRI_CHARACTERS = r"[^\x00-\x20<>\"{}|^`\\]"
#: an absolute IRI with nothing that could end it early in SPARQL, Turtle or N-Triples
IRI_PATTERN = re.compile(rf"[A-Za-z][A-Za-z0-9+.-]*:{IRI_CHARACTERS}*")


def is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI safe to write between ``<`` and ``>``.

    >>> is_iri("https://example.org/a"), is_iri("not an iri"), is_iri("urn:x>y"), is_iri("urn:x\\n")
    (True, False, False, False)
    """
    return IRI_PATTERN.fullmatch(text) is not None


def local_name(iri: str) -> str:
    """What follows the last ``#`` or ``/`` of ``iri`` (trailing ones ignored); ``iri`` itself
    when nothing does.

    >>> local_name("https://schema.org/"), local_name("urn:x")
    ('schema.org', 'urn:x')
    """
    text = str(iri)
    stripped = text.rstrip("/#")
    cut = max(stripped.rfind("/"), stripped.rfind("#"))
    return stripped[cut + 1 :] or text


def curie(iri: str) -> str | None:
    """``d:morocco`` for an IRI in one of diplograph's namespaces, else None."""
    text = str(iri)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return None


def short(iri: str) -> str:
    """The CURIE of ``iri`` where it has one, else the IRI: how messages and tables name it."""
    return curie(iri) or str(iri)


def parse_iri(text: str) -> str | None:
    """The IRI a user means by ``text``: an absolute IRI, ``<IRI>`` or a CURIE with one of
    diplograph's prefixes; None when it is none of them."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        expanded = PREFIXES[prefix] + local
        return expanded if is_iri(expanded) else None
    return text if is_iri(text) and local else None


def document_iri(sha256: str) -> str:
    """The IRI of the source document whose bytes have this SHA-256 (``d:doc-sha256-<hex>``),
    whoever registers, extracts or imports it."""
    return f"{D}doc-sha256-{sha256}"
