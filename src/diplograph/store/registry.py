"""Open a store by its string, as rdflib's plugin registry and kglab's ``store=`` do.

========================================  ==============================================
store string                              what it is
========================================  ==============================================
``oxigraph:PATH``                         Oxigraph on disk at PATH (persistent)
``oxigraph-ro:PATH``                      the same, read-only (several readers at once)
``memory``                                Oxigraph in memory: nothing is written anywhere
``rdflib``                                rdflib's in-memory dataset (slow; for comparison)
``sparql+http(s)://HOST/PATH``            a SPARQL 1.1 endpoint, read-only
``sparql+http://…/query#update=URL``      the same, writable through the update URL
========================================  ==============================================

An endpoint's options go after ``#``, joined by ``&``: ``update=URL``, ``timeout=S`` (seconds,
60 by default), ``gsp=URL`` (its Graph Store Protocol endpoint for loading files; ``none`` for
``INSERT DATA`` requests; found for Virtuoso and Oxigraph server when not given), and
``strict=true`` (a result the server cut is an error, not a warning).

Without a store string, ``DIPLOGRAPH_STORE`` is used, else the default: Oxigraph on disk in the
per-user data folder (:func:`default_store_path`, e.g. ``~/.local/share/diplograph/store``).

>>> store = open_store("memory")
>>> len(store) > 1000  # the built-in ontology and graph are always there
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from diplograph.defaults import SERVICE_TIMEOUT
from diplograph.errors import StoreError
from diplograph.store.base import Store
from diplograph.store.engine import Engine
from diplograph.store.service import ServicePolicy

__all__ = ["DEFAULT_STORE_ENV", "STORE_KINDS", "default_store_path", "open_store", "store_spec"]

DEFAULT_STORE_ENV = "DIPLOGRAPH_STORE"


def default_store_path() -> Path:
    """The default on-disk store: ``<user data folder>/diplograph/store``."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("diplograph", appauthor=False)) / "store"


def _open_oxigraph(path: Path, read_only: bool) -> Engine:
    # an engine's module (and remote's HTTP client) loads when a store string names it
    from diplograph.store.oxigraph import OxigraphEngine

    return OxigraphEngine(path, read_only=read_only)


def _oxigraph(rest: str) -> Engine:
    if not rest:
        raise StoreError("oxigraph: needs a folder, e.g. oxigraph:./my-store")
    return _open_oxigraph(Path(rest).expanduser(), read_only=False)


def _oxigraph_read_only(rest: str) -> Engine:
    if not rest:
        raise StoreError("oxigraph-ro: needs a folder, e.g. oxigraph-ro:./my-store")
    return _open_oxigraph(Path(rest).expanduser(), read_only=True)


def _memory(rest: str) -> Engine:
    # an engine's module loads when a store string names it (see _open_oxigraph)
    from diplograph.store.oxigraph import OxigraphEngine

    return OxigraphEngine(None)


def _rdflib(rest: str) -> Engine:
    # an engine's module loads when a store string names it (see _open_oxigraph)
    from diplograph.store.rdflib_store import RdflibEngine

    return RdflibEngine()


def _sparql(rest: str) -> Engine:
    # an engine's module loads when a store string names it (see _open_oxigraph)
    from diplograph.store.remote import DEFAULT_TIMEOUT, RemoteEngine

    parts = urlsplit(rest)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise StoreError(f"sparql+{rest}: give the endpoint as sparql+http(s)://host/path.")
    options = parse_qs(parts.fragment)
    update = options.get("update", [None])[0]
    text = options.get("timeout", [""])[0]
    try:
        timeout = float(text) if text else DEFAULT_TIMEOUT
    except ValueError:
        timeout = -1.0
    if not 0 < timeout < float("inf"):
        raise StoreError(f"sparql+{rest}: timeout={text} is not a number of seconds above 0.")
    gsp = options.get("gsp", [None])[0]
    if gsp is not None and gsp.lower() != "none" and urlsplit(gsp).scheme not in {"http", "https"}:
        raise StoreError(f"sparql+{rest}: gsp={gsp} is not an http(s) URL (or none).")
    strict = options.get("strict", ["false"])[0].lower()
    if strict not in {"true", "false", "1", "0", "yes", "no"}:
        raise StoreError(f"sparql+{rest}: strict={strict} is neither true nor false.")
    query_url = parts._replace(fragment="").geturl()
    return RemoteEngine(
        query_url,
        update,
        timeout=timeout,
        gsp_url="" if gsp is not None and gsp.lower() == "none" else gsp,
        strict=strict in {"true", "1", "yes"},
    )


#: store kind (the part before the first colon) -> the engine's factory, taking the rest of the
#: string
STORE_KINDS: dict[str, Callable[[str], Engine]] = {
    "oxigraph": _oxigraph,
    "oxigraph-ro": _oxigraph_read_only,
    "memory": _memory,
    "rdflib": _rdflib,
    "sparql+http": lambda rest: _sparql("http:" + rest),
    "sparql+https": lambda rest: _sparql("https:" + rest),
}


def store_spec(spec: str | None = None) -> str:
    """The store string to use: ``spec``, else ``$DIPLOGRAPH_STORE``, else the default on disk."""
    chosen = spec or os.environ.get(DEFAULT_STORE_ENV) or ""
    return chosen.strip() or f"oxigraph:{default_store_path()}"


def open_store(
    spec: str | None = None,
    *,
    update_url: str | None = None,
    allow_service: bool = False,
    service_timeout: float = SERVICE_TIMEOUT,
    builtin: bool = True,
    report: Callable[[str], None] | None = None,
) -> Store:
    """Open the store named by ``spec`` (see the module docstring) with the built-in graph loaded.

    ``update_url`` makes a SPARQL endpoint writable; ``allow_service`` lets queries make the
    network requests their SERVICE clauses ask for, each query then abandoned after
    ``service_timeout`` seconds; ``builtin=False`` skips the built-in check. ``report`` is told
    of long housekeeping as it starts (:attr:`Store.report`), from the built-in check on.
    """
    text = store_spec(spec)
    kind, _, rest = text.partition(":")
    factory = STORE_KINDS.get(kind.lower())
    if factory is None:
        kinds = "oxigraph:PATH, oxigraph-ro:PATH, memory, rdflib, sparql+http(s)://…"
        raise StoreError(f"Unknown store {text!r}; use one of {kinds}.")
    engine = factory(rest)
    if update_url is not None:
        # an engine's module loads when a store string names it (see _open_oxigraph)
        from diplograph.store.remote import RemoteEngine

        if not isinstance(engine, RemoteEngine):
            raise StoreError("An update URL is for a SPARQL endpoint store (sparql+http…).")
        engine.update_url = update_url
        engine.writable = True
    engine.report = report
    engine.service = ServicePolicy(allow_service, service_timeout)
    store = Store(engine)
    if builtin:
        try:
            store.ensure_builtin()
        except BaseException:
            store.close()
            raise
    return store
