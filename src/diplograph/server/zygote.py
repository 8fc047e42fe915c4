"""The zygote: the process the server's workers are forked from, made before the server starts
any thread, and the workers' lives. Also the entry point of a spawned zygote,
``python -m diplograph.server.zygote FD SETTINGS``, when the store's data lives outside the server.

When the store's data lives in this process (``memory``, ``rdflib``: :meth:`Store.process_spec`
is None) the zygote holds the opened store and every worker shares it by fork, copy-on-write;
otherwise (on disk, an endpoint) the zygote is a fresh interpreter that holds no store, and each
worker opens the store's process spec itself (read-only on disk, beside the server's lock). An
update on an in-process store is applied in the zygote, after a worker proved it finishes.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from diplograph.bulk import gc_paused
from diplograph.errors import QueryError
from diplograph.queries.names import name_index
from diplograph.server.messages import Job, Reply, recv_frame, send_frame
from diplograph.server.protocol import perform
from diplograph.server.settings import WorkerSettings
from diplograph.store import open_store
from diplograph.store.oxigraph import inherit_lock

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = ["Perform", "Zygote", "main", "serve_zygote"]


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent ends (no orphans after a crash)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


#: runs one job on a store: the server's ``protocol.perform``, passed in (the process code needs
#: nothing of it but this)
Perform = Callable[["Store", Job], Reply]


def _open(settings: WorkerSettings, spec: str) -> Store:

    return open_store(
        spec,
        allow_service=settings.allow_service,
        service_timeout=settings.service_timeout,
        builtin=False,  # the server made sure of it before starting
    )


def _warm(store: Store) -> None:
    """Build the name indexes now, so that no client waits for them on a fresh worker."""

    for kind in ("actor", "concept"):
        name_index(store, kind)


def _worker(
    channel: socket.socket,
    store: Store | None,
    settings: WorkerSettings,
    spec: str | None,
    perform: Perform,
) -> None:
    """A worker's life: open (or inherit) the store, say ready, answer jobs until the end."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    try:
        if store is None:
            assert spec is not None
            store = _open(settings, spec)
            _warm(store)
        send_frame(channel, {"ready": True})
    except Exception as error:
        send_frame(channel, {"ready": False, "error": str(error)})
        return
    while (frame := recv_frame(channel)) is not None:
        job, body = frame
        if body:
            job["text"] = body.decode("utf-8")
        with gc_paused():  # one job is one batch of work: see diplograph.bulk
            reply = perform(store, job)
        send_frame(
            channel,
            {"status": reply.status, "media_type": reply.media_type, "headers": reply.headers},
            reply.body,
        )


def _zygote(
    control: socket.socket, store: Store | None, settings: WorkerSettings, perform: Perform
) -> None:
    """Fork a worker per request (its socket goes back over ``control``) until ``control`` ends.

    ``apply`` runs an update on the zygote's own store (after a worker proved it finishes).
    """
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed workers are reaped by the kernel
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    if store is not None:
        _warm(store)
    while (frame := recv_frame(control)) is not None:
        request, body = frame
        if request["op"] == "apply":
            assert store is not None
            try:
                store.update(body.decode("utf-8"))
                _warm(store)
                send_frame(control, {"ok": True})
            except Exception as error:
                send_frame(control, {"ok": False, "error": str(error)})
            continue
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            try:
                control.close()
                ours.close()
                _die_with_parent()
                _worker(theirs, store, settings, request.get("spec"), perform)
            finally:
                os._exit(0)
        theirs.close()
        socket.send_fds(control, [json.dumps({"pid": pid}).encode()], [ours.fileno()])
        ours.close()
    os._exit(0)


def serve_zygote(fd: int, settings: str, perform: Perform) -> None:
    """Be a spawned zygote on the control socket ``fd`` (:mod:`diplograph.server.zygote`)."""
    _die_with_parent()
    control = socket.socket(fileno=fd)
    chosen = WorkerSettings(**json.loads(settings))
    if chosen.held_lock is not None:
        inherit_lock(chosen.held_lock)
    _zygote(control, None, chosen, perform)


class Zygote:
    """The server's end of the zygote: ask it for workers (and, in memory, to apply updates)."""

    def __init__(self, control: socket.socket, pid: int, process: subprocess.Popen[bytes] | None):
        self.control = control
        self.pid = pid
        self._process = process

    @classmethod
    def start(cls, store: Store, settings: WorkerSettings, perform: Perform) -> Zygote:
        """Fork the zygote with ``store`` (in-process data) or spawn a bare one (data elsewhere).

        Call it before the server starts any thread: a fork copies only the calling thread.
        """
        ours, theirs = socket.socketpair()
        if settings.spec is None:
            pid = os.fork()
            if pid == 0:
                try:
                    ours.close()
                    _die_with_parent()
                    _zygote(theirs, store, settings, perform)
                finally:
                    os._exit(0)
            theirs.close()
            return cls(ours, pid, None)
        argument = json.dumps(settings.__dict__)
        process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "diplograph.server.zygote", str(theirs.fileno()), argument],
            pass_fds=[theirs.fileno()]
            + ([settings.held_lock] if settings.held_lock is not None else []),
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        return cls(ours, process.pid, process)

    def fork_worker(self, spec: str | None) -> tuple[int, socket.socket]:
        """A new worker (blocking): its process id and its socket."""
        send_frame(self.control, {"op": "fork", "spec": spec})
        message, fds, _flags, _address = socket.recv_fds(self.control, 1024, 1)
        if not fds:
            raise OSError("the worker zygote has ended")
        return int(json.loads(message)["pid"]), socket.socket(fileno=fds[0])

    def apply(self, text: str) -> None:
        """Run an update on the zygote's store (blocking); raises what the store raised."""

        send_frame(self.control, {"op": "apply"}, text.encode("utf-8"))
        frame = recv_frame(self.control)
        if frame is None:
            raise OSError("the worker zygote has ended")
        if not frame[0]["ok"]:
            raise QueryError(frame[0]["error"])

    def stop(self) -> None:
        """End the zygote (its workers die with it) and wait for it."""
        with contextlib.suppress(OSError):
            self.control.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        if self._process is not None:
            self._process.wait()
        else:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)


def main() -> None:
    """Be a spawned zygote: ``python -m diplograph.server.zygote FD SETTINGS``."""
    serve_zygote(int(sys.argv[1]), sys.argv[2], perform)


if __name__ == "__main__":
    main()
