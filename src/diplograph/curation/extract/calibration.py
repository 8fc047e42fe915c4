"""Confidence that means something: a candidate's raw confidence as the share found right.

``calibration.tsv`` (beside the package data; ``scripts/calibrate_extract.py`` writes it) holds,
for each rule and band of raw confidence, how many candidates of the tuning part of the PLOVER
gold sentences fell in it and how many of them were right (category, source and target). A
candidate's confidence becomes that share, smoothed towards the rule's raw value when the band
held few candidates (add-``PRIOR`` smoothing); a rule the tuning part never exercised keeps its
raw confidence. ``bench/extract.py`` reports how often candidates at each confidence are right on
the held-out part.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from diplograph.curation.candidate import Candidate

__all__ = ["BANDS", "band", "calibrated", "table"]

TABLE = Path(__file__).resolve().parent.parent / "data" / "calibration.tsv"
#: lower bounds of the bands of raw confidence, 0.05 wide: one band per reading a rule's
#: penalties tell apart (an event read from the parse with a target: 0.7; by word order: 0.65;
#: with no target 0.1 less; no source named 0.3 less ...)
BANDS = tuple(round(0.05 * k, 2) for k in range(20))
#: weight of the raw confidence, in candidates, against what the tuning part measured
PRIOR = 4


def band(confidence: float) -> float:
    """The lower bound of the band ``confidence`` falls in.

    >>> band(0.65), band(0.97), band(0.12)
    (0.65, 0.95, 0.1)
    """
    return max(b for b in BANDS if b <= confidence + 1e-9)


@cache
def table() -> dict[tuple[str, float], tuple[int, int]]:
    """``(rule, band) -> (candidates, right)`` as measured on the tuning part."""
    if not TABLE.exists():
        return {}
    out: dict[tuple[str, float], tuple[int, int]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rule, low, n, right = line.split("\t")
        out[(rule, float(low))] = (int(n), int(right))
    return out


def calibrated(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates with their confidence calibrated (in place), in the same order."""
    measured = table()
    out = []
    for candidate in candidates:
        raw = candidate.confidence
        n, right = measured.get((candidate.rule, band(raw)), (0, 0))
        candidate.confidence = round((right + PRIOR * raw) / (n + PRIOR), 2)
        out.append(candidate)
    return out
