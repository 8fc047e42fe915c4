"""What a command-line user does about what the library refused: the flags and commands that
the library's own messages do not name (see :func:`diplograph.errors.with_hint`)."""

from __future__ import annotations

from diplograph.errors import NetworkRefused, ReadOnlyStore, UpdateRefused

__all__ = ["HINTS"]

#: error type -> the hint appended to its message (the first type the error is an instance of)
HINTS: dict[type[BaseException], str] = {
    UpdateRefused: (
        "Updates go through 'diplograph load' and 'unload', or a server started with "
        "--allow-update."
    ),
    NetworkRefused: "diplograph makes no network request a query asks for unless you pass "
    "--allow-service.",
    ReadOnlyStore: "(The store is given with --store; a SPARQL endpoint's update URL may be "
    "given with --update-url too.)",
}
