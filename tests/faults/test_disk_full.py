"""A full disk, on a small tmpfs mounted for the test: loads, imports, outputs and opening the
store each end in one paragraph and exit 2, the store as it was, nothing left behind.

Campaign cases: a load or import onto a full disk printed four chained tracebacks and left a
2 MB temporary file; the error blamed the input file ("cannot read the file") and advised moving
a healthy store away.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import SHARED_DATA, diplograph, held

pytestmark = pytest.mark.cli  # each test runs the diplograph command

EVENTS = SHARED_DATA / "gdelt-v2-rus-ukr-2022-04" / "rus_ukr_events_2022-04.csv"
#: the tmpfs: room for a store with the built-in graph (about 13 MB) and a little more
SIZE_MB = 40


@contextlib.contextmanager
def _small_device(folder: Path, size_mb: int) -> Iterator[Path]:
    """A tmpfs of ``size_mb`` MB mounted at ``folder``; skipped with the reason where this
    machine cannot mount one (it needs root, or CAP_SYS_ADMIN)."""
    folder.mkdir()
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount command: a small tmpfs for the full-disk cases cannot be made")
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(
            "cannot mount a small tmpfs for the full-disk cases (mounting needs root or "
            f"CAP_SYS_ADMIN): {made.stderr.strip()}"
        )
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)  # noqa: S607


def _fill(device: Path, leave_mb: float, name: str = "filler") -> None:
    """Fill ``device`` until about ``leave_mb`` MB are free (with the file ``name``)."""
    stats = os.statvfs(device)
    free = stats.f_bavail * stats.f_frsize
    size = max(0, free - int(leave_mb * (1 << 20)))
    with (device / name).open("wb") as filler:
        while size > 0:
            block = min(size, 1 << 20)
            filler.write(b"\0" * block)
            size -= block


def _left_behind(store: Path) -> list[str]:
    return sorted(p.name for p in [*store.glob("bulk-*.sst"), *store.glob("derived/.*")])


def _one_paragraph(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("error: "), done.stderr
    return done.stderr.replace("\n", " ")


@pytest.fixture
def device(tmp_path: Path) -> Iterator[Path]:
    with _small_device(tmp_path / "device", SIZE_MB) as mounted:
        yield mounted


@pytest.mark.skipif(not EVENTS.exists(), reason="../shared/data is not here")
def test_load_import_and_output_onto_a_full_disk(device: Path, tmp_path: Path) -> None:
    store = device / "store"
    spec = f"oxigraph:{store}"
    assert diplograph("--store", spec, "sources").returncode == 0
    before = held(store)
    big = tmp_path / "big.nt"  # 5 MB: through the bulk loader
    big.write_text(
        "".join(f'<urn:x:s{i}> <urn:x:p> "a value of some length {i}" .\n' for i in range(100_000)),
        encoding="utf-8",
    )
    _fill(device, 1.5)

    said = _one_paragraph(diplograph("--store", spec, "load", str(big)))
    assert "is full" in said
    assert "cannot read" not in said  # the input file is not to blame
    assert "move it away" not in said  # nor is the store
    assert held(store) == before
    assert _left_behind(store) == []

    said = _one_paragraph(diplograph("--store", spec, "import", "gdelt", str(EVENTS)))
    assert "is full" in said
    assert str(EVENTS) in said
    assert held(store) == before
    assert _left_behind(store) == []

    _fill(device, 0, "more")
    output = device / "actors.csv"
    said = _one_paragraph(diplograph("--store", "memory", "query", "actors", "-o", str(output)))
    assert str(output) in said
    assert not output.exists()
    assert list(device.glob(".actors.csv*")) == []  # no half-written temporary file


def test_opening_a_store_on_a_full_disk(device: Path) -> None:
    """Opened (the engine found room) or refused as full, never called damaged."""
    store = device / "store"
    spec = f"oxigraph:{store}"
    assert diplograph("--store", spec, "sources").returncode == 0
    before = held(store)
    _fill(device, 0)
    done = diplograph("--store", spec, "sources")
    if done.returncode != 0:
        said = _one_paragraph(done)
        assert "full" in said
        assert "move it away" not in said
    (device / "filler").unlink()
    assert held(store) == before  # the store was left as it was, and opens again
