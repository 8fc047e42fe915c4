"""Bind query parameters the one way that gives the same answers on every engine.

A parameter's value is written as a ``VALUES`` block at the start of each group that uses it
(see :func:`bind`), never pasted into the text elsewhere and never appended after the query.
That is substitution: the variable has the value everywhere, so a bound variable that sits in
an OPTIONAL or a ``FILTER(!BOUND(?x))`` behaves the same on rdflib, Oxigraph and any SPARQL
endpoint (rdflib's ``initBindings`` only exists on rdflib; a ``VALUES`` after the query, as
rdflib's SPARQLStore sends it, changes such answers). Terms are written by :func:`sparql_term`
(:mod:`diplograph.ntriples`), which refuses anything that could end the term early, so a value
can never change a query's shape.

>>> from rdflib import URIRef, Literal
>>> bind("SELECT ?x WHERE { ?x ?p ?o }", {"o": Literal('say "hi"')})
'SELECT ?x WHERE { VALUES ?o { "say \\\\"hi\\\\"" } ?x ?p ?o }'
>>> query_form("PREFIX a: <http://a/> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
'CONSTRUCT'
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rdflib import BNode
from rdflib.term import Identifier

from diplograph import ntriples
from diplograph.errors import QueryError

__all__ = [
    "KEPT_TEXT",
    "QUERY_FORMS",
    "UPDATE_KEYWORDS",
    "Binding",
    "SparqlText",
    "bind",
    "query_form",
    "scan",
    "sparql_term",
    "substitute",
    "with_limit",
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


class Token(NamedTuple):
    """One token: its kind (a group name of the pattern above), text and place in the text."""

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


def scan(text: str, limit: int | None = None) -> list[Token]:
    """The tokens of ``text`` that matter for binding: comments, strings and IRIs are skipped.

    With a ``limit``, scanning stops after ``limit + 1`` tokens (enough to tell it is over).
    """
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "comment" or kind == "space":
            continue
        append(Token(kind, match.group(), match.start(), match.end()))
        if limit is not None and len(tokens) > limit:
            break
    return tokens


#: how deeply brackets (``{``, ``(``, ``[``) may nest in a query or update, and how many tokens
#: it may have: the engines parse recursively, and Oxigraph's stack overflows (the process dies)
#: at some 4,000 levels or a chain of some 6,000 operators; no real query comes near either
MAX_NESTING = 256
MAX_TOKENS = 100_000


@dataclass(frozen=True)
class Group:
    """A group graph pattern: where its ``{`` ends, and the tokens inside it."""

    offset: int  #: just after the ``{``
    first: int  #: index of its ``{`` among the tokens
    last: int  #: index of its ``}`` among the tokens
    where: bool  #: whether it is the WHERE group of a query (outer or sub-SELECT)


@dataclass(frozen=True)
class SparqlText:
    """What binding and safety checks need to know about a request's text."""

    form: str | None  #: SELECT, CONSTRUCT, ASK or DESCRIBE; None for an update
    update_keyword: str | None  #: the first update keyword, if this is an update
    uses_service: bool  #: whether a SERVICE clause (a federated call) appears
    groups: tuple[Group, ...]  #: the group graph patterns, in text order
    #: variable name -> the indexes of the tokens naming it, in order, and for each the index
    #: of the ``{`` of the innermost WHERE group (of the query or a sub-SELECT) it is in, or -1
    variables: Mapping[str, Sequence[tuple[int, int]]] = field(default_factory=dict)
    #: whether a dataset clause (``FROM`` or ``FROM NAMED``) appears
    uses_from: bool = False

    @property
    def where_groups(self) -> tuple[int, ...]:
        """Offsets just after each query's WHERE ``{`` (outer and sub-SELECTs)."""
        return tuple(g.offset for g in self.groups if g.where)

    def uses(self, group: Group, name: str) -> bool:
        """Whether the variable ``name`` appears inside ``group``, outside the sub-SELECTs in it.

        A sub-SELECT's pattern is a scope of its own: its variables are not the group's, but
        those it selects (named before its WHERE group, or grouped by after it) are.
        """
        places = self.variables.get(name, ())
        at = bisect_left(places, (group.first, -2))
        for position, scope in places[at:]:
            if position > group.last:
                return False
            if scope <= group.first:  # in no sub-SELECT's WHERE group that starts inside
                return True
        return False


def brackets(tokens: list[Token]) -> tuple[dict[int, int], dict[int, int]]:
    """Each opening bracket's closing one and back (``{`` and ``(`` alike, as they nest), in
    one pass; :class:`QueryError` past :data:`MAX_NESTING` levels. An unclosed bracket closes
    at the last token."""
    closing: dict[int, int] = {}
    opening: dict[int, int] = {}
    stack: list[int] = []
    square = 0
    for index, token in enumerate(tokens):
        if token.kind == "open":
            stack.append(index)
        elif token.kind == "close":
            if stack:
                start = stack.pop()
                closing[start] = index
                opening[index] = start
        elif token.text == "[":
            square += 1
        elif token.text == "]":
            square = max(0, square - 1)
        else:
            continue
        if len(stack) + square > MAX_NESTING:
            raise QueryError(
                f"The query nests brackets more than {MAX_NESTING} deep (at character "
                f"{token.start + 1}); no engine is asked to parse that. Write it flatter."
            )
    for start in stack:
        closing[start] = len(tokens) - 1
    return closing, opening


def _next_groups(tokens: list[Token], closing: dict[int, int]) -> list[int | None]:
    """For each token, the first ``{`` from it on at its own level of parentheses (what follows
    a query form's keyword: its WHERE group), skipping parenthesised expressions."""
    found: list[int | None] = [None] * (len(tokens) + 1)
    for index in range(len(tokens) - 1, -1, -1):
        text = tokens[index].text
        if text == "{":
            found[index] = index
        elif text == "(":
            found[index] = found[closing.get(index, len(tokens) - 1) + 1]
        elif text != ")":
            found[index] = found[index + 1]
    return found


def _is_data_block(tokens: list[Token], index: int, opening: dict[int, int]) -> bool:
    """Whether the ``{`` at ``index`` opens the data of a ``VALUES ?x { ... }`` block."""
    position = index - 1
    if position >= 0 and tokens[position].text == ")":
        position = opening.get(position, 0) - 1
    elif position >= 0 and tokens[position].kind == "var":
        position -= 1
    return position >= 0 and tokens[position].keyword == "VALUES"


def _scoped(
    variables: dict[str, list[tuple[int, int]]], where: set[int], closing: dict[int, int]
) -> dict[str, list[tuple[int, int]]]:
    """``variables`` with each place's innermost WHERE group: one pass over the places in order,
    with the WHERE groups open at each (they nest as brackets do)."""
    places = sorted((position, name) for name, found in variables.items() for position, _ in found)
    starts = sorted(where)
    scoped: dict[str, list[tuple[int, int]]] = {name: [] for name in variables}
    open_groups: list[int] = []
    next_start = 0
    for position, name in places:
        while next_start < len(starts) and starts[next_start] < position:
            open_groups.append(starts[next_start])
            next_start += 1
        while open_groups and closing.get(open_groups[-1], -1) < position:
            open_groups.pop()
        scoped[name].append((position, open_groups[-1] if open_groups else -1))
    return scoped


#: texts up to this many characters have their analysis kept (a named query's are some 2-8k)
KEPT_TEXT = 65_536


def analyse(text: str) -> SparqlText:
    """Find the query form, update keywords, SERVICE clauses and group patterns of ``text``.

    Linear in the text's length; :class:`QueryError` for a text of more than
    :data:`MAX_TOKENS` tokens or brackets nested more than :data:`MAX_NESTING` deep. Kept for
    the 128 texts last analysed of up to :data:`KEPT_TEXT` characters (a :class:`SparqlText` is
    never changed): a named query runs the same text each time, and scanning it again cost
    more than Oxigraph's answer to a small query (1-2 ms of 2-3 ms for ``police-trainers`` on
    the real-data store).
    """
    return _analysed(text) if len(text) <= KEPT_TEXT else _analyse(text)


@lru_cache(maxsize=128)
def _analysed(text: str) -> SparqlText:
    return _analyse(text)


def _analyse(text: str) -> SparqlText:
    tokens = scan(text, MAX_TOKENS)
    if len(tokens) > MAX_TOKENS:
        raise QueryError(
            f"The query has more than {MAX_TOKENS:,} tokens (words, names, brackets); no engine "
            "is asked to parse that."
        )
    closing, opening = brackets(tokens)
    next_group = _next_groups(tokens, closing)
    next_brace: list[int | None] = [None] * (len(tokens) + 1)  # the first ``{`` from each token on
    for index in range(len(tokens) - 1, -1, -1):
        next_brace[index] = index if tokens[index].text == "{" else next_brace[index + 1]
    form = None
    update_keyword = None
    uses_service = False
    uses_from = False
    where: set[int] = set()
    templates: set[int] = set()
    variables: dict[str, list[tuple[int, int]]] = {}
    for index, token in enumerate(tokens):
        if token.kind == "var":
            variables.setdefault(token.text[1:], []).append((index, -1))
            continue
        keyword = token.keyword
        if keyword is None:
            continue
        if keyword == "SERVICE":
            uses_service = True
        elif keyword == "FROM":
            uses_from = True
        if keyword in QUERY_FORMS:
            if form is None and update_keyword is None:
                form = keyword
            group: int | None = next_group[index + 1]
            if keyword == "CONSTRUCT":
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                if following is not None and following.keyword == "WHERE":
                    group = None  # CONSTRUCT WHERE { ... }: the template is the pattern
                elif following is not None and following.text == "{":
                    templates.add(index + 1)
                    group = next_group[closing[index + 1] + 1]
                else:  # something before the template: skip to the first brace
                    brace = next_brace[index + 1]
                    group = None if brace is None else next_group[closing[brace] + 1]
            if group is not None:
                where.add(group)
        elif keyword in UPDATE_KEYWORDS and form is None and update_keyword is None:
            update_keyword = keyword
    if where:
        variables = _scoped(variables, where, closing)
    groups = []
    if form is not None:
        skip_until = -1
        for index, token in enumerate(tokens):
            if token.text != "{" or index <= skip_until:
                continue
            close = closing.get(index, len(tokens) - 1)
            if index in templates:
                skip_until = close  # a CONSTRUCT template holds triples, not patterns
                continue
            if _is_data_block(tokens, index, opening):
                continue
            if index + 1 < len(tokens) and tokens[index + 1].keyword == "SELECT":
                continue  # { SELECT ... }: a sub-SELECT must be alone in its group
            groups.append(Group(token.end, index, close, index in where))
    return SparqlText(form, update_keyword, uses_service, tuple(groups), variables, uses_from)


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


def bind(text: str, bindings: Mapping[str, Binding], shape: SparqlText | None = None) -> str:
    """``text`` with each binding as a ``VALUES`` block at the start of every group pattern
    (the WHERE group, a UNION branch, an OPTIONAL, a sub-SELECT's WHERE ...) that uses the
    variable outside the sub-SELECTs within it; a variable no group uses is bound in the WHERE
    group (it then only shows in the results).

    The blocks inside the groups change no answer (the variable has the one value everywhere)
    but let an engine start each group from the bound value instead of joining it in last. A
    sub-SELECT is a scope of its own: a block outside it for a variable it does not select would
    join nothing, and Virtuoso plans such a block so badly that the query never ends.

    >>> from rdflib import URIRef
    >>> bind("SELECT ?n WHERE { { SELECT ?n WHERE { ?a ?p ?n } } }", {"a": URIRef("http://a")})
    'SELECT ?n WHERE { { SELECT ?n WHERE { VALUES ?a { <http://a> } ?a ?p ?n } } }'
    """
    if not bindings:
        return text
    if shape is None:  # the caller's analysis of the text, where it has one
        shape = analyse(text)
    if shape.form is None:
        raise QueryError("Parameters can only be bound in a query, not in an update.")
    if not shape.where_groups:
        raise QueryError(
            f"This {shape.form} query has no WHERE group to bind its parameters in; "
            "write it with an explicit WHERE { ... }."
        )
    outer = min(shape.where_groups)
    used = {n for n in bindings if any(shape.uses(group, n) for group in shape.groups)}
    pieces = []
    last = 0
    for group in shape.groups:
        names = {
            n: bindings[n]
            for n in bindings
            if shape.uses(group, n) or (group.offset == outer and n not in used)
        }
        if not names:
            continue
        pieces.append(text[last : group.offset])
        pieces.append(" " + values_block(names))
        last = group.offset
    pieces.append(text[last:])
    return "".join(pieces)


def substitute(text: str, values: Mapping[str, Identifier]) -> str:
    """``text`` with each variable named in ``values`` replaced by its value's term (written by
    :func:`sparql_term`, so it is always exactly one term): for the store's own queries and
    updates on one graph, where the engine must see a constant (an update has no place for a
    ``VALUES`` block; a count over a graph given by ``VALUES`` loses the engine's index). The
    variable must not be one the query returns. :class:`QueryError` if a name is not in the text.

    >>> from rdflib import URIRef
    >>> substitute("ASK { GRAPH ?g { ?g a ?class } }", {"g": URIRef("http://g")})
    'ASK { GRAPH <http://g> { <http://g> a ?class } }'
    """
    terms = {name: sparql_term(value) for name, value in values.items()}
    pieces = []
    seen = set()
    last = 0
    for token in scan(text):
        name = token.text[1:]
        if token.kind == "var" and name in terms:
            pieces.append(text[last : token.start])
            pieces.append(terms[name])
            seen.add(name)
            last = token.end
    missing = terms.keys() - seen
    if missing:
        raise QueryError(f"The text has no variable {', '.join(sorted(missing))} to substitute.")
    pieces.append(text[last:])
    return "".join(pieces)


def with_limit(text: str, limit: int) -> str:
    """``text`` with ``LIMIT limit`` after it: a row count cannot be bound as a ``VALUES``
    parameter, so it is the one thing spliced into a query, and only as a checked whole number.

    >>> with_limit("SELECT ?x WHERE { ?x ?p ?o }", 3)
    'SELECT ?x WHERE { ?x ?p ?o } LIMIT 3'
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise QueryError(f"A LIMIT is a whole number of rows, not {limit!r}.")
    return f"{text} LIMIT {limit}"
