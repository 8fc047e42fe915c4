"""How the server and its workers are set up: what the command line chose, in one place that the
page, the app and the worker processes read."""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.defaults import SERVICE_TIMEOUT

__all__ = ["ServerSettings", "WorkerSettings"]


@dataclass(frozen=True)
class ServerSettings:
    """How the server answers: limits, what it allows, where it listens."""

    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 30.0
    max_rows: int = 100_000
    max_body: int = 1 << 20
    allow_update: bool = False
    cors: tuple[str, ...] = ()
    store: str = ""


@dataclass(frozen=True)
class WorkerSettings:
    """How workers open the store when it is not shared by fork."""

    spec: str | None  #: the store's process spec (None: shared by fork from the zygote)
    update_spec: str | None  #: the spec a one-off updater opens (None: probe, then the zygote)
    allow_service: bool = False
    service_timeout: float = SERVICE_TIMEOUT
    #: a descriptor (the same number in the zygote and its workers) holding the store's lock for
    #: them: the server holds the store for its life, and its one-off updaters write through it
    held_lock: int | None = None
