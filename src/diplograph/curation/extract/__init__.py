"""Propose candidate ties and events from an English article, each with its sentence.

:func:`extract` reads a text (or a :class:`~diplograph.curation.document.Document`) and returns
one :class:`Candidate` per proposed tie or event: the line the sentence starts on and the
sentence verbatim, the two parties with their codes, the type (diplograph's tie and event types,
with the PLOVER category and CAMEO code), status, quantity, negation, who is quoted, and a
confidence: the share of candidates of its rule and raw confidence found right on the tuning
part of the PLOVER gold sentences (:mod:`.calibration`).

The package, in the order a sentence goes through it:

* :mod:`.pipeline`: spaCy's blank English tokenizer and sentencizer, and an entity ruler with the
  gazetteer's names (no statistical model, nothing downloaded: the same text always gives the
  same candidates);
* :mod:`.mentions`: the actors a sentence names (gazetteer names, the Phoenix dictionaries'
  names, acronyms, new titled or organisation names, a country and a role noun, anaphors);
* :mod:`.sentence`: one sentence as the rules see it, and the helpers they share
  (coordinations, subject, modality, quantity);
* :mod:`.triggers`: which words signal an event, from :mod:`.verbs`, the CAMEO verb lexicon
  (PETRARCH2's dictionary, MIT) with PLOVER's crosswalk (CC BY-SA 4.0), and the hand lexicon
  (:mod:`diplograph.curation.lexicon`) where the dictionary lacks a word;
* :mod:`.roles`: who does what to whom, from a link-grammar parse (:mod:`.parse`, Debian's
  ``python3-link-grammar``, optional) where it names an actor, else by word order;
* :mod:`.rules`: the rule registry and its confidence table;
* :mod:`.candidate`: what a rule proposes.

Why rules rather than a model: the candidates are for a curator to review, so every one must
say why it was proposed (``comment``), and runs must be reproducible offline;
``bench/extract.py`` measures what the rules find, on a part of the PLOVER sentences they were
never tuned on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.curation.candidate import Candidate
from diplograph.curation.document import Document, check_text
from diplograph.curation.extract.calibration import calibrated
from diplograph.curation.extract.mentions import DocState
from diplograph.curation.extract.pipeline import gazetteer_for, pipeline
from diplograph.curation.extract.rules import run_rules
from diplograph.curation.extract.sentence import Sentence
from diplograph.curation.rejected import without_rejected
from diplograph.curation.sheet import write_sheet
from diplograph.curation.sources import find_document
from diplograph.curation.turtle import to_turtle
from diplograph.errors import DataError

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = [
    "SHEET_SUFFIXES",
    "Candidate",
    "Extraction",
    "candidates_text",
    "extract",
    "extract_source",
    "gazetteer_for",
    "pipeline",
    "sentences",
]


def extract(
    text_or_document: str | Document, store: Store | None = None, *, check: bool = True
) -> list[Candidate]:
    """Candidate ties and events of a text, in reading order, one per candidate.

    ``store`` gives the gazetteer its actors (labels, aliases, codes); without one only the
    country table is known. ``check`` refuses empty, binary or non-English text with a
    :class:`~diplograph.errors.DataError` (turn it off for single sentences).

    >>> [(c.source.label, c.type, c.status) for c in extract(
    ...     "Egypt and Jordan have pledged troops to the Joint Border Mission.", check=False)]
    [('Egypt', 'troop contribution', 'pledged'), ('Jordan', 'troop contribution', 'pledged')]
    """
    document = (
        text_or_document
        if isinstance(text_or_document, Document)
        else Document.from_text(text_or_document)
    )
    if check:
        check_text(document.text, document.name)
    gazetteer = gazetteer_for(store)
    nlp = pipeline(gazetteer)
    state = DocState()
    found: list[Candidate] = []
    reference = f"sha256:{document.sha256}"
    lines = document.text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        doc = nlp(line)
        for sent in doc.sents:
            if not any(t.is_alpha for t in sent):
                continue
            found.extend(calibrated(run_rules(Sentence(sent, number, gazetteer, state, reference))))
    return found


@dataclass(frozen=True)
class Extraction:
    """The candidates proposed for a document, and how many were left out because a reviewer
    rejected them before."""

    document: Document
    candidates: list[Candidate]
    rejected: int = 0


def extract_source(store: Store, source: str | Path) -> Extraction:
    """What ``diplograph extract SOURCE`` proposes: the candidates of a text file (or of a
    registered document named by its sha256 hash or IRI, from its local copy), with the actors
    of ``store``, less those rejected in an earlier review."""

    document = find_document(store, source)
    kept, rejected = without_rejected(store, extract(document, store))
    return Extraction(document, kept, rejected)


#: file suffix -> the format ``diplograph extract -o FILE`` writes
SHEET_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".ttl": "turtle"}


def candidates_text(
    extraction: Extraction, store: Store, fmt: str, output: Path | None = None
) -> str:
    """The candidates as a tie sheet (``csv``, ``tsv``: the layout ``add --sheet`` reads) or
    as ``turtle`` (candidate ties with their evidence chain; ``output`` is where it will be
    written, which its document description names)."""

    if fmt == "turtle":
        return to_turtle(extraction.candidates, extraction.document, store, output)
    if fmt not in {"csv", "tsv"}:
        raise DataError(f"Unknown format {fmt!r}; use csv, tsv or turtle.")
    rows = (c.row() for c in extraction.candidates)
    return write_sheet(rows, delimiter="\t" if fmt == "tsv" else ",")


def sentences(text: str, store: Store | None = None) -> Sequence[tuple[int, str]]:
    """``(line, sentence)`` of every sentence of ``text``, as the extractor splits them."""
    nlp = pipeline(gazetteer_for(store))
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            out.extend((number, sent.text) for sent in nlp(line).sents)
    return out
