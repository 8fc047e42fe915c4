"""What the server adds to what the library refused: how whoever runs the server allows it
(see :func:`diplograph.errors.with_hint`)."""

from __future__ import annotations

from diplograph.errors import NetworkRefused, UpdateRefused

__all__ = ["HINTS"]

#: error type -> the hint appended to its message in a reply
HINTS: dict[type[BaseException], str] = {
    UpdateRefused: "Send updates as an 'update' (SPARQL 1.1 Protocol), to a server started with "
    "--allow-update.",
    NetworkRefused: "diplograph makes no network request a query asks for unless the server is "
    "started with --allow-service.",
}
