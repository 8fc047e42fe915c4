"""A graph's name given to the engine as a constant or as a VALUES binding: why the store's own
queries on one graph substitute it (``binding.substitute``) rather than bind it (``bind``).

Counts the triples of one graph of an in-memory Oxigraph store three ways, alternating, and
prints the medians: the text pyoxigraph would be given by hand (the floor), the same text made by
``substitute``, and the graph bound by a ``VALUES`` block (``bind``).

Run: ``python bench/constants.py --triples 1000000 --runs 7``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import pyoxigraph as ox
from rdflib import URIRef

from diplograph.store.binding import bind, substitute

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPH = "https://example.org/synthetic/graph"
OTHER = "https://example.org/synthetic/other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    store = ox.Store()
    p = ox.NamedNode("https://example.org/synthetic/p")
    graph, other = ox.NamedNode(GRAPH), ox.NamedNode(OTHER)
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"https://example.org/synthetic/s{i}"), p, ox.Literal(i), graph)
        for i in range(args.triples)
    )
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"https://example.org/synthetic/s{i}"), p, ox.Literal(i), other)
        for i in range(0, args.triples, 7)
    )
    texts = {
        "by hand (floor)": COUNT.replace("?g", f"<{GRAPH}>"),
        "substitute": substitute(COUNT, {"g": URIRef(GRAPH)}),
        "bind (VALUES)": bind(COUNT, {"g": URIRef(GRAPH)}),
    }
    times: dict[str, list[float]] = {name: [] for name in texts}
    for _ in range(args.runs):
        for name, text in texts.items():
            started = time.perf_counter()
            (solution,) = list(store.query(text))  # type: ignore[arg-type]
            times[name].append(time.perf_counter() - started)
            assert int(solution[0].value) == args.triples
    print(f"COUNT of one graph of {args.triples:,} triples (another holds 1/7 of them), in memory")
    for name, taken in times.items():
        print(f"  {name:<16} median of {args.runs}: {statistics.median(taken):.3f} s")


if __name__ == "__main__":
    main()
