"""HTTP connections with a time limit on the request: a client must send a whole request (its
headers and body) within :data:`REQUEST_TIMEOUT` seconds of starting it, or of connecting.

uvicorn times out an idle kept-alive connection, but not one that sends half a request and
waits (a "slowloris" client): each such connection holds a socket and a buffer for as long as
the client likes. :class:`TimedH11Protocol` is uvicorn's h11 protocol with that limit.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["REQUEST_TIMEOUT", "TimedH11Protocol"]

#: seconds a client has to send a whole request (headers and body) once it has begun
REQUEST_TIMEOUT = 30.0
#: the client's states in which a request is not whole yet: nothing of it, or part of it, came
_WAITING = (h11.IDLE, h11.SEND_BODY)


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request does not arrive in time."""

    request_timeout = REQUEST_TIMEOUT

    @classmethod
    def limited_to(cls, seconds: float) -> type[TimedH11Protocol]:
        """The protocol with a limit of ``seconds`` (uvicorn takes a class)."""
        return type(cls.__name__, (cls,), {"request_timeout": seconds})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._request_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in _WAITING:
            self._arm()  # a request has begun (or goes on): the clock runs from its start
        else:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._request_timer is None:
            self._request_timer = self.loop.call_later(self.request_timeout, self._expired)

    def _disarm(self) -> None:
        if self._request_timer is not None:
            self._request_timer.cancel()
            self._request_timer = None

    def _expired(self) -> None:
        self._request_timer = None
        if self.conn.their_state in _WAITING and not self.transport.is_closing():
            if self.cycle is not None and not self.cycle.response_complete:
                self.cycle.disconnected = True  # the application sees the client as gone
                self.cycle.message_event.set()
            self.transport.close()
