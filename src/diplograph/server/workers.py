"""The server's pool of killable worker processes, so that a timeout really stops the work.

pyoxigraph cannot cancel a running query, so no query runs in the server's own process: each
runs in a worker process, and one that outlives its time has its worker killed (SIGKILL) and
replaced, which frees the CPU at once. Workers are forked by a *zygote*
(:mod:`~diplograph.server.zygote`), a process made before the server starts any thread.

Updates are bounded the same way. For an in-process store the update is first tried in a worker
(killed if too slow) and only then applied in the zygote, so a killed update changes nothing;
for a store elsewhere a one-off worker opens it writable and runs the update as one transaction.
Either way every worker is then replaced, so the next query sees the change.

Jobs and replies go as frames (:mod:`~diplograph.server.messages`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from typing import TYPE_CHECKING, Any

from diplograph.server.messages import FRAME, Job, Reply
from diplograph.server.settings import WorkerSettings
from diplograph.server.zygote import Zygote

if TYPE_CHECKING:
    pass

__all__ = ["QUEUE_TIMEOUT", "START_TIMEOUT", "Busy", "Pool", "TimedOut"]

#: how long a new worker may take to open the store and warm its name index
START_TIMEOUT = 120.0
#: how long a request may wait for a free worker before it is refused as "busy" (503)
QUEUE_TIMEOUT = 60.0


class TimedOut(Exception):
    """The job ran past its time; its worker was killed."""


class Busy(Exception):
    """No worker became free within the job's time."""


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
        head_size, body_size = FRAME.unpack(await self.reader.readexactly(FRAME.size))
        header: dict[str, Any] = json.loads(await self.reader.readexactly(head_size))
        return header, await self.reader.readexactly(body_size) if body_size else b""

    async def call(self, job: Job, text: str | None) -> Reply:
        head = json.dumps(job).encode("utf-8")
        body = (text or "").encode("utf-8")
        self.writer.write(FRAME.pack(len(head), len(body)) + head + body)
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
