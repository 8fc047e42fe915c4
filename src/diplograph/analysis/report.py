"""Every measure of ``diplograph analyze`` at once: what the command prints, as objects.

``diplograph analyze`` and :meth:`diplograph.api.KnowledgeGraph.analyze` both call
:func:`analyze`, so the table on the terminal and the objects in a notebook are the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.analysis.balance import BalanceReport, structural_balance
from diplograph.analysis.brokerage import Brokerage, brokers
from diplograph.analysis.centrality import CentralityTable, centralities
from diplograph.analysis.community import communities
from diplograph.analysis.projection import simple_projection

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["NetworkAnalysis", "analyze"]


@dataclass(frozen=True)
class NetworkAnalysis:
    """Centrality, brokerage, structural balance and communities of one tie network.

    ``communities`` maps each actor to its community number (0 the largest); ``network`` is the
    graph they were measured on, with the counts of what it holds and left out.
    """

    network: nx.MultiDiGraph = field(repr=False)
    centrality: CentralityTable
    brokerage: Brokerage
    balance: BalanceReport
    communities: dict[Any, int]
    #: the undirected simple projection the measures were taken on (made once, kept: it is not
    #: cheap at tens of thousands of ties)
    projection: nx.Graph = field(repr=False)

    def groups(self) -> dict[int, list[Any]]:
        """The actors of each community, largest community first."""
        found: dict[int, list[Any]] = {}
        for node, number in self.communities.items():
            found.setdefault(number, []).append(node)
        return found


def analyze(network: nx.MultiDiGraph) -> NetworkAnalysis:
    """Measure ``network`` (from :func:`diplograph.network.build_network`) every way
    ``diplograph analyze`` does; an empty network gives empty tables.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("A", "B", key="t1", polarity=1)
    't1'
    >>> G.add_edge("B", "C", key="t2", polarity=1)
    't2'
    >>> found = analyze(G)
    >>> found.brokerage.articulation_points, found.centrality.rows[0].label
    (['B'], 'B')
    """
    projection = simple_projection(network)
    return NetworkAnalysis(
        network=network,
        centrality=centralities(network, projection=projection),
        brokerage=brokers(network, projection=projection),
        balance=structural_balance(network),
        communities=communities(network, projection=projection),
        projection=projection,
    )
