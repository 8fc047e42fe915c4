"""Every query parses and runs; parameters are bound safely and checked; checks find nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import diplograph
from diplograph.api import KnowledgeGraph
from diplograph.errors import QueryError, UnknownNameError
from diplograph.namespaces import TS
from diplograph.queries import list_queries, load_query, run_query
from diplograph.queries.catalog import NamedQuery, check_syntax, parse_header
from diplograph.queries.results import shown_columns
from diplograph.store.binding import bind

from .conftest import DATASET_FIXTURES

ALL = list_queries()
CHECKS = [q for q in ALL if q.is_check]
HOSTILE = [
    "} ; ?s ?p ?o",
    '" } UNION { ?s ?p ?o } #',
    "x' || true || '",
    "<x> ?p ?o } {",
    "\\u0022",
]


def test_there_are_queries_and_checks() -> None:
    names = {q.name for q in ALL}
    assert {
        "troop-contributors",
        "police-trainers",
        "ego-network",
        "ties-between",
        "common-partners",
        "evidence",
        "ties-by-type",
        "edges",
    } <= names
    assert len(CHECKS) >= 6


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_query_has_header_parses_and_runs(
    kg: KnowledgeGraph, imported_kg: KnowledgeGraph, query: object
) -> None:
    """Every query runs with its defaults and answers: on the seed graph, or, for a query whose
    header names the import it needs (``#+ data: atop``), on that dataset's fixture of real rows."""
    from diplograph.queries import NamedQuery

    assert isinstance(query, NamedQuery)
    assert query.summary, f"{query.path} has no '#+ summary:' line"
    dataset = query.extra.get("data")
    if dataset is not None:
        assert dataset in DATASET_FIXTURES, f"{query.name} needs {dataset}, which has no fixture"
        assert len(run_query(kg.store, query)) == 0  # no such data in the built-in graph
        assert len(run_query(imported_kg.store, query)) > 0, f"{query.name}: nothing on {dataset}"
        return
    result = run_query(kg.store, query)  # with its defaults
    if query.is_check:
        assert result.records() == [], f"check {query.name} found violations"
        assert run_query(imported_kg.store, query).records() == [], (
            f"check {query.name} found violations in the imported fixtures"
        )
    else:
        assert len(result) > 0, f"{query.name} returned nothing on the seed graph"


@pytest.mark.parametrize("query", [q for q in ALL if not q.is_check], ids=lambda q: q.name)
def test_default_parameters_resolve(kg: KnowledgeGraph, query: object) -> None:
    from diplograph.queries import NamedQuery

    assert isinstance(query, NamedQuery)
    result = kg.query(query)
    assert set(result.bindings) == {p.name for p in query.params if p.default}


def test_header_keeps_the_file_valid_sparql_and_reads_continuations() -> None:
    text = (
        "#+ summary: one\n#+   two\n#+ param: a actor = Morocco -- the actor\n"
        "#+ param: when date\nSELECT * WHERE { ?s ?p ?o }\n#+ summary: ignored after the query\n"
    )
    header = parse_header(text)
    assert header["summary"] == ["one two"]
    assert header["param"] == ["a actor = Morocco -- the actor", "when date"]


def test_actor_parameter_accepts_label_alias_code_curie_and_iri(kg: KnowledgeGraph) -> None:
    expected = ["Albania", "Indonesia", "Kazakhstan", "Kosovo", "Morocco"]
    for name in (
        "ISF",
        "International Stabilization Force",
        "d:isf",
        "https://w3id.org/diplograph/id/isf",
        "<https://w3id.org/diplograph/id/isf>",
    ):
        assert (
            sorted(kg.query("troop-contributors", force=name).column("contributorLabel"))
            == expected
        )
    morocco = URIRef("https://w3id.org/diplograph/id/morocco")
    for name in ("Morocco", "morocco", "MAR", "MOR", "المغرب", "Rabat"):
        assert kg.actor(name) == morocco


def test_unknown_actor_names_the_nearest_actors(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnknownNameError) as caught:
        kg.query("evidence", actor="Marocco")
    assert "Marocco" in str(caught.value)
    assert "morocco" in str(caught.value).lower()


def test_unknown_parameter_lists_the_known_ones(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"no parameter 'country'.*force, status"):
        kg.query("troop-contributors", country="Morocco")


def test_unknown_query_suggests_a_name(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="Did you mean troop-contributors"):
        kg.query("troop-contributor")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_parameter_cannot_change_the_query(kg: KnowledgeGraph, value: str) -> None:
    result = kg.query("search-actors", text=value)
    assert result.variables == ["actor", "label", "kindLabel", "matchedName"]
    assert result.rows == []  # bound as a literal: it matches no name, and adds no pattern
    assert result.bindings == {"text": Literal(value)}
    assert len(kg.query("search-actors", text="mor")) > 0


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_actor_or_date_parameter_is_refused(kg: KnowledgeGraph, value: str) -> None:
    with pytest.raises(UnknownNameError):
        kg.query("ego-network", actor=value)
    with pytest.raises(QueryError, match="is not a date"):
        kg.query("edges", asOf=value)


@pytest.mark.parametrize("query", [q for q in ALL if q.params], ids=lambda q: q.name)
def test_binding_only_adds_values_blocks(query: NamedQuery) -> None:
    """Binding a query's defaults changes its text by VALUES blocks alone: every other character
    of the file reaches the store as written."""
    bindings = {name: URIRef("https://example.org/x") for name in (p.name for p in query.params)}
    bound = bind(query.text, bindings)
    assert bound != query.text
    assert re.sub(r" VALUES \?\w+ \{ <https://example.org/x> \}", "", bound) == query.text


def test_as_of_keeps_undated_ties_and_drops_ties_not_yet_begun(kg: KnowledgeGraph) -> None:
    king = "https://w3id.org/diplograph/id/tie-mohammed-vi-king-of-morocco"
    every = {str(t) for t in kg.query("edges").column("tie")}
    before = {str(t) for t in kg.query("edges", asOf="1990-01-01").column("tie")}
    after = {str(t) for t in kg.query("edges", asOf="2000-01-01").column("tie")}
    assert king in every
    assert king in after
    assert king not in before
    # undated ties are kept at any date, as unknown; ties to states that did not exist yet
    # (Kazakhstan and Kosovo, by their COW membership) are not in force, nor are Morocco's
    # contributions to UN missions in March 2014 (IPI, dated 2014-03-01..2014-03-31)
    d = "https://w3id.org/diplograph/id/"
    late = {d + "tie-kazakhstan-isf-troops", d + "tie-kosovo-isf-troops"}
    missions = {
        d + "pk-morocco-un-mission-monusco-2014-03-troops",
        d + "pk-morocco-un-mission-monusco-2014-03-experts",
        d + "pk-morocco-un-mission-unoci-2014-03-troops",
    }
    assert missions <= every
    assert not missions & after
    assert every - {king} - late - missions == before
    assert set(kg.query("edges", asOf="1990-01-01").column("inForce")) == {None}


def test_ego_network_constructs_ties_of_the_actor(kg: KnowledgeGraph) -> None:
    result = kg.query("ego-network", actor="Israel")
    assert result.graph is not None
    from rdflib.namespace import RDF

    from diplograph.namespaces import DIPL

    ties = set(result.graph.subjects(RDF.type, DIPL.Tie))
    assert {str(t).rsplit("/", 1)[-1] for t in ties} == {
        "tie-israel-morocco-diplomatic-relations",
        "tie-israel-palestinian-authority-conflict",
    }


def test_malformed_user_query_names_file_and_line(tmp_path: Path, kg: KnowledgeGraph) -> None:
    broken = tmp_path / "broken.rq"
    broken.write_text("#+ summary: broken\nSELECT ?s WHERE {\n  ?s ?p \n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"broken\.rq:\d+:\d+: malformed SPARQL"):
        kg.query(broken)


def test_user_query_file_with_parameters_runs(tmp_path: Path, kg: KnowledgeGraph) -> None:
    own = tmp_path / "mine.rq"
    own.write_text(
        "#+ summary: labels of one actor\n#+ param: who actor = Jordan\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?label WHERE { ?who rdfs:label ?label } ORDER BY ?label\n",
        encoding="utf-8",
    )
    assert set(kg.query(own).column("label")) == {"Jordan", "الأردن"}
    assert set(kg.query(own, who="EGY").column("label")) == {"Egypt", "مصر"}


def test_bad_parameter_declaration_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("#+ summary: x\n#+ param: who person\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(QueryError, match="bad parameter line"):
        load_query(bad)


def test_concept_parameter_of_a_scheme_takes_only_its_concepts(kg: KnowledgeGraph) -> None:
    """troop-contributors' status is concept(ts:scheme): an unknown status is answered with the
    statuses (not with the nearest of every concept, such as 'police'), and a concept of another
    scheme is no status."""
    with pytest.raises(UnknownNameError) as caught:
        kg.query("troop-contributors", status="promised")
    message = str(caught.value)
    assert "The valid values: active, announced, ended, planned, pledged, suspended." in message
    assert "police" not in message
    with pytest.raises(UnknownNameError, match="among the diplograph statuses"):
        kg.query("troop-contributors", status="troop contribution")
    with pytest.raises(UnknownNameError, match=r"Nearest names: troop contribution.*alliance"):
        kg.query("ties-by-type", type="troop contributions")
    pledged = kg.query("troop-contributors", status="Pledged")
    assert pledged.bindings["status"] == URIRef(str(TS.Pledged))
    assert set(pledged.column("statusLabel")) == {"pledged"}


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_concept_of_a_scheme_is_refused(kg: KnowledgeGraph, value: str) -> None:
    with pytest.raises(UnknownNameError, match="The valid values"):
        kg.query("evidence", type=value)


def test_param_line_names_a_concept_scheme(tmp_path: Path) -> None:
    own = tmp_path / "own.rq"
    own.write_text(
        "#+ param: status concept(ts:scheme) -- a status\n#+ param: type concept\n"
        "#+ param: other concept(<https://example.org/scheme>)\nSELECT * {}\n",
        encoding="utf-8",
    )
    status, type_, other = load_query(own).params
    assert (status.scheme, status.type, status.type_spec) == (
        str(TS.scheme),
        "concept",
        "concept(ts:scheme)",
    )
    assert (type_.scheme, type_.type_spec) == (None, "concept")  # a plain concept: any scheme
    assert other.scheme == "https://example.org/scheme"
    for bad, reason in (
        ("who actor(ts:scheme)", "only a concept parameter names a scheme"),
        ("what concept(no-colon)", "not an absolute IRI or a known CURIE"),
        ("what concept()", "not an absolute IRI or a known CURIE"),
    ):
        own.write_text(f"#+ param: {bad}\nSELECT * {{}}\n", encoding="utf-8")
        with pytest.raises(QueryError, match=rf"{own}: bad parameter line .*{reason}"):
            load_query(own)


def test_exact_label_wins_over_reading_a_curie(tmp_path: Path) -> None:
    """An actor labelled like a CURIE (or with a colon) is found by its label first; the same
    text names the CURIE's actor only when no label matches. Suggestions are display labels."""
    import diplograph

    facts = tmp_path / "colon.ttl"
    facts.write_text(
        "@prefix d: <https://w3id.org/diplograph/id/> .\n"
        "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'd:odd a dipl:State ; rdfs:label "d:morocco"@en .\n'
        'd:council a dipl:IntergovernmentalOrganization ; rdfs:label "UN: Security Council"@en .\n',
        encoding="utf-8",
    )
    graph = diplograph.load([facts])
    d = "https://w3id.org/diplograph/id/"
    assert graph.actor("d:morocco") == URIRef(d + "odd")
    assert graph.actor("un: security council") == URIRef(d + "council")
    assert graph.actor(f"<{d}morocco>") == graph.actor("Morocco") == URIRef(d + "morocco")
    with pytest.raises(UnknownNameError, match=r"Nearest names: Morocco\b") as caught:
        graph.actor("Rabatt")  # near the alias Rabat, shown as its actor's label
    assert "rabat," not in str(caught.value).lower()


def test_notebook_table_escapes_data_text(tmp_path: Path) -> None:
    import diplograph

    facts = tmp_path / "hostile.ttl"
    facts.write_text(
        "@prefix d: <https://w3id.org/diplograph/id/> .\n"
        "@prefix dipl: <https://w3id.org/diplograph/ont#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'd:hostile a dipl:State ; rdfs:label "<script>alert(1)</script>"@en .\n',
        encoding="utf-8",
    )
    html = diplograph.load([facts]).query("search-actors", text="script")._repr_html_()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html


def test_a_notebook_shows_the_first_rows_of_a_big_result(monkeypatch: pytest.MonkeyPatch) -> None:
    """A notebook's view of a result shows TABLE_ROWS rows and says how many there are; the
    result itself keeps every row."""
    import diplograph.queries.results as results

    monkeypatch.setattr(results, "TABLE_ROWS", 3)
    result = diplograph.open("memory").query("tie-types")
    html = result._repr_html_()
    assert html.count("<tr>") == 1 + 3  # the header and three rows
    assert f"(3 of {len(result.rows):,} shown; every one is in .rows)" in html
    assert len(result.rows) > 3


def test_a_notebook_table_reads_as_the_terminal_shows_it() -> None:
    """The notebook's table has the terminal's columns (an IRI with its label beside it left
    out), IRIs as CURIEs, text to the left (Jupyter right-aligns cells) and numbers to the
    right, and counts the rows by origin as the terminal does."""
    import re

    import diplograph

    result = diplograph.open("memory").query("evidence", actor="Morocco")
    html = result._repr_html_()
    header = re.findall(r'<th style="text-align:left">([^<]*)</th>', html)
    assert header == [result.variables[i] for i in shown_columns(result)]
    assert "other" not in header  # otherLabel says it
    assert "https://w3id.org/" not in html  # d:…, not the IRI in full
    cells = re.findall(r'<td style="text-align:(\w+)">([^<]*)</td>', html)
    line = header.index("line")
    row_length = len(header)
    for row in range(len(cells) // row_length):
        for column, (align, text) in enumerate(cells[row * row_length : (row + 1) * row_length]):
            numeric = column == line and text != ""
            assert align == ("right" if numeric else "left"), (header[column], text)
    assert ">d:tie-moroccan-armed-forces-of-morocco<" in html
    assert re.search(r"by origin: \d+ document rows, \d+ dataset rows</caption>", html)


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_every_builtin_query_parses(query: NamedQuery) -> None:
    """Built-in queries are not parsed at run time (see catalog._is_builtin): here they are."""
    assert check_syntax(query.text, str(query.path)) in {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}


def test_a_users_malformed_query_is_still_parsed_on_load(tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"broken\.rq:1"):
        load_query(path)


def test_ego_network_as_of_takes_a_datetime_as_its_day(tmp_path: Path) -> None:
    """A tie begun at a dateTime is in the ego network on a later day (a date compared with a
    dateTime is an error in SPARQL, which would silently drop it), and not on an earlier one."""
    facts = tmp_path / "datetime.ttl"
    facts.write_text(
        "PREFIX d: <https://w3id.org/diplograph/id/>\n"
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>\n"
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
        "PREFIX tt: <https://w3id.org/diplograph/vocab/tie-type/>\n"
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
        "d:t-dt a dipl:Tie ; dipl:fromActor d:israel ; dipl:toActor d:egypt ;\n"
        "  dipl:tieType tt:DiplomaticRelations ;\n"
        '  sem:hasBeginTimeStamp "1980-02-26T09:00:00"^^xsd:dateTime .\n',
        encoding="utf-8",
    )
    kg = diplograph.load([facts], store="memory")
    tie = URIRef("https://w3id.org/diplograph/id/t-dt")
    for day, present in (("1980-02-26", True), ("2000-01-01", True), ("1980-02-25", False)):
        graph = kg.query("ego-network", actor="Israel", asOf=day).graph
        assert graph is not None
        assert ((tie, None, None) in graph) is present, day


@pytest.mark.filterwarnings(
    r"ignore:Dataset\.(contexts|default_context) is deprecated:DeprecationWarning:rdflib"
)
@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_actor_with_no_events_or_contributions_has_no_rows(tmp_path: Path, store: str) -> None:
    """A grouped subquery over no solutions has no groups (SPARQL 1.1), so an actor with no
    events has no partners and one with no contributions no months. rdflib answers it with one
    empty group instead, which once joined every labelled resource as a partner or a force; the
    actor with an event and a contribution shows that real groups are kept."""
    facts = tmp_path / "quiet.ttl"
    facts.write_text(
        "PREFIX d: <https://w3id.org/diplograph/id/>\n"
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
        "PREFIX tt: <https://w3id.org/diplograph/vocab/tie-type/>\n"
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
        'd:quiet a dipl:State ; rdfs:label "Quietland"@en .\n'
        'd:busy a dipl:State ; rdfs:label "Busyland"@en .\n'
        'd:mission a dipl:IntergovernmentalOrganization ; rdfs:label "A mission"@en .\n'
        "d:ev-busy a dipl:DiplomaticEvent ; dipl:actor d:busy ; dipl:recipient d:mission ;\n"
        '  sem:hasTimeStamp "2014-03-02"^^xsd:date .\n'
        "d:pk-busy a dipl:Tie ; dipl:fromActor d:busy ; dipl:toActor d:mission ;\n"
        '  dipl:tieType tt:TroopContribution ; sem:hasBeginTimeStamp "2014-03-01"^^xsd:date .\n',
        encoding="utf-8",
    )
    with diplograph.load([facts], store=store) as kg:
        for query in ("top-partners", "peacekeeping-contributions"):
            assert kg.query(query, actor="Quietland").rows == [], query
        assert kg.query("top-partners", actor="Busyland").column("partnerLabel") == ["A mission"]
        months = kg.query("peacekeeping-contributions", actor="Busyland")
        assert months.column("month") == ["2014-03"]
        assert months.column("forceLabel") == ["A mission"]


@pytest.mark.parametrize(
    ("query", "params", "column"),
    [
        ("ties-in-period", {"actor": "ISF", "type": "security cooperation"}, "tie"),
        ("ties-in-period", {"actor": "ISF", "type": "troop contribution"}, "tie"),
        ("ties-in-period", {"actor": "Israel", "type": "bilateral relations"}, "tie"),
        ("police-trainers", {}, "tie"),
    ],
)
def test_a_type_takes_its_narrower_types(
    kg: KnowledgeGraph, query: str, params: dict[str, str], column: str
) -> None:
    """A tie type given (or named by the query) stands for itself and every narrower type, at
    any depth: the ties found are exactly those whose type reaches it by skos:broader steps,
    counted here from the graph itself."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from diplograph.namespaces import DIPL, TT
    from diplograph.store.files import builtin_files

    graph = Graph()
    for path in builtin_files():
        graph.parse(path)
    top = kg.concept(params["type"]) if "type" in params else TT.PoliceTraining
    narrower = set(graph.transitive_subjects(SKOS.broader, top))
    actor = kg.actor(params["actor"]) if "actor" in params else None
    expected = {
        str(tie)
        for tie, tie_type in graph.subject_objects(DIPL.tieType)
        if tie_type in narrower
        and (
            actor is None
            or actor in {*graph.objects(tie, DIPL.fromActor), *graph.objects(tie, DIPL.toActor)}
        )
    }
    found = {str(value) for value in kg.query(query, **params).column(column)}
    assert expected, "the case finds no tie: it tests nothing"
    assert found == expected


def test_a_column_of_counts_reads_with_separators_and_a_column_of_years_without(
    tmp_path: Path,
) -> None:
    """Tables (terminal and notebook) write counts as "69,172" and "3,535" in a column that
    holds a count of five digits; years stay "2012"; CSV keeps the numbers as they are."""
    from rich.console import Console

    import diplograph
    from diplograph.queries import render_table

    query = tmp_path / "counts.rq"
    query.write_text(
        "#+ summary: Counts and years\n"
        "SELECT ?events ?year WHERE { VALUES (?events ?year) { (69172 2012) (3535 1994) } }\n",
        encoding="utf-8",
    )
    result = diplograph.open("memory").query(query)
    console = Console(record=True, width=80)
    console.print(render_table(result))
    text = console.export_text()
    assert "69,172" in text
    assert " 3,535" in text
    assert "2012" in text
    assert "2,012" not in text
    html = result._repr_html_()
    assert '<td style="text-align:right">69,172</td>' in html
    assert '<td style="text-align:right">1994</td>' in html
    assert "69172,2012" in result.to_csv()


@pytest.mark.filterwarnings(
    r"ignore:Dataset\.(contexts|default_context) is deprecated:DeprecationWarning:rdflib"
)
@pytest.mark.parametrize("store", ["memory", "rdflib"])
def test_evidence_of_an_event_with_no_other_party_names_none(tmp_path: Path, store: str) -> None:
    """An event of the actor's with no recipient (a GDELT row with one actor) is listed once,
    with no other party: a label looked up for the missing party once made every labelled
    resource of the graph its other party (690 rows for one such event of Morocco's)."""
    facts = tmp_path / "alone.ttl"
    facts.write_text(
        "PREFIX cameo: <https://w3id.org/diplograph/vocab/cameo/>\n"
        "PREFIX d: <https://w3id.org/diplograph/id/>\n"
        "PREFIX dipl: <https://w3id.org/diplograph/ont#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        'd:busy a dipl:State ; rdfs:label "Busyland"@en .\n'
        'd:mission a dipl:IntergovernmentalOrganization ; rdfs:label "A mission"@en .\n'
        "d:ev-alone a dipl:DiplomaticEvent ; dipl:actor d:busy ; dipl:eventType cameo:C010 .\n"
        "d:ev-pair a dipl:DiplomaticEvent ; dipl:actor d:busy ; dipl:recipient d:mission ;\n"
        "  dipl:eventType cameo:C010 .\n"
        "d:ev-joined a dipl:DiplomaticEvent ; dipl:participant d:busy ;\n"
        "  dipl:eventType cameo:C010 .\n",
        encoding="utf-8",
    )
    with diplograph.load([facts], store=store) as kg:
        result = kg.query("evidence", actor="Busyland")
        rows = [
            (str(tie).rsplit("/", 1)[-1], None if other is None else str(other))
            for tie, other in zip(result.column("tie"), result.column("otherLabel"), strict=True)
        ]
    assert sorted(rows, key=str) == [
        ("ev-alone", None),
        ("ev-joined", None),
        ("ev-pair", "A mission"),
    ]
