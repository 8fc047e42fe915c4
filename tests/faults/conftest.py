"""The fault campaign's shared helpers: stores on disk, the real command, what a store holds.

Every case runs the command as a user (or a crash, or a hostile client) meets it, then asks the
store, from a reader and from a writer, what it holds: nothing lost, nothing mixed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import REPOSITORY, SHARED_DATA

__all__ = ["SHARED_DATA", "Held", "diplograph", "held", "popen"]


def _environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra or {})
    return env


def diplograph(
    *args: str, timeout: float = 120, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """``diplograph ARGS`` in a subprocess, as a user runs it; never waits more than ``timeout``."""
    return subprocess.run(
        [sys.executable, "-m", "diplograph", *args],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        timeout=timeout,
        env=_environment(env),
        check=False,
    )


def popen(*args: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.Popen[str]:
    """``diplograph ARGS`` started in a subprocess (stdout and stderr piped as text)."""
    process: subprocess.Popen[str] = subprocess.Popen(
        [sys.executable, "-m", "diplograph", *args],
        cwd=REPOSITORY,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(env),
        **kwargs,  # type: ignore[call-overload]
    )
    return process


@dataclass(frozen=True)
class Held:
    """What a store holds, as its own listing and counts say."""

    sources: tuple[str, ...]  #: the titles of its non-built-in sources, sorted (repeats kept)
    triples: int  #: triples in every graph
    notes: tuple[str, ...]  #: what opening it had to say


def held(store: Path, *, writable: bool = False) -> Held:
    """What the on-disk store at ``store`` holds, opened read-only (or writable) in this process
    and closed again."""
    from diplograph.store import open_store

    kind = "oxigraph" if writable else "oxigraph-ro"
    opened = open_store(f"{kind}:{store}")
    try:
        titles = sorted(s.title for s in opened.sources() if not s.builtin)
        return Held(tuple(titles), len(opened), tuple(opened.notes))
    finally:
        opened.close()


@pytest.fixture
def disk_store(tmp_path: Path) -> Path:
    """A fresh store folder (created on first use)."""
    return tmp_path / "store"
