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
    "MT",
    "OB",
    "ONTOLOGY",
    "OWL",
    "PLOVER",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "RL",
    "SCHEMA",
    "SD",
    "SEM",
    "SH",
    "SKOS",
    "SPARQL_PROLOGUE",
    "TS",
    "TT",
    "UI",
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
    Alliance: URIRef  # alliance
    ArmedForce: URIRef  # national armed forces
    Assessment: URIRef  # assessment
    City: URIRef  # city
    Claim: URIRef  # claim
    DiplomaticEvent: URIRef  # diplomatic event
    DiplomaticMission: URIRef  # diplomatic mission
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
    Snapshot: URIRef  # snapshot
    SourceDocument: URIRef  # source document
    SourceStatement: URIRef  # source statement
    State: URIRef  # state
    StateSystemMembership: URIRef  # state-system membership
    Territory: URIRef  # territory
    Tie: URIRef  # tie
    actor: URIRef  # acting party
    actorSector: URIRef  # acting sector
    agreeingVotes: URIRef  # agreeing votes
    agreement: URIRef  # voting agreement
    alliancePhase: URIRef  # alliance phase
    armedForceOf: URIRef  # armed force of
    assesses: URIRef  # assesses
    atopId: URIRef  # ATOP alliance identifier
    atPlace: URIRef  # at place
    cameoCode: URIRef  # CAMEO actor code
    cameoEventCode: URIRef  # CAMEO event code
    commonVotes: URIRef  # common votes
    concerns: URIRef  # concerns
    confidence: URIRef  # confidence
    cowAbbreviation: URIRef  # COW state abbreviation
    cowAllianceId: URIRef  # COW alliance identifier
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
    inAlliance: URIRef  # in alliance
    inception: URIRef  # inception
    inPost: URIRef  # in post
    iso3166Alpha2: URIRef  # ISO 3166-1 alpha-2 code
    iso3166Alpha3: URIRef  # ISO 3166-1 alpha-3 code
    lastLineNumber: URIRef  # last line number
    lineNumber: URIRef  # line number
    listsState: URIRef  # lists state
    localCopy: URIRef  # local copy
    locatedIn: URIRef  # located in
    locationCountry: URIRef  # location country
    m49Code: URIRef  # UN M49 code
    member: URIRef  # member
    memberState: URIRef  # member state
    militaryRank: URIRef  # military rank
    mission: URIRef  # mission
    missionCity: URIRef  # mission city
    missionType: URIRef  # mission type
    obligation: URIRef  # obligation
    observedYear: URIRef  # observed in year
    participant: URIRef  # participant
    partOfEvent: URIRef  # part of event
    polarity: URIRef  # polarity
    postIn: URIRef  # post in
    quadClass: URIRef  # quad class
    quantity: URIRef  # quantity
    quote: URIRef  # quote
    recipient: URIRef  # recipient
    recipientSector: URIRef  # recipient sector
    region: URIRef  # region of membership
    representationLevel: URIRef  # representation level
    respondsTo: URIRef  # responds to
    rowYear: URIRef  # year of the row
    sha256: URIRef  # SHA-256 hash
    snapshotYear: URIRef  # snapshot year
    sourceUrl: URIRef  # source URL
    status: URIRef  # status
    statusHistory: URIRef  # status history
    statusValue: URIRef  # status value
    summarises: URIRef  # summarises
    tieType: URIRef  # tie type
    toActor: URIRef  # to actor
    toKind: URIRef  # to kind
    unSession: URIRef  # UN General Assembly session
    votingIssue: URIRef  # voting issue
    weight: URIRef  # weight
    wikidataId: URIRef  # Wikidata identifier
    wikidataProperty: URIRef  # Wikidata property


class TT(DefinedNamespace):
    """The tie types (``ontology/vocab/tie-types.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/tie-type/")

    Alliance: URIRef  # alliance
    AllianceMembership: URIRef  # alliance membership
    ArmedForceOf: URIRef  # armed force of
    BilateralRelations: URIRef  # bilateral relations
    Command: URIRef  # command
    Conflict: URIRef  # conflict
    DiplomaticMission: URIRef  # diplomatic missions
    DiplomaticRelations: URIRef  # diplomatic relations
    DiplomaticRepresentation: URIRef  # diplomatic representation
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
    VotingAgreement: URIRef  # UN voting agreement
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


class RL(DefinedNamespace):
    """The levels of diplomatic representation (``ontology/vocab/diplomacy.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/representation-level/")

    Ambassador: URIRef  # ambassador
    ChargeDAffaires: URIRef  # chargé d'affaires
    LevelNotRecorded: URIRef  # level not recorded
    Minister: URIRef  # minister
    Other: URIRef  # other representation
    scheme: URIRef  # levels of diplomatic representation


class MT(DefinedNamespace):
    """The kinds of diplomatic mission (``ontology/vocab/diplomacy.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/mission-type/")

    ApostolicDelegation: URIRef  # apostolic delegation
    ApostolicNunciature: URIRef  # apostolic nunciature
    AssistantHighCommission: URIRef  # assistant or deputy high commission
    ConsularAgency: URIRef  # consular agency
    ConsularPost: URIRef  # consular post
    Consulate: URIRef  # consulate
    ConsulateGeneral: URIRef  # consulate general
    DeFactoConsulate: URIRef  # de facto consulate
    DeFactoEmbassy: URIRef  # de facto embassy
    DiplomaticMission: URIRef  # diplomatic mission
    Embassy: URIRef  # embassy
    HighCommission: URIRef  # high commission
    HonoraryConsulate: URIRef  # honorary consulate
    InterestsSection: URIRef  # interests section
    PermanentMission: URIRef  # permanent mission
    RepresentativeOffice: URIRef  # representative office
    scheme: URIRef  # kinds of diplomatic mission


class OB(DefinedNamespace):
    """The obligations of alliance members (``ontology/vocab/diplomacy.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/alliance-obligation/")

    Consultation: URIRef  # consultation
    Defense: URIRef  # defense
    Neutrality: URIRef  # neutrality
    NonAggression: URIRef  # non-aggression
    Offense: URIRef  # offense
    scheme: URIRef  # alliance obligations


class UI(DefinedNamespace):
    """The issues of UN General Assembly roll calls (``ontology/vocab/diplomacy.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/diplograph/vocab/unga-issue/")

    ArmsControl: URIRef  # arms control and disarmament
    Colonialism: URIRef  # colonialism
    EconomicDevelopment: URIRef  # economic development
    HumanRights: URIRef  # human rights
    NuclearWeapons: URIRef  # nuclear weapons and nuclear material
    PalestinianConflict: URIRef  # Palestinian conflict
    scheme: URIRef  # UN General Assembly roll-call issues


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
        ("rl", RL),
        ("mt", MT),
        ("ob", OB),
        ("ui", UI),
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
