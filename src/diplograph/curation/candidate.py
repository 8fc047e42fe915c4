"""One proposed tie or event (:class:`Candidate`) and the vocabularies its fields take.

A candidate is a row of the tie sheet (:mod:`diplograph.curation.sheet`): the sentence it rests
on, the two parties, the type (diplograph's tie and event types, with the PLOVER category and the
CAMEO code), status, quantity, negation, who is quoted, and a confidence. Kept in a module of its
own so that the layers that read candidates (the sheet, Turtle, the CLI) need none of the rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.curation.gazetteer import Actor
from diplograph.namespaces import ET, TT
from diplograph.store.vocabulary import event_types, tie_types

__all__ = [
    "COOPERATIVE",
    "EVENT_OF",
    "EVENT_TYPES",
    "HOSTILE",
    "MUTUAL",
    "OLD_PLOVER_BY_ROOT",
    "TIE_CAMEO",
    "TIE_TYPES",
    "Candidate",
    "plover_2016",
]

#: tie type label -> PLOVER category when pledged, when active (the extractor's own rule)
_TIE_PLOVER: dict[str, tuple[str, str]] = {
    "troop contribution": ("AGREE", "AID"),
    "police training": ("AGREE", "AID"),
    "bilateral relations": ("", ""),
    "diplomatic relations": ("", "SUPPORT"),
    "conflict": ("", "ASSAULT"),
    "command": ("", ""),
    "founding": ("", ""),
    "head of state": ("", ""),
    "armed force of": ("", ""),
    "membership": ("", ""),
    "sanction": ("SANCTION", "SANCTION"),
    "recognition": ("SUPPORT", "SUPPORT"),
    "mediation": ("CONSULT", "CONSULT"),
}
#: tie type label -> (local name, directed, PLOVER category when pledged, when active); the
#: local name and direction are the ontology's (``ontology/vocab/tie-types.ttl``)
TIE_TYPES: dict[str, tuple[str, bool, str, str]] = {
    label: (tie_types()[label].local, tie_types()[label].directed is not False, *plover)
    for label, plover in _TIE_PLOVER.items()
}
#: CAMEO codes of tie types, by status (pledged, active): each one the ontology maps the type to
#: (``tests/test_namespaces.py`` checks)
TIE_CAMEO: dict[str, tuple[str, str]] = {
    "troop contribution": ("0334", "074"),
    "police training": ("0332", "072"),
    "conflict": ("19", "19"),
    "sanction": ("163", "163"),
    "recognition": ("054", "054"),
    "mediation": ("039", "045"),
    "diplomatic relations": ("", "05"),
}
#: event type label -> local name in the event-type scheme (the ontology's labels)
EVENT_TYPES: dict[str, str] = {label: concept.local for label, concept in event_types().items()}
#: (PLOVER category, mode) -> event type label
EVENT_OF: dict[tuple[str, str], str] = {
    ("AGREE", "agree"): "pledge",
    ("CONSULT", "consult"): "meeting",
    ("SUPPORT", "support"): "diplomatic cooperation",
    ("COOPERATE", "cooperate"): "material cooperation act",
    ("AID", "aid"): "aid",
    ("CONCEDE", "concede"): "concession",
    ("RETREAT", "retreat"): "concession",
    ("ACCUSE", "investigate"): "investigation",
    ("REQUEST", "demand"): "demand",
    ("ACCUSE", "disapprove"): "disapproval",
    ("REJECT", "reject"): "rejection",
    ("THREATEN", "threaten"): "threat",
    ("PROTEST", "protest"): "protest",
    ("MOBILIZE", "mobilize"): "force posture",
    ("SANCTION", "sanction"): "reduction of relations",
    ("COERCE", "coerce"): "coercion",
    ("ASSAULT", "assault"): "assault",
    ("ASSAULT", "fight"): "fight",
}
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
HOSTILE = {"PROTEST", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE"}
MUTUAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}

#: CAMEO root -> its category in PLOVER 0.5 (2016; the names of the PLOVER gold-standard file),
#: which named CAMEO's roots one to one; root 08 splits, see :func:`plover_2016`
OLD_PLOVER_BY_ROOT = {
    "02": "DEMAND",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "09": "INVESTIGATE",
    "10": "DEMAND",
    "11": "DISAPPROVE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "ASSAULT",
}


@dataclass
class Candidate:
    """One proposed tie or event and the sentence it rests on (a row of the tie sheet)."""

    line: int
    quote: str
    kind: str
    type: str
    source: Actor | None = None
    target: Actor | None = None
    plover: str = ""
    cameo: str = ""
    status: str = ""
    confidence: float = 0.5
    begin: str = ""
    end: str = ""
    quantity: int | None = None
    quantity_max: int | None = None
    unit: str = ""
    negated: bool = False
    attributed_to: str = ""
    document: str = ""
    comment: str = ""
    trigger: str = ""
    rule: str = ""  # the name of the rule that proposed it (its confidence is calibrated per rule)

    @property
    def type_iri(self) -> str:
        """The IRI of the tie or event type."""
        if self.kind == "tie":
            return str(TT[TIE_TYPES[self.type][0]])
        return str(ET[EVENT_TYPES[self.type]])

    @property
    def directed(self) -> bool:
        """False for the undirected tie types (relations, conflict)."""
        return self.kind != "tie" or TIE_TYPES[self.type][1]

    @property
    def plover_2016(self) -> str:
        """The PLOVER category in the older names of the PLOVER gold-standard file (0.5).

        See :func:`plover_2016`.

        >>> Candidate(1, "", "event", "fight", plover="ASSAULT", cameo="190").plover_2016
        'FIGHT'
        """
        return plover_2016(self.plover, self.cameo)

    @property
    def source_country(self) -> str:
        """The three-letter code event data compares actors on: the source's country (ISO 3166
        alpha-3 for a state or a part of one, ``IGO`` for an organisation), or ""."""
        return _country_code(self.source)

    @property
    def target_country(self) -> str:
        """As :attr:`source_country`, for the target."""
        return _country_code(self.target)

    def row(self) -> dict[str, object]:
        """The candidate as a tie-sheet row (see :mod:`diplograph.curation.sheet`)."""
        return {
            "line": self.line,
            "quote": self.quote,
            "kind": self.kind,
            "from": self.source.label if self.source else "",
            "from_code": self.source.code if self.source else "",
            "to": self.target.label if self.target else "",
            "to_code": self.target.code if self.target else "",
            "from_country": self.source_country,
            "to_country": self.target_country,
            "type": self.type,
            "plover": self.plover,
            "cameo": self.cameo,
            "plover_2016": self.plover_2016,
            "status": self.status,
            "confidence": round(self.confidence, 2),
            "begin": self.begin,
            "end": self.end,
            "quantity": self.quantity,
            "quantity_max": self.quantity_max,
            "unit": self.unit,
            "negated": self.negated,
            "attributed_to": self.attributed_to,
            "document": self.document,
            "comment": self.comment,
        }


def plover_2016(plover: str, cameo: str) -> str:
    """A PLOVER 2021 category in the names of PLOVER 0.5 (2016), which the PLOVER gold-standard
    file uses: the category of the CAMEO code's root (ACCUSE is INVESTIGATE for 09 or
    DISAPPROVE for 11, REQUEST is DEMAND, ASSAULT is FIGHT for 19, an embargo (163) is a
    SANCTION, destroying property (1712) COERCE); root 08 is CONCEDE up to 083 and RETREAT
    from 084, as in the 2021 crosswalk except for easing a curfew or a state of emergency
    (0813, 0814), which it moved to RETREAT in September 2021. Without a code, ``plover``.

    >>> plover_2016("RETREAT", "0813"), plover_2016("COERCE", "163"), plover_2016("AGREE", "")
    ('CONCEDE', 'SANCTION', 'AGREE')
    """
    if not plover:
        return ""
    root = cameo[:2]
    if root == "08" and len(cameo) >= 3:
        return "CONCEDE" if cameo[:3] <= "083" else "RETREAT"
    if root == "08" or not cameo:
        return "DEMAND" if plover == "REQUEST" else plover
    return OLD_PLOVER_BY_ROOT.get(root, plover)


def _country_code(actor: Actor | None) -> str:
    if actor is None:
        return ""
    if actor.code.startswith("IGO") or actor.kind in {"igo", "force", "body"}:
        return "IGO"
    return actor.country or actor.code[:3]
