"""``diplograph serve``: a SPARQL 1.1 Protocol endpoint, named queries over HTTP, a query page.

:mod:`~diplograph.server.protocol` speaks the protocol over a Store and the result writers,
:mod:`~diplograph.server.workers` runs every query in a killable worker process, forked by
:mod:`~diplograph.server.zygote`, jobs and replies going as :mod:`~diplograph.server.messages`;
:mod:`~diplograph.server.settings` holds what the command line chose,
:mod:`~diplograph.server.hints` what the server adds to the library's refusals;
:mod:`~diplograph.server.app` is the starlette application, :mod:`~diplograph.server.page` the
page at ``/`` (its script and style under ``static/``).
"""

from __future__ import annotations

__all__: list[str] = []
