"""The spaCy pipeline the extractor reads text with, and the gazetteer of a store.

spaCy's *blank* English pipeline: its tokenizer, its rule-based ``sentencizer`` (with a guard for
abbreviations such as "Lt.") and an ``entity_ruler`` whose phrase patterns are the gazetteer's
names (:mod:`diplograph.curation.gazetteer`). No statistical model is loaded and nothing is
downloaded. Both are cached: the gazetteer per store (rebuilt when the store changes), the
pipeline per gazetteer.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Any

from diplograph.curation.gazetteer import Gazetteer
from diplograph.curation.lexicon import SENT_ABBREVIATIONS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from diplograph.store import Store

__all__ = ["gazetteer_for", "pipeline"]

_lock = threading.Lock()
_gazetteers: weakref.WeakKeyDictionary[Any, tuple[int, Gazetteer]] = weakref.WeakKeyDictionary()
_plain: list[Gazetteer] = []
_pipelines: dict[int, tuple[Gazetteer, Language]] = {}


def gazetteer_for(store: Store | None) -> Gazetteer:
    """The gazetteer of ``store`` (rebuilt when the store changes), or of the country table."""
    with _lock:
        if store is None:
            if not _plain:
                _plain.append(Gazetteer.build(None))
            return _plain[0]
        cached = _gazetteers.get(store)
        if cached is None or cached[0] != store.generation:
            cached = (store.generation, Gazetteer.build(store))
            _gazetteers[store] = cached
        return cached[1]


def pipeline(gazetteer: Gazetteer) -> Language:
    """spaCy's blank English pipeline with a sentencizer and the gazetteer's entity ruler."""
    with _lock:
        cached = _pipelines.get(id(gazetteer))
        if cached is not None and cached[0] is gazetteer:
            return cached[1]
        import spacy
        from spacy.language import Language

        if not Language.has_factory("diplograph_abbreviations"):
            Language.component("diplograph_abbreviations", func=_keep_abbreviations)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("diplograph_abbreviations")
        ruler = nlp.add_pipe(
            "entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False}
        )
        patterns = [
            {"label": "ACTOR", "pattern": entry.text, "id": key}
            for key, entry in gazetteer.names.items()
        ]
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        if len(_pipelines) > 8:
            _pipelines.clear()
        _pipelines[id(gazetteer)] = (gazetteer, nlp)
        return nlp


def _keep_abbreviations(doc: Doc) -> Doc:
    """Undo sentence breaks after "Lt." or "Gen." (the sentencizer splits at every period)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_sent_start:
            continue
        if previous.text == "." and token.i >= 2:
            word = doc[token.i - 2]
            if word.lower_ in SENT_ABBREVIATIONS and not word.whitespace_:
                token.is_sent_start = False
        elif previous.text.endswith(".") and previous.lower_.rstrip(".") in SENT_ABBREVIATIONS:
            token.is_sent_start = False
    return doc
