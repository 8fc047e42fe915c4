"""Degree, betweenness and eigenvector centrality of every actor."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.analysis._common import _label
from diplograph.analysis.projection import simple_projection
from diplograph.seeded import seeded_igraph
from diplograph.wording import counted

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CentralityRow", "CentralityTable", "betweenness", "centralities", "eigenvector"]


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
    values: dict[Any, float | None] = {}
    total = H.number_of_nodes()
    failed = 0
    for part in parts:
        if len(part) < 2:
            values.update(dict.fromkeys(part, 0.0))
            continue
        try:
            scores = eigenvector(H.subgraph(part))
        except ArithmeticError:
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


def _igraph(H: nx.Graph) -> tuple[list[Any], Any]:
    """``H``'s nodes, and ``H`` as an igraph graph whose vertex ``i`` is ``nodes[i]``."""
    import igraph

    nodes = list(H)
    index = {node: i for i, node in enumerate(nodes)}
    return nodes, igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()])


def eigenvector(H: nx.Graph) -> dict[Any, float]:
    """:func:`networkx.eigenvector_centrality` of the connected undirected simple graph ``H``
    (the principal eigenvector, of unit length), computed by igraph in C: networkx's power
    iteration in Python is some 40 times slower (bench/README.md). The tests
    hold the two equal within networkx's tolerance. ArithmeticError if it does not converge.

    >>> import networkx as nx
    >>> {node: round(value, 3) for node, value in eigenvector(nx.path_graph(3)).items()}
    {0: 0.5, 1: 0.707, 2: 0.5}
    """
    import igraph

    nodes, graph = _igraph(H)
    # ARPACK starts from a random vector: a seeded one makes a network give the very same values
    with seeded_igraph(0):
        try:
            raw = graph.eigenvector_centrality()  # undirected; the largest value scaled to 1
        except igraph.InternalError as error:
            if "ARPACK" not in str(error) and "converge" not in str(error):
                raise
            raise ArithmeticError(str(error)) from error
    length = math.sqrt(sum(value * value for value in raw))
    if not length or not math.isfinite(length):
        raise ArithmeticError("no principal eigenvector")
    return {node: abs(raw[i]) / length for i, node in enumerate(nodes)}


def betweenness(H: nx.Graph, sources: list[Any] | None = None) -> dict[Any, float]:
    """:func:`networkx.betweenness_centrality` of the undirected simple graph ``H`` (normalized,
    endpoints left out), computed by igraph in C, some 25 times faster (bench/README.md).
    With ``sources`` (a sample of the nodes), the estimate networkx makes from that
    sample, scaled as networkx scales it; the tests hold the two equal.

    >>> import networkx as nx
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    nodes, graph = _igraph(H)
    n = len(nodes)
    if n < 3:  # no node lies between two others
        return dict.fromkeys(nodes, 0.0)
    # igraph counts each unordered pair of an undirected graph once, networkx both ways: 2x
    if sources is None or len(sources) >= n:
        raw = graph.betweenness(directed=False)
        return {node: 2 * raw[i] / ((n - 1) * (n - 2)) for i, node in enumerate(nodes)}
    index = {node: i for i, node in enumerate(nodes)}
    raw = graph.betweenness(sources=[index[s] for s in sources], directed=False)
    k, others = len(sources), n - 2  # networkx's K_source and N - 1 (endpoints left out)
    on_source = 2 / ((k - 1) * others) if k > 1 else math.nan  # a source is no pair of its own
    off_source = 2 / (k * others)
    chosen = set(sources)
    return {
        node: raw[i] * (on_source if node in chosen else off_source) for i, node in enumerate(nodes)
    }


def centralities(
    G: nx.MultiDiGraph,
    sample_threshold: int = 1000,
    k: int = 200,
    seed: int = 42,
    *,
    projection: nx.Graph | None = None,
) -> CentralityTable:
    """Degree, betweenness and eigenvector centrality of every actor.

    Betweenness is exact up to ``sample_threshold`` actors and estimated from ``k`` source
    actors, drawn with ``seed``, above it (as :func:`networkx.betweenness_centrality` does, by
    :func:`betweenness`).
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
    projection : networkx.Graph, optional
        ``simple_projection(G)``, when the caller has it already.

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
    H = simple_projection(G) if projection is None else projection
    notes: list[str] = []
    sampled = H.number_of_nodes() > sample_threshold
    if sampled:
        # the sample networkx draws for this seed (not cryptography)
        sample = random.Random(seed).sample(list(H), min(k, H.number_of_nodes()))  # noqa: S311
        between = betweenness(H, sample)
        notes.append(
            f"Betweenness is estimated from {min(k, H.number_of_nodes())} sampled actors "
            f"(seed {seed}), as the network has more than {sample_threshold}."
        )
    else:
        between = betweenness(H)
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
            betweenness=between[n],
            eigenvector=eigenvector[n],
            component=component[n],
        )
        for n in H
    ]
    rows.sort(
        key=lambda r: (-r.betweenness, -(r.eigenvector or 0.0), -r.ties, r.label, str(r.node))
    )
    return CentralityTable(rows=rows, sampled=sampled, notes=notes)
