"""Killable worker processes that run the queries, so that a timeout really stops the work.

pyoxigraph cannot cancel a running query, so no query runs in the server's own process: each
runs in a worker process, and one that outlives its time has its worker killed (SIGKILL) and
replaced, which frees the CPU at once. Workers are forked by a *zygote*, a process made before
the server starts any thread. When the store's data lives in this process (``memory``,
``rdflib``: :meth:`Store.process_spec` is None) the zygote holds the opened store and every
worker shares it by fork, copy-on-write; otherwise (on disk, an endpoint) the zygote is a fresh
interpreter that holds no store, and each worker opens the store's process spec itself
(read-only on disk, beside the server's lock).

Updates are bounded the same way. For an in-process store the update is first tried in a worker
(killed if too slow) and only then applied in the zygote, so a killed update changes nothing;
for a store elsewhere a one-off worker opens it writable and runs the update as one transaction.
Either way every worker is then replaced, so the next query sees the change.

Messages are frames: lengths (``!IQ``), a JSON header, raw bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from diplograph.defaults import SERVICE_TIMEOUT
from diplograph.store.oxigraph import inherit_lock

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = ["Busy", "Job", "Pool", "Reply", "TimedOut", "WorkerSettings", "Zygote"]

_FRAME = struct.Struct("!IQ")
#: how long a new worker may take to open the store and warm its name index
START_TIMEOUT = 120.0
#: how long a request may wait for a free worker before it is refused as "busy" (503)
QUEUE_TIMEOUT = 60.0


@dataclass(frozen=True)
class Reply:
    """What a worker answers: an HTTP status, media type, extra headers and the body."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


#: a job for a worker: a JSON-able dict with an ``op`` (see :func:`diplograph.server.protocol`)
Job = dict[str, Any]


class TimedOut(Exception):
    """The job ran past its time; its worker was killed."""


class Busy(Exception):
    """No worker became free within the job's time."""


@dataclass(frozen=True)
class WorkerSettings:
    """How workers open the store when it is not shared by fork."""

    spec: str | None  #: the store's process spec (None: shared by fork from the zygote)
    update_spec: str | None  #: the spec a one-off updater opens (None: probe, then the zygote)
    allow_service: bool = False
    service_timeout: float = SERVICE_TIMEOUT
    #: a descriptor (the same number in the zygote and its workers) holding the store's lock for
    #: them: the server holds the store for its life, and its one-off updaters write through it
    held_lock: int | None = None


# ------------------------------------------------------------------ framing (blocking side)


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
    sock.sendall(_FRAME.pack(len(head), len(body)) + head + body)


def recv_frame(sock: socket.socket) -> tuple[dict[str, Any], bytes] | None:
    """The next frame, or None when the other end has closed."""
    prefix = _read_exact(sock, _FRAME.size)
    if prefix is None:
        return None
    head_size, body_size = _FRAME.unpack(prefix)
    head = _read_exact(sock, head_size)
    body = _read_exact(sock, body_size) if body_size else b""
    if head is None or body is None:
        return None
    header: dict[str, Any] = json.loads(head)
    return header, body


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent ends (no orphans after a crash)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


# ------------------------------------------------------------------ worker and zygote processes

#: runs one job on a store: set by the server (``protocol.perform``), kept here as a hook so that
#: this module knows nothing of HTTP
Perform = Callable[["Store", Job], Reply]


def _open(settings: WorkerSettings, spec: str) -> Store:
    from diplograph.store import open_store

    return open_store(
        spec,
        allow_service=settings.allow_service,
        service_timeout=settings.service_timeout,
        builtin=False,  # the server made sure of it before starting
    )


def _warm(store: Store) -> None:
    """Build the name indexes now, so that no client waits for them on a fresh worker."""
    from diplograph.queries.names import name_index

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
        from diplograph.errors import QueryError

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


# ------------------------------------------------------------------ the server's pool (asyncio)


class _Worker:
    """One worker process as the pool sees it."""

    def __init__(
        self, pid: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, generation: int
    ) -> None:
        self.pid = pid
        self.reader = reader
        self.writer = writer
        self.generation = generation

    async def read(self) -> tuple[dict[str, Any], bytes]:
        head_size, body_size = _FRAME.unpack(await self.reader.readexactly(_FRAME.size))
        header: dict[str, Any] = json.loads(await self.reader.readexactly(head_size))
        return header, await self.reader.readexactly(body_size) if body_size else b""

    async def call(self, job: Job, text: str | None) -> Reply:
        head = json.dumps(job).encode("utf-8")
        body = (text or "").encode("utf-8")
        self.writer.write(_FRAME.pack(len(head), len(body)) + head + body)
        await self.writer.drain()
        header, payload = await self.read()
        return Reply(header["status"], header["media_type"], payload, header["headers"])

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.writer.close()


class Pool:
    """``size`` workers from a :class:`Zygote`; :meth:`run` gives each job at most its time."""

    def __init__(self, zygote: Zygote, settings: WorkerSettings, size: int) -> None:
        self.zygote = zygote
        self.settings = settings
        self.size = size
        self.generation = 0
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._changed = asyncio.Condition()
        self._control = asyncio.Lock()
        self._update = asyncio.Lock()
        self._starting = 0
        self._tasks: set[asyncio.Task[None]] = set()

    async def _fork(self, spec: str | None) -> _Worker:
        async with self._control:
            pid, sock = await asyncio.to_thread(self.zygote.fork_worker, spec)
        reader, writer = await asyncio.open_connection(sock=sock)
        worker = _Worker(pid, reader, writer, self.generation)
        try:
            header, _ = await asyncio.wait_for(worker.read(), START_TIMEOUT)
        except (TimeoutError, asyncio.IncompleteReadError):
            worker.kill()
            raise OSError("a new worker did not start") from None
        if not header.get("ready"):
            worker.kill()
            raise OSError(f"a new worker could not open the store: {header.get('error')}")
        return worker

    async def _add(self) -> None:
        """Start one worker (counted in ``_starting`` by :meth:`_replace`) and make it idle; a
        failure is logged and tried again a second later."""
        try:
            worker = await self._fork(self.settings.spec)
        except OSError as error:
            print(f"diplograph serve: {error}", file=sys.stderr)
            await asyncio.sleep(1)
            self._starting -= 1
            self._replace()
            return
        self._starting -= 1
        async with self._changed:
            self._all.add(worker)
            self._idle.append(worker)
            self._changed.notify()

    def _replace(self) -> None:
        """Top the pool up to ``size`` workers in the background."""
        while len(self._all) + self._starting < self.size:
            self._starting += 1
            task = asyncio.create_task(self._add())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def start(self) -> None:
        """Start every worker in parallel and wait until they are ready; OSError if one fails
        (then the server does not start: the store cannot be read the way workers need)."""
        started = await asyncio.gather(
            *(self._fork(self.settings.spec) for _ in range(self.size)), return_exceptions=True
        )
        workers = [w for w in started if isinstance(w, _Worker)]
        failures = [f for f in started if not isinstance(f, _Worker)]
        if failures:
            for worker in workers:
                worker.kill()
            raise OSError(f"the query workers did not start: {failures[0]}")
        self._all.update(workers)
        self._idle.extend(workers)

    async def stop(self) -> None:
        """Kill every worker and the zygote."""
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all):
            worker.kill()
        self._all.clear()
        self._idle.clear()
        await asyncio.to_thread(self.zygote.stop)

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        self._all.discard(worker)
        self._replace()

    async def _acquire(self, deadline: float) -> _Worker:
        async with self._changed:
            while True:
                while self._idle:
                    worker = self._idle.pop()
                    if worker.generation == self.generation:
                        return worker
                    self._retire(worker)  # from before an update: it has the old data
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Busy
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), left)

    async def _release(self, worker: _Worker) -> None:
        async with self._changed:
            if worker.generation != self.generation:
                self._retire(worker)
            else:
                self._idle.append(worker)
            self._changed.notify()

    async def _call(self, worker: _Worker, job: Job, text: str | None, deadline: float) -> Reply:
        """Run the job on ``worker`` until ``deadline``; a worker that overruns is killed."""
        try:
            return await asyncio.wait_for(worker.call(job, text), deadline - time.monotonic())
        except TimeoutError:
            async with self._changed:
                self._retire(worker)
            raise TimedOut from None
        except asyncio.CancelledError:  # the request was abandoned: the worker's state is unknown
            self._retire(worker)
            raise
        except (OSError, asyncio.IncompleteReadError) as error:
            async with self._changed:
                self._retire(worker)
            raise OSError(f"the worker ended while running the job ({error})") from None

    async def run(self, job: Job, timeout: float, text: str | None = None) -> Reply:
        """Run ``job`` (``text`` is its query) on a free worker for at most ``timeout`` seconds.

        :class:`Busy` if no worker came free within :data:`QUEUE_TIMEOUT`; :class:`TimedOut` if
        the job overran (its worker is then killed and replaced).
        """
        worker = await self._acquire(time.monotonic() + QUEUE_TIMEOUT)
        reply = await self._call(worker, job, text, time.monotonic() + timeout)
        await self._release(worker)
        return reply

    async def update(self, job: Job, timeout: float, text: str) -> Reply:
        """Run an update (one at a time), then replace every worker so queries see its effect."""
        async with self._update:
            if self.settings.update_spec is not None:
                try:
                    worker = await self._fork(self.settings.update_spec)
                except OSError as error:
                    return Reply(500, "text/plain", str(error).encode("utf-8"))
                try:
                    reply = await self._call(worker, job, text, time.monotonic() + timeout)
                finally:
                    worker.kill()
            else:
                worker = await self._acquire(time.monotonic() + QUEUE_TIMEOUT)
                reply = await self._call(worker, job, text, time.monotonic() + timeout)
                async with self._changed:
                    self._retire(worker)  # its copy of the data has the tried update in it
                if reply.status < 300:
                    async with self._control:
                        try:
                            await asyncio.to_thread(self.zygote.apply, text)
                        except Exception as error:
                            return Reply(400, "text/plain", str(error).encode("utf-8"))
            if reply.status < 300:
                async with self._changed:
                    self.generation += 1
                    stale = [w for w in self._idle if w.generation != self.generation]
                    for old in stale:
                        self._idle.remove(old)
                        self._retire(old)
            return reply
