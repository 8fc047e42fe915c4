"""The fault campaign's figures (a script, not a test): loopback only, bounded in time.

1. **Who waits while one hostile request runs.** ``diplograph serve`` (the seed graph, in
   memory, default workers) on 127.0.0.1; a probe client sends ``ASK {}`` every 20 ms on a
   fresh connection and its latency is recorded, first alone (the floor), then while each
   hostile request of the protocol-abuse set runs, one at a time. Printed: the hostile
   request's status and time, and the probe's worst and median latency meanwhile.
2. **Peak memory of the largest hostile file of each format.** ``diplograph --store memory
   load FILE`` in a subprocess, for each hostile file (made here, a few MB each): its exit
   status, time and peak resident memory (``ru_maxrss``), beside the same command on a
   two-triple file (the floor: the interpreter, the built-in graph).
3. **Reload and clean-up on disk.** For synthetic graphs of ``--sizes`` triples
   (``bench/synthetic.py``) and a real GDELT file, each a whole ``diplograph`` process on an
   ``oxigraph:`` store: the first load; a reload of changed content (split at the moment it
   starts dropping the earlier copy); the next open of the clean store; after a reload killed
   (kill -9) right after its commit, a reader's open and the writer's open that removes the old
   copy (the worst clean-up); after a reload killed half-way through its bulk load, the writer's
   clean-up. Beside them, bare pyoxigraph in the same run: ``bulk_load`` into a fresh folder and
   ``remove_graph`` of that graph (the engine's own drop, one transaction). Peak memory of each.
4. **The campaign as a suite.** ``pytest tests/faults``: cases tried, held (passed), failed and
   skipped (with the reasons).

Run: ``.venv/bin/python bench/faults.py [--parts serve memory reload suite] [--timeout 10]
[--sizes 100000 1000000]``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from serve import serving
from synthetic import ties_for, write

REPOSITORY = Path(__file__).resolve().parents[1]
RUS_UKR = REPOSITORY.parent / "shared" / "data" / "gdelt-v2-rus-ukr-2022-04"
RAW_EVENTS = REPOSITORY.parent / "shared" / "data" / "gdelt-v1-raw-sample" / "events.csv"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

CHAIN = "+".join(["1"] * 10_000)
#: the protocol-abuse set: (name, how to send it once, given the server's URL)
Hostile = Callable[[str], str]


def _post(url: str, **options: object) -> str:
    answer = httpx.post(f"{url}/sparql", timeout=120, **options)  # type: ignore[arg-type]
    return str(answer.status_code)


def _stalled(url: str, connections: int = 200, hold: float = 5.0) -> str:
    """``connections`` clients that send half a request and wait ``hold`` seconds."""
    host, port = url.removeprefix("http://").split(":")
    sockets = []
    for _ in range(connections):
        sock = socket.create_connection((host, int(port)))
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 999\r\n\r\nASK")
        sockets.append(sock)
    time.sleep(hold)
    for sock in sockets:
        sock.close()
    return f"{connections} held"


HOSTILE: list[tuple[str, Hostile]] = [
    (
        "nested 8,000 deep (32 KB)",
        lambda url: _post(
            url, data={"query": "SELECT * WHERE { " + "{" * 8000 + "?s ?p ?o" + "}" * 8000 + " }"}
        ),
    ),
    (
        "250 deep around 10,000 '+' (40 KB)",
        lambda url: _post(
            url,
            data={
                "query": "SELECT * WHERE { "
                + "{" * 250
                + f"?s ?p ?o FILTER({CHAIN} > 0)"
                + "}" * 250
                + " } LIMIT 1"
            },
        ),
    ),
    (
        "1 MiB form of 100,000 fields",
        lambda url: _post(
            url,
            content="&".join(["a=1"] * 100_000)[: (1 << 20) - 20] + "&query=ASK%7B%7D",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
    ),
    (
        "1 MiB percent-encoded query",
        lambda url: _post(
            url,
            content="query=" + "%20" * 340_000 + "ASK%7B%7D",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
    ),
    (
        "900 KB query of 330,000 tokens",
        lambda url: _post(url, data={"query": "ASK { " + "?a ?b ?c . " * 82_000 + "}"}),
    ),
    (
        "24,000 triple patterns in 250 groups (265 KB, 96,500 tokens)",
        lambda url: _post(
            url,
            data={
                "query": "SELECT * WHERE { " + "{" * 250 + "?a ?b ?c . " * 24_000 + "}" * 250 + " }"
            },
        ),
    ),
    (
        "24,000 triple patterns (260 KB, 96,000 tokens)",
        lambda url: _post(url, data={"query": "ASK { " + "?a ?b ?c . " * 24_000 + "}"}),
    ),
    (
        "runaway cross join",
        lambda url: _post(
            url, data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
        ),
    ),
    ("200 stalled half requests (5 s)", _stalled),
]


class Probe:
    """``ASK {}`` every ``every`` seconds on a fresh connection; (start, latency) of each."""

    def __init__(self, url: str, every: float = 0.02) -> None:
        self.url = url
        self.every = every
        self.samples: list[tuple[float, float]] = []
        self.failures = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                answer = httpx.post(f"{self.url}/sparql", data={"query": "ASK {}"}, timeout=120)
                if answer.status_code != 200:
                    self.failures += 1
            except httpx.HTTPError:
                self.failures += 1
            self.samples.append((started, time.monotonic() - started))
            self._stop.wait(self.every)

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def during(self, begin: float, end: float) -> list[float]:
        """Latencies of the probes sent between ``begin`` and ``end`` (or answered after)."""
        return [lat for start, lat in self.samples if begin <= start <= end]


def serve_part(timeout: float) -> None:
    print("\n## Who waits while one hostile request runs (seed graph in memory)\n")
    with (
        tempfile.TemporaryDirectory(prefix="diplograph-bench-faults-") as folder,
        serving("memory", Path(folder), timeout, None) as (url, _pid),
        Probe(url) as probe,
    ):
        time.sleep(3)
        alone = [lat for _, lat in probe.samples]
        print(
            f"probe alone: {len(alone)} requests, worst {max(alone) * 1000:.0f} ms, "
            f"median {statistics.median(alone) * 1000:.0f} ms"
        )
        print("| hostile request | its status | its time | probes | probe worst | probe median |")
        print("|---|---|---|---|---|---|")
        for name, send in HOSTILE:
            time.sleep(0.5)
            begin = time.monotonic()
            status = send(url)
            end = time.monotonic()
            time.sleep(0.2)
            waits = probe.during(begin, end)
            worst = max(waits) * 1000 if waits else float("nan")
            median = statistics.median(waits) * 1000 if waits else float("nan")
            print(
                f"| {name} | {status} | {end - begin:.2f} s | {len(waits)} | "
                f"{worst:.0f} ms | {median:.0f} ms |",
                flush=True,
            )
        print(f"probe failures (not 200): {probe.failures}")


# ------------------------------------------------------------------ hostile files


def _bomb() -> str:
    entities = '<!ENTITY lol "lol">\n' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{entities}]>\n'
        f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/"><rdf:Description '
        'rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description></rdf:RDF>\n'
    )


def _files(folder: Path) -> list[tuple[str, Path]]:
    """The hostile files of each format (and the two-triple floor), written to ``folder``."""
    made: list[tuple[str, str, str]] = [
        ("floor: two triples", "floor.ttl", '<urn:x:a> <urn:x:p> "1" , "2" .\n'),
        (
            "Turtle: blank nodes nested 1,000,000 deep (8 MB)",
            "deep.ttl",
            "<urn:x:a> <urn:x:p> " + "[ <urn:x:p> " * 1_000_000 + "1" + " ]" * 1_000_000 + " .\n",
        ),
        (
            "Turtle: a collection nested 1,000,000 deep (4 MB)",
            "list.ttl",
            "<urn:x:a> <urn:x:p> " + "( " * 1_000_000 + "1" + " )" * 1_000_000 + " .\n",
        ),
        (
            "N-Triples: one 64 MB literal",
            "huge.nt",
            '<urn:x:a> <urn:x:p> "' + "x" * (64 << 20) + '" .\n',
        ),
        (
            "N-Triples: cut in the middle of a line (9 MB)",
            "cut.nt",
            "".join(f'<urn:x:s{i}> <urn:x:p> "{i}" .\n' for i in range(300_000))[:-7],
        ),
        (
            "N-Quads: one 64 MB literal",
            "huge.nq",
            '<urn:x:a> <urn:x:p> "' + "x" * (64 << 20) + '" <urn:x:g> .\n',
        ),
        (
            "TriG: blank nodes nested 1,000,000 deep (8 MB)",
            "deep.trig",
            "<urn:x:g> { <urn:x:a> <urn:x:p> "
            + "[ <urn:x:p> " * 1_000_000
            + "1"
            + " ]" * 1_000_000
            + " . }\n",
        ),
        (
            "JSON-LD: objects nested 2,000 deep (25 KB)",
            "deep-2000.jsonld",
            '{"@id": "urn:x:r", ' + '"urn:x:p": {' * 2_000 + '"@id": "urn:x:x"' + "}" * 2_001,
        ),
        (
            "JSON-LD: objects nested 100,000 deep (1.1 MB)",
            "deep.jsonld",
            '{"@id": "urn:x:r", ' + '"urn:x:p": {' * 100_000 + '"@id": "urn:x:x"' + "}" * 100_001,
        ),
        (
            "JSON-LD: arrays nested 1,000,000 deep (2 MB)",
            "arrays.jsonld",
            '{"@id": "urn:x:r", "urn:x:p": ' + "[" * 1_000_000 + '"x"' + "]" * 1_000_000 + "}",
        ),
        ("RDF/XML: billion laughs (1 KB)", "bomb.rdf", _bomb()),
        (
            "RDF/XML: elements nested 100,000 deep (4 MB)",
            "deep.rdf",
            f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">'
            + "<rdf:Description><ex:p>" * 50_000
            + "x"
            + "</ex:p></rdf:Description>" * 50_000
            + "</rdf:RDF>\n",
        ),
        (
            "RDF/XML: truncated (no closing tags, 9 MB)",
            "cut.rdf",
            f'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="{RDF}" xmlns:ex="http://example.org/">'
            + "".join(
                f'<rdf:Description rdf:about="urn:x:s{i}"><ex:p>{i}</ex:p></rdf:Description>'
                for i in range(150_000)
            ),
        ),
    ]
    files = []
    for label, name, text in made:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        files.append((label, path))
    return files


@dataclass
class Run:
    """One process: exit status, wall time, peak resident memory, stderr lines (with the second
    each was read at)."""

    status: int
    seconds: float
    peak: int
    lines: list[tuple[float, str]]

    def at(self, words: str) -> float | None:
        """The second the first stderr line saying ``words`` came, if one did."""
        return next((when for when, line in self.lines if words in line), None)

    def text(self) -> str:
        """The whole stderr as one line (the console wraps long messages)."""
        return " ".join(line.strip() for _, line in self.lines)


#: a small process that runs the command and reports its exit status and peak memory: a child
#: of this (big) script would count the script's own memory in its peak, copied at the fork
_LAUNCH = """
import os, sys
report, args = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execv(args[0], args)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as out:
    out.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss * 1024}")
"""


def _run(args: list[str], kill_after: float | None = None) -> Run:
    """Run ``args`` (with SIGKILL after ``kill_after`` seconds, if given): its exit status,
    time, peak resident memory and stderr."""
    with tempfile.NamedTemporaryFile(prefix="diplograph-bench-run-") as report:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, report.name, *args],
            cwd=REPOSITORY,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # the command and its launcher: one group, killed at once
        )

        def kill() -> None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(kill_after, kill) if kill_after is not None else None
        if timer is not None:
            timer.start()
        assert process.stderr is not None
        lines = [(time.monotonic() - started, line.rstrip()) for line in process.stderr]
        process.wait()
        seconds = time.monotonic() - started
        if timer is not None:
            timer.cancel()
        said = Path(report.name).read_text().split()
    if len(said) != 2:  # the launcher was killed too
        return Run(process.returncode, seconds, 0, lines)
    return Run(int(said[0]), seconds, int(said[1]), lines)


#: the bare engine's reading of a file, in a child whose address space is capped (--bare-limit)
_BARE_PARSE = """
import resource, sys
limit = int(sys.argv[2]) << 20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import pyoxigraph as ox
count = 0
try:
    for _ in ox.parse(path=sys.argv[1]):
        count += 1
except (SyntaxError, ValueError, OSError, MemoryError) as error:
    sys.exit(f"{type(error).__name__}: {str(error).splitlines()[0][:80]}")
print(f"read {count:,} triples", file=sys.stderr)
"""


def _bare_parse(path: Path, limit_mb: int) -> str:
    """Bare pyoxigraph reading ``path`` (``ox.parse``, format from the suffix): what it did."""
    run = _run([sys.executable, "-c", _BARE_PARSE, str(path), str(limit_mb)])
    said = run.text()
    if run.status < 0:  # killed: Rust aborts when an allocation fails at the cap
        said = f"aborted (signal {-run.status}) at the {limit_mb:,} MiB cap"
    return f"{said[:60]}; {run.seconds:.1f} s, {run.peak / (1 << 20):,.0f} MiB"


def memory_part(bare_limit: int) -> None:
    print(
        "\n## Peak memory of the largest hostile file of each format "
        "(diplograph --store memory load FILE)\n"
    )
    print(
        f"Beside it, bare pyoxigraph reading the same file (ox.parse) with its address space "
        f"capped at {bare_limit:,} MiB.\n"
    )
    print("| file | exit | time | peak memory | what it said | bare pyoxigraph |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-zoo-") as folder:
        files: list[tuple[str, list[str], Path | None]] = [
            (label, ["load", str(path)], path) for label, path in _files(Path(folder))
        ]
        rejects = str(Path(folder) / "rejects.csv")  # not the default, in the repository
        sample = RAW_EVENTS.read_text(encoding="utf-8").splitlines(keepends=True)[:50]
        huge = Path(folder) / "huge-field.csv"  # a GDELT row whose one field is 64 MB
        huge.write_text("".join(sample) + "1\t" + "x" * (64 << 20) + "\n", encoding="utf-8")
        command = ["import", "gdelt", "--rejects", rejects, str(huge)]
        files.append(("GDELT CSV (import gdelt): a 64 MB field", command, None))
        cut = Path(folder) / "cut.csv"  # the rus-ukr month, cut in the middle of a row
        text = (RUS_UKR / "rus_ukr_events_2022-04.csv").read_bytes()
        cut.write_bytes(text[: len(text) // 2])
        command = ["import", "gdelt", "--rejects", rejects, str(cut)]
        files.append(("GDELT CSV (import gdelt): cut mid-row (1.5 MB)", command, None))
        for label, args, path in files:
            command = [sys.executable, "-m", "diplograph", "--store", "memory", *args]
            run = _run(command)
            status, seconds, peak = run.status, run.seconds, run.peak
            said = run.text().replace(f"{folder}/", "")[:150]
            bare = _bare_parse(path, bare_limit) if path is not None else "–"
            print(
                f"| {label} | {status} | {seconds:.1f} s | {peak / (1 << 20):,.0f} MiB | {said} "
                f"| {bare} |",
                flush=True,
            )


# ------------------------------------------------------------------ reload and clean-up

INJECT = REPOSITORY / "tests" / "faults" / "inject.py"


def _diplograph(store: Path, *args: str, read_only: bool = False) -> list[str]:
    kind = "oxigraph-ro" if read_only else "oxigraph"
    return [sys.executable, "-m", "diplograph", "--store", f"{kind}:{store}", *args]


_BARE = """
import sys, time
import pyoxigraph as ox
folder, path = sys.argv[1:]
store = ox.Store(folder)
graph = ox.NamedNode("urn:x:bench")
started = time.monotonic()
store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
store.flush()
loaded = time.monotonic() - started
started = time.monotonic()
store.remove_graph(graph)
store.flush()
print(loaded, time.monotonic() - started, file=sys.stderr)
"""


def _bare(path: Path, folder: Path) -> tuple[float, float, int]:
    """Bare pyoxigraph: (bulk load seconds, remove_graph seconds, peak memory) in a child."""
    shutil.rmtree(folder, ignore_errors=True)
    run = _run([sys.executable, "-c", _BARE, str(folder), str(path)])
    shutil.rmtree(folder, ignore_errors=True)
    if run.status != 0:
        raise SystemExit(f"bare pyoxigraph failed: {run.text()}")
    loaded, dropped = run.text().split()[-2:]
    return float(loaded), float(dropped), run.peak


def _mb(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MiB"


def _removed(run: Run) -> str:
    """What a writer's open said it removed: a graph's triples, files."""
    text = run.text()
    graph = re.search(r"removing what an interrupted .*?\(([\d,]+ triples?)\)", text)
    files = re.search(r"Removed (\d+ files? \([\d.,]+ MB\)) that an interrupted", text)
    parts = [found.group(1) for found in (graph, files) if found is not None]
    return " and ".join(parts) or "nothing"


def _reload_case(
    label: str, store: Path, load: list[str], one: Path, two: Path, target: Path, bare: Path | None
) -> None:
    """The figures of one graph: ``load`` (a command's arguments) reads ``target``, which holds
    ``one``'s bytes, then ``two``'s (a reload), and so on."""
    shutil.rmtree(store, ignore_errors=True)
    assert _run(_diplograph(store, "sources")).status == 0  # the built-in graph, untimed
    shutil.copyfile(one, target)
    first = _run(_diplograph(store, *load))
    shutil.copyfile(two, target)
    reload = _run(_diplograph(store, *load))
    dropping = reload.at("removing the earlier copy")
    clean = _run(_diplograph(store, "sources"))
    shutil.copyfile(one, target)  # a reload killed right after its commit
    killed = _run(
        [sys.executable, str(INJECT), "committed", "KILL", *_diplograph(store, *load)[3:]]
    )
    reader = _run(_diplograph(store, "sources", read_only=True))
    after_commit = _run(_diplograph(store, "sources"))
    shutil.copyfile(two, target)  # a reload killed half-way through its new copy
    # half-way through its own work: start-up (a bare open's time) and half the new copy's
    half = clean.seconds + ((dropping or reload.seconds) - clean.seconds) / 2
    _run(_diplograph(store, *load), kill_after=half)
    mid_load = _run(_diplograph(store, "sources"))
    row = [
        label,
        f"{first.seconds:.1f} s ({_mb(first.peak)})",
        f"{reload.seconds:.1f} s = {dropping or reload.seconds:.1f} + "
        f"{reload.seconds - (dropping or reload.seconds):.1f} s ({_mb(reload.peak)})",
        f"{clean.seconds:.1f} s",
        f"{reader.seconds:.1f} s",
        f"{after_commit.seconds:.1f} s ({_mb(after_commit.peak)}; {_removed(after_commit)})",
        f"{mid_load.seconds:.1f} s after a kill at {half:.1f} s ({_removed(mid_load)})",
    ]
    if bare is not None:
        loaded, dropped, peak = _bare(bare, store.with_name("bare"))
        row += [f"{loaded:.1f} s", f"{dropped:.1f} s ({_mb(peak)})"]
    else:
        row += ["–", "–"]
    if killed.status != -9 or reload.status or first.status:
        row[0] += f" (exit {first.status}, {reload.status}, kill {killed.status})"
    print("| " + " | ".join(row) + " |", flush=True)


def reload_part(sizes: list[int]) -> None:
    print("\n## Reload and clean-up on disk (whole diplograph processes, oxigraph: store)\n")
    print(
        "| graph | load | reload = new copy in + earlier copy dropped | next open | "
        "reader's open after kill -9 at commit | writer's open after it (removed) | "
        "writer's open after kill -9 mid-load (removed) | bare bulk_load | "
        "bare remove_graph |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-reload-") as name:
        folder = Path(name)
        for size in sizes:
            one, two = folder / "one.nt", folder / "two.nt"
            triples = write(one, ties_for(size), seed=42)
            write(two, ties_for(size), seed=43)
            target = folder / "synthetic.nt"
            label = f"synthetic, {triples:,} triples ({one.stat().st_size / 1e6:,.0f} MB)"
            _reload_case(label, folder / "store", ["load", str(target)], one, two, target, one)
            for path in (one, two, target):
                path.unlink()
        events = RUS_UKR / "rus_ukr_events_2022-04.csv"
        if events.exists():
            rows = events.read_bytes().splitlines(keepends=True)
            one, two = folder / "one.csv", folder / "two.csv"
            one.write_bytes(b"".join(rows))
            two.write_bytes(b"".join(rows[: len(rows) * 9 // 10]))  # a tenth of its rows gone
            target = folder / "rus_ukr_events.csv"
            label = f"GDELT {events.name} ({len(rows):,} rows), import and import again"
            rejects = str(folder / "rejects.csv")
            load = ["import", "gdelt", "--no-aggregate", "--rejects", rejects, str(target)]
            _reload_case(label, folder / "store", load, one, two, target, None)


def suite_part() -> None:
    print("\n## The campaign as a suite (pytest tests/faults)\n")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "tests/faults"],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    counts = {k: int(n) for n, k in re.findall(r"(\d+) (passed|failed|skipped|error)", summary)}
    tried = sum(counts.values())
    print(
        f"cases tried {tried}, held {counts.get('passed', 0)}, failed "
        f"{counts.get('failed', 0) + counts.get('error', 0)}, skipped "
        f"{counts.get('skipped', 0)}; {seconds:.0f} s"
    )
    for line in done.stdout.splitlines():
        if line.startswith("SKIPPED"):
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--parts",
        nargs="+",
        default=["serve", "memory", "reload", "suite"],
        choices=["serve", "memory", "reload", "suite"],
    )
    parser.add_argument(
        "--bare-limit", type=int, default=2048, help="MiB of address space for bare pyoxigraph"
    )
    parser.add_argument(
        "--sizes", nargs="+", type=int, default=[100_000, 1_000_000], help="triples, for reload"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's --timeout")
    options = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    if "serve" in options.parts:
        serve_part(options.timeout)
    if "memory" in options.parts:
        memory_part(options.bare_limit)
    if "reload" in options.parts:
        reload_part(options.sizes)
    if "suite" in options.parts:
        suite_part()


if __name__ == "__main__":
    main()
