"""Resolve what a user types (a label, an alias, a code, a CURIE, an IRI) to an actor or concept.

Names are looked up in an index built once per store state from the ``actor-names`` and
``concept-names`` queries (one scan of the name properties), so resolving a name costs a
dictionary lookup however big the graph grows.

>>> from diplograph.store import open_store
>>> store = open_store("memory")
>>> resolve_actor(store, "MAR") == resolve_actor(store, "Morocco") == resolve_actor(store, "المغرب")
True
>>> str(resolve_concept(store, "troop contribution")).rsplit("/", 1)[-1]
'TroopContribution'
"""

from __future__ import annotations

import time
import unicodedata
import weakref
from collections import defaultdict
from difflib import get_close_matches

from rdflib import URIRef

from diplograph.errors import UnknownNameError
from diplograph.namespaces import PREFIXES
from diplograph.store import Store

__all__ = ["curie", "display_names", "name_index", "normalise", "resolve_actor", "resolve_concept"]

_Index = dict[str, set[str]]


class _Names:
    """The indexes of one store state: normalised name -> IRIs, and IRI -> display label."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.built = time.monotonic()
        self.index: dict[str, _Index] = {}
        self.labels: dict[str, dict[str, str]] = {}


_cache: weakref.WeakKeyDictionary[Store, _Names] = weakref.WeakKeyDictionary()
#: a store others may write to (a SPARQL endpoint) has its names re-read after this many seconds
REMOTE_NAMES_TTL = 60.0


def normalise(text: str) -> str:
    """Fold case, width and apostrophes so that 'morocco', 'MOROCCO' and 'Morocco' agree."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    return folded.replace("\u2019", "'").replace("\u2018", "'")


def _names(store: Store) -> _Names:
    cached = _cache.get(store)
    stale = cached is None or cached.generation != store.generation
    if not stale and cached is not None and store.spec.startswith("sparql+"):
        stale = time.monotonic() - cached.built > REMOTE_NAMES_TTL
    if stale or cached is None:
        cached = _Names(store.generation)
        _cache[store] = cached
    return cached


def name_index(store: Store, kind: str) -> _Index:
    """Normalised name -> IRIs for ``kind`` 'actor' or 'concept'; rebuilt when the store changes."""
    names = _names(store)
    if kind not in names.index:
        from diplograph.queries.catalog import find_query

        query = find_query("actor-names" if kind == "actor" else "concept-names")
        _, rows = store.select_values(query.text)
        index: _Index = defaultdict(set)
        labels: dict[str, str] = {}
        for iri, name, is_label in rows:
            if iri is None or name is None:
                continue
            index[normalise(str(name))].add(iri)
            if is_label is True and iri not in labels:
                labels[iri] = str(name)
        for iris in list(index.values()):
            for iri in iris:
                index[normalise(iri)].add(iri)
                index[normalise(_local_name(iri))].add(iri)
                if short := curie(iri):
                    index[normalise(short)].add(iri)
        names.index[kind] = dict(index)
        names.labels[kind] = labels
    return names.index[kind]


def display_names(store: Store, kind: str) -> dict[str, str]:
    """IRI -> English label of every actor (or concept), for messages and suggestions."""
    name_index(store, kind)
    return _names(store).labels[kind]


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def curie(iri: str) -> str | None:
    """``d:morocco`` for an IRI in one of diplograph's namespaces, else None."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(namespace) :]}"
    return None


def _resolve(store: Store, text: str, kind: str) -> URIRef:
    index = name_index(store, kind)
    key = normalise(text.removeprefix("<").removesuffix(">"))
    found = index.get(key, set())
    if len(found) == 1:
        return URIRef(next(iter(found)))
    labels = display_names(store, kind)
    if found:
        names = ", ".join(
            sorted(f"{labels.get(i, curie(i) or i)} ({curie(i) or i})" for i in found)
        )
        raise UnknownNameError(f"The {kind} name {text!r} is ambiguous: it names {names}.")
    readable = sorted({k for k in index if ":" not in k})
    near = get_close_matches(key, readable, n=5, cutoff=0.5)
    shown = []
    for name in near:
        iris = sorted(index[name])
        label = labels.get(iris[0], name) if len(iris) == 1 else name
        if label not in shown:
            shown.append(label)
    hint = f" Nearest names: {', '.join(shown)}." if shown else ""
    raise UnknownNameError(
        f"No {kind} named {text!r} in the graph.{hint} Names may be labels, aliases, "
        f"{'ISO 3166 alpha-3 or COW codes, ' if kind == 'actor' else 'notations, '}"
        "CURIEs or IRIs."
    )


def resolve_actor(store: Store, text: str) -> URIRef:
    """The one actor named ``text``; :class:`UnknownNameError` with the nearest names if none."""
    return _resolve(store, text, "actor")


def resolve_concept(store: Store, text: str) -> URIRef:
    """The one SKOS concept named ``text`` (tie types, statuses, event types, CAMEO, PLOVER)."""
    return _resolve(store, text, "concept")
