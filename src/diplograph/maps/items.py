"""The vis-network data of a map: actors, one edge per pair, every tie behind them, measures,
communities and positions, gathered in :class:`MapItems`; pyvis's ``Network`` holds the vis
nodes and pair edges."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.iri import local_name
from diplograph.maps import pairs as pair_room
from diplograph.maps import ties as tie_room
from diplograph.maps._common import _LARGE_MAP_EDGES
from diplograph.maps.layout import layout_positions
from diplograph.maps.measures import MEASURES, map_communities, measures, pair_graph, sizes
from diplograph.maps.pairs import (
    STRONGEST_PER_ACTOR,
    Pair,
    bundle,
    cut_pairs,
    default_strength,
    mean_weight,
    pair_item,
    strongest,
    strongest_pairs,
    weighted,
)
from diplograph.maps.styles import community_color, style_of_kind
from diplograph.maps.ties import tie_columns, tie_records

if TYPE_CHECKING:
    import networkx as nx
    from pyvis.network import Network

__all__ = ["MapItems", "build_pyvis", "map_items"]


@dataclass
class MapItems:
    """Everything a map page draws from, in plain values.

    ``nodes`` and ``pairs`` are vis items (``pairs`` one edge per pair, ``p<index>``);
    ``node_info`` each node's names (and Wikidata id) for its details and the search;
    ``ties`` the columns of every tie kept, grouped by pair (pair ``i`` holds ``pair_ties[i]``
    ties from ``pair_start[i]``);
    ``communities`` one row per community; ``strength`` the minimum strength of the first view;
    ``kept_strongest`` how each actor's strongest pairs were chosen (shown whatever the
    strength: ``per_actor``, ``by`` "weight" or "ties", and how many ``pairs`` they are);
    ``cut`` what the page's room left out (pairs and the ties behind them).
    """

    nodes: list[dict[str, Any]]
    node_info: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    pair_start: list[int]
    pair_ties: list[int]
    pair_top: list[list[int]]
    ties: dict[str, Any]
    communities: list[dict[str, Any]]
    strength: int
    kept_strongest: dict[str, Any] = field(default_factory=dict)
    cut: dict[str, int] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


def _node_item(
    node: Hashable,
    data: Mapping[str, Any],
    position: tuple[float, float],
    measured: Mapping[str, float],
    sized: Mapping[str, float],
    community: int,
) -> tuple[dict[str, Any], dict[str, Any]]:
    label = str(data.get("label") or local_name(str(node)))
    kind = str(data.get("kind") or "actor")
    style = style_of_kind(kind)
    names: list[str] = []
    for name in [label, *(data.get("names") or []), data.get("iso3"), data.get("cow")]:
        if name and str(name) not in names:
            names.append(str(name))
    # the details' rows (kind, aliases, measures, community) are written by the page from these
    info: dict[str, Any] = {"names": names}
    if data.get("wikidata"):
        info["wikidata"] = local_name(str(data["wikidata"]))
    item = {
        "id": str(node),
        "label": label,
        "x": position[0],
        "y": position[1],
        "shape": style["shape"],
        "color": style["color"],
        "size": sized["ties"],
        "kind": kind,
        "community": community,
        "measures": [round(measured[m], 6) for m in MEASURES],
        "sizes": [sized[m] for m in MEASURES],
    }
    return item, info


def map_items(
    network: nx.MultiDiGraph,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    seed: int = 0,
    *,
    max_ties: int | None = None,
    max_pairs: int | None = None,
    detail_bytes: int | None = None,
) -> MapItems:
    """The map of ``network``: its ties bundled into pairs (the strongest kept within
    ``max_ties`` ties and ``max_pairs`` pairs: :data:`~diplograph.maps.pairs.MAX_PAGE_TIES` and
    :data:`~diplograph.maps.pairs.MAX_PAGE_PAIRS` unless told), the details of ties kept within
    ``detail_bytes`` (:func:`~diplograph.maps.ties.detail_room`), actors measured, grouped into
    communities and placed (``positions``, or a seeded layout that keeps communities apart)."""

    every: list[Pair] = []
    kept: list[Pair] = []

    def keep(short: list[dict[str, Any]]) -> set[int]:
        every.extend(bundle(short))
        kept.extend(
            cut_pairs(
                every,
                pair_room.MAX_PAGE_TIES if max_ties is None else max_ties,
                pair_room.MAX_PAGE_PAIRS if max_pairs is None else max_pairs,
            )
        )
        return {i for pair in kept for i in pair.members}

    records = tie_records(network, keep)
    cut = {
        "pairs": len(every) - len(kept),
        "ties": sum(len(p.members) for p in every) - sum(len(p.members) for p in kept),
    }
    # a weighted map (voting agreement) groups and ranks pairs by their ties' mean weight
    weights = [mean_weight(pair, records) for pair in kept]
    by_weight = weighted(records, [i for pair in kept for i in pair.members])
    links: dict[tuple[Any, Any], int] = {}
    strengths: dict[tuple[Any, Any], float] = {}
    for pair, weight in zip(kept, weights, strict=True):
        link = (pair.source, pair.target)
        links[link] = links.get(link, 0) + len(pair.members)
        if by_weight:  # a link's strength is at least a little, so that Leiden keeps it
            strengths[link] = strengths.get(link, 0.0) + max(abs(weight or 0.0), 1e-6)
    ids = {str(node): node for node in sorted(network.nodes, key=str)}
    if len(ids) != network.number_of_nodes():
        raise ValueError("node ids must stay distinct as text (str(node))")
    graph = pair_graph(list(ids), links, strengths if by_weight else None)
    measured = measures(graph)
    sized = {name: sizes(values) for name, values in measured.items()}
    found = map_communities(network_view(network, ids), graph, seed)
    if positions is None:
        radii: dict[Hashable, float] = {node: max(sized[m][node] for m in MEASURES) for node in ids}
        placed = layout_positions(graph, seed=seed, communities=found, radii=radii)
    else:
        placed = {str(node): position for node, position in positions.items()}
    nodes, node_info = [], []
    for text, node in ids.items():
        number = found.get(text, -1)
        item, info = _node_item(
            node,
            network.nodes[node],
            placed.get(text, (0.0, 0.0)),
            {m: measured[m][text] for m in MEASURES},
            {m: sized[m][text] for m in MEASURES},
            number,
        )
        nodes.append(item)
        node_info.append(info)
    order: list[int] = []
    starts: list[int] = []
    tops: list[list[int]] = []
    pairs: list[dict[str, Any]] = []
    chosen = strongest_pairs(kept, weights, by_weight)
    best: list[list[int]] = []  # each pair's strongest ties, as indices into records
    for index, pair in enumerate(kept):
        starts.append(len(order))
        order.extend(pair.members)
        top = strongest(pair, records)
        best.append(top)
        tops.append([pair.members.index(i) for i in top])  # places within the pair
        pairs.append(
            pair_item(index, pair, records, weight=weights[index], strongest=chosen[index])
        )
    priority = _detail_priority(kept, best)
    columns = tie_columns(
        records,
        order,
        priority,
        tie_room.detail_room(len(order), len(kept), network.number_of_nodes())
        if detail_bytes is None
        else detail_bytes,
    )
    members: dict[int, list[str]] = {}
    for node, number in found.items():
        members.setdefault(number, []).append(node)
    communities = [
        {
            "number": number,
            "size": len(group),
            "color": community_color(number, len(group)),
            "label": _community_label(network, ids, group, measured["ties"]),
        }
        for number, group in sorted(members.items())
    ]
    return MapItems(
        nodes=nodes,
        node_info=node_info,
        pairs=pairs,
        pair_start=starts,
        pair_ties=[len(p.members) for p in kept],
        pair_top=tops,
        ties=columns,
        communities=communities,
        strength=default_strength(
            [len(p.members) for p, first in zip(kept, chosen, strict=True) if not first],
            len(nodes),
            kept=sum(chosen),
        ),
        kept_strongest={
            "per_actor": STRONGEST_PER_ACTOR,
            "by": "weight" if by_weight else "ties",
            "pairs": sum(chosen),
        },
        cut=cut,
        sources=source_names([records[i] for i in order]),
    )


def network_view(network: nx.MultiDiGraph, ids: Mapping[str, Hashable]) -> nx.MultiDiGraph:
    """``network`` with its nodes named by their text ids (as the pair graph names them)."""
    if all(isinstance(node, str) for node in ids.values()):
        return network
    import networkx as nx

    relabelled: nx.MultiDiGraph = nx.relabel_nodes(network, {v: k for k, v in ids.items()})
    return relabelled


def _community_label(
    network: nx.MultiDiGraph,
    ids: Mapping[str, Hashable],
    group: list[str],
    ties: Mapping[str, float],
) -> str:
    """A community is named after its two most connected actors."""
    members = sorted(
        group, key=lambda node: (-ties[node], str(network.nodes[ids[node]].get("label") or node))
    )
    names = [
        str(network.nodes[ids[node]].get("label") or local_name(str(node))) for node in members
    ]
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2:,} more"


def source_names(records: list[dict[str, Any]], most: int = 6) -> list[str]:
    """The sources behind ``records``, most used first. Documents labelled ``NAME (DATASET)``
    count as their dataset when two or more share it, so that a map of 154 files of one
    database names the database.

    >>> source_names([{"evidence": [{"source": "Samoa.csv (IPI database)"}]},
    ...     {"evidence": [{"source": "Fiji.csv (IPI database)"}]},
    ...     {"evidence": [{"source": "Seed article (Morocco joins the ISF)"}]}])
    ['IPI database', 'Seed article (Morocco joins the ISF)']
    """
    labels: dict[str, int] = {}
    for record in records:
        for item in record["evidence"]:
            name = str(item["source"]).strip()
            if name:
                labels[name] = labels.get(name, 0) + 1
    datasets: dict[str, set[str]] = {}
    for name in labels:
        if name.endswith(")") and " (" in name:
            datasets.setdefault(name[name.rindex(" (") + 2 : -1], set()).add(name)
    counts: dict[str, int] = {}
    for name, count in labels.items():
        dataset = name[name.rindex(" (") + 2 : -1] if name.endswith(")") and " (" in name else None
        key = dataset if dataset is not None and len(datasets[dataset]) > 1 else name
        counts[key] = counts.get(key, 0) + count
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    if len(ranked) > most:
        return [*ranked[: most - 1], f"{len(ranked) - most + 1:,} more sources"]
    return ranked


def _detail_priority(pairs: list[Pair], tops: list[list[int]]) -> list[int]:
    """Which ties' details the page keeps first: each pair's strongest (``tops``, from
    :func:`~diplograph.maps.pairs.strongest`), pair by pair (strongest pair first), then each
    pair's next two, then every other tie in pair order."""
    order = [top[0] for top in tops if top]
    order += [i for top in tops for i in top[1:]]
    order += [i for pair in pairs for i in pair.members]
    return order


def vis_options(edge_count: int) -> dict[str, Any]:
    """vis-network's options: physics off (positions are given), our own labels and tooltips."""
    # Above _LARGE_MAP_EDGES each redraw takes long enough (bench/README.md) that hover
    # highlights, which redraw whenever the pointer crosses a tie, would freeze the page; such
    # maps show details on click instead.
    large = edge_count > _LARGE_MAP_EDGES
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": not large,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
        "nodes": {"borderWidth": 1, "font": {"size": 0}},
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.55}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
    }


def build_pyvis(
    network: nx.MultiDiGraph,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    seed: int = 0,
) -> Network:
    """A pyvis ``Network`` holding the map's vis nodes and its edges, one per pair.

    ``net.nodes`` and ``net.edges`` are filled directly: pyvis 0.3.2's ``add_edge`` scans every
    node per call. Render the map with :func:`~diplograph.maps.render_map`, not pyvis's own
    template, which loads Bootstrap from a CDN.
    """
    return to_pyvis(map_items(network, positions, seed))


def to_pyvis(items: MapItems) -> Network:
    """The pyvis ``Network`` of ``items``: its nodes, pair edges and vis options."""
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.nodes = items.nodes
    net.edges = items.pairs
    net.node_ids = [item["id"] for item in items.nodes]
    net.node_map = {item["id"]: item for item in items.nodes}
    net.options = vis_options(len(items.pairs))
    return net
