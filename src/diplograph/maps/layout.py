"""Where actors go: the most connected actors when a network is too big, seeded igraph positions."""

from __future__ import annotations

import math
import statistics
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from diplograph.defaults import MAX_NODES
from diplograph.seeded import seeded_igraph

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["DEFAULT_MAX_NODES", "layout_positions", "layout_rounds", "limit_network", "separate"]

#: the most actors a map shows unless told otherwise; bigger networks keep the most connected
DEFAULT_MAX_NODES = MAX_NODES
_EDGE_SPACING = 150.0  # median edge length of the drawn layout, in pixels
_ROOM_PER_NODE = 90.0  # side of the square each actor gets at least, in pixels
_GRID_LAYOUT_ABOVE = 200  # igraph's grid Fruchterman-Reingold above this many nodes (faster)
_LAYOUT_WORK = 2_000_000  # Fruchterman-Reingold rounds times actors, at most (500 rounds up to
_LAYOUT_ROUNDS = (100, 500)  # 4,000 actors, 100 at 20,000): the least and most rounds
_RADIUS = 10.0  # an actor's radius in pixels, unless told
_GAP = 6.0  # pixels kept between two actors' shapes


def limit_network(network: nx.MultiDiGraph, max_nodes: int | None) -> nx.MultiDiGraph:
    """The ``max_nodes`` most connected actors and the ties among them (``network`` if it fits).

    Ties in degree are broken by label, then node id, so the choice is repeatable.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("a", "b"), ("c", "hub")])
    >>> sorted(limit_network(g, 3)), limit_network(g, None) is g
    (['a', 'b', 'hub'], True)
    """
    if max_nodes is None or network.number_of_nodes() <= max_nodes:
        return network
    if max_nodes < 0:
        raise ValueError(f"max_nodes must be 0 or more, not {max_nodes}")
    degree = dict(network.degree())
    ranked = sorted(
        network.nodes,
        key=lambda n: (-degree[n], str(network.nodes[n].get("label") or n), str(n)),
    )
    limited: nx.MultiDiGraph = network.subgraph(ranked[:max_nodes]).copy()
    return limited


def layout_rounds(actors: int) -> int:
    """The Fruchterman-Reingold rounds of a map of ``actors``: igraph's 500 up to 4,000 actors,
    fewer above so that the work stays within :data:`_LAYOUT_WORK` (at least 100).

    >>> layout_rounds(227), layout_rounds(5_000), layout_rounds(20_000), layout_rounds(10**6)
    (500, 400, 100, 100)
    """
    least, most = _LAYOUT_ROUNDS
    return max(least, min(most, _LAYOUT_WORK // max(actors, 1)))


def _fruchterman_reingold(
    count: int, links: Sequence[tuple[int, int]], rounds: int = _LAYOUT_ROUNDS[1]
) -> list[tuple[float, float]]:
    """igraph's Fruchterman-Reingold positions of ``count`` vertices (grid variant when big;
    ``rounds`` iterations), scaled so that the median link is :data:`_EDGE_SPACING` long, or
    more where each vertex would otherwise get less than a :data:`_ROOM_PER_NODE` square;
    centred on the origin."""
    import igraph

    if count == 1:
        return [(0.0, 0.0)]
    graph = igraph.Graph(n=count, edges=list(links))
    layout = graph.layout_fruchterman_reingold(grid=count > _GRID_LAYOUT_ABOVE, niter=rounds)
    coords = [(float(x), float(y)) for x, y in layout.coords]
    lengths = [math.dist(coords[a], coords[b]) for a, b in links]
    median = statistics.median(lengths) if lengths else 1.0
    scale = _EDGE_SPACING / median if median > 0 else _EDGE_SPACING
    # dense graphs (hubs with many short ties) also get room: at least room² pixels per actor.
    # The area is at least the square of the long side shared among the actors: a layout on a
    # line (two actors, a chain) has almost no height, and dividing by it would blow the
    # positions up to billions of pixels, which the browser then shows as specks.
    width = max(x for x, _ in coords) - min(x for x, _ in coords)
    height = max(y for _, y in coords) - min(y for _, y in coords)
    area = max(width * height, max(width, height) ** 2 / len(coords))
    if area > 0:
        scale = max(scale, math.sqrt(len(coords) * _ROOM_PER_NODE**2 / area))
    cx = statistics.fmean(x for x, _ in coords)
    cy = statistics.fmean(y for _, y in coords)
    return [((x - cx) * scale, (y - cy) * scale) for x, y in coords]


def layout_positions(
    network: nx.Graph,
    seed: int = 0,
    *,
    communities: Mapping[Hashable, int] | None = None,
    radii: Mapping[Hashable, float] | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Repeatable 2-D positions in pixels, communities apart, no two actors overlapping.

    The same graph and ``seed`` give the same positions, whatever the order nodes were added
    in. Positions come from igraph's Fruchterman-Reingold (its grid variant above 200 actors,
    fewer rounds above 4,000: :func:`layout_rounds`; networkx's ``spring_layout`` takes minutes
    at 20k actors: bench/README.md), scaled so that the median tie is 150 pixels long, or more
    where actors would otherwise get less than a 90-pixel square each. With ``communities``
    (actor -> number), each community
    is laid out on its own, the communities are then placed by the links between them and
    pushed apart until their discs keep a gap, so communities lie apart and each hub sits in
    its own community rather than all in the middle. The drawing is turned so that its long
    side lies across, as screens do; then actors that still overlap (by ``radii``, pixels;
    10 unless told) are pushed apart.

    >>> import networkx as nx
    >>> g = nx.path_graph(4)
    >>> layout_positions(g, seed=1) == layout_positions(nx.path_graph([3, 2, 1, 0]), seed=1)
    True
    >>> layout_positions(nx.empty_graph(1))
    {0: (0.0, 0.0)}
    >>> two = layout_positions(nx.path_graph(2))  # on a line: 180 pixels apart, not billions
    >>> round(abs(two[0][0] - two[1][0]) + abs(two[0][1] - two[1][1]))
    180
    >>> apart = layout_positions(nx.barbell_graph(5, 0), communities={**dict.fromkeys(range(5),
    ...     0), **dict.fromkeys(range(5, 10), 1)})
    >>> import math; math.dist(apart[0], apart[9]) > 300
    True
    """
    nodes = sorted(network.nodes, key=str)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    links = sorted(
        {(min(index[u], index[v]), max(index[u], index[v])) for u, v in network.edges() if u != v}
    )
    rounds = layout_rounds(len(nodes))
    with seeded_igraph(seed):
        if communities is None:
            coords = _fruchterman_reingold(len(nodes), links, rounds)
        else:
            coords = _community_layout(nodes, links, communities, rounds)
    coords = _landscape(coords)
    sizes = [float((radii or {}).get(node, _RADIUS)) for node in nodes]
    separated = separate(coords, sizes)
    return {
        node: (round(x, 1) + 0.0, round(y, 1) + 0.0)
        for node, (x, y) in zip(nodes, separated, strict=True)
    }


def _community_layout(
    nodes: Sequence[Hashable],
    links: Sequence[tuple[int, int]],
    communities: Mapping[Hashable, int],
    rounds: int = _LAYOUT_ROUNDS[1],
) -> list[tuple[float, float]]:
    """Each community laid out alone (``rounds`` iterations), the communities placed by the
    links between them."""
    group_of: list[int] = []
    numbers: dict[tuple[str, int], int] = {}
    for i, node in enumerate(nodes):
        number = communities.get(node)
        name = ("community", number) if number is not None else ("alone", i)
        group_of.append(numbers.setdefault(name, len(numbers)))
    members: list[list[int]] = [[] for _ in numbers]
    for i, number_ in enumerate(group_of):
        members[number_].append(i)
    inside: list[list[tuple[int, int]]] = [[] for _ in numbers]
    between: dict[tuple[int, int], int] = {}
    for a, b in links:
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            inside[ga].append((a, b))
        else:
            link = (min(ga, gb), max(ga, gb))
            between[link] = between.get(link, 0) + 1
    coords: list[tuple[float, float]] = [(0.0, 0.0)] * len(nodes)
    radius: list[float] = []
    for group, people in enumerate(members):
        local = {person: k for k, person in enumerate(people)}
        placed = _fruchterman_reingold(
            len(people), [(local[a], local[b]) for a, b in inside[group]], rounds
        )
        for person, point in zip(people, placed, strict=True):
            coords[person] = point
        radius.append(max(math.hypot(x, y) for x, y in placed) + _ROOM_PER_NODE / 2)
    centres = _fruchterman_reingold(len(members), sorted(between))
    # as close as their discs allow: linked communities about touching, then pushed apart
    ratios = [
        (radius[a] + radius[b]) / max(math.dist(centres[a], centres[b]), 1e-6) for a, b in between
    ]
    spread = statistics.median(ratios) if ratios else max(radius) / (_EDGE_SPACING / 2)
    centres = separate([(x * spread, y * spread) for x, y in centres], radius, gap=_ROOM_PER_NODE)
    return [
        (coords[i][0] + centres[group][0], coords[i][1] + centres[group][1])
        for i, group in enumerate(group_of)
    ]


def _landscape(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """``coords`` turned about their centre so that their long axis lies across.

    >>> [tuple(round(v) for v in p) for p in _landscape([(0.0, -50.0), (0.0, 50.0)])]
    [(-50, 0), (50, 0)]
    """
    if len(coords) < 2:
        return coords
    cx = statistics.fmean(x for x, _ in coords)
    cy = statistics.fmean(y for _, y in coords)
    sxx = sum((x - cx) ** 2 for x, _ in coords)
    syy = sum((y - cy) ** 2 for _, y in coords)
    sxy = sum((x - cx) * (y - cy) for x, y in coords)
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)  # the principal axis
    cos, sin = math.cos(-angle), math.sin(-angle)
    return [((x - cx) * cos - (y - cy) * sin, (x - cx) * sin + (y - cy) * cos) for x, y in coords]


def _near_pairs(at: Any, reach: float) -> tuple[Any, Any]:
    """The index pairs ``(a, b)``, ``a`` before ``b`` in some order, of the points ``at`` (an
    n x 2 numpy array) closer than ``reach``: through a grid of cells of side ``reach``, each
    point against those of its own cell and of the four cells after it."""
    import numpy as np

    n = len(at)
    ids = np.arange(n)
    cells = np.floor(at / reach).astype(np.int64)
    cells -= cells.min(axis=0) - 1  # non-negative, with room for the -1 neighbours
    width = int(cells[:, 1].max()) + 3
    key = cells[:, 0] * width + cells[:, 1]
    order = np.argsort(key, kind="stable")
    ranked = key[order]
    firsts, seconds = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):  # each pair of cells once
        near = (cells[:, 0] + dx) * width + cells[:, 1] + dy
        low = np.searchsorted(ranked, near, "left")
        count = np.searchsorted(ranked, near, "right") - low
        first = np.repeat(ids, count)
        offset = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        second = order[np.repeat(low, count) + offset]
        keep = first < second if (dx, dy) == (0, 0) else np.ones(len(first), dtype=bool)
        firsts.append(first[keep])
        seconds.append(second[keep])
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    delta = at[b] - at[a]
    close = np.hypot(delta[:, 0], delta[:, 1]) < reach
    return a[close], b[close]


def separate(
    points: Sequence[tuple[float, float]],
    radii: Sequence[float],
    gap: float = _GAP,
    rounds: int = 60,
) -> list[tuple[float, float]]:
    """``points`` moved apart until no two circles (``radii``) come closer than ``gap``.

    Each round pushes every overlapping pair apart by half its overlap; coincident points part
    along a direction fixed by their indices. Stops when nothing overlaps, or after ``rounds``.
    The pairs that may overlap are found through a grid (:func:`_near_pairs`) twice as wide as
    the largest two circles and their gap, and found again only once some point has moved
    more than half that margin since (so 20,000 actors take a fraction of a second).

    >>> separate([(0.0, 0.0), (1.0, 0.0)], [10.0, 10.0], gap=2.0)
    [(-10.6, 0.0), (11.6, 0.0)]
    """
    import numpy as np

    if not points:
        return []
    at = np.array(points, dtype=float)
    radius = np.array(radii, dtype=float)
    cell = 2 * float(radius.max()) + gap  # no two circles farther apart than this overlap
    margin = cell
    moved = np.full(len(at), np.inf)  # how far each point moved since the pairs were found
    a = b = np.zeros(0, dtype=np.int64)
    for _ in range(rounds):
        if 2 * float(moved.max()) >= margin:
            a, b = _near_pairs(at, cell + margin)
            moved[:] = 0.0
        delta = at[b] - at[a]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        least = radius[a] + radius[b] + gap
        close = distance < least - 0.05  # a twentieth of a pixel is no overlap
        if not close.any():
            break
        ca, cb, delta = a[close], b[close], delta[close]
        distance, least = distance[close], least[close]
        same = distance < 1e-9
        angle = ((np.minimum(ca, cb) * 7 + np.maximum(ca, cb) * 13) % 360) * np.pi / 180
        delta[same] = np.column_stack((np.cos(angle[same]), np.sin(angle[same])))
        distance[same] = 1.0
        push = np.where(same, least / 2, (least - distance) / 2) + 0.1  # a little past
        step = delta / distance[:, None] * push[:, None]
        moves = np.zeros_like(at)
        np.add.at(moves, ca, -step)
        np.add.at(moves, cb, step)
        at += moves
        moved += np.hypot(moves[:, 0], moves[:, 1])
    return [(float(x), float(y)) for x, y in at]
