"""From tie-sheet rows to facts: check every row, then write the ties and events with their
evidence chain through the store, all or nothing.

A row (see :mod:`diplograph.curation.sheet`) names its actors by label, alias or code, its type
and status by label, its document (``sha256:HASH``, the document's IRI, or a registered file) and
its sentence (the quote, the line, or both). :func:`check_rows` turns each row into a
:class:`Fact` or into a problem ``SHEET:LINE: reason``: an unknown actor, type or status, a
document not in the store, a quote not in the document, a bad date, a duplicate of a tie already
in the graph. :func:`write_facts` writes the facts as one named graph listed as the sheet, so
adding the same sheet again replaces what it added. Each fact records who accepted it and when
(``dcterms:creator``, ``dcterms:created``). Rows a reviewer rejected are remembered in the
store's curation state (:func:`remember_rejected`) so that ``diplograph extract`` does not
propose them again. A row of kind ``actor`` creates an actor (:mod:`diplograph.curation.actors`)
that the sheet's other rows may name.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef

from diplograph.curation.sheet import COLUMNS
from diplograph.curation.state import ADDED_SHEET, CurationState, legacy_folder, state_of
from diplograph.curation.ties import TieKey, duplicate_of, tie_key
from diplograph.digest import sha256_file, sha256_hex
from diplograph.errors import DataError, UnknownNameError
from diplograph.iri import local_name
from diplograph.namespaces import (
    DCTERMS,
    DIPL,
    ET,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    TS,
    TT,
    XSD,
    D,
)
from diplograph.ntriples import triple
from diplograph.queries.names import normalise, resolve_actor, resolve_concept, scheme_values
from diplograph.store import LoadedSource, Store

if TYPE_CHECKING:
    from diplograph.curation.candidate import Candidate

__all__ = [
    "DECISIONS",
    "Added",
    "Fact",
    "SheetRow",
    "add_actor",
    "add_one",
    "add_rows",
    "add_sheet",
    "add_tie",
    "added_sheet",
    "check_rows",
    "is_rejected",
    "read_sheet",
    "rejected_keys",
    "remember_keys",
    "remember_rejected",
    "without_rejected",
    "write_facts",
]

#: what a reviewer may write in the ``decision`` column
DECISIONS = ("accept", "reject", "edit", "")
_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class SheetRow:
    """One row of a sheet: its values by column, and the line of the file it was read from."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


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


def read_sheet(path: Path) -> list[SheetRow]:
    """The rows of a CSV or TSV sheet; :class:`DataError` naming the file (and line) if it is
    not one (unreadable, no header, an unknown column)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise DataError(f"{path}: cannot read the sheet ({reason}).") from error
    if not text.strip():
        raise DataError(f"{path}: the sheet is empty.")
    delimiter = "\t" if path.suffix.lower() == ".tsv" or "\t" in text.splitlines()[0] else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    known = set(COLUMNS) | {"decision"}
    unknown = [h for h in header if h not in known]
    if unknown:
        raise DataError(
            f"{path}:1: unknown column(s) {', '.join(unknown)}; a sheet's columns are "
            f"{', '.join(COLUMNS)} and decision."
        )
    rows = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise DataError(
                f"{path}:{reader.line_num}: not readable as a sheet ({error}; a cell may hold "
                f"{csv.field_size_limit():,} characters)."
            ) from None
        if not any(c.strip() for c in cells):
            continue
        line = reader.line_num
        if len(cells) > len(header):
            raise DataError(
                f"{path}:{line}: {len(cells)} fields, but the header has {len(header)}."
            )
        rows.append(SheetRow(line, dict(zip(header, cells, strict=False))))
    return rows


# ---------------------------------------------------------------- checking rows

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
    from diplograph.curation.actors import already_named, code_property, resolve_kind, slug

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


# ---------------------------------------------------------------- writing facts


def _ntriples(facts: Iterable[Fact], reviewer: str, when: datetime) -> str:
    lines: list[str] = []
    stamp = Literal(when.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    for fact in facts:
        node = fact.node
        statement = fact.statement
        if fact.statement_is_new:
            lines += [
                triple(statement, RDF.type, DIPL.SourceStatement),
                triple(statement, PROV.wasQuotedFrom, fact.document),
                triple(statement, DIPL.lineNumber, Literal(fact.sentence_line)),
                triple(statement, DIPL.quote, Literal(fact.quote)),
            ]
        lines.append(triple(statement, RDF.type, DIPL.ReportedFact))
        if fact.attributed_to is not None:
            lines.append(triple(statement, PROV.wasAttributedTo, fact.attributed_to))
        if fact.kind == "actor":
            lines += [
                triple(node, RDF.type, fact.type),
                triple(node, RDFS.label, Literal(fact.label, lang="en")),
                triple(node, PROV.wasDerivedFrom, statement),
                triple(node, DCTERMS.creator, Literal(reviewer)),
                triple(node, DCTERMS.created, stamp),
            ]
            lines += [triple(node, SKOS.altLabel, Literal(a, lang="en")) for a in fact.aliases]
            if fact.code is not None:
                lines.append(triple(node, fact.code[0], Literal(fact.code[1])))
            if fact.comment:
                lines.append(triple(node, RDFS.comment, Literal(fact.comment, lang="en")))
            continue
        if fact.kind == "tie":
            assert fact.source is not None
            assert fact.target is not None
            lines += [
                triple(node, RDF.type, DIPL.Tie),
                triple(node, DIPL.fromActor, fact.source),
                triple(node, DIPL.toActor, fact.target),
                triple(node, DIPL.tieType, fact.type),
            ]
            if fact.begin is not None:
                lines.append(triple(node, SEM.hasBeginTimeStamp, Literal(fact.begin)))
            if fact.end is not None:
                lines.append(triple(node, SEM.hasEndTimeStamp, Literal(fact.end)))
        else:
            lines += [
                triple(node, RDF.type, DIPL.DiplomaticEvent),
                triple(node, DIPL.eventType, fact.type),
            ]
            if fact.source is not None:
                lines.append(triple(node, DIPL.actor, fact.source))
            if fact.target is not None and fact.target != fact.source:
                lines.append(triple(node, DIPL.recipient, fact.target))
            if fact.begin is not None:
                lines.append(triple(node, SEM.hasTimeStamp, Literal(fact.begin)))
        lines += [
            triple(node, RDFS.label, Literal(fact.label, lang="en")),
            triple(node, PROV.wasDerivedFrom, statement),
            triple(node, DCTERMS.creator, Literal(reviewer)),
            triple(node, DCTERMS.created, stamp),
        ]
        if fact.status is not None:
            lines.append(triple(node, DIPL.status, fact.status))
        if fact.confidence is not None:
            lines.append(triple(node, DIPL.confidence, Literal(fact.confidence)))
        comment = " ".join(part for part in [fact.comment, *fact.notes] if part)
        if comment:
            lines.append(triple(node, RDFS.comment, Literal(comment, lang="en")))
        if fact.quantity is not None or fact.quantity_max is not None:
            quantity = D[f"quantity-{local_name(node)}"]
            lines += [
                triple(node, DIPL.quantity, quantity),
                triple(quantity, RDF.type, SCHEMA.QuantitativeValue),
                triple(quantity, SCHEMA.unitText, Literal(fact.unit)),
            ]
            if fact.quantity is not None:
                lines.append(triple(quantity, SCHEMA.value, Literal(fact.quantity)))
            if fact.quantity_max is not None:
                lines.append(triple(quantity, SCHEMA.maxValue, Literal(fact.quantity_max)))
    return "".join(lines)


def write_facts(
    store: Store,
    facts: Sequence[Fact],
    sheet: Path,
    *,
    reviewer: str | None = None,
    when: datetime | None = None,
) -> LoadedSource:
    """Write ``facts`` as one named graph listed as ``sheet`` (replacing an earlier add of it)."""
    who = reviewer or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"
    text = _ntriples(facts, who, when or datetime.now(UTC))
    with tempfile.TemporaryDirectory() as scratch:
        triples = Path(scratch) / "facts.nt"
        triples.write_text(text, encoding="utf-8")
        return store.load(triples, source=sheet)


# ---------------------------------------------------------------- adding: sheets, one tie


@dataclass
class Added:
    """What adding rows did: the facts written, the problems (``SHEET:LINE: reason``) and the
    graph the facts went into (None when nothing was written). A sheet with a decision column
    also says how many rejected rows were newly remembered and how many rows await a decision.
    """

    sheet: Path
    rows: int
    facts: list[Fact]
    problems: list[str]
    loaded: LoadedSource | None = None
    remembered: int = 0
    undecided: int = 0

    @property
    def actors(self) -> int:
        """The number of actors created."""
        return sum(1 for f in self.facts if f.kind == "actor") if self.loaded else 0

    @property
    def ties(self) -> int:
        """The number of ties written."""
        return sum(1 for f in self.facts if f.kind == "tie") if self.loaded else 0

    @property
    def events(self) -> int:
        """The number of events written."""
        return sum(1 for f in self.facts if f.kind == "event") if self.loaded else 0


def add_rows(
    store: Store,
    rows: Sequence[SheetRow],
    sheet: Path,
    *,
    partial: bool = False,
    reviewer: str | None = None,
) -> Added:
    """Check ``rows`` and write their facts as the graph of ``sheet`` (replacing an earlier add
    of it): all of them, or nothing when any row has a problem, unless ``partial`` (then the
    good ones). The problems are in the answer, for the caller to report."""
    earlier = [s.graph for s in store.find_sources(str(sheet.resolve()))]
    facts, problems = check_rows(store, rows, sheet, earlier)
    added = Added(sheet, len(rows), facts, problems)
    if facts and (partial or not problems):
        added.loaded = write_facts(store, facts, sheet, reviewer=reviewer)
    return added


def add_sheet(
    store: Store, sheet: Path, *, partial: bool = False, reviewer: str | None = None
) -> Added:
    """Add a tie sheet's facts (see :func:`add_rows`). With a ``decision`` column only rows
    marked ``accept`` are added, rows marked ``reject`` are remembered in the store's curation
    state (so that extraction does not propose them again) and the others are counted as
    undecided."""
    rows = read_sheet(sheet)
    remembered = undecided = 0
    if rows and "decision" in rows[0].values:
        decisions = [r.get("decision").lower() for r in rows]
        remembered = remember_rejected(
            store, [r.values for r, d in zip(rows, decisions, strict=True) if d == "reject"]
        )
        undecided = sum(1 for d in decisions if d not in {"accept", "reject"})
        rows = [r for r, d in zip(rows, decisions, strict=True) if d == "accept"]
    added = add_rows(store, rows, sheet, partial=partial, reviewer=reviewer)
    added.remembered, added.undecided = remembered, undecided
    return added


def added_sheet(store: Store) -> Path:
    """The sheet that collects the ties ``store`` was given one at a time (:func:`add_tie`), in
    the store's curation state (:mod:`diplograph.curation.state`): adding it again (as every
    :func:`add_tie` does) replaces its graph."""
    state = state_of(store)
    _take_over_added_sheet(store, state)
    return state.added_sheet


def _take_over_added_sheet(store: Store, state: CurationState) -> None:
    """Once per store: if the added-ties sheet older versions kept in the shared user folder
    is loaded in ``store``, copy it into the store's folder and load it from there (its old
    graph unloaded), so that it is this store's own from now on."""
    if state.folder is None or not store.writable:
        return
    marker = state.folder / ".migrated-added-sheet"
    if marker.exists():
        return
    old_sheet = legacy_folder() / ADDED_SHEET
    done = ""
    if old_sheet.is_file() and not state.added_sheet.exists():
        graphs = store.find_sources(str(old_sheet))
        if graphs:
            state.folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(old_sheet, state.added_sheet)
            add_rows(store, read_sheet(state.added_sheet), state.added_sheet, partial=True)
            for graph in graphs:
                store.unload(graph.graph)
            done = f"the added-ties sheet {old_sheet} now lives at {state.added_sheet}\n"
    state.folder.mkdir(parents=True, exist_ok=True)
    marker.write_text(done, encoding="utf-8")


def add_tie(store: Store, values: Mapping[str, str], *, reviewer: str | None = None) -> Added:
    """Add one tie (a sheet row's ``values``: from, to, type, document, line or quote ...) to
    the store's added-ties sheet and write that sheet's facts. :class:`DataError` (nothing
    written) if the row has a problem; the earlier rows of the sheet stay as they were."""
    return add_one(store, {"kind": "tie", **values}, reviewer=reviewer)


def add_actor(store: Store, values: Mapping[str, str], *, reviewer: str | None = None) -> Added:
    """Add one actor (an actor row's ``values``: from = its label, type = its kind, from_code,
    aliases, and the sentence that introduces it) as :func:`add_tie` adds a tie."""
    return add_one(store, {"kind": "actor", **values}, reviewer=reviewer)


def add_one(store: Store, values: Mapping[str, str], *, reviewer: str | None = None) -> Added:
    """Add one row of any kind to the store's added-ties sheet (see :func:`add_tie`)."""
    from diplograph.curation.sheet import write_sheet
    from diplograph.output import write_output

    sheet = added_sheet(store)
    rows = read_sheet(sheet) if sheet.is_file() else []
    new = SheetRow(len(rows) + 2, {k: v for k, v in values.items() if v})
    earlier = [s.graph for s in store.find_sources(str(sheet))]
    _, problems = check_rows(store, [*rows, new], sheet, earlier)
    mine = [p for p in problems if p.startswith(f"{sheet}:{new.line}:")]
    if mine:
        raise DataError(mine[0].split(": ", 1)[1].rstrip(".") + ".")
    sheet.parent.mkdir(parents=True, exist_ok=True)
    write_output(sheet, write_sheet([r.values for r in rows] + [new.values]))
    return add_rows(store, read_sheet(sheet), sheet, partial=True, reviewer=reviewer)


# ---------------------------------------------------------------- rejected candidates


def _key(values: Mapping[str, str]) -> tuple[str, ...]:
    """What makes a candidate the same one again: document, line, kind, ends and type."""
    document = values.get("document", "").strip().removeprefix("sha256:").lower()
    ends = [
        (values.get(f"{side}_code") or values.get(side) or "").strip().casefold()
        for side in ("from", "to")
    ]
    return (
        document,
        values.get("line", "").strip(),
        values.get("kind", "tie").strip() or "tie",
        *ends,
        values.get("type", "").strip().casefold(),
    )


def remember_rejected(store: Store, rows: Iterable[Mapping[str, str]]) -> int:
    """Add rejected rows to ``store``'s memory of rejected candidates; how many were new."""
    return remember_keys(store, [_key(row) for row in rows])


def remember_keys(
    store: Store, keys: Iterable[tuple[str, ...]], state: CurationState | None = None
) -> int:
    """Add rejected candidates' keys to ``store``'s list; how many were new."""
    return (state or state_of(store)).remember(keys)


def rejected_keys(store: Store, state: CurationState | None = None) -> set[tuple[str, ...]]:
    """The keys of every candidate rejected so far in ``store``."""
    return (state or state_of(store)).rejected_keys()


def is_rejected(values: Mapping[str, str], rejected: set[tuple[str, ...]]) -> bool:
    """Whether a candidate row was rejected before."""
    return _key(values) in rejected


def without_rejected(store: Store, candidates: Sequence[Candidate]) -> tuple[list[Candidate], int]:
    """The candidates no reviewer of ``store`` has rejected before, and how many were left out."""
    from diplograph.curation.sheet import write_sheet

    rejected = rejected_keys(store)
    if not rejected:
        return list(candidates), 0
    kept = []
    for candidate in candidates:
        header, line = (next(csv.reader([t])) for t in write_sheet([candidate.row()]).splitlines())
        if not is_rejected(dict(zip(header, line, strict=True)), rejected):
            kept.append(candidate)
    return kept, len(candidates) - len(kept)
