"""Resolve what a user types (a label, an alias, a code, a CURIE, an IRI) to an actor or concept.

>>> from diplograph.store import load_graph
>>> graph = load_graph()
>>> resolve_actor(graph, "MAR") == resolve_actor(graph, "Morocco") == resolve_actor(graph, "المغرب")
True
>>> str(resolve_concept(graph, "troop contribution")).rsplit("/", 1)[-1]
'TroopContribution'
"""

from __future__ import annotations

import unicodedata
import weakref
from collections import defaultdict
from difflib import get_close_matches

from rdflib import Graph, URIRef

from diplograph.errors import UnknownNameError
from diplograph.namespaces import PREFIXES

__all__ = ["name_index", "normalise", "resolve_actor", "resolve_concept"]

_Index = dict[str, set[URIRef]]
_cache: weakref.WeakKeyDictionary[Graph, tuple[int, dict[str, _Index]]] = (
    weakref.WeakKeyDictionary()
)


def normalise(text: str) -> str:
    """Fold case, width and apostrophes so that 'morocco', 'MOROCCO' and 'Morocco' agree."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    return folded.replace("\u2019", "'").replace("\u2018", "'")


def name_index(graph: Graph, kind: str) -> _Index:
    """Normalised name -> IRIs, for ``kind`` 'actor' or 'concept'; rebuilt when the graph grows."""
    size = len(graph)
    cached = _cache.get(graph)
    if cached is None or cached[0] != size:
        cached = (size, {})
        _cache[graph] = cached
    indexes = cached[1]
    if kind not in indexes:
        from diplograph.queries import run_query

        query = "actor-names" if kind == "actor" else "concept-names"
        index: _Index = defaultdict(set)
        for row in run_query(graph, query).rows:
            iri, name = row[0], row[1]
            if isinstance(iri, URIRef) and name is not None:
                index[normalise(str(name))].add(iri)
        for iris in list(index.values()):
            for iri in iris:
                index[normalise(str(iri))].add(iri)
                index[normalise(_local_name(iri))].add(iri)
                if curie := _curie(iri):
                    index[normalise(curie)].add(iri)
        indexes[kind] = dict(index)
    return indexes[kind]


def _local_name(iri: URIRef) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _curie(iri: URIRef) -> str | None:
    for prefix, namespace in PREFIXES.items():
        if str(iri).startswith(str(namespace)):
            return f"{prefix}:{str(iri)[len(namespace) :]}"
    return None


def _resolve(graph: Graph, text: str, kind: str) -> URIRef:
    index = name_index(graph, kind)
    key = normalise(text.removeprefix("<").removesuffix(">"))
    found = index.get(key, set())
    if len(found) == 1:
        return next(iter(found))
    if found:
        names = ", ".join(sorted(_curie(i) or str(i) for i in found))
        raise UnknownNameError(f"The {kind} name {text!r} is ambiguous: it names {names}.")
    readable = sorted({k for k in index if ":" not in k})
    near = get_close_matches(key, readable, n=5, cutoff=0.5)
    hint = f" Nearest names: {', '.join(near)}." if near else ""
    raise UnknownNameError(
        f"No {kind} named {text!r} in the graph.{hint} Names may be labels, aliases, "
        f"{'ISO 3166 alpha-3 or COW codes, ' if kind == 'actor' else 'notations, '}"
        "CURIEs or IRIs."
    )


def resolve_actor(graph: Graph, text: str) -> URIRef:
    """The one actor named ``text``; :class:`UnknownNameError` with the nearest names if none."""
    return _resolve(graph, text, "actor")


def resolve_concept(graph: Graph, text: str) -> URIRef:
    """The one SKOS concept named ``text`` (tie types, statuses, event types, CAMEO, PLOVER)."""
    return _resolve(graph, text, "concept")
