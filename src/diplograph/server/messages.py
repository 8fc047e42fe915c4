"""The messages between the server and its worker processes: a :data:`Job` one way, a
:class:`Reply` the other, each sent as a frame: lengths (``!IQ``: the JSON header's, the body's),
a JSON header, raw bytes.
"""

from __future__ import annotations

import json
import socket
import struct
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FRAME", "Job", "Reply", "recv_frame", "send_frame"]


FRAME = struct.Struct("!IQ")


@dataclass(frozen=True)
class Reply:
    """What a worker answers: an HTTP status, media type, extra headers and the body."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


#: a job for a worker: a JSON-able dict with an ``op`` (see :func:`diplograph.server.protocol`)
Job = dict[str, Any]


def _read_exact(sock: socket.socket, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def send_frame(sock: socket.socket, header: dict[str, Any], body: bytes = b"") -> None:
    head = json.dumps(header).encode("utf-8")
    sock.sendall(FRAME.pack(len(head), len(body)) + head + body)


def recv_frame(sock: socket.socket) -> tuple[dict[str, Any], bytes] | None:
    """The next frame, or None when the other end has closed."""
    prefix = _read_exact(sock, FRAME.size)
    if prefix is None:
        return None
    head_size, body_size = FRAME.unpack(prefix)
    head = _read_exact(sock, head_size)
    body = _read_exact(sock, body_size) if body_size else b""
    if head is None or body is None:
        return None
    header: dict[str, Any] = json.loads(head)
    return header, body
