"""Benchmark of diplograph on real data: the README's own commands on one store holding every
dataset of ``../shared/data`` (a script, not a test; prints Markdown tables).

1. **The store.** The README's ``diplograph import`` lines (section "Real data", ``$D`` the data
   folder) are run as they are written, whole process, into one on-disk store (``oxigraph:``,
   the default store's kind). The store is kept in ``--cache`` (by default
   ``~/.cache/diplograph-bench/realdata``) and rebuilt only when the data files, the import
   lines or the version of what the importers write (``diplograph.importers.OUTPUT_VERSION``)
   change: a hash of them names the store, and a store whose ``built.json`` records the same
   inputs is used whatever its name. Nothing this script did not make is removed there (stores
   of other keys stay). ``--store HOME`` uses a store folder made by this script as it is (a
   copy of a shared one: the commands keep derived files beside it). Each import's time is kept
   beside the store and printed. Its last step makes and keeps the network of every tie
   beside it (a writable open), so that read-only opens of the shared store (which keep nothing)
   read it back instead of making it from the rows.
2. **Named queries.** Every built-in named query, with the parameters of each README example
   that runs it (``diplograph query NAME -p ...``, ``render NAME -p ...``) and otherwise the
   defaults of its header. For each:

   * *in process*: ``run_query(store, name, params)`` on the store opened once (what a notebook
     pays), median of ``--runs`` after one warm-up;
   * *bare*: pyoxigraph on the very same open store (``store.engine._store``, no second copy)
     running the best text found for the same answer (``bench/forms/NAME.rq`` where one exists,
     with the same bound parameters; else the text diplograph runs, prologue and ``VALUES``
     included), every row or triple materialised as pyoxigraph terms: the engine's floor;
   * *whole process*: ``python -m diplograph --store oxigraph:STORE query NAME -p ...`` as the
     README writes it (a table unless it says ``-f``), timed around ``subprocess.run``, median
     of ``--cli-runs``; beside it, bare pyoxigraph in a fresh process (``Store.read_only``, the
     same text, results written as TSV by the engine).

3. **Commands.** Every other README example that reads the store (``render``, ``analyze``,
   ``path``, ``export``, ``validate``, ``stats``, ``sources``), whole process (``-o`` files go
   to a temporary folder): the first run after the store's derived files (``derived/`` in the
   store folder: the network kept beside it) are removed, then the median of ``--cli-runs`` more.
   Every SPARQL text the command runs is recorded as it runs (the engine's ``query``, wrapped in
   the command's process); beside each, *bare*: pyoxigraph running those very texts
   one after the other in a fresh process on the same store (read-only), results written by the
   engine: the floor of the engine work the command asks for.
   Examples naming files the reader must supply (``my-facts.ttl``), other stores or writes
   (``load``, ``import``, ``add`` ...) are left out, and said so.

4. **Start-up.** ``diplograph --help``, ``diplograph queries`` and a query on a store holding
   only the built-in graph (from its second run), whole process, beside ``python -c pass``.

Every timing also gives its CPU seconds (this process's threads and the processes it waited
for): on a shared machine the wall time counts the others' work too.

Targets (issue 19), medians on this 2-core machine: a named query within 300 ms in process and
0.7 s whole process, and within 1.5x of bare Oxigraph on the best form; every README example
command within 2 s whole process (maps and analysis from their second run). The output marks
each met or not.

Run: ``.venv/bin/python bench/realdata.py [--data ../shared/data] [--runs 5] [--cli-runs 3]
[--only NAME ...] [--no-cli] [--json FILE]`` (the first run imports for several minutes).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]
README = REPOSITORY / "README.md"
FORMS = Path(__file__).resolve().parent / "forms"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / (
    "diplograph-bench/realdata"
)

#: README commands that read the store and are measured (the others write or need user files)
READING = {
    *("query", "queries", "render", "analyze", "path", "export", "validate", "stats", "sources"),
}

# targets (seconds, or a ratio)
TARGET_QUERY_IN_PROCESS = 0.3
TARGET_QUERY_WHOLE = 0.7
TARGET_QUERY_VS_BARE = 1.5
TARGET_COMMAND = 2.0
#: start-up (issue 19): the command's help and the query catalogue, and a query on the built-in
#: graph (a store on disk holding only it, from its second run), whole process
TARGET_STARTUP = 0.25
TARGET_BUILTIN_QUERY = 0.5
#: name -> (words after ``python``, target seconds or None for a floor)
STARTUP: dict[str, tuple[list[str], float | None]] = {
    "`python -c pass` (the floor: the interpreter alone)": (["-c", "pass"], None),
    "`diplograph --help`": (["-m", "diplograph", "--help"], TARGET_STARTUP),
    "`diplograph queries`": (["-m", "diplograph", "queries"], TARGET_STARTUP),
    "`diplograph --store oxigraph:BUILTIN query tie-types` (the built-in graph)": (
        ["-m", "diplograph", "--store", "oxigraph:BUILTIN", "query", "tie-types"],
        TARGET_BUILTIN_QUERY,
    ),
}


# ------------------------------------------------------------------ the README's examples


@dataclass(frozen=True)
class Example:
    """One ``diplograph ...`` line of the README, as words (``$D`` already the data folder)."""

    words: tuple[str, ...]
    line: int

    @property
    def command(self) -> str:
        return self.words[0] if self.words else ""

    @property
    def text(self) -> str:
        return "diplograph " + " ".join(shlex.quote(w) for w in self.words)


def readme_examples(data: Path, readme: Path = README) -> list[Example]:
    """Every ``diplograph`` command in the README's bash blocks, continuation lines joined,
    comments cut, ``$D`` replaced by ``data``."""
    examples: list[Example] = []
    in_bash = False
    pending = ""
    start = 0
    for number, raw in enumerate(readme.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("```"):
            in_bash = raw.strip() in {"```bash", "```sh", "```console"}
            pending = ""
            continue
        if not in_bash:
            continue
        line = raw.strip()
        if not pending:
            if not line.startswith("diplograph "):
                continue
            start = number
        pending += " " + line.rstrip("\\").strip()
        if line.endswith("\\"):
            continue
        words = shlex.split(pending, comments=True)
        pending = ""
        words = [w.replace("$D", str(data)) for w in words]
        examples.append(Example(tuple(words[1:]), start))
    return examples


def import_examples(examples: Sequence[Example]) -> list[Example]:
    return [e for e in examples if e.command == "import"]


def _skip_reason(example: Example) -> str | None:
    """Why a README example is not measured here, or None."""
    if example.command.startswith("-"):
        return "names a file of the reader's or another store"
    if example.command not in READING:
        return f"'{example.command}' writes to the store or needs a file of the reader's"
    words = example.words
    if any(w in {"--data", "--store", "--update-url"} or w.startswith("--store=") for w in words):
        return "names a file of the reader's or another store"
    if any(w.endswith((".rq", ".ttl", ".nq", ".nt")) and not Path(w).exists() for w in words):
        return "needs a file of the reader's"
    return None


def _options(words: Sequence[str], names: set[str]) -> list[str]:
    """The values of the options ``names`` in ``words`` (``-p a=b`` and ``-p=a=b``)."""
    found = []
    for index, word in enumerate(words):
        name, sep, value = word.partition("=")
        if word in names and index + 1 < len(words):
            found.append(words[index + 1])
        elif sep and name in names:
            found.append(value)
    return found


def example_params(example: Example) -> dict[str, str]:
    """The ``-p name=value`` parameters of an example."""
    return dict(p.split("=", 1) for p in _options(example.words, {"-p", "--param"}) if "=" in p)


def example_query(example: Example) -> str | None:
    """The named query an example runs (``query NAME``, ``render NAME``, ``-q NAME``)."""
    words = example.words
    if example.command in {"query", "render"} and len(words) > 1 and words[1][:1] != "-":
        return words[1]
    found = _options(example.words, {"-q", "--query"})
    return found[0] if found else None


def redirected(example: Example, folder: Path) -> list[str]:
    """The example's words with the files it writes (``-o``, ``--png``, ``--svg``) pointing
    into ``folder``."""
    words = list(example.words)
    for index, word in enumerate(words):
        if word in {"-o", "--output", "--png", "--svg"} and index + 1 < len(words):
            words[index + 1] = str(folder / Path(words[index + 1]).name)
    return words


# ------------------------------------------------------------------ the store, built once


def _digest(paths: Iterator[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


#: what a store folder this script made says of itself in its ``built.json``
MADE_BY = "bench/realdata.py"
#: the mark of a folder this script is building (or was, when it stopped)
BUILDING_MARK = ".realdata-building"


def store_inputs(data: Path, imports: Sequence[Example]) -> dict[str, Any]:
    """What the cached store is made from, and so what names it: the import lines, a digest of
    every file they read, and the version of what the importers write
    (``diplograph.importers.OUTPUT_VERSION``, raised when an importer writes other triples for
    the same rows). Not the importers' source: an edit that keeps their output (speed,
    messages) would cost a 20-minute import."""
    from diplograph.importers import OUTPUT_VERSION

    files = hashlib.sha256()
    for example in imports:
        for word in example.words[2:]:
            path = Path(word)
            if path.exists():
                found = path.rglob("*") if path.is_dir() else iter([path])
                files.update(_digest((p for p in found if p.is_file()), path.parent).encode())
    return {
        "imports": [example.text for example in imports],
        "data": files.hexdigest(),
        "importers": OUTPUT_VERSION,
    }


def store_key(inputs: dict[str, Any]) -> str:
    """The name of the store made from ``inputs`` (:func:`store_inputs`)."""
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


def _built(home: Path) -> dict[str, Any] | None:
    """The ``built.json`` of a store folder this script made (any version of it: they all
    wrote its key and steps), else None."""
    try:
        built = json.loads((home / "built.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ours = isinstance(built, dict) and "steps" in built and home.name == f"store-{built.get('key')}"
    return built if ours else None


def cached_store(cache: Path, inputs: dict[str, Any]) -> Path | None:
    """A store folder in ``cache`` made from ``inputs``: the one of their key, else any whose
    ``built.json`` records the same inputs (made under another key, by another version of this
    script)."""
    home = cache / f"store-{store_key(inputs)}"
    if _built(home) is not None:
        return home
    for other in sorted(cache.glob("store-*")):
        built = _built(other)
        if built is not None and built.get("inputs") == inputs:
            return other
    return None


def diplograph_command(store: Path, words: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "diplograph", "--store", f"oxigraph:{store}", *words]


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


#: made once the imports are done, so that read-only opens of the store (which keep nothing)
#: read the network of every tie back instead of making it from the rows each time
KEEP_NETWORK = (
    "from diplograph.network import build_network; from diplograph.store import open_store; "
    "import sys; print(build_network(open_store('oxigraph:' + sys.argv[1])).number_of_edges())"
)


def _keep_network(store: Path) -> dict[str, Any]:
    """Make and keep the network of every tie beside ``store`` (a writable open), as the
    build's last step: a step of the build's record, with its seconds (a failure is recorded,
    not fatal: readers then make the network themselves)."""
    print("  keeping the network of every tie", file=sys.stderr, flush=True)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", KEEP_NETWORK, str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    summary = (
        [f"{int(done.stdout.split()[-1]):,} edges kept"]
        if done.returncode == 0 and done.stdout.split()
        else [f"failed ({done.returncode}): {done.stderr.strip()[-300:]}"]
    )
    return {
        "command": "build_network(store): the network of every tie, kept",
        "seconds": time.perf_counter() - start,
        "summary": summary,
    }


def build_store(data: Path, cache: Path, imports: Sequence[Example], rebuild: bool) -> Path:
    """The cached store for these imports (built now if missing): its folder.

    Only folders this script made are ever removed: a stopped build of the same key (marked
    :data:`BUILDING_MARK`), and with ``rebuild`` the store it replaces. Stores of other keys
    stay (another checkout's, another version's): remove them by hand."""
    inputs = store_inputs(data, imports)
    key = store_key(inputs)
    home = cache / f"store-{key}"
    with _locked(cache):
        found = None if rebuild else cached_store(cache, inputs)
        if found is not None:
            return found
        if home.exists() and _built(home) is None:
            raise SystemExit(f"{home} is not a store this script made: move it away first.")
        building = cache / f"building-{key}"
        if building.exists():
            if not (building / BUILDING_MARK).exists():
                raise SystemExit(f"{building} is not a build of this script: move it away first.")
            shutil.rmtree(building)
        building.mkdir(parents=True)
        (building / BUILDING_MARK).touch()
        steps = []
        work = building / "work"
        work.mkdir()
        for example in imports:
            print(f"  importing: {example.text}", file=sys.stderr, flush=True)
            words = [*example.words, "--rejects", str(work / "rejects.csv")]
            start = time.perf_counter()
            done = subprocess.run(
                diplograph_command(building / "store", words),
                capture_output=True,
                text=True,
                cwd=work,
                check=False,
            )
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                raise SystemExit(f"{example.text} failed ({done.returncode}):\n{done.stderr}")
            last = [line for line in done.stdout.splitlines() if line.strip()]
            steps.append({"command": example.text, "seconds": seconds, "summary": last[-1:]})
        steps.append(_keep_network(building / "store"))
        size = sum(p.stat().st_size for p in (building / "store").rglob("*") if p.is_file())
        built = {
            "key": key,
            "made_by": MADE_BY,
            "inputs": inputs,
            "built": datetime.now(UTC).isoformat(),
            "steps": steps,
            "bytes": size,
        }
        (building / "built.json").write_text(json.dumps(built, indent=1), encoding="utf-8")
        shutil.rmtree(work)
        (building / BUILDING_MARK).unlink()
        if home.exists():  # ours (checked above), replaced by --rebuild
            shutil.rmtree(home)
        building.rename(home)
    return home


# ------------------------------------------------------------------ timing


@dataclass
class Timing:
    """Seconds of the timed runs (after any warm-up), and what the run gave. ``cpu`` and
    ``first_cpu``: the CPU seconds of the same runs, this process's threads and the processes
    it waited for (on a shared machine the wall time also counts the others' work)."""

    runs: list[float] = field(default_factory=list)
    first: float | None = None
    size: int | None = None
    error: str | None = None
    cpu: list[float] = field(default_factory=list)
    first_cpu: float | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else self.first

    @property
    def median_cpu(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else self.first_cpu


def _cpu_seconds() -> float:
    """CPU seconds so far of this process (every thread) and of its children waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(run: Callable[[], int], runs: int, budget: float, warmup: bool = True) -> Timing:
    """``run`` (which returns a result size) once, then up to ``runs`` more within ``budget``."""
    timing = Timing()
    try:
        start, cpu = time.perf_counter(), _cpu_seconds()
        timing.size = run()
        timing.first = time.perf_counter() - start
        timing.first_cpu = _cpu_seconds() - cpu
        more = min(runs, max(1, int(budget // max(timing.first, 1e-3))))
        if not warmup:
            timing.runs.append(timing.first)
            timing.cpu.append(timing.first_cpu)
            more = min(more, runs - 1)
        for _ in range(more):
            start, cpu = time.perf_counter(), _cpu_seconds()
            timing.size = run()
            timing.runs.append(time.perf_counter() - start)
            timing.cpu.append(_cpu_seconds() - cpu)
    except Exception as error:  # reported in the table, the other cases go on
        timing.error = f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"
    return timing


def whole_process(command: list[str], cwd: Path) -> Callable[[], int]:
    """A run of ``command`` in a fresh process; its size is the bytes it printed."""

    def run() -> int:
        done = subprocess.run(command, capture_output=True, cwd=cwd, check=False)
        if done.returncode not in (0, 1):  # 1: validate found violations, path found none
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RuntimeError(f"exit {done.returncode}: {message[-1] if message else ''}")
        return len(done.stdout)

    return run


# ------------------------------------------------------------------ the query cases


@dataclass(frozen=True)
class QueryCase:
    """A named query with the parameters of one example (or its defaults), and how the example
    asks for its output."""

    query: str
    params: tuple[tuple[str, str], ...]
    words: tuple[str, ...]
    origin: str

    @property
    def key(self) -> str:
        shown = " ".join(f"{k}={v}" for k, v in self.params)
        return f"{self.query} {shown}".strip()


def query_cases(examples: Sequence[Example]) -> list[QueryCase]:
    """One case per README example that runs a named query, and one per named query that no
    example runs (its header's defaults)."""
    from diplograph.queries import list_queries

    cases: dict[str, QueryCase] = {}
    names = {q.name for q in list_queries(include_checks=False)}
    for example in examples:
        name = example_query(example)
        if name is None or name not in names or _skip_reason(example):
            continue
        params = tuple(sorted(example_params(example).items()))
        fmt = _options(example.words, {"-f", "--format"})
        words = ("query", name, *(w for k, v in params for w in ("-p", f"{k}={v}")))
        words += ("-f", fmt[0]) if fmt else ()
        case = QueryCase(name, params, words, f"README line {example.line}")
        cases.setdefault(case.key, case)
    run_by_example = {c.query for c in cases.values()}
    for name in sorted(names - run_by_example):
        case = QueryCase(name, (), ("query", name), "its header's defaults")
        cases.setdefault(case.key, case)
    return sorted(cases.values(), key=lambda c: (c.query, c.params))


def best_form(name: str) -> str | None:
    """The best text found for the same answer as query ``name``, if it differs from it."""
    path = FORMS / f"{name}.rq"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def in_process(
    store_folder: Path, cases: Sequence[QueryCase], runs: int, budget: float
) -> dict[str, dict[str, Any]]:
    """In-process and bare timings of each case on the store opened once (see the docstring)."""
    from diplograph.queries import find_query, run_query
    from diplograph.queries.params import bind_params
    from diplograph.store import open_store

    store: Any = open_store(f"oxigraph:{store_folder}")
    engine = store.engine._store
    found: dict[str, dict[str, Any]] = {}
    try:
        for case in cases:
            print(f"  in process: {case.key}", file=sys.stderr, flush=True)
            params = dict(case.params)
            named = find_query(case.query)

            def ours(named: Any = named, params: dict[str, str] = params) -> int:
                result = run_query(store, named, params)
                return len(result.graph) if result.graph is not None else len(result.rows)

            diplograph = timed(ours, runs, budget)
            bindings = bind_params(store, named, params)
            text = best_form(case.query) or named.text
            full = store.engine._prepare(text, bindings)[1]

            def bare(full: str = full) -> int:
                answer = engine.query(full, use_default_graph_as_union=True)
                if hasattr(answer, "variables"):
                    return len([tuple(row) for row in answer])
                if isinstance(answer, bool):
                    return int(answer)
                return len(list(answer))

            floor = timed(bare, runs, budget)
            found[case.key] = {
                "in_process": diplograph.__dict__,
                "bare": floor.__dict__,
                "bare_text": full,
                "best_form": best_form(case.query) is not None,
            }
    finally:
        store.close()
    return found


def kept_network(store_folder: Path, runs: int, budget: float) -> dict[str, Any]:
    """The network of every tie kept beside the store: made on the first ``build_network``
    (after the kept files are removed), its file's size, then read back (median of ``runs``)."""
    from diplograph.network import build_network
    from diplograph.store import open_store

    clear_derived(store_folder)
    store: Any = open_store(f"oxigraph:{store_folder}")  # a read-only open keeps nothing
    sizes: list[int] = []

    def network() -> int:
        return int(build_network(store).number_of_edges())

    try:
        parts = network_parts(store)
        made = timed(network, 0, budget)
        sizes = [p.stat().st_size for p in (store_folder / "derived" / "cache").glob("network*")]
        read = timed(network, runs, budget, warmup=False)
    finally:
        store.close()
    return {"made": made.__dict__, "read": read.__dict__, "bytes": sum(sizes), "parts": parts}


def network_parts(store: Any) -> dict[str, Any]:
    """Where the first build of the network of every tie goes: each query it reads (through
    ``run_values``, and bare on the same store with the best form found, results as TSV), one
    run each, then the Python part on those rows (the network, citations, the kept tables)."""
    import pyoxigraph as ox

    from diplograph.bulk import gc_paused
    from diplograph.network import build
    from diplograph.network.citation import cite_network
    from diplograph.network.kept import network_to_tables
    from diplograph.queries import find_query, run_values

    parts: dict[str, Any] = {}
    rows: dict[str, Any] = {}

    def keep(name: str) -> int:
        rows[name] = run_values(store, name)
        return len(rows[name])

    for name in build._MADE_FROM:
        print(f"  the network's part: {name}", file=sys.stderr, flush=True)
        full = store.engine._prepare(best_form(name) or find_query(name).text, None)[1]

        def bare(full: str = full) -> int:
            answer = store.engine._store.query(full, use_default_graph_as_union=True)
            return len(answer.serialize(format=ox.QueryResultsFormat.TSV))

        parts[name] = {
            "ours": timed(lambda name=name: keep(name), 0, 1e9).__dict__,
            "bare": timed(bare, 0, 1e9).__dict__,
            "best_form": best_form(name) is not None,
        }

    def python() -> int:
        with gc_paused():
            network = build.edges_to_networkx(
                rows["edges"],
                evidence=rows["tie-evidence"],
                actors=rows["actors"],
                concepts=rows["tie-types"],
                events=rows["event-edges"],
                event_evidence=rows["event-evidence"],
            )
            cite_network(store, network)
            tables = network_to_tables(network)
            return len(json.dumps(tables, ensure_ascii=False, separators=(",", ":")))

    parts["python"] = {"ours": timed(python, 0, 1e9).__dict__}
    return parts


#: runs the command line with every SPARQL text the store runs recorded (argv[1]: where the
#: texts go, as JSON, when the process ends; the rest: the command's words)
CAPTURE_SCRIPT = """
import atexit, json, sys
from diplograph.store import oxigraph
texts = []
class Recording:
    def __init__(self, inner):
        self._inner = inner
    def query(self, text, **options):
        texts.append(text)
        return self._inner.query(text, **options)
    def __len__(self):
        return len(self._inner)
    def __getattr__(self, name):
        return getattr(self._inner, name)
opened = oxigraph.OxigraphEngine._open
oxigraph.OxigraphEngine._open = lambda self, *args: Recording(opened(self, *args))
out = sys.argv[1]
def keep():
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(texts, stream)
atexit.register(keep)
sys.argv = ["diplograph", *sys.argv[2:]]
from diplograph.cli import main
main()
"""

#: bare pyoxigraph running texts (a JSON list on stdin) one after the other on the store, each
#: result written by the engine (TSV, N-Triples or the boolean), as a fresh process
BARE_TEXTS_SCRIPT = """
import json, sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
size = 0
for text in json.loads(sys.stdin.read()):
    answer = store.query(text, use_default_graph_as_union=True)
    if hasattr(answer, "variables"):
        data = answer.serialize(format=ox.QueryResultsFormat.TSV)
    elif isinstance(answer, bool):
        data = str(answer).encode()
    else:
        data = answer.serialize(format=ox.RdfFormat.N_TRIPLES)
    size += len(data or b"")
sys.stdout.write(str(size))
"""


def captured_command(store: Path, words: Sequence[str], texts: Path) -> list[str]:
    """The command as ``diplograph_command`` runs it, its SPARQL texts recorded in ``texts``."""
    words = ["--store", f"oxigraph:{store}", *words]
    return [sys.executable, "-c", CAPTURE_SCRIPT, str(texts), *words]


def bare_texts_process(store_folder: Path, texts: list[str]) -> Callable[[], int]:
    """Bare pyoxigraph running ``texts`` in a fresh process (see BARE_TEXTS_SCRIPT)."""
    payload = json.dumps(texts).encode()

    def run() -> int:
        done = subprocess.run(
            [sys.executable, "-c", BARE_TEXTS_SCRIPT, str(store_folder)],
            input=payload,
            capture_output=True,
            check=True,
        )
        return int(done.stdout or 0)

    return run


BARE_SCRIPT = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
answer = store.query(sys.stdin.read(), use_default_graph_as_union=True)
if hasattr(answer, "variables"):
    data = answer.serialize(format=ox.QueryResultsFormat.TSV)
elif isinstance(answer, bool):
    data = str(answer).encode()
else:
    data = answer.serialize(format=ox.RdfFormat.N_TRIPLES)
sys.stdout.buffer.write(data or b"")
"""


def bare_whole_process(store_folder: Path, text: str) -> Callable[[], int]:
    def run() -> int:
        done = subprocess.run(
            [sys.executable, "-c", BARE_SCRIPT, str(store_folder)],
            input=text.encode(),
            capture_output=True,
            check=True,
        )
        return len(done.stdout)

    return run


# ------------------------------------------------------------------ report


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if a is None or not b else f"{a / b:.2f}x"


def _mark(value: float | None, target: float) -> str:
    if value is None:
        return "–"
    return "met" if value <= target else "**not met**"


def startup(work: Path, runs: int, budget: float) -> dict[str, Any]:
    """Whole-process start-up (see STARTUP): median of ``runs`` after a warm-up (which makes
    the built-in graph's store)."""
    found: dict[str, Any] = {}
    for name, (words, _) in STARTUP.items():
        print(f"  start-up: {name}", file=sys.stderr, flush=True)
        spec = [w.replace("BUILTIN", str(work / "builtin")) for w in words]
        found[name] = timed(whole_process([sys.executable, *spec], work), runs, budget).__dict__
    return found


def _cpu(timing: dict[str, Any]) -> float | None:
    """The median CPU seconds of a timing's runs (its warm-up when it had no other)."""
    runs = timing.get("cpu") or []
    return statistics.median(runs) if runs else timing.get("first_cpu")


def clear_derived(store_folder: Path) -> None:
    """Remove what the store keeps made from its data (``derived/cache``: the network), so
    that the next command makes it anew."""
    shutil.rmtree(store_folder / "derived" / "cache", ignore_errors=True)


def command_figures(
    store_folder: Path,
    words: list[str],
    work: Path,
    runs: int,
    budget: float,
    first_run: bool = True,
) -> dict[str, Any]:
    """A README command whole process: its first run with nothing kept beside the store, then
    the median of ``runs`` more; beside each, bare pyoxigraph running in a fresh process the
    SPARQL texts the command ran (recorded as it ran), one after the other. Without
    ``first_run``, only the later runs, on what is kept beside the store now (the first build
    of the network is measured once, by :func:`kept_network`, rather than once per command)."""
    first_texts, later_texts = work / "first.json", work / "later.json"
    if first_run:
        clear_derived(store_folder)
        first = timed(
            whole_process(captured_command(store_folder, words, first_texts), work), 0, budget
        )
    else:
        first = Timing()
    later = Timing()
    if first.error is None:
        later = timed(
            whole_process(captured_command(store_folder, words, later_texts), work),
            runs,
            budget,
            warmup=False,
        )
    found: dict[str, Any] = {**first.__dict__, "runs": later.runs, "cpu": later.cpu}
    found["error"] = first.error or later.error
    for name, path in (("first", first_texts), ("later", later_texts)):
        texts = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        if texts is None:
            continue
        bare = timed(
            bare_texts_process(store_folder, texts),
            runs if name == "later" else 1,
            budget,
            warmup=False,
        )
        found[f"bare_{name}"] = {**bare.__dict__, "queries": len(texts)}
        path.unlink()
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--runs", type=int, default=5, help="timed runs in process")
    parser.add_argument("--cli-runs", type=int, default=3, help="timed whole-process runs")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per measurement")
    parser.add_argument("--only", nargs="*", default=None, help="only these queries/commands")
    parser.add_argument("--no-cli", action="store_true", help="in process only")
    parser.add_argument("--no-commands", action="store_true", help="named queries only")
    parser.add_argument("--no-queries", action="store_true", help="no named queries (commands)")
    parser.add_argument(
        "--no-first-runs",
        action="store_true",
        help="commands from their second run only: the network's first build is measured "
        "once (the kept network), not once per command",
    )
    parser.add_argument("--rebuild", action="store_true", help="import the store anew")
    parser.add_argument(
        "--store",
        type=Path,
        help="a store folder this script made (store/ and built.json) to use as it is; the "
        "commands write derived files beside it, so give a copy of a shared one",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)

    data = args.data.resolve()
    examples = readme_examples(data)
    imports = import_examples(examples)
    started = datetime.now(UTC)
    load_before = os.getloadavg()[0]
    if args.store is not None:
        home = args.store.resolve()
        if _built(home) is None:
            raise SystemExit(f"{home}: no built.json of this script's beside a store/ folder.")
    else:
        home = build_store(data, args.cache.resolve(), imports, args.rebuild)
    store_folder = home / "store"
    built = json.loads((home / "built.json").read_text(encoding="utf-8"))

    def wanted(*names: str | None) -> bool:
        return args.only is None or any(n in args.only for n in names if n)

    cases = [] if args.no_queries else [c for c in query_cases(examples) if wanted(c.query, c.key)]
    figures: dict[str, Any] = {"store": built, "queries": {}, "commands": {}, "skipped": []}
    figures["queries"] = in_process(store_folder, cases, args.runs, args.budget)
    if not args.no_commands and wanted("network"):
        print("  the kept network", file=sys.stderr, flush=True)
        figures["network"] = kept_network(store_folder, args.runs, args.budget)
    work = Path(tempfile.mkdtemp(prefix="diplograph-realdata-"))
    try:
        if not args.no_cli and wanted("startup"):
            figures["startup"] = startup(work, max(args.cli_runs, 5), args.budget)
        if not args.no_cli:
            for case in cases:
                print(f"  whole process: {case.key}", file=sys.stderr, flush=True)
                entry = figures["queries"][case.key]
                command = diplograph_command(store_folder, case.words)
                entry["whole"] = timed(
                    whole_process(command, work), args.cli_runs, args.budget, warmup=False
                ).__dict__
                entry["bare_whole"] = timed(
                    bare_whole_process(store_folder, entry["bare_text"]),
                    args.cli_runs,
                    args.budget,
                    warmup=False,
                ).__dict__
        if not args.no_cli and not args.no_commands:
            for example in examples:
                if example.command == "query" or example.command == "import":
                    continue
                reason = _skip_reason(example)
                if reason is not None:
                    figures["skipped"].append({"example": example.text, "why": reason})
                    continue
                if not wanted(example.command, example_query(example)):
                    continue
                print(f"  command: {example.text}", file=sys.stderr, flush=True)
                figures["commands"][example.text] = command_figures(
                    store_folder,
                    redirected(example, work),
                    work,
                    args.cli_runs,
                    args.budget,
                    first_run=not args.no_first_runs,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures["load_average"] = [load_before, os.getloadavg()[0]]
    report(figures, started, args)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


def _revision() -> str:
    git = shutil.which("git") or "git"
    done = subprocess.run(
        [git, "-C", str(REPOSITORY), "log", "-1", "--format=%h"],
        capture_output=True,
        text=True,
        check=False,
    )
    dirty = subprocess.run(
        [git, "-C", str(REPOSITORY), "status", "--porcelain", "--", "src", "queries"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (done.stdout.strip() or "unknown") + (" + local changes" if dirty else "")


def report(figures: dict[str, Any], started: datetime, args: argparse.Namespace) -> None:
    """Print the tables."""
    built = figures["store"]
    print(f"## Real data (`bench/realdata.py`): {started:%Y-%m-%d %H:%M} UTC\n")
    print(
        f"Commit {_revision()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, load "
        f"average {figures['load_average'][0]:.1f} at the start and "
        f"{figures['load_average'][1]:.1f} at the end. The store: "
        f"{built['bytes'] / 1e6:,.0f} MB on disk, built {built['built'][:16]} by:\n"
    )
    print("| import (whole process) | seconds | last line |")
    print("|---|---:|---|")
    for step in built["steps"]:
        summary = " ".join(step["summary"]).replace("|", "/")
        print(f"| `{step['command']}` | {step['seconds']:.1f} | {summary[:120]} |")
    print(
        f"\n### Named queries (in process: median of {args.runs} after a warm-up; whole "
        f"process: median of {args.cli_runs})\n"
    )
    print(
        "| query and parameters | rows | in process | bare | ratio | whole process | bare, "
        "whole process | ≤ 300 ms | ≤ 0.7 s whole | ≤ 1.5x bare | CPU: in process, bare, "
        "whole, bare whole |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|---|---|---:|")
    for key, entry in figures["queries"].items():
        ours, bare = entry["in_process"], entry["bare"]
        whole = entry.get("whole", {})
        bare_whole = entry.get("bare_whole", {})
        mine = statistics.median(ours["runs"]) if ours["runs"] else ours["first"]
        floor = statistics.median(bare["runs"]) if bare["runs"] else bare["first"]
        total = statistics.median(whole["runs"]) if whole.get("runs") else None
        total_bare = statistics.median(bare_whole["runs"]) if bare_whole.get("runs") else None
        error = ours["error"] or bare["error"] or whole.get("error")
        name = f"`{key}`" + (" (best form)" if entry["best_form"] else "")
        ratio = None if floor is None or mine is None else mine / max(floor, 1e-9)
        if error:
            print(f"| {name} | – | error: {error} | | | | | | | | |")
            continue
        cpus = " / ".join(_s(_cpu(t)) for t in (ours, bare, whole, bare_whole))
        print(
            f"| {name} | {ours['size']:,} | {_s(mine)} | {_s(floor)} | {_ratio(mine, floor)} | "
            f"{_s(total)} | {_s(total_bare)} | {_mark(mine, TARGET_QUERY_IN_PROCESS)} | "
            f"{_mark(total, TARGET_QUERY_WHOLE)} | "
            f"{_mark(ratio, TARGET_QUERY_VS_BARE)} | {cpus} |"
        )
    if figures.get("startup"):
        print(
            "\n### Start-up, whole process (median of the runs after a warm-up)\n\n"
            "| command | runs | wall | target | CPU |\n|---|---:|---:|---|---:|"
        )
        for name, timing in figures["startup"].items():
            target = STARTUP[name][1]
            wall = statistics.median(timing["runs"]) if timing["runs"] else None
            verdict = "floor" if target is None else f"≤ {target:g} s: {_mark(wall, target)}"
            if timing["error"]:
                verdict = f"error: {timing['error']}"
            print(
                f"| {name} | {len(timing['runs'])} | {_s(wall)} | {verdict} | {_s(_cpu(timing))} |"
            )
    if figures.get("network"):
        kept = figures["network"]
        made, read = kept["made"], kept["read"]
        error = made["error"] or read["error"]
        print(
            f"\n### The network of every tie (`build_network(store)`, in process)\n\n"
            f"{made['size'] or 0:,} edges; the first call (reads the store's rows and keeps "
            f"the network beside it): {_s(made['first'])}; the kept file: "
            f"{kept['bytes'] / 1e6:.1f} MB; later calls (read back): "
            f"{_s(statistics.median(read['runs']) if read['runs'] else None)} (median of "
            f"{len(read['runs'])}; CPU {_s(made.get('first_cpu'))} and {_s(_cpu(read))})"
            f"{'; error: ' + error if error else ''}."
        )
        parts = kept.get("parts") or {}
        if parts:
            print(
                "\nWhere the first build goes (each part alone, one run; the build reads the "
                "queries two at a time):\n\n| part | rows | ours: wall / CPU | bare on the best "
                "form: wall / CPU |\n|---|---:|---:|---:|"
            )
            for name, part in parts.items():
                ours, bare = part["ours"], part.get("bare")
                bare_text = (
                    f"{_s(bare['first'])} / {_s(bare['first_cpu'])}"
                    + (" (best form)" if part.get("best_form") else "")
                    if bare
                    else "–"
                )
                rows = f"{ours['size']:,}" if name != "python" else "–"
                label = f"`{name}`" if name != "python" else "Python: network, citations, tables"
                print(
                    f"| {label} | {rows} | {_s(ours['first'])} / {_s(ours['first_cpu'])} | "
                    f"{bare_text} |"
                )
    if figures["commands"]:
        print(
            f"\n### README commands, whole process (first run with no derived files; then "
            f"median of {args.cli_runs})\n"
        )
        print(
            "| command | first run | bare, first run (queries) | later runs | bare, later runs "
            "(queries) | ratio, later runs | ≤ 2 s | CPU: first run, later runs, bare later |"
        )
        print("|---|---:|---:|---:|---:|---:|---|---:|")
        for text, timing in figures["commands"].items():
            if timing["error"]:
                print(f"| `{text}` | error: {timing['error']} | | | | | | |")
                continue
            later = statistics.median(timing["runs"]) if timing["runs"] else None
            bares = []
            for name in ("bare_first", "bare_later"):
                bare = timing.get(name) or {}
                wall = statistics.median(bare["runs"]) if bare.get("runs") else bare.get("first")
                bares.append((wall, bare.get("queries"), bare))
            (first_bare, first_n, _), (later_bare, later_n, later_timing) = bares
            cpus = (
                f"{_s(timing.get('first_cpu'))} / {_s(_cpu(timing))} / "
                f"{_s(_cpu(later_timing) if later_timing else None)}"
            )
            print(
                f"| `{text}` | {_s(timing['first'])} | {_s(first_bare)} ({first_n or 0}) | "
                f"{_s(later)} | {_s(later_bare)} ({later_n or 0}) | {_ratio(later, later_bare)} | "
                f"{_mark(later, TARGET_COMMAND)} | {cpus} |"
            )
    for skipped in figures["skipped"]:
        print(f"\nNot measured: `{skipped['example']}` ({skipped['why']}).", end="")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
