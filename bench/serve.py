"""Load benchmark of ``diplograph serve`` (a script, not a test): loopback only, bounded in time.

For each store — the seed graph (``memory``) and a 1M-triple synthetic graph on disk (made with
``bench/synthetic.py`` and loaded once with ``diplograph load``) — it starts ``diplograph serve``
on 127.0.0.1 and runs, twice, ``--clients`` concurrent clients for ``--seconds`` seconds, each
sending a mix of named queries (``/queries/NAME?params``, keep-alive connections):

1. the mix alone;
2. the mix with a runaway query (a triple cross join) sent every ``--runaway-every`` seconds,
   which the server must stop at its ``--timeout`` (503) while the others go on.

Per run it prints the requests, throughput, p50/p95/p99 latency of the mix, errors (anything but
a 200; the target is 0), the runaways sent and stopped, and the peak memory of the server and its
worker processes (the sum of their PSS, which counts shared copy-on-write pages once). Last, the
ratio of the mix's p95 with runaways to without (the target: at most 2).

Run: ``.venv/bin/python bench/serve.py [--seconds 30] [--clients 32] [--stores seed 1m]``
(the 1M file and store are kept in ``--cache``, /tmp/diplograph-bench by default, for reuse).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
from synthetic import ties_for, write

REPOSITORY = Path(__file__).resolve().parents[1]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
_READY = re.compile(r"diplograph serve: (http://127\.0\.0\.1:\d+)/ ")

#: the mix of named queries per store: (name, parameters)
SEED_MIX: list[tuple[str, dict[str, str]]] = [
    ("troop-contributors", {}),
    ("troop-contributors", {"status": "pledged"}),
    ("evidence", {"actor": "Morocco"}),
    ("common-partners", {}),
    ("ties-between", {}),
    ("ego-network", {"actor": "MAR"}),
    ("search-actors", {"text": "isr"}),
    ("ties-by-type", {"type": "troop contribution"}),
    ("police-trainers", {}),
]
SYNTHETIC_MIX: list[tuple[str, dict[str, str]]] = [
    ("troop-contributors", {"force": "d:isf"}),  # "ISF" is also a synthetic actor's code
    ("evidence", {"actor": "Actor 500"}),
    ("evidence", {"actor": "Actor 2000"}),
    ("ego-network", {"actor": "Actor 501"}),
    ("ties-between", {"a": "Actor 10", "b": "Actor 11"}),
    ("common-partners", {"a": "Actor 500", "b": "Actor 501"}),
    ("ties-between", {"a": "Actor 0", "b": "Actor 1"}),  # the two largest hubs: ~0.15 s
    ("evidence", {"actor": "Morocco"}),
]


@dataclass
class Run:
    """What one run measured."""

    label: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    runaways: int = 0
    stopped: int = 0
    runaway_seconds: list[float] = field(default_factory=list)
    peak_pss: int = 0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def line(self) -> str:
        count = len(self.latencies)
        longest = max(self.runaway_seconds, default=0.0)
        return (
            f"| {self.label} | {count:,} | {count / self.seconds:,.1f} | "
            f"{self.percentile(50) * 1000:,.0f} | {self.percentile(95) * 1000:,.0f} | "
            f"{self.percentile(99) * 1000:,.0f} | {len(self.errors)} | "
            f"{self.stopped}/{self.runaways} (≤ {longest:.1f} s) | "
            f"{self.peak_pss / 2**20:,.0f} MiB |"
        )


@contextlib.contextmanager
def serving(
    store: str, folder: Path, timeout: float, workers: int | None
) -> Iterator[tuple[str, int]]:
    """``diplograph --store STORE serve`` on a free loopback port; yields its URL and pid."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "serve.log"
    command = [sys.executable, "-m", "diplograph", "--store", store, "serve", "--port", "0"]
    command += ["--timeout", str(timeout)]
    if workers:
        command += ["--workers", str(workers)]
    with log.open("wb") as stderr:
        process = subprocess.Popen(command, cwd=REPOSITORY, stdin=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 300
        while not (found := _READY.search(log.read_text(errors="replace"))):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: {log.read_text(errors='replace')}")
            time.sleep(0.1)
        print(log.read_text(errors="replace").strip(), file=sys.stderr)
        yield found.group(1), process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tree_pss(pid: int) -> int:
    """The PSS of ``pid`` and every process below it (bytes)."""
    total = 0
    try:
        root = psutil.Process(pid)
        for process in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                total += process.memory_full_info().pss
    except psutil.NoSuchProcess:
        pass
    return total


def measure(
    url: str,
    pid: int,
    label: str,
    mix: list[tuple[str, dict[str, str]]],
    clients: int,
    seconds: float,
    runaway_every: float | None,
) -> Run:
    """``clients`` threads sending the ``mix`` for ``seconds`` (and runaways, if asked)."""
    run = Run(label, seconds)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        chooser = random.Random(number)
        with httpx.Client(base_url=url, timeout=120) as http:
            while time.monotonic() < stop:
                name, params = chooser.choice(mix)
                started = time.monotonic()
                try:
                    answer = http.get(f"/queries/{name}", params=params)
                    error = None if answer.status_code == 200 else f"{answer.status_code}"
                except httpx.HTTPError as failure:
                    error = f"{type(failure).__name__}: {failure}"
                elapsed = time.monotonic() - started
                with lock:
                    if error is None:
                        run.latencies.append(elapsed)
                    else:
                        run.errors.append(f"{name}: {error}")

    def runaways() -> None:
        assert runaway_every is not None
        with httpx.Client(base_url=url, timeout=120) as http:
            due = time.monotonic() + runaway_every / 2
            while due < stop:
                time.sleep(max(0.0, due - time.monotonic()))
                due += runaway_every  # start to start, whatever each one takes
                started = time.monotonic()
                run.runaways += 1
                answer = http.post("/sparql", data={"query": RUNAWAY})
                run.runaway_seconds.append(time.monotonic() - started)
                if answer.status_code == 503 and "stopped" in answer.text:
                    run.stopped += 1

    def memory() -> None:
        while time.monotonic() < stop:
            run.peak_pss = max(run.peak_pss, _tree_pss(pid))
            time.sleep(1.0)  # reading every process's smaps is not free

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=memory))
    if runaway_every:
        threads.append(threading.Thread(target=runaways))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return run


def _synthetic_store(cache: Path, triples: int) -> str:
    """An on-disk store holding the synthetic graph of ``triples`` triples (made once)."""
    cache.mkdir(parents=True, exist_ok=True)
    data = cache / f"synthetic-{triples}.nt"
    folder = cache / f"store-{triples}"
    if not (folder / "ready").exists():
        if not data.exists():
            print(f"writing {data} ...", file=sys.stderr)
            write(data, ties_for(triples))
        print(f"loading it into {folder} ...", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "diplograph",
                "--store",
                f"oxigraph:{folder}",
                "load",
                str(data),
            ],
            check=True,
            cwd=REPOSITORY,
        )
        (folder / "ready").touch()
    return f"oxigraph:{folder}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each run")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument("--stores", nargs="+", default=["seed", "1m"], choices=["seed", "1m"])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the big store")
    parser.add_argument("--timeout", type=float, default=3.0, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=None, help="the server's --workers")
    parser.add_argument("--runaway-every", type=float, default=4.0, help="seconds between them")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "diplograph-bench"
    )
    args = parser.parse_args()

    print(
        f"diplograph serve under load: {args.clients} clients, {args.seconds:g} s per run, "
        f"server --timeout {args.timeout:g}, a runaway every {args.runaway_every:g} s "
        f"in the second run; {psutil.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB\n"
    )
    header = (
        "| run | requests | req/s | p50 ms | p95 ms | p99 ms | errors | runaways stopped | "
        "peak memory (PSS) |\n|---|---|---|---|---|---|---|---|---|"
    )
    print(header)
    verdicts = []
    for choice in args.stores:
        if choice == "seed":
            store, mix, name = "memory", SEED_MIX, "seed graph (memory)"
        else:
            store = _synthetic_store(args.cache, args.triples)
            mix, name = SYNTHETIC_MIX, f"{args.triples / 1e6:g}M triples (disk)"
        with serving(store, args.cache, args.timeout, args.workers) as (url, pid):
            measure(url, pid, "warm-up", mix, args.clients, 3.0, None)  # every query once, caches
            calm = measure(url, pid, f"{name}", mix, args.clients, args.seconds, None)
            print(calm.line(), flush=True)
            stormy = measure(
                url, pid, f"{name} + runaways", mix, args.clients, args.seconds, args.runaway_every
            )
            print(stormy.line(), flush=True)
            for run in (calm, stormy):
                for error in sorted(set(run.errors))[:5]:
                    print(f"  error in {run.label}: {error}", file=sys.stderr)
        ratio = stormy.percentile(95) / calm.percentile(95)
        verdicts.append(
            f"{name}: p95 with runaways / without = {ratio:.2f} "
            f"({'met' if ratio <= 2 else 'NOT met'}: target ≤ 2); errors "
            f"{len(calm.errors) + len(stormy.errors)} (target 0); runaways stopped "
            f"{stormy.stopped} of {stormy.runaways}"
        )
    print()
    for verdict in verdicts:
        print(verdict)


if __name__ == "__main__":
    main()
