"""What ``diplograph review`` decides with: a row checked on its own, its codes recomputed after
an edit, the actors it names that the graph lacks, and the actor row that creates one.

A sheet row is known everywhere by one number, its line in the sheet (the number of every
``SHEET:LINE: reason``), shown with the article line of its sentence beside it. The prompts are
the CLI's; everything they decide with is here, so it is tested without a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from diplograph.curation.candidate import EVENT_OF, TIE_CAMEO, TIE_TYPES
from diplograph.curation.checking import check_rows
from diplograph.curation.lexicon import ORG_HEADS
from diplograph.curation.sheet import SheetRow
from diplograph.errors import UnknownNameError
from diplograph.queries.names import normalise, resolve_actor
from diplograph.store import Store
from diplograph.store.vocabulary import event_types

__all__ = [
    "actor_row",
    "check_row",
    "guess_kind",
    "recode",
    "trigger",
    "unknown_actors",
]


def check_row(
    store: Store, sheet: Path, row: SheetRow, accepted: Sequence[SheetRow] = ()
) -> str | None:
    """The problem of ``row`` (``SHEET:LINE: reason``) with the sheet's rules, as ``add`` would
    find it beside the rows ``accepted`` so far (the actors they create, the ties they add);
    None when it is good."""
    earlier = [s.graph for s in store.find_sources(str(sheet.resolve()))]
    others = [r for r in accepted if r.line != row.line]
    _, problems = check_rows(store, [*others, row], sheet, earlier)
    mine = [p for p in problems if p.startswith(f"{sheet}:{row.line}: ")]
    return mine[0] if mine else None


def recode(values: dict[str, str]) -> None:
    """Set a row's PLOVER category and CAMEO code from its kind, type and status (after an
    edit changed them); codes of a type the tables do not know are emptied, never kept stale."""

    kind = values.get("kind", "").strip() or "tie"
    type_name = values.get("type", "").strip()
    pledged = values.get("status", "").strip().lower() in {"pledged", "planned", "announced"}
    plover = cameo = ""
    if kind == "tie" and type_name in TIE_TYPES:
        _, _, when_pledged, when_active = TIE_TYPES[type_name]
        plover = when_pledged if pledged else when_active
        cameo = TIE_CAMEO.get(type_name, ("", ""))[0 if pledged else 1]
    elif kind == "event" and type_name in event_types():
        concept = event_types()[type_name]
        by_type = {label: category for (category, _), label in EVENT_OF.items()}
        plover = concept.plover[0] if concept.plover else by_type.get(type_name, "")
        cameo = concept.cameo[0] if concept.cameo else ""
    values["plover"], values["cameo"] = plover, cameo


def trigger(row: SheetRow) -> str:
    """The words the extractor read the row from (quoted in its comment), or ""."""
    match = re.search(r"'([^']+)'", row.get("comment"))
    return match.group(1) if match else ""


def unknown_actors(
    store: Store, row: SheetRow, created: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """(column, name) of each party of ``row`` that names no actor of the graph nor one of
    ``created`` (names of actors made in this review, folded -> label)."""
    if row.get("kind") == "actor":
        return []
    created = created or {}
    missing = []
    for column in ("from", "to"):
        names = [n for n in (row.get(column), row.get(f"{column}_code")) if n]
        if not row.get(column):
            continue
        if any(normalise(n) in created for n in names):
            continue
        if not any(_known(store, n) for n in names):
            missing.append((column, row.get(column)))
    return missing


def _known(store: Store, name: str) -> bool:
    try:
        resolve_actor(store, name)
    except UnknownNameError:
        return False
    return True


def guess_kind(name: str, code: str = "") -> str:
    """The actor kind a new name suggests by its last word ("... Mission": a multinational
    force; "... Union": an intergovernmental organisation), else by its code; "" if neither."""

    words = name.split()
    head = words[-1].casefold() if words else ""
    by_head = {"force": "multinational force", "body": "ad-hoc body", "igo": "igo"}
    kind = by_head.get(ORG_HEADS.get(head, ""), "")
    if kind == "igo":
        return "intergovernmental organisation"
    if kind:
        return kind
    if code.upper().startswith("IGO"):
        return "intergovernmental organisation"
    return ""


def actor_row(
    row: SheetRow, line: int, label: str, kind: str, code: str = "", aliases: str = ""
) -> SheetRow:
    """A new actor's sheet row at ``line``, introduced by the sentence of ``row``."""
    values = {
        "line": row.get("line"),
        "quote": row.get("quote"),
        "kind": "actor",
        "from": label,
        "from_code": code,
        "type": kind,
        "aliases": aliases,
        "document": row.get("document"),
    }
    return SheetRow(line, values)
