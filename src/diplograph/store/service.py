"""Whether a query may call other servers (SPARQL ``SERVICE``, ``LOAD``), and for how long.

diplograph makes no network request that a query or update asks for unless the policy allows it;
an allowed ``SERVICE`` call is bounded in time, since the engines' HTTP clients have none.

>>> from diplograph.store.binding import analyse
>>> query = analyse("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
>>> ServicePolicy().check(query)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
diplograph.errors.NetworkRefused: The query has a SERVICE clause, ...
>>> ServicePolicy(allowed=True).check(query)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from diplograph.defaults import SERVICE_TIMEOUT
from diplograph.errors import NetworkRefused, QueryError
from diplograph.store.binding import SparqlText
from diplograph.store.threads import TimedOut, on_thread

__all__ = ["ServicePolicy"]

_T = TypeVar("_T")


@dataclass(frozen=True)
class ServicePolicy:
    """Whether queries may make network requests (``allowed``), and for how many seconds."""

    allowed: bool = False
    timeout: float = SERVICE_TIMEOUT

    def check(self, shape: SparqlText) -> None:
        """:class:`~diplograph.errors.NetworkRefused` if ``shape`` asks for a network request
        that is not allowed."""
        if self.allowed:
            return
        what = "query" if shape.form is not None else "update"
        if shape.uses_service:
            raise NetworkRefused(
                f"The {what} has a SERVICE clause, which would send a request to another "
                "server; no query or update may make network requests here."
            )
        if shape.update_keyword == "LOAD":
            raise NetworkRefused(
                "LOAD fetches a document from the network, and updates may not make network "
                "requests here; load a local copy of the file instead."
            )

    def run(self, shape: SparqlText, work: Callable[[], _T]) -> _T:
        """``work()``, bounded by :attr:`timeout` when ``shape`` calls a SERVICE."""
        if not shape.uses_service:
            return work()
        try:
            return on_thread(work, name="diplograph-service-query", timeout=self.timeout)
        except TimedOut:
            raise QueryError(
                f"The query's SERVICE call got no answer within {self.timeout:g} s; it was "
                "abandoned."
            ) from None
