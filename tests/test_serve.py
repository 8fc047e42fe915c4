"""``diplograph serve`` as its clients meet it: a real server on 127.0.0.1, real clients.

The server runs as a user starts it (``python -m diplograph ... serve``), on a free loopback port
that it picks itself (``--port 0``) and announces. Clients: httpx for the protocol cases,
SPARQLWrapper in every format, rdflib's SPARQLStore, curl, and a second ``diplograph`` process
that uses the server as its remote store. Bad input gets a 4xx with a readable message, and the
store is unchanged after each; a runaway query is stopped at the time limit and its worker freed.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, TSV, TURTLE, XML, SPARQLWrapper

from .conftest import FIXTURES, REPOSITORY, CliRunner
from .servers import LOOPBACK

pytestmark = pytest.mark.cli

#: the time limit of the test servers (s): long enough for any honest query on the seed graph,
#: a map included, on a machine loaded tenfold (at 3 s, the map of troop-contributors got 503)
TIMEOUT = 8.0
#: a query no engine finishes in seconds: a triple cross join over the whole store
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
RUNAWAY_UPDATE = (  # updates see the default graph alone, so the join runs over every graph
    "INSERT { GRAPH <urn:x:g> { ?a <urn:x:p> ?c } } "
    "WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
#: a federated query (to a port where nothing listens): refused before any request is made
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
HOSTILE = FIXTURES / "map-hostile.ttl"
MAP_TIES = FIXTURES / "map-ties.ttl"
_READY = re.compile(r"diplograph serve: (http://127\.0\.0\.1:\d+)/ ")


@dataclass
class Served:
    """A running ``diplograph serve``: its base URL (no trailing slash) and its process."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def sparql(self) -> str:
        return f"{self.url}/sparql"

    def count(self) -> int:
        """Triples in the served store, asked through the server."""
        answer = httpx.post(self.sparql, data={"query": COUNT}, timeout=30)
        assert answer.status_code == 200, answer.text
        return int(answer.json()["results"]["bindings"][0]["n"]["value"])


@contextlib.contextmanager
def serving(
    folder: Path,
    *args: str,
    store: str = "memory",
    data: tuple[Path, ...] = (),
    ready: str | None = None,
) -> Iterator[Served]:
    """Start ``diplograph --store STORE [--data ...] serve --port 0 ARGS`` and wait until ready
    (its announcement names a URL that ``ready``, a pattern, matches: 127.0.0.1 by default)."""
    announced = _READY if ready is None else re.compile(rf"diplograph serve: ({ready})/ ")
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "serve.log"
    options = [item for path in data for item in ("--data", str(path))]
    command = [sys.executable, "-m", "diplograph", "--store", store, *options, "serve"]
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [*command, "--port", "0", *args],
            cwd=REPOSITORY,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 90
        url = None
        while url is None:
            found = announced.search(log.read_text(errors="replace"))
            if found:
                url = found.group(1)
            elif process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"diplograph serve did not start: {log.read_text(errors='replace')}")
            else:
                time.sleep(0.05)
        yield Served(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A read-only server on the seed graph plus hostile labels and a few map ties."""
    folder = tmp_path_factory.mktemp("serve")
    with serving(
        folder,
        "--timeout",
        str(TIMEOUT),
        "--max-rows",
        "1000",
        "--max-body",
        "65536",
        "--workers",
        "2",
        data=(HOSTILE, MAP_TIES),
    ) as served:
        yield served


def _bindings(answer: httpx.Response) -> list[dict[str, str]]:
    assert answer.status_code == 200, answer.text
    rows = answer.json()["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in rows]


def _cli_error(cli: CliRunner, *args: str) -> str:
    """The one-paragraph message ``diplograph ARGS`` prints for a user error."""
    result = cli(*args)
    assert result.returncode == 2, result.stderr
    return " ".join(result.stderr.split()).removeprefix("error: ")


# ------------------------------------------------------------------ the protocol


def test_service_description_without_a_query(server: Served) -> None:
    answer = httpx.get(server.sparql)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=answer.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (URIRef(server.sparql), URIRef(sd + "endpoint"), URIRef(server.sparql)) in graph
    languages = set(graph.objects(URIRef(server.sparql), URIRef(sd + "supportedLanguage")))
    assert languages == {URIRef(sd + "SPARQL11Query")}  # read-only: no update language
    browser = httpx.get(server.sparql, headers={"Accept": "text/html"})
    assert browser.status_code == 303
    assert browser.headers["location"] == "/"


def test_get_post_form_and_post_direct_answer_alike(server: Served) -> None:
    query = "SELECT ?label WHERE { <https://w3id.org/diplograph/id/morocco> rdfs:label ?label }"
    answers = [
        httpx.get(server.sparql, params={"query": query}),
        httpx.post(server.sparql, data={"query": query}),
        httpx.post(
            server.sparql, content=query, headers={"Content-Type": "application/sparql-query"}
        ),
    ]
    rows = [sorted(r["label"] for r in _bindings(answer)) for answer in answers]
    assert rows[0] == rows[1] == rows[2]
    assert "Morocco" in rows[0]


@pytest.mark.parametrize(
    ("query", "accept", "media_type"),
    [
        ("SELECT * WHERE { ?s a dipl:Tie } LIMIT 3", None, "application/sparql-results+json"),
        ("SELECT * WHERE { ?s a dipl:Tie } LIMIT 3", "*/*", "application/sparql-results+json"),
        (
            "SELECT * WHERE { ?s a dipl:Tie } LIMIT 3",
            "application/xml",
            "application/sparql-results+xml",
        ),
        (
            "SELECT * WHERE { ?s a dipl:Tie } LIMIT 3",
            "text/csv;q=0.4, text/tab-separated-values",
            "text/tab-separated-values",
        ),
        ("SELECT * WHERE { ?s a dipl:Tie } LIMIT 3", "text/*", "text/csv"),
        (
            "ASK { ?s a dipl:Tie }",
            "application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("CONSTRUCT { ?s a dipl:Tie } WHERE { ?s a dipl:Tie }", None, "text/turtle"),
        (
            "CONSTRUCT { ?s a dipl:Tie } WHERE { ?s a dipl:Tie }",
            "application/n-triples",
            "application/n-triples",
        ),
        (
            "CONSTRUCT { ?s a dipl:Tie } WHERE { ?s a dipl:Tie }",
            "application/json",
            "application/ld+json",
        ),
        ("DESCRIBE d:morocco", "application/ld+json", "application/ld+json"),
    ],
)
def test_content_negotiation(
    server: Served, query: str, accept: str | None, media_type: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    answer = httpx.post(server.sparql, data={"query": query}, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].split(";")[0] == media_type


@pytest.fixture(scope="module")
def local() -> bytes:
    """What ``diplograph --store memory query troop-contributors -f csv`` prints, as bytes."""
    command = [sys.executable, "-m", "diplograph", "--store", "memory"]
    return subprocess.run(
        [*command, "query", "troop-contributors", "-f", "csv"],
        capture_output=True,
        check=True,
        cwd=REPOSITORY,
    ).stdout


def test_answers_are_the_cli_bytes(server: Served, local: bytes) -> None:
    """``/queries/NAME`` and ``/sparql`` use the CLI's writers: the same CSV, byte for byte."""
    named = httpx.get(f"{server.url}/queries/troop-contributors", headers={"Accept": "text/csv"})
    assert named.content == local
    text = (REPOSITORY / "queries" / "troop-contributors.rq").read_text()
    raw = httpx.post(
        server.sparql,
        data={"query": text.replace("?force", "d:isf")},
        headers={"Accept": "text/csv"},
    )
    assert raw.content == local


# ------------------------------------------------------------------ named queries


def test_queries_are_listed_with_their_parameters(server: Served) -> None:
    listing = httpx.get(f"{server.url}/queries").json()
    by_name = {entry["name"]: entry for entry in listing}
    troops = by_name["troop-contributors"]
    assert troops["form"] == "SELECT"
    assert troops["params"][0] == {
        "name": "force",
        "type": "actor",
        "default": "ISF",
        "doc": "the multinational force or mission",
    }
    assert by_name["ego-network"]["form"] == "CONSTRUCT"
    assert not any(entry["check"] for entry in listing)
    checks = httpx.get(f"{server.url}/queries", params={"checks": "true"}).json()
    assert any(entry["check"] for entry in checks)


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_a_named_query_in_every_table_format(server: Served, fmt: str) -> None:
    answer = httpx.get(
        f"{server.url}/queries/troop-contributors", params={"status": "pledged", "format": fmt}
    )
    assert answer.status_code == 200, answer.text
    assert "Morocco" in answer.text


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_a_named_construct_in_every_graph_format(server: Served, fmt: str) -> None:
    answer = httpx.get(f"{server.url}/queries/ego-network", params={"actor": "MAR", "format": fmt})
    assert answer.status_code == 200, answer.text
    graph = Graph().parse(
        data=answer.text, format={"jsonld": "json-ld", "ntriples": "nt"}.get(fmt, fmt)
    )
    assert (
        URIRef("https://w3id.org/diplograph/id/morocco"),
        RDFS.label,
        Literal("Morocco", lang="en"),
    ) in graph


def test_named_query_errors_are_the_cli_messages(server: Served, cli: CliRunner) -> None:
    cases = [
        ("troop-contributor", {}, 404, ("query", "troop-contributor")),
        (
            "troop-contributors",
            {"forse": "ISF"},
            400,
            ("query", "troop-contributors", "-p", "forse=ISF"),
        ),
        (
            "troop-contributors",
            {"force": "Atlantis"},
            400,
            ("query", "troop-contributors", "-p", "force=Atlantis"),
        ),
    ]
    for name, params, status, command in cases:
        answer = httpx.get(f"{server.url}/queries/{name}", params=params)
        assert answer.status_code == status, answer.text
        assert " ".join(answer.text.split()) == _cli_error(cli, *command)


# ------------------------------------------------------------------ bad input and limits


def test_a_syntax_error_is_placed_in_the_query_as_written(server: Served) -> None:
    """The line and column of a syntax error are those of the text sent (the PREFIX lines the
    store adds before it are not counted)."""
    one_line = httpx.post(f"{server.url}/sparql", data={"query": "SELECT * WHERE { ?s ?p }"})
    assert one_line.status_code == 400, one_line.text
    assert "error at 1:" in one_line.text
    third = httpx.post(f"{server.url}/sparql", data={"query": "SELECT *\nWHERE {\n  ?s ?p\n}"})
    assert third.status_code == 400, third.text
    assert "error at 4:" in third.text


def test_bad_input_gets_a_4xx_and_leaves_the_store_as_it_was(server: Served) -> None:
    before = server.count()
    direct_update = {"Content-Type": "application/sparql-update"}
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    cases: list[tuple[str, str, dict[str, object], int, str]] = [
        (
            "POST",
            "/sparql",
            {"data": {"query": "SELECT * WHERE { ?s ?p "}},
            400,
            "malformed SPARQL",
        ),
        ("GET", "/sparql", {"params": {"query": "SELEC * WHERE {}"}}, 400, "malformed SPARQL"),
        (
            "POST",
            "/sparql",
            {"data": {"query": COUNT}, "headers": {"Accept": "image/png"}},
            406,
            "application/sparql-results+json",
        ),
        ("POST", "/sparql", {"data": {"update": insert}}, 403, "--allow-update"),
        ("POST", "/sparql", {"content": insert, "headers": direct_update}, 403, "--allow-update"),
        ("POST", "/sparql", {"data": {"query": insert}}, 400, "update"),
        ("POST", "/sparql", {"data": {"query": "ASK {} #" + "x" * 70_000}}, 413, "65,536 bytes"),
        (
            "POST",
            "/sparql",
            {"content": COUNT, "headers": {"Content-Type": "text/plain"}},
            415,
            "Content-Type",
        ),
        (
            "GET",
            "/sparql",
            {"params": {"query": COUNT, "default-graph-uri": "urn:x:g"}},
            400,
            "union",
        ),
        ("GET", "/sparql", {"params": [("query", COUNT), ("query", COUNT)]}, 400, "2 'query'"),
        ("POST", "/sparql", {"data": {"query": SERVICE}}, 400, "SERVICE"),
        ("GET", "/queries/..%2F..%2Fetc%2Fpasswd.rq", {}, 404, "Unknown query"),
        (
            "GET",
            "/queries/troop-contributors",
            {"params": {"force": "ISF> } } ; DROP ALL ; #"}},
            400,
            "No actor named",
        ),
        (
            "GET",
            "/queries/troop-contributors",
            {
                "params": {"format": "csv", "force": "ISF", "status": "pledged"},
                "headers": {"Accept": "text/turtle"},
            },
            200,
            "Morocco",
        ),
        ("GET", "/queries/ego-network", {"params": {"format": "csv"}}, 406, "text/turtle"),
        ("GET", "/queries/ego-network", {"params": {"asOf": "20250101"}}, 400, "YYYY-MM-DD"),
        (
            "GET",
            "/map/troop-contributors",
            {"params": {"force": "Atlantis"}},
            400,
            "No actor named",
        ),
    ]
    for method, path, options, status, message in cases:
        answer = httpx.request(method, server.url + path, timeout=30, **options)  # type: ignore[arg-type]
        assert answer.status_code == status, (path, options, answer.text)
        assert message in answer.text, (path, options, answer.text)
    assert server.count() == before


def test_parameters_cannot_change_a_query(server: Served) -> None:
    """A value that tries to close the string and add patterns or an update is one literal."""
    before = server.count()
    for text in [
        '" } } INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> } #',
        "') } UNION { ?a ?b ?c } #",
        "\\u0022 }",
    ]:
        answer = httpx.get(f"{server.url}/queries/search-actors", params={"text": text})
        assert answer.status_code == 200, answer.text
        assert _bindings(answer) == []
    assert server.count() == before


def test_results_over_the_row_limit_are_cut_and_say_so(server: Served) -> None:
    total = server.count()
    answer = httpx.post(server.sparql, data={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(_bindings(answer)) == 1000
    assert answer.headers["x-diplograph-truncated"] == "true"
    assert answer.headers["x-diplograph-max-rows"] == "1000"
    assert int(answer.headers["x-diplograph-total-rows"]) == total
    graph = httpx.post(
        server.sparql,
        data={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert graph.text.count("\n") == 1000  # (a hostile quote holds a U+2028, no newline)
    assert graph.headers["x-diplograph-truncated"] == "true"
    small = httpx.post(server.sparql, data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert "x-diplograph-truncated" not in small.headers


def test_a_runaway_query_is_stopped_and_its_worker_freed(server: Served) -> None:
    """Both workers run a runaway; each is stopped at the limit, and the next query is prompt.

    Meanwhile the server keeps answering what it can: the service description, the page and
    the list of queries come from the server's own process. No bound on the clock: each wait
    is proved by what it waits for (a runaway's 503 names the limit; the client's own 30 s
    timeout is the outer bound), so a loaded machine cannot fail it.
    """
    results: list[tuple[int, httpx.Response]] = []

    def runaway(number: int) -> None:
        answer = httpx.post(server.sparql, data={"query": RUNAWAY}, timeout=30)
        results.append((number, answer))

    before = _worker_cpu(server.process.pid)
    threads = [threading.Thread(target=runaway, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    _eventually(lambda: _running(server.process.pid, before) >= 2, "both workers running")
    assert httpx.get(f"{server.url}/queries", timeout=30).status_code == 200
    assert httpx.get(server.url + "/", timeout=30).status_code == 200
    assert results == []  # answered while both workers were still taken by the runaways
    for thread in threads:
        thread.join()
    assert len(results) == 2
    for _, answer in results:
        assert answer.status_code == 503, answer.text
        assert answer.headers["x-diplograph-timeout"] == f"{TIMEOUT:g}"
        assert f"longer than this server's limit of {TIMEOUT:g} s" in answer.text
    # a worker again (a fresh one, forked from the zygote), and no killed runaway burns CPU
    asked = httpx.post(server.sparql, data={"query": "ASK { ?s a dipl:Tie }"}, timeout=30)
    assert asked.status_code == 200, asked.text
    assert asked.json()["boolean"]
    assert _cpu_busy_workers(server.process.pid) == []


def _cpu_busy_workers(server_pid: int) -> list[int]:
    """Processes below the server that burn CPU over a 0.3 s sample (the killed runaways must
    not), once no process killed is left to be reaped: they are polled until none is, for up to
    30 s."""
    import psutil

    def busy_now() -> list[int]:
        busy = []
        for child in psutil.Process(server_pid).children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):
                if child.cpu_percent(interval=0.3) > 50:
                    busy.append(child.pid)
        return busy

    deadline = time.monotonic() + 30
    busy = busy_now()
    while busy and time.monotonic() < deadline:
        busy = busy_now()  # each look samples for 0.3 s: no sleep is needed between them
    return busy


def _worker_cpu(server_pid: int) -> dict[int, float]:
    """CPU seconds each process below the server has used so far."""
    import psutil

    used = {}
    for child in psutil.Process(server_pid).children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            times = child.cpu_times()
            used[child.pid] = times.user + times.system
    return used


def _running(server_pid: int, before: dict[int, float]) -> int:
    """How many processes below the server have used 0.3 s of CPU more than ``before``: the
    workers that have taken a runaway query (a waiting worker uses none)."""
    now = _worker_cpu(server_pid)
    return sum(1 for pid, used in now.items() if used - before.get(pid, 0.0) > 0.3)


def _eventually(check: Callable[[], bool], what: str, seconds: float = 30) -> None:
    """Wait until ``check()`` holds, looking every 50 ms; fail naming ``what`` after
    ``seconds``."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {seconds:g} s")
        time.sleep(0.05)


def test_the_server_keeps_answering_others_during_a_runaway(server: Served) -> None:
    """One worker is taken by a runaway; the other answers the clients meanwhile: some answers
    come before the runaway's own (which it gets at the limit), none fails. Ordered by the
    clock, never bounded by it."""
    before = _worker_cpu(server.process.pid)
    stopped: list[tuple[float, int]] = []  # when the runaway's answer came, and its status

    def run_away() -> None:
        answer = httpx.post(server.sparql, data={"query": RUNAWAY}, timeout=30)
        stopped.append((time.monotonic(), answer.status_code))

    runaway = threading.Thread(target=run_away)
    runaway.start()
    _eventually(lambda: _running(server.process.pid, before) >= 1, "a worker running")
    answered: list[float] = []
    failures = []

    def client() -> None:
        with httpx.Client(timeout=30) as http:
            for _ in range(5):
                answer = http.get(f"{server.url}/queries/troop-contributors")
                answered.append(time.monotonic())
                if answer.status_code != 200:
                    failures.append(answer.text)

    clients = [threading.Thread(target=client) for _ in range(8)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    runaway.join()
    assert failures == []
    assert len(answered) == 40
    [(ended, status)] = stopped
    assert status == 503  # stopped at the limit
    assert min(answered) < ended  # the other worker served them while the runaway ran


def test_cors_is_off_unless_asked_for(server: Served) -> None:
    answer = httpx.get(
        server.sparql, params={"query": COUNT}, headers={"Origin": "http://example.org"}
    )
    assert answer.status_code == 200
    assert "access-control-allow-origin" not in answer.headers
    refused = httpx.post(
        server.sparql, data={"query": COUNT}, headers={"Origin": "http://example.org"}
    )
    assert refused.status_code == 403
    assert "--cors" in refused.text
    rebinding = httpx.get(server.sparql, params={"query": COUNT}, headers={"Host": "evil.example"})
    assert rebinding.status_code == 400


def test_the_page_and_its_assets_are_sealed(server: Served) -> None:
    page = httpx.get(server.url + "/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "PREFIX dipl: &lt;https://w3id.org/diplograph/ont#&gt;" in page.text
    references = re.findall(r'(?:src|href|action)="([^"]*)"', page.text)
    assert references
    assert all(ref.startswith(("/", "data:")) for ref in references), references
    for asset in ("/static/page.js", "/static/page.css"):
        answer = httpx.get(server.url + asset)
        assert answer.status_code == 200
        assert "//cdn" not in answer.text
        assert "@import" not in answer.text


def test_a_map_of_a_named_query(server: Served) -> None:
    answer = httpx.get(f"{server.url}/map/troop-contributors")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert "Relationship map: troop-contributors" in answer.text
    assert "Morocco" in answer.text
    mine = httpx.post(f"{server.url}/map", data={"query": "SELECT ?t WHERE { ?t a dipl:Tie }"})
    assert mine.status_code == 200
    assert "Relationship map: your query" in mine.text
    assert "diplograph-map-" not in mine.text  # no temporary path


# ------------------------------------------------------------------ real clients


@pytest.mark.parametrize(
    ("query", "fmt"),
    [
        ("SELECT ?label WHERE { d:morocco rdfs:label ?label }", JSON),
        ("SELECT ?label WHERE { d:morocco rdfs:label ?label }", XML),
        ("SELECT ?label WHERE { d:morocco rdfs:label ?label }", CSV),
        ("SELECT ?label WHERE { d:morocco rdfs:label ?label }", TSV),
        ("ASK { d:morocco rdfs:label ?label }", JSON),
        ("ASK { d:morocco rdfs:label ?label }", XML),
        ("CONSTRUCT { d:morocco rdfs:label ?label } WHERE { d:morocco rdfs:label ?label }", TURTLE),
        ("CONSTRUCT { d:morocco rdfs:label ?label } WHERE { d:morocco rdfs:label ?label }", N3),
        ("CONSTRUCT { d:morocco rdfs:label ?label } WHERE { d:morocco rdfs:label ?label }", JSONLD),
        ("DESCRIBE d:morocco", TURTLE),
    ],
)
@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_in_every_format(server: Served, query: str, fmt: str, method: str) -> None:
    prologue = "PREFIX d: <https://w3id.org/diplograph/id/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    client = SPARQLWrapper(server.sparql)
    client.setQuery(prologue + query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    result: Any = client.query().convert()  # JSON: a dict; XML: a DOM; Turtle: a Graph ...
    if query.startswith("ASK"):
        assert result["boolean"] is True if fmt == JSON else "true" in result.toxml()
    elif query.startswith(("CONSTRUCT", "DESCRIBE")):
        graph = (
            result
            if isinstance(result, Graph)
            else Graph().parse(data=result, format="json-ld" if fmt == JSONLD else "turtle")
        )
        assert (
            URIRef("https://w3id.org/diplograph/id/morocco"),
            RDFS.label,
            Literal("Morocco", lang="en"),
        ) in graph
    elif fmt == JSON:
        assert {"type": "literal", "value": "Morocco", "xml:lang": "en"} in [
            b["label"] for b in result["results"]["bindings"]
        ]
    elif fmt == XML:
        assert 'xml:lang="en">Morocco<' in result.toxml()
    else:
        assert "Morocco" in result.decode("utf-8")


def test_rdflib_sparqlstore_reads_through_serve(server: Served) -> None:
    graph = Graph(store=SPARQLStore(query_endpoint=server.sparql))
    morocco = URIRef("https://w3id.org/diplograph/id/morocco")
    assert Literal("Morocco", lang="en") in set(graph.objects(morocco, RDFS.label))
    rows = graph.query(
        "SELECT ?contributor WHERE { ?tie dipl:toActor d:isf ; dipl:fromActor ?contributor ; "
        "dipl:tieType tt:TroopContribution }",
        initNs={
            "dipl": "https://w3id.org/diplograph/ont#",
            "d": "https://w3id.org/diplograph/id/",
            "tt": "https://w3id.org/diplograph/vocab/tie-type/",
        },
    )
    assert morocco in {row[0] for row in rows}  # type: ignore[index]


def test_a_second_diplograph_uses_serve_as_its_remote_store(
    server: Served, local: bytes, cli: CliRunner
) -> None:
    command = [sys.executable, "-m", "diplograph", "--store", f"sparql+{server.sparql}"]
    remote = subprocess.run(
        [*command, "query", "troop-contributors", "-f", "csv"],
        capture_output=True,
        cwd=REPOSITORY,
        check=False,
    )
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local
    render = cli(
        "--store",
        f"sparql+{server.sparql}",
        "query",
        "ego-network",
        "-p",
        "actor=Imgland",
        "-f",
        "ntriples",
    )
    assert render.returncode == 0, render.stderr
    assert "window.__pwned=1" in render.stdout  # the hostile label, as data
    refused = cli("--store", f"sparql+{server.sparql}", "load", str(HOSTILE))
    assert refused.returncode == 2
    assert "read-only" in refused.stderr


def _curl(*args: str) -> tuple[int, str]:
    """curl's status code and body for one request (never following redirects)."""
    done = subprocess.run(
        ["curl", "--silent", "--show-error", "--write-out", "\n%{http_code}", *args],  # noqa: S607
        capture_output=True,
        timeout=30,
        check=True,
    )
    body, _, status = done.stdout.decode("utf-8").rpartition("\n")
    return int(status), body


def test_curl_raw_protocol(server: Served, tmp_path: Path) -> None:
    status, body = _curl("--get", "--data-urlencode", "query=ASK { ?s a dipl:Tie }", server.sparql)
    assert (status, json.loads(body)["boolean"]) == (200, True)
    status, body = _curl(
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: text/csv",
        "--data-binary",
        "SELECT ?x WHERE { VALUES ?x { 1 2 } }",
        server.sparql,
    )
    assert (status, body) == (200, "x\r\n1\r\n2\r\n")
    big = tmp_path / "big.rq"
    big.write_text("ASK {}\n" + "# padding\n" * 10_000)
    status, body = _curl(
        "-H", "Content-Type: application/sparql-query", "--data-binary", f"@{big}", server.sparql
    )
    assert status == 413
    status, body = _curl("-X", "DELETE", server.sparql)
    assert status == 405
    status, body = _curl("-H", "Accept: application/rdf+xml", server.sparql)
    assert status == 406


# ------------------------------------------------------------------ updates


@pytest.fixture(scope="module", params=["memory", "disk"])
def writable(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """A server with --allow-update: in memory (tried in a worker, then applied in the zygote)
    and on disk (a one-off worker opens the store writable)."""
    folder = tmp_path_factory.mktemp(f"serve-{request.param}")
    store = "memory" if request.param == "memory" else f"oxigraph:{folder / 'store'}"
    with serving(
        folder,
        "--allow-update",
        "--timeout",
        str(TIMEOUT),
        "--cors",
        "http://example.org",
        store=store,
    ) as served:
        yield served


def test_updates_with_the_flag(writable: Served) -> None:
    before = writable.count()
    insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 'written' } }"
    done = httpx.post(writable.sparql, data={"update": insert})
    assert done.status_code == 204, done.text
    assert writable.count() == before + 1
    for _ in range(3):  # every worker, old or new, sees it
        answer = httpx.post(
            writable.sparql, data={"query": "SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o }"}
        )
        assert _bindings(answer) == [{"o": "written"}]
    description = httpx.get(writable.sparql).text
    assert "sd:SPARQL11Update" in description
    direct = httpx.post(
        writable.sparql,
        content="DELETE DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 'written' } }",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert direct.status_code == 204, direct.text
    assert writable.count() == before


def test_bad_updates_leave_the_store_as_it_was(writable: Served) -> None:
    before = writable.count()
    cases = [
        ("GET", {"params": {"update": "CLEAR ALL"}}, 405, "POST"),
        ("POST", {"data": {"update": "INSERT DATA { <urn:x:a> <urn:x:b> "}}, 400, "malformed"),
        ("POST", {"data": {"update": "LOAD <http://127.0.0.1:9/data.ttl>"}}, 400, "LOAD"),
        (
            "POST",
            {"data": {"update": "CLEAR ALL"}, "headers": {"Origin": "http://evil.example"}},
            403,
            "--cors",
        ),
        ("POST", {"data": {"update": RUNAWAY_UPDATE}}, 503, "was stopped"),
    ]
    for method, options, status, message in cases:
        # the client's 30 s timeout bounds each; the runaway's 503 says it met the limit
        answer = httpx.request(method, writable.sparql, timeout=30, **options)  # type: ignore[arg-type]
        assert answer.status_code == status, (options, answer.text)
        assert message in answer.text
        assert writable.count() == before
    allowed = httpx.post(
        writable.sparql, data={"query": "ASK {}"}, headers={"Origin": "http://example.org"}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "http://example.org"


# ------------------------------------------------------------------ starting it


def test_a_non_loopback_address_needs_public(cli: CliRunner) -> None:
    refused = cli("serve", "--host", "0.0.0.0")  # noqa: S104 (refused before anything binds)
    assert refused.returncode == 2
    assert "--public" in refused.stderr
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        warned = cli("serve", "--host", "0.0.0.0", "--public", "--port", port)  # noqa: S104
    assert "not loopback" in " ".join(warned.stderr.split())
    assert warned.returncode == 2  # the port is taken (on 127.0.0.1): it never listened
    assert "cannot listen" in warned.stderr


def test_the_listener_turns_nagle_off() -> None:
    """Connections to ``serve`` send without Nagle's delay: asyncio sets TCP_NODELAY only on a
    socket that says IPPROTO_TCP, and without it every answer after the first on a kept-alive
    connection (the page, httpx, a browser) waited 40 ms for the client's delayed ACK."""
    from diplograph.cli.serve import _listen

    listener = _listen(LOOPBACK, 0)
    with listener, socket.create_connection(listener.getsockname()[:2]):
        accepted, _ = listener.accept()
        with accepted:
            assert accepted.proto == socket.IPPROTO_TCP
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
