"""Servers the store tests talk to, all on 127.0.0.1: Oxigraph server and misbehaving endpoints."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

__all__ = [
    "LOOPBACK",
    "OxigraphServer",
    "free_port",
    "hanging_server",
    "http_server",
    "oxigraph_binary",
    "oxigraph_server",
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
    location: Path, log: Path, retry_port_clash: bool
) -> tuple[subprocess.Popen[bytes], OxigraphServer] | None:
    """Start ``oxigraph serve`` on a free loopback port and wait until it answers; else fail.

    None when the port was taken meanwhile (by another process) and ``retry_port_clash`` is set.
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
        "--union-default-graph",
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
def oxigraph_server(folder: Path) -> Iterator[OxigraphServer]:
    """A real Oxigraph server with its data in ``folder``, stopped (terminate, then kill) at exit.

    Another process may take the free port between our probe and the server's bind, so a server
    that finds its port taken is started again on another one (three tries).
    """
    folder.mkdir(parents=True, exist_ok=True)
    started = None
    for attempt in range(3):
        started = _start(folder / "data", folder / f"stderr-{attempt}.log", attempt < 2)
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
        self.end_headers()
        self.wfile.write(self.server.body)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


class _FixedServer(ThreadingHTTPServer):
    """An HTTP server that gives every request the same answer."""

    daemon_threads = True

    def __init__(self, status: int, content_type: str, body: bytes) -> None:
        super().__init__((LOOPBACK, 0), _Handler)
        self.status = status
        self.content_type = content_type
        self.body = body


@contextlib.contextmanager
def http_server(status: int, content_type: str, body: bytes) -> Iterator[str]:
    """A tiny HTTP server on 127.0.0.1 answering every request alike; yields its base URL."""
    server = _FixedServer(status, content_type, body)
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


@contextlib.contextmanager
def counting_listener() -> Iterator[Listener]:
    """A socket on 127.0.0.1 that accepts connections and never answers; yields a
    :class:`Listener` whose ``connections`` prove whether anything connected to it."""
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
    try:
        yield Listener(f"http://{LOOPBACK}:{listener.getsockname()[1]}", accepted)
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
