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
   compared with the coded event: its category (PLOVER 0.5 categories as the file uses; the
   extractor's 2021 categories are told apart by their CAMEO root, so ACCUSE is INVESTIGATE (09)
   or DISAPPROVE (11), ASSAULT is FIGHT (19) or ASSAULT, REQUEST is DEMAND), its source and its
   target. Codes are compared through the country crosswalk (ISO 3166, CAMEO and COW codes to ISO;
   any ``IGO…`` code as ``IGO``; a role suffix such as ``MIL`` dropped). A sentence with no coded
   target counts as right when no target is proposed; for compound actors (``SRC/TAR``) a target
   among the coded sources is right too. Per category, with a confusion table, and the time per
   sentence.

Run: ``.venv/bin/python bench/extract.py [--data ../shared/data]``. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from diplograph.curation.document import read_document
from diplograph.curation.extract import Candidate, extract, gazetteer_for, pipeline
from diplograph.curation.gazetteer import Actor, fold
from diplograph.paths import graph_dir
from diplograph.store import open_store

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
_OLD_BY_ROOT = {"09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "19": "FIGHT"}


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


def crosswalk(data: Path) -> dict[str, str]:
    """Any ISO 3166 alpha-3, CAMEO, COW or G&W code -> ISO alpha-3 (country_crosswalk.csv)."""
    codes: dict[str, str] = {}
    path = data / "country-code-crosswalk" / "country_crosswalk.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            iso = row["iso3c"].strip()
            if not iso:
                continue
            for column in ("cowc", "gwc", "cameo", "iso3c"):
                code = row[column].strip()
                if code:
                    codes.setdefault(code, iso)
            codes[iso] = iso
    return codes


def normal(code: str, codes: dict[str, str]) -> str:
    """A code as its country's ISO alpha-3 (role suffixes dropped), ``IGO`` for any IGO code."""
    code = code.strip().upper()
    if not code:
        return ""
    if code.startswith("IGO"):
        return "IGO"
    if code in codes:
        return codes[code]
    return codes.get(code[:3], code[:3])


def old_category(c: Candidate) -> str:
    """The PLOVER 0.5 category of a candidate (the gold file's scheme)."""
    root = c.cameo[:2]
    return _OLD_BY_ROOT.get(root, c.plover) if c.plover else ""


def plover_bench(data: Path) -> dict[str, Any]:
    """Category, source and target accuracy on the PLOVER gold-standard sentences."""
    records = json.loads((data / "plover" / "PLOVER_GSR_CAMEO.dev.json").read_text("utf-8"))
    records = [r for r in records if r.get("event") not in {None, "DOCUMENT"}]
    codes = crosswalk(data)
    store = open_store("memory")
    started = time.perf_counter()
    pipeline(gazetteer_for(store))
    warmup = time.perf_counter() - started
    per: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    total = Counter[str]()
    started = time.perf_counter()
    for record in records:
        gold = record["event"]
        sources = record["source"] if isinstance(record.get("source"), list) else []
        targets = record["target"] if isinstance(record.get("target"), list) else []
        gold_src = {normal(a["code"], codes) for a in sources if isinstance(a, dict)}
        gold_tar = {normal(a["code"], codes) for a in targets if isinstance(a, dict)}
        markup = (
            str((record.get("textInfo") or {}).get("markup", ""))
            if isinstance(record.get("textInfo"), dict)
            else ""
        )
        compound = "SRC/TAR" in markup
        candidates = [c for c in extract(record["text"], store, check=False) if c.plover]
        best = max(candidates, key=lambda c: c.confidence) if candidates else None
        predicted = old_category(best) if best else "(none)"
        src = normal(best.source.code, codes) if best and best.source else ""
        tar = normal(best.target.code, codes) if best and best.target else ""
        right = {
            "category": predicted == gold,
            "source": bool(src) and src in gold_src,
            "target": (tar in gold_tar or (compound and tar in gold_src))
            if gold_tar
            else (not tar or (compound and tar in gold_src)),
        }
        for key, ok in right.items():
            per[gold][key] += ok
            total[key] += ok
        per[gold]["n"] += 1
        total["n"] += 1
        confusion[gold][predicted] += 1
    seconds = time.perf_counter() - started
    return {
        "per": per,
        "total": total,
        "confusion": confusion,
        "seconds": seconds,
        "warmup": warmup,
    }


# ----------------------------------------------------------------- printing


def _pct(value: float) -> str:
    return f"{value:.2f}"


def main() -> None:
    """Run both benchmarks and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
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

    plover = args.data / "plover" / "PLOVER_GSR_CAMEO.dev.json"
    if not plover.exists():
        print(f"\n{plover} not found: PLOVER benchmark skipped.")
        return
    p = plover_bench(args.data)
    total = p["total"]
    n = total["n"]
    print("\n## PLOVER gold standard (220 coded sentences, PLOVER 0.5 categories)\n")
    print("| category | sentences | category acc. | source acc. | target acc. |")
    print("|---|---|---|---|---|")
    for category, counts in sorted(p["per"].items(), key=lambda kv: -kv[1]["n"]):
        k = counts["n"]
        print(
            f"| {category} | {k} | {_pct(counts['category'] / k)} | "
            f"{_pct(counts['source'] / k)} | {_pct(counts['target'] / k)} |"
        )
    print(
        f"| **all** | {n} | **{_pct(total['category'] / n)}** | "
        f"**{_pct(total['source'] / n)}** | **{_pct(total['target'] / n)}** |"
    )
    print(
        f"\nTime: {1000 * p['seconds'] / n:.1f} ms per sentence "
        f"({p['seconds']:.1f} s for {n}), after {p['warmup']:.1f} s building the pipeline."
    )
    print("\n### Confusion (rows: gold category; columns: predicted)\n")
    predicted = sorted({c for row in p["confusion"].values() for c in row})
    short = {c: c[:4] for c in predicted}
    print("| gold \\ predicted | " + " | ".join(short[c] for c in predicted) + " |")
    print("|---|" + "---|" * len(predicted))
    for gold in sorted(p["confusion"]):
        row = p["confusion"][gold]
        print(f"| {gold} | " + " | ".join(str(row.get(c, "")) for c in predicted) + " |")


if __name__ == "__main__":
    main()
