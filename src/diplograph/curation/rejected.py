"""Candidates a reviewer rejected, remembered in the store's curation state
(:mod:`diplograph.curation.state`) so that ``diplograph extract`` does not propose them again.
A candidate is the same one again when its document, line, kind, ends and type are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from diplograph.curation.sheet import write_sheet
from diplograph.curation.state import CurationState, state_of
from diplograph.store import Store

if TYPE_CHECKING:
    from diplograph.curation.candidate import Candidate


__all__ = ["is_rejected", "rejected_keys", "remember_keys", "remember_rejected", "without_rejected"]


def _key(values: Mapping[str, str]) -> tuple[str, ...]:
    """What makes a candidate the same one again: document, line, kind, ends and type."""
    document = values.get("document", "").strip().removeprefix("sha256:").lower()
    ends = [
        (values.get(f"{side}_code") or values.get(side) or "").strip().casefold()
        for side in ("from", "to")
    ]
    return (
        document,
        values.get("line", "").strip(),
        values.get("kind", "tie").strip() or "tie",
        *ends,
        values.get("type", "").strip().casefold(),
    )


def remember_rejected(store: Store, rows: Iterable[Mapping[str, str]]) -> int:
    """Add rejected rows to ``store``'s memory of rejected candidates; how many were new."""
    return remember_keys(store, [_key(row) for row in rows])


def remember_keys(
    store: Store, keys: Iterable[tuple[str, ...]], state: CurationState | None = None
) -> int:
    """Add rejected candidates' keys to ``store``'s list; how many were new."""
    return (state or state_of(store)).remember(keys)


def rejected_keys(store: Store, state: CurationState | None = None) -> set[tuple[str, ...]]:
    """The keys of every candidate rejected so far in ``store``."""
    return (state or state_of(store)).rejected_keys()


def is_rejected(values: Mapping[str, str], rejected: set[tuple[str, ...]]) -> bool:
    """Whether a candidate row was rejected before."""
    return _key(values) in rejected


def without_rejected(store: Store, candidates: Sequence[Candidate]) -> tuple[list[Candidate], int]:
    """The candidates no reviewer of ``store`` has rejected before, and how many were left out."""
    rejected = rejected_keys(store)
    if not rejected:
        return list(candidates), 0
    kept = []
    for candidate in candidates:
        header, line = (next(csv.reader([t])) for t in write_sheet([candidate.row()]).splitlines())
        if not is_rejected(dict(zip(header, line, strict=True)), rejected):
            kept.append(candidate)
    return kept, len(candidates) - len(kept)
