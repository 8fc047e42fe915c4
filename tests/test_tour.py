"""The README's short tour runs as written, command by command, on a fresh store."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPOSITORY

pytestmark = pytest.mark.cli  # each test runs the diplograph command


def _tour() -> list[str]:
    """The commands of the README's "A short tour" block, comments left out."""
    text = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## A short tour\s+```bash\n(.*?)```", text, re.DOTALL)
    assert block is not None
    commands = []
    for line in block.group(1).splitlines():
        command = line.split("  #", 1)[0].strip()
        if command.startswith("diplograph "):
            commands.append(command)
    return commands


def test_the_readme_tour_runs_as_written(tmp_path: Path) -> None:
    commands = _tour()
    assert len(commands) >= 20
    (tmp_path / "examples").symlink_to(REPOSITORY / "examples")
    (tmp_path / "out").mkdir()
    environment = {
        **os.environ,
        "DIPLOGRAPH_STORE": f"oxigraph:{tmp_path / 'store'}",
        "DIPLOGRAPH_CACHE": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "data-home"),
    }
    for command in commands:
        args = shlex.split(command)[1:]
        done = subprocess.run(
            [sys.executable, "-m", "diplograph", *args],
            capture_output=True,
            text=True,
            env=environment,
            cwd=tmp_path,
            stdin=subprocess.DEVNULL,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        if "my-question.rq" in command:
            assert "police training" in done.stdout
        if "my-facts.ttl query troop-contributors" in command:
            assert "Jordan" in done.stdout
            assert "Morocco" in done.stdout
    assert (tmp_path / "out/morocco.html").is_file()
    assert (tmp_path / "backup.nq").is_file()
