"""Benchmark of the offline maps (a script, not a test; it prints figures).

For each map it measures the page (``render_map``: layout and HTML, seconds of wall clock and of
the process's CPU, with the load average then; file size) and the
time from navigation to the first drawing in headless Chromium (the page's own ``firstDrawMs``:
the fitted first view). The floor, in the same run, is vis-network alone: a page holding only
vis-network 9.1.2 and the nodes (with their positions, and the labels our page drew: vis draws
a label for every node given one) and edges (solid) our page drew in its first view, physics
off, timed to its first ``afterDrawing``. Optionally plain pyvis 0.3.2 as
its documentation shows it (``add_node``/``add_edge``, physics, its own template) runs too.

Maps: seeded Barabási–Albert graphs (m=2) with diplograph's node and edge attributes
(``--sizes``); with ``--series``, a yearly series of ties between every two states present, as UN
voting agreement gives them (hundreds of thousands of ties); and, with ``--store``, the README's
real-data maps (``--real``, :data:`REAL_MAPS`): the Georgia example (``ties-in-period``),
``render --all``, and on a store holding the diplomatic datasets the map of 1900
(``representation-network``), every representation tie, Morocco's UN voting partners and the
2015 session. Real networks are built once and kept in ``--cache`` (pickles), so a before/after
comparison renders the same networks. The page build runs with the cyclic collector paused, as
the ``render`` command runs it.

Run: ``.venv/bin/python bench/maps.py [--sizes 5000 20000] [--store oxigraph-ro:PATH]
[--shots DIR] [--pyvis]``. Needs Debian's Chromium at /usr/bin/chromium; every non-``file:``
request is aborted and counted.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.bulk import gc_paused
from diplograph.maps import render_map
from diplograph.maps.export import CHROMIUM, LAUNCH_ARGS

ID = "https://w3id.org/diplograph/id/"
TS = "https://w3id.org/diplograph/vocab/tie-status/"
TT = "https://w3id.org/diplograph/vocab/tie-type/"
KINDS = ["state"] * 6 + ["person", "intergovernmental organisation", "multinational force"]
TIE_TYPES = ["TroopContribution", "DiplomaticRelations", "Conflict", "PoliceTraining", "Command"]
STATUSES = ["Active", "Pledged", "Planned", "Ended"]
#: the README's real-data maps: name -> (query, parameters, as of); query None is ``render --all``
REAL_MAPS: dict[str, tuple[str | None, dict[str, str], str | None]] = {
    "georgia": (
        "ties-in-period",
        {
            "actor": "Georgia",
            "from": "2011-06-01",
            "to": "2012-11-30",
            "type": "event interaction",
            "minEvents": "5",
        },
        None,
    ),
    "all": (None, {}, None),
    # the diplomatic datasets (import diplomatic-exchange, unga-votes): the README's map of
    # 1900, every representation tie of two centuries, and UN voting agreement: Morocco's
    # partners over 2000-2015, and every state in the 2015 session
    "representation-1900": ("representation-network", {"asOf": "1900-06-30"}, "1900-06-30"),
    "representation-all": ("ties-by-type", {"type": "diplomatic representation"}, None),
    "votes-morocco": (
        "ties-in-period",
        {
            "actor": "Morocco",
            "from": "2000-01-01",
            "to": "2015-12-31",
            "type": "UN voting agreement",
        },
        None,
    ),
    "votes-2015": ("ties-by-type", {"type": "UN voting agreement"}, "2015-12-01"),
}
# Each page reports its first draw (ms since navigation) on the console, so that the time limit
# holds even while a page's main thread is busy (Playwright's wait_for_function cannot time out
# then: a 20k-node physics page kept it waiting 150 s past a 20 s limit).
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
  if (map && map.firstDrawMs !== null && map.firstDrawMs !== undefined) {
    console.log("bench-first-draw " + map.firstDrawMs);
  } else if (document.body && ["empty", "error"].includes(document.body.dataset.state)) {
    console.log("bench-first-draw -1");
  } else {
    requestAnimationFrame(poll);
  }
})();
"""
FLOOR_PROBE = """
(function poll() {
  if (window.floorDrawMs) { console.log("bench-first-draw " + window.floorDrawMs); }
  else { requestAnimationFrame(poll); }
})();
"""
# what our page drew in its first view, for the floor page
DRAWN = """() => {
    const network = window.diplographMap.network;
    const body = network.body;
    const positions = network.getPositions(body.nodeIndices);
    const labelled = new Map((window.diplographMap.labels || []).map((l) => [l.id, l.text]));
    return {
        nodes: body.nodeIndices.map((id) => {
            const node = body.nodes[id];
            return {id: id, x: positions[id].x, y: positions[id].y,
                    label: node.options.label || labelled.get(id),
                    color: node.options.color.background, size: node.options.size,
                    shape: node.options.shape};
        }),
        edges: body.edgeIndices.filter((id) => body.edges[id].connected).map((id) => {
            const edge = body.edges[id];
            return {from: edge.fromId, to: edge.toId, color: edge.options.color.color,
                    width: edge.options.width,
                    arrows: edge.options.arrows.to.enabled ? "to" : ""};
        }),
    };
}"""
FLOOR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style>
<style>html, body, #map {{ height: 100%; margin: 0; }}</style></head><body><div id="map"></div>
<script>{js}</script><script>
const data = {data};
const network = new vis.Network(document.getElementById("map"),
  {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}},
  {{physics: {{enabled: false}}, layout: {{improvedLayout: false}},
    edges: {{smooth: false}}, interaction: {{hover: false}}}});
network.once("afterDrawing", () => {{ window.floorDrawMs = performance.now(); }});
</script></body></html>"""


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
            kind="tie",
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
            sourced=True,
            evidence=[{"quote": quote, "document": f"{ID}doc", "source": source, "line": 1}],
        )
    return network


def series_network(states: int, sessions: int, seed: int = 0) -> nx.MultiDiGraph:
    """A series of dated ties between every two states present, one per yearly session, as
    the UN General Assembly's voting agreement gives them: 51 states in the first session, the
    others joining at seeded random sessions (undirected, cooperative, weight = agreement)."""
    rng = random.Random(seed)
    network = nx.MultiDiGraph(query="series", params={"states": str(states)}, as_of=None)
    joined = sorted(rng.randrange(0, sessions) if i >= 51 else 0 for i in range(states))
    for i in range(states):
        network.add_node(f"{ID}state-{i}", label=f"State {i}", kind="state")
    for session in range(sessions):
        present = [i for i in range(states) if joined[i] <= session]
        first = date(1946 + session, 9, 15) + timedelta(days=rng.randrange(5))
        last = date(1946 + session, 12, 20)
        quote = f"session {session + 1}: roll calls of rows {session * 1000}-{session * 1000 + 999}"
        for a, u in enumerate(present):
            for v in present[a + 1 :]:
                network.add_edge(
                    f"{ID}state-{u}",
                    f"{ID}state-{v}",
                    key=f"{ID}agreement-{u}-{v}-{session}",
                    kind="tie",
                    tie_type=TT + "VotingAgreement",
                    tie_type_label="voting agreement",
                    directed=False,
                    polarity=1,
                    weight=round(rng.random(), 3),
                    begin=first,
                    end=last,
                    sourced=True,
                    evidence=[{"quote": quote, "source": "votes.csv (synthetic votes)"}],
                )
    return network


def real_network(store: str, name: str, cache: Path) -> nx.MultiDiGraph:
    """One of :data:`REAL_MAPS` built from ``store`` (kept in ``cache`` once built)."""
    kept = cache / f"{name}.pickle"
    if kept.exists():
        with kept.open("rb") as file:
            network: nx.MultiDiGraph = pickle.load(file)  # noqa: S301 (our own cache)
        return network
    import diplograph
    from diplograph.defaults import NetworkOptions

    query, params, as_of = REAL_MAPS[name]
    start = time.perf_counter()
    options = NetworkOptions(as_of=as_of) if as_of else None
    network = diplograph.open(store).network(query, options=options, **params)
    print(f"built the {name} network in {time.perf_counter() - start:.1f} s", flush=True)
    cache.mkdir(parents=True, exist_ok=True)
    with kept.open("wb") as file:
        pickle.dump(network, file)
    return network


def pyvis_baseline(network: nx.MultiDiGraph, path: Path) -> float:
    """Plain pyvis: writes the page to ``path``; returns the seconds it took."""
    from pyvis.network import Network

    start = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in network.nodes(data=True):
        net.add_node(node, label=data["label"], title=data["label"])
    for source, target, data in network.edges(data=True):
        net.add_edge(source, target, title=data["quote"], value=abs(data["weight"] or 1))
    path.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - start


def floor_page(drawn: dict[str, Any], path: Path) -> None:
    """vis-network alone, drawing ``drawn`` (what our page drew first)."""
    lib = resources.files("pyvis").joinpath("templates/lib/vis-9.1.2")
    js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    data = json.dumps(drawn).replace("<", "\\u003c")
    path.write_text(FLOOR_PAGE.format(css=css, js=js, data=data), encoding="utf-8")


@dataclass
class Draw:
    """What the browser did: first draw (ms from navigation), or why it did not finish."""

    first_draw_ms: float | None
    wall_s: float
    blocked: int
    note: str = ""
    drawn: dict[str, Any] = field(default_factory=dict)


def first_draw(
    path: Path,
    probe: str,
    timeout_s: float,
    shot: Path | None = None,
    after: Callable[[Any], dict[str, Any]] | None = None,
) -> Draw:
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
                wall = time.perf_counter() - start
                drawn = after(page) if after is not None and milliseconds >= 0 else {}
                if shot is not None:
                    page.wait_for_timeout(300)
                    shot.write_bytes(shrink(context, page.screenshot(), SHOT_SCALE))
                return Draw(
                    milliseconds if milliseconds >= 0 else None, wall, len(blocked), "", drawn
                )
            except Error as error:
                note = str(error).splitlines()[0][:80]
                return Draw(None, time.perf_counter() - start, len(blocked), note)
        finally:
            context.close()


#: screenshots are kept at this share of the window's size, to stay small in the repository
SHOT_SCALE = 0.6
SHRINK = """async ([data, scale]) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext("2d");
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL("image/png").split(",")[1];
}"""


def shrink(context: Any, png: bytes, scale: float) -> bytes:
    """``png`` scaled by ``scale``, drawn in a blank page of the same browser."""
    import base64

    page = context.new_page()
    try:
        data = page.evaluate(SHRINK, [base64.b64encode(png).decode("ascii"), scale])
    finally:
        page.close()
    return base64.b64decode(data)


#: the page's own marks (``diplographMap.timings``, ms since navigation), in the order it sets them
PHASES = ("parsed", "decoded", "counted", "items", "datasets", "filtered", "network")


def profiled_draw(path: Path, timeout_s: float, top: int = 25) -> dict[str, Any]:
    """Open ``path`` in a fresh headless Chromium with V8's sampling profiler running (through
    CDP) from navigation to the page's first draw: the page's own phase marks, and where the
    main thread's time went, by function (self time) and by script."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=LAUNCH_ARGS,
            viewport={"width": 1280, "height": 800},
        )
        try:
            context.route(
                "**/*",
                lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
            )
            page = context.new_page()
            page.add_init_script(DIPLOGRAPH_PROBE)
            cdp = context.new_cdp_session(page)
            scripts: dict[str, int] = {}
            cdp.on(
                "Debugger.scriptParsed",
                lambda e: scripts.__setitem__(e["scriptId"], int(e.get("length", 0))),
            )
            cdp.send("Debugger.enable")
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 200})
            cdp.send("Profiler.start")
            with page.expect_console_message(
                lambda message: message.text.startswith("bench-first-draw "),
                timeout=timeout_s * 1000,
            ) as message:
                page.goto(path.as_uri(), wait_until="commit")
            first = float(message.value.text.split()[1])
            found = cdp.send("Profiler.stop")["profile"]
            marks = page.evaluate("() => window.diplographMap.timings")
        finally:
            context.close()
    nodes = {node["id"]: node for node in found["nodes"]}
    spent: dict[int, float] = {}
    for node, delta in zip(found["samples"], found["timeDeltas"], strict=True):
        spent[node] = spent.get(node, 0.0) + delta / 1000
    by_function: dict[str, float] = {}
    by_script: dict[str, float] = {}
    vis_id = max(scripts, key=scripts.__getitem__) if scripts else None  # vis-network is biggest
    for node, ms in spent.items():
        frame = nodes[node]["callFrame"]
        name = frame["functionName"] or "(anonymous)"
        script = frame.get("scriptId", "")
        where = (
            "vis-network"
            if script == vis_id
            else ("diplograph" if script in scripts else name if name.startswith("(") else "other")
        )
        key = f"{name} [{where}:{frame['lineNumber'] + 1}:{frame['columnNumber'] + 1}]"
        by_function[key] = by_function.get(key, 0.0) + ms
        by_script[where] = by_script.get(where, 0.0) + ms
    return {
        "first_draw_ms": round(first, 1),
        "marks_ms": {k: round(marks[k], 1) for k in ("start", *PHASES) if k in marks},
        "by_script_ms": {k: round(v, 1) for k, v in sorted(by_script.items(), key=lambda i: -i[1])},
        "top_functions_ms": [
            (k, round(v, 1)) for k, v in sorted(by_function.items(), key=lambda i: -i[1])[:top]
        ],
    }


def measure_page(
    path: Path, runs: int, timeout_s: float, profile: bool, shot: Path | None = None
) -> None:
    """An existing map page (``--page``): ``runs`` fresh openings, each with its first draw and
    the page's phase marks, and (``profile``) another with V8's profile; each followed by the
    floor, vis-network alone drawing what the page drew first, so that both see the same load.
    One JSON line per opening."""

    def after(page: Any) -> dict[str, Any]:
        return {
            "drawn": page.evaluate(DRAWN),
            "marks": page.evaluate("() => window.diplographMap.timings"),
        }

    with tempfile.TemporaryDirectory() as folder:
        floor = Path(folder) / "vis-alone.html"
        for run in range(runs):
            found = first_draw(path, DIPLOGRAPH_PROBE, timeout_s, shot if run == 0 else None, after)
            drawn = found.drawn.get("drawn", {})
            marks = {k: round(v, 1) for k, v in found.drawn.get("marks", {}).items()}
            row = {"run": run, "load": os.getloadavg()[0], "first_draw_ms": found.first_draw_ms}
            print(json.dumps({**row, "marks_ms": marks}), flush=True)
            if profile:
                print(json.dumps({"run": run, **profiled_draw(path, timeout_s)}), flush=True)
            if drawn:
                floor_page(drawn, floor)
                alone = first_draw(floor, FLOOR_PROBE, timeout_s)
                counts = {"nodes": len(drawn["nodes"]), "edges": len(drawn["edges"])}
                print(
                    json.dumps({"floor_run": run, "first_draw_ms": alone.first_draw_ms, **counts})
                )


def _seconds(value: float | None) -> str:
    return "did not finish" if value is None else f"{value:.2f} s"


def _measure(
    name: str, network: nx.MultiDiGraph, folder: Path, args: argparse.Namespace
) -> dict[str, Any]:
    start, cpu = time.perf_counter(), time.process_time()
    with gc_paused():  # as the render command runs it (diplograph.cli.common)
        page = render_map(network, max_nodes=None if name.startswith("synthetic") else 20_000)
    cut = getattr(page, "cut_pairs", 0)
    html_s, html_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    load = os.getloadavg()[0]
    ours = folder / f"diplograph-{name}.html"
    ours.write_text(page.html, encoding="utf-8")
    shot = args.shots / f"{args.label}-{name}.png" if args.shots else None
    drawn = first_draw(ours, DIPLOGRAPH_PROBE, args.timeout, shot, lambda p: p.evaluate(DRAWN))
    row: dict[str, Any] = {
        "map": name,
        "actors": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "html_s": round(html_s, 2),
        "html_cpu_s": round(html_cpu_s, 2),
        "load": round(load, 1),
        "mb": round(ours.stat().st_size / 1e6, 2),
        "first_draw_s": None if drawn.first_draw_ms is None else drawn.first_draw_ms / 1000,
        "drawn_nodes": len(drawn.drawn.get("nodes", [])),
        "drawn_edges": len(drawn.drawn.get("edges", [])),
        "blocked": drawn.blocked,
        "note": drawn.note,
        "pairs": getattr(page, "pairs", None),
        "cut_pairs": cut,
    }
    if drawn.drawn:
        floor = folder / f"vis-alone-{name}.html"
        floor_page(drawn.drawn, floor)
        alone = first_draw(floor, FLOOR_PROBE, args.timeout)
        row["floor_s"] = None if alone.first_draw_ms is None else alone.first_draw_ms / 1000
        row["floor_mb"] = round(floor.stat().st_size / 1e6, 2)
    if args.pyvis:
        theirs = folder / f"pyvis-{name}.html"
        pyvis_s = pyvis_baseline(network, theirs)
        base = first_draw(theirs, PYVIS_PROBE, args.timeout)
        row["pyvis_html_s"] = round(pyvis_s, 2)
        row["pyvis_mb"] = round(theirs.stat().st_size / 1e6, 2)
        row["pyvis_first_draw_s"] = (
            None if base.first_draw_ms is None else base.first_draw_ms / 1000
        )
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5_000, 20_000])
    parser.add_argument("--store", default=None, help="a store with the README's real data")
    parser.add_argument("--real", nargs="*", default=list(REAL_MAPS), choices=list(REAL_MAPS))
    parser.add_argument("--cache", type=Path, default=Path("out/bench-networks"))
    parser.add_argument(
        "--series",
        type=int,
        nargs=2,
        metavar=("STATES", "SESSIONS"),
        default=None,
        help="also a series of dated ties per pair, as UN voting agreement gives them",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per page")
    parser.add_argument("--pyvis", action="store_true", help="plain pyvis too")
    parser.add_argument("--shots", type=Path, default=None, help="save screenshots here")
    parser.add_argument("--label", default="after", help="names the screenshots")
    parser.add_argument("--out", type=Path, default=None, help="keep the pages in this folder")
    parser.add_argument(
        "--page", type=Path, default=None, help="measure this map page only (fresh openings)"
    )
    parser.add_argument("--runs", type=int, default=3, help="openings of --page")
    parser.add_argument(
        "--profile", action="store_true", help="with --page: V8's profile of each opening"
    )
    args = parser.parse_args()
    if args.page:
        shot = args.shots / f"{args.label}-{args.page.stem}.png" if args.shots else None
        measure_page(args.page.resolve(), args.runs, args.timeout, args.profile, shot)
        return
    folder = (args.out or Path(tempfile.mkdtemp(prefix="diplograph-bench-"))).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    rows = []
    if args.store:
        for name in args.real:
            rows.append(_measure(name, real_network(args.store, name, args.cache), folder, args))
    for size in args.sizes:
        rows.append(_measure(f"synthetic-{size}", synthetic_network(size), folder, args))
    if args.series:
        states, sessions = args.series
        network = series_network(states, sessions)
        rows.append(_measure(f"series-{states}x{sessions}", network, folder, args))
    print(
        "\n| map | actors | edges | HTML s (CPU s, load) | page MB | first draw "
        "| drawn nodes / edges | vis-network alone, same items | plain pyvis |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        pyvis = (
            f"{_seconds(row['pyvis_first_draw_s'])}, {row['pyvis_mb']} MB"
            if "pyvis_mb" in row
            else "–"
        )
        print(
            f"| {row['map']} | {row['actors']:,} | {row['edges']:,} "
            f"| {row['html_s']} ({row['html_cpu_s']}, {row['load']}) "
            f"| {row['mb']} | {_seconds(row['first_draw_s'])} "
            f"| {row['drawn_nodes']:,} / {row['drawn_edges']:,} "
            f"| {_seconds(row.get('floor_s'))} | {pyvis} |"
        )
    print(f"\npages in {folder}")


if __name__ == "__main__":
    main()
