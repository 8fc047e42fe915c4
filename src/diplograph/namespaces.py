"""Every IRI namespace diplograph uses and the prefixes shown to users: where IRIs are typed.

diplograph's own vocabularies are strict :class:`~rdflib.namespace.DefinedNamespace` classes
(``_fail = True``), so a misspelt term is an error where it is written, not a silent new IRI:

>>> DIPL.Tie
rdflib.term.URIRef('https://w3id.org/diplograph/ont#Tie')
>>> DIPL.tie
Traceback (most recent call last):
...
AttributeError: term 'tie' not in namespace 'https://w3id.org/diplograph/ont#'

Their terms are those the ontology files define (``ontology/diplo.ttl``,
``ontology/vocab/tie-types.ttl``); ``tests/test_namespaces.py`` checks that the classes and the
files agree, so a term added to the ontology is added here too. Namespaces of identifiers that
data mints (actors ``d:``, CAMEO codes, Wikidata items) stay open (:class:`~rdflib.Namespace`).
A namespace used as text is ``str(DIPL)`` (``DIPL + "x"`` checks ``x`` is a term).
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "CAMEO",
    "DCTERMS",
    "DIPL",
    "DSH",
    "ET",
    "FORMATS",
    "GENID",
    "GRAPH",
    "ONTOLOGY",
    "OWL",
    "PLOVER",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SD",
    "SEM",
    "SH",
    "SKOS",
    "SPARQL_PROLOGUE",
    "TS",
    "TT",
    "VOID",
    "WD",
    "WDT",
    "XSD",
    "D",
    "bind_prefixes",
]


class DIPL(DefinedNamespace):
    """diplograph's ontology (``ontology/diplo.ttl``): classes, properties, annotations."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/ont#")

    Actor: URIRef  # actor
    AdHocBody: URIRef  # ad-hoc body
    AggregatedTie: URIRef  # aggregated dyad tie
    ArmedForce: URIRef  # national armed forces
    Assessment: URIRef  # assessment
    City: URIRef  # city
    Claim: URIRef  # claim
    DiplomaticEvent: URIRef  # diplomatic event
    IntergovernmentalOrganization: URIRef  # intergovernmental organisation
    MultinationalForce: URIRef  # multinational force
    Person: URIRef  # person
    Place: URIRef  # place
    PoliticalEntity: URIRef  # political entity
    Post: URIRef  # post
    QualifiedStatus: URIRef  # qualified status
    QuasiStateActor: URIRef  # quasi-state actor
    Reading: URIRef  # reading
    Region: URIRef  # region
    RegionMembership: URIRef  # region membership
    ReportedFact: URIRef  # report of fact
    SourceDocument: URIRef  # source document
    SourceStatement: URIRef  # source statement
    State: URIRef  # state
    StateSystemMembership: URIRef  # state-system membership
    Territory: URIRef  # territory
    Tie: URIRef  # tie
    actor: URIRef  # acting party
    actorSector: URIRef  # acting sector
    armedForceOf: URIRef  # armed force of
    assesses: URIRef  # assesses
    atPlace: URIRef  # at place
    cameoCode: URIRef  # CAMEO actor code
    cameoEventCode: URIRef  # CAMEO event code
    concerns: URIRef  # concerns
    confidence: URIRef  # confidence
    cowAbbreviation: URIRef  # COW state abbreviation
    cowCode: URIRef  # COW state number
    defaultPolarity: URIRef  # default polarity
    directed: URIRef  # directed
    establishedBy: URIRef  # established by
    establishes: URIRef  # establishes
    eventCount: URIRef  # event count
    eventType: URIRef  # event type
    existsFrom: URIRef  # exists from
    existsUntil: URIRef  # exists until
    fips104Code: URIRef  # FIPS 10-4 code
    fromActor: URIRef  # from actor
    fromKind: URIRef  # from kind
    goldsteinScale: URIRef  # Goldstein scale value
    goldsteinScore: URIRef  # Goldstein score
    headquarters: URIRef  # headquarters
    hostState: URIRef  # host state
    inPost: URIRef  # in post
    iso3166Alpha2: URIRef  # ISO 3166-1 alpha-2 code
    iso3166Alpha3: URIRef  # ISO 3166-1 alpha-3 code
    lineNumber: URIRef  # line number
    localCopy: URIRef  # local copy
    locatedIn: URIRef  # located in
    locationCountry: URIRef  # location country
    m49Code: URIRef  # UN M49 code
    member: URIRef  # member
    memberState: URIRef  # member state
    militaryRank: URIRef  # military rank
    partOfEvent: URIRef  # part of event
    participant: URIRef  # participant
    polarity: URIRef  # polarity
    postIn: URIRef  # post in
    quadClass: URIRef  # quad class
    quantity: URIRef  # quantity
    quote: URIRef  # quote
    recipient: URIRef  # recipient
    recipientSector: URIRef  # recipient sector
    region: URIRef  # region of membership
    respondsTo: URIRef  # responds to
    sha256: URIRef  # SHA-256 hash
    sourceUrl: URIRef  # source URL
    status: URIRef  # status
    statusHistory: URIRef  # status history
    statusValue: URIRef  # status value
    summarises: URIRef  # summarises
    tieType: URIRef  # tie type
    toActor: URIRef  # to actor
    toKind: URIRef  # to kind
    weight: URIRef  # weight
    wikidataId: URIRef  # Wikidata identifier
    wikidataProperty: URIRef  # Wikidata property


class TT(DefinedNamespace):
    """The tie types (``ontology/vocab/tie-types.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/tie-type/")

    Alliance: URIRef  # alliance
    ArmedForceOf: URIRef  # armed force of
    BilateralRelations: URIRef  # bilateral relations
    Command: URIRef  # command
    Conflict: URIRef  # conflict
    DiplomaticRelations: URIRef  # diplomatic relations
    EventInteraction: URIRef  # event interaction
    ExpertContribution: URIRef  # expert contribution
    Founding: URIRef  # founding
    HeadOfState: URIRef  # head of state
    Leadership: URIRef  # leadership
    MaterialConflict: URIRef  # material conflict
    MaterialCooperation: URIRef  # material cooperation
    Mediation: URIRef  # mediation
    Membership: URIRef  # membership
    Partnership: URIRef  # partnership
    PoliceContribution: URIRef  # police contribution
    PoliceTraining: URIRef  # police training
    Recognition: URIRef  # recognition
    Sanction: URIRef  # sanction
    SecurityCooperation: URIRef  # security cooperation
    TroopContribution: URIRef  # troop contribution
    VerbalConflict: URIRef  # verbal conflict
    VerbalCooperation: URIRef  # verbal cooperation
    scheme: URIRef  # diplograph tie types


class TS(DefinedNamespace):
    """The tie statuses (``ontology/vocab/tie-types.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/tie-status/")

    Active: URIRef  # active
    Announced: URIRef  # announced
    Ended: URIRef  # ended
    Planned: URIRef  # planned
    Pledged: URIRef  # pledged
    Suspended: URIRef  # suspended
    scheme: URIRef  # diplograph statuses


class ET(DefinedNamespace):
    """The event types (``ontology/vocab/tie-types.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/event-type/")

    Acceptance: URIRef  # acceptance
    Aid: URIRef  # aid
    Announcement: URIRef  # announcement
    Assault: URIRef  # assault
    Coercion: URIRef  # coercion
    Concession: URIRef  # concession
    Confirmation: URIRef  # confirmation
    Demand: URIRef  # demand
    Deployment: URIRef  # deployment
    DiplomaticCooperation: URIRef  # diplomatic cooperation
    Disapproval: URIRef  # disapproval
    Fight: URIRef  # fight
    ForcePosture: URIRef  # force posture
    Investigation: URIRef  # investigation
    MassViolence: URIRef  # mass violence
    MaterialCooperation: URIRef  # material cooperation act
    Meeting: URIRef  # meeting
    Pledge: URIRef  # pledge
    Protest: URIRef  # protest
    ReductionOfRelations: URIRef  # reduction of relations
    Rejection: URIRef  # rejection
    Request: URIRef  # request
    Threat: URIRef  # threat
    Training: URIRef  # training
    UncodedEvent: URIRef  # event of unknown code
    scheme: URIRef  # diplograph event types


class SEM(DefinedNamespace):
    """The Simple Event Model terms diplograph uses (its time stamps, actors, places, types)."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    Place: URIRef
    eventType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef
    hasBeginTimeStamp: URIRef
    hasEndTimeStamp: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasLatestBeginTimeStamp: URIRef
    hasEarliestEndTimeStamp: URIRef
    hasLatestEndTimeStamp: URIRef
    subEventOf: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms diplograph uses (rdflib's ``SDO`` lets any name through)."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    Dataset: URIRef
    NewsArticle: URIRef
    QuantitativeValue: URIRef
    author: URIRef
    datePublished: URIRef
    latitude: URIRef
    longitude: URIRef
    maxValue: URIRef
    publisher: URIRef
    unitText: URIRef
    url: URIRef
    value: URIRef


class SD(DefinedNamespace):
    """The SPARQL 1.1 Service Description terms the server describes itself with."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/sparql-service-description#")

    Dataset: URIRef
    Graph: URIRef
    Service: URIRef
    SPARQL11Query: URIRef
    SPARQL11Update: URIRef
    UnionDefaultGraph: URIRef
    defaultDataset: URIRef
    defaultGraph: URIRef
    endpoint: URIRef
    feature: URIRef
    resultFormat: URIRef
    supportedLanguage: URIRef


class FORMATS(DefinedNamespace):
    """The W3C's IRIs of the result formats the server writes (``FORMATS["N-Triples"]``)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/formats/")
    _extras = ["N-Triples", "JSON-LD"]  # noqa: RUF012 (as rdflib declares it)

    SPARQL_Results_CSV: URIRef
    SPARQL_Results_JSON: URIRef
    SPARQL_Results_TSV: URIRef
    SPARQL_Results_XML: URIRef
    Turtle: URIRef


#: actors, documents, statements, ties: identifiers the data mints (open)
D = Namespace("https://w3id.org/diplograph/id/")
#: CAMEO event and actor codes (``cameo:C0334``), minted from the codes data carries (open)
CAMEO = Namespace("https://w3id.org/diplograph/vocab/cameo/")
#: PLOVER categories; the ontology describes a subset, the extractor names others (open)
PLOVER = Namespace("https://w3id.org/diplograph/vocab/plover/")
#: the SHACL shapes of ``ontology/shapes.ttl``
DSH = Namespace("https://w3id.org/diplograph/shapes#")
#: the store's named graphs: ``graph/builtin/…``, ``graph/source/…``, ``graph/temporary/…``
GRAPH = Namespace("https://w3id.org/diplograph/graph/")
#: blank nodes of a remote store's answers, made into IRIs (RDF 1.1 skolem IRIs)
GENID = Namespace("https://w3id.org/diplograph/.well-known/genid/")
#: the ontology's own IRI (``owl:Ontology``)
ONTOLOGY = URIRef("https://w3id.org/diplograph/ont")
#: Wikidata items and direct properties (open)
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

#: prefix -> namespace, used for CURIEs in tables and bound in every loaded graph
PREFIXES: dict[str, Namespace] = {
    prefix: Namespace(str(namespace))
    for prefix, namespace in (
        ("d", D),
        ("dipl", DIPL),
        ("tt", TT),
        ("ts", TS),
        ("et", ET),
        ("cameo", CAMEO),
        ("plover", PLOVER),
        ("sem", SEM),
        ("schema", SCHEMA),
        ("wd", WD),
        ("prov", PROV),
        ("skos", SKOS),
        ("rdfs", RDFS),
        ("rdf", RDF),
        ("owl", OWL),
        ("xsd", XSD),
        ("dcterms", DCTERMS),
        ("void", VOID),
        ("dsh", DSH),
    )
}


#: ``PREFIX`` lines for every prefix in :data:`PREFIXES`: what every query the store runs starts
#: with (so queries say ``dipl:Tie``), and what the server's editor shows
SPARQL_PROLOGUE = "".join(
    f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items()
)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind diplograph's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
