"""Errors a user can cause: each names the file, line or thing at fault, in one paragraph."""

from __future__ import annotations

import errno

__all__ = [
    "NO_SPACE",
    "DataError",
    "DataWarning",
    "DiplographError",
    "OutputError",
    "QueryError",
    "StoreError",
    "UnknownNameError",
    "no_space",
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


class UnknownNameError(DiplographError):
    """An actor or concept named by the user is not in the graph; suggests the nearest names."""


class StoreError(DiplographError):
    """A store cannot be opened, reached or written: locked, read-only, unreachable endpoint."""


class OutputError(DiplographError):
    """An output cannot be written: a device or folder in the way, a missing or read-only place."""


#: errors of a device with no room left: no space, over the quota, a file over the size limit
NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def no_space(error: BaseException) -> bool:
    """Whether ``error`` says the device is full (by its errno, or RocksDB's words for it)."""
    if isinstance(error, OSError) and error.errno in NO_SPACE:
        return True
    return "No space left on device" in str(error)
