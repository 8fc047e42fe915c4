"""Nothing mixed: what one store derives from its data stays with that store.

Campaign case: two ``import aggregate`` runs into different stores, one delayed, left store A
with store B's 270 aggregated ties and none of its own 68, because every on-disk store wrote its
aggregate to one shared file in the user cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.importers import aggregate_events, import_files
from diplograph.namespaces import D
from diplograph.store import Store, open_store

from .conftest import SHARED_DATA

RUS_UKR = SHARED_DATA / "gdelt-v2-rus-ukr-2022-04" / "rus_ukr_events_2022-04.csv"
RAW = SHARED_DATA / "gdelt-v1-raw-sample" / "events.csv"

pytestmark = pytest.mark.skipif(not RAW.exists(), reason="../shared/data is not here")

_TIES = """
SELECT DISTINCT ?from ?to WHERE {
  ?tie a dipl:AggregatedTie ; dipl:fromActor ?from ; dipl:toActor ?to .
}"""


def _head(source: Path, lines: int, target: Path) -> Path:
    with source.open(encoding="utf-8") as stream:
        target.write_text("".join(stream.readline() for _ in range(lines)), encoding="utf-8")
    return target


def _pairs(store: Store) -> set[tuple[str, str]]:
    return {(str(a), str(b)) for a, b in store.select_values(_TIES)[1]}


def test_a_delayed_aggregation_keeps_its_own_ties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Store A aggregates; before A loads its file, store B aggregates too. A ends with A's
    ties (Russia to Ukraine only), B with B's, each in a file of its own."""
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path / "cache"))
    first = open_store(f"oxigraph:{tmp_path / 'a'}")
    second = open_store(f"oxigraph:{tmp_path / 'b'}")
    try:
        import_files(first, "gdelt", [_head(RUS_UKR, 300, tmp_path / "rus-ukr.csv")])
        import_files(second, "gdelt", [_head(RAW, 300, tmp_path / "raw.csv")])
        own = _pairs(first)  # before aggregating: none yet
        assert own == set()

        load = first.load

        def delayed(path: Path | str, **options: object) -> object:
            aggregate_events(second)  # B's run finishes while A's is between writing and loading
            return load(path, **options)  # type: ignore[arg-type]

        monkeypatch.setattr(first, "load", delayed)
        report = aggregate_events(first)
        assert report.ties > 0
        pairs_a, pairs_b = _pairs(first), _pairs(second)
        russia_ukraine = {(str(D.russia), str(D.ukraine))}
        assert pairs_a == russia_ukraine, "store A holds ties that are not from its own events"
        assert pairs_b
        assert pairs_b != russia_ukraine
        assert report.file is not None
        assert report.file.is_relative_to(tmp_path / "a")
        assert not (tmp_path / "cache").exists()  # nothing of an on-disk store in the user cache
    finally:
        first.close()
        second.close()
