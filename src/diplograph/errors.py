"""Errors a user can cause: each names the file, line or thing at fault, in one paragraph."""

from __future__ import annotations

import errno
from collections.abc import Mapping

__all__ = [
    "NO_SPACE",
    "DataError",
    "DataWarning",
    "DiplographError",
    "NetworkRefused",
    "OutputError",
    "QueryError",
    "ReadOnlyStore",
    "StoreError",
    "UnknownNameError",
    "UpdateRefused",
    "no_space",
    "with_hint",
]


class DiplographError(Exception):
    """Base class of the errors the CLI reports as one paragraph, with no traceback."""


class DataError(DiplographError):
    """A data file cannot be read: malformed RDF, unknown format, missing file."""


class DataWarning(UserWarning):
    """Data given was not all used, with no error: a folder with no RDF files, files in a folder
    skipped for their suffix. The CLI prints it on stderr as ``warning: ...``; from Python it is
    an ordinary warning (``warnings.simplefilter("error", DataWarning)`` makes it fail)."""


class QueryError(DiplographError):
    """A query cannot run: unknown name, malformed SPARQL, bad or unknown parameter."""


class UpdateRefused(QueryError):
    """A SPARQL update given where only queries run. Its message says what the library refused;
    the CLI and the server each add how their user changes data (:mod:`diplograph.cli.hints`)."""


class NetworkRefused(QueryError):
    """A query or update that would make a network request (SERVICE, LOAD) that was not allowed;
    the CLI and the server add how their user allows it."""


class UnknownNameError(DiplographError):
    """An actor or concept named by the user is not in the graph; suggests the nearest names."""


class StoreError(DiplographError):
    """A store cannot be opened, reached or written: locked, read-only, unreachable endpoint."""


class ReadOnlyStore(StoreError):
    """A write (load, unload, update) asked of a store opened read-only; the CLI adds how to open
    it writable."""


class OutputError(DiplographError):
    """An output cannot be written: a device or folder in the way, a missing or read-only place."""


#: errors of a device with no room left: no space, over the quota, a file over the size limit
NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def no_space(error: BaseException) -> bool:
    """Whether ``error`` says the device is full (by its errno, or RocksDB's words for it)."""
    if isinstance(error, OSError) and error.errno in NO_SPACE:
        return True
    return "No space left on device" in str(error)


def with_hint(error: BaseException, hints: Mapping[type[BaseException], str]) -> str:
    """``error``'s message and the hint of the first of ``hints`` it is an instance of: how the
    CLI and the server each add their own words (their flags) to what the library refused.

    >>> with_hint(ReadOnlyStore("The store is read-only."), {StoreError: "Open it writable."})
    'The store is read-only. Open it writable.'
    """
    for kind, hint in hints.items():
        if isinstance(error, kind):
            return f"{error} {hint}"
    return str(error)
