"""Benchmark of the offline maps against plain pyvis (a script, not a test; it prints figures).

For seeded Barabási–Albert graphs (m=2) carrying diplograph's node and edge attributes, it
measures, for ``diplograph.maps``: the layout, the HTML generation, the file size and the
time from navigation to the first vis ``afterDrawing`` event in headless Chromium. The
baseline, in the same run, is plain pyvis 0.3.2 as its documentation shows it: ``add_node`` /
``add_edge``, default physics with stabilisation, ``cdn_resources="in_line"`` and its own
template; it gets a time limit and is reported as "did not finish" past it.

Run: ``.venv/bin/python bench/maps.py [--sizes 1000 5000 20000] [--timeout 60]``.
Needs Debian's Chromium at /usr/bin/chromium; every non-``file:`` request is aborted.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.chromium import CHROMIUM, LAUNCH_ARGS
from diplograph.maps import layout_positions, render_map

ID = "https://w3id.org/diplograph/id/"
TS = "https://w3id.org/diplograph/vocab/tie-status/"
TT = "https://w3id.org/diplograph/vocab/tie-type/"
KINDS = ["state"] * 6 + ["person", "intergovernmental organisation", "multinational force"]
TIE_TYPES = ["TroopContribution", "DiplomaticRelations", "Conflict", "PoliceTraining", "Command"]
STATUSES = ["Active", "Pledged", "Planned", "Ended"]
# Each page reports its first vis draw (ms since navigation) on the console, so that the time
# limit holds even while a page's main thread is busy (Playwright's wait_for_function cannot
# time out then: a 20k-node physics page kept it waiting 150 s past a 20 s limit).
PYVIS_PROBE = """
(function poll() {
  if (window.network && window.network.once) {
    window.network.once("afterDrawing",
                        () => console.log("bench-first-draw " + performance.now()));
  } else {
    requestAnimationFrame(poll);
  }
})();
"""
DIPLOGRAPH_PROBE = """
(function poll() {
  const map = window.diplographMap;
  if (map && map.firstDrawMs !== null) {
    console.log("bench-first-draw " + map.firstDrawMs);
  } else {
    requestAnimationFrame(poll);
  }
})();
"""


def synthetic_network(nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """A Barabási–Albert graph (m=2) with the attributes ``build_network`` gives."""
    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(nodes, 2, seed=seed)
    network = nx.MultiDiGraph(query="bench", params={"nodes": str(nodes)}, as_of=None)
    for node in skeleton:
        label = f"Actor {node}"
        network.add_node(
            f"{ID}actor-{node}",
            label=label,
            kind=KINDS[node % len(KINDS)],
            names=[label, f"ممثل {node}", f"A{node:05d}"],
            iso3=f"X{node % 1000:03d}",
        )
    for index, (u, v) in enumerate(skeleton.edges()):
        tie_type = TIE_TYPES[index % len(TIE_TYPES)]
        status = STATUSES[index % len(STATUSES)]
        begin = end = None
        if rng.random() < 0.3:
            begin = date(1990, 1, 1) + timedelta(days=rng.randrange(12_000))
            if rng.random() < 0.5:
                end = begin + timedelta(days=rng.randrange(1, 3_000))
        quote = (
            f"Actor {u} and Actor {v} agreed on {tie_type.lower()} "
            f"after talks in the capital, officials said on tie {index}."
        )
        source = f"Bench document {index % 97}"
        network.add_edge(
            f"{ID}actor-{u}",
            f"{ID}actor-{v}",
            key=f"{ID}bench-tie-{index}",
            tie_type=TT + tie_type,
            tie_type_label=tie_type,
            directed=True,
            status=TS + status,
            status_label=status.lower(),
            polarity=-1 if tie_type == "Conflict" else 1,
            weight=round(rng.uniform(-10, 10), 1),
            confidence=0.9,
            begin=begin,
            end=end,
            quantity=None,
            quantity_max=None,
            unit=None,
            quote=quote,
            source=source,
            evidence=[{"quote": quote, "document": f"{ID}doc", "source": source, "line": 1}],
        )
    return network


def pyvis_baseline(network: nx.MultiDiGraph, path: Path) -> tuple[float, float]:
    """Plain pyvis: returns (build seconds, HTML seconds) and writes the page to ``path``."""
    from pyvis.network import Network

    start = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in network.nodes(data=True):
        net.add_node(node, label=data["label"], title=data["label"])
    for source, target, data in network.edges(data=True):
        net.add_edge(source, target, title=data["quote"], value=abs(data["weight"]))
    built = time.perf_counter()
    html = net.generate_html()
    generated = time.perf_counter()
    path.write_text(html, encoding="utf-8")
    return built - start, generated - built


@dataclass
class Draw:
    """What the browser did: first draw (ms from navigation), or why it did not finish."""

    first_draw_ms: float | None
    wall_s: float
    blocked: int
    note: str = ""


def first_draw(path: Path, probe: str, timeout_s: float) -> Draw:
    """Open ``path`` in a fresh headless Chromium; wait for ``probe`` to report the first draw."""
    from playwright.sync_api import Error, sync_playwright

    blocked: list[str] = []

    def offline(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 800},
        )
        try:
            context.route("**/*", offline)
            page = context.new_page()
            page.add_init_script(probe)
            start = time.perf_counter()
            try:
                with page.expect_console_message(
                    lambda message: message.text.startswith("bench-first-draw "),
                    timeout=timeout_s * 1000,  # kept by Playwright's driver, not by the page
                ) as message:
                    page.goto(path.as_uri(), wait_until="commit")
                milliseconds = float(message.value.text.split()[1])
                return Draw(milliseconds, time.perf_counter() - start, len(blocked))
            except Error as error:
                note = str(error).splitlines()[0][:80]
                return Draw(None, time.perf_counter() - start, len(blocked), note)
        finally:
            context.close()


def _seconds(value: float | None) -> str:
    return "did not finish" if value is None else f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 20_000])
    parser.add_argument("--timeout", type=float, default=60.0, help="baseline limit, seconds")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="keep the pages in this folder")
    args = parser.parse_args()
    folder = args.out or Path(tempfile.mkdtemp(prefix="diplograph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        network = synthetic_network(size)
        start = time.perf_counter()
        positions = layout_positions(network, seed=0)
        layout_s = time.perf_counter() - start
        start = time.perf_counter()
        page = render_map(network, positions=positions, max_nodes=None)
        html_s = time.perf_counter() - start
        ours = folder / f"diplograph-{size}.html"
        ours.write_text(page.html, encoding="utf-8")
        drawn = first_draw(ours, DIPLOGRAPH_PROBE, 60)
        ours_draw = None if drawn.first_draw_ms is None else drawn.first_draw_ms / 1000
        ours_total = None if ours_draw is None else layout_s + html_s + ours_draw
        print(
            f"diplograph {size:>6,} nodes {network.number_of_edges():>6,} ties: "
            f"layout {layout_s:.2f} s, HTML {html_s:.2f} s, {ours.stat().st_size / 1e6:.2f} MB, "
            f"first draw {_seconds(ours_draw)}, end to end {_seconds(ours_total)}, "
            f"blocked requests {drawn.blocked} {drawn.note}",
            flush=True,
        )
        if args.no_baseline:
            continue
        theirs = folder / f"pyvis-{size}.html"
        build_s, base_html_s = pyvis_baseline(network, theirs)
        base = first_draw(theirs, PYVIS_PROBE, args.timeout)
        base_draw = None if base.first_draw_ms is None else base.first_draw_ms / 1000
        base_total = None if base_draw is None else build_s + base_html_s + base_draw
        print(
            f"pyvis      {size:>6,} nodes {network.number_of_edges():>6,} ties: "
            f"build {build_s:.2f} s, HTML {base_html_s:.2f} s, "
            f"{theirs.stat().st_size / 1e6:.2f} MB, first draw {_seconds(base_draw)} "
            f"(limit {args.timeout:.0f} s, waited {base.wall_s:.1f} s), "
            f"end to end {_seconds(base_total)}, blocked requests {base.blocked}",
            flush=True,
        )
        rows.append((size, ours_draw, ours_total, base_draw, base_total, args.timeout))
    if rows:
        print("\nratios (pyvis baseline / diplograph; '>' when the baseline did not finish):")
        for size, ours_draw, ours_total, base_draw, base_total, limit in rows:
            parts = []
            for name, mine, theirs in (
                ("first draw", ours_draw, base_draw),
                ("end to end", ours_total, base_total),
            ):
                if mine is None:
                    parts.append(f"{name}: ours did not finish")
                elif theirs is None:
                    parts.append(f"{name}: > {limit / mine:.0f}x")
                else:
                    parts.append(f"{name}: {theirs / mine:.1f}x")
            print(f"  {size:>6,} nodes: " + ", ".join(parts))
    print(f"\npages in {folder}")


if __name__ == "__main__":
    main()
