"""The timeline under the map: a histogram of ties in force and events, a brush that picks a
period (the three-valued rule at its ends, as Python applies it), and Play."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from diplograph.network import in_force_during

from .conftest import MapPage, RealMaps, states_in_period

pytestmark = pytest.mark.browser

OpenMap = Callable[[Path], MapPage]
BINS = "() => window.diplographMap.timelineBins()"


def test_the_histogram_counts_what_python_counts(open_map: OpenMap, real_maps: RealMaps) -> None:
    page = open_map(real_maps.all_path)
    bins = page.js(BINS)
    # by year: the built-in graph's dated ties run from 1999 (Mohammed VI's reign) to 2014
    assert [b["start"] for b in bins[:2]] == ["1999-01-01", "2000-01-01"]
    assert bins[-1]["end"] == "2014-12-31"
    for chosen in bins:
        ties = events = 0
        for _, _, data in real_maps.everything.edges(data=True):
            if data.get("begin") is None:
                continue
            if data["kind"] == "event":
                events += chosen["start"] <= data["begin"].isoformat() <= chosen["end"]
            else:
                ties += (
                    in_force_during(
                        chosen["start"],
                        chosen["end"],
                        begin=data["begin"],
                        end=data.get("end"),
                        status=data.get("status"),
                        exists_from=data.get("exists_from"),
                        exists_until=data.get("exists_until"),
                    )
                    is True
                )
        assert (chosen["ties"], chosen["events"]) == (ties, events), chosen
    assert page.page.locator("#histogram rect.bar-ties").count() == len(bins)


def test_brushing_a_period_shows_the_ties_in_force_then(
    open_map: OpenMap, real_maps: RealMaps
) -> None:
    page = open_map(real_maps.all_path)
    page.js("() => window.diplographMap.setMinStrength(1)")
    page.js("() => window.diplographMap.setAllTies(true)")
    bins = page.js(BINS)
    box = page.page.locator("#histogram").bounding_box()
    assert box is not None
    width = box["width"] / len(bins)
    y = box["y"] + box["height"] / 2
    start = [b["start"] for b in bins].index("2011-01-01")
    page.page.mouse.move(box["x"] + (start + 0.5) * width, y)  # in 2011
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + (start + 1.5) * width, y, steps=4)  # to 2012
    page.page.mouse.up()
    first, last = bins[start]["start"], bins[start + 1]["end"]
    assert (first, last) == ("2011-01-01", "2012-12-31")
    assert page.page.locator("#period-from").input_value() == first
    assert page.page.locator("#period-to").input_value() == last
    states = states_in_period(real_maps.everything, first, last)
    visible = page.js(
        """() => { const m = window.diplographMap;
            return m.edgeView.getIds().map((id) => m.tie(m.edges.get(id).tie).id); }"""
    )
    assert sorted(visible) == sorted(states)
    assert len(visible) < real_maps.everything.number_of_edges()
    assert (
        page.page.locator("#period-shown")
        .inner_text()
        .startswith(f"Shown: ties in force from {first} to {last}")
    )
    counts = page.page.locator("#visible-counts").inner_text()
    known = sum(1 for s in states.values() if s)
    assert counts.endswith(
        f"from {first} to {last}: {known:,} in force, {len(states) - known:,} of unknown time"
        + (" (faded)." if len(states) > known else ".")
    )


def test_play_steps_through_the_years(open_map: OpenMap, real_maps: RealMaps) -> None:
    page = open_map(real_maps.all_path)
    bins = [b for b in page.js(BINS) if b["ties"] or b["events"]]
    page.page.locator("#play").click()
    assert page.page.locator("#play").inner_text() == "Pause"
    assert page.page.locator("#period-from").input_value() == bins[0]["start"]
    page.page.wait_for_function(
        "(day) => document.getElementById('period-from').value === day",
        arg=bins[1]["start"],
        timeout=5_000,
    )
    assert page.page.locator("#period-to").input_value() == bins[1]["end"]
    page.page.locator("#play").click()
    assert page.page.locator("#play").inner_text() == "Play"
    page.page.locator("#period-clear").click()
    assert page.page.locator("#period-shown").inner_text() == "Shown: all dates."
    assert date.fromisoformat(bins[0]["start"]).year == 1999


def test_a_date_far_apart_does_not_stretch_the_timeline(
    open_map: OpenMap, real_maps: RealMaps, tmp_path: Path
) -> None:
    """One tie of 1300 (as a Wikidata inception gave) among the real map's ties of 1999-2014:
    the histogram spans the bulk, as without it, says so, and the whole span is a click away."""
    from diplograph.maps import write_map

    network = real_maps.everything.copy()
    u, v, key, data = next(
        (u, v, k, d)
        for u, v, k, d in network.edges(keys=True, data=True)
        if d["kind"] == "tie" and d.get("begin") is not None
    )
    network.add_edge(u, v, key=f"{key}-1300", **{**data, "begin": date(1300, 12, 31)})
    network.edges[u, v, f"{key}-1300"]["end"] = date(1300, 12, 31)
    path = tmp_path / "apart.html"
    write_map(network, path)
    plain = open_map(real_maps.all_path).js(BINS)
    page = open_map(path)
    assert page.js(BINS) == plain  # the bulk: the same bins and counts as without the tie
    whole = page.page.locator("#timeline-whole")
    assert whole.is_visible()
    assert whole.inner_text() == "Whole span 1300\u20132014"
    assert (
        "1 tie or event has a date far apart from the rest"
        in page.page.locator("#timeline-note").inner_text()
    )
    whole.click()
    bins = page.js(BINS)
    assert bins[0]["start"] == "1300-01-01"
    assert (len(bins), bins[-1]["end"]) == (2014 - 1300 + 1, plain[-1]["end"])
    assert page.page.locator("#timeline-first").inner_text() == "1300"
    assert page.page.locator("#period-from").get_attribute("min") == "1300-12-31"
    whole.click()
    assert page.js(BINS) == plain
    # the real map has no such date: no button
    assert not open_map(real_maps.all_path).page.locator("#timeline-whole").is_visible()
