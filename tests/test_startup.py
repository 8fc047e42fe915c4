"""What the command loads before it does anything: ``diplograph --help`` and ``diplograph
queries`` must not pay for the RDF engines, networkx or the maps (their timings are in
bench/README.md; here only which modules load, checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diplograph.queries import list_queries

#: what a command pays for only when it uses it
HEAVY = ("rdflib", "pyoxigraph", "oxrdflib", "pyparsing", "networkx", "igraph", "pyvis", "numpy")


def _loaded_after(code: str) -> list[str]:
    """The HEAVY modules a fresh interpreter holds after running ``code``."""
    listing = f"[m for m in {HEAVY!r} if m in sys.modules]"
    probe = f"{code}\nimport json, sys\nprint(json.dumps({listing}))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.mark.parametrize(
    "code",
    [
        "import diplograph.cli",
        "import diplograph",
        # what `diplograph queries` reads: the catalogue of the built-in queries, every header
        "from diplograph.queries import list_queries\nlist_queries(include_checks=True)",
    ],
)
def test_startup_loads_no_engine(code: str) -> None:
    assert _loaded_after(code) == []


def test_the_probe_sees_what_loads() -> None:
    """The probe itself can fail: opening a store loads rdflib and pyoxigraph."""
    loaded = _loaded_after("import diplograph\ndiplograph.open('memory')")
    assert {"rdflib", "pyoxigraph"} <= set(loaded)


def test_every_concept_scheme_of_the_builtin_queries_is_an_iri() -> None:
    """A built-in query's ``concept(SCHEME)`` is read when it is used, not when the catalogue
    is listed: here every one of them is read."""
    schemes = {
        param.scheme_spec: param.scheme
        for query in list_queries(include_checks=True)
        for param in query.params
        if param.scheme_spec is not None
    }
    assert schemes, "no built-in query names a concept scheme"
    for spec, iri in schemes.items():
        assert iri is not None, spec
        assert iri.startswith("https://w3id.org/diplograph/vocab/"), spec
