"""How well ``diplograph extract`` proposes ties: the seed article and the PLOVER gold standard.

1. **The seed article** (``graph/sources/000_….txt``) against its hand-encoded graph
   (``graph/seed-….ttl``): how many of the seed's 14 ties are found with the right sentence, and
   what share of the proposed ties (and of all candidates, events included) match the gold. A
   candidate matches a gold tie when its actors are the tie's (either order for undirected types),
   its type is the tie's type or its direct broader or narrower type (bilateral vs diplomatic
   relations), and its line is one of the lines of the tie's evidence. Events match gold events by
   type, acting party (an event with none, by its recipient) and line. Run twice: with the
   built-in graph as gazetteer (how a curator re-reads an article), and with no graph at all,
   only the country table (how a new article about unknown actors is read); then actors match by
   label or code.
2. **The PLOVER gold standard** (``../shared/data/plover/PLOVER_GSR_CAMEO.dev.json``: 220
   hand-coded news sentences, Open Event Data Alliance, CC BY-SA 4.0; read here, never shipped):
   for each sentence the extractor's most confident candidate that has a PLOVER category is
   compared with the coded event: its category (in the file's PLOVER 0.5 names, read from the
   candidate's CAMEO code: ``Candidate.plover_2016``), its source and its target. Codes are
   compared through the country crosswalk (ISO 3166, CAMEO and COW codes to ISO; any ``IGO…``
   code as ``IGO``; a role suffix such as ``MIL`` dropped). A sentence with no coded target
   counts as right when no target is proposed; for compound actors (``SRC/TAR``) a target among
   the coded sources is right too. Per category, with a confusion table, and the time per
   sentence; then again with roles by word order only, and the bare link-grammar parse of every
   sentence (what the parse costs at the least).

Run: ``.venv/bin/python bench/extract.py [--data ../shared/data]``. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from diplograph.curation.document import read_document
from diplograph.curation.extract import Candidate, extract, gazetteer_for, pipeline
from diplograph.curation.extract.parse import available, disabled, parse
from diplograph.curation.gazetteer import Actor, fold
from diplograph.paths import graph_dir
from diplograph.store import open_store

sys.path.insert(0, str(Path(__file__).parent))
# bench/ is no package: its sibling module is found by path
from plover import (
    GOLD_FILE,
    HELD_OUT,
    TUNE,
    Gold,
    best,
    crosswalk,
    inner_part,
    old_category,
    read_gold,
    score,
)

SEED = "000_50394d480bb7f741"
GOLD_TIES = """
PREFIX dipl: <https://w3id.org/diplograph/ont#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?tie ?from ?to ?type ?directed ?broader ?line WHERE {
  ?tie a dipl:Tie ; dipl:fromActor ?from ; dipl:toActor ?to ; dipl:tieType ?type ;
       prov:wasDerivedFrom ?s .
  ?s dipl:lineNumber ?line ; prov:wasQuotedFrom ?doc .
  ?doc dipl:sha256 ?sha .
  OPTIONAL { ?type dipl:directed ?directed }
  OPTIONAL { ?type skos:broader ?broader }
  FILTER(?sha = "%s")
}
"""
GOLD_EVENTS = """
PREFIX dipl: <https://w3id.org/diplograph/ont#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?event ?type ?party ?line WHERE {
  ?event a dipl:DiplomaticEvent ; dipl:eventType ?type ; prov:wasDerivedFrom ?s .
  ?s dipl:lineNumber ?line ; prov:wasQuotedFrom ?doc .
  ?doc dipl:sha256 ?sha .
  OPTIONAL { ?event dipl:actor|dipl:recipient|dipl:participant|dipl:concerns ?party }
  FILTER(?sha = "%s")
}
"""
BROADER = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?narrow ?broad WHERE { ?narrow skos:broader ?broad }
"""


# ----------------------------------------------------------------- the seed article


def _same_actor(actor: Actor | None, iri: str, codes: dict[str, Actor]) -> bool:
    if actor is None:
        return False
    if actor.iri is not None:
        return actor.iri == iri
    gold = codes.get(iri)
    if gold is None:
        return False
    if actor.code and gold.code and actor.code == gold.code:
        return True
    return fold(actor.label) == fold(gold.label) or fold(actor.label) in {
        fold(n) for n in gold.label.split(" (")
    }


def seed_bench(with_graph: bool) -> dict[str, Any]:
    """Recall of the seed's ties and precision of the candidates, with or without the graph."""
    store = open_store("memory")
    document = read_document(graph_dir() / "sources" / f"{SEED}.txt")
    gazetteer = gazetteer_for(store)
    actors = {e.actor.iri: e.actor for e in gazetteer.names.values() if e.actor.iri}
    started = time.perf_counter()
    candidates = extract(document, store if with_graph else None)
    seconds = time.perf_counter() - started
    _, broader_rows = store.select_values(BROADER)
    related = {(str(a), str(b)) for a, b in broader_rows}
    related |= {(b, a) for a, b in related}
    ties: dict[str, dict[str, Any]] = {}
    _, rows = store.select_values(GOLD_TIES % document.sha256)
    for tie, source, target, type_, directed, _broad, line in rows:
        gold = ties.setdefault(
            str(tie),
            {
                "from": str(source),
                "to": str(target),
                "type": str(type_),
                "lines": set(),
                "directed": directed is not False,
            },
        )
        gold["lines"].add(int(line))
    events: dict[str, dict[str, Any]] = {}
    _, rows = store.select_values(GOLD_EVENTS % document.sha256)
    for event, type_, party, line in rows:
        gold = events.setdefault(str(event), {"type": str(type_), "parties": set(), "lines": set()})
        gold["lines"].add(int(line))
        if party:
            gold["parties"].add(str(party))

    def tie_match(c: Candidate, gold: dict[str, Any]) -> bool:
        if c.kind != "tie" or c.line not in gold["lines"]:
            return False
        if c.type_iri != gold["type"] and (c.type_iri, gold["type"]) not in related:
            return False
        forward = _same_actor(c.source, gold["from"], actors) and _same_actor(
            c.target, gold["to"], actors
        )
        backward = _same_actor(c.source, gold["to"], actors) and _same_actor(
            c.target, gold["from"], actors
        )
        return forward or (backward and not gold["directed"])

    def event_match(c: Candidate, gold: dict[str, Any]) -> bool:
        if c.kind != "event" or c.line not in gold["lines"] or c.type_iri != gold["type"]:
            return False
        party = c.source or c.target
        return any(_same_actor(party, iri, actors) for iri in gold["parties"])

    found = {t for t, gold in ties.items() if any(tie_match(c, gold) for c in candidates)}
    tie_candidates = [c for c in candidates if c.kind == "tie"]
    right_ties = [c for c in tie_candidates if any(tie_match(c, g) for g in ties.values())]
    event_candidates = [c for c in candidates if c.kind == "event"]
    right_events = [c for c in event_candidates if any(event_match(c, g) for g in events.values())]
    events_found = {
        e for e, gold in events.items() if any(event_match(c, gold) for c in candidates)
    }
    missed = sorted(t.rsplit("/", 1)[-1] for t in set(ties) - found)
    wrong = [
        f"l{c.line} {c.kind} {c.type}: {c.source.label if c.source else '-'} -> "
        f"{c.target.label if c.target else '-'}"
        for c in candidates
        if c not in right_ties and c not in right_events
    ]
    return {
        "ties": len(ties),
        "found": len(found),
        "tie_candidates": len(tie_candidates),
        "tie_precision": len(right_ties) / len(tie_candidates) if tie_candidates else 0.0,
        "events": len(events),
        "events_found": len(events_found),
        "event_candidates": len(event_candidates),
        "all_precision": (len(right_ties) + len(right_events)) / len(candidates)
        if candidates
        else 0.0,
        "missed": missed,
        "wrong": wrong,
        "seconds": seconds,
        "sentences": 14,
    }


# ----------------------------------------------------------------- PLOVER

#: confidence bins of the calibration table (lower bounds)
BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
#: PLOVER 0.5 name (the gold file's) -> the 2021 name the extractor writes
NEW_NAME = {
    "INVESTIGATE": "ACCUSE",
    "DISAPPROVE": "ACCUSE",
    "DEMAND": "REQUEST",
    "FIGHT": "ASSAULT",
}


def plover_bench(
    data: Path, misses: bool = False, use_parse: bool = True
) -> dict[str, dict[str, Any]]:
    """Category, source and target accuracy, candidate precision and calibration, per part;
    roles from the parse (``use_parse``) or by word order only."""
    if not use_parse:
        with disabled():
            return plover_bench(data, misses, use_parse=True)
    gold = read_gold(data)
    codes = crosswalk(data)
    store = open_store("memory")
    started = time.perf_counter()
    pipeline(gazetteer_for(store))
    parse("Warm up the parser.")
    warmup = time.perf_counter() - started
    parts: dict[str, dict[str, Any]] = {}
    for part in (TUNE, HELD_OUT):
        per: dict[str, Counter[str]] = defaultdict(Counter)
        confusion: dict[str, Counter[str]] = defaultdict(Counter)
        total = Counter[str]()
        bins: dict[float, Counter[str]] = defaultdict(Counter)
        started = time.perf_counter()
        for record in (g for g in gold if g.part == part):
            candidates = [c for c in extract(record.text, store, check=False) if c.plover]
            chosen = best(candidates)
            right = score(record, chosen, codes)
            for key, ok in right.items():
                per[record.category][key] += ok
                total[key] += ok
            per[record.category]["n"] += 1
            total["n"] += 1
            if part == TUNE:
                inner = inner_part(record.id)
                total[f"{inner} n"] += 1
                for key, ok in right.items():
                    total[f"{inner} {key}"] += ok
            confusion[record.category][old_category(chosen) if chosen else "(none)"] += 1
            for candidate in candidates:
                whole = all(score(record, candidate, codes).values())
                total["candidates"] += 1
                total["candidates right"] += whole
                low = max(b for b in BINS if b <= candidate.confidence)
                bins[low]["n"] += 1
                bins[low]["right"] += whole
                bins[low]["confidence"] += round(candidate.confidence * 100)
            if misses and part == TUNE and inner_part(record.id) == "A" and not all(right.values()):
                _print_miss(record, chosen, right, candidates)
        parts[part] = {
            "per": per,
            "total": total,
            "confusion": confusion,
            "bins": bins,
            "seconds": time.perf_counter() - started,
            "warmup": warmup,
        }
    return parts


def _print_miss(
    record: Gold, chosen: Candidate | None, right: dict[str, bool], candidates: list[Candidate]
) -> None:
    """One miss of part A of the tuning part, for whoever tunes the rules (never called on part
    B or on the held-out part)."""
    wrong = ", ".join(k for k, ok in right.items() if not ok)
    print(f"\n[{record.id}] wrong: {wrong}\n  {record.text}")
    print(
        f"  gold: {record.category} {sorted(record.sources)} -> {sorted(record.targets)}"
        + (" (compound)" if record.compound else "")
    )
    for c in sorted(candidates, key=lambda c: -c.confidence)[:4]:
        mark = "*" if c is chosen else " "
        print(
            f"  {mark} {old_category(c)} {c.source.code if c.source else '-'} -> "
            f"{c.target.code if c.target else '-'} {c.confidence:.2f} {c.comment}"
        )


# ----------------------------------------------------------------- printing


def _pct(value: float) -> str:
    return f"{value:.2f}"


def main() -> None:
    """Run both benchmarks and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument(
        "--misses",
        action="store_true",
        help="print the misses of part A of the tuning part only (for tuning; part B and the "
        "held-out part are never shown)",
    )
    args = parser.parse_args()

    print("## Seed article: the hand-encoded graph as gold\n")
    print(
        "| gazetteer | seed ties found (line right) | tie candidates | tie precision | "
        "events found | candidates, all | precision, all | s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    results = {}
    for with_graph in (True, False):
        r = seed_bench(with_graph)
        results[with_graph] = r
        name = "built-in graph + country table" if with_graph else "country table only"
        print(
            f"| {name} | {r['found']} of {r['ties']} | {r['tie_candidates']} | "
            f"{_pct(r['tie_precision'])} | {r['events_found']} of {r['events']} | "
            f"{r['tie_candidates'] + r['event_candidates']} | {_pct(r['all_precision'])} | "
            f"{r['seconds']:.2f} |"
        )
    for with_graph, r in results.items():
        label = "with the graph" if with_graph else "without it"
        print(f"\nMissed ties ({label}): {', '.join(r['missed']) or 'none'}")
        print(
            f"Candidates matching no gold tie or event ({label}): "
            + ("; ".join(r["wrong"]) or "none")
        )

    plover = args.data / GOLD_FILE
    if not plover.exists():
        print(f"\n{plover} not found: PLOVER benchmark skipped.")
        return
    parts = plover_bench(args.data, misses=args.misses)
    if args.misses:
        return
    _print_plover(parts)
    _print_parse(args.data, parts)


def bare_parse_seconds(data: Path) -> tuple[int, float]:
    """The floor: the bare link-grammar parse of every gold sentence (no extraction), its
    count and seconds, in a fresh cache (each sentence with a word appended)."""
    texts = [f"{g.text.strip()} " for g in read_gold(data)]
    started = time.perf_counter()
    for text in texts:
        parse(text)
    return len(texts), time.perf_counter() - started


def _print_parse(data: Path, with_parse: dict[str, dict[str, Any]]) -> None:
    """Roles from the parse against roles by word order, and what the parse costs."""
    if not available():
        print("\nThe link-grammar parser is not installed: roles were read by word order.")
        return
    words = plover_bench(data, use_parse=False)
    print("\n### Roles from the link-grammar parse, and by word order only\n")
    print(
        "| roles | tuning: category | source | target | ms/sentence | held-out: category | "
        "source | target | ms/sentence |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for label, parts in (
        ("parse, word order where it names no actor", with_parse),
        ("word order only", words),
    ):
        cells = []
        for part in (TUNE, HELD_OUT):
            t = parts[part]["total"]
            cells += [_pct(t[k] / t["n"]) for k in ("category", "source", "target")]
            cells.append(f"{1000 * parts[part]['seconds'] / t['n']:.1f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    n, seconds = bare_parse_seconds(data)
    print(
        f"\nThe bare link-grammar parse of the {n} sentences alone (the floor of what the parse "
        f"costs): {1000 * seconds / n:.1f} ms a sentence."
    )


def _print_plover(parts: dict[str, dict[str, Any]]) -> None:
    tune, held = parts[TUNE], parts[HELD_OUT]
    nt, nh = tune["total"]["n"], held["total"]["n"]
    print(
        f"\n## PLOVER gold standard: tuning part ({nt} sentences) and held-out part ({nh}, "
        "never read)\n"
    )
    print("| | tuning: category | source | target | held-out: category | source | target |")
    print("|---|---|---|---|---|---|---|")
    for name, key in (("accuracy", ""),):
        del key
        row = [
            _pct(p["total"][k] / p["total"]["n"])
            for p in (tune, held)
            for k in ("category", "source", "target")
        ]
        print(f"| {name} | " + " | ".join(f"**{v}**" for v in row) + " |")
    t = tune["total"]
    print(
        "\nWithin the tuning part: part A ("
        + str(t["A n"])
        + " sentences, whose misses are read) and part B ("
        + str(t["B n"])
        + ", scored only): category / source / target "
        + " and ".join(
            " / ".join(_pct(t[f"{p} {k}"] / t[f"{p} n"]) for k in ("category", "source", "target"))
            for p in ("A", "B")
        )
        + "."
    )
    print(
        "\n| part | candidates with a category | all three right | candidate precision | "
        "ms per sentence |"
    )
    print("|---|---|---|---|---|")
    for label, p in (("tuning", tune), ("held-out", held)):
        t = p["total"]
        precision = t["candidates right"] / t["candidates"] if t["candidates"] else 0.0
        print(
            f"| {label} | {t['candidates']} | {t['candidates right']} | {_pct(precision)} | "
            f"{1000 * p['seconds'] / t['n']:.1f} |"
        )
    print(f"\n(The pipeline took {tune['warmup']:.1f} s to build before the first sentence.)")
    print(
        "\n### Per category (gold file's PLOVER 0.5 name, 2021 name): category / source / "
        "target accuracy\n"
    )
    print("| category | tuning n | tuning | held-out n | held-out |")
    print("|---|---|---|---|---|")
    categories = sorted(
        set(tune["per"]) | set(held["per"]),
        key=lambda c: -(tune["per"][c]["n"] + held["per"][c]["n"]),
    )
    for category in categories:
        cells = []
        for p in (tune, held):
            counts = p["per"][category]
            k = counts["n"]
            cells.append(str(k))
            cells.append(
                " / ".join(_pct(counts[x] / k) for x in ("category", "source", "target"))
                if k
                else "-"
            )
        name = f"{category} ({NEW_NAME.get(category, category)})"
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(
        "\n### Calibration: how often a candidate at each confidence is right (category, "
        "source and target)\n"
    )
    print("| confidence | tuning: n | mean conf. | right | held-out: n | mean conf. | right |")
    print("|---|---|---|---|---|---|---|")
    for low in BINS:
        high = next((b for b in BINS if b > low), 1.0)
        cells = []
        for p in (tune, held):
            b = p["bins"][low]
            n = b["n"]
            cells += (
                [str(n), _pct(b["confidence"] / 100 / n), _pct(b["right"] / n)]
                if n
                else ["0", "-", "-"]
            )
        print(f"| {low:.1f}-{high:.1f} | " + " | ".join(cells) + " |")
    print("\n### Confusion on the tuning part (rows: gold category; columns: predicted)\n")
    confusion = tune["confusion"]
    predicted = sorted({c for row in confusion.values() for c in row})
    print("| gold \\ predicted | " + " | ".join(c[:4] for c in predicted) + " |")
    print("|---|" + "---|" * len(predicted))
    for gold in sorted(confusion):
        row = confusion[gold]
        print(f"| {gold} | " + " | ".join(str(row.get(c, "")) for c in predicted) + " |")


if __name__ == "__main__":
    main()
