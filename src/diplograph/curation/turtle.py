"""Candidates as Turtle in diplograph's vocabulary, with their whole evidence chain.

Each candidate tie becomes a ``dipl:Tie`` and each candidate event a ``dipl:DiplomaticEvent``,
``prov:wasDerivedFrom`` a ``dipl:SourceStatement`` (the sentence: ``dipl:quote``, its
``dipl:lineNumber``) ``prov:wasQuotedFrom`` the ``dipl:SourceDocument`` identified by the SHA-256
of its bytes (with ``dipl:localCopy`` when the output's folder and the document's are known), so
that ``diplograph validate --data`` checks hash and quotes. Actors the graph does not have yet
get an IRI of their own, their class, label and code, derived from the same sentence. The result
is for review: every claim says in ``rdfs:comment`` that it was extracted, and by which rule.

Left out, each with a comment in the output: a tie the graph already holds (same type, actors
and status), and a candidate whose party is not an actor (a place, or a group with no class).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef

from diplograph.curation.candidate import Candidate
from diplograph.curation.document import Document
from diplograph.curation.gazetteer import Actor
from diplograph.curation.ties import existing_ties, tie_key
from diplograph.iri import short
from diplograph.namespaces import DCTERMS, DIPL, ET, PROV, RDF, RDFS, SCHEMA, TS, TT, XSD, D

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = ["to_turtle"]

_CLASSES = {
    "state": DIPL.State,
    "quasi_state": DIPL.QuasiStateActor,
    "igo": DIPL.IntergovernmentalOrganization,
    "force": DIPL.MultinationalForce,
    "body": DIPL.AdHocBody,
    "armed_force": DIPL.ArmedForce,
    "person": DIPL.Person,
}


_KNOWN_DOCUMENT = "SELECT ?doc WHERE { ?doc dipl:sha256 ?sha } LIMIT 1"


def _describe(graph: Graph, doc: URIRef, document: Document, output: Path | None) -> None:
    """The source document: class, label, hash, language, and where its copy is."""
    graph.add((doc, RDF.type, DIPL.SourceDocument))
    graph.add((doc, RDFS.label, Literal(f"{Path(document.name).name} (extracted)", lang="en")))
    graph.add((doc, DIPL.sha256, Literal(document.sha256)))
    graph.add((doc, DCTERMS.language, Literal("en")))
    if document.path is not None and output is not None:
        relative = os.path.relpath(document.path.resolve(), output.resolve().parent)
        graph.add((doc, DIPL.localCopy, Literal(Path(relative).as_posix())))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "actor"


def to_turtle(
    candidates: Sequence[Candidate],
    document: Document,
    store: Store | None = None,
    output: Path | None = None,
) -> str:
    """The candidates as a Turtle document (see the module docstring)."""
    graph = Graph()
    for prefix, namespace in (
        ("dipl", DIPL),
        ("d", D),
        ("ts", TS),
        ("prov", PROV),
        ("schema", SCHEMA),
        ("dcterms", DCTERMS),
        ("tt", TT),
        ("et", ET),
    ):
        graph.bind(prefix, str(namespace))
    token = document.sha256[:8]
    doc = URIRef(document.iri)
    known = store is not None and bool(
        store.select_values(_KNOWN_DOCUMENT, {"sha": Literal(document.sha256)})[1]
    )
    if not known:
        _describe(graph, doc, document, output)
    existing = set(existing_ties(store)) if store is not None else set()
    statements: dict[tuple[int, str], URIRef] = {}
    minted: dict[str, URIRef] = {}
    notes: list[str] = []

    def statement(candidate: Candidate) -> URIRef:
        key = (candidate.line, candidate.quote)
        if key not in statements:
            node = D[f"stmt-{token}-l{candidate.line:03d}-{len(statements) + 1:03d}"]
            graph.add((node, RDF.type, DIPL.SourceStatement))
            graph.add((node, RDF.type, DIPL.ReportedFact))
            graph.add((node, PROV.wasQuotedFrom, doc))
            graph.add((node, DIPL.lineNumber, Literal(candidate.line)))
            graph.add((node, DIPL.quote, Literal(candidate.quote)))
            statements[key] = node
        return statements[key]

    def actor(who: Actor, evidence: URIRef) -> URIRef | None:
        if who.iri is not None and who.kind != "place":
            return URIRef(who.iri)
        klass = _CLASSES.get(who.kind)
        if klass is None:
            return None
        if who.key not in minted:
            node = D[f"{_slug(who.label)}-{token}"]
            minted[who.key] = node
            graph.add((node, RDF.type, klass))
            graph.add((node, RDFS.label, Literal(who.label, lang="en")))
            if who.kind == "state" and re.fullmatch(r"[A-Z]{3}", who.code):
                graph.add((node, DIPL.iso3166Alpha3, Literal(who.code)))
            graph.add((node, PROV.wasDerivedFrom, evidence))
        return minted[who.key]

    for number, candidate in enumerate(candidates, start=1):
        evidence = statement(candidate)
        source = actor(candidate.source, evidence) if candidate.source else None
        target = actor(candidate.target, evidence) if candidate.target else None
        what = f"line {candidate.line} {candidate.kind} {candidate.type}"
        if candidate.kind == "tie":
            if source is None or target is None:
                notes.append(f"{what}: a party is not an actor (a place or a group); left out")
                continue
            if not candidate.directed and str(target) < str(source):
                source, target = target, source
            status = TS[candidate.status.capitalize()] if candidate.status else None
            key = tie_key(source, target, candidate.type_iri, status)
            if key in existing:
                notes.append(
                    f"{what}: {short(source)} -> {short(target)} is in the graph already; left out"
                )
                continue
            node = D[f"cand-{token}-{number:03d}"]
            graph.add((node, RDF.type, DIPL.Tie))
            graph.add((node, DIPL.fromActor, source))
            graph.add((node, DIPL.toActor, target))
            graph.add((node, DIPL.tieType, URIRef(candidate.type_iri)))
            if status is not None:
                graph.add((node, DIPL.status, status))
        else:
            if source is None and target is None:
                notes.append(f"{what}: no party is an actor; left out")
                continue
            node = D[f"cand-{token}-{number:03d}"]
            graph.add((node, RDF.type, DIPL.DiplomaticEvent))
            graph.add((node, DIPL.eventType, URIRef(candidate.type_iri)))
            if source is not None:
                graph.add((node, DIPL.actor, source))
            if target is not None and target != source:
                graph.add((node, DIPL.recipient, target))
            if candidate.status:
                graph.add((node, DIPL.status, TS[candidate.status.capitalize()]))
        label = (
            f"{candidate.source.label if candidate.source else '?'} - {candidate.type} - "
            f"{candidate.target.label if candidate.target else '?'} (candidate)"
        )
        graph.add((node, RDFS.label, Literal(label, lang="en")))
        comment = f"Extracted by diplograph extract, not reviewed: {candidate.comment}."
        if candidate.negated:
            comment += " The sentence negates it."
        if candidate.attributed_to:
            comment += f" Attributed to {candidate.attributed_to}."
        graph.add((node, RDFS.comment, Literal(comment, lang="en")))
        graph.add(
            (node, DIPL.confidence, Literal(f"{candidate.confidence:.2f}", datatype=XSD.decimal))
        )
        graph.add((node, PROV.wasDerivedFrom, evidence))
        if candidate.quantity is not None or candidate.quantity_max is not None:
            quantity = BNode()
            graph.add((node, DIPL.quantity, quantity))
            graph.add((quantity, RDF.type, SCHEMA.QuantitativeValue))
            if candidate.quantity is not None:
                graph.add((quantity, SCHEMA.value, Literal(candidate.quantity)))
            if candidate.quantity_max is not None:
                graph.add((quantity, SCHEMA.maxValue, Literal(candidate.quantity_max)))
            graph.add((quantity, SCHEMA.unitText, Literal(candidate.unit or "items")))
    header = [
        f"# Candidate ties and events extracted from {document.name} by diplograph extract.",
        "# For review: nothing here is a curated fact until a curator accepts it.",
        *(f"# {note}" for note in notes),
    ]
    return "\n".join(header) + "\n\n" + graph.serialize(format="turtle")
