"""Paths between two actors, shortest first, with every tie on each step."""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.analysis._common import _check_node, _label
from diplograph.analysis.projection import simple_projection
from diplograph.iri import local_name

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ActorPath", "PathTie", "Paths", "find_paths", "paths_between"]


@dataclass(frozen=True)
class PathTie:
    """One tie on a step of a path, seen from the path's direction of travel.

    ``direction`` is ``"forward"`` when the tie runs from the step's first actor to its second,
    ``"backward"`` when it runs the other way, and ``"undirected"`` for symmetric tie types
    (``directed`` false), however the tie happens to be stored. ``tie`` is the edge key, ``iri``
    the tie's or event's IRI; ``kind`` is ``"tie"`` or ``"event"``; ``sourced`` is False when no
    statement supports it, ``time_unknown`` True when it is of unknown time on the network's
    date (``in_force`` None): a path through such a step may not have existed. ``quote`` is the
    first statement's raw text (a dataset row as it stands), ``citation`` the same in words.
    """

    tie: str
    source: Any
    target: Any
    type_label: str
    direction: str
    polarity: int
    quote: str | None
    document: str | None
    iri: str = ""
    kind: str = "tie"
    sourced: bool = True
    time_unknown: bool = False
    #: what its first statement says: the sentence, or a dataset row in words (for a tie
    #: counting events, their count and period); see :mod:`diplograph.network.citation`
    citation: str | None = None


@dataclass(frozen=True)
class ActorPath:
    """A chain of actors and, for each step, every tie that joins the two actors."""

    nodes: tuple[Any, ...]
    labels: tuple[str, ...]
    hops: tuple[tuple[PathTie, ...], ...]

    def __len__(self) -> int:
        return len(self.hops)


def _path_ties(G: nx.MultiDiGraph, a: Any, b: Any) -> tuple[PathTie, ...]:
    found = []
    for source, target in ((a, b), (b, a)):
        if not G.has_edge(source, target):
            continue
        for key, data in G[source][target].items():
            directed = data.get("directed", True)
            direction = "forward" if source == a else "backward"
            found.append(
                PathTie(
                    tie=str(key),
                    source=source,
                    target=target,
                    type_label=str(data.get("tie_type_label") or data.get("tie_type") or "tie"),
                    direction=direction if directed else "undirected",
                    polarity=int(data.get("polarity") or 0),
                    quote=data.get("quote"),
                    document=data.get("source"),
                    iri=str(data.get("event") or key),
                    kind=str(data.get("kind") or "tie"),
                    sourced=data.get("sourced") is not False,
                    time_unknown="in_force" in data and data["in_force"] is None,
                    citation=data.get("citation"),
                )
            )
    return tuple(sorted(found, key=lambda t: (t.type_label, t.tie)))


def paths_between(
    G: nx.MultiDiGraph, a: Hashable, b: Hashable, cutoff: int = 4, limit: int = 20
) -> list[ActorPath]:
    """Chains of actors from ``a`` to ``b``, ignoring direction, shortest first.

    Paths are simple (no actor twice) and found in the undirected simple projection, one
    shortest path at a time (:func:`networkx.shortest_simple_paths`), so only the paths
    returned are ever computed. Each step lists all the ties between its two actors.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.
    a, b : node
        The two actors; they must differ.
    cutoff : int
        The longest path, in steps.
    limit : int
        The most paths to return.

    Returns
    -------
    list of ActorPath
        Sorted by length, then by the actors' labels; empty when no path is short enough.

    Raises
    ------
    networkx.NodeNotFound
        When ``a`` or ``b`` has no tie in ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="t1", tie_type_label="alliance", directed=False)
    't1'
    >>> G.add_edge("B", "C", key="t2", tie_type_label="aid", quote="B aids C.")
    't2'
    >>> G.add_edge("A", "C", key="t3", tie_type_label="trade")
    't3'
    >>> [p.labels for p in paths_between(G, "A", "B")]
    [('A', 'B'), ('A', 'C', 'B')]
    >>> [(t.type_label, t.direction, t.quote) for t in paths_between(G, "A", "B")[1].hops[1]]
    [('aid', 'backward', 'B aids C.')]
    """
    import networkx as nx

    a, b = (str(n) if isinstance(n, str) else n for n in (a, b))
    for node in (a, b):
        _check_node(G, node)
    if a == b:
        raise ValueError(f"A path needs two different actors; both are {a}.")
    H = simple_projection(G)
    found: list[list[Any]] = []
    try:
        for nodes in nx.shortest_simple_paths(H, a, b):
            if len(nodes) - 1 > cutoff or len(found) >= limit:
                break
            found.append(nodes)
    except nx.NetworkXNoPath:
        pass
    found.sort(key=lambda nodes: (len(nodes), [_label(G, n) for n in nodes], nodes))
    return [
        ActorPath(
            nodes=tuple(nodes),
            labels=tuple(_label(G, n) for n in nodes),
            hops=tuple(_path_ties(G, u, v) for u, v in itertools.pairwise(nodes)),
        )
        for nodes in found
    ]


@dataclass(frozen=True)
class Paths:
    """The paths between two actors in a network (shortest first), as ``diplograph path``
    shows them: iterate, index or count them. ``missing`` holds the actors of the two that have
    no tie in the network (then there is no path); ``cutoff`` is the longest path looked for."""

    source: Any
    target: Any
    paths: tuple[ActorPath, ...]
    missing: tuple[Any, ...] = ()
    cutoff: int = 4
    network: nx.MultiDiGraph | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.paths)

    def __iter__(self) -> Iterator[ActorPath]:
        return iter(self.paths)

    def __getitem__(self, index: int) -> ActorPath:
        return self.paths[index]

    def __repr__(self) -> str:
        """One line a path: "1. Jordan — Egypt (meeting (event))"; or why there is none."""
        names = [self._name(node) for node in (self.source, self.target)]
        if self.missing:
            gone = ", ".join(self._name(node) for node in self.missing)
            return f"<Paths {names[0]} … {names[1]}: none, no tie of {gone} in the network>"
        if not self.paths:
            return f"<Paths {names[0]} … {names[1]}: none of at most {self.cutoff} ties>"
        lines = [f"<Paths {names[0]} … {names[1]}: {len(self.paths)}, shortest first"]
        for number, path in enumerate(self.paths, 1):
            types = "; ".join(", ".join(t.type_label for t in hop) for hop in path.hops)
            lines.append(f"  {number}. {' — '.join(path.labels)} ({types})")
        return "\n".join(lines) + ">"

    def _name(self, node: Any) -> str:
        if self.network is not None and node in self.network:
            return _label(self.network, node)
        return local_name(str(node))


def find_paths(
    G: nx.MultiDiGraph, a: Hashable, b: Hashable, cutoff: int = 4, limit: int = 20
) -> Paths:
    """:func:`paths_between`, except that an actor with no tie in ``G`` gives no path (and is
    named in ``missing``) rather than an error: the network of a date may leave one out.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="t1")
    't1'
    >>> [p.labels for p in find_paths(G, "A", "B")], find_paths(G, "A", "Z").missing
    ([('A', 'B')], ('Z',))
    """
    missing = tuple(node for node in (a, b) if node not in G)
    found = () if missing else tuple(paths_between(G, a, b, cutoff=cutoff, limit=limit))
    return Paths(a, b, found, missing, cutoff, G)
