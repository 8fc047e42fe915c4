"""Write the actor crosswalk (graph/crosswalk-*.ttl) and the CAMEO event codes vocabulary.

What the importers resolve dataset codes against, so that imported records land on the same
actors as the seed article's facts:

- ``graph/crosswalk-states.ttl``: every state of the Correlates of War state system (and every
  independent ISO 3166 country), with ISO 3166 alpha-2/alpha-3, UN M49, FIPS 10-4, COW letter
  code and number, CAMEO country code and Wikidata id (``dipl:wikidataId``), names in six
  languages, and the names UN peacekeeping reports use;
- ``graph/crosswalk-organisations.ttl``: the intergovernmental organisations GDELT names by a
  CAMEO known-group code (UNO, NAT, EEC ...);
- ``graph/crosswalk-un-missions.ttl``: the UN peacekeeping missions of the IPI database, with
  their headquarters (coordinates un-swapped) and host states;
- ``ontology/vocab/cameo-event-codes.ttl``: every CAMEO event code with its label and Goldstein
  value, so that event codes can be checked and named.

Every fact cites the dataset row it is read from (``dipl:quote`` is the row's exact text, as in
``build_context.py``, whose helpers this script uses). Public-domain sources are preferred:
codes, names and Wikidata ids come from datasets/country-codes (ODC-PDDL); the COW codes from the
COW list itself; only the links between ISO and COW codes and the CAMEO codes come from the
derived ``country_crosswalk.csv`` (countrycode, GPL-3.0) and CountryInfo. A triple that another
built-in file already states (the seed's labels, ``context-*.ttl``'s codes) is not repeated, so
that queries over the union of the files see each fact once. Run from the repository root:

    python scripts/build_crosswalk.py [--data ../shared/data] [--root .]

The outputs are generated: edit this script, not them. ``tests/test_import_crosswalk.py`` re-runs
it and checks that the committed files are what it writes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from diplograph.importers.crosswalk import name_key, organisation_in

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the scripts folder is no package
from build_context import PREFIXES

D = "https://w3id.org/diplograph/id/"
DIPL = "https://w3id.org/diplograph/ont#"
CAMEO = "https://w3id.org/diplograph/vocab/cameo/"
SCHEMA = "https://schema.org/"

#: files this script writes, relative to the repository root (never read as "already stated")
OUTPUT_FILES = (
    "graph/crosswalk-states.ttl",
    "graph/crosswalk-organisations.ttl",
    "graph/crosswalk-un-missions.ttl",
    "ontology/vocab/cameo-event-codes.ttl",
)

#: CAMEO known-group codes of intergovernmental organisations -> (our IRI local name, English
#: label, aliases, class); each is created only if a GDELT row in ../shared/data names it
ORGANISATIONS = {
    "UNO": ("united-nations", "United Nations", ["UN"], "IntergovernmentalOrganization"),
    "NAT": (
        "nato",
        "North Atlantic Treaty Organization",
        ["NATO"],
        "IntergovernmentalOrganization",
    ),
    "EEC": ("european-union", "European Union", ["EU"], "IntergovernmentalOrganization"),
    "SCE": (
        "osce",
        "Organization for Security and Co-operation in Europe",
        ["OSCE"],
        "IntergovernmentalOrganization",
    ),
    "COE": ("council-of-europe", "Council of Europe", [], "IntergovernmentalOrganization"),
    "WTO": (
        "world-trade-organization",
        "World Trade Organization",
        ["WTO"],
        "IntergovernmentalOrganization",
    ),
    "IMF": (
        "international-monetary-fund",
        "International Monetary Fund",
        ["IMF"],
        "IntergovernmentalOrganization",
    ),
    "WBK": ("world-bank", "World Bank", [], "IntergovernmentalOrganization"),
    "ARL": (
        "arab-league",
        "Arab League",
        ["League of Arab States"],
        "IntergovernmentalOrganization",
    ),
    "ADB": (
        "asian-development-bank",
        "Asian Development Bank",
        [],
        "IntergovernmentalOrganization",
    ),
    "CIS": (
        "commonwealth-of-independent-states",
        "Commonwealth of Independent States",
        ["CIS"],
        "IntergovernmentalOrganization",
    ),
    "EBR": (
        "ebrd",
        "European Bank for Reconstruction and Development",
        ["EBRD"],
        "IntergovernmentalOrganization",
    ),
    "ICC": (
        "international-criminal-court",
        "International Criminal Court",
        [],
        "IntergovernmentalOrganization",
    ),
    "ITP": (
        "interpol",
        "Interpol",
        ["International Criminal Police Organization"],
        "IntergovernmentalOrganization",
    ),
    "OPC": (
        "opec",
        "Organization of the Petroleum Exporting Countries",
        ["OPEC"],
        "IntergovernmentalOrganization",
    ),
    "ASN": (
        "asean",
        "Association of Southeast Asian Nations",
        ["ASEAN"],
        "IntergovernmentalOrganization",
    ),
    "WAS": (
        "ecowas",
        "Economic Community of West African States",
        ["ECOWAS"],
        "IntergovernmentalOrganization",
    ),
    "IAD": (
        "igad",
        "Intergovernmental Authority on Development",
        ["IGAD"],
        "IntergovernmentalOrganization",
    ),
    "GOE": ("group-of-eight", "Group of Eight", ["G8"], "AdHocBody"),
}

#: ISO alpha-3 codes whose COW state the countrycode table does not link: COW 345 "Yugoslavia"
#: continues as Serbia in the COW list (see shared/data/country-code-crosswalk/README.md)
COW_CONTINUITY = {"SRB": "345"}
#: ISO alpha-3 code -> an existing actor that is not a state: the seed's Palestinian Authority
#: takes the codes of the State of Palestine's ISO entry (but not its Wikidata item, Q219060,
#: which is the State of Palestine, not the Authority)
NON_STATE_ACTORS = {"PSE": "palestinian-authority"}
#: official names in these languages become labels (country-codes.csv column -> language tag),
#: as context-country-codes.ttl gives the seed's states their Arabic names
NAME_COLUMNS = {"official_name_ar": "ar"}
#: upstream damage in CAMEO.eventcodes.txt (see shared/data/cameo-codes/README.md)
CAMEO_LABEL_REPAIRS = {"Ã’hirdÃ“location": "“third” location", "matyerial": "material"}


def slug(name: str) -> str:
    """``Côte d’Ivoire`` -> ``cote-d-ivoire``: an IRI local name from an English name."""
    name = re.sub(r"\s*\(.*?\)", "", name).replace("&", " and ")
    folded = unicodedata.normalize("NFKD", name)
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def english_short(name: str) -> str:
    """UNTERM's ``Russian Federation (the)`` -> ``Russian Federation``."""
    return re.sub(r"\s*\(the\)|\s*\*", "", name).strip()


@dataclass(frozen=True)
class Dataset:
    """A dataset file used as a source document."""

    key: str
    path: str
    title: str
    url: str
    license: str | None = None
    citation: str | None = None
    modified: str | None = None
    rights: str | None = None


#: documents that build_context.py already describes: cited here, never described again
COUNTRY_CODES = Dataset("dataset-country-codes", "country-code-crosswalk/country-codes.csv", "", "")
COW_STATES = Dataset("dataset-cow-states-2016", "cow-states-2016/states2016.csv", "", "")
COUNTRYINFO = Dataset(
    "dataset-countryinfo-120116", "country-code-crosswalk/CountryInfo.120116.txt", "", ""
)
COUNTRY_CROSSWALK = Dataset(
    "dataset-country-crosswalk",
    "country-code-crosswalk/country_crosswalk.csv",
    "country_crosswalk.csv (shared/data: codelist_without_cldr.csv of "
    "vincentarelbundock/countrycode at commit 284d6a2f, 2026-04-17, joined with "
    "datasets/country-codes at commit caa72d1e and CountryInfo's CAMEO codes)",
    "https://github.com/vincentarelbundock/countrycode/blob/"
    "284d6a2f7e49d826e10894227a05d4c857e21540/dictionary/codelist_without_cldr.csv",
    license="https://www.gnu.org/licenses/gpl-3.0.html",
    modified="2026-04-17",
)
_IPI = "https://github.com/IPIDataLab/PPP_Loader/blob/2653920af58e91a892d1cde3a402a57a2ebf5cdf"


def ipi_dataset(name: str) -> Dataset:
    """A file of IPI's Providing for Peacekeeping database, as its loader repository has it."""
    return Dataset(
        f"dataset-ipi-{slug(name.removesuffix('.csv'))}",
        f"un-peacekeeping-ipi/{name}",
        f"{name} (IPI Providing for Peacekeeping database, IPIDataLab/PPP_Loader ppp_files, "
        "commit 2653920a, 2017-06-26)",
        f"{_IPI}/ppp_files/{name}",
        license="https://www.gnu.org/licenses/old-licenses/gpl-2.0.html",
        citation="International Peace Institute. Providing for Peacekeeping database.",
        modified="2017-06-26",
    )


IPI_CURRENT_MONTH = ipi_dataset("current_month.csv")
IPI_MISSIONS = ipi_dataset("data_mission.csv")
IPI_MONTHLY = ipi_dataset("data_monthly.csv")
GDELT_GEORGIA = "gdelt-v1-georgia-2011-2012"


def gdelt_dataset(name: str) -> Dataset:
    """A monthly GDELT 1.0 extract of the Georgia study."""
    return Dataset(
        f"dataset-gdelt-georgia-{name.removesuffix('.csv')}",
        f"{GDELT_GEORGIA}/{name}",
        f"{name} (GDELT 1.0 events related to Georgia, mpiccirilli/UNDP-BCPR-Project "
        "individual_csvs, commit e009a802)",
        "https://github.com/mpiccirilli/UNDP-BCPR-Project/blob/"
        f"e009a802f0e801526a6ff9a70d452b5cecd7ccb6/individual_csvs/{name}",
        citation="Leetaru, Kalev and Schrodt, Philip. 2013. GDELT: Global Data on Events, "
        "Location and Tone.",
        rights="No license stated in the repository; the GDELT Project's data are open for "
        "unlimited use with citation.",
    )


# ---------------------------------------------------------------- writing Turtle, once per fact


def iri(local: str) -> URIRef:
    return URIRef(D + local)


def dipl(local: str) -> URIRef:
    return URIRef(DIPL + local)


def schema(local: str) -> URIRef:
    return URIRef(SCHEMA + local)


Pairs = list[tuple[URIRef, Node]]


@dataclass
class Turtle:
    """Blocks of Turtle, one per subject, leaving out triples that ``stated`` already holds."""

    stated: Graph
    title: str
    source: str
    blocks: list[str] = field(default_factory=list)
    written: set[tuple[Node, Node, Node]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.names = Graph().namespace_manager
        for line in [*PREFIXES.splitlines(), f"PREFIX cameo:   <{CAMEO}>"]:
            prefix, namespace = line.split()[1:3]
            self.names.bind(prefix.rstrip(":"), URIRef(namespace.strip("<>")), override=True)

    def term(self, node: Node) -> str:
        if isinstance(node, Literal) and node.datatype == XSD.integer:
            return str(node)
        if isinstance(node, Literal) and node.datatype == XSD.decimal:
            text = str(node)
            return text if "." in text else text + ".0"
        return node.n3(self.names)

    def add(self, subject: URIRef, pairs: Pairs, comment: str | None = None) -> None:
        kept = [
            (p, o)
            for p, o in pairs
            if (subject, p, o) not in self.stated and (subject, p, o) not in self.written
        ]
        if not kept:
            return
        self.written.update((subject, p, o) for p, o in kept)
        lines = [f"# {comment}"] if comment else []
        lines.append(self.term(subject))
        grouped: dict[URIRef, list[Node]] = {}
        for p, o in kept:
            grouped.setdefault(p, []).append(o)
        for n, (p, objects) in enumerate(grouped.items()):
            end = " ." if n == len(grouped) - 1 else " ;"
            verb = "a" if p == RDF.type else self.term(p)
            lines.append(f"    {verb} {' , '.join(self.term(o) for o in objects)}{end}")
        self.blocks.append("\n".join(lines) + "\n")

    def text(self) -> str:
        head = (
            f"# GENERATED by scripts/build_crosswalk.py from {self.source}: do not edit.\n"
            f"# {self.title}\n\n{PREFIXES}PREFIX cameo:   <{CAMEO}>\n\n"
        )
        return head + "\n".join(self.blocks)


class Sources:
    """The dataset files read, each a source document, and their rows as source statements."""

    def __init__(self, data: Path, out: Turtle) -> None:
        self.data = data
        self.out = out
        self.lines: dict[str, list[str]] = {}

    def raw(self, dataset: Dataset) -> bytes:
        return (self.data / dataset.path).read_bytes()

    def document(self, dataset: Dataset) -> URIRef:
        """The dataset file as a source document (as build_context.py describes its own): its
        hash, a local copy relative to graph/ (so that validate checks the quotes), the exact
        file at a pinned commit, its license or the lack of one."""
        node = iri(dataset.key)
        if (node, RDF.type, dipl("SourceDocument")) in self.out.stated:
            return node
        assert dataset.title, f"{dataset.key} is described by build_context.py, but not found"
        pairs: Pairs = [
            (RDF.type, dipl("SourceDocument")),
            (RDF.type, schema("Dataset")),
            (RDFS.label, Literal(dataset.title, lang="en")),
            (dipl("sha256"), Literal(hashlib.sha256(self.raw(dataset)).hexdigest())),
            (dipl("localCopy"), Literal("../../shared/data/" + dataset.path)),
            (schema("url"), URIRef(dataset.url)),
        ]
        if dataset.license:
            pairs.append((DCTERMS.license, URIRef(dataset.license)))
        if dataset.citation:
            pairs.append((DCTERMS.bibliographicCitation, Literal(dataset.citation)))
        if dataset.rights:
            pairs.append((DCTERMS.rights, Literal(dataset.rights, lang="en")))
        if dataset.modified:
            pairs.append((DCTERMS.modified, Literal(dataset.modified, datatype=XSD.date)))
        pairs.append((DCTERMS.language, Literal("en")))
        self.out.add(node, pairs)
        return node

    def line(self, dataset: Dataset, number: int) -> str:
        if dataset.path not in self.lines:
            self.lines[dataset.path] = self.raw(dataset).decode("utf-8").split("\n")
        return self.lines[dataset.path][number - 1]

    def statement(
        self, key: str, dataset: Dataset, number: int, quote: str | None = None
    ) -> URIRef:
        """A statement quoting line ``number`` of the dataset (or ``quote``, a part of it)."""
        text = quote if quote is not None else self.line(dataset, number).rstrip("\r")
        assert text, (dataset.path, number)
        assert text in self.line(dataset, number), (dataset.path, number)
        node = iri(f"stmt-{key}")
        self.out.add(
            node,
            [
                (RDF.type, dipl("SourceStatement")),
                (RDF.type, dipl("ReportedFact")),  # a dataset row reports, it does not judge
                (PROV.wasQuotedFrom, self.document(dataset)),
                (dipl("lineNumber"), Literal(number)),
                (dipl("quote"), Literal(text)),
            ],
        )
        return node


def csv_rows(raw: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, row as a dict of text) for each row; cells stay text (NA is Namibia's)."""
    text = raw.decode("utf-8")
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    rows = []
    for row in reader:
        rows.append((reader.line_num, dict(zip(header, row, strict=False))))
    return rows


# ---------------------------------------------------------------- states


@dataclass
class State:
    """One state of the crosswalk, as it is assembled from the rows that describe it."""

    local: str
    label: str
    iso: dict[str, str] | None = None
    iso_line: int = 0
    cow: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    link: tuple[int, dict[str, str]] | None = None
    #: FIPS 10-4 codes of the territory it governs
    fips: list[str] = field(default_factory=list)
    #: names that only a peacekeeping report uses, and the statements that quote them
    aliases: set[str] = field(default_factory=set)
    statements: list[URIRef] = field(default_factory=list)


def states(data: Path, stated: Graph) -> str:
    out = Turtle(
        stated,
        "States and their codes: ISO 3166, UN M49, FIPS 10-4, COW, CAMEO, Wikidata; names.",
        "shared/data/{country-code-crosswalk,cow-states-2016,un-peacekeeping-ipi}",
    )
    sources = Sources(data, out)
    iso_rows = {r["ISO3166-1-Alpha-3"]: (n, r) for n, r in csv_rows(sources.raw(COUNTRY_CODES))}
    cow_rows: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for n, r in csv_rows(sources.raw(COW_STATES)):
        cow_rows[r["ccode"]].append((n, r))
    links = csv_rows(sources.raw(COUNTRY_CROSSWALK))

    found: dict[str, State] = {}  # by COW number or ISO alpha-3
    for n, r in links:
        iso3, cown = r["iso3c"], r["cown"] or COW_CONTINUITY.get(r["iso3c"], "")
        independent = bool(iso3) and iso_rows[iso3][1]["is_independent"] == "Yes"
        if not cown and not independent and iso3 not in NON_STATE_ACTORS:
            continue
        key = cown or iso3
        if key in found and found[key].iso and not iso3:
            continue  # COW's Yugoslavia row, once Serbia holds its number
        local = NON_STATE_ACTORS.get(iso3) or slug(r["country_name"])
        state = State(local, r["country_name"], link=(n, r))
        if iso3:
            state.iso_line, state.iso = iso_rows[iso3]
        state.cow = cow_rows.get(cown, [])
        found[key] = state
    for cown, rows in cow_rows.items():  # COW states the countrycode table does not list
        if cown not in found:
            found[cown] = State(slug(rows[0][1]["statenme"]), rows[0][1]["statenme"], cow=rows)
    locals_ = Counter(s.local for s in found.values())
    assert max(locals_.values()) == 1, [k for k, v in locals_.items() if v > 1]

    _fips_codes(found.values())
    by_iso3 = {s.iso["ISO3166-1-Alpha-3"]: s for s in found.values() if s.iso}
    _peacekeeping_names(sources, by_iso3)
    ambiguous = _ambiguous_names(found.values())
    for state in sorted(found.values(), key=lambda s: s.local):
        _state(out, sources, state, ambiguous)
    return out.text()


def _fips_codes(found: Iterable[State]) -> None:
    """Each state's FIPS 10-4 codes: country-codes.csv's (two for Palestine, GZ and WE, written
    together as GZWE) without the codes FIPS gives a state of its own (Serbia's RIKV holds
    Kosovo's KV), and the countrycode table's where country-codes.csv has no row (Kosovo)."""
    found = list(found)
    own = {s.link[1]["fips"]: s.local for s in found if s.link and s.link[1]["fips"]}
    for state in found:
        text = state.iso["FIPS"] if state.iso else (state.link[1]["fips"] if state.link else "")
        codes = [text[i : i + 2] for i in range(0, len(text), 2)]
        state.fips = [c for c in codes if own.get(c, state.local) == state.local]


def _peacekeeping_names(sources: Sources, by_iso3: dict[str, State]) -> None:
    """The contributor names of IPI's March 2014 report that no other source spells that way
    (``DR Congo``): the country files are named by them and carry no code."""
    seen: set[str] = set()
    for n, r in csv_rows(sources.raw(IPI_CURRENT_MONTH)):
        name, iso3 = r["Contributor"], r["Contributor_ISO-3"]
        if name in seen or iso3 not in by_iso3:
            continue
        seen.add(name)
        state = by_iso3[iso3]
        known = {name_key(x) for x in _names(state)}
        if name_key(name) not in known:
            state.aliases.add(name)
            key = f"ipi-current-month-{slug(name)}"
            state.statements.append(sources.statement(key, IPI_CURRENT_MONTH, n))


def _names(state: State) -> set[str]:
    names = {state.label}
    if state.iso:
        for column in ("CLDR display name", "official_name_en", "UNTERM English Short"):
            if state.iso[column]:
                names.add(english_short(state.iso[column]))
    names.update(r["statenme"] for _, r in state.cow)
    return names


def _ambiguous_names(found: Iterable[State]) -> set[str]:
    """Name keys that more than one state answers to: kept off the aliases."""
    owners: dict[str, set[str]] = defaultdict(set)
    for state in found:
        for name in _names(state) | state.aliases:
            owners[name_key(name)].add(state.local)
    return {key for key, locals_ in owners.items() if len(locals_) > 1}


def _state(out: Turtle, sources: Sources, state: State, ambiguous: set[str]) -> None:
    node = iri(state.local)
    pairs: Pairs = []
    cited: list[URIRef] = []
    if state.local not in NON_STATE_ACTORS.values():
        pairs.append((RDF.type, dipl("State")))
    label_en = Literal(state.label, lang="en")
    has_label = any(
        isinstance(o, Literal) and o.language == "en" for o in out.stated.objects(node, RDFS.label)
    )
    if not has_label:
        pairs.append((RDFS.label, label_en))
    english = {str(o) for o in out.stated.objects(node, RDFS.label)} | {state.label}
    if state.local not in NON_STATE_ACTORS.values():  # the PA is not the State of Palestine
        for name in sorted(_names(state) | state.aliases):
            if name not in english and name_key(name) not in ambiguous:
                pairs.append((SKOS.altLabel, Literal(name, lang="en")))
    cited.extend(state.statements)
    state_of_its_own = state.local not in NON_STATE_ACTORS.values()
    if state.iso:
        r, iso3 = state.iso, state.iso["ISO3166-1-Alpha-3"]
        cited.append(
            sources.statement(f"country-codes-{iso3.lower()}", COUNTRY_CODES, state.iso_line)
        )
        for column, lang in NAME_COLUMNS.items() if state_of_its_own else ():
            has = any(
                isinstance(o, Literal) and o.language == lang
                for o in out.stated.objects(node, RDFS.label)
            )
            if r[column] and not has:
                pairs.append((RDFS.label, Literal(r[column], lang=lang)))
        pairs += [
            (dipl("iso3166Alpha2"), Literal(r["ISO3166-1-Alpha-2"])),
            (dipl("iso3166Alpha3"), Literal(iso3)),
            (dipl("m49Code"), Literal(int(r["M49"]))),
        ]
        qid = r["wikidata_id"].rsplit("/", 1)[-1]
        if qid and state_of_its_own:
            pairs.append((dipl("wikidataId"), Literal(qid)))
    if state.cow:
        index, row = max(state.cow, key=lambda item: item[0])  # the latest membership spell
        quote = ",".join(sources.line(COW_STATES, index).split(",")[:10])
        cited.append(
            sources.statement(f"cow-states-{row['stateabb'].lower()}", COW_STATES, index, quote)
        )
        pairs += [
            (dipl("cowAbbreviation"), Literal(row["stateabb"])),
            (dipl("cowCode"), Literal(int(row["ccode"]))),
        ]
    pairs += [(dipl("fips104Code"), Literal(code)) for code in state.fips]
    cameo = ""
    if state.link:
        n, link = state.link
        cited.append(sources.statement(f"country-crosswalk-{state.local}", COUNTRY_CROSSWALK, n))
        cameo = link["cameo"]
    if not cameo and state.local == "kosovo":
        cameo = _countryinfo_code(sources, "KOSOVO", cited)
    if cameo:
        pairs.append((dipl("cameoCode"), Literal(cameo)))
    pairs += [(PROV.wasDerivedFrom, s) for s in cited]
    out.add(node, pairs)


def _countryinfo_code(sources: Sources, country: str, cited: list[URIRef]) -> str:
    """The current CAMEO code of ``country`` in CountryInfo (the line before its name)."""
    lines = sources.raw(COUNTRYINFO).decode("utf-8").split("\n")
    index = lines.index(f"<CountryName>{country}</CountryName>") - 1
    match = re.fullmatch(r"<CountryCode>([A-Z]{3})</CountryCode>", lines[index])
    assert match, lines[index]
    cited.append(sources.statement(f"countryinfo-{country.lower()}-code", COUNTRYINFO, index + 1))
    return match.group(1)


# ---------------------------------------------------------------- organisations


def organisations(data: Path, stated: Graph) -> str:
    out = Turtle(
        stated,
        "Intergovernmental organisations and the CAMEO known-group codes GDELT names them by.",
        f"shared/data/{GDELT_GEORGIA}",
    )
    sources = Sources(data, out)
    # the first row naming each organisation, from as few files as will do (most codes first)
    found: dict[str, dict[str, int]] = {}
    for path in sorted((data / GDELT_GEORGIA).glob("*.csv")):
        reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
        next(reader)
        first: dict[str, int] = {}
        for row in reader:
            for start in (5, 15):  # Actor1Code, Actor2Code
                group = organisation_in(row[start], ORGANISATIONS)
                if group is not None:
                    first.setdefault(group, reader.line_num)
        found[path.name] = first
    evidence: dict[str, tuple[str, int]] = {}
    while True:
        gains = {name: set(codes) - set(evidence) for name, codes in found.items()}
        name = max(sorted(gains), key=lambda n: len(gains[n]))
        if not gains[name]:
            break
        evidence.update((code, (name, found[name][code])) for code in gains[name])
    for code, (local, label, aliases, kind) in ORGANISATIONS.items():
        if code not in evidence:
            continue
        name, line = evidence[code]
        stmt = sources.statement(
            f"gdelt-georgia-{name.removesuffix('.csv')}-{line}", gdelt_dataset(name), line
        )
        node = iri(local)
        pairs: Pairs = [(RDF.type, dipl(kind))]
        if not any(o for o in stated.objects(node, RDFS.label)):
            pairs.append((RDFS.label, Literal(label, lang="en")))
            pairs += [(SKOS.altLabel, Literal(a, lang="en")) for a in aliases]
        pairs += [(dipl("cameoCode"), Literal(code)), (PROV.wasDerivedFrom, stmt)]
        out.add(node, pairs, comment=f"CAMEO known-group code {code}")
    return out.text()


# ---------------------------------------------------------------- UN peacekeeping missions


def missions(data: Path, stated: Graph) -> str:
    out = Turtle(
        stated,
        "UN peacekeeping missions of the IPI database: headquarters and host states.",
        f"shared/data/{IPI_MISSIONS.path}",
    )
    sources = Sources(data, out)
    states_by_iso3 = {str(o): s for s, o in stated.subject_objects(URIRef(DIPL + "iso3166Alpha3"))}
    rows = csv_rows(sources.raw(IPI_MISSIONS))
    by_mission: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    by_city: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for n, r in rows:
        by_mission[r["Mission"]].append((n, r))
        by_city[r["Mission HQ"]].append((n, r))
    out.add(
        iri("un-peacekeeping"),
        [
            (RDF.type, dipl("MultinationalForce")),
            (RDFS.label, Literal("UN peacekeeping operations", lang="en")),
            (
                RDFS.comment,
                Literal(
                    "All UN peacekeeping operations taken together: IPI's monthly totals per "
                    "contributing country (countries/*.csv) count contributions to them as a "
                    "whole, without naming missions, and data_monthly.csv totals them.",
                    lang="en",
                ),
            ),
            (PROV.wasDerivedFrom, sources.statement("ipi-data-monthly-first", IPI_MONTHLY, 2)),
        ],
        comment="the missions taken together, which per-country monthly totals count towards",
    )
    for mission, spells in sorted(by_mission.items()):
        n, r = spells[0]
        stmt = sources.statement(f"ipi-data-mission-{slug(mission)}", IPI_MISSIONS, n)
        node = iri(f"un-mission-{slug(mission)}")
        pairs: Pairs = [
            (RDF.type, dipl("MultinationalForce")),
            (RDFS.label, Literal(mission, lang="en")),
        ]
        host = states_by_iso3.get(r["Country of Mission ISO-3"])
        if host is not None:
            pairs.append((dipl("hostState"), host))
        place = _headquarters(out, r["Mission HQ"], by_city[r["Mission HQ"]], stmt)
        if place is not None:
            pairs.append((dipl("headquarters"), place))
        pairs.append((PROV.wasDerivedFrom, stmt))
        country = r["Country of Mission"].rstrip("'")  # "South Sudan'" has a stray apostrophe
        out.add(node, pairs, comment=f"{mission}: in {country} ({r['Country of Mission ISO-3']})")
    return out.text()


def _headquarters(
    out: Turtle, name: str, rows: list[tuple[int, dict[str, str]]], stmt: URIRef
) -> URIRef | None:
    """The headquarters city, with coordinates un-swapped: IPI's "Mission HQ Longitude" column
    holds the latitude and "Mission HQ Latitude" the longitude in most rows (and the other way
    round in a few, such as some of Bamako's, so the most frequent pair of the city wins)."""
    pairs = Counter(
        (r["Mission HQ Longitude"], r["Mission HQ Latitude"])
        for _, r in rows
        if r["Mission HQ Longitude"] != "NA"
    )
    if not name or not pairs:
        return None
    latitude, longitude = pairs.most_common(1)[0][0]
    node = iri(f"city-{slug(name)}")
    out.add(
        node,
        [
            (RDF.type, dipl("City")),
            (RDFS.label, Literal(name, lang="en")),
            (schema("latitude"), Literal(latitude, datatype=XSD.decimal)),
            (schema("longitude"), Literal(longitude, datatype=XSD.decimal)),
            (PROV.wasDerivedFrom, stmt),
        ],
    )
    return node


# ---------------------------------------------------------------- CAMEO event codes


def cameo_event_codes(data: Path, stated: Graph) -> str:
    out = Turtle(
        stated,
        "Every CAMEO event code, with its label and Goldstein value (GDELT's lookup files).",
        "shared/data/cameo-codes/CAMEO.{eventcodes,goldsteinscale}.txt",
    )
    labels = _cameo_labels((data / "cameo-codes/CAMEO.eventcodes.txt").read_text("utf-8"))
    scores = {}
    for line in (data / "cameo-codes/CAMEO.goldsteinscale.txt").read_text("utf-8").splitlines()[1:]:
        if line.strip():
            code, score = line.split("\t")[:2]
            scores[code.strip()] = score.strip()
    assert set(labels) == set(scores), set(labels) ^ set(scores)
    scheme = URIRef(CAMEO + "scheme")
    existing = set(stated.subjects(RDF.type, SKOS.Concept))
    seen_labels: set[tuple[str, str]] = {
        (str(s), str(o).casefold())
        for s, o in stated.subject_objects(SKOS.prefLabel)
        if (s, SKOS.inScheme, scheme) in stated
    }
    roots = sorted(c for c in labels if len(c) == 2)
    out.add(
        scheme,
        [(SKOS.hasTopConcept, URIRef(CAMEO + f"C{c}")) for c in roots],
    )
    for code in sorted(labels):
        node = URIRef(CAMEO + f"C{code}")
        if node in existing:
            continue
        label = labels[code]
        if any(lab == label.casefold() for _, lab in seen_labels):
            label = f"{label} ({code})"
        seen_labels.add((str(node), label.casefold()))
        pairs: Pairs = [
            (RDF.type, SKOS.Concept),
            (SKOS.inScheme, scheme),
            (SKOS.notation, Literal(code)),
            (SKOS.prefLabel, Literal(label, lang="en")),
            (SKOS.definition, Literal(f"CAMEO event code {code}: {labels[code]}.", lang="en")),
            (dipl("goldsteinScore"), Literal(scores[code], datatype=XSD.decimal)),
        ]
        if len(code) == 2:
            pairs.append((SKOS.topConceptOf, scheme))
        else:
            parent = code[:-1] if len(code) == 4 else code[:2]
            pairs.append((SKOS.broader, URIRef(CAMEO + f"C{parent}")))
        out.add(node, pairs)
    return out.text()


def _cameo_labels(text: str) -> dict[str, str]:
    """Code -> label of CAMEO.eventcodes.txt, repaired: the line of 1056 also holds 106's row
    (``...engagement106:[-5.0] Demand withdrawal``), one label is mojibake, one has a typo, and
    several end in spaces."""
    labels: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        code, label = line.split("\t", 1)
        merged = re.fullmatch(r"(.*?)(\d{2,4}):\[-?\d+\.\d+\] (.*)", label)
        if merged:
            label = merged.group(1)
            labels[merged.group(2)] = merged.group(3).strip()
        for damaged, repaired in CAMEO_LABEL_REPAIRS.items():
            label = label.replace(damaged, repaired)
        labels[code.strip()] = label.strip()
    return labels


# ---------------------------------------------------------------- all outputs

OUTPUTS: dict[str, Callable[[Path, Graph], str]] = {
    "graph/crosswalk-states.ttl": states,
    "graph/crosswalk-organisations.ttl": organisations,
    "graph/crosswalk-un-missions.ttl": missions,
    "ontology/vocab/cameo-event-codes.ttl": cameo_event_codes,
}


def stated_graph(root: Path) -> Graph:
    """Every triple the other built-in files state (the ontology, vocabularies and graph)."""
    graph = Graph()
    for folder in ("ontology", "graph"):
        for path in sorted((root / folder).rglob("*.ttl")):
            relative = path.relative_to(root).as_posix()
            if relative not in OUTPUT_FILES and path.name != "shapes.ttl":
                graph.parse(path, format="turtle")
    return graph


def build(data: Path, root: Path) -> dict[str, str]:
    """Return the generated files (relative to ``root``) and their texts, in writing order."""
    stated = stated_graph(root)
    texts: dict[str, str] = {}
    for name, make in OUTPUTS.items():
        texts[name] = make(data, stated)
        stated.parse(data=texts[name], format="turtle")  # later files see earlier ones
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--root", type=Path, default=Path())
    args = parser.parse_args()
    for name, text in build(args.data, args.root).items():
        (args.root / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.root / name}")


if __name__ == "__main__":
    main()
