"""What citing dataset rows in words costs ``build_network``, on a big store.

For the network of every tie and two ego networks (``--actors``), it times ``build_network``
whole and the part of it that is :func:`diplograph.network.citation.cite_network` (rows read
from ``citations.rq`` for a network citing at most ``CITE_FROM_STORE`` rows, else said from the
edges), CPU seconds of this process. A store on disk keeps the network of every tie with its
citations: run it twice to see the first build and the kept one.

Run: ``.venv/bin/python bench/citations.py --store DIR [--actors Georgia Ethiopia]``, ``DIR`` an
Oxigraph store folder (opened read-only), such as the README's real-data imports.
"""

from __future__ import annotations

import argparse
import os
import resource
from typing import Any


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="an Oxigraph store folder")
    parser.add_argument("--actors", nargs="*", default=["Georgia", "Ethiopia"])
    args = parser.parse_args()

    import diplograph.network.build as build
    from diplograph.network import build_network, citation
    from diplograph.store import open_store

    store = open_store(f"oxigraph-ro:{args.store}")
    print(f"store: {args.store}, {len(store):,} triples, load average {os.getloadavg()[0]:.1f}")
    print("| network | edges | statements | build_network CPU | of which citations |")
    print("|---|---|---|---|---|")
    cases: list[tuple[str, tuple[Any, ...]]] = [("every tie", ())]
    cases += [(f"ego-network {a}", ("ego-network", {"actor": a})) for a in args.actors]
    spent: list[float] = []

    def timed(store: Any, network: Any) -> None:
        start = _cpu()
        citation.cite_network(store, network)
        spent.append(_cpu() - start)

    for label, query in cases:
        spent.clear()

        build.cite_network = timed  # type: ignore[assignment]
        start = _cpu()
        network = build_network(store, *query)
        total = _cpu() - start
        build.cite_network = citation.cite_network
        statements = sum(len(d.get("evidence") or []) for _, _, d in network.edges(data=True))
        cited = f"{sum(spent):.2f} s" if spent else "none (kept with the network)"
        print(
            f"| {label} | {network.number_of_edges():,} | {statements:,} | {total:.2f} s | "
            f"{cited} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
