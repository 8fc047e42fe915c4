"""Namespaces of diplograph's ontology, data and vocabularies, and the prefixes shown to users."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "CAMEO",
    "DIPL",
    "ET",
    "MT",
    "OB",
    "PLOVER",
    "PREFIXES",
    "RL",
    "SCHEMA",
    "SEM",
    "TS",
    "TT",
    "UI",
    "WD",
    "D",
    "bind_prefixes",
]

DIPL = Namespace("https://w3id.org/diplograph/ont#")
D = Namespace("https://w3id.org/diplograph/id/")
TT = Namespace("https://w3id.org/diplograph/vocab/tie-type/")
TS = Namespace("https://w3id.org/diplograph/vocab/tie-status/")
ET = Namespace("https://w3id.org/diplograph/vocab/event-type/")
CAMEO = Namespace("https://w3id.org/diplograph/vocab/cameo/")
PLOVER = Namespace("https://w3id.org/diplograph/vocab/plover/")
RL = Namespace("https://w3id.org/diplograph/vocab/representation-level/")
MT = Namespace("https://w3id.org/diplograph/vocab/mission-type/")
OB = Namespace("https://w3id.org/diplograph/vocab/alliance-obligation/")
UI = Namespace("https://w3id.org/diplograph/vocab/unga-issue/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

#: prefix -> namespace, used for CURIEs in tables and bound in every loaded graph
PREFIXES: dict[str, Namespace] = {
    "d": D,
    "dipl": DIPL,
    "tt": TT,
    "ts": TS,
    "et": ET,
    "cameo": CAMEO,
    "plover": PLOVER,
    "rl": RL,
    "mt": MT,
    "ob": OB,
    "ui": UI,
    "sem": SEM,
    "schema": SCHEMA,
    "wd": WD,
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "rdfs": Namespace(str(RDFS)),
    "rdf": Namespace(str(RDF)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "dcterms": Namespace(str(DCTERMS)),
    "void": Namespace("http://rdfs.org/ns/void#"),
    "dsh": Namespace("https://w3id.org/diplograph/shapes#"),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind diplograph's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
