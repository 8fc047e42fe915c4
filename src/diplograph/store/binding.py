"""Bind query parameters the one way that gives the same answers on every engine.

A parameter's value is written as a ``VALUES`` block at the start of the query's WHERE group
(and of every sub-SELECT's group), never pasted into the text elsewhere and never appended after
the query. That is substitution: the variable has the value everywhere, so a bound variable that
sits in an OPTIONAL or a ``FILTER(!BOUND(?x))`` behaves the same on rdflib, Oxigraph and any
SPARQL endpoint (rdflib's ``initBindings`` only exists on rdflib; a ``VALUES`` after the query,
as rdflib's SPARQLStore sends it, changes such answers). Terms are written by :func:`sparql_term`
(:mod:`diplograph.ntriples`), which refuses anything that could end the term early, so a value can
never change a query's shape.

>>> from rdflib import URIRef, Literal
>>> bind("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('say "hi"')})
'SELECT ?x WHERE { VALUES ?o { "say \\\\"hi\\\\"" } ?x ?p ?o }'
>>> query_form("PREFIX a: <http://a/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
'CONSTRUCT'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rdflib import BNode
from rdflib.term import Identifier

from diplograph import ntriples
from diplograph.errors import QueryError

__all__ = [
    "QUERY_FORMS",
    "UPDATE_KEYWORDS",
    "Binding",
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
class Group:
    """A group graph pattern: where its ``{`` ends, and the variables used inside it."""

    offset: int  #: just after the ``{``
    variables: frozenset[str]
    where: bool  #: whether it is the WHERE group of a query (outer or sub-SELECT)


@dataclass(frozen=True)
class SparqlText:
    """What binding and safety checks need to know about a request's text."""

    form: str | None  #: SELECT, CONSTRUCT, ASK or DESCRIBE; None for an update
    update_keyword: str | None  #: the first update keyword, if this is an update
    uses_service: bool  #: whether a SERVICE clause (a federated call) appears
    groups: tuple[Group, ...]  #: the group graph patterns, in text order

    @property
    def where_groups(self) -> tuple[int, ...]:
        """Offsets just after each query's WHERE ``{`` (outer and sub-SELECTs)."""
        return tuple(g.offset for g in self.groups if g.where)


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


def _is_data_block(tokens: list[Token], index: int) -> bool:
    """Whether the ``{`` at ``index`` opens the data of a ``VALUES ?x { ... }`` block."""
    position = index - 1
    if position >= 0 and tokens[position].text == ")":
        depth = 0
        while position >= 0:
            if tokens[position].text == ")":
                depth += 1
            elif tokens[position].text == "(":
                depth -= 1
                if depth == 0:
                    break
            position -= 1
        position -= 1
    elif position >= 0 and tokens[position].kind == "var":
        position -= 1
    return position >= 0 and tokens[position].keyword == "VALUES"


def analyse(text: str) -> SparqlText:
    """Find the query form, update keywords, SERVICE clauses and group patterns of ``text``."""
    tokens = scan(text)
    form = None
    update_keyword = None
    uses_service = False
    where: set[int] = set()
    templates: set[int] = set()
    for index, token in enumerate(tokens):
        keyword = token.keyword
        if keyword is None:
            continue
        if keyword == "SERVICE":
            uses_service = True
        if keyword in QUERY_FORMS:
            if form is None and update_keyword is None:
                form = keyword
            if keyword == "CONSTRUCT":
                following = [t for t in tokens[index + 1 : index + 2] if t.text == "{"]
                if following:
                    templates.add(index + 1)
            group = _group_after(tokens, index, keyword)
            if group is not None:
                where.add(group)
        elif keyword in UPDATE_KEYWORDS and form is None and update_keyword is None:
            update_keyword = keyword
    groups = []
    if form is not None:
        skip_until = -1
        for index, token in enumerate(tokens):
            if token.text != "{" or index <= skip_until:
                continue
            close = _matching(tokens, index)
            if index in templates:
                skip_until = close  # a CONSTRUCT template holds triples, not patterns
                continue
            if _is_data_block(tokens, index):
                continue
            if index + 1 < len(tokens) and tokens[index + 1].keyword == "SELECT":
                continue  # { SELECT ... }: a sub-SELECT must be alone in its group
            inside = frozenset(t.text[1:] for t in tokens[index:close] if t.kind == "var")
            groups.append(Group(token.end, inside, index in where))
    return SparqlText(form, update_keyword, uses_service, tuple(groups))


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE; None if ``text`` is not a query."""
    return analyse(text).form


def sparql_term(term: Identifier) -> str:
    """``term`` in SPARQL syntax, escaped so that it is always exactly one term (written by
    :func:`diplograph.ntriples.term`, whose N-Triples are valid SPARQL)."""
    if isinstance(term, BNode):
        raise QueryError("A blank node cannot be a query parameter; name the resource by its IRI.")
    try:
        return ntriples.term(term)
    except ntriples.TermError as error:
        raise QueryError(str(error)) from None


_VARIABLE = re.compile(r"^[A-Za-z0-9_\u00b7-\uffff]+$")


#: a parameter's value: one term, or several (the query then runs for each, as a VALUES list)
Binding = Identifier | Sequence[Identifier]


def values_block(bindings: Mapping[str, Binding]) -> str:
    """``VALUES ?a { <x> } VALUES ?b { "y" "z" }`` for the bindings, in a stable order."""
    parts = []
    for name in sorted(bindings):
        if not _VARIABLE.match(name):
            raise QueryError(f"{name!r} is not a SPARQL variable name.")
        value = bindings[name]
        terms = [value] if isinstance(value, Identifier) else list(value)
        parts.append(f"VALUES ?{name} {{ {' '.join(sparql_term(t) for t in terms)} }}")
    return " ".join(parts)


def bind(text: str, bindings: Mapping[str, Binding]) -> str:
    """``text`` with each binding as a ``VALUES`` block at the start of the WHERE group and of
    every group pattern (UNION branch, OPTIONAL, sub-SELECT ...) that uses the variable.

    The blocks inside the groups change no answer (the variable has the one value everywhere)
    but let an engine start each group from the bound value instead of joining it in last.
    """
    if not bindings:
        return text
    shape = analyse(text)
    if shape.form is None:
        raise QueryError("Parameters can only be bound in a query, not in an update.")
    if not shape.where_groups:
        raise QueryError(
            f"This {shape.form} query has no WHERE group to bind its parameters in; "
            "write it with an explicit WHERE { ... }."
        )
    outer = min(shape.where_groups)
    pieces = []
    last = 0
    for group in shape.groups:
        names = {n: bindings[n] for n in bindings if group.offset == outer or n in group.variables}
        if not names:
            continue
        pieces.append(text[last : group.offset])
        pieces.append(" " + values_block(names))
        last = group.offset
    pieces.append(text[last:])
    return "".join(pieces)
