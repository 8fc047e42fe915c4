"""The HTTP application (starlette): ``/sparql``, ``/queries``, ``/map`` and the page at ``/``.

Every query runs in a worker process of a :class:`~diplograph.server.workers.Pool`, never in
this one, so the event loop keeps answering while queries run, and a query past ``timeout`` has
its worker killed. Status codes (documented in the README): 200 answer, 204 update done,
400 malformed query or bad parameter, 403 update without ``--allow-update`` or a cross-origin
POST, 404 unknown query, 405 update over GET, 406 no acceptable format, 413 body over the limit,
415 not a SPARQL request body, 503 query stopped at the time limit (``X-Diplograph-Timeout``)
or all workers busy (``Retry-After``). A result cut to the row limit is a 200 with
``X-Diplograph-Truncated: true``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diplograph.errors import QueryError
from diplograph.queries import find_query, list_queries
from diplograph.server.messages import Job, Reply
from diplograph.server.page import PAGE_CSP, render_page
from diplograph.server.protocol import (
    MAX_ROWS,
    TOTAL_ROWS,
    TRUNCATED,
    HttpError,
    describe_query,
    job_params,
    negotiate,
    query_pairs,
    read_operation,
    service_description,
)
from diplograph.server.settings import ServerSettings
from diplograph.server.workers import QUEUE_TIMEOUT, Busy, Pool, TimedOut

if TYPE_CHECKING:
    from diplograph.queries import NamedQuery

__all__ = ["ServerSettings", "create_app", "is_loopback"]

TIMEOUT_HEADER = "X-Diplograph-Timeout"
#: headers a cross-origin client may read when CORS is on
EXPOSED = [TRUNCATED, MAX_ROWS, TOTAL_ROWS, TIMEOUT_HEADER]
#: the map page brings its own script policy (a meta element with hashes); the header adds these
MAP_CSP = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: for every other answer (JSON, CSV ... opened in a browser tab): nothing runs, nothing loads
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback name or address (127.0.0.0/8, ::1, localhost).

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Headers:
    """ASGI middleware: safe defaults on every answer (no sniffing, no referrer, no framing)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                defaults = {
                    b"x-content-type-options": b"nosniff",
                    b"referrer-policy": b"same-origin",  # (no-referrer would send "Origin: null")
                    b"x-frame-options": b"DENY",
                    b"content-security-policy": DATA_CSP.encode(),
                }
                headers += [(k, v) for k, v in defaults.items() if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)


def _plain(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return PlainTextResponse(message + "\n", status_code=status, headers=dict(headers or {}))


def _reply(reply: Reply, csp: str | None = None) -> Response:
    headers = dict(reply.headers)
    if csp:
        headers["Content-Security-Policy"] = csp
    return Response(reply.body, reply.status, headers, reply.media_type)


class Server:
    """The routes' state: the settings, the worker pool, the catalogue of named queries."""

    def __init__(self, settings: ServerSettings, pool: Pool) -> None:

        self.settings = settings
        self.pool = pool
        self.queries: dict[str, NamedQuery] = {q.name: q for q in list_queries()}
        self.listing = [describe_query(q) for q in self.queries.values()]
        self.forms = {entry["name"]: entry["form"] for entry in self.listing}
        self.page_html = render_page(settings, [e for e in self.listing if not e["check"]])

    # ---------------------------------------------------------------- helpers

    async def _body(self, request: Request) -> bytes:
        limit = self.settings.max_body
        too_big = HttpError(
            413, f"The request body is over this server's limit of {limit:,} bytes (--max-body)."
        )
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise too_big
                chunks.append(chunk)
        except ClientDisconnect:  # gone (or cut off by --request-timeout): nobody to answer
            raise HttpError(400, "The client went away before sending the whole request.") from None
        return b"".join(chunks)

    def _check_origin(self, request: Request) -> None:
        """Refuse a POST sent by another site's page (a browser says so in ``Origin``)."""
        origin = request.headers.get("origin")
        if origin is None:
            return
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin == own or "*" in self.settings.cors or origin in self.settings.cors:
            return
        raise HttpError(
            403,
            f"A page from {origin} may not send requests here; start the server with "
            "--cors ORIGIN to allow it.",
        )

    async def _run(self, job: Job, text: str | None = None) -> Reply:
        timeout = self.settings.timeout
        try:
            if job["op"] == "update":
                return await self.pool.update(job, timeout, text or "")
            return await self.pool.run(job, timeout, text)
        except TimedOut:
            raise HttpError(
                503,
                f"The query ran longer than this server's limit of {timeout:g} s and was "
                "stopped. Make it more selective (or add a LIMIT), or start the server with a "
                "longer --timeout.",
                {TIMEOUT_HEADER: f"{timeout:g}", "Retry-After": "1"},
            ) from None
        except Busy:
            raise HttpError(
                503,
                f"All {self.pool.size} query workers stayed busy for {QUEUE_TIMEOUT:g} s; "
                "try again.",
                {"Retry-After": "1"},
            ) from None
        except OSError as error:
            raise HttpError(500, f"The query failed: {error}.") from None

    def _named(self, name: str) -> NamedQuery:
        named = self.queries.get(name)
        if named is not None:
            return named

        if name and all(
            part.replace("-", "").replace("_", "").isalnum() for part in name.split("/")
        ):
            try:
                find_query(name)  # the CLI's own message, with the nearest names
            except QueryError as error:
                raise HttpError(404, str(error)) from None
        raise HttpError(404, f"Unknown query {name!r}. GET /queries lists the named queries.")

    def _named_job(self, request: Request) -> tuple[NamedQuery, dict[str, str], str | None]:
        """The named query of the path, its parameters (each known to it) and ``format``."""
        named = self._named(request.path_params["name"])
        params, fmt = job_params(query_pairs(request.url.query))
        for key in params:
            try:
                named.param(key)
            except QueryError as error:
                raise HttpError(400, str(error)) from None
        return named, params, fmt

    # ---------------------------------------------------------------- routes

    async def page(self, request: Request) -> Response:
        return Response(
            self.page_html, media_type="text/html", headers={"Content-Security-Policy": PAGE_CSP}
        )

    async def sparql(self, request: Request) -> Response:
        body = b""
        if request.method == "POST":
            self._check_origin(request)
            body = await self._body(request)
        operation = await asyncio.to_thread(  # decoding a body of up to --max-body: not here
            read_operation,
            request.method,
            request.url.query,
            request.headers.get("content-type"),
            body,
        )
        accept = request.headers.get("accept")
        if operation.kind == "describe":
            if request.method == "POST":
                raise HttpError(400, "The request has no 'query' or 'update'.")
            if accept and "text/html" in accept and "turtle" not in accept:
                return RedirectResponse("/", status_code=303)
            if accept and negotiate(accept, "CONSTRUCT", operation.fmt) != "turtle":
                raise HttpError(406, "The service description comes as Turtle (text/turtle).")
            endpoint = str(request.url.replace(query=""))
            text = service_description(endpoint, self.settings.allow_update)
            return Response(text, media_type="text/turtle")
        if operation.kind == "update":
            if not self.settings.allow_update:
                raise HttpError(
                    403,
                    "This server is read-only: updates are refused. Start it with "
                    "--allow-update to accept them.",
                )
            if request.method != "POST":
                raise HttpError(405, "Updates are sent with POST, never GET.", {"Allow": "POST"})
            return _reply(await self._run({"op": "update"}, operation.text))
        if not operation.text.strip():
            raise HttpError(400, "The query is empty.")
        # the query's form (which the format depends on) is found by the worker: nothing
        # as big as a request body is read through in this loop, which answers everyone
        job = {
            "op": "sparql",
            "accept": accept,
            "format": operation.fmt,
            "max_rows": self.settings.max_rows,
        }
        return _reply(await self._run(job, operation.text))

    async def list_queries(self, request: Request) -> Response:
        checks = request.query_params.get("checks", "").lower() in {"1", "true", "yes"}
        listing = [e for e in self.listing if checks or not e["check"]]
        return JSONResponse(listing)

    async def run_named(self, request: Request) -> Response:
        named, params, fmt = self._named_job(request)
        chosen = negotiate(request.headers.get("accept"), self.forms[named.name], fmt)
        job = {
            "op": "named",
            "name": named.name,
            "params": params,
            "format": chosen,
            "max_rows": self.settings.max_rows,
        }
        return _reply(await self._run(job))

    async def map_named(self, request: Request) -> Response:
        named, params, _ = self._named_job(request)
        return _reply(await self._run({"op": "map", "name": named.name, "params": params}), MAP_CSP)

    async def map_text(self, request: Request) -> Response:
        self._check_origin(request)
        body = await self._body(request)
        content_type = request.headers.get("content-type")
        operation = await asyncio.to_thread(read_operation, "POST", "", content_type, body)
        if operation.kind != "query" or not operation.text.strip():
            raise HttpError(400, "Send the query to map as the form field 'query'.")
        return _reply(await self._run({"op": "map"}, operation.text), MAP_CSP)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HttpError)
    return _plain(error.status, error.message, error.headers)


def create_app(
    settings: ServerSettings, pool: Pool, on_ready: Callable[[], None] | None = None
) -> Starlette:
    """The application serving ``pool``'s store; the pool starts (then ``on_ready`` is called)
    and stops with it."""
    server = Server(settings, pool)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        if on_ready is not None:
            on_ready()
        yield
        await pool.stop()

    middleware = [Middleware(_Headers)]
    if is_loopback(settings.host):  # a page on another site cannot reach us by DNS rebinding
        # a Host header writes an IPv6 address in brackets: [::1]:8000
        named = f"[{settings.host}]" if ":" in settings.host else settings.host
        hosts = ["127.0.0.1", "localhost", named]
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=hosts))
    if settings.cors:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors),
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=EXPOSED,
            )
        )
    routes = [
        Route("/", server.page, methods=["GET"]),
        Route("/sparql", server.sparql, methods=["GET", "POST"]),
        Route("/queries", server.list_queries, methods=["GET"]),
        Route("/queries/{name:path}", server.run_named, methods=["GET"]),
        Route("/map/{name:path}", server.map_named, methods=["GET"]),
        Route("/map", server.map_text, methods=["POST"]),
        Mount("/static", StaticFiles(packages=[("diplograph.server", "static")]), name="static"),
    ]
    handlers: dict[Any, Any] = {HttpError: _http_error}
    return Starlette(
        routes=routes, middleware=middleware, exception_handlers=handlers, lifespan=lifespan
    )
