"""Degree, betweenness and eigenvector centrality of every actor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.analysis._common import _label
from diplograph.analysis.projection import simple_projection
from diplograph.wording import counted

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CentralityRow", "CentralityTable", "centralities"]


@dataclass(frozen=True)
class CentralityRow:
    """Centrality of one actor.

    ``ties`` counts every tie (parallel ones too), ``partners`` the distinct actors tied to it.
    ``betweenness`` and ``eigenvector`` are computed on the undirected simple projection;
    ``component`` numbers the connected components from the largest (0).
    """

    node: Any
    label: str
    kind: str | None
    ties: int
    partners: int
    betweenness: float
    eigenvector: float | None
    component: int


@dataclass(frozen=True)
class CentralityTable:
    """Rows sorted from the most central actor, whether betweenness was sampled, and notes."""

    rows: list[CentralityRow]
    sampled: bool = False
    notes: list[str] = field(default_factory=list)


def _components(H: nx.Graph) -> list[list[Any]]:
    import networkx as nx

    parts = [sorted(c, key=str) for c in nx.connected_components(H)]
    return sorted(parts, key=lambda c: (-len(c), str(c[0])))


def _eigenvector(H: nx.Graph, parts: list[list[Any]], notes: list[str]) -> dict[Any, float | None]:
    """Eigenvector centrality per component, weighted by the component's share of the actors."""
    import networkx as nx

    values: dict[Any, float | None] = {}
    total = H.number_of_nodes()
    failed = 0
    for part in parts:
        if len(part) < 2:
            values.update(dict.fromkeys(part, 0.0))
            continue
        try:
            scores = nx.eigenvector_centrality(H.subgraph(part), max_iter=1000, tol=1e-08)
        except nx.PowerIterationFailedConvergence:
            values.update(dict.fromkeys(part, None))
            failed += 1
            continue
        scale = len(part) / total
        values.update({n: s * scale for n, s in scores.items()})
    if len(parts) > 1:
        notes.append(
            f"The network has {len(parts)} components: eigenvector centrality is computed in "
            "each and weighted by its share of the actors."
        )
    if failed:
        notes.append(
            f"Eigenvector centrality did not converge in {counted(failed, 'component')}; "
            "shown as blank."
        )
    return values


def centralities(
    G: nx.MultiDiGraph, sample_threshold: int = 1000, k: int = 200, seed: int = 42
) -> CentralityTable:
    """Degree, betweenness and eigenvector centrality of every actor.

    Betweenness is exact up to ``sample_threshold`` actors and estimated from ``k`` source
    actors, drawn with ``seed``, above it (:func:`networkx.betweenness_centrality`).
    Eigenvector centrality is only defined on a connected network (on the whole network, every
    actor outside the dominant component would score 0), so it is computed in each connected
    component, with unit length there, and multiplied by the component's share of the actors:
    the two actors of an isolated pair do not outrank the hub of the main component, nor its
    leaves. A component whose power iteration does not converge is left blank (``None``),
    with a note.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The tie network.
    sample_threshold : int
        Above this many actors, betweenness is sampled.
    k : int
        Number of sample actors for sampled betweenness.
    seed : int
        Seed of the sample.

    Returns
    -------
    CentralityTable
        Rows sorted by betweenness, eigenvector centrality, ties, then label.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("A", "B", "t1"), ("B", "C", "t2"), ("B", "C", "t3")])
    ['t1', 't2', 't3']
    >>> table = centralities(G)
    >>> [(r.label, r.ties, r.partners, r.betweenness) for r in table.rows]
    [('B', 3, 2, 1.0), ('C', 2, 1, 0.0), ('A', 1, 1, 0.0)]
    >>> round(table.rows[0].eigenvector, 3)
    0.707
    """
    import networkx as nx

    H = simple_projection(G)
    notes: list[str] = []
    sampled = H.number_of_nodes() > sample_threshold
    if sampled:
        betweenness = nx.betweenness_centrality(H, k=min(k, H.number_of_nodes()), seed=seed)
        notes.append(
            f"Betweenness is estimated from {min(k, H.number_of_nodes())} sampled actors "
            f"(seed {seed}), as the network has more than {sample_threshold}."
        )
    else:
        betweenness = nx.betweenness_centrality(H)
    parts = _components(H)
    component = {n: i for i, part in enumerate(parts) for n in part}
    eigenvector = _eigenvector(H, parts, notes)
    rows = [
        CentralityRow(
            node=n,
            label=_label(G, n),
            kind=G.nodes[n].get("kind"),
            ties=G.degree(n),
            partners=H.degree(n),
            betweenness=betweenness[n],
            eigenvector=eigenvector[n],
            component=component[n],
        )
        for n in H
    ]
    rows.sort(
        key=lambda r: (-r.betweenness, -(r.eigenvector or 0.0), -r.ties, r.label, str(r.node))
    )
    return CentralityTable(rows=rows, sampled=sampled, notes=notes)
