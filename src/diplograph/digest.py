"""SHA-256 digests: how diplograph identifies a file's content (source documents, loaded files).

>>> sha256_hex("diplograph")[:12]
'02f1712ab91f'
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

__all__ = ["sha256_base64", "sha256_file", "sha256_hex"]

_BLOCK = 1 << 20  # read files a megabyte at a time: memory stays flat however big they are


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_hex(data: str | bytes) -> str:
    """The hex SHA-256 of ``data`` (text as UTF-8)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


def sha256_base64(data: str | bytes) -> str:
    """The base64 SHA-256 of ``data`` (text as UTF-8): the form a Content-Security-Policy hash
    source takes (``'sha256-…'``).

    >>> sha256_base64("diplograph")[:12]
    'AvFxKrkfDsNL'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return base64.b64encode(hashlib.sha256(raw).digest()).decode("ascii")
