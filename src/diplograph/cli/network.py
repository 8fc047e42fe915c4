"""``diplograph analyze``, ``path`` and ``export``: network analysis from the command line."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from diplograph.cli.common import (
    AsOf,
    Events,
    Params,
    QueryName,
    UndatedMode,
    UnsourcedMode,
    app,
    check_as_of,
    console,
    counted_edges,
    escape,
    options,
    output_format,
    parse_params,
    warn_left_out,
)
from diplograph.defaults import NetworkOptions
from diplograph.errors import QueryError
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

if TYPE_CHECKING:
    import networkx as nx
    from rich.console import Console

    from diplograph.analysis import NetworkAnalysis, PathTie
    from diplograph.api import KnowledgeGraph

__all__ = ["analyze", "export", "path"]


def _network(
    ctx: typer.Context,
    query: str | None,
    param: list[str] | None,
    chosen: NetworkOptions,
) -> tuple[KnowledgeGraph, nx.MultiDiGraph]:
    """Check the options before loading anything, then build the network they describe (and
    warn, with their number, about what it left out)."""
    from diplograph.queries import find_query

    check_as_of(chosen.as_of)
    params = parse_params(param or [])
    if query is not None:
        named = find_query(query)
        for key in params:
            named.param(key)
    elif params:
        raise QueryError("--param sets a parameter of --query; give --query too.")
    kg = options(ctx).kg()
    network = kg.network(query, options=chosen, **params)
    warn_left_out(network)
    return kg, network


def _scope(network: nx.MultiDiGraph) -> str:
    """Which ties, and what the network holds: "all ties: 0 ties in force on 1990-01-01, ..."."""
    from diplograph.network import describe

    query = network.graph.get("query")
    text = "all ties" if query in {None, "all ties"} else f"the ties of query {query!r}"
    if network.graph.get("params"):
        text += " (" + ", ".join(f"{k}={v}" for k, v in network.graph["params"].items()) + ")"
    return text + ": " + ", ".join(describe(network))


def _label(network: nx.MultiDiGraph, node: Any) -> str:
    """The node's label, escaped for rich markup."""
    return escape(str(network.nodes[node].get("label") or node))


def _number(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _some(analysis: NetworkAnalysis, nodes: list[Any], top: int) -> str:
    """``nodes`` as labels, all of them if at most ``top``, else the ``top`` with the most
    partners and how many more: a network of 10,000 actors has thousands of cut points."""
    if not nodes:
        return "none"
    if len(nodes) <= top:
        return ", ".join(_label(analysis.network, n) for n in nodes)
    degree = analysis.projection.degree
    chosen = set(sorted(nodes, key=lambda n: -degree(n))[:top])  # ties: the given order
    shown = ", ".join(_label(analysis.network, n) for n in nodes if n in chosen)
    rest = len(nodes) - top
    return f"{shown} [dim]… and {rest:,} more (those with the most partners shown; see --top)[/dim]"


def _more(out: Console, shown: int, total: int, what: str) -> None:
    if total > shown:
        out.print(f"[dim]… and {total - shown} more {what}; see --top.[/dim]")


def _print_centrality(out: Console, found: NetworkAnalysis, top: int) -> None:
    from rich.table import Table

    table_data = found.centrality
    table = Table(
        title=f"Centrality: the {min(top, len(table_data.rows))} most central of "
        + counted(len(table_data.rows), "actor"),
        title_justify="left",
        caption=" ".join(table_data.notes) or None,
        caption_justify="left",
    )
    for column in ("actor", "kind", "ties", "partners", "betweenness", "eigenvector", "component"):
        table.add_column(column, justify="left" if column in {"actor", "kind"} else "right")
    for row in table_data.rows[:top]:
        table.add_row(
            escape(row.label),
            escape(row.kind or "-"),
            str(row.ties),
            str(row.partners),
            _number(row.betweenness),
            _number(row.eigenvector),
            str(row.component),
        )
    out.print(table)


def _print_brokers(out: Console, analysis: NetworkAnalysis, top: int) -> None:
    from rich.table import Table

    network, found, projection = analysis.network, analysis.brokerage, analysis.projection
    points = _some(analysis, found.articulation_points, top)
    out.print(
        f"[bold]Articulation points[/bold] (removing one splits the network; "
        f"{len(found.articulation_points):,}): {points}"
    )
    bridges = Table(
        title=f"Bridges: {counted(len(found.bridges), 'pair')} whose ties are the only link "
        "between two parts",
        title_justify="left",
    )
    for column in ("actor", "actor", "ties"):
        bridges.add_column(column)
    for u, v in found.bridges[:top]:
        types = (
            str(network.edges[a, b, key].get("tie_type_label") or key)
            for a, b, key in _ties(network, u, v)
        )
        bridges.add_row(_label(network, u), _label(network, v), escape(", ".join(types)))
    out.print(bridges)
    _more(out, min(top, len(found.bridges)), len(found.bridges), "bridges")
    constraint = Table(
        title="Burt's constraint: lowest first (the least constrained actors broker the most)",
        title_justify="left",
    )
    for column in ("actor", "constraint", "partners", "articulation point"):
        constraint.add_column(column, justify="left" if column == "actor" else "right")
    points_set = set(found.articulation_points)
    for node, value in list(found.constraint.items())[:top]:
        constraint.add_row(
            _label(network, node),
            _number(value),
            str(projection.degree(node)),
            "yes" if node in points_set else "",
        )
    out.print(constraint)


def _ties(network: nx.MultiDiGraph, u: Any, v: Any) -> list[tuple[Any, Any, str]]:
    found: list[tuple[Any, Any, str]] = []
    for a, b in ((u, v), (v, u)):
        if network.has_edge(a, b):
            found.extend((a, b, key) for key in network[a][b])
    return sorted(found, key=lambda t: str(t[2]))


def _sign(value: int) -> str:
    return "+" if value > 0 else "−"


def _print_balance(out: Console, analysis: NetworkAnalysis, top: int) -> None:
    from rich.table import Table

    network, report = analysis.network, analysis.balance
    ratio = "-" if report.ratio is None else f"{report.ratio:.2f}"
    out.print(
        f"[bold]Structural balance[/bold]: {report.signed_pairs} signed pairs, "
        f"{counted(len(report.triads), 'triad')}: {len(report.balanced)} balanced, "
        f"{len(report.unbalanced)} unbalanced (balance ratio {ratio})."
    )
    if report.triads:
        triads = Table(title="Triads, unbalanced first", title_justify="left")
        for column in ("actors", "signs", "balanced"):
            triads.add_column(column)
        ordered = report.unbalanced + report.balanced
        for triad in ordered[:top]:
            signs = ", ".join(
                f"{_label(network, a)}–{_label(network, b)} {_sign(s)}" for a, b, s in triad.pairs
            )
            triads.add_row(
                escape(", ".join(triad.labels)), signs, "yes" if triad.balanced else "no"
            )
        out.print(triads)
        _more(out, min(top, len(ordered)), len(ordered), "triads")
    out.print(
        f"Actors in unbalanced triads: {_some(analysis, list(report.unbalanced_actors), top)}"
    )
    if report.ambivalent:
        ambivalent = Table(
            title="Ambivalent pairs: ties of both signs (the majority sign counts; if even, none)",
            title_justify="left",
        )
        for column in ("actors", "positive ties", "negative ties", "counted as"):
            ambivalent.add_column(column)
        for pair in report.ambivalent[:top]:
            ambivalent.add_row(
                ", ".join(_label(network, n) for n in pair.members),
                str(len(pair.positive)),
                str(len(pair.negative)),
                _sign(pair.sign) if pair.sign else "unsigned",
            )
        out.print(ambivalent)


def _print_communities(out: Console, analysis: NetworkAnalysis, top: int) -> None:
    from rich.table import Table

    groups = analysis.groups()
    table = Table(
        title=f"Communities (Louvain, seed 42): {len(groups)}, largest first", title_justify="left"
    )
    for column in ("community", "size", "actors"):
        table.add_column(column, justify="left" if column == "actors" else "right")
    for number, members in list(groups.items())[:top]:
        table.add_row(str(number), str(len(members)), _some(analysis, members, top))
    out.print(table)
    _more(out, min(top, len(groups)), len(groups), "communities")


@app.command()
def analyze(
    ctx: typer.Context,
    as_of: AsOf = None,
    undated: UndatedMode = "show",
    unsourced: UnsourcedMode = "show",
    events: Events = True,
    query: QueryName = None,
    param: Params = None,
    top: Annotated[
        int, typer.Option("--top", min=1, help="Rows per table (the most central first).")
    ] = 20,
) -> None:
    """Centrality, brokers, structural balance and communities of the tie network.

    Measures use one undirected link between two actors wherever any tie or event joins them.
    The header counts the ties in force, of unknown time, unsourced and the event edges apart.
    """
    from diplograph.analysis import analyze as measure

    _, network = _network(ctx, query, param, NetworkOptions(as_of, undated, unsourced, events))
    out = console()
    actors = counted(network.number_of_nodes(), "actor")
    out.print(f"[bold]{actors}[/bold], {escape(_scope(network))}.")
    if network.number_of_edges() == 0:
        out.print("No ties to analyse.")
        return
    found = measure(network)
    for section in (_print_centrality, _print_brokers, _print_balance, _print_communities):
        out.print()
        section(out, found, top)


_ARROWS = {"forward": "→", "backward": "←", "undirected": "—"}


def _marks(tie: PathTie, as_of: str | None) -> str:
    """What a step's reader must know beyond its type (an event's type says "(event)"):
    "(time unknown on DAY; unsourced)", either part, or ""."""
    marks = []
    if tie.time_unknown:
        marks.append(f"time unknown on {as_of}")
    if not tie.sourced:
        marks.append("unsourced")
    return f"({'; '.join(marks)})" if marks else ""


@app.command()
def path(
    ctx: typer.Context,
    actor_a: Annotated[str, typer.Argument(metavar="A", help="An actor: label, alias, code, IRI.")],
    actor_b: Annotated[str, typer.Argument(metavar="B", help="Another actor.")],
    as_of: AsOf = None,
    undated: UndatedMode = "show",
    unsourced: UnsourcedMode = "show",
    events: Events = True,
    cutoff: Annotated[int, typer.Option("--cutoff", min=1, help="The longest path, in ties.")] = 4,
    limit: Annotated[int, typer.Option("--limit", min=1, help="The most paths to show.")] = 20,
    ties: Annotated[
        int,
        typer.Option(
            "--ties", min=1, help="The most ties to show in a step (the others are counted)."
        ),
    ] = 5,
) -> None:
    """Show how two actors are connected: chains of ties in either direction, shortest first.

    Each step lists its ties (at most --ties; two hubs can share hundreds), with its evidence (a
    sentence, or a dataset row in words):
    → along the path, ← against it, — symmetric;
    a step that is an event, of unknown time on --as-of's date, or unsourced says so.
    Exit status: 0 paths found, 1 no path of at most --cutoff ties, 2 an unknown actor.
    """
    from rdflib import URIRef
    from rich.table import Table

    from diplograph.queries.results import term_text

    check_as_of(as_of)
    kg = options(ctx).kg()
    chosen = NetworkOptions(as_of, undated, unsourced, events)
    found = kg.path(actor_a, actor_b, cutoff=cutoff, limit=limit, options=chosen)
    network, a, b = found.network, found.source, found.target
    assert network is not None
    warn_left_out(network)
    out = console()
    when = f" on {as_of}" if as_of else ""
    for node in found.missing:
        out.print(f"No path: {escape(kg.label(URIRef(node)))} has no tie in force{when}.")
        raise typer.Exit(code=1)
    names = f"{_label(network, a)} and {_label(network, b)}"
    if not found:
        out.print(f"No path of at most {cutoff} ties between {names}{when}.")
        raise typer.Exit(code=1)
    out.print(f"[bold]{counted(len(found), 'path')} between {names}[/bold]{when}, shortest first.")
    for number, actor_path in enumerate(found, start=1):
        table = Table(
            title=escape(
                f"{number}. {' — '.join(actor_path.labels)}  ({counted(len(actor_path), 'step')})"
            ),
            title_justify="left",
            show_lines=True,
        )
        for column in ("from", "tie", "to", "evidence (source)"):
            table.add_column(column, overflow="fold")
        for (u, v), hop in zip(itertools.pairwise(actor_path.labels), actor_path.hops, strict=True):
            for tie in hop[:ties]:
                # a sentence in quotation marks; a dataset row (or a count of events) in words
                if tie.citation and tie.citation != tie.quote:
                    quote = tie.citation
                else:
                    quote = f"“{tie.quote}”" if tie.quote else "-"
                if tie.document:
                    quote += f" ({tie.document})"
                marks = _marks(tie, as_of)
                table.add_row(
                    escape(u),
                    escape(f"{_ARROWS[tie.direction]} {tie.type_label}")
                    + f"\n[dim]{escape(term_text(URIRef(tie.iri)))}[/dim]"
                    + (f"\n[yellow]{escape(marks)}[/yellow]" if marks else ""),
                    escape(v),
                    escape(quote),
                )
            if len(hop) > ties:
                more = counted(len(hop) - ties, "more tie")
                table.add_row(escape(u), f"[dim]… and {more} (see --ties)[/dim]", escape(v), "")
        out.print(table)


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write.", show_default=False)
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="graphml or gexf (Gephi, yEd, Cytoscape) or json (node-link, d3); "
            "by default from the file's suffix.",
        ),
    ] = None,
    as_of: AsOf = None,
    undated: UndatedMode = "show",
    unsourced: UnsourcedMode = "show",
    events: Events = True,
    query: QueryName = None,
    param: Params = None,
) -> None:
    """Write the tie network for other tools: GraphML, GEXF or node-link JSON.

    Tie IRIs are the edge ids (an event's edges: EVENT|SOURCE|TARGET); dates are YYYY-MM-DD;
    empty values are left out. Each edge says its kind (tie or event), whether it is sourced
    and, with --as-of, in_force ("in force" or "unknown"). In GEXF a tie's begin and end are the
    edge's start and end, for Gephi's timeline. The file is written whole or not at all.
    """
    from diplograph.network.export import EXPORT_FORMATS, export_text
    from diplograph.output import write_output

    by_suffix = {suffix: name for name, suffix in EXPORT_FORMATS.items()}
    fmt = output_format(
        fmt, output, by_suffix, list(EXPORT_FORMATS), screen=None, kind="export format"
    )
    _, network = _network(ctx, query, param, NetworkOptions(as_of, undated, unsourced, events))
    write_output(output, export_text(network, fmt))
    what = counted_edges(network, network.number_of_edges())
    console(stderr=True).print(
        f"wrote {counted(network.number_of_nodes(), 'actor')} and {what} "
        f"({escape(_scope(network))}) to {escape(str(output))} as {fmt}"
    )
