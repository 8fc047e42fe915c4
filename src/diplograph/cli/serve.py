"""``diplograph serve``: the store as a SPARQL endpoint with a query page, on loopback."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from diplograph.cli.common import app, console, escape, options
from diplograph.errors import StoreError

if TYPE_CHECKING:
    import socket

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

__all__ = ["serve"]


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket (bound before any worker starts, so a taken port fails at once)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto named: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say IPPROTO_TCP;
    # with it on, every answer after the first on a kept-alive connection waited 40 ms for the
    # client's delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise typer.BadParameter(
            f"cannot listen on {host}:{port} ({error.strerror or error}).", param_hint="--port"
        ) from None
    sock.listen(256)
    return sock


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on; loopback unless --public.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="The port; 0 picks a free one.")
    ] = 8000,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="Allow a --host that is not loopback: anyone who reaches it can query the graph.",
        ),
    ] = False,
    allow_update: Annotated[
        bool,
        typer.Option("--allow-update", help="Accept SPARQL updates (POST); read-only otherwise."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", min=0.1, help="Stop a query (or update) that runs longer (seconds)."
        ),
    ] = 30.0,
    max_rows: Annotated[
        int,
        typer.Option("--max-rows", min=0, help="Cut results to this many rows; 0: no limit."),
    ] = 100_000,
    max_body: Annotated[
        int, typer.Option("--max-body", min=1, help="Refuse request bodies over this (bytes).")
    ] = 1 << 20,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Worker processes running queries; default: twice the CPUs, at least 4 (a "
            "runaway query then takes a share of the CPU, not a whole worker's queue).",
        ),
    ] = None,
    request_timeout: Annotated[
        float,
        typer.Option(
            "--request-timeout",
            min=0.1,
            help="Close a connection whose request (headers and body) has not all come within "
            "this many seconds of its start (slow or stalled clients).",
        ),
    ] = 30.0,
    cors: Annotated[
        list[str] | None,
        typer.Option(
            "--cors",
            help="Let pages from this origin (e.g. https://example.org, or *) call the "
            "endpoint. Repeatable; off by default.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the store: SPARQL 1.1 Protocol at /sparql, named queries at /queries, a page at /.

    Every query runs in a worker process that is killed when it passes --timeout, so a runaway
    query never holds the server. Stop the server with Ctrl-C.
    """
    from diplograph.server.app import is_loopback
    from diplograph.server.settings import ServerSettings

    err = console(stderr=True)
    if not is_loopback(host):
        if not public:
            raise typer.BadParameter(
                f"{host} is not a loopback address: anyone who can reach it could query the "
                "graph. Pass --public as well if that is what you want.",
                param_hint="--host",
            )
        err.print(
            f"[yellow]warning:[/yellow] serving on {escape(host)}, which is not loopback: "
            "anyone who can reach this machine can query the graph"
            + (" and change it (--allow-update)." if allow_update else ".")
        )
    opts = options(ctx)
    if allow_update and opts.data:
        raise StoreError(
            "--data adds files for one command only; with --allow-update, load them into the "
            "store first ('diplograph load FILE')."
        )
    listener = _listen(host, port)
    store = opts.kg().store
    if allow_update and not store.writable:
        raise StoreError(f"The store {store.describe()} is read-only, so --allow-update cannot be.")

    from diplograph.server.protocol import perform
    from diplograph.server.settings import WorkerSettings
    from diplograph.server.workers import Pool
    from diplograph.server.zygote import Zygote

    update_spec = store.process_spec(writable=True) if allow_update else None
    held_lock = store.keep_lock() if update_spec is not None else None  # held while it serves
    worker_settings = WorkerSettings(
        spec=store.process_spec(),
        update_spec=update_spec,
        allow_service=store.service.allowed,
        service_timeout=store.service.timeout,
        held_lock=held_lock,
    )
    zygote = Zygote.start(store, worker_settings, perform)  # before any thread starts
    if update_spec is not None:
        # the one-off updaters open the store writable: they need the engine's own lock, and
        # take the store's through this process, which keeps it (held_lock) until it ends
        opts.close()
    size = workers or 2 * max(2, os.cpu_count() or 1)
    bound = listener.getsockname()
    settings = ServerSettings(
        host=host,
        port=bound[1],
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        allow_update=allow_update,
        cors=tuple(cors or ()),
        store=store.describe(),
    )
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{bound[1]}/"

    def ready() -> None:
        err.print(
            f"diplograph serve: {url} (SPARQL endpoint {url}sparql) on {escape(store.describe())}"
            f", {size} workers, {timeout:g} s per query, "
            + (f"{max_rows:,} rows" if max_rows else "no row limit")
            + (", updates allowed" if allow_update else ", read-only")
            + ". Ctrl-C stops it."
        )

    import uvicorn

    from diplograph.server.app import create_app

    application = create_app(settings, Pool(zygote, worker_settings, size), on_ready=ready)
    from diplograph.server.connections import TimedH11Protocol

    config = uvicorn.Config(
        application,
        http=TimedH11Protocol.limited_to(request_timeout),
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=64 * 1024,  # GET requests with long queries
    )
    uvicorn.Server(config).run(sockets=[listener])
