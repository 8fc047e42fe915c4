"""Bind query parameters the one way that gives the same answers on every engine.

A parameter's value is written as a ``VALUES`` block at the start of the query's WHERE group
(and of every sub-SELECT's group), never pasted into the text elsewhere and never appended after
the query. That is substitution: the variable has the value everywhere, so a bound variable that
sits in an OPTIONAL or a ``FILTER(!BOUND(?x))`` behaves the same on rdflib, Oxigraph and any
SPARQL endpoint (rdflib's ``initBindings`` only exists on rdflib; a ``VALUES`` after the query,
as rdflib's SPARQLStore sends it, changes such answers). Terms are written by :func:`sparql_term`,
which refuses anything that could end the term early, so a value can never change a query's shape.

>>> from rdflib import URIRef, Literal
>>> bind("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('say "hi"')})
'SELECT ?x WHERE { VALUES ?o { "say \\\\"hi\\\\"" } ?x ?p ?o }'
>>> query_form("PREFIX a: <http://a/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
'CONSTRUCT'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from diplograph.errors import QueryError

__all__ = [
    "QUERY_FORMS",
    "UPDATE_KEYWORDS",
    "SparqlText",
    "bind",
    "query_form",
    "scan",
    "sparql_term",
]

QUERY_FORMS = frozenset({"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"})
#: keywords that start an update operation; none of them may appear in a query
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*'''
              | "(?:[^"\\\n]|\\.)*"
              | '(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7-\uffff]+)
  | (?P<name>[A-Za-z_\u00c0-\uffff][\w\u00b7-\uffff.-]*(?::[^\s{}()\[\];,"'<>#]*)?
             | :[^\s{}()\[\];,"'<>#]*)
  | (?P<open>[{(])
  | (?P<close>[})])
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str | None:
        """The upper-cased word, if this is a bare word (not a prefixed name)."""
        if self.kind == "name" and ":" not in self.text:
            return self.text.upper()
        return None


def scan(text: str) -> list[Token]:
    """The tokens of ``text`` that matter for binding: comments, strings and IRIs are skipped."""
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in {"comment", "space"}:
            continue
        tokens.append(Token(kind, match.group(), match.start(), match.end()))
    return tokens


@dataclass(frozen=True)
class SparqlText:
    """What binding and safety checks need to know about a request's text."""

    form: str | None  #: SELECT, CONSTRUCT, ASK or DESCRIBE; None for an update
    update_keyword: str | None  #: the first update keyword, if this is an update
    uses_service: bool  #: whether a SERVICE clause (a federated call) appears
    groups: tuple[int, ...]  #: offsets just after each query's WHERE ``{`` (outer and sub-SELECTs)


def _matching(tokens: list[Token], index: int) -> int:
    """Index of the token closing the bracket opened at ``tokens[index]``."""
    depth = 0
    for position in range(index, len(tokens)):
        kind = tokens[position].kind
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return position
    return len(tokens) - 1


def _group_after(tokens: list[Token], index: int, form: str) -> int | None:
    """Index of the ``{`` opening the WHERE group of the query form at ``tokens[index]``."""
    position = index + 1
    if form == "CONSTRUCT":
        if position < len(tokens) and tokens[position].keyword == "WHERE":
            return None  # CONSTRUCT WHERE { ... }: the template is the pattern; nothing to bind in
        while position < len(tokens) and tokens[position].text != "{":
            position += 1
        if position >= len(tokens):
            return None
        position = _matching(tokens, position) + 1  # skip the template
    depth = 0
    while position < len(tokens):
        token = tokens[position]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif token.text == "{" and depth == 0:
            return position
        position += 1
    return None


def analyse(text: str) -> SparqlText:
    """Find the query form, update keywords, SERVICE clauses and WHERE groups of ``text``."""
    tokens = scan(text)
    form = None
    update_keyword = None
    uses_service = False
    groups: list[int] = []
    for index, token in enumerate(tokens):
        keyword = token.keyword
        if keyword is None:
            continue
        if keyword == "SERVICE":
            uses_service = True
        if keyword in QUERY_FORMS:
            if form is None and update_keyword is None:
                form = keyword
            group = _group_after(tokens, index, keyword)
            if group is not None:
                groups.append(tokens[group].end)
        elif keyword in UPDATE_KEYWORDS and form is None and update_keyword is None:
            update_keyword = keyword
    return SparqlText(form, update_keyword, uses_service, tuple(sorted(set(groups))))


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE; None if ``text`` is not a query."""
    return analyse(text).form


_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9]+)*$")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def _escape_string(text: str) -> str:
    """``text`` as the body of a double-quoted SPARQL string.

    Some engines decode ``\\uXXXX`` anywhere in a query before parsing it (as SPARQL allows),
    which would turn a value's own backslash-u into another character; so a ``u`` or ``U`` right
    after a backslash is written as ``\\U00000075`` (or ``...55``), which every engine reads as
    the letter itself.
    """
    out = []
    previous = ""
    for character in text:
        if previous == "\\" and character in "uU":
            out.append("\\U00000075" if character == "u" else "\\U00000055")
        else:
            out.append(_ESCAPES.get(character, character))
        previous = character
    return "".join(out)


def _iri(value: str) -> str:
    if _UNSAFE_IRI.search(value):
        raise QueryError(
            f'{value!r} cannot be used as an IRI: it holds a space or one of <>"{{}}|^`\\.'
        )
    return f"<{value}>"


def sparql_term(term: Identifier) -> str:
    """``term`` in SPARQL syntax, escaped so that it is always exactly one term."""
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        body = _escape_string(str(term))
        if term.language:
            if not _LANGUAGE.match(term.language):
                raise QueryError(f"{term.language!r} is not a language tag.")
            return f'"{body}"@{term.language}'
        if term.datatype is not None:
            return f'"{body}"^^{_iri(str(term.datatype))}'
        return f'"{body}"'
    if isinstance(term, BNode):
        raise QueryError("A blank node cannot be a query parameter; name the resource by its IRI.")
    raise QueryError(f"{term!r} cannot be a query parameter.")


_VARIABLE = re.compile(r"^[A-Za-z0-9_\u00b7-\uffff]+$")


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """``VALUES ?a { <x> } VALUES ?b { "y" }`` for the bindings, in a stable order."""
    parts = []
    for name in sorted(bindings):
        if not _VARIABLE.match(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name.")
        parts.append(f"VALUES ?{name} {{ {sparql_term(bindings[name])} }}")
    return " ".join(parts)


def bind(text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with each binding as a ``VALUES`` block at the start of every WHERE group."""
    if not bindings:
        return text
    shape = analyse(text)
    if shape.form is None:
        raise QueryError("Parameters can only be bound in a query, not in an update.")
    if not shape.groups:
        raise QueryError(
            f"This {shape.form} query has no WHERE group to bind its parameters in; "
            "write it with an explicit WHERE { ... }."
        )
    block = " " + values_block(bindings)
    pieces = []
    last = 0
    for offset in shape.groups:
        pieces.append(text[last:offset])
        pieces.append(block)
        last = offset
    pieces.append(text[last:])
    return "".join(pieces)
