"""The diplomatic datasets through the commands a user runs: import, query, render, analyze,
path and export on the imported ties, as of a day (fixtures of real rows, an on-disk store)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import DATASET_FIXTURES, CliRunner

pytestmark = pytest.mark.cli


@pytest.fixture(scope="module")
def store(cli: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("diplomacy")
    spec = f"oxigraph:{folder / 'store'}"
    for dataset in ("diplomatic-exchange", "atop"):
        paths = DATASET_FIXTURES[dataset]
        done = cli(
            "--store",
            spec,
            "import",
            dataset,
            *map(str, paths),
            "--rejects",
            str(folder / "rejects.csv"),
        )
        assert done.returncode == 0, done.stderr
        assert "read" in done.stdout
    return spec


def test_query_a_day_in_a_snapshot_year(cli: CliRunner, store: str) -> None:
    done = cli(
        "--store",
        store,
        "query",
        "representation",
        "-p",
        "actor=USA",
        "-p",
        "asOf=1909-01-01",
        "-f",
        "csv",
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(done.stdout.splitlines()))
    russia = {
        (r["direction"], r["levelLabel"], r["time"]) for r in rows if r["partnerLabel"] == "Russia"
    }
    assert russia == {("abroad", "ambassador", "observed"), ("at home", "ambassador", "observed")}


def test_render_the_network_of_a_year(cli: CliRunner, store: str, tmp_path: Path) -> None:
    output = tmp_path / "1945.html"
    done = cli(
        "--store",
        store,
        "render",
        "representation-network",
        "-p",
        "asOf=1945-05-08",
        "--as-of",
        "1945-05-08",
        "-o",
        str(output),
    )
    assert done.returncode == 0, done.stderr
    html = output.read_text(encoding="utf-8")
    assert "Russia" in html
    assert "of unknown time" in done.stderr + done.stdout + html  # 1940 and 1950 disagree


def test_analyze_path_and_export_on_imported_ties(
    cli: CliRunner, store: str, tmp_path: Path
) -> None:
    analysis = cli("--store", store, "analyze", "--as-of", "1990-06-30")
    assert analysis.returncode == 0, analysis.stderr
    assert "United States" in analysis.stdout
    path = cli("--store", store, "path", "Morocco", "Russia", "--as-of", "1990-06-30")
    assert path.returncode == 0, path.stderr
    assert "United States" in path.stdout  # Morocco - United States - Russia
    output = tmp_path / "ties.json"
    exported = cli(
        "--store", store, "export", "-f", "json", "-o", str(output), "--as-of", "2018-12-31"
    )
    assert exported.returncode == 0, exported.stderr
    data = json.loads(output.read_text(encoding="utf-8"))
    edges = data.get("links") or data.get("edges") or []
    types = {e.get("tie_type_label") for e in edges}
    assert {"alliance membership", "alliance"} <= types
