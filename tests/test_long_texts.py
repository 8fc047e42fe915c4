"""A SPARQL text long in tokens runs on a thread with a big stack (Oxigraph parses and plans
recursively: a chain of a few thousand operators overflows a normal thread's stack, which kills
the process); one long only for its comments runs where it is called, a thread's start and join
costing more than a small query's answer. The count leaves comments and spaces out."""

from __future__ import annotations

import subprocess
import sys

from diplograph.store.oxigraph import LONG_TEXT, _tokens


def test_comments_and_spaces_are_no_tokens() -> None:
    padded = "# a comment of the query's header\n" * 400 + "SELECT ?x WHERE { ?x ?p ?o }"
    assert len(padded) > LONG_TEXT
    assert _tokens(padded) == 8
    chain = "SELECT (" + "+".join(["1"] * 3000) + " AS ?x) {}"
    assert _tokens(chain) > LONG_TEXT


def test_a_long_chain_still_runs_on_a_big_stack() -> None:
    """In a fresh process: on the main thread's stack this chain ends it (tried)."""
    probe = (
        "import diplograph\n"
        "kg = diplograph.open('memory')\n"
        "text = '# ' + 'x' * 5000 + '\\nSELECT (' + '+'.join(['1'] * 8000) + ' AS ?n) {}'\n"
        "print(kg.store.select_values(text)[1][0][0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "8000"
