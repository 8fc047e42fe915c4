"""Resolve what a user types (a label, an alias, a code, a CURIE, an IRI) to an actor or concept.

Names are looked up in an index built once per store state from the ``actor-names`` and
``concept-names`` queries (one scan of the name properties), so resolving a name costs a
dictionary lookup however big the graph grows. A store on disk keeps the index beside its data
(:mod:`diplograph.store.derived`, read back while the data is unchanged), so that each command
does not scan the names again.

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
from pathlib import Path
from typing import Any

from rdflib import URIRef

from diplograph.digest import sha256_hex
from diplograph.errors import UnknownNameError
from diplograph.iri import curie, local_name
from diplograph.paths import queries_dir
from diplograph.store import Store
from diplograph.store.derived import KeptForState, kept_for_state

__all__ = ["display_names", "name_index", "normalise", "resolve_actor", "resolve_concept"]

_Index = dict[str, set[str]]


class _Names:
    """The indexes of one store state, per kind ('actor' or 'concept').

    ``index``: normalised label, alias, code or notation -> IRIs; ``ids``: normalised IRI, CURIE
    and local name -> IRIs (kept apart so that an exact label wins over reading the text as an
    identifier: an actor labelled 'UN: Security Council' is not the CURIE 'un:…');
    ``labels``: IRI -> English label; ``schemes``: concept scheme IRI -> its concepts' IRIs.
    """

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.built = time.monotonic()
        self.index: dict[str, _Index] = {}
        self.ids: dict[str, _Index] = {}
        self.labels: dict[str, dict[str, str]] = {}
        self.schemes: dict[str, set[str]] = {}
        self.scheme_labels: dict[str, str] = {}


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


def _built(store: Store, kind: str) -> _Names:
    """The store's indexes with those of ``kind`` built (one scan of the name properties, or
    read back from beside the store)."""
    names = _names(store)
    if kind in names.index:
        return names
    keeping = kept_for_state(store, f"names-{kind}", _maker(kind))
    kept = _kept(keeping)
    if kept is None:
        _read(store, kind, names)
        if keeping.keeps and store.writable:
            _keep(keeping, kind, names)
    else:
        names.labels[kind] = kept["labels"]
        if kind == "concept":
            names.schemes.update({k: set(v) for k, v in kept["schemes"].items()})
            names.scheme_labels.update(kept["scheme_labels"])
        names.index[kind] = {k: set(v) for k, v in kept["index"].items()}
    return names


def _identifiers(names: _Names, kind: str) -> _Index:
    """Normalised IRI, CURIE and local name -> IRIs of ``kind``, made when first needed (a
    name is mostly a label: these are for the text that is none)."""
    if kind not in names.ids:
        ids: _Index = defaultdict(set)
        for iris in names.index[kind].values():
            for iri in iris:
                ids[normalise(iri)].add(iri)
                ids[normalise(local_name(iri))].add(iri)
                if short := curie(iri):
                    ids[normalise(short)].add(iri)
        names.ids[kind] = dict(ids)
    return names.ids[kind]


def _maker(kind: str) -> str:
    """What names the version of a kept index: this module and the query it is read with."""
    return sha256_hex(Path(__file__).read_bytes() + _names_query(kind).encode("utf-8"))[:16]


def _kept(keeping: KeptForState) -> dict[str, Any] | None:
    """The index kept for the store's state, or None."""

    found = keeping.read()
    shape = {"index": dict, "labels": dict, "schemes": dict, "scheme_labels": dict}
    if not isinstance(found, dict) or any(
        not isinstance(found.get(k), t) for k, t in shape.items()
    ):
        return None
    return found


def _keep(keeping: KeptForState, kind: str, names: _Names) -> None:
    """Keep the index of ``kind`` for the store's state."""

    schemes = names.schemes if kind == "concept" else {}
    value = {
        "index": {k: sorted(v) for k, v in names.index[kind].items()},
        "labels": names.labels[kind],
        "schemes": {k: sorted(v) for k, v in schemes.items()},
        "scheme_labels": names.scheme_labels if kind == "concept" else {},
    }
    keeping.keep(value)


def _read(store: Store, kind: str, names: _Names) -> None:
    """Build the index of ``kind`` from the store's rows."""
    variables, rows = store.select_values(_names_query(kind))
    index: _Index = defaultdict(set)
    labels: dict[str, str] = {}
    for row in rows:
        iri, name, is_label = row[:3]
        if iri is None or name is None:
            continue
        index[normalise(str(name))].add(iri)
        if is_label is True and iri not in labels:
            labels[iri] = str(name)
        if kind == "concept":
            scheme, scheme_label = (
                row[variables.index("scheme")],
                row[variables.index("schemeLabel")],
            )
            if scheme is not None:
                names.schemes.setdefault(str(scheme), set()).add(iri)
                if scheme_label is not None:
                    names.scheme_labels.setdefault(str(scheme), str(scheme_label))
    names.labels[kind] = labels
    names.index[kind] = dict(index)  # last: its presence means the kind is built


def _names_query(kind: str) -> str:
    """The text of the built-in query that lists every name of ``kind`` (read as a file: names
    sit below the query catalogue, which resolves parameters with them)."""
    name = "actor-names.rq" if kind == "actor" else "concept-names.rq"
    return (queries_dir() / name).read_text(encoding="utf-8")


def name_index(store: Store, kind: str) -> _Index:
    """Normalised label, alias, code or notation -> IRIs for ``kind`` 'actor' or 'concept';
    rebuilt when the store changes."""
    return _built(store, kind).index[kind]


def scheme_members(store: Store, scheme: str) -> set[str]:
    """The IRIs of the concepts in ``scheme`` (``skos:inScheme``); empty if it has none."""
    return _built(store, "concept").schemes.get(str(scheme), set())


def scheme_values(store: Store, scheme: str) -> list[str]:
    """The English labels of ``scheme``'s concepts, sorted: the values a parameter may take."""
    labels = display_names(store, "concept")
    members = scheme_members(store, scheme)
    return sorted({labels.get(iri, curie(iri) or iri) for iri in members}, key=str.casefold)


def display_names(store: Store, kind: str) -> dict[str, str]:
    """IRI -> English label of every actor (or concept), for messages and suggestions."""
    name_index(store, kind)
    return _names(store).labels[kind]


def _resolve(store: Store, text: str, kind: str, scheme: str | None = None) -> URIRef:
    names = _built(store, kind)
    members: set[str] | None = None
    if scheme is not None:
        members = names.schemes.get(str(scheme))
        if not members:
            raise UnknownNameError(
                f"The concept scheme {curie(str(scheme)) or str(scheme)} has no concepts in the "
                f"graph, so {text!r} cannot be looked up in it; check the query's '#+ param:' line."
            )

    def within(iris: set[str]) -> set[str]:
        return iris & members if members is not None else iris

    # an exact label, alias, code or notation first; only then the text as an IRI or CURIE
    found = within(names.index[kind].get(normalise(text), set()))
    if not found:
        key = normalise(text.removeprefix("<").removesuffix(">"))
        found = within(_identifiers(names, kind).get(key, set()))
    if len(found) == 1:
        return URIRef(next(iter(found)))
    labels = names.labels[kind]
    if found:
        listed = ", ".join(
            sorted(f"{labels.get(i, curie(i) or i)} ({curie(i) or i})" for i in found)
        )
        raise UnknownNameError(f"The {kind} name {text!r} is ambiguous: it names {listed}.")
    index = names.index[kind]
    if members is not None:
        index = {name: iris & members for name, iris in index.items() if iris & members}
    shown = _nearest(index, labels, normalise(text))
    hint = f" Nearest names: {', '.join(shown)}." if shown else ""
    if scheme is not None:
        among = names.scheme_labels.get(str(scheme), curie(str(scheme)) or str(scheme))
        raise UnknownNameError(
            f"No concept named {text!r} among the {among}.{hint} The valid values: "
            f"{', '.join(scheme_values(store, scheme))}."
        )
    raise UnknownNameError(
        f"No {kind} named {text!r} in the graph.{hint} Names may be labels, aliases, "
        f"{'ISO 3166 alpha-3 or COW codes, ' if kind == 'actor' else 'notations, '}"
        "CURIEs or IRIs."
    )


def _nearest(index: _Index, labels: dict[str, str], key: str) -> list[str]:
    """Up to five names close to ``key``, each shown as its actor's or concept's display label
    (the name 'mar' is shown as 'Morocco'), without repeats."""
    shown: list[str] = []
    for name in get_close_matches(key, list(index), n=5, cutoff=0.5):
        for iri in sorted(index[name]):
            label = labels.get(iri, curie(iri) or iri)
            if label not in shown:
                shown.append(label)
    return shown


def resolve_actor(store: Store, text: str) -> URIRef:
    """The one actor named ``text``; :class:`UnknownNameError` with the nearest names if none."""
    return _resolve(store, text, "actor")


def resolve_concept(store: Store, text: str, scheme: str | None = None) -> URIRef:
    """The one SKOS concept named ``text`` (tie types, statuses, event types, CAMEO, PLOVER).

    With ``scheme`` (a concept scheme's IRI) only that scheme's concepts are candidates, and an
    unknown name is answered with the scheme's labels: the values that would have worked.
    """
    return _resolve(store, text, "concept", scheme)
