"""Validate the graph: SHACL shapes (rudof's engine, through pyrudof), the
``queries/checks/*-violation.rq`` checks, the evidence check and the duplicate ties.

The checks, the evidence check and the duplicate ties run on the whole store, whatever its
size. The shapes run on the built-in graph and on every loaded file whole if it is small; of a
bigger file they see a sample (up to :data:`SHACL_SAMPLE` resources of each class, each whole:
its triples from every graph, its parts and the types of what it cites), only the results about
resources seen whole are kept, and the report says which files were sampled. pyrudof rather than
pySHACL, and the duplicate ties out of the shapes: ``bench/shacl.py``, ``bench/validate.py``.

A store on disk keeps its report for the state it was made in (``derived/cache/validation.json``,
:func:`~diplograph.store.derived.kept_for_state`), named by that state and by a hash of this
module, the shapes, the checks and the SHACL engine's version, with the size and time of every
file it read (the documents' local copies, the files its lines point into): the next
``validate`` of the same data is that report, read back rather than made again (a first one on
the store of every dataset costs about a minute of CPU: bench/README.md). Any write to the
store, a change to the code, the shapes, a check or a file read makes it out of date;
``fresh=True`` (``validate --fresh``) makes it anew regardless.

>>> from diplograph.store import open_store
>>> report = validate(open_store("memory"))
>>> report.conforms, len(report.violations)
(True, 0)
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlparse
from urllib.request import url2pathname

from rdflib import Graph, URIRef

from diplograph.digest import sha256_hex
from diplograph.iri import curie, local_name
from diplograph.namespaces import DIPL, PREFIXES, RDF, SH
from diplograph.paths import data_root, ontology_dir
from diplograph.queries import QueryResult, list_queries, run_query
from diplograph.store import Store, shapes_graph
from diplograph.store.base import LoadedSource
from diplograph.store.binding import sparql_term, substitute, with_limit
from diplograph.store.derived import KeptForState, kept_for_state
from diplograph.store.files import SHAPES_FILE

__all__ = [
    "SHACL_FULL_LIMIT",
    "SHACL_SAMPLE",
    "ValidationReport",
    "Violation",
    "own_rows",
    "validate",
]

#: loaded files up to this many triples are validated by the shapes whole
SHACL_FULL_LIMIT = 50_000
#: resources of each class taken from a bigger file for the shapes (the checks see everything)
SHACL_SAMPLE = 500


@dataclass(frozen=True)
class Violation:
    """One problem: what is wrong, where, and which shape or check found it."""

    origin: str
    focus: str
    message: str
    path: str = ""
    #: where the focus is stated: ``file:line`` of the loaded file (empty when not found)
    where: str = ""
    #: the offending value, as the shape or check reports it (an IRI for a duplicate tie)
    value: str = ""


@dataclass
class ValidationReport:
    """All violations found; ``conforms`` when there are none."""

    violations: list[Violation] = field(default_factory=list)
    shapes_run: int = 0
    checks_run: int = 0
    #: files the shapes saw only a sample of: (file, resources sampled, resources in it)
    sampled: list[tuple[str, int, int]] = field(default_factory=list)
    #: quoted documents whose local copy was not found, so their quotes went unchecked
    unchecked: list[str] = field(default_factory=list)
    #: statements whose quotes were checked against their document
    quotes_checked: int = 0
    #: the triples validated (None when not counted: ``validate(graph=...)``)
    triples: int | None = None
    #: when the report was made (UTC, ISO 8601, to the second)
    made: str = ""
    #: whether it is the report the store kept for its present state, read back, not made now
    kept: bool = False
    #: the files it read (local copies of documents, files its lines point into) -> (size,
    #: mtime in ns), (-1, -1) when missing: a kept report is out of date when one changes
    files_read: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def conforms(self) -> bool:
        return not self.violations


def _short(text: str | None) -> str:
    """A CURIE for an IRI of ours; the lexical form of an N-Triples-style literal."""
    if not text:
        return ""
    if text.startswith('"'):
        return text[1 : text.rfind('"')]
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return curie(text) or text


def _shape_names(shapes: Graph) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """(path, message) -> node shape, and path -> node shapes, to name a property shape's parent
    (pyrudof reports property shapes by blank node ids of its own)."""
    by_message: dict[tuple[str, str], str] = {}
    by_path: dict[str, set[str]] = defaultdict(set)
    for node_shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        for property_shape in shapes.objects(node_shape, SH.property):
            path = shapes.value(property_shape, SH.path)
            if path is None:
                continue
            by_path[str(path)].add(str(node_shape))
            for message in shapes.objects(property_shape, SH.message):
                by_message[(str(path), str(message))] = str(node_shape)
    return by_message, by_path


_RUDOF_MESSAGE = re.compile(r"^\w+\(.*\) not satisfied$|^\w+ not satisfied$", re.DOTALL)
#: constraint component -> (the shape's parameter, what a violation of it means)
_WORDS = {
    "MinCountConstraintComponent": (SH.minCount, "needs at least {n} {path}"),
    "MaxCountConstraintComponent": (SH.maxCount, "has more {path} values than {n}"),
    "DatatypeConstraintComponent": (SH.datatype, "{path} is not of the datatype {n}"),
    "ClassConstraintComponent": (SH["class"], "{path} is not an instance of {n}"),
    "PatternConstraintComponent": (SH.pattern, "{path} does not match the pattern {n}"),
    "MinInclusiveConstraintComponent": (SH.minInclusive, "{path} is below {n}"),
    "MaxInclusiveConstraintComponent": (SH.maxInclusive, "{path} is above {n}"),
    "NodeKindConstraintComponent": (SH.nodeKind, "{path} is not of the node kind {n}"),
    "UniqueLangConstraintComponent": (SH.uniqueLang, "has two {path} values in one language"),
    "HasValueConstraintComponent": (SH.hasValue, "{path} lacks the value {n}"),
    "InConstraintComponent": (SH["in"], "{path} is not one of the values allowed"),
    "NodeConstraintComponent": (SH.node, "{path} does not conform to {n}"),
}


def _in_words(shapes: Graph, component: str, path: str, fallback: str) -> str:
    """What a shape result without a message of ours means, with the shape's own parameter:
    "needs at least 1 schema:unitText" rather than the engine's "MinCount(1) not satisfied"."""
    name = local_name(component)
    if name not in _WORDS:
        return fallback
    parameter, words = _WORDS[name]
    values = {
        shapes.value(shape, parameter)
        for shape in shapes.subjects(SH.path, URIRef(path) if path else None)
        if path and shapes.value(shape, parameter) is not None
    }
    value = next(iter(values)) if len(values) == 1 else None
    shown = _short(str(value)) if isinstance(value, URIRef) else (str(value) if value else "?")
    sentence = words.format(n=shown, path=_short(path) or "value")
    return sentence[0].upper() + sentence[1:] + "."


def shacl_violations(data: Graph, shapes: Graph) -> list[Violation]:
    """The SHACL results of ``data`` against the shapes (``ontology/shapes.ttl``)."""
    with tempfile.TemporaryDirectory() as folder:
        data_file = Path(folder) / "data.nt"
        data.serialize(data_file, format="nt", encoding="utf-8")
        return _file_violations(data_file, shapes)


def _file_violations(data_file: Path, shapes: Graph) -> list[Violation]:
    """The SHACL results of the N-Triples file ``data_file`` against ``shapes``."""
    import pyrudof

    with tempfile.TemporaryDirectory() as folder:
        shapes_file = Path(folder) / "shapes.ttl"
        shapes.serialize(shapes_file, format="turtle", encoding="utf-8")
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_data(str(data_file), format=pyrudof.RDFFormat.NTriples)
        rudof.read_shacl(str(shapes_file))
        results = list(rudof.validate_shacl())
    by_message, by_path = _shape_names(shapes)
    found = []
    for result in results:
        path = result.path or ""
        message = (result.message or "does not conform").strip().strip('"')
        if _RUDOF_MESSAGE.match(message):  # the engine's own words: say it in ours
            message = _in_words(shapes, result.constraint_component or "", path, message)
        shape = result.source_shape or ""
        if not shape.startswith("http"):  # a property shape: name its node shape
            parents = by_path.get(path, set())
            shape = by_message.get((path, message)) or (
                next(iter(parents)) if len(parents) == 1 else ""
            )
        value = ""
        if result.value and result.value.strip("<>") != result.focus_node:
            value = result.value.strip("<>") if result.value.startswith("<") else result.value
            message += f" (value: {_short(result.value)})"
        found.append(
            Violation(
                origin=f"SHACL {_short(shape) or 'shape'}",
                focus=_short(result.focus_node),
                message=message,
                path=_short(path),
                value=value,
            )
        )
    return sorted(set(found), key=lambda v: (v.focus, v.origin, v.message))


def own_rows(store: Store, result: QueryResult) -> QueryResult:
    """``result`` less the rows about a resource (its first column) that only a SPARQL server's
    own graphs mention (Virtuoso keeps some 5,000 triples of its own in the union): they are
    not diplograph's to check."""
    firsts = [str(row[0]) for row in result.rows if row and isinstance(row[0], URIRef)]
    unowned = store.unowned(firsts) if firsts else set()
    if unowned:
        result.rows = [row for row in result.rows if not row or str(row[0]) not in unowned]
    return result


def check_violations(store: Store) -> tuple[int, list[Violation]]:
    """Rows of every ``checks/*-violation`` query; each row is a violation.

    Two checks run at a time where the store's engine runs queries side by side (faster on two
    cores: bench/README.md, "Figures that were comments").
    """
    checks = [q for q in list_queries() if q.is_check]
    with store.query_pool() as pool:
        results = list(pool.map(lambda check: own_rows(store, run_query(store, check)), checks))
    found = []
    for check, result in zip(checks, results, strict=True):
        for record in result.records():
            problem = record.pop("problem", None) or check.summary
            values = [
                _short(v) if isinstance(v, URIRef) else str(v)
                for v in record.values()
                if v is not None
            ]
            found.append(
                Violation(
                    origin=f"check {check.name}",
                    focus=values[0] if values else "",
                    message=f"{problem}" + (f" ({', '.join(values[1:])})" if values[1:] else ""),
                )
            )
    return len(checks), found


#: the graph and class are substituted (constants), not bound: a graph given by VALUES lost the
#: engine's index, and a class of one graph was looked for among every graph's (bench/README.md)
_CLASSES = "SELECT ?class (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?x a ?class } } GROUP BY ?class"
_FOCUS = "SELECT ?x WHERE { GRAPH ?g { ?x a ?class } FILTER(isIRI(?x)) }"
#: the types of the statements that the graphs seen whole cite (aggregated ties cite the rows of
#: a big event file, which may be sampled): so that sh:class sees them
_CITED_TYPES = (
    "CONSTRUCT { ?o a ?type } WHERE { GRAPH ?g { ?x prov:wasDerivedFrom ?o } ?o a ?type }"
)
_SUBJECT_GRAPHS = "SELECT ?focus ?g WHERE { GRAPH ?g { ?focus ?p ?o } }"


def _sample_query(shapes: Graph) -> str:
    """A sampled resource ?x whole: its own triples from every graph, the types of what it
    points to, and the whole of the nodes a shape checks as parts of it (the paths of shapes
    with ``sh:node``: its quantity) and of the statements it cites.

    The paths are written in as terms (:func:`sparql_term`): a list of constants in ``IN``
    has no ``VALUES`` form that would not multiply the rows.
    """
    paths = set()
    for property_shape in shapes.subjects(SH.node, None):
        path = shapes.value(property_shape, SH.path)
        if isinstance(path, URIRef):
            paths.add(sparql_term(path))
    parts = "".join(f", {path}" for path in sorted(paths))
    return f"""
CONSTRUCT {{ ?x ?p ?o . ?o ?q ?v }} WHERE {{
  ?x ?p ?o .
  OPTIONAL {{ ?o ?q ?v . FILTER(isBlank(?o) || ?q = rdf:type
                                || ?p IN (prov:wasDerivedFrom{parts})) }}
}}"""


@dataclass
class _ShapesData:
    """What the shapes saw: the graphs seen whole, and the resources sampled from the others
    (None when every graph was seen whole)."""

    whole: list[str]
    sampled: set[str] | None


def _shacl_data(
    store: Store,
    sources: list[LoadedSource],
    report: ValidationReport,
    shapes: Graph,
    out: TextIO,
) -> _ShapesData:
    """Write the graph the shapes see to ``out`` as N-Triples: the built-in graph and small files
    whole (as the engine writes them), and of bigger files a sample of resources, each whole.

    Loaded files are seen whole while they fit in SHACL_FULL_LIMIT triples altogether, smallest
    first (an import of 154 small files is as big as one big file); the others share a sample
    of SHACL_SAMPLE resources per class.
    """
    whole, room = [], SHACL_FULL_LIMIT
    for source in sorted(sources, key=lambda s: (not s.builtin, s.triples)):
        if source.builtin or source.triples <= room:
            whole.append(source)
            room -= 0 if source.builtin else source.triples
    for source in whole:
        out.write(store.graph_ntriples(source.graph))
        out.write("\n")
    seen = _ShapesData([source.graph for source in whole], None)
    big = [s for s in sources if s not in whole]
    if not big:
        return seen
    every: list[URIRef] = []
    sample = _sample_query(shapes)
    share = max(1, SHACL_SAMPLE // len(big))
    for source in big:
        graph = URIRef(source.graph)
        classes = store.query(substitute(_CLASSES, {"g": graph})).rows
        # up to ``share`` resources of each class, in one query for the file
        parts = [
            "{ " + with_limit(substitute(_FOCUS, {"g": graph, "class": row[0]}), share) + " }"
            for row in classes
            if isinstance(row[0], URIRef)
        ]
        focus: list[URIRef] = []
        if parts:
            rows = store.query(f"SELECT ?x WHERE {{ {' UNION '.join(parts)} }}").rows
            focus.extend(r[0] for r in rows if isinstance(r[0], URIRef))
        every.extend(focus)
        total = sum(int(str(row[1])) for row in classes)
        report.sampled.append((source.title, len(focus), total))
    # every file's sample at once, 500 resources a query
    for start in range(0, len(every), 500):
        part = store.query(sample, {"x": every[start : start + 500]}).graph
        if part is not None:
            out.write(part.serialize(format="nt", encoding="utf-8").decode("utf-8"))
    seen.sampled = {str(x) for x in every}
    cited = store.query(_CITED_TYPES, {"g": [URIRef(g) for g in seen.whole]}).graph
    if cited is not None:
        out.write(cited.serialize(format="nt", encoding="utf-8").decode("utf-8"))
    return seen


def _seen_whole(store: Store, found: list[Violation], seen: _ShapesData) -> list[Violation]:
    """The results about resources the shapes saw whole: stated in a graph seen whole, or
    sampled (a sampled resource's neighbours were seen only in part)."""
    if seen.sampled is None:
        return found
    whole = set(seen.whole)
    focuses = sorted({iri for v in found if (iri := _expand(v.focus))} - seen.sampled)
    complete = set(seen.sampled)
    for start in range(0, len(focuses), 500):
        batch = [URIRef(iri) for iri in focuses[start : start + 500]]
        for focus, graph in store.query(_SUBJECT_GRAPHS, {"focus": batch}).rows:
            if str(graph) in whole:
                complete.add(str(focus))
    return [v for v in found if _expand(v.focus) in complete]


#: what tells two ties of one type between the same actors apart besides their time: the level
#: of a representation, the alliance and phase of a membership, the session and issue of a vote
TIE_QUALIFIERS = (
    DIPL.representationLevel,
    DIPL.inAlliance,
    DIPL.alliancePhase,
    DIPL.unSession,
    DIPL.votingIssue,
)
#: the ties that share their type, actors, status (or none) and qualifiers with another, each
#: group one row listing its ties with their times ("tie first last", a line each; a time known
#: within bounds counts from its latest begin to its earliest end; a blank node "_:"): the engine
#: groups, and only the groups of more than one tie are written out (writing out every tie cost
#: more than the grouping on the store of every dataset: bench/README.md). Each link is read in
#: one pass and joined by hash (tie by tie, the OPTIONALs cost 4 times more).
_QUALIFIER_LINKS = "".join(
    f"  OPTIONAL {{ SELECT ?tie ?q{n} WHERE {{ ?tie {sparql_term(q)} ?q{n} }} }}\n"
    for n, q in enumerate(TIE_QUALIFIERS)
)
_TIE_GROUPS = (
    """
SELECT (GROUP_CONCAT(CONCAT(IF(isIRI(?tie), STR(?tie), "_:"), " ",
                            COALESCE(STR(?begin), STR(?latestBegin), "-"), " ",
                            COALESCE(STR(?end), STR(?earliestEnd), "-")); SEPARATOR="\\n")
        AS ?ties)
WHERE {
  { SELECT ?tie ?type WHERE { ?tie dipl:tieType ?type } }
  { SELECT ?tie ?from WHERE { ?tie dipl:fromActor ?from } }
  { SELECT ?tie ?to WHERE { ?tie dipl:toActor ?to } }
  OPTIONAL { SELECT ?tie ?status WHERE { ?tie dipl:status ?status } }
  OPTIONAL { SELECT ?tie ?begin WHERE { ?tie sem:hasBeginTimeStamp ?begin } }
  OPTIONAL { SELECT ?tie ?end WHERE { ?tie sem:hasEndTimeStamp ?end } }
  OPTIONAL { SELECT ?tie ?latestBegin WHERE { ?tie sem:hasLatestBeginTimeStamp ?latestBegin } }
  OPTIONAL { SELECT ?tie ?earliestEnd WHERE { ?tie sem:hasEarliestEndTimeStamp ?earliestEnd } }
"""
    + _QUALIFIER_LINKS
    + "}\nGROUP BY ?type ?from ?to ?status "
    + " ".join(f"?q{n}" for n in range(len(TIE_QUALIFIERS)))
    + "\nHAVING (COUNT(*) > 1)"
)
_DOCUMENTS = "SELECT ?tie ?document WHERE { ?tie prov:wasDerivedFrom/prov:wasQuotedFrom ?document }"
DUPLICATE_TIE = (
    "Duplicate tie: another tie from the same source document has the same type, the same "
    "actors, the same status, the same qualifiers (level, alliance, phase, session, issue) and a "
    "time that overlaps (or no time)."
)


def _day(text: str, missing: str) -> str:
    """A time stamp's text as an ISO day to compare (a date and a dateTime of one day are the
    same day); ``missing`` (before or after every day) for "-", no time."""
    return missing if text == "-" else text[:10]


def _overlapping(store: Store) -> set[tuple[str, str]]:
    """Pairs of ties (each pair both ways) of one type, actors, status and qualifiers whose times
    overlap (a tie with two values of a qualifier is compared under each).

    A time known only within bounds (a run of snapshots) counts from its latest begin to its
    earliest end: what was observed. Sorted by begin, each tie meets only those still open.
    """
    _, rows = store.select_values(_TIE_GROUPS)
    pairs: set[tuple[str, str]] = set()
    for (listed,) in rows:
        ties = []
        for line in str(listed).split("\n"):
            tie, first, last = line.rsplit(" ", 2)
            if tie != "_:":  # a blank node has no name to report it by, or to tell it apart
                ties.append((_day(first, ""), _day(last, "\uffff"), tie))
        ties.sort()
        open_ties: list[tuple[str, str, str]] = []
        for begin, end, tie in ties:
            # a tie that ended before this one began overlaps no later one either
            open_ties = [t for t in open_ties if t[1] >= begin]
            for other_begin, _, other in open_ties:
                if other != tie and other_begin <= end:
                    pairs.update({(tie, other), (other, tie)})
            open_ties.append((begin, end, tie))
    return pairs


def _values_of(store: Store, text: str, ties: list[str]) -> dict[str, set[tuple[str, ...]]]:
    """Tie -> the rest of each row ``text`` gives for it (``?tie`` bound, 500 ties a query)."""
    found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for start in range(0, len(ties), 500):
        batch: list[URIRef] = [URIRef(tie) for tie in ties[start : start + 500]]
        _, rows = store.select_values(text, {"tie": batch})
        for tie, *rest in rows:
            found[str(tie)].add(tuple(str(value) for value in rest))
    return found


def duplicate_ties(store: Store) -> list[Violation]:
    """Every tie that repeats another, over the whole store: the same type, actors and status
    (or none), the same qualifiers (:data:`TIE_QUALIFIERS`), a source document in common (or
    neither citing any), and times that overlap (a missing begin or end is open; bounds count as
    in :func:`_overlapping`).

    Ties resting on different documents are one claim per source (Wikidata's and a curated
    relation of one pair), not duplicates. Done here rather than as a SHACL or SPARQL rule:
    compared pairwise, the ties of one pair of actors are a join of thousands by thousands on a
    store of real data (bench/README.md). The engine groups the ties; only those whose times
    overlap are then looked up for their documents. Each duplicate is reported from both ties.
    """
    pairs = _overlapping(store)
    if not pairs:
        return []
    ties = sorted({tie for pair in pairs for tie in pair})
    documents = _values_of(store, _DOCUMENTS, ties)
    empty: set[tuple[str, ...]] = set()
    kept = sorted(
        (tie, other)
        for tie, other in pairs
        if documents.get(tie, empty) & documents.get(other, empty)
        or not (documents.get(tie) or documents.get(other))
    )
    return [
        Violation(
            "check duplicate ties",
            _short(tie),
            f"{DUPLICATE_TIE} (value: {_short(other)})",
            value=other,
        )
        for tie, other in kept
    ]


_QUOTED = """
SELECT ?statement ?quote ?line ?document ?isDataset ?sha ?copy ?copyGraph WHERE {
  # only documents with a local copy can be checked: starting from them reads their statements
  # alone, not every quote in the store
  GRAPH ?copyGraph { ?document dipl:localCopy ?copy }
  ?statement prov:wasQuotedFrom ?document ;
             dipl:quote ?quote .
  OPTIONAL { ?statement dipl:lineNumber ?line }
  OPTIONAL { ?document a ?datasetClass . FILTER(?datasetClass = schema:Dataset) }
  BIND(BOUND(?datasetClass) AS ?isDataset)
  OPTIONAL { ?document dipl:sha256 ?sha }
}"""


def _source_files(sources: list[LoadedSource]) -> dict[str, Path]:
    """Named graph -> the RDF file it was loaded from (relative paths in it resolve beside it)."""
    files = {}
    for source in sources:
        if source.builtin:
            files[source.graph] = data_root() / source.title
        elif source.source.startswith("file:"):
            files[source.graph] = Path(url2pathname(urlparse(source.source).path))
    return files


def _line_of(text: str, quote: str, line: int | None, dataset: bool) -> tuple[bool, int | None]:
    """Whether ``quote`` is where the statement says, and the line it was found on if elsewhere.

    A sentence is within its line; a dataset row is the whole line, or its first fields up to a
    separator (a row's named columns without the spreadsheet debris after them).
    """
    lines = text.splitlines()

    def matches(candidate: str) -> bool:
        if not dataset:
            return quote in candidate
        row = candidate.strip()
        return row == quote.strip() or any(row.startswith(quote + sep) for sep in ",\t;|")

    if line is not None and 1 <= line <= len(lines) and matches(lines[line - 1]):
        return True, line
    found = next((n for n, candidate in enumerate(lines, 1) if matches(candidate)), None)
    return (line is None and found is not None), found


def check_evidence(store: Store, report: ValidationReport) -> list[Violation]:
    """Every quoted statement whose document has a local copy: the copy's hash is the one stated,
    and the quote is on the stated line, verbatim (a dataset row: the whole line)."""
    files = _source_files(store.sources())
    rows = store.select_values(_QUOTED)[1]
    texts: dict[str, tuple[str | None, str]] = {}  # document -> (text or None, problem)
    found = []
    for statement, quote, line, document, is_dataset, sha, copy, copy_graph in rows:
        if document not in texts:
            base = files.get(str(copy_graph))
            path = (base.parent / str(copy)) if base is not None else Path(str(copy))
            _note_file(report, path)
            try:
                raw = path.resolve().read_bytes()
            except OSError:
                texts[document] = (None, "")
                report.unchecked.append(f"{_short(document)} ({path})")
                continue
            digest = sha256_hex(raw)
            problem = ""
            if sha is not None and digest != str(sha):
                problem = f"its local copy {path} has SHA-256 {digest[:12]}…, not {str(sha)[:12]}…"
            texts[document] = (raw.decode("utf-8", errors="replace"), problem)
        text, problem = texts[document]
        if text is None:
            continue
        report.quotes_checked += 1
        if problem:
            found.append(Violation("evidence check", _short(statement), f"The document {problem}."))
            continue
        ok, at = _line_of(
            text, str(quote), line if isinstance(line, int) else None, bool(is_dataset)
        )
        if ok:
            continue
        kind = "is not a row of the dataset" if is_dataset else "does not appear in the document"
        if at is not None:
            message = f"The quote is on line {at} of {_short(document)}, not on line {line}."
        else:
            message = f"The quote {kind} {_short(document)} (checked verbatim)."
            if is_dataset and any(str(quote) in candidate for candidate in text.splitlines()):
                message = (
                    f"The quote is part of a line of the dataset {_short(document)}, not a whole "
                    "row: a dataset statement quotes its row."
                )
        found.append(Violation("evidence check", _short(statement), message, "dipl:quote"))
    return found


#: violations located at most (a file with thousands of them needs no more to be fixed)
LOCATE_AT_MOST = 5_000


def _locate(store: Store, violations: list[Violation], report: ValidationReport) -> list[Violation]:
    """The violations with ``where`` set to the file and line that state their focus (the files
    read noted in ``report``)."""
    files = _source_files(store.sources())
    focuses = sorted({iri for v in violations[:LOCATE_AT_MOST] if (iri := _expand(v.focus))})
    graph_of: dict[str, str] = {}
    for start in range(0, len(focuses), 500):
        batch = [URIRef(iri) for iri in focuses[start : start + 500]]
        for focus, graph in store.query(_SUBJECT_GRAPHS, {"focus": batch}).rows:
            graph_of.setdefault(str(focus), str(graph))
    # a claim imported from a table: the row its statement quotes is its line in that file
    row_of: dict[str, int] = {}
    for start in range(0, len(focuses), 500):
        batch = [URIRef(iri) for iri in focuses[start : start + 500]]
        for focus, row_line in store.query(_ROW_LINES, {"focus": batch}).rows:
            if row_line is not None and str(row_line).isdigit():
                row_of.setdefault(str(focus), int(str(row_line)))
    lines_of: dict[Path, dict[str, int]] = {}
    located = []
    for violation in violations:
        iri = _expand(violation.focus)
        path = files.get(graph_of.get(iri or "", ""))
        if iri is None or path is None:
            located.append(violation)
            continue
        if path not in lines_of:
            if _is_rdf(path):
                _note_file(report, path)
            lines_of[path] = _first_lines(path) if _is_rdf(path) else {}
        line = lines_of[path].get(iri) or lines_of[path].get(violation.focus)
        if not line and not _is_rdf(path):
            line = row_of.get(iri)
        where = f"{path}:{line}" if line else str(path)
        located.append(replace(violation, where=where))
    return located


_ROW_LINES = (
    "SELECT ?focus ?line WHERE { ?focus prov:wasDerivedFrom ?s . ?s dipl:lineNumber ?line }"
)


def _is_rdf(path: Path) -> bool:
    """Whether ``path`` is an RDF file (whose lines state resources), not a table it came from."""
    return path.suffix.lower() in {".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".owl", ".xml"}


def _first_lines(path: Path) -> dict[str, int]:
    """The first token of each line (an IRI in full or a CURIE) -> the first line it starts."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        token = line.split(maxsplit=1)[0] if line.strip() else ""
        token = token[1:-1] if token.startswith("<") and token.endswith(">") else token
        if token and not token.startswith(("#", "@", "PREFIX", "prefix")):
            found.setdefault(token, number)
    return found


def _expand(focus: str) -> str | None:
    if focus.startswith(("http://", "https://", "urn:")):
        return focus
    prefix, _, local = focus.partition(":")
    namespace = PREFIXES.get(prefix)
    return str(namespace) + local if namespace is not None and local else None


def validate(
    store: Store,
    shapes: Graph | None = None,
    *,
    graph: str | None = None,
    replacing: tuple[str, ...] = (),
    fresh: bool = False,
) -> ValidationReport:
    """Run the SHACL shapes, the evidence checks and the violation checks on ``store``.

    With ``graph``, only problems of resources stated in that named graph are kept (how
    ``load --validate`` judges one file), and a tie duplicating one of the ``replacing`` graphs
    (the earlier load of the same file) is no duplicate.

    With the built-in shapes and no ``graph``, a store on disk gives back the report it keeps for
    its present state when it has one (``kept`` is True), unless ``fresh``; a report made now is
    kept by a writable open (see the module's documentation).
    """
    keeps = shapes is None and graph is None and store.own_folder() is not None
    keeping = kept_for_state(store, "validation", _maker()) if keeps else None
    if keeping is not None and not fresh:
        kept = _kept_report(keeping)
        if kept is not None:
            return kept
    report = _run(store, shapes, graph, replacing)
    if keeping is not None and store.writable:
        keeping.keep(_report_json(report))
    return report


def _run(
    store: Store, shapes: Graph | None, graph: str | None, replacing: tuple[str, ...]
) -> ValidationReport:
    """A report made now (see :func:`validate`)."""
    shapes = shapes if shapes is not None else shapes_graph()
    made = datetime.now(UTC).replace(microsecond=0).isoformat()
    report = ValidationReport(made=made)
    # the checks (engine time) run while the shapes and the evidence check (mostly Python) do
    with ThreadPoolExecutor(1) as pool:
        checked = pool.submit(check_violations, store) if store.parallel_queries else None
        with tempfile.TemporaryDirectory() as folder:
            data_file = Path(folder) / "data.nt"
            with data_file.open("w", encoding="utf-8") as out:
                seen = _shacl_data(store, store.sources(), report, shapes, out)
            found = _file_violations(data_file, shapes)
        report.violations.extend(_seen_whole(store, found, seen))
        report.shapes_run = len(set(shapes.subjects(RDF.type, SH.NodeShape)))
        report.violations.extend(check_evidence(store, report))
        report.violations.extend(duplicate_ties(store))
        report.checks_run, checks = checked.result() if checked else check_violations(store)
    report.checks_run += 1  # the duplicate ties
    report.violations.extend(checks)
    if graph is not None:
        report.violations = _in_graph(store, report.violations, graph, replacing)
    else:
        report.triples = len(store)
    report.violations = _locate(store, report.violations, report)
    return report


#: the layout of a kept report; a change to it makes kept reports out of date
_KEPT_FORMAT = 1


def _maker() -> str:
    """A hash of what makes a report: this module, the shapes, every check (name and text) and
    the SHACL engine's version."""
    parts = [
        f"format {_KEPT_FORMAT}".encode(),
        Path(__file__).read_bytes(),
        (ontology_dir() / SHAPES_FILE).read_bytes(),
        metadata.version("pyrudof").encode("utf-8"),
    ]
    for check in list_queries():
        if check.is_check:
            parts += [b"\0", check.name.encode("utf-8"), b"\0", check.text.encode("utf-8")]
    return sha256_hex(b"".join(parts))[:16]


def _note_file(report: ValidationReport, path: Path) -> None:
    """Note in ``report`` that it read ``path`` (its size and time now; missing: -1, -1)."""
    key = str(path.resolve())
    if key not in report.files_read:
        try:
            found = path.resolve().stat()
            report.files_read[key] = (found.st_size, found.st_mtime_ns)
        except OSError:
            report.files_read[key] = (-1, -1)


def _report_json(report: ValidationReport) -> dict[str, Any]:
    """``report`` as JSON to keep (see :func:`_kept_report`)."""
    value = asdict(report)
    value["violations"] = [list(asdict(v).values()) for v in report.violations]
    value["files_read"] = [[path, *stamp] for path, stamp in report.files_read.items()]
    value.pop("kept")
    return value


def _kept_report(keeping: KeptForState) -> ValidationReport | None:
    """The report kept for the store's present state, if every file it read is as it was then;
    None when there is none, or it is out of date or not of this layout."""
    found = keeping.read()
    try:
        if not isinstance(found, dict):
            return None
        files = {str(p): (int(size), int(time)) for p, size, time in found["files_read"]}
        for path, stamp in files.items():
            try:
                now = Path(path).stat()
                if (now.st_size, now.st_mtime_ns) != stamp:
                    return None
            except OSError:
                if stamp != (-1, -1):
                    return None
        violations = [Violation(*(str(part) for part in v)) for v in found["violations"]]
        sampled = [(str(f), int(n), int(total)) for f, n, total in found["sampled"]]
        triples = found["triples"]
        return ValidationReport(
            violations=violations,
            shapes_run=int(found["shapes_run"]),
            checks_run=int(found["checks_run"]),
            sampled=sampled,
            unchecked=[str(u) for u in found["unchecked"]],
            quotes_checked=int(found["quotes_checked"]),
            triples=None if triples is None else int(triples),
            made=str(found["made"]),
            kept=True,
            files_read=files,
        )
    except (KeyError, TypeError, ValueError):
        return None


_IN_GRAPH = "ASK WHERE { GRAPH ?g { ?focus ?p ?o } }"


def _in_graph(
    store: Store, violations: list[Violation], graph: str, replacing: tuple[str, ...]
) -> list[Violation]:
    kept = []
    for violation in violations:
        iri = _expand(violation.focus)
        if iri is None:
            continue
        if not store.query(_IN_GRAPH, {"g": URIRef(graph), "focus": URIRef(iri)}).boolean:
            continue
        if violation.value and any(
            store.query(_IN_GRAPH, {"g": URIRef(old), "focus": URIRef(violation.value)}).boolean
            for old in replacing
        ):
            continue  # the "duplicate" is the earlier load of the same file
        kept.append(violation)
    return kept
