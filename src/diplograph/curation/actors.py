"""New actors from curation: what a sheet's ``actor`` row creates, and the checks it passes.

An actor row names the actor (``from``: its English label), its kind (``type``: a class of actor
by its label, ``multinational force``, or the extractor's word for it, ``force``), its codes
(``from_code``: ISO 3166 alpha-3 for a state, a CAMEO code such as ``IGOAFU`` otherwise), its
other names (``aliases``, separated by ``;``) and, like every row, the sentence that introduces
it. It is checked as a tie is: the kind must be one, and no name of it (label, alias, code) may
already name an actor of the graph; the match is offered instead, so an actor is never created
twice. The actor cites its sentence (``prov:wasDerivedFrom``), as the shapes ask of every actor.

>>> slug("African Union Support and Stabilization Mission in Somalia")
'african-union-support-and-stabilization-mission-in-somalia'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from rdflib import URIRef

from diplograph.curation.gazetteer import KINDS
from diplograph.errors import DataError, UnknownNameError
from diplograph.iri import curie, local_name
from diplograph.namespaces import DIPL
from diplograph.queries.names import display_names, normalise, resolve_actor
from diplograph.store import Store

__all__ = ["actor_kinds", "already_named", "code_property", "resolve_kind", "slug"]

_KINDS = """
SELECT ?class ?label WHERE {
  ?class rdfs:subClassOf+ dipl:Actor ; rdfs:label ?label .
  FILTER(langMatches(lang(?label), "en"))
}"""


def slug(text: str) -> str:
    """A local name made of ``text``'s ASCII letters and digits, joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def actor_kinds(store: Store) -> dict[str, URIRef]:
    """Every name of an actor kind -> its class: the class's label (``multinational force``),
    its local name (``MultinationalForce``) and the extractor's word (``force``)."""
    kinds: dict[str, URIRef] = {}
    for cls, label in store.query(_KINDS).rows:
        if not isinstance(cls, URIRef):
            continue
        kinds[normalise(str(label))] = cls
        kinds[normalise(local_name(cls))] = cls
    for local, word in KINDS.items():
        if normalise(local) in kinds:
            kinds.setdefault(word, kinds[normalise(local)])
    return kinds


def resolve_kind(store: Store, name: str) -> URIRef:
    """The actor class ``name`` names; :class:`DataError` listing the kinds if none."""
    kinds = actor_kinds(store)
    found = kinds.get(normalise(name.replace("_", " "))) or kinds.get(normalise(name))
    if found is None:
        labels = sorted(
            {str(label) for cls, label in store.query(_KINDS).rows if isinstance(cls, URIRef)}
        )
        raise DataError(f"{name!r} is not an actor kind; the actor kinds: {', '.join(labels)}")
    return found


_STATED_IN = "ASK WHERE { GRAPH ?g { ?actor a ?class } }"


def already_named(store: Store, names: list[str], besides: Sequence[str] = ()) -> str | None:
    """A problem saying which existing actor one of ``names`` already names, or None. Actors
    stated in the graphs ``besides`` (an earlier add of the same sheet, which this one
    replaces) do not count."""
    for name in names:
        try:
            iri = resolve_actor(store, name)
        except UnknownNameError as error:
            if "ambiguous" in str(error):
                return f"{name!r} already names several actors: {error}"
            continue
        if any(store.query(_STATED_IN, {"g": URIRef(g), "actor": iri}).boolean for g in besides):
            continue
        label = display_names(store, "actor").get(str(iri), local_name(iri))
        return (
            f"{name!r} already names the actor {label} ({curie(str(iri)) or iri}); "
            f"cite it by that name instead of creating it"
        )
    return None


def code_property(code: str, kind: URIRef) -> tuple[URIRef, str] | None:
    """Where a code goes: a state's three letters are its ISO 3166 alpha-3 code; an
    organisation's CAMEO-style ``IGO`` + code keeps the code (``IGOAFU`` -> ``AFU``); a bare
    ``IGO`` says nothing and is dropped."""
    code = code.strip().upper()
    if not code:
        return None
    if re.fullmatch(r"[A-Z]{3}", code) and kind == DIPL.State:
        return DIPL.iso3166Alpha3, code
    if code.startswith("IGO"):
        code = code[3:]
    if not code:
        return None
    if not re.fullmatch(r"[A-Z0-9]{2,12}", code):
        raise DataError(f"code {code!r} is not a code (letters and digits, as CAMEO writes them)")
    return DIPL.cameoCode, code
