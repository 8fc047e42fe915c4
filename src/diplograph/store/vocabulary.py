"""The tie types, statuses and event types as plain Python, read from the ontology file that
defines them (``ontology/vocab/tie-types.ttl``), so that code restates none of it.

>>> troops = tie_types()["troop contribution"]
>>> troops.local, troops.directed, troops.cameo
('TroopContribution', True, ('0334', '074'))
>>> tie_types()["conflict"].directed, event_types()["meeting"].local
(False, 'Meeting')
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from diplograph.iri import local_name
from diplograph.namespaces import CAMEO, DIPL, ET, PLOVER, SKOS, TS, TT
from diplograph.paths import ontology_dir

__all__ = ["VOCABULARY_FILE", "Concept", "concepts", "event_types", "tie_statuses", "tie_types"]

VOCABULARY_FILE = "vocab/tie-types.ttl"

#: the SKOS mapping properties whose CAMEO and PLOVER targets a concept lists
_MATCHES = {
    str(SKOS.exactMatch),
    str(SKOS.closeMatch),
    str(SKOS.broadMatch),
    str(SKOS.narrowMatch),
    str(SKOS.relatedMatch),
}


@dataclass(frozen=True)
class Concept:
    """One concept of the tie-type, tie-status or event-type scheme."""

    iri: str
    label: str  #: its English ``skos:prefLabel``
    scheme: str
    broader: str | None = None
    directed: bool | None = None  #: ``dipl:directed`` (tie types only)
    polarity: int | None = None  #: ``dipl:defaultPolarity`` (tie types only)
    cameo: tuple[str, ...] = ()  #: CAMEO codes it is mapped to (``"0334"``), in file order
    plover: tuple[str, ...] = ()  #: PLOVER categories it is mapped to (``"AID"``)

    @property
    def local(self) -> str:
        return local_name(self.iri)


@cache
def concepts() -> dict[str, Concept]:
    """IRI -> concept, for every concept of the three schemes (read once per process)."""
    labels: dict[str, str] = {}
    schemes: dict[str, str] = {}
    broader: dict[str, str] = {}
    directed: dict[str, bool] = {}
    polarity: dict[str, int] = {}
    cameo: defaultdict[str, list[str]] = defaultdict(list)
    plover: defaultdict[str, list[str]] = defaultdict(list)
    for quad in ox.parse(path=ontology_dir() / VOCABULARY_FILE):
        if not isinstance(quad.subject, ox.NamedNode):
            continue
        iri, predicate, value = quad.subject.value, quad.predicate.value, quad.object
        text = value.value
        if predicate == str(SKOS.prefLabel) and getattr(value, "language", None) == "en":
            labels[iri] = text
        elif predicate == str(SKOS.inScheme):
            schemes[iri] = text
        elif predicate == str(SKOS.broader):
            broader[iri] = text
        elif predicate == str(DIPL.directed):
            directed[iri] = text == "true"
        elif predicate == str(DIPL.defaultPolarity):
            polarity[iri] = int(text)
        elif predicate in _MATCHES and text.startswith(CAMEO):
            cameo[iri].append(text[len(CAMEO) :].removeprefix("C"))
        elif predicate in _MATCHES and text.startswith(PLOVER):
            plover[iri].append(text[len(PLOVER) :])
    return {
        iri: Concept(
            iri,
            labels[iri],
            scheme,
            broader.get(iri),
            directed.get(iri),
            polarity.get(iri),
            tuple(cameo[iri]),
            tuple(plover[iri]),
        )
        for iri, scheme in schemes.items()
        if iri in labels
    }


def _by_label(scheme: str) -> dict[str, Concept]:
    return {c.label: c for c in concepts().values() if c.scheme == scheme}


@cache
def tie_types() -> dict[str, Concept]:
    """English label -> tie type (``tt:``)."""
    return _by_label(str(TT.scheme))


@cache
def tie_statuses() -> dict[str, Concept]:
    """English label -> tie status (``ts:``)."""
    return _by_label(str(TS.scheme))


@cache
def event_types() -> dict[str, Concept]:
    """English label -> event type (``et:``)."""
    return _by_label(str(ET.scheme))
