"""What the command loads before it does anything: ``diplograph --help`` and ``diplograph
queries`` must not pay for the RDF engines, networkx or the maps (their timings are in
bench/README.md; here only which modules load, checked in a fresh interpreter)."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import diplograph
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


def test_a_query_loads_no_network_builder_nor_validator() -> None:
    """``diplograph query`` cites its ties (diplograph.network.citation) but builds no network
    and validates nothing: the builder, the kept network's tables and the validator are left
    unloaded (a few tens of ms of every query's start-up)."""
    stages = ("diplograph.network.build", "diplograph.network.kept", "diplograph.validate")
    probe = (
        "import diplograph, json, sys\n"
        "diplograph.open('memory').query('troop-contributors')\n"
        f"print(json.dumps([m for m in {stages!r} if m in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    # the probe can fail: a network loads the builder
    network = probe.replace(".query('troop-contributors')", ".network()")
    done = subprocess.run(
        [sys.executable, "-c", network], capture_output=True, text=True, timeout=60, check=True
    )
    assert "diplograph.network.build" in json.loads(done.stdout.strip().splitlines()[-1])


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


#: libraries diplograph's modules import inside the functions that use them, never at the top:
#: each process loads only what it uses (the server's parent process imports every layer and
#: draws no map; ``diplograph query`` reads citations and builds no network)
LAZY = (
    "oxrdflib",
    "pyparsing",  # rdflib's SPARQL parser
    "networkx",
    "igraph",
    "pyvis",
    "numpy",
    "jinja2",
    "markupsafe",
    "pyrudof",
    "spacy",
    "linkgrammar",
    "playwright",
    "pandas",
    "rich",
    "platformdirs",
)
SOURCE = Path(diplograph.__file__).parent
#: a module's one-line reason for all its in-function imports (the command's modules)
MODULE_REASON = "# in-function imports:"


def _importable_modules() -> list[str]:
    """Every module of the package but ``__main__`` (importing it runs the command) and the
    importers (the UN votes importer holds its vote matrices in numpy, and the importers load
    with the import command alone)."""
    names = [m.name for m in pkgutil.walk_packages([str(SOURCE)], "diplograph.")]
    return [
        n for n in names if n != "diplograph.__main__" and not n.startswith("diplograph.importers")
    ]


def test_importing_any_module_loads_no_library_it_uses_in_a_function() -> None:
    modules = _importable_modules()
    assert "diplograph.server.app" in modules
    assert "diplograph.maps.layout" in modules
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    listing = f"[m for m in {LAZY!r} if m in sys.modules]"
    probe = f"{code}import json, sys\nprint(json.dumps({listing}))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def _unexplained_imports(path: Path) -> list[tuple[int, str]]:
    """The imports inside functions of the module at ``path`` that say nothing of why they are
    there: neither of a :data:`LAZY` library, nor with a comment on their line or on the line
    above their run of imports, nor in a module that gives one reason for all of them."""
    text = path.read_text(encoding="utf-8")
    if any(line.startswith(MODULE_REASON) for line in text.splitlines()):
        return []
    lines = text.splitlines()
    found = []
    for function in ast.walk(ast.parse(text)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            if (module or "").split(".")[0] in LAZY:
                continue
            above = node.lineno - 2  # the line above this import, 0-based
            while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                above -= 1  # a run of imports shares the comment above its first
            end = (node.end_lineno or node.lineno) - 1
            if "#" in lines[end] or (above >= 0 and lines[above].strip().startswith("#")):
                continue
            found.append((node.lineno, module or ""))
    return found


def test_every_import_inside_a_function_says_why() -> None:
    """An import inside a function hides what a module needs; each one is of a library
    imported where it is used (:data:`LAZY`, checked above) or says why it is there."""
    unexplained = [
        f"{path.relative_to(SOURCE)}:{line} {module}"
        for path in sorted(SOURCE.rglob("*.py"))
        for line, module in _unexplained_imports(path)
    ]
    assert unexplained == []


def test_the_import_check_can_fail(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "def f():\n    import networkx\n    from diplograph import api\n"
        "    # the reason\n    from diplograph import maps\n    import os\n",
        encoding="utf-8",
    )
    assert _unexplained_imports(module) == [(3, "diplograph")]
    module.write_text(f"{MODULE_REASON} x\ndef f():\n    import os\n", encoding="utf-8")
    assert _unexplained_imports(module) == []


def test_the_command_ends_without_teardown_but_runs_exit_handlers(tmp_path: Path) -> None:
    """``diplograph`` ends with ``os._exit`` once the command is done (the interpreter's
    teardown cost 70-150 ms of CPU after a query): what it printed is all there, its exit
    status is the command's, and the exit handlers (the kept temporary folders' clean-up, a
    caller's own) still run."""
    mark = tmp_path / "handler-ran"
    probe = (
        "import atexit, pathlib, sys\n"
        f"atexit.register(pathlib.Path({str(mark)!r}).write_text, 'yes')\n"
        "from diplograph.cli import main\n"
        "sys.argv = ['diplograph', '--store', 'memory', 'query', 'troop-contributors', "
        "'-f', 'csv']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 6  # the header and five contributors
    assert mark.read_text() == "yes"
    missing = probe.replace("'troop-contributors'", "'no-such-query'")
    failed = subprocess.run(
        [sys.executable, "-c", missing], capture_output=True, text=True, timeout=120, check=False
    )
    assert failed.returncode == 2


def test_a_profiled_command_ends_as_usual(tmp_path: Path) -> None:
    """Under a profiler the command ends through the interpreter, so that ``python -m cProfile
    -o FILE -m diplograph ...`` still writes its file after the command returns."""
    profile = tmp_path / "query.prof"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "diplograph"),
            *("--store", "memory", "query", "troop-contributors", "-f", "csv"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert profile.stat().st_size > 0
