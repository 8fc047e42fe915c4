"""From tie-sheet rows to facts in the store: every row checked
(:mod:`diplograph.curation.checking`), then the ties and events written with their evidence
chain, all or nothing.

:func:`write_facts` writes the facts as one named graph listed as the sheet, so adding the same
sheet again replaces what it added. Each fact records who accepted it and when
(``dcterms:creator``, ``dcterms:created``). A sheet with a ``decision`` column adds the rows
marked ``accept`` and remembers those marked ``reject`` (:mod:`diplograph.curation.rejected`).
One tie or actor at a time goes to the store's added-ties sheet (:func:`add_tie`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal

from diplograph.curation.checking import Fact, check_rows
from diplograph.curation.rejected import remember_rejected
from diplograph.curation.sheet import SheetRow, read_sheet, write_sheet
from diplograph.curation.state import ADDED_SHEET, CurationState, legacy_folder, state_of
from diplograph.errors import DataError
from diplograph.iri import local_name
from diplograph.namespaces import (
    DCTERMS,
    DIPL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    XSD,
    D,
)
from diplograph.ntriples import triple
from diplograph.output import write_output
from diplograph.store import LoadedSource, Store

if TYPE_CHECKING:
    pass

__all__ = [
    "Added",
    "add_actor",
    "add_one",
    "add_rows",
    "add_sheet",
    "add_tie",
    "added_sheet",
    "write_facts",
]


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
