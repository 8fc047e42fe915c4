"""A map of the voting-agreement query in a real browser: one edge per partner, drawn, each
opening into its session's tie (the query named no ties once, and the map was empty)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import diplograph
from diplograph.importers import import_files
from diplograph.maps import write_map
from diplograph.network import build_network

from ..conftest import FIXTURES
from .conftest import MapPage

pytestmark = pytest.mark.browser

MOROCCO = "https://w3id.org/diplograph/id/morocco"
OpenMap = Callable[[Path], MapPage]
DRAWN_EDGES = "() => Object.keys(window.diplographMap.network.body.edges).sort()"
# each visible edge's vis id and its two ends (actor IRIs)
PAIRS = """() => {
    const map = window.diplographMap;
    return map.edgeView.getIds().map((id) => {
        const edge = map.edges.get(id);
        return {ends: [edge.from, edge.to].sort(), id: id};
    });
}"""


def test_a_voting_agreement_map_draws_an_edge_per_partner(
    open_map: OpenMap, tmp_path: Path
) -> None:
    with diplograph.open("memory") as kg:
        import_files(kg, "unga-votes", [FIXTURES / "datasets" / "unga-votes"])
        asked = {"actor": "Morocco", "from": "2015-09-12"}  # session 70: a tie a partner
        rows = kg.query("voting-agreement", **asked).records()
        partners = {str(r["partner"]) for r in rows}
        network = build_network(kg.store, "voting-agreement", asked)
    write_map(network, tmp_path / "voting.html")
    page = open_map(tmp_path / "voting.html")
    assert page.js("document.body.dataset.state") == "drawn"
    assert len(partners) >= 3
    drawn = page.js(PAIRS)
    assert sorted(pair["ends"] for pair in drawn) == sorted(
        sorted([MOROCCO, partner]) for partner in partners
    )
    assert page.js(DRAWN_EDGES) == sorted(pair["id"] for pair in drawn)
