"""Benchmark of diplograph's stores against rdflib and bare pyoxigraph (a script, not a test).

For synthetic tie graphs (``bench/synthetic.py``) of the chosen sizes it measures, per store —
``memory`` (Oxigraph in memory), ``oxigraph:`` on disk (the project default kind, in a temp
folder), ``rdflib`` (the baseline) and bare pyoxigraph (``pyoxigraph.Store()`` in memory, the
floor) — in one run, so that ratios compare numbers taken on the same noisy machine:

* load time through ``Store.load(path)`` (diplograph's real loading path; for bare pyoxigraph
  the faster of ``load`` and ``bulk_load``) and peak RSS (``ru_maxrss``), each store in a fresh
  subprocess so that peaks stay apart;
* the median latency of every built-in named query (lookup queries too) through
  ``run_query(store, name, params)`` over ``--runs`` runs after one warm-up. Queries with actor
  parameters run twice: for the largest hubs (actor-0, and actor-1 as the second actor) and for
  typical actors (actor-500, actor-501); other parameters keep their defaults. Bare pyoxigraph
  runs the very text the store runs (``Engine._prepare``: the prologue plus the VALUES bindings)
  with ``use_default_graph_as_union=True``, over the same file plus the built-in files, once
  in memory and once in a folder on disk after a bulk load (the like-for-like floor of the
  disk store: "disk / bare on disk" is what diplograph adds to Oxigraph on disk);
* actor name resolution (first call, which builds the index, and later calls), and
  ``build_network(store)`` (every tie into networkx), and the network of
  ``ego-network`` for a typical actor and for the largest hub (a map of one query);
* whole-process ``python -m diplograph --store oxigraph:DIR load FILE``, ``stats``,
  ``validate``, ``analyze``, ``render --all`` and ``export`` on a disk store, timed around
  ``subprocess.run`` (the last three once with no network kept beside the store, then from
  their second run), and ``query ego-network`` of the largest hub written as N-Triples beside
  bare pyoxigraph writing the same CONSTRUCT in a fresh process;
* ratios against the baselines and the project's targets, met or not, per line.

rdflib is capped: each rdflib measurement runs in a forked child that is killed when one run
exceeds ``--cap`` seconds (reported as "> 60 s (capped)"). Any measurement's timed runs are cut
to fit ``--budget`` seconds (at least one run; ``n`` says how many), and an Oxigraph query whose
warm-up alone exceeds the cap is reported from that one run. rdflib's load is skipped at a size
where the load time measured at a smaller size extrapolates past ``--rdflib-load-limit``.

The run measures a copy of ``src/diplograph``, ``queries/``, ``ontology/`` and ``graph/`` taken
at its start (``--live``: the checkout as it changes), so that others' edits during a long run
do not mix versions; the header names the commit and a fingerprint of the copy.

Run: ``.venv/bin/python bench/stores.py [--sizes 100000 1000000 5000000] [--runs 5]``
(prints Markdown tables on stdout, progress on stderr; 100k and 1M take about 50 minutes on 2
cores, most of it rdflib's).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from synthetic import actor_iri, ties_for, write

#: the stores compared, in table order; "pyoxigraph" is bare pyoxigraph, the floor
STORES = ("memory", "oxigraph", "rdflib", "pyoxigraph")
DEFAULT_STORE = "oxigraph"
STORE_TITLES = {
    "memory": "memory",
    "oxigraph": "oxigraph: (disk)",
    "rdflib": "rdflib",
    "pyoxigraph": "bare pyoxigraph",
}
HUBS = (actor_iri(0), actor_iri(1))
#: typical actors, unless the graph is too small to have them (then the median-degree ones)
TYPICAL = (actor_iri(500), actor_iri(501))
FROM_ACTOR = "<https://w3id.org/diplograph/ont#fromActor>"
TO_ACTOR = "<https://w3id.org/diplograph/ont#toActor>"
NETWORK_CASE = "build_network (all ties)"
#: networks of one query (as `diplograph map QUERY` and the server's map page make them)
QUERY_NETWORK_CASES = {
    "build_network (ego-network, typical actor)": ("ego-network", "actor", 0),
    "build_network (ego-network, largest hub)": ("ego-network", "actor", None),
    "build_network (ego-network, second hub)": ("ego-network", "actor", 1),
}
RESOLVE_FIRST = "resolve_actor (first call)"
RESOLVE_LATER = "resolve_actor (later calls)"

# targets of the issue (seconds, or ratios)
TARGET_TYPICAL_S = 0.5
TARGET_HUB_S = 2.0
TARGET_COMMON_HUBS_S = 0.2
TARGET_NETWORK_100K_S = 1.5
TARGET_CLI_S = 10.0
TARGET_NETWORK_COMMAND_S = 1.5
TARGET_CONSTRUCT_VS_BARE = 1.5
TARGET_LOAD_VS_BARE = 1.5
TARGET_LOAD_VS_RDFLIB = 10.0
TARGET_PEAK_VS_RDFLIB = 0.4


# ------------------------------------------------------------------ measuring


@dataclass
class Timing:
    """One measurement: the warm-up and the timed runs (seconds), the result size, the outcome."""

    warmup: float | None = None
    runs: list[float] = field(default_factory=list)
    count: int | None = None
    capped: bool = False
    error: str | None = None
    planned: int = 0

    @property
    def median(self) -> float | None:
        """The median of the timed runs; the warm-up when it was the only run."""
        if self.runs:
            return statistics.median(self.runs)
        return self.warmup


def _series(
    run: Callable[[], int], runs: int, cap: float, budget: float, report: Callable[..., None]
) -> None:
    """One warm-up, then up to ``runs`` timed runs fitting ``budget``; ``report`` gets each."""
    start = time.perf_counter()
    count = run()
    warmup = time.perf_counter() - start
    report("warmup", warmup, count)
    if warmup > cap:
        return
    for _ in range(min(runs, max(1, int(budget // max(warmup, 1e-6))))):
        start = time.perf_counter()
        count = run()
        report("run", time.perf_counter() - start, count)


def measure(run: Callable[[], int], runs: int, cap: float, budget: float) -> Timing:
    """Time ``run`` (which returns a result size) in this process."""
    timing = Timing(planned=runs)

    def report(kind: str, seconds: float, count: int) -> None:
        if kind == "warmup":
            timing.warmup = seconds
        else:
            timing.runs.append(seconds)
        timing.count = count

    try:
        _series(run, runs, cap, budget, report)
    except Exception as error:
        timing.error = f"{type(error).__name__}: {str(error).splitlines()[0][:120]}"
    return timing


def _child(
    connection: Connection, run: Callable[[], int], runs: int, cap: float, budget: float
) -> None:
    def report(kind: str, seconds: float, count: int) -> None:
        connection.send((kind, seconds, count))

    try:
        _series(run, runs, cap, budget, report)
        connection.send(("done", 0.0, 0))
    except Exception as error:
        connection.send(("error", 0.0, f"{type(error).__name__}: {str(error)[:120]}"))
    connection.close()


def measure_capped(run: Callable[[], int], runs: int, cap: float, budget: float) -> Timing:
    """Time ``run`` in a forked child (it inherits the loaded store); kill it past ``cap``."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, run, runs, cap, budget))
    child.start()
    sender.close()
    timing = Timing(planned=runs)
    try:
        while True:
            if not receiver.poll(cap):
                timing.capped = True
                child.kill()
                break
            try:
                kind, seconds, payload = receiver.recv()
            except EOFError:
                timing.error = f"the worker died (exit code {child.exitcode})"
                break
            if kind == "done":
                break
            if kind == "error":
                timing.error = str(payload)
                break
            if kind == "warmup":
                timing.warmup = seconds
            else:
                timing.runs.append(seconds)
            timing.count = int(payload)
    finally:
        child.join()
        receiver.close()
    return timing


def source_hashes() -> dict[str, str]:
    """A short hash of each query file, built-in data file and package module, by path.

    Other people may change them while a long run goes on: a size whose workers saw different
    hashes mixes versions, and the report names the files that changed.
    """
    import diplograph
    from diplograph.paths import data_root

    root = data_root()
    hashes = {}
    folders = [
        root / "queries",
        root / "ontology",
        root / "graph",
        Path(diplograph.__file__).parent,
    ]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {".rq", ".py", ".ttl", ".trig", ".jsonld"}:
                name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
                hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return hashes


def fingerprint(hashes: dict[str, str] | None = None) -> str:
    """One short hash of :func:`source_hashes`."""
    found = source_hashes() if hashes is None else hashes
    return hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()[:12]


def pin_sources(folder: Path) -> Path:
    """Copy src/diplograph, the data root and these scripts to ``folder``; run on the copy.

    Every later import, worker and whole-process command (through ``PYTHONPATH`` and
    ``DIPLOGRAPH_HOME``) then sees the code and queries as they were when the run started, even
    if others edit the checkout during a long run. Returns the pinned copy of this script.
    """
    root = Path(__file__).resolve().parents[1]
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(root / "src" / "diplograph", folder / "src" / "diplograph", ignore=skip)
    for name in ("queries", "ontology", "graph"):
        shutil.copytree(root / name, folder / name, ignore=skip)
    (folder / "bench").mkdir()
    for name in ("stores.py", "synthetic.py"):
        shutil.copy2(Path(__file__).resolve().parent / name, folder / "bench" / name)
    os.environ["DIPLOGRAPH_HOME"] = str(folder)
    pythonpath = [str(folder / "src"), os.environ.get("PYTHONPATH", "")]
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in pythonpath if p)
    sys.path.insert(0, str(folder / "src"))
    import diplograph

    assert Path(diplograph.__file__).is_relative_to(folder), "diplograph was imported too early"
    return folder / "bench" / "stores.py"


def revision() -> str:
    """The git commit of the checkout, with "+ local changes" when src/ or queries/ differ."""
    git = shutil.which("git")
    root = Path(__file__).resolve().parents[1]
    if git is None:
        return "unknown revision"
    head = subprocess.run(
        [git, "-C", str(root), "log", "-1", "--format=%h (%ci)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        [
            git,
            "-C",
            str(root),
            "status",
            "--porcelain",
            "--",
            "src",
            "queries",
            "ontology",
            "graph",
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"commit {head or 'unknown'}" + (" + local changes" if dirty else "")


def peak_mb(children: bool = False) -> float:
    """Peak RSS in MB of this process (and of its waited-for children when asked)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if children:
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return peak / 1024


class LoadSampler(threading.Thread):
    """Samples the 1-minute load average every ``every`` seconds: how busy the machine was."""

    def __init__(self, every: float = 10.0) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.samples: list[float] = [os.getloadavg()[0]]
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def stop(self) -> str:
        """Stop sampling; the mean and the maximum, as text."""
        self._done.set()
        self.join()
        return f"mean {statistics.mean(self.samples):.1f}, max {max(self.samples):.1f}"


# ------------------------------------------------------------------ the cases


@dataclass(frozen=True)
class Case:
    """One named query with its parameters: ``kind`` is hub, typical or '' (no actor)."""

    query: str
    params: dict[str, str]
    kind: str

    @property
    def key(self) -> str:
        if not self.kind:
            return self.query
        actors = ", ".join(_short(v) for v in self.params.values())
        return f"{self.query} ({self.kind}: {actors})"


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def query_cases(typical: Sequence[str] = TYPICAL) -> list[Case]:
    """Every built-in named query; those with actor parameters for hubs and typical actors."""
    from diplograph.queries import list_queries

    cases = []
    for query in list_queries(include_checks=False):
        actors = [p.name for p in query.params if p.type == "actor"]
        if not actors:
            cases.append(Case(query.name, {}, ""))
            continue
        for kind, pair in (("hub", HUBS), ("typical", typical)):
            cases.append(Case(query.name, dict(zip(actors, pair, strict=False)), kind))
    return cases


# ------------------------------------------------------------------ workers (one per store)


def _result_size(result: Any) -> int:
    return len(result.graph) if result.graph is not None else len(result.rows)


def store_worker(
    kind: str,
    path: Path,
    typical: Sequence[str],
    runs: int,
    cap: float,
    budget: float,
    load_only: bool = False,
) -> dict[str, Any]:
    """Load ``path`` into a diplograph store of ``kind`` and measure it (see the docstring);
    ``load_only``: the load and its memory alone."""
    from diplograph.network import build_network
    from diplograph.queries import find_query, run_query
    from diplograph.queries.names import name_index, resolve_actor
    from diplograph.queries.params import bind_params
    from diplograph.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="diplograph-bench-store-"))
    spec = f"oxigraph:{folder / 'store'}" if kind == "oxigraph" else kind
    capped = kind == "rdflib"
    timer = measure_capped if capped else measure
    out: dict[str, Any] = {"store": kind, "timings": {}, "texts": {}, "sources": source_hashes()}
    try:
        start = time.perf_counter()
        store = open_store(spec)
        out["open_s"] = time.perf_counter() - start
        start = time.perf_counter()
        loaded = store.load(path)
        out["load_s"] = time.perf_counter() - start
        out["loaded_triples"] = loaded.triples
        out["peak_load_mb"] = peak_mb()
        print(f"  {kind}: loaded in {out['load_s']:.1f} s", file=sys.stderr, flush=True)
        if load_only:
            out["peak_mb"] = peak_mb()
            return out

        typical_name = "Actor " + typical[0].rsplit("-", 1)[-1]  # its English label

        def first_resolve() -> int:
            resolve_actor(store, typical_name)
            return 1

        timings: dict[str, Timing] = {}
        # the first call builds the name index; rdflib's runs (capped) in a child, so build it
        # here too for the children to inherit
        timings[RESOLVE_FIRST] = timer(first_resolve, 0, cap, budget)
        name_index(store, "actor")
        timings[RESOLVE_LATER] = measure(first_resolve, max(runs, 20), cap, budget)
        for case in query_cases(typical):
            named = find_query(case.query)
            try:
                bindings = bind_params(store, named, case.params)
                out["texts"][case.key] = store.engine._prepare(named.text, bindings)[1]
            except Exception as error:
                timings[case.key] = Timing(error=f"{type(error).__name__}: {error}"[:160])
                continue

            def run(case: Case = case) -> int:
                return _result_size(run_query(store, case.query, case.params))

            timings[case.key] = timer(run, runs, cap, budget)
            print(f"  {kind}: {case.key} {_fmt(timings[case.key])}", file=sys.stderr, flush=True)

        def network() -> int:
            return int(build_network(store).number_of_edges())

        timings[NETWORK_CASE] = timer(network, runs, cap, budget)
        for key, (query, param, which) in QUERY_NETWORK_CASES.items():
            actor = HUBS[0] if which is None else HUBS[1] if which == 1 else typical[which]

            def query_network(query: str = query, param: str = param, actor: str = actor) -> int:
                made = build_network(store, query, {param: actor})
                return int(made.number_of_edges())

            timings[key] = timer(query_network, runs, cap, budget)
        out["timings"] = {key: asdict(value) for key, value in timings.items()}
        out["peak_mb"] = peak_mb(children=capped)
        store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def bare_worker(
    path: Path, method: str, texts: dict[str, str], runs: int, cap: float, budget: float
) -> dict[str, Any]:
    """Bare pyoxigraph in memory (or on disk, ``disk_bulk_load``): the built-in files plus
    ``path``, then the same query texts."""
    import pyoxigraph as ox

    from diplograph.store.files import builtin_files, rdf_format

    scratch = tempfile.mkdtemp(prefix="bench-bare-disk-") if method == "disk_bulk_load" else None
    store = ox.Store(scratch) if scratch else ox.Store()
    for builtin in builtin_files():
        store.load(path=str(builtin), format=rdf_format(builtin), base_iri=builtin.as_uri())
    out: dict[str, Any] = {
        "store": "pyoxigraph",
        "method": method,
        "timings": {},
        "sources": source_hashes(),
    }
    start = time.perf_counter()
    if method in {"bulk_load", "disk_bulk_load"}:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        if scratch:
            store.flush()
    else:
        store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    out["load_s"] = time.perf_counter() - start
    out["peak_load_mb"] = peak_mb()
    print(f"  pyoxigraph {method}: {out['load_s']:.1f} s", file=sys.stderr, flush=True)

    def run_text(text: str) -> int:
        result = store.query(text, use_default_graph_as_union=True)
        if isinstance(result, ox.QuerySolutions):
            return len([tuple(solution) for solution in result])
        if isinstance(result, ox.QueryTriples):
            return len(set(result))
        return int(bool(result))

    for key, text in texts.items():

        def run(text: str = text) -> int:
            return run_text(text)

        timing = measure(run, runs, cap, budget)
        out["timings"][key] = asdict(timing)
        print(f"  pyoxigraph: {key} {_fmt(timing)}", file=sys.stderr, flush=True)
    out["peak_mb"] = peak_mb()
    if scratch:  # the open store's files go when the process ends
        shutil.rmtree(scratch, ignore_errors=True)
    return out


def spawn_worker(script: Path, args: list[str], out: Path) -> dict[str, Any]:
    """Run ``script`` (this one, or its pinned copy) as a worker in a fresh process."""
    command = [sys.executable, str(script), "--worker", *args, "--out", str(out)]
    completed = subprocess.run(command, check=False)
    if completed.returncode != 0 or not out.exists():
        return {"error": f"worker exited with {completed.returncode}", "timings": {}}
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


# ------------------------------------------------------------------ whole process (CLI)


def cli_seconds(store_dir: Path, command: Sequence[str]) -> tuple[float, int]:
    """Seconds and exit code of ``python -m diplograph --store oxigraph:DIR COMMAND``."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "diplograph", "--store", f"oxigraph:{store_dir}", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start, completed.returncode


#: whole-process commands that build the network of every tie: the store keeps it beside its
#: data, so they are timed on their first run (which makes it) and on the runs after
NETWORK_COMMANDS = ("analyze", "render --all -o MAP", "export -o EXPORT")
#: (command, first run) -> the key of its figures
FIRST_RUN = " (first run)"
#: a CONSTRUCT written as N-Triples straight from the engine: the largest hub's ego-network
EGO_COMMAND = "query ego-network -p 'actor=Actor 0' -f ntriples -o EGO"
#: the key of bare pyoxigraph's figures for the same CONSTRUCT (a fresh process, same text)
EGO_BARE = "bare pyoxigraph: the same CONSTRUCT to N-Triples"
#: bare pyoxigraph in a fresh process: the query text on stdin, the N-Triples to argv[2]
BARE_CONSTRUCT = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
answer = store.query(sys.stdin.read(), use_default_graph_as_union=True)
answer.serialize(output=sys.argv[2], format=ox.RdfFormat.N_TRIPLES)
"""


def bare_construct_seconds(store_dir: Path, text: str, out: Path) -> tuple[float, int]:
    """Seconds and exit code of bare pyoxigraph writing ``text``'s triples to ``out``."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-c", BARE_CONSTRUCT, str(store_dir), str(out)],
        input=text.encode("utf-8"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start, completed.returncode


def ego_text(store_dir: Path) -> str:
    """The text diplograph runs for EGO_COMMAND (prologue and bound VALUES included)."""
    from diplograph.queries import find_query
    from diplograph.queries.params import bind_params
    from diplograph.store import open_store

    store = open_store(f"oxigraph-ro:{store_dir}")
    try:
        named = find_query("ego-network")
        bindings = bind_params(store, named, {"actor": "Actor 0"})
        return str(store.engine._prepare(named.text, bindings)[1])
    finally:
        store.close()


def cli_timings(
    path: Path, folder: Path, runs: int, cap: float
) -> dict[str, tuple[float, int, int]]:
    """Whole-process load (once), stats, validate, analyze, render --all, export and the biggest
    listing as a table (median of up to 3; one when it takes longer than ``cap``) on a fresh disk
    store: command -> (seconds, exit code, runs). The network commands are timed once on their
    first run, with no network kept (``COMMAND (first run)``), then on the runs after it."""
    store_dir = folder / "cli-store"
    seconds, code = cli_seconds(store_dir, ["load", str(path)])
    found = {"load": (seconds, code, 1)}
    files = {
        "MAP": str(folder / "all.html"),
        "EXPORT": str(folder / "all.json"),
        "EGO": str(folder / "ego.nt"),
    }
    for command in ("stats", "validate", *NETWORK_COMMANDS, "query edges", EGO_COMMAND):
        words = [files.get(word, word) for word in shlex.split(command)]
        if command in NETWORK_COMMANDS:
            shutil.rmtree(store_dir / "derived" / "cache", ignore_errors=True)
            first, code = cli_seconds(store_dir, words)
            found[command + FIRST_RUN] = (first, code, 1)
        measured = [cli_seconds(store_dir, words)]
        while len(measured) < min(3, max(1, runs)) and measured[0][0] <= cap:
            measured.append(cli_seconds(store_dir, words))
        median = statistics.median(s for s, _ in measured)
        found[command] = (median, measured[-1][1], len(measured))
        print(f"  cli {command}: {median:.1f} s", file=sys.stderr, flush=True)
    text = ego_text(store_dir)
    bare = [bare_construct_seconds(store_dir, text, folder / "ego-bare.nt") for _ in range(3)]
    found[EGO_BARE] = (statistics.median(s for s, _ in bare), bare[-1][1], len(bare))
    shutil.rmtree(store_dir, ignore_errors=True)
    return found


# ------------------------------------------------------------------ formatting


def _seconds(value: float) -> str:
    if value < 0.001:
        return f"{value * 1e6:.3g} µs"
    if value < 1:
        return f"{value * 1000:.3g} ms"
    return f"{value:.3g} s" if value < 100 else f"{value:.0f} s"


def _fmt(timing: Timing | None, cap: float = 60.0) -> str:
    if timing is None:
        return "–"
    if timing.capped:
        return f"> {cap:.0f} s (capped)"
    if timing.error:
        return f"error: {timing.error}"
    median = timing.median
    if median is None:
        return "–"
    suffix = f" (n={len(timing.runs)})" if len(timing.runs) < timing.planned else ""
    if not timing.runs:
        suffix = " (1 run)"
    return _seconds(median) + suffix


def _ratio(numerator: float | None, denominator: float | None) -> str:
    if numerator is None or denominator is None or denominator <= 0:
        return "–"
    return f"{numerator / denominator:.2f}x"


def _verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _timing(result: dict[str, Any] | None, key: str) -> Timing | None:
    if not result or key not in result.get("timings", {}):
        return None
    return Timing(**result["timings"][key])


def _ok_median(timing: Timing | None) -> float | None:
    if timing is None or timing.error or timing.capped:
        return None
    return timing.median


# ------------------------------------------------------------------ one size


def degrees(path: Path) -> Counter[str]:
    """Ties per actor IRI in a synthetic N-Triples file (either end)."""
    found: Counter[str] = Counter()
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            if FROM_ACTOR in line or TO_ACTOR in line:
                found[line.rsplit(" ", 2)[-2][1:-1]] += 1
    return found


def run_size(triples: int, folder: Path, args: argparse.Namespace, state: dict[str, Any]) -> str:
    """Generate one graph, measure every store on it; the Markdown section of this size."""
    before = source_hashes()
    busy = LoadSampler()
    busy.start()
    ties = ties_for(triples)
    path = folder / f"synthetic-{triples}.nt"
    start = time.perf_counter()
    written = write(path, ties)
    generated = time.perf_counter() - start
    tie_counts = degrees(path)
    median_degree = statistics.median(tie_counts.values())
    typical = TYPICAL
    if not all(tie_counts[actor] for actor in typical):
        ranked = sorted(tie_counts, key=lambda actor: (tie_counts[actor], actor))
        middle = len(ranked) // 2
        typical = (ranked[middle], ranked[middle + 1])
    cases = query_cases(typical)
    print(f"size {written:,} triples: generated in {generated:.1f} s", file=sys.stderr, flush=True)
    common = ["--file", str(path), "--runs", str(args.runs), "--cap", str(args.cap)]
    common += ["--budget", str(args.budget), "--typical", *typical]
    results: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for kind in ("memory", "oxigraph"):
        if kind in args.stores:
            print(f"store {kind}", file=sys.stderr, flush=True)
            results[kind] = spawn_worker(
                args.script, [kind, *common], folder / f"{kind}-{triples}.json"
            )
    texts: dict[str, str] = next((r["texts"] for r in results.values() if r.get("texts")), {})
    if "pyoxigraph" in args.stores:
        print("store pyoxigraph", file=sys.stderr, flush=True)
        texts_file = folder / f"texts-{triples}.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        bulk = spawn_worker(
            args.script,
            ["pyoxigraph", *common, "--method", "bulk_load"],
            folder / f"bulk-{triples}.json",
        )
        bare = spawn_worker(
            args.script,
            ["pyoxigraph", *common, "--method", "load", "--texts", str(texts_file)],
            folder / f"bare-{triples}.json",
        )
        disk = spawn_worker(
            args.script,
            ["pyoxigraph", *common, "--method", "disk_bulk_load", "--texts", str(texts_file)],
            folder / f"bare-disk-{triples}.json",
        )
        bare["bulk_load_s"] = bulk.get("load_s")
        bare["bulk_peak_mb"] = bulk.get("peak_load_mb")
        bare["disk_bulk_load_s"] = disk.get("load_s")
        bare["disk_timings"] = disk.get("timings", {})
        results["pyoxigraph"] = bare
    if "oxigraph" in results and "pyoxigraph" in results:
        repeat_disk_loads(results, args, common, folder, triples)
    if "rdflib" in args.stores:
        previous: tuple[int, float] | None = state.get("rdflib_load")
        estimate = None if previous is None else previous[1] * written / previous[0]
        if previous is not None and estimate is not None and estimate > args.rdflib_load_limit:
            notes.append(
                f"rdflib skipped at this size: its load measured at {previous[0]:,} triples "
                f"({previous[1]:.0f} s) extrapolates to about {estimate:.0f} s "
                f"(> {args.rdflib_load_limit:.0f} s)."
            )
        else:
            print("store rdflib", file=sys.stderr, flush=True)
            results["rdflib"] = spawn_worker(
                args.script,
                ["rdflib", *common, *(["--rdflib-load-only"] if args.rdflib_load_only else [])],
                folder / f"rdflib-{triples}.json",
            )
            if results["rdflib"].get("load_s"):
                state["rdflib_load"] = (written, results["rdflib"]["load_s"])
    cli = None if args.no_cli else cli_timings(path, folder, args.runs, args.cap)
    path.unlink()
    header = (
        f"## {written:,} triples ({ties:,} ties, {len(tie_counts):,} actors with ties; "
        f"file generated in {generated:.1f} s)\n\n"
        f"Ties per actor: hub actor-0 {tie_counts[HUBS[0]]:,}, actor-1 {tie_counts[HUBS[1]]:,}; "
        f"typical {_short(typical[0])} {tie_counts[typical[0]]:,}, "
        f"{_short(typical[1])} {tie_counts[typical[1]]:,}; "
        f"median over actors with ties {median_degree:g}. Machine load while measuring this "
        f"size (1-minute load average on {os.cpu_count()} cores, sampled every 10 s): "
        f"{busy.stop()}."
    )
    seen = [before, *(r["sources"] for r in results.values() if "sources" in r), source_hashes()]
    changed = sorted(
        {
            name
            for hashes in seen[1:]
            for name in {*hashes, *before}
            if hashes.get(name) != before.get(name)
        }
    )
    if changed:
        notes.append(
            "**Files changed (by others) while this size was being measured:** "
            + ", ".join(f"`{name}`" for name in changed)
            + ". The stores or the whole-process commands may have run different versions."
        )
    sections = [header, *notes]
    sections.append(load_table(results))
    sections.append(query_table(results, cases, args.cap))
    sections.append(other_table(results, args.cap))
    if cli is not None:
        sections.append(cli_table(cli))
    verdicts = targets(results, cases, cli)
    state.setdefault("targets", []).append((written, verdicts))
    state.setdefault("results", {})[written] = {"results": results, "cli": cli}
    sections.append(f"### Targets at {written:,} triples\n\n" + "\n".join(verdicts))
    return "\n\n".join(sections)


def repeat_disk_loads(
    results: dict[str, dict[str, Any]],
    args: argparse.Namespace,
    common: list[str],
    folder: Path,
    triples: int,
) -> None:
    """Load the disk store and bulk load bare pyoxigraph on disk ``--load-runs`` times in all,
    alternating, each in a fresh process: one disk load varies by a second or more with the
    machine's other I/O, and the target compares the two. Their medians replace the first runs.
    """
    store, bare = results["oxigraph"], results["pyoxigraph"]
    store_runs = [store["load_s"]] if store.get("load_s") else []
    bare_runs = [bare["disk_bulk_load_s"]] if bare.get("disk_bulk_load_s") else []
    for run in range(1, args.load_runs):
        print(f"disk loads, run {run + 1}", file=sys.stderr, flush=True)
        again = spawn_worker(
            args.script, ["oxigraph", *common, "--load-only"], folder / f"load-{triples}.json"
        )
        if again.get("load_s"):
            store_runs.append(again["load_s"])
        again = spawn_worker(
            args.script,
            ["pyoxigraph", *common, "--method", "disk_bulk_load"],
            folder / f"bulk-disk-{triples}.json",
        )
        if again.get("load_s"):
            bare_runs.append(again["load_s"])
    if store_runs:
        store["load_runs"] = store_runs
        store["load_s"] = statistics.median(store_runs)
    if bare_runs:
        bare["disk_bulk_load_runs"] = bare_runs
        bare["disk_bulk_load_s"] = statistics.median(bare_runs)


def _runs(values: Sequence[float] | None) -> str:
    if not values or len(values) < 2:
        return ""
    return " (median of " + ", ".join(_seconds(v) for v in values) + ")"


def load_table(results: dict[str, dict[str, Any]]) -> str:
    """Load time, throughput and peak memory per store, with the ratios of the targets."""
    bare = results.get("pyoxigraph", {})
    floor_candidates = [v for v in (bare.get("load_s"), bare.get("bulk_load_s")) if v]
    floor = min(floor_candidates) if floor_candidates else None
    #: the like-for-like floor of the on-disk store: bare pyoxigraph's bulk load into a folder
    disk_floor = bare.get("disk_bulk_load_s")
    rdflib = results.get("rdflib", {})
    rows = []
    for kind in STORES:
        result = results.get(kind)
        if not result:
            continue
        if result.get("error"):
            rows.append([STORE_TITLES[kind], result["error"], *["–"] * 7])
            continue
        load_s = result["load_s"]
        triples = result.get("loaded_triples")
        name = STORE_TITLES[kind]
        if kind == "pyoxigraph":
            name = f"bare pyoxigraph `load` (bulk_load: {_seconds(bare['bulk_load_s'])}, " + (
                f"{bare['bulk_peak_mb']:.0f} MB)" if bare.get("bulk_peak_mb") else "–)"
            )
            if bare.get("disk_bulk_load_s"):
                name += f"; on disk, bulk_load {_seconds(bare['disk_bulk_load_s'])}"
                name += _runs(bare.get("disk_bulk_load_runs"))
        rows.append(
            [
                name,
                _seconds(load_s) + _runs(result.get("load_runs")),
                f"{triples / load_s / 1000:,.0f}k/s" if triples else "–",
                _seconds(result["open_s"]) if "open_s" in result else "–",
                f"{result['peak_load_mb']:.0f} MB",
                f"{result.get('peak_mb', 0):.0f} MB",
                _ratio(load_s, disk_floor if kind == "oxigraph" and disk_floor else floor),
                _ratio(rdflib.get("load_s"), load_s) if kind != "rdflib" else "1x",
                _ratio(result["peak_load_mb"], rdflib.get("peak_load_mb")),
            ]
        )
    header = [
        "store",
        "load",
        "triples/s",
        "open (built-in)",
        "peak RSS after load",
        "peak RSS whole run",
        "load / bare load (same medium: disk bulk_load for the disk store)",
        "rdflib load / load",
        "peak after load / rdflib's",
    ]
    return (
        "### Load (fresh process per store and run; one run each, but the disk store and bare "
        "pyoxigraph's bulk load on disk: the median of --load-runs, alternating)\n\n"
        + _table(header, rows)
    )


def query_table(results: dict[str, dict[str, Any]], cases: Sequence[Case], cap: float) -> str:
    """Median latency of every case per store, with ratios and the target of the default store."""
    rows = []
    for case in cases:
        key = case.key
        timings = {kind: _timing(results.get(kind), key) for kind in STORES}
        default = timings[DEFAULT_STORE]
        counts = {t.count for t in timings.values() if t is not None and t.count is not None}
        count = str(default.count) if default is not None and default.count is not None else "–"
        if len(counts) > 1:
            count += " (differs: " + ", ".join(str(c) for c in sorted(counts)) + ")"
        bare = _ok_median(timings["pyoxigraph"])
        bare_disk = _ok_median(_timing(_disk_floor(results), key))
        texts = {r["texts"][key] for r in results.values() if key in r.get("texts", {})}
        if len(texts) > 1:
            count += " (**query text differs between stores**)"
        rows.append(
            [
                f"`{key}`",
                count,
                *[_fmt(timings[kind], cap) for kind in STORES],
                _fmt(_timing(_disk_floor(results), key), cap),
                _ratio(_ok_median(default), bare_disk),
                _ratio(_ok_median(default), bare),
                _ratio(_ok_median(timings["memory"]), bare),
                _query_verdict(case, _ok_median(default)),
            ]
        )
    header = [
        "query",
        "results",
        *[STORE_TITLES[kind] for kind in STORES],
        "bare pyoxigraph on disk",
        "disk / bare on disk",
        "disk / bare",
        "memory / bare",
        "target (disk store)",
    ]
    title = (
        "### Named queries: median of the timed runs after one warm-up (through run_query; "
        "bare pyoxigraph runs the same text, in memory and in a folder on disk after its bulk "
        f"load); rdflib capped at {cap:.0f} s per run"
    )
    return f"{title}\n\n" + _table(header, rows)


def _disk_floor(results: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """Bare pyoxigraph's timings on disk (the like-for-like floor of the disk store), if run."""
    timings = results.get("pyoxigraph", {}).get("disk_timings")
    return {"timings": timings} if timings else None


def _limit(case: Case) -> float:
    if case.query == "common-partners" and case.kind == "hub":
        return TARGET_COMMON_HUBS_S
    return TARGET_HUB_S if case.kind == "hub" else TARGET_TYPICAL_S


def _query_verdict(case: Case, seconds: float | None) -> str:
    if seconds is None:
        return "–"
    limit = _limit(case)
    text = f"{_verdict(seconds <= limit)} (≤ {_seconds(limit)})"
    if not case.kind and limit < seconds <= TARGET_HUB_S:
        text += f"; within {_seconds(TARGET_HUB_S)}"
    return text


def other_table(results: dict[str, dict[str, Any]], cap: float) -> str:
    """Name resolution and build_network per diplograph store."""
    rows = []
    for key in (RESOLVE_FIRST, RESOLVE_LATER, NETWORK_CASE, *QUERY_NETWORK_CASES):
        cells = [_fmt(_timing(results.get(kind), key), cap) for kind in STORES[:3]]
        network = _timing(results.get(DEFAULT_STORE), key)
        count = "–"
        if key.startswith("build_network") and network is not None and network.count is not None:
            count = f"{network.count:,} edges"
        rows.append([key, *cells, count])
    header = ["operation", *[STORE_TITLES[kind] for kind in STORES[:3]], "result"]
    ties = _timing(results.get(DEFAULT_STORE), "ties-by-type")
    note = f" (the graph holds {ties.count:,} ties by ties-by-type)" if ties and ties.count else ""
    return f"### Names and networkx{note}\n\n" + _table(header, rows)


def cli_table(cli: dict[str, tuple[float, int, int]]) -> str:
    whole = "`python -m diplograph --store oxigraph:DIR {}`"
    rows = [
        [command if command == EGO_BARE else whole.format(command), _seconds(s), str(n), str(code)]
        for command, (s, code, n) in cli.items()
    ]
    title = "### Whole process on a disk store (wall time, median of the runs)"
    return f"{title}\n\n" + _table(["command", "wall time", "runs", "exit code"], rows)


def targets(
    results: dict[str, dict[str, Any]],
    cases: Sequence[Case],
    cli: dict[str, tuple[float, int, int]] | None,
) -> list[str]:
    """One line per target: measured value, met or not (the default store unless named)."""
    lines = []
    default = results.get(DEFAULT_STORE, {})
    bare = results.get("pyoxigraph", {})
    rdflib = results.get("rdflib", {})
    floor = min((v for v in (bare.get("load_s"), bare.get("bulk_load_s")) if v), default=None)
    disk_floor = bare.get("disk_bulk_load_s") if DEFAULT_STORE == "oxigraph" else None
    if default.get("load_s") and (disk_floor or floor):
        # like for like: the disk store against bare pyoxigraph's bulk load into a folder
        ratio = default["load_s"] / (disk_floor or floor)
        medium = "bulk load on disk" if disk_floor else "fastest load"
        lines.append(
            f"- default store load vs bare pyoxigraph's {medium}: {ratio:.2f}x "
            f"(≤ {TARGET_LOAD_VS_BARE}x): {_verdict(ratio <= TARGET_LOAD_VS_BARE)}"
        )
    if default.get("load_s") and rdflib.get("load_s"):
        ratio = rdflib["load_s"] / default["load_s"]
        lines.append(
            f"- default store load vs rdflib: {ratio:.1f}x faster "
            f"(≥ {TARGET_LOAD_VS_RDFLIB:.0f}x): {_verdict(ratio >= TARGET_LOAD_VS_RDFLIB)}"
        )
        if disk_floor and floor:  # what Oxigraph itself reaches, without diplograph
            lines.append(
                f"  - the floor: bare pyoxigraph loads {rdflib['load_s'] / disk_floor:.1f}x "
                f"faster than rdflib on disk, {rdflib['load_s'] / floor:.1f}x in memory"
            )
        ratio = default["peak_load_mb"] / rdflib["peak_load_mb"]
        lines.append(
            f"- default store peak memory after load vs rdflib: {ratio:.2f}x "
            f"(≤ {TARGET_PEAK_VS_RDFLIB}x): {_verdict(ratio <= TARGET_PEAK_VS_RDFLIB)}"
        )
    for case in cases:
        seconds = _ok_median(_timing(default, case.key))
        timing = _timing(default, case.key)
        if timing is None:
            continue
        bare_s = _ok_median(_timing(bare, case.key))
        limit = _limit(case)
        met = seconds is not None and seconds <= limit
        floor_text = f"; bare pyoxigraph {_seconds(bare_s)}" if bare_s is not None else ""
        disk_s = _ok_median(_timing(_disk_floor(results), case.key))
        floor_text += f", on disk {_seconds(disk_s)}" if disk_s is not None else ""
        lines.append(
            f"- `{case.key}` ≤ {_seconds(limit)}: {_fmt(timing)}{floor_text}: {_verdict(met)}"
        )
    network = _timing(default, NETWORK_CASE)
    network_s = _ok_median(network)
    if network is not None and network_s is not None and network.count:
        scaled = network_s * 100_000 / network.count
        lines.append(
            f"- ties to networkx ≤ {TARGET_NETWORK_100K_S} s per 100k ties: "
            f"{network.count:,} ties in {_seconds(network_s)}, about {_seconds(scaled)} per 100k "
            f"(linear): {_verdict(scaled <= TARGET_NETWORK_100K_S)}"
        )
    if cli is not None:
        for command in ("stats", "validate"):
            seconds, code, _ = cli[command]
            lines.append(
                f"- whole-process `{command}` ≤ {TARGET_CLI_S:.0f} s: {_seconds(seconds)} "
                f"(exit code {code}): {_verdict(seconds <= TARGET_CLI_S)}"
            )
        if EGO_COMMAND in cli and EGO_BARE in cli:  # issue 19: straight from the engine
            seconds, code, _ = cli[EGO_COMMAND]
            floor = cli[EGO_BARE][0]
            lines.append(
                f"- whole-process ego-network CONSTRUCT of the largest hub as N-Triples ≤ "
                f"{TARGET_CONSTRUCT_VS_BARE}x bare pyoxigraph in a fresh process: "
                f"{_seconds(seconds)} vs {_seconds(floor)}, {seconds / floor:.2f}x, exit code "
                f"{code}: {_verdict(code == 0 and seconds <= TARGET_CONSTRUCT_VS_BARE * floor)}"
            )
        for command in NETWORK_COMMANDS:  # issue 19: from the second run, with the kept network
            if command not in cli:
                continue
            seconds, code, _ = cli[command]
            first = cli.get(command + FIRST_RUN, (None, 0, 0))[0]
            first_text = f" (first run {_seconds(first)})" if first is not None else ""
            lines.append(
                f"- whole-process `{command.split(' -o')[0]}` ≤ {TARGET_NETWORK_COMMAND_S} s from "
                f"the second run: {_seconds(seconds)}{first_text}, exit code {code}: "
                f"{_verdict(code == 0 and seconds <= TARGET_NETWORK_COMMAND_S)}"
            )
    return lines


# ------------------------------------------------------------------ main


def machine() -> str:
    """Date, machine, Python and library versions, for the report's header."""
    import networkx
    import pyoxigraph
    import rdflib

    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores ({cpu}), "
        f"{memory:.0f} GiB RAM, load average {os.getloadavg()[0]:.2f} at start; "
        f"Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, "
        f"rdflib {rdflib.__version__}, networkx {networkx.__version__}"
    )


def worker_main(args: argparse.Namespace) -> None:
    kind = args.worker
    if kind == "pyoxigraph":
        texts = {}
        if args.texts:
            texts = json.loads(Path(args.texts).read_text(encoding="utf-8"))
        result = bare_worker(args.file, args.method, texts, args.runs, args.cap, args.budget)
    else:
        from diplograph.bulk import gc_paused

        load_only = args.load_only or (kind == "rdflib" and args.rdflib_load_only)
        with gc_paused():  # as a command runs: the CLI pauses the collector for the whole command
            result = store_worker(
                kind, args.file, args.typical, args.runs, args.cap, args.budget, load_only
            )
    args.out.write_text(json.dumps(result), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up")
    parser.add_argument("--cap", type=float, default=60.0, help="rdflib's limit per run, s")
    parser.add_argument(
        "--budget", type=float, default=60.0, help="timed runs are cut to fit this, s"
    )
    parser.add_argument("--stores", nargs="+", default=list(STORES), choices=STORES)
    parser.add_argument(
        "--rdflib-load-limit", type=float, default=600.0, help="skip rdflib past this load, s"
    )
    parser.add_argument(
        "--rdflib-load-only",
        action="store_true",
        help="measure rdflib's load and memory only (the load targets' baseline), not its queries",
    )
    parser.add_argument(
        "--load-runs",
        type=int,
        default=3,
        help="loads of the disk store and bare bulk loads on disk, interleaved (median)",
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the whole-process timings")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument(
        "--live",
        action="store_true",
        help="measure the checkout as it changes, not a copy of src/ and queries/ taken at start",
    )
    parser.add_argument("--worker", choices=STORES, help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--method", default="load", help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--typical", nargs=2, default=list(TYPICAL), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(args)
        return
    temp = tempfile.TemporaryDirectory(prefix="diplograph-bench-")
    folder = Path(temp.name)
    args.script = Path(__file__).resolve()
    pinned = "the checkout as it changed (--live)"
    if not args.live:
        args.script = pin_sources(folder / "pinned")
        pinned = "a copy of src/diplograph and queries/ taken at the start"
    source = f"diplograph {revision()}, source fingerprint {fingerprint()}, measured on {pinned}"
    print(f"# Store benchmark\n\n{machine()}; {source}\n")
    print(
        f"Medians of {args.runs} timed runs after one warm-up unless n says otherwise (runs are "
        f"cut to fit {args.budget:.0f} s; '1 run' = the warm-up alone exceeded {args.cap:.0f} s). "
        f"rdflib runs each measurement in a forked worker killed after {args.cap:.0f} s per run "
        "('capped'). Ratios compare numbers of this same run; the machine is shared and noisy.\n",
        flush=True,
    )
    state: dict[str, Any] = {}
    with temp:
        for triples in args.sizes:
            print(run_size(triples, folder, args, state) + "\n", flush=True)
    if args.json:
        args.json.write_text(json.dumps(state, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
