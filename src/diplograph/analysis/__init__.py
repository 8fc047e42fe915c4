"""Analysis of the tie network: ego networks, paths, centrality, brokers, communities, balance.

Every function takes the ``MultiDiGraph`` of :func:`diplograph.network.build_network` (actors as
nodes, ties as edges keyed by tie IRI) and reads only the attributes it needs, so a graph built
by hand works too: a node's ``label`` defaults to its id, a tie's ``polarity`` to 0.

Most measures are defined on the *undirected simple projection*: one edge between two actors
when any tie joins them, whatever its direction; self-ties are left out.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> signs = [("A", "B", "t1", 1), ("B", "C", "t2", 1), ("A", "C", "t3", -1)]
>>> keys = G.add_edges_from((a, b, tie, {"polarity": sign}) for a, b, tie, sign in signs)
>>> structural_balance(G).unbalanced_actors
('A', 'B', 'C')
"""

from diplograph.analysis.balance import AmbivalentPair, BalanceReport, Triad, structural_balance
from diplograph.analysis.brokerage import Brokerage, brokers
from diplograph.analysis.centrality import (
    CentralityRow,
    CentralityTable,
    betweenness,
    centralities,
    eigenvector,
)
from diplograph.analysis.community import communities
from diplograph.analysis.ego import ego_network
from diplograph.analysis.paths import ActorPath, Paths, PathTie, find_paths, paths_between
from diplograph.analysis.projection import simple_projection
from diplograph.analysis.report import NetworkAnalysis, analyze
from diplograph.analysis.temporal import as_of

__all__ = [
    "ActorPath",
    "AmbivalentPair",
    "BalanceReport",
    "Brokerage",
    "CentralityRow",
    "CentralityTable",
    "NetworkAnalysis",
    "PathTie",
    "Paths",
    "Triad",
    "analyze",
    "as_of",
    "betweenness",
    "brokers",
    "centralities",
    "communities",
    "ego_network",
    "eigenvector",
    "find_paths",
    "paths_between",
    "simple_projection",
    "structural_balance",
]
