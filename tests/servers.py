"""Servers the store tests (and bench/) talk to, all on 127.0.0.1: Oxigraph server, Virtuoso and
misbehaving endpoints."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

__all__ = [
    "LOOPBACK",
    "OxigraphServer",
    "VirtuosoServer",
    "capping_proxy",
    "free_port",
    "hanging_server",
    "http_server",
    "oxigraph_binary",
    "oxigraph_server",
    "virtuoso_server",
]

#: the only address any test server listens on or any test connects to
LOOPBACK = "127.0.0.1"
#: how long a starting Oxigraph server may take to answer before the test fails
START_TIMEOUT = 20.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (the OS picks it; nothing keeps it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server installed in this venv by the ``oxigraph`` package; else fail."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        pytest.fail(
            f"The Oxigraph server binary is missing ({binary}): the remote-store tests need a real "
            "SPARQL endpoint. Run scripts/test.sh, which installs the test extras (the 'oxigraph' "
            "package) into .venv/.",
            pytrace=False,
        )
    return binary


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve``: its port and SPARQL query and update URLs."""

    port: int
    query_url: str
    update_url: str

    @property
    def spec(self) -> str:
        """The writable store string for this server."""
        return f"sparql+{self.query_url}#update={self.update_url}"

    @property
    def read_only_spec(self) -> str:
        """The store string without an update URL (read-only)."""
        return f"sparql+{self.query_url}"


def _answers(query_url: str) -> bool:
    """Whether a SPARQL endpoint answers a trivial ASK query with a 200."""
    request = urllib.request.Request(  # noqa: S310 (always http://127.0.0.1)
        query_url,
        data=b"ASK {}",
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=0.5) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate ``process``, then kill it if it has not ended within 5 s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _start(
    location: Path, log: Path, retry_port_clash: bool, union: bool = True
) -> tuple[subprocess.Popen[bytes], OxigraphServer] | None:
    """Start ``oxigraph serve`` on a free loopback port and wait until it answers; else fail.

    None when the port was taken meanwhile (by another process) and ``retry_port_clash`` is set.
    ``union``: its default graph is the union of the named graphs, as diplograph needs.
    """
    binary = oxigraph_binary()
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    server = OxigraphServer(port, f"{base}/query", f"{base}/update")
    command = [
        str(binary),
        "serve",
        "--location",
        str(location),
        "--bind",
        f"{LOOPBACK}:{port}",
        *(["--union-default-graph"] if union else []),
    ]
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if _answers(server.query_url):
            return process, server
        time.sleep(0.1)
    exited = process.poll()
    _stop(process)
    output = log.read_text(errors="replace").strip()
    if retry_port_clash and "Address already in use" in output:
        return None
    status = "did not answer" if exited is None else f"exited with status {exited}"
    pytest.fail(
        f"Oxigraph server ({' '.join(command)}) {status} within {START_TIMEOUT:g} s at "
        f"{server.query_url}; its stderr: {output or '(nothing)'}",
        pytrace=False,
    )


@contextlib.contextmanager
def oxigraph_server(folder: Path, *, union: bool = True) -> Iterator[OxigraphServer]:
    """A real Oxigraph server with its data in ``folder``, stopped (terminate, then kill) at exit;
    ``union=False`` starts it without ``--union-default-graph``.

    Another process may take the free port between our probe and the server's bind, so a server
    that finds its port taken is started again on another one (three tries).
    """
    folder.mkdir(parents=True, exist_ok=True)
    started = None
    for attempt in range(3):
        started = _start(folder / "data", folder / f"stderr-{attempt}.log", attempt < 2, union)
        if started is not None:
            break
    assert started is not None
    process, server = started
    try:
        yield server
    finally:
        _stop(process)


class _Handler(BaseHTTPRequestHandler):
    """Answers every request with the server's fixed status, content type and body."""

    server: _FixedServer

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(self.server.status)
        self.send_header("Content-Type", self.server.content_type)
        self.send_header("Content-Length", str(len(self.server.body)))
        for name, value in self.server.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(self.server.body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


class _FixedServer(ThreadingHTTPServer):
    """An HTTP server that gives every request the same answer."""

    daemon_threads = True

    def __init__(
        self, status: int, content_type: str, body: bytes, headers: Mapping[str, str]
    ) -> None:
        super().__init__((LOOPBACK, 0), _Handler)
        self.status = status
        self.content_type = content_type
        self.body = body
        self.headers = headers


@contextlib.contextmanager
def http_server(
    status: int, content_type: str, body: bytes, headers: Mapping[str, str] | None = None
) -> Iterator[str]:
    """A tiny HTTP server on 127.0.0.1 answering every request alike (with ``headers`` besides
    its type and length); yields its base URL."""
    server = _FixedServer(status, content_type, body, headers or {})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class _CappingHandler(BaseHTTPRequestHandler):
    """Passes each request on to the server behind; a SPARQL JSON answer of more rows than the
    cap is cut to it, which only an ``X-SPARQL-MaxRows`` header says (as Virtuoso does)."""

    server: _CappingProxy

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {
            name: self.headers[name] for name in ("Accept", "Content-Type") if name in self.headers
        }
        request = urllib.request.Request(  # noqa: S310 (the test's own server on 127.0.0.1)
            self.server.upstream + self.path, data=body, headers=headers, method=self.command
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:  # noqa: S310
                status, kind, payload = answer.status, answer.headers["Content-Type"], answer.read()
        except urllib.error.HTTPError as error:
            status, kind, payload = error.code, error.headers["Content-Type"], error.read()
        said = {}
        if (kind or "").startswith("application/sparql-results+json"):
            results = json.loads(payload)
            rows = results.get("results", {}).get("bindings", [])
            if len(rows) > self.server.cap:
                results["results"]["bindings"] = rows[: self.server.cap]
                payload = json.dumps(results).encode("utf-8")
                said["X-SPARQL-MaxRows"] = str(self.server.cap)
        self.send_response(status)
        self.send_header("Content-Type", kind or "application/octet-stream")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in said.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    do_GET = _forward
    do_POST = _forward

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


class _CappingProxy(ThreadingHTTPServer):
    """An HTTP server before ``upstream`` that cuts SPARQL results at ``cap`` rows."""

    daemon_threads = True

    def __init__(self, upstream: str, cap: int) -> None:
        super().__init__((LOOPBACK, 0), _CappingHandler)
        self.upstream = upstream
        self.cap = cap


@contextlib.contextmanager
def capping_proxy(upstream: str, cap: int) -> Iterator[str]:
    """A proxy on 127.0.0.1 before the server at ``upstream`` (its base URL) that gives at most
    ``cap`` rows of a SELECT and says so only in an ``X-SPARQL-MaxRows`` header, as Virtuoso's
    ``ResultSetMaxRows`` does; yields its base URL (the same paths as upstream's)."""
    server = _CappingProxy(upstream.rstrip("/"), cap)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Listener:
    """A loopback socket that counts the connections made to it and never answers."""

    url: str
    connections: list[socket.socket]
    _socket: socket.socket
    _stop: threading.Event
    _thread: threading.Thread

    def made(self) -> list[socket.socket]:
        """Every connection made to it, once whoever would connect is done (the command has
        ended): the accepting thread is stopped and the kernel's queue of connections not yet
        accepted is drained. A connection that a finished process made is in one or the other
        (on loopback, ``connect`` returns once the kernel has queued it), so nothing waits on
        the clock."""
        self._stop.set()
        self._thread.join(timeout=5)
        assert not self._thread.is_alive()
        self._socket.setblocking(False)
        while True:
            try:
                connection, _ = self._socket.accept()
            except (BlockingIOError, OSError):
                return self.connections
            self.connections.append(connection)


@contextlib.contextmanager
def counting_listener() -> Iterator[Listener]:
    """A socket on 127.0.0.1 that accepts connections and never answers; yields a
    :class:`Listener` whose :meth:`~Listener.made` proves whether anything connected to it."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((LOOPBACK, 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()
    accepted: list[socket.socket] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(connection)  # held open, never read from or written to

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"http://{LOOPBACK}:{listener.getsockname()[1]}"
    try:
        yield Listener(url, accepted, listener, stop, thread)
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in accepted:
            connection.close()
        listener.close()


@contextlib.contextmanager
def hanging_server() -> Iterator[str]:
    """A socket on 127.0.0.1 that accepts connections and never answers; yields its base URL."""
    with counting_listener() as listener:
        yield listener.url


#: what a trickling server sends a byte at a time: its status line and headers, or its body
TRICKLES = ("headers", "body")


@contextlib.contextmanager
def trickling_server(
    part: str, every: float = 0.2, cut: threading.Event | None = None
) -> Iterator[str]:
    """A server on 127.0.0.1 that answers one byte every ``every`` seconds, for minutes: its
    status line and headers (``part`` = "headers"), or a 200 whose promised body trickles
    ("body"), so that no read waits long enough for a socket timeout; yields its base URL.
    ``cut`` is set when a client closes its connection while the answer is unfinished."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((LOOPBACK, 0))
    listener.listen(8)
    listener.settimeout(0.2)
    stop = threading.Event()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
    if part == "headers":
        first, slow = b"", head + b"X-Padding: " + b"." * 100_000
    else:
        first, slow = head + b"Content-Length: 100000\r\n\r\n", b" " * 100_000

    def answer(connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(1 << 16)
                connection.sendall(first)
                for byte in slow:
                    if stop.wait(every):
                        return
                    connection.sendall(bytes([byte]))
            except OSError:  # the client closed the connection: a send fails (broken pipe)
                if cut is not None:
                    cut.set()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=answer, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


# ---------------------------------------------------------------- Virtuoso

#: Debian's Virtuoso binaries (package virtuoso-opensource-7-bin, installed by scripts/test.sh)
VIRTUOSO = Path("/usr/bin/virtuoso-t")
ISQL = Path("/usr/bin/isql-vt")
#: how long a new Virtuoso may take to create its database and answer (about 15 s on 2 cores)
VIRTUOSO_START_TIMEOUT = 120.0
#: Virtuoso's own default cap on a result's rows (Debian's virtuoso.ini says the same)
VIRTUOSO_MAX_ROWS = 10_000

_VIRTUOSO_INI = """\
; a throw-away Virtuoso for diplograph's tests and benchmarks: everything in {folder},
; listening on 127.0.0.1 only
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
DirsAllowed = ., {folder}, {loads}
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
MaxClientConnections = 10

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = {max_seconds}
; no MaxQueryCostEstimationTime (OpenLink: a debugging aid): after graphs are loaded and dropped
; its estimates of millisecond queries ran from 434 s to overflows, and it refused them
"""


class ServerError(RuntimeError):
    """A test server could not be started: what was run, and what it said."""


@dataclass(frozen=True)
class VirtuosoServer:
    """A running Virtuoso: its SPARQL, Graph Store Protocol and SQL (isql) addresses."""

    http_port: int
    sql_port: int
    folder: Path
    #: a folder Virtuoso's bulk loader may read (its DirsAllowed)
    loads: Path
    #: the server's process id once started (a benchmark reads its CPU time from /proc)
    pid: int = 0

    @property
    def query_url(self) -> str:
        return f"http://{LOOPBACK}:{self.http_port}/sparql"

    @property
    def gsp_url(self) -> str:
        return f"http://{LOOPBACK}:{self.http_port}/sparql-graph-crud"

    @property
    def spec(self) -> str:
        """The writable store string: Virtuoso takes queries and updates at one URL."""
        return f"sparql+{self.query_url}#update={self.query_url}"

    @property
    def read_only_spec(self) -> str:
        return f"sparql+{self.query_url}"

    def isql(self, *statements: str, timeout: float = 600.0) -> str:
        """Run SQL statements as the database administrator; their output, or ServerError."""
        command = [str(ISQL), f"{LOOPBACK}:{self.sql_port}", "dba", "dba"]
        done = subprocess.run(
            [*command, "exec=" + " ".join(statements)],
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise ServerError(
                f"isql-vt ({' '.join(statements)}) failed: {(done.stdout + done.stderr).strip()}"
            )
        return done.stdout

    def bulk_load(self, path: Path, timeout: float = 600.0) -> None:
        """Load an N-Quads file with Virtuoso's own bulk loader (``ld_dir``, ``rdf_loader_run``),
        as an administrator restores a dump; the file must sit in :attr:`loads`. ``timeout``:
        the seconds it may take (all the real data takes longer than a test's file)."""
        assert path.parent == self.loads, f"{path} is not in {self.loads}"
        name = path.name.replace("'", "''")
        self.isql(
            "DELETE FROM DB.DBA.LOAD_LIST;",
            f"ld_dir('{self.loads}', '{name}', 'urn:diplograph:unnamed');",
            "rdf_loader_run();",
            "checkpoint;",
            timeout=timeout,
        )
        failed = self.isql(
            "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"
        )
        if "0 Rows" not in failed:
            raise ServerError(f"Virtuoso's bulk loader failed on {path}: {failed.strip()}")


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here (its binaries missing), or None."""
    for binary in (VIRTUOSO, ISQL):
        if not binary.is_file():
            return (
                f"Virtuoso's {binary.name} is missing ({binary}): install Debian's "
                "virtuoso-opensource-7-bin (scripts/test.sh does)."
            )
    return None


def _start_virtuoso(
    folder: Path, log: Path, max_rows: int, buffers: int, max_seconds: int = 60
) -> tuple[subprocess.Popen[bytes], VirtuosoServer]:
    missing = virtuoso_missing()
    if missing:
        raise ServerError(missing)
    database = folder / "db"
    loads = folder / "loads"
    database.mkdir(parents=True, exist_ok=True)  # an earlier run's database is opened again
    loads.mkdir(exist_ok=True)
    server = VirtuosoServer(free_port(), free_port(), database, loads)
    ini = database / "virtuoso.ini"
    ini.write_text(
        _VIRTUOSO_INI.format(
            folder=database,
            loads=loads,
            sql_port=server.sql_port,
            http_port=server.http_port,
            max_rows=max_rows,
            max_seconds=max_seconds,
            buffers=buffers,
            dirty_buffers=buffers * 3 // 4,
        ),
        encoding="utf-8",
    )
    command = [str(VIRTUOSO), "-f", "-c", str(ini)]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=database,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + VIRTUOSO_START_TIMEOUT
    while time.monotonic() < deadline and process.poll() is None:
        if _answers_get(server.query_url):
            try:
                server.isql('GRANT SPARQL_UPDATE TO "SPARQL";')
            except ServerError as refused:
                if "already have role" in str(refused):  # a database opened again: granted
                    return process, dataclasses.replace(server, pid=process.pid)
                # its HTTP port answers a moment before its SQL port: try again until the deadline
                if time.monotonic() + 1 < deadline and process.poll() is None:
                    time.sleep(1)
                    continue
                _stop(process)
                raise
            except BaseException:
                _stop(process)
                raise
            return process, dataclasses.replace(server, pid=process.pid)
        time.sleep(0.25)
    exited = process.poll()
    _stop(process)
    status = "did not answer" if exited is None else f"exited with status {exited}"
    said = log.read_text(errors="replace").strip()[-2000:]
    raise ServerError(
        f"Virtuoso ({' '.join(command)}) {status} within {VIRTUOSO_START_TIMEOUT:g} s at "
        f"{server.query_url}; it said: {said or '(nothing)'}"
    )


def _answers_get(query_url: str) -> bool:
    """Whether a SPARQL endpoint answers ``ASK {}`` sent by GET with a 200."""
    request = urllib.request.Request(  # noqa: S310 (always http://127.0.0.1)
        query_url + "?query=ASK%7B%7D",
        headers={"Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=0.5) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def virtuoso_server(
    folder: Path,
    *,
    max_rows: int = VIRTUOSO_MAX_ROWS,
    buffers: int = 20_000,
    max_seconds: int = 60,
) -> Iterator[VirtuosoServer]:
    """A Virtuoso with its configuration and database in ``folder``, on free loopback ports,
    updates granted to the SPARQL endpoint's user; stopped (terminate, then kill) at exit. A
    database an earlier server left in ``folder`` is opened again (its data kept), with a new
    configuration: so a benchmark loads the real data once and queries it in several runs.

    ``max_rows`` is its ``ResultSetMaxRows`` (the cap on a result); ``buffers`` its
    ``NumberOfBuffers`` (8 KiB pages of memory: 20,000 is 160 MiB); ``max_seconds`` its
    ``MaxQueryExecutionTime`` (after which it answers with what it has so far; Debian's 60).
    """
    process, server = _start_virtuoso(
        folder, folder / "virtuoso-stdout.log", max_rows, buffers, max_seconds
    )
    try:
        yield server
    finally:
        _stop(process)
