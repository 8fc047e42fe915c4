"""The demo: validate the graph, answer the showcase questions, write the outputs to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.maps import write_map
from diplograph.network import build_network
from diplograph.output import write_output
from diplograph.queries import format_result, render_table
from diplograph.wording import counted

if TYPE_CHECKING:
    from rich.console import Console

    from diplograph.api import KnowledgeGraph

__all__ = ["MAPS", "SHOWCASE", "run_demo"]

#: (question, query name, parameters) answered by the demo
SHOWCASE: list[tuple[str, str, dict[str, str]]] = [
    ("Which countries pledged troops to the ISF?", "troop-contributors", {"force": "ISF"}),
    ("Which countries committed to training police forces?", "police-trainers", {}),
    ("Who commands the ISF?", "ties-by-type", {"type": "command"}),
    (
        "Which actors have ties to both Israel and the Palestinian Authority?",
        "common-partners",
        {"a": "Israel", "b": "Palestinian Authority"},
    ),
    (
        "Which sentence, from which document, supports Morocco's pledge?",
        "evidence",
        {"actor": "Morocco", "type": "troop contribution"},
    ),
]


#: (file name, query or None for every tie, parameters) of the maps the demo writes
MAPS: list[tuple[str, str | None, dict[str, str]]] = [
    ("all-ties.html", None, {}),
    ("morocco-ego-network.html", "ego-network", {"actor": "Morocco"}),
    ("isf-troop-contributors.html", "troop-contributors", {"force": "ISF"}),
]


def run_demo(kg: KnowledgeGraph, out: Path, console: Console) -> int:
    """Print the validation summary and showcase tables; write graph, CSVs and maps to ``out``.

    Returns the exit status: 1 if the graph has violations, else 0.
    """
    report = kg.validate()
    status = "[green]valid[/green]" if report.conforms else "[red]INVALID[/red]"
    console.print(
        f"Graph: {counted(len(kg), 'triple')}, {status} "
        f"({counted(report.shapes_run, 'SHACL shape')}, {counted(report.checks_run, 'check')}, "
        f"{counted(len(report.violations), 'violation')})\n"
    )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    graph_file = out / "diplograph.ttl"
    write_output(graph_file, kg.turtle())
    written.append(graph_file)
    for question, name, params in SHOWCASE:
        result = kg.query(name, **params)
        console.print(f"[bold]{question}[/bold]")
        console.print(render_table(result))
        csv_file = out / "queries" / f"{name}.csv"
        csv_file.parent.mkdir(parents=True, exist_ok=True)
        write_output(csv_file, format_result(result, "csv"))
        written.append(csv_file)

    for file_name, query, params in MAPS:
        map_file = out / "maps" / file_name
        map_file.parent.mkdir(parents=True, exist_ok=True)
        write_map(build_network(kg.store, query, params), map_file)
        written.append(map_file)
    console.print("\nOutputs (open the maps in any browser; they work offline):")
    for path in written:
        console.print(f"  {path}")
    return 0 if report.conforms else 1
