"""Checking tie-sheet rows against the store: each row becomes a :class:`Fact` ready to be
written, or a problem ``SHEET:LINE: reason``.

A row (see :mod:`diplograph.curation.sheet`) names its actors by label, alias or code, its type
and status by label, its document (``sha256:HASH``, the document's IRI, or a registered file) and
its sentence (the quote, the line, or both). :func:`check_rows` reports an unknown actor, type or
status, a document not in the store, a quote not in the document, a bad date, a duplicate of a
tie already in the graph or of a row above. A row of kind ``actor`` creates an actor
(:mod:`diplograph.curation.actors`) that the sheet's other rows may name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from diplograph.curation.ties import TieKey, duplicate_of, tie_key
from diplograph.digest import sha256_file, sha256_hex
from diplograph.errors import DataError, UnknownNameError
from diplograph.iri import local_name
from diplograph.namespaces import (
    ET,
    TS,
    TT,
    D,
)
from diplograph.queries.names import normalise, resolve_actor, resolve_concept, scheme_values
from diplograph.store import Store

if TYPE_CHECKING:
    pass

from diplograph.curation.actors import already_named, code_property, resolve_kind, slug
from diplograph.curation.sheet import SheetRow

__all__ = ["Fact", "check_rows"]


_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Fact:
    """A checked row, ready to be written: IRIs resolved, the statement found."""

    row: SheetRow
    kind: str
    node: URIRef
    type: URIRef
    source: URIRef | None
    target: URIRef | None
    statement: URIRef
    statement_is_new: bool
    document: URIRef
    quote: str
    sentence_line: int
    status: URIRef | None = None
    begin: date | None = None
    end: date | None = None
    confidence: Decimal | None = None
    quantity: int | None = None
    quantity_max: int | None = None
    unit: str = ""
    attributed_to: URIRef | None = None
    comment: str = ""
    label: str = ""
    notes: list[str] = field(default_factory=list)
    #: an actor's other names and its code (property, value)
    aliases: list[str] = field(default_factory=list)
    code: tuple[URIRef, str] | None = None


_DOCUMENT_BY_HASH = "SELECT ?doc WHERE { ?doc dipl:sha256 ?sha }"


_STATEMENTS = """
SELECT ?statement ?quote ?line WHERE {
  ?statement prov:wasQuotedFrom ?doc ; dipl:quote ?quote .
  OPTIONAL { ?statement dipl:lineNumber ?line }
}"""


_DIRECTED = "SELECT ?directed WHERE { ?c dipl:directed ?directed }"


class _Checker:
    """Resolves one sheet's rows against a store, remembering what it looked up."""

    def __init__(self, store: Store, sheet: Path, replacing: Sequence[str]) -> None:
        self.store = store
        self.sheet = sheet
        self.replacing = set(replacing)
        self.statements: dict[str, list[tuple[str, str, int | None]]] = {}
        self.seen: dict[TieKey, int] = {}
        #: names of the actors this sheet creates (label, aliases, codes) -> (IRI, row line)
        self.created: dict[str, tuple[URIRef, int]] = {}

    def problem(self, row: SheetRow, reason: str) -> str:
        return f"{self.sheet}:{row.line}: {reason}"

    def actor(self, row: SheetRow, column: str) -> URIRef | None:
        names = [row.get(column), row.get(f"{column}_code")]
        names = [n for n in names if n]
        if not names:
            return None
        failure: UnknownNameError | None = None
        for name in names:
            if (made := self.created.get(normalise(name))) is not None:
                return made[0]
            try:
                return resolve_actor(self.store, name)
            except UnknownNameError as error:
                failure = failure or error
        assert failure is not None
        raise failure

    def concept(self, name: str, scheme: URIRef, what: str) -> tuple[URIRef, bool]:
        """The concept of ``scheme`` named ``name``, and whether it is directed."""
        try:
            iri = resolve_concept(self.store, name, str(scheme))
        except UnknownNameError:
            valid = ", ".join(scheme_values(self.store, str(scheme)))
            article = "an" if what[0] in "aeiou" else "a"
            raise UnknownNameError(
                f"{name!r} is not {article} {what}; the {_plural(what)}: {valid}."
            ) from None
        rows = self.store.query(_DIRECTED, {"c": iri}).rows
        directed = not any(r[0] is not None and str(r[0]) == "false" for r in rows)
        return iri, directed

    def document(self, row: SheetRow) -> URIRef:
        text = row.get("document")
        if not text:
            raise DataError("no document: give its sha256:HASH, IRI or registered file")
        sha = text.removeprefix("sha256:").lower()
        if text.startswith(("http://", "https://")):
            return URIRef(text)
        path = Path(text).expanduser()
        if not _HEX.match(sha) and path.is_file():
            sha = sha256_file(path)
        if not _HEX.match(sha):
            raise DataError(f"{text!r} is not a sha256:HASH, a document IRI or a file")
        rows = self.store.query(_DOCUMENT_BY_HASH, {"sha": Literal(sha)}).rows
        if not rows:
            raise DataError(
                f"the document sha256:{sha[:12]}… is not in the store; register it first "
                "(diplograph source add FILE)"
            )
        return URIRef(str(rows[0][0]))

    def statement(self, row: SheetRow, document: URIRef) -> tuple[URIRef, bool, str, int]:
        """The statement a row cites: a registered sentence, or a new statement for a quote
        that is part of one. (node, is new, quote, line)."""
        key = str(document)
        if key not in self.statements:
            rows = self.store.query(_STATEMENTS, {"doc": document}).rows
            self.statements[key] = [
                (str(s), str(q), int(str(n)) if n is not None else None) for s, q, n in rows
            ]
        sentences = self.statements[key]
        quote = row.get("quote")
        line_text = row.get("line")
        line = None
        if line_text:
            if not line_text.isdigit():
                raise DataError(f"line {line_text!r} is not a line number")
            line = int(line_text)
        if not quote and line is None:
            raise DataError("no quote and no line: cite the sentence the row rests on")
        on_line = [s for s in sentences if line is None or s[2] == line]
        if not quote:
            if not on_line:
                raise DataError(f"the document has no sentence on line {line}")
            if len(on_line) > 1:
                raise DataError(
                    f"line {line} holds {len(on_line)} sentences; give the quote to say which"
                )
            node, text, number = on_line[0]
            return URIRef(node), False, text, number or 0
        exact = [s for s in on_line if s[1] == quote]
        if exact:
            node, text, number = exact[0]
            return URIRef(node), False, text, number or 0
        within = [s for s in on_line if quote in s[1]]
        if within:
            number = within[0][2] or 0
            digest = sha256_hex(quote)[:10]
            sha = str(document).rsplit("-", 1)[-1]
            return D[f"stmt-{sha[:8]}-l{number:03d}-{digest}"], True, quote, number
        where = f" on line {line}" if line is not None else ""
        elsewhere = [s for s in sentences if quote in s[1] and s[2] != line]
        hint = f" (it is on line {elsewhere[0][2]})" if elsewhere else ""
        raise DataError(f"the quote is not in the document{where}{hint}")

    def duplicate(self, fact: Fact) -> str | None:
        """The IRI of a tie in the graph that this fact repeats, if any."""
        if fact.kind != "tie" or fact.source is None or fact.target is None:
            return None
        key = tie_key(fact.source, fact.target, fact.type, fact.status)
        # the earlier load of this same sheet is replaced by this one: no duplicate of it
        return duplicate_of(self.store, key, besides=str(fact.node), outside=self.replacing)


def _plural(noun: str) -> str:
    return noun + ("es" if noun.endswith("s") else "s")


def _date(text: str, what: str) -> date | None:
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise DataError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD")


def _number(text: str, what: str) -> int | None:
    if not text:
        return None
    cleaned = text.replace(",", "").replace("_", "")
    if not cleaned.isdigit():
        raise DataError(f"{what} {text!r} is not a whole number")
    return int(cleaned)


def _names_of(row: SheetRow) -> list[str]:
    """An actor row's names: its label, aliases and code."""
    aliases = [a.strip() for a in re.split(r"[;|]", row.get("aliases")) if a.strip()]
    return [n for n in [row.get("from"), *aliases, row.get("from_code")] if n]


def _check_actor(checker: _Checker, row: SheetRow) -> Fact:
    """An actor row (see :mod:`diplograph.curation.actors`) as a fact to write."""

    label = row.get("from")
    if not label:
        raise DataError("an actor row names the actor in from (its label)")
    if not row.get("type"):
        raise DataError("no kind: give the actor's kind in type (state, multinational force ...)")
    cls = resolve_kind(checker.store, row.get("type"))
    names = _names_of(row)
    for name in names:
        if (made := checker.created.get(normalise(name))) is not None:
            raise DataError(f"{name!r} already names the actor of line {made[1]} above")
    if (taken := already_named(checker.store, names, sorted(checker.replacing))) is not None:
        raise DataError(taken)
    code = code_property(row.get("from_code"), cls)
    document = checker.document(row)
    statement, is_new, quote, line = checker.statement(row, document)
    node = D[slug(label) or f"actor-{sha256_hex(label)[:12]}"]
    if checker.store.query(_MENTIONED, {"x": node}).boolean and not any(
        checker.store.query(_STATED, {"g": URIRef(g), "x": node}).boolean for g in checker.replacing
    ):
        node = D[f"{local_name(node)}-{sha256_hex(label)[:8]}"]
    fact = Fact(
        row=row,
        kind="actor",
        node=node,
        type=cls,
        source=None,
        target=None,
        statement=statement,
        statement_is_new=is_new,
        document=document,
        quote=quote,
        sentence_line=line,
        comment=row.get("comment"),
        label=label,
        aliases=[n for n in names[1:] if n != row.get("from_code")],
        code=code,
    )
    for name in names:
        checker.created[normalise(name)] = (node, row.line)
    return fact


_MENTIONED = "ASK WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } }"


_STATED = "ASK WHERE { GRAPH ?g { ?x a ?class } }"


def _check_row(checker: _Checker, row: SheetRow) -> Fact:
    kind = row.get("kind") or "tie"
    if kind == "actor":
        return _check_actor(checker, row)
    if kind not in {"tie", "event"}:
        raise DataError(f"kind {kind!r} is not tie, event or actor")
    if row.get("negated").lower() == "true":
        raise DataError("the sentence negates it (negated is true): there is no fact to add")
    type_name = row.get("type")
    if not type_name:
        raise DataError("no type")
    scheme = TT.scheme if kind == "tie" else ET.scheme
    type_iri, directed = checker.concept(type_name, scheme, f"{kind} type")
    source = checker.actor(row, "from")
    target = checker.actor(row, "to")
    if kind == "tie" and (source is None or target is None):
        raise DataError("a tie needs both ends: give from and to")
    if kind == "event" and source is None and target is None:
        raise DataError("an event needs an actor: give from (or to)")
    if kind == "tie" and source == target:
        raise DataError("from and to name the same actor")
    if kind == "tie" and not directed and str(target) < str(source):
        source, target = target, source  # undirected: stored in IRI order, as the shapes ask
    status = None
    if row.get("status"):
        status, _ = checker.concept(row.get("status"), TS.scheme, "status")
    begin = _date(row.get("begin"), "begin")
    end = _date(row.get("end"), "end")
    if begin and end and end < begin:
        raise DataError(f"end {end} is before begin {begin}")
    confidence = None
    if row.get("confidence"):
        try:
            confidence = Decimal(row.get("confidence"))
        except InvalidOperation:
            raise DataError(f"confidence {row.get('confidence')!r} is not a number") from None
        if not confidence.is_finite() or not 0 <= confidence <= 1:
            raise DataError(f"confidence {row.get('confidence')!r} is not between 0 and 1")
    quantity = _number(row.get("quantity"), "quantity")
    quantity_max = _number(row.get("quantity_max"), "quantity_max")
    if (quantity is not None or quantity_max is not None) and not row.get("unit"):
        raise DataError("a quantity needs its unit (troops, police officers ...)")
    document = checker.document(row)
    statement, is_new, quote, line = checker.statement(row, document)
    attributed = None
    if row.get("attributed_to"):
        try:
            attributed = resolve_actor(checker.store, row.get("attributed_to"))
        except UnknownNameError:
            attributed = None  # who is quoted need not be an actor: kept in the comment
    identity = "|".join(
        [str(document), str(line), kind, str(source), str(target), str(type_iri), str(status)]
    )
    digest = sha256_hex(identity)[:12]
    node = D[f"{kind}-{digest}"]
    names = [
        row.get("from") or (local_name(source) if source is not None else ""),
        type_name,
        row.get("to") or (local_name(target) if target is not None else ""),
    ]
    fact = Fact(
        row=row,
        kind=kind,
        node=node,
        type=type_iri,
        source=source,
        target=target,
        statement=statement,
        statement_is_new=is_new,
        document=document,
        quote=quote,
        sentence_line=line,
        status=status,
        begin=begin,
        end=end,
        confidence=confidence,
        quantity=quantity,
        quantity_max=quantity_max,
        unit=row.get("unit"),
        attributed_to=attributed,
        comment=row.get("comment"),
        label=" — ".join(n for n in names if n),
    )
    if row.get("attributed_to") and attributed is None:
        fact.notes.append(f"attributed to {row.get('attributed_to')} (not an actor of the graph)")
    return fact


def check_rows(
    store: Store, rows: Sequence[SheetRow], sheet: Path, replacing: Sequence[str] = ()
) -> tuple[list[Fact], list[str]]:
    """Each row as a :class:`Fact`, or a problem ``SHEET:LINE: reason``.

    ``replacing`` names the graphs of an earlier load of the same sheet: their ties are no
    duplicates of this sheet's.
    """
    checker = _Checker(store, sheet, replacing)
    facts: list[Fact] = []
    problems: list[str] = []
    # actors first, so that any row may name an actor the sheet creates
    ordered = sorted(rows, key=lambda r: (r.get("kind") != "actor", r.line))
    for row in ordered:
        try:
            fact = _check_row(checker, row)
        except (DataError, UnknownNameError) as error:
            problems.append(checker.problem(row, str(error).rstrip(".")))
            continue
        if fact.kind == "actor":
            facts.append(fact)
            continue
        twin = checker.duplicate(fact)
        if twin is not None:
            problems.append(checker.problem(row, f"duplicates the tie {twin} already in the graph"))
            continue
        key = tie_key(fact.source, fact.target, fact.type, fact.status)
        if fact.kind == "tie" and key in checker.seen:
            problems.append(
                checker.problem(row, f"duplicates the tie of line {checker.seen[key]} above")
            )
            continue
        checker.seen[key] = row.line
        facts.append(fact)
    order = {row.line: n for n, row in enumerate(rows)}
    facts.sort(key=lambda f: order[f.row.line])
    problems.sort(key=lambda p: order.get(_line_of_problem(p), 0))
    return facts, problems


def _line_of_problem(problem: str) -> int:
    match = re.match(r".*?:(\d+): ", problem)
    return int(match.group(1)) if match else 0
