"""When a tie repeats one already in the graph: the one rule that ``diplograph add`` and
``diplograph extract`` share.

Two ties are the same when they join the same two actors (in the same order: an undirected tie
is written with its actors sorted), with the same type and the same status (or both none).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.term import Identifier

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = ["TieKey", "duplicate_of", "existing_ties", "tie_key"]

#: (from actor, to actor, tie type, status or "") as IRIs
TieKey = tuple[str, str, str, str]

_TIES = """
SELECT ?tie ?from ?to ?type ?status WHERE {
  ?tie dipl:fromActor ?from ; dipl:toActor ?to ; dipl:tieType ?type .
  OPTIONAL { ?tie dipl:status ?status }
}"""
_GRAPH_OF = "SELECT ?g WHERE { GRAPH ?g { ?tie dipl:tieType ?type } } LIMIT 1"


def tie_key(source: object, target: object, tie_type: object, status: object | None) -> TieKey:
    """The key two ties share when they are the same (see the module docstring).

    >>> tie_key("urn:a", "urn:b", "urn:t", None)
    ('urn:a', 'urn:b', 'urn:t', '')
    """
    return (str(source), str(target), str(tie_type), "" if status is None else str(status))


def existing_ties(
    store: Store, bindings: Mapping[str, Identifier] | None = None
) -> dict[TieKey, list[str]]:
    """Key -> the IRIs of the ties in ``store`` with that key; ``bindings`` of ``from``, ``to``
    and ``type`` narrow the search."""
    found: dict[TieKey, list[str]] = {}
    _, rows = store.select_values(_TIES, bindings or {})
    for tie, source, target, tie_type, status in rows:
        found.setdefault(tie_key(source, target, tie_type, status), []).append(str(tie))
    return found


def duplicate_of(
    store: Store, key: TieKey, *, besides: str | None = None, outside: Collection[str] = ()
) -> str | None:
    """The IRI of a tie in ``store`` with ``key`` other than ``besides``, stated in a graph not
    in ``outside`` (an earlier load of what is being replaced); None when there is none."""
    source, target, tie_type, _ = key
    bound = {"from": URIRef(source), "to": URIRef(target), "type": URIRef(tie_type)}
    for tie in existing_ties(store, bound).get(key, []):
        if tie == besides:
            continue
        graph = store.query(_GRAPH_OF, {"tie": URIRef(tie)}).rows
        if graph and str(graph[0][0]) in outside:
            continue
        return tie
    return None
