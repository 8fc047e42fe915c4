"""bench/realdata.py's cached store of every dataset: keyed by what the imports produce (the
data files, the import lines, the importers' declared output version), reused when a store's
``built.json`` records the same inputs, and never removing a folder it did not make (the
shared cache holds other checkouts' stores). Built here with no import lines: an empty store,
made in a moment."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from .conftest import REPOSITORY


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "realdata_bench", REPOSITORY / "bench" / "realdata.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_store_is_kept_reused_and_leaves_other_folders(tmp_path: Path) -> None:
    bench = _bench()
    cache = tmp_path / "cache"
    foreign = cache / "store-foreign"  # not this script's: no built.json
    (foreign / "store").mkdir(parents=True)
    older = cache / "store-0123456789abcdef"  # an older build of this script's, other inputs
    older.mkdir()
    (older / "built.json").write_text(json.dumps({"key": older.name[6:], "steps": []}))

    home = bench.build_store(tmp_path, cache, [], rebuild=False)
    built = json.loads((home / "built.json").read_text())
    assert built["made_by"] == "bench/realdata.py"
    assert built["inputs"]["importers"] >= 1
    assert foreign.is_dir()
    assert older.is_dir()
    assert bench.build_store(tmp_path, cache, [], rebuild=False) == home

    # a store made under another key (another version of the script) with the same inputs
    moved = cache / "store-fedcba9876543210"
    home.rename(moved)
    built["key"] = moved.name[6:]
    (moved / "built.json").write_text(json.dumps(built))
    assert bench.build_store(tmp_path, cache, [], rebuild=False) == moved

    # the key follows the importers' declared version, not their source
    inputs = bench.store_inputs(tmp_path, [])
    assert bench.store_key({**inputs, "importers": inputs["importers"] + 1}) != (
        bench.store_key(inputs)
    )


def test_a_build_folder_it_did_not_make_is_left_alone(tmp_path: Path) -> None:
    bench = _bench()
    cache = tmp_path / "cache"
    key = bench.store_key(bench.store_inputs(tmp_path, []))
    strange = cache / f"building-{key}"
    strange.mkdir(parents=True)
    (strange / "keep.txt").write_text("someone else's")
    with pytest.raises(SystemExit, match="not a build of this script"):
        bench.build_store(tmp_path, cache, [], rebuild=False)
    assert (strange / "keep.txt").read_text() == "someone else's"
    # one of its own, stopped half way, is made again
    (strange / bench.BUILDING_MARK).touch()
    home = bench.build_store(tmp_path, cache, [], rebuild=False)
    assert (home / "built.json").is_file()
    assert not strange.exists()
