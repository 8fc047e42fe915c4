"""The codes importers resolve against, read from the store: actors by CAMEO, ISO 3166, COW and
FIPS code and by name, CAMEO event codes, CAMEO actor types (sectors) and UN missions.

They come from the built-in crosswalk (``graph/crosswalk-*.ttl``, written by
``scripts/build_crosswalk.py``) and the seed's facts, or from whatever else the store holds, so
imported records land on the actors the graph already has: GDELT's ``MAR`` and IPI's
``Morocco`` and COW's ``600`` are all ``d:morocco``. One query per table, once per import.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from rdflib import URIRef

from diplograph.namespaces import CAMEO

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = [
    "Crosswalk",
    "load_crosswalk",
    "name_key",
    "organisation_in",
    "scheme_matches",
    "scheme_notations",
]

_ACTOR_CODES = """
SELECT ?actor ?cameo ?iso3 ?cow ?cowAbbreviation ?fips ?organisation ?existsFrom ?wikidata WHERE {
  ?actor a ?class .
  VALUES ?class { dipl:State dipl:QuasiStateActor dipl:IntergovernmentalOrganization
                  dipl:AdHocBody }
  BIND(?class IN (dipl:IntergovernmentalOrganization, dipl:AdHocBody) AS ?organisation)
  OPTIONAL { ?actor dipl:cameoCode ?cameo }
  OPTIONAL { ?actor dipl:iso3166Alpha3 ?iso3 }
  OPTIONAL { ?actor dipl:cowCode ?cow }
  OPTIONAL { ?actor dipl:cowAbbreviation ?cowAbbreviation }
  OPTIONAL { ?actor dipl:fips104Code ?fips }
  OPTIONAL { ?actor dipl:existsFrom ?existsFrom }
  OPTIONAL { ?actor dipl:wikidataId ?wikidata }
}"""

_NOTATIONS = """
SELECT ?notation ?concept WHERE { ?concept skos:inScheme ?scheme ; skos:notation ?notation }"""

_MATCHES = """
SELECT ?match ?concept WHERE {
  ?concept skos:inScheme ?scheme .
  { ?concept skos:exactMatch ?match } UNION { ?concept skos:narrowMatch ?match }
}"""

_NAMES = """
SELECT ?actor ?name WHERE {
  ?actor a ?class .
  VALUES ?class { dipl:State dipl:QuasiStateActor }
  ?actor ?nameKind ?name .
  FILTER(?nameKind IN (rdfs:label, skos:altLabel, skos:hiddenLabel))
}"""

_CONCEPTS = """
SELECT ?concept ?notation ?scheme ?goldstein WHERE {
  ?concept skos:inScheme ?scheme ; skos:notation ?notation .
  VALUES ?scheme { cameo:scheme cameo:sectors }
  OPTIONAL { ?concept dipl:goldsteinScore ?goldstein }
}"""

_MISSIONS = """
SELECT ?mission ?label WHERE {
  ?mission a dipl:MultinationalForce ; rdfs:label ?label .
}"""


def name_key(name: str) -> str:
    """Names that differ only in case, accents, punctuation or a "(the)" fold together:
    ``Côte d’Ivoire``, ``Cote d Ivoire`` and ``COTE D'IVOIRE`` give ``cote d ivoire``."""
    name = re.sub(r"\(the\)|\*", "", name)
    folded = unicodedata.normalize("NFKD", name)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip().removeprefix("the ")


def organisation_in(actor_code: str, known: Container[str]) -> str | None:
    """The most specific known organisation in a CAMEO actor code: NAT in ``IGOWSTNATGOV``,
    the World Bank (WBK), not the UN, in ``IGOUNODEVWBK``; None for a code not of an IGO."""
    if not actor_code.startswith("IGO"):
        return None
    found = None
    for start in range(3, len(actor_code) - 2, 3):
        chunk = actor_code[start : start + 3]
        if chunk in known:
            found = chunk
    return found


@dataclass
class Crosswalk:
    """The code tables of one store state (see the module docstring)."""

    #: CAMEO country code -> state (or quasi-state) IRI
    countries: dict[str, str] = field(default_factory=dict)
    #: CAMEO known-group code -> organisation IRI
    organisations: dict[str, str] = field(default_factory=dict)
    by_iso3: dict[str, str] = field(default_factory=dict)
    by_cow: dict[int, str] = field(default_factory=dict)
    cow_abbreviations: dict[int, str] = field(default_factory=dict)
    by_fips: dict[str, str] = field(default_factory=dict)
    #: Wikidata item id (Q1028) -> actor IRI, for states and organisations that have one
    by_wikidata: dict[str, str] = field(default_factory=dict)
    #: actor IRI -> its COW state number
    cow_of: dict[str, int] = field(default_factory=dict)
    #: actors whose existence (dipl:existsFrom) the store already states
    existing: set[str] = field(default_factory=set)
    #: actor IRI -> the first day it exists (its earliest ``dipl:existsFrom``), where stated
    exists_from: dict[str, date] = field(default_factory=dict)
    #: CAMEO event code -> its Goldstein value, for every code the vocabulary knows
    event_codes: dict[str, str] = field(default_factory=dict)
    #: CAMEO actor type code (GOV, MIL ...) -> sector concept IRI
    sectors: dict[str, str] = field(default_factory=dict)
    #: mission name (UNMISS) -> mission IRI
    missions: dict[str, str] = field(default_factory=dict)
    #: name key (see :func:`name_key`) -> the states and quasi-states that answer to it
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def state_named(self, name: str) -> str | None:
        """The one state whose label or alias is ``name`` (up to case, accents, punctuation)."""
        found = self.names.get(name_key(name), set())
        return next(iter(found)) if len(found) == 1 else None


def load_crosswalk(store: Store) -> Crosswalk:
    """Read the code tables from ``store``."""
    crosswalk = Crosswalk()
    _, rows = store.select_values(_ACTOR_CODES)
    for actor, cameo, iso3, cow, abbreviation, fips, organisation, exists, wikidata in rows:
        if cameo:
            table = crosswalk.organisations if organisation else crosswalk.countries
            table[str(cameo)] = actor
        if iso3:
            crosswalk.by_iso3[str(iso3)] = actor
        if wikidata:
            crosswalk.by_wikidata[str(wikidata)] = actor
        if cow is not None:
            crosswalk.by_cow[int(cow)] = actor
            crosswalk.cow_of[actor] = int(cow)
            if abbreviation:
                crosswalk.cow_abbreviations[int(cow)] = str(abbreviation)
        if fips:
            crosswalk.by_fips[str(fips)] = actor
        if exists is not None:
            crosswalk.existing.add(actor)
            if isinstance(exists, date):
                known = crosswalk.exists_from.get(actor)
                crosswalk.exists_from[actor] = exists if known is None else min(known, exists)
    _, rows = store.select_values(_NAMES)
    for actor, name in rows:
        crosswalk.names[name_key(str(name))].add(actor)
    _, rows = store.select_values(_CONCEPTS)
    for concept, notation, scheme, goldstein in rows:
        if scheme == str(CAMEO.scheme):
            crosswalk.event_codes[str(notation)] = "" if goldstein is None else str(goldstein)
        else:
            crosswalk.sectors[str(notation)] = concept
    _, rows = store.select_values(_MISSIONS)
    for mission, label in rows:
        crosswalk.missions[str(label)] = mission
    return crosswalk


def scheme_notations(store: Store, scheme: str) -> dict[str, str]:
    """Notation -> concept IRI of the concepts of one scheme (``skos:notation``), as the
    vocabularies in ``ontology/`` give them: importers map a dataset's codes through these."""
    _, rows = store.select_values(_NOTATIONS, {"scheme": URIRef(scheme)})
    return {str(notation): str(concept) for notation, concept in rows}


def scheme_matches(store: Store, scheme: str) -> dict[str, str]:
    """External IRI -> concept IRI of one scheme, by ``skos:exactMatch`` and
    ``skos:narrowMatch`` (a Wikidata class and its country-specific subclasses)."""
    _, rows = store.select_values(_MATCHES, {"scheme": URIRef(scheme)})
    return {str(match): str(concept) for match, concept in rows}
