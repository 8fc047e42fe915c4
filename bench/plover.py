"""The PLOVER gold-standard sentences, split once into a tuning part and a held-out part.

``../shared/data/plover/PLOVER_GSR_CAMEO.dev.json`` (220 coded news sentences, Open Event Data
Alliance, CC BY-SA 4.0) is read here and nowhere in the package. Each record goes to one part by
the SHA-256 of its ``id``: the first eight bytes, read as a big-endian number, modulo 3; 0 is the
**held-out** part (66 sentences), 1 and 2 the **tuning** part (154). The rule is fixed: it does not
depend on the order, the number or the content of the records, so the parts never change.

Only the tuning part may be read while the extractor is written or tuned; the held-out part is
only scored. Within the tuning part, :func:`inner_part` splits once more: the misses of part A
are read (``bench/extract.py --misses`` prints them, and never B's or the held-out part's), part
B is scored to see whether a change found on A holds on sentences it was not found on.

Scoring one sentence (:func:`score`): the extractor's most confident candidate with a PLOVER
category stands for the sentence; its category is compared in the gold file's older names
(PLOVER 0.5, which named CAMEO's roots: ``Candidate.plover_2016`` reads them from the CAMEO
code, so the 2021 ACCUSE is INVESTIGATE (09) or DISAPPROVE (11), an embargo (163) a SANCTION,
easing a curfew (0813) CONCEDE ...); actor codes as their three-letter country code through
``country_crosswalk.csv`` (ISO, CAMEO, COW and G&W codes to ISO alpha-3; the gold file's ``JAP``,
which its README names a CAMEO code of Japan, as ``JPN``; any ``IGO…`` code as ``IGO``; CAMEO
role suffixes such as ``MIL`` dropped). A sentence with no coded target is right
when no target is proposed; for compound actors (``SRC/TAR``) a target among the coded sources
is right too.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplograph.curation.extract import Candidate

__all__ = [
    "Gold",
    "crosswalk",
    "inner_part",
    "normal",
    "old_category",
    "part_of",
    "read_gold",
    "score",
]

GOLD_FILE = Path("plover") / "PLOVER_GSR_CAMEO.dev.json"
#: codes of the gold file that no column of the crosswalk holds, as the data's README names
#: them ("``Tokyo`` -> ``JAP``, a CAMEO code, not ISO")
LEGACY = {"JAP": "JPN"}
TUNE, HELD_OUT = "tune", "held-out"


def inner_part(record_id: str) -> str:
    """Of the tuning part, a fresh split for checking a change: ``"A"`` (about two thirds,
    whose misses are read) or ``"B"`` (scored, never read), by the SHA-256 of ``inner-`` and the
    id. (The held-out part is neither.)

    >>> inner_part("PLOVER-GSR01-AGREE-0001") in {"A", "B"}
    True
    """
    digest = hashlib.sha256(f"inner-{record_id}".encode()).digest()
    return "B" if int.from_bytes(digest[:8], "big") % 3 == 0 else "A"


def part_of(record_id: str) -> str:
    """``"held-out"`` for about one record in three, ``"tune"`` for the others, by id alone.

    >>> part_of("PLOVER-GSR01-AGREE-0001") in {"tune", "held-out"}
    True
    """
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return HELD_OUT if int.from_bytes(digest[:8], "big") % 3 == 0 else TUNE


@dataclass(frozen=True)
class Gold:
    """One coded sentence: its text, category (PLOVER 0.5 name) and actor codes (as ISO-3)."""

    id: str
    part: str
    text: str
    category: str
    sources: frozenset[str]
    targets: frozenset[str]
    compound: bool


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
    root = LEGACY.get(code[:3], code[:3])
    return codes.get(root, root)


def old_category(c: Candidate) -> str:
    """The PLOVER 0.5 category of a candidate (the gold file's scheme)."""
    return c.plover_2016


def read_gold(data: Path) -> list[Gold]:
    """Every coded sentence of the file (not the DOCUMENT record), with its part."""
    records: list[dict[str, Any]] = json.loads((data / GOLD_FILE).read_text("utf-8"))
    codes = crosswalk(data)
    gold = []
    for record in records:
        if record.get("event") in {None, "DOCUMENT"}:
            continue
        sources = record["source"] if isinstance(record.get("source"), list) else []
        targets = record["target"] if isinstance(record.get("target"), list) else []
        info = record.get("textInfo")
        markup = str(info.get("markup", "")) if isinstance(info, dict) else ""
        gold.append(
            Gold(
                id=str(record["id"]),
                part=part_of(str(record["id"])),
                text=str(record["text"]),
                category=str(record["event"]),
                sources=frozenset(normal(a["code"], codes) for a in sources if isinstance(a, dict)),
                targets=frozenset(normal(a["code"], codes) for a in targets if isinstance(a, dict)),
                compound="SRC/TAR" in markup,
            )
        )
    return gold


def best(candidates: list[Candidate]) -> Candidate | None:
    """The candidate that stands for a sentence: the most confident one with a category."""
    coded = [c for c in candidates if c.plover]
    return max(coded, key=lambda c: c.confidence) if coded else None


def score(gold: Gold, candidate: Candidate | None, codes: dict[str, str]) -> dict[str, bool]:
    """Is ``candidate``'s category, source and target right for ``gold``?"""
    predicted = old_category(candidate) if candidate else "(none)"
    src = normal(candidate.source.code, codes) if candidate and candidate.source else ""
    tar = normal(candidate.target.code, codes) if candidate and candidate.target else ""
    if gold.targets:
        target_right = tar in gold.targets or (gold.compound and tar in gold.sources)
    else:
        target_right = not tar or (gold.compound and tar in gold.sources)
    return {
        "category": predicted == gold.category,
        "source": bool(src) and src in gold.sources,
        "target": target_right,
    }
