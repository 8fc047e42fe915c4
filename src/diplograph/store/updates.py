"""SPARQL updates that see what queries see: the union of the store's graphs.

Queries run on the union of all graphs, but an engine runs an update's WHERE on its own default
graph alone (Oxigraph and rdflib alike): ``DELETE WHERE { d:morocco rdfs:label ?o }`` matched
nothing and deleted nothing. :func:`union_update` rewrites each operation that does not choose
its dataset itself (no ``WITH``, no ``USING``) so that, in the same transaction:

- its WHERE sees the default graph and every named graph (``USING`` each, with a copy of the
  default graph made for the operation and dropped after it);
- a ``DELETE`` template (``DELETE WHERE``, ``DELETE DATA`` too) takes its triples out of every
  graph holding them, so the union no longer has them;
- an ``INSERT`` writes where it did: the default graph, or the graph it names.

>>> print(union_update("DELETE WHERE { <urn:x:a> ?p ?o }", ["urn:x:g"], "urn:x:copy"))
ADD SILENT DEFAULT TO <urn:x:copy> ;
DELETE { <urn:x:a> ?p ?o GRAPH ?diplograph_graph { <urn:x:a> ?p ?o } }
USING <urn:x:copy> USING <urn:x:g> USING NAMED <urn:x:g>
WHERE { { <urn:x:a> ?p ?o } VALUES ?diplograph_graph { UNDEF <urn:x:g> } } ;
DROP SILENT GRAPH <urn:x:copy>
"""

from __future__ import annotations

from collections.abc import Sequence

from diplograph import ntriples
from diplograph.errors import QueryError
from diplograph.store.binding import Token, brackets, scan

__all__ = ["union_update"]

#: the variable that ranges over the named graphs a DELETE template's triples are taken out of
GRAPH_VARIABLE = "?diplograph_graph"


def _operations(tokens: list[Token], closing: dict[int, int]) -> list[tuple[int, int]]:
    """Token ranges of the operations, split at the ``;`` between them."""
    ranges = []
    start = index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind == "open":
            index = closing.get(index, len(tokens) - 1) + 1
            continue
        if token.text == ";":
            ranges.append((start, index))
            start = index + 1
        index += 1
    ranges.append((start, len(tokens)))
    return [(a, b) for a, b in ranges if a < b]


class _Operation:
    """One operation's parts, as token indexes: its templates, dataset clauses, WHERE group."""

    def __init__(self, tokens: list[Token], closing: dict[int, int], first: int, end: int):
        self.tokens = tokens
        self.closing = closing
        self.first = first  #: the first token after the prologue
        self.end = end
        self.delete: int | None = None  #: the ``{`` of the DELETE template (or DATA, or WHERE)
        self.insert: int | None = None
        self.where: int | None = None
        self.form = ""  #: "DELETE WHERE", "DELETE DATA", "MODIFY" or "" (left as it is)
        keyword = tokens[first].keyword
        following = tokens[first + 1] if first + 1 < end else None
        if keyword == "DELETE" and following is not None and following.keyword in {"WHERE", "DATA"}:
            if first + 2 < end and tokens[first + 2].text == "{":
                self.form = f"DELETE {following.keyword}"
                self.delete = first + 2
            return
        if keyword not in {"DELETE", "INSERT"} or following is None or following.text != "{":
            return  # INSERT DATA, WITH, CLEAR, DROP, LOAD ...: as they are
        position = first
        while position < end:
            token = tokens[position]
            if token.keyword == "USING":
                return  # the operation chose its dataset
            brace = position + 1 < end and tokens[position + 1].text == "{"
            if token.keyword in {"DELETE", "INSERT"} and brace:
                setattr(self, token.keyword.lower(), position + 1)
                position = closing[position + 1] + 1
                continue
            if token.keyword == "WHERE" and brace:
                self.where = position + 1
                self.form = "MODIFY"
                return
            if token.text == "{":  # a WHERE group without the keyword
                self.where = position
                self.form = "MODIFY"
                return
            position += 1

    def inside(self, text: str, brace: int) -> str:
        """The text inside the group that opens at token ``brace``."""
        return text[self.tokens[brace].end : self.tokens[self.closing[brace]].start]

    def split_template(self, text: str, brace: int) -> tuple[str, str]:
        """A template's plain triples (joined) and its ``GRAPH … { … }`` blocks, as text."""
        plain: list[str] = []
        blocks: list[str] = []
        last = self.tokens[brace].end
        position = brace + 1
        close = self.closing[brace]
        while position < close:
            token = self.tokens[position]
            if token.kind == "open":
                position = self.closing.get(position, close) + 1
                continue
            if (
                token.keyword == "GRAPH"
                and position + 2 < close
                and self.tokens[position + 2].text == "{"
            ):
                plain.append(text[last : token.start])
                block_end = self.closing[position + 2]
                blocks.append(text[token.start : self.tokens[block_end].end])
                last = self.tokens[block_end].end
                position = block_end + 1
                continue
            position += 1
        plain.append(text[last : self.tokens[close].start])
        pieces = [piece.strip().strip(".").strip() for piece in plain]
        return " . ".join(piece for piece in pieces if piece), " ".join(blocks)

    def inserts_blank_nodes(self) -> bool:
        if self.insert is None:
            return False
        inside = self.tokens[self.insert : self.closing[self.insert]]
        return any(t.text == "[" or t.text.startswith("_:") for t in inside)


def union_update(text: str, graphs: Sequence[str], copy: str) -> str:
    """``text`` with each operation rewritten to see the union (see the module docstring).

    ``graphs`` are the store's named graphs; ``copy`` names a graph no one uses, for the copy of
    the default graph each rewritten operation reads.
    """
    tokens = scan(text)
    closing, _ = brackets(tokens)
    copied = ntriples.iri(copy)
    names = [ntriples.iri(g) for g in graphs]
    using = " ".join(
        [f"USING {copied}"] + [f"USING {g}" for g in names] + [f"USING NAMED {g}" for g in names]
    )
    # UNDEF: one solution that deletes from the default graph alone (no GRAPH then)
    each_graph = f"VALUES {GRAPH_VARIABLE} {{ UNDEF {' '.join(names)} }}"
    pieces: list[str] = []
    last = 0
    for start, end in _operations(tokens, closing):
        first = start
        while first < end and tokens[first].keyword in {"PREFIX", "BASE"}:
            first += 3 if tokens[first].keyword == "PREFIX" else 2
        if first >= end:
            continue
        operation = _Operation(tokens, closing, first, end)
        if not operation.form:
            continue
        if operation.delete is not None and operation.inserts_blank_nodes():
            raise QueryError(
                "This update both deletes and inserts blank nodes in one operation; diplograph "
                "takes a deleted triple out of every graph holding it, which would repeat the "
                "inserted blank nodes. Write it as a DELETE and an INSERT."
            )
        rewritten = _rewrite(text, operation, using, each_graph)
        pieces.append(text[last : tokens[first].start])
        pieces.append(
            f"ADD SILENT DEFAULT TO {copied} ;\n{rewritten} ;\nDROP SILENT GRAPH {copied}"
        )
        last = tokens[end - 1].end
    pieces.append(text[last:])
    return "".join(pieces)


def _rewrite(text: str, operation: _Operation, using: str, each_graph: str) -> str:
    """One operation (DELETE WHERE, DELETE DATA or DELETE/INSERT … WHERE) on the union."""
    delete = ""
    if operation.delete is not None:
        plain, blocks = operation.split_template(text, operation.delete)
        everywhere = f"{plain} GRAPH {GRAPH_VARIABLE} {{ {plain} }}" if plain else ""
        delete = f"DELETE {{ {' '.join(p for p in (everywhere, blocks) if p)} }}\n"
    if operation.form == "DELETE DATA":  # no pattern: the one solution, in every graph
        return f"{delete}WHERE {{ {each_graph} }}"
    group = operation.delete if operation.form == "DELETE WHERE" else operation.where
    assert group is not None  # a form is only set with its group
    pattern = operation.inside(text, group)
    insert = ""
    if operation.insert is not None:
        insert = f"INSERT {{{operation.inside(text, operation.insert)}}}\n"
    where = f"{{ {pattern.strip()} }}"
    if operation.delete is not None:
        where = f"{{ {where} {each_graph} }}"
    return f"{delete}{insert}{using}\nWHERE {where}"
