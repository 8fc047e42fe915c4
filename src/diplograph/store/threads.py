"""Engine work on a thread of its own: to bound it in time, or to give it a bigger stack.

The work's error is raised anew on the caller's thread without its traceback, whose frames hold
engine objects that must be freed on the thread that made them (pyoxigraph's results may not be
dropped on another).

>>> on_thread(lambda: 6 * 7, name="diplograph-example")
42
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from diplograph.errors import DiplographError, QueryError

__all__ = ["TimedOut", "on_thread"]

_T = TypeVar("_T")
#: the stack size is the process's setting for the threads started next: one change at a time
_STACK_LOCK = threading.Lock()


class TimedOut(QueryError):
    """The work on the thread took longer than it was given; the thread was left running."""


def on_thread(
    work: Callable[[], _T],
    *,
    name: str,
    timeout: float | None = None,
    stack: int | None = None,
) -> _T:
    """``work()`` on a fresh thread named ``name``: its result, or its error.

    With a ``timeout`` (seconds), :class:`TimedOut` when it has not ended by then: the thread, a
    daemon, goes on until the process exits. With a ``stack`` (bytes), the thread gets a stack
    that big. An error that is no :class:`~diplograph.errors.DiplographError` becomes a
    :class:`~diplograph.errors.QueryError` saying the query failed.
    """
    outcome: list[_T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except DiplographError as error:
            failure.append(type(error)(str(error)))
        except Exception as error:
            failure.append(QueryError(f"the query failed while running ({error})."))

    worker = threading.Thread(target=target, name=name, daemon=timeout is not None)
    if stack is None:
        worker.start()
    else:
        with _STACK_LOCK:
            previous = threading.stack_size(stack)
            try:
                worker.start()
            finally:
                threading.stack_size(previous)
    worker.join(timeout)
    if worker.is_alive():
        raise TimedOut(f"it got no answer within {timeout:g} s and was abandoned")
    if failure:
        raise failure[0]
    return outcome[0]
