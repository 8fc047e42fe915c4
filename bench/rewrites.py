"""Benchmark of the queries as rewritten to run on Virtuoso (issue 20) against the texts they
replaced, turn about in one process (a script, not a test): prints Markdown.

Issue 20 rewrote named queries whose idioms Virtuoso answers wrongly (the commits in
``REWRITES``), and changed where a parameter's ``VALUES`` block goes (``BINDING_BEFORE``: before,
in the outer WHERE group too, and around sub-SELECTs that do not select the variable). The *old*
form of a query is today's text with each of those commits' changed lines put back (so later
edits by others stay in both), bound by the binding module as it was before; the *new* form is
today's text bound by today's code. Every case whose two bound texts differ runs on the same open
store, old and new alternating (which goes first alternates too), so that both see the same load
on a shared machine: the median of ``--runs`` runs of each after one warm-up of each, the ratio
new / old, and whether the two answers are the same (rows as sets; a CONSTRUCT's triples).

Data: the synthetic graph (``bench/synthetic.py``) of each of ``--triples`` in the memory store
and the on-disk store (the default kind), cases as ``bench/stores.py`` gives them (hubs and
typical actors) plus the checks; and with ``--real``, every dataset of ``../shared/data`` that
diplograph imports, imported by the README's lines (``bench/realdata.py``'s cached store, kept in
``--cache``), on disk and (its imported graphs) in a memory store, cases as
``bench/realdata.py`` gives them (the README's parameters, else the defaults) plus the checks.

Run: ``.venv/bin/python bench/rewrites.py [--triples 100000 1000000] [--runs 9] [--real]
[--only NAME ...] [--stores memory oxigraph]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
REPOSITORY = BENCH.parent
sys.path.insert(0, str(BENCH))

import realdata  # noqa: E402 (bench/ on the path first)
from stores import query_cases  # noqa: E402
from synthetic import ties_for, write  # noqa: E402

#: issue 20's commits that rewrote query texts for Virtuoso
REWRITES = (
    "d912ee0",
    "852d49f",
    "49f4225",
    "69a4a40",
    "5e4ae92",
    "60a30e9",
    "f177fee",
    "00c8ee1",
    "20edeef",
)
#: the binding module before issue 20 placed VALUES only where a group uses the variable
BINDING_BEFORE = "2b3e16c^"


def git(*words: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(REPOSITORY), *words],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def put_back(text: str, diff: str, path: str) -> str:
    """``text`` with the change blocks of ``diff`` (``git diff -U0``) undone: each block's added
    lines, found in ``text`` (the occurrence nearest the line the diff gives), replaced by the
    lines it removed; lines it only removed put back where the diff says."""
    lines = text.splitlines(keepends=True)
    hunks = re.split(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@.*\n", diff, flags=re.M)[1:]
    # undo from the bottom up, so that the line numbers of the blocks above still hold
    for start, body in reversed(list(zip(hunks[::2], hunks[1::2], strict=True))):
        removed = [line[1:] for line in body.splitlines(keepends=True) if line.startswith("-")]
        added = [line[1:] for line in body.splitlines(keepends=True) if line.startswith("+")]
        found = [
            i for i in range(len(lines) - len(added) + 1) if lines[i : i + len(added)] == added
        ]
        if not added:  # lines taken out: put back after line ``start`` of the new text
            lines[int(start) : int(start)] = removed
            continue
        if not found:
            raise SystemExit(f"{path}: a rewrite's lines are no longer there:\n{''.join(added)}")
        at = min(found, key=lambda i: abs(i + 1 - int(start)))
        lines[at : at + len(added)] = removed
    return "".join(lines)


def old_texts() -> dict[str, str]:
    """Query name -> its text with issue 20's rewrites undone, for every query they touched."""
    from diplograph.queries import find_query

    texts: dict[str, str] = {}
    for commit in reversed(REWRITES):  # the newest undone first: later ones may edit earlier lines
        for path in git("diff", "--name-only", f"{commit}^", commit, "--", "queries/").split():
            name = path.removeprefix("queries/").removesuffix(".rq")
            diff = git("diff", "-U0", f"{commit}^", commit, "--", path)
            texts[name] = put_back(texts.get(name) or find_query(name).text, diff, path)
    return texts


def old_binding() -> ModuleType:
    """The binding module as it was before issue 20, loaded from git beside today's."""
    folder = Path(tempfile.mkdtemp(prefix="diplograph-bench-binding-"))
    path = folder / "old_binding.py"
    path.write_text(git("show", f"{BINDING_BEFORE}:src/diplograph/store/binding.py"), "utf-8")
    spec = importlib.util.spec_from_file_location("old_binding", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_binding"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    shutil.rmtree(folder)
    return module


@dataclass(frozen=True)
class Case:
    query: str
    params: Mapping[str, str]
    label: str


def synthetic_cases() -> list[Case]:
    from diplograph.queries import list_queries

    cases = [Case(c.query, c.params, c.key) for c in query_cases()]
    return cases + [Case(q.name, {}, q.name) for q in list_queries(include_checks=True)
                    if q.is_check]  # fmt: skip


def real_cases(data: Path) -> list[Case]:
    from diplograph.queries import list_queries

    examples = realdata.readme_examples(data)
    cases = [Case(c.query, dict(c.params), c.key) for c in realdata.query_cases(examples)]
    return cases + [Case(q.name, {}, q.name) for q in list_queries(include_checks=True)
                    if q.is_check]  # fmt: skip


def answer_of(store: Any, text: str) -> tuple[int, Any]:
    """Rows (or triples) and a comparable form of the answer to the bound ``text``."""
    answer = store.query(text)
    if answer.graph is not None:
        return len(answer.graph), set(answer.graph)
    if answer.boolean is not None:
        return 1, answer.boolean
    return len(answer.rows), {tuple(row) for row in answer.rows}


def compare(store: Any, kind: str, cases: list[Case], old: Mapping[str, str], runs: int,
            binder: Callable[..., str]) -> None:  # fmt: skip
    """Print a table line per case whose old and new bound texts differ."""
    from diplograph.queries import find_query
    from diplograph.queries.params import bind_params
    from diplograph.store.binding import bind

    for case in cases:
        named = find_query(case.query)
        bindings = bind_params(store, named, dict(case.params))
        texts = {
            "old": binder(old.get(case.query, named.text), bindings),
            "new": bind(named.text, bindings),
        }
        if texts["old"] == texts["new"]:
            continue
        moved = binder(named.text, bindings) != texts["new"]  # the VALUES blocks placed anew
        what = ", ".join(w for w, c in (("text", case.query in old), ("VALUES", moved)) if c)
        answers = {which: answer_of(store, text) for which, text in texts.items()}  # warm-up
        times: dict[str, list[float]] = {"old": [], "new": []}
        for turn in range(runs):
            for which in ("old", "new") if turn % 2 == 0 else ("new", "old"):
                started = time.perf_counter()
                store.query(texts[which])
                times[which].append(time.perf_counter() - started)
        before, after = (statistics.median(times[w]) for w in ("old", "new"))
        (old_size, old_answer), (new_size, new_answer) = answers["old"], answers["new"]
        same = "yes" if old_answer == new_answer else f"no ({old_size:,} -> {new_size:,})"
        print(
            f"| {case.label} | {what} | {kind} | {new_size:,} | {same} | {before * 1e3:.1f} ms "
            f"| {after * 1e3:.1f} ms | {after / before:.2f} |",
            flush=True,
        )


HEADER = (
    "| query | changed | store | rows | same answer | old | new | new / old |\n"
    "|---|---|---|---|---|---|---|---|"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="*", default=[100_000])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--only", nargs="*", help="only these queries")
    parser.add_argument("--stores", nargs="+", default=["memory", "oxigraph"])
    parser.add_argument("--real", action="store_true", help="and on the real imported data")
    parser.add_argument("--data", type=Path, default=REPOSITORY.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=realdata.DEFAULT_CACHE)
    args = parser.parse_args()

    from diplograph.store import open_store

    warnings.simplefilter("ignore")
    old = old_texts()
    binder = old_binding().bind

    def chosen(cases: list[Case]) -> list[Case]:
        return [c for c in cases if not args.only or c.query in args.only]

    head = git("rev-parse", "--short", "HEAD").strip()
    print(f"# Issue 20's query forms, old and new, turn about (checkout {head})\n")
    print(
        f"Rewrites undone: {', '.join(REWRITES)}; binding as at {BINDING_BEFORE}. Median of "
        f"{args.runs} runs of each bound text after one warm-up, old and new alternating; "
        f"Python {platform.python_version()}; load average {os.getloadavg()[0]:.1f} at start.\n"
    )
    folder = Path(tempfile.mkdtemp(prefix="diplograph-bench-rewrites-"))
    try:
        for triples in args.triples:
            data = folder / f"synthetic-{triples}.nt"
            write(data, ties_for(triples))
            print(f"## {triples:,} synthetic triples\n\n{HEADER}")
            for kind in args.stores:
                spec = f"oxigraph:{folder / f'store-{triples}'}" if kind == "oxigraph" else kind
                store = open_store(spec)
                store.load(data)
                compare(store, kind, chosen(synthetic_cases()), old, args.runs, binder)
                store.close()
            print(f"\nload average {os.getloadavg()[0]:.1f} at the end\n")
        if args.real:
            imports = realdata.import_examples(realdata.readme_examples(args.data))
            home = realdata.build_store(args.data, args.cache.resolve(), imports, False)
            print(f"## Real data (every importable dataset, `{home.name}`)\n\n{HEADER}")
            disk = open_store(f"oxigraph:{home / 'store'}")
            cases = chosen(real_cases(args.data))
            if "oxigraph" in args.stores:
                compare(disk, "oxigraph", cases, old, args.runs, binder)
            if "memory" in args.stores:
                dump = folder / "real.nt"  # the imported graphs (a memory store has the rest)
                graphs = [s.graph for s in disk.sources() if not s.builtin]
                with dump.open("w", encoding="utf-8") as stream:
                    for line in disk.dump_ntriples(graphs):
                        stream.write(line[: line.rindex(" <")] + " .\n")
                memory = open_store("memory")
                memory.load(dump)
                compare(memory, "memory", cases, old, args.runs, binder)
                memory.close()
            disk.close()
            print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
