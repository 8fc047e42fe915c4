"""``diplograph source add|list|show``: register documents and read their numbered sentences."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from diplograph.cli.common import app, console, escape, options
from diplograph.digest import sha256_file
from diplograph.errors import QueryError
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

__all__ = ["add", "list_documents", "show"]

source_app = typer.Typer(
    help="Register source documents and read their numbered sentences.",
    no_args_is_help=True,
)
app.add_typer(source_app, name="source")


@source_app.command("add")
def add(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="The document: a UTF-8 text file.")],
    title: Annotated[str | None, typer.Option(help="Its title.", show_default=False)] = None,
    published: Annotated[
        str | None,
        typer.Option("--date", help="When it was published, YYYY-MM-DD.", show_default=False),
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    language: Annotated[
        str | None, typer.Option(help="Its language, e.g. en.", show_default=False)
    ] = None,
) -> None:
    """Register a document: its hash, a local copy, its sentences as numbered statements.

    What you do not give (title, date, URL, publisher, language) stays unknown.
    """
    from diplograph.curation.sources import register
    from diplograph.queries.params import parse_date, parse_iri

    day = parse_date(published, "--date") if published else None
    link = str(parse_iri(url, "--url")) if url else None
    kg = options(ctx).kg()
    registered = register(
        kg.store,
        path,
        title=title,
        published=day,
        url=link,
        publisher=publisher,
        language=language,
    )
    console(stderr=True).print(
        f"registered {escape(str(path))} as {registered.document} "
        f"({counted(len(registered.sentences), 'sentence')}, s01…s{len(registered.sentences):02d}; "
        f"copy: {escape(str(registered.copy))})"
    )


@source_app.command("list")
def list_documents(ctx: typer.Context) -> None:
    """The source documents the graph cites, with how many statements and claims cite each."""
    from diplograph.queries import render_table

    more = "diplograph query sources -f csv lists them all"
    console().print(render_table(options(ctx).kg().query("sources"), more=more))


@source_app.command("show")
def show(
    ctx: typer.Context,
    document: Annotated[
        str, typer.Argument(help="The document: its IRI, its SHA-256 (or a prefix), or its file.")
    ],
) -> None:
    """A document's metadata and its sentences, numbered, with their lines."""
    from rich.table import Table

    kg = options(ctx).kg()
    rows = kg.values("sources")
    wanted = document.strip().lower()
    if Path(document).is_file():
        wanted = sha256_file(Path(document))
    found = [
        r
        for r in rows
        if r["document"] == document
        or (r["sha256"] and len(wanted) >= 6 and str(r["sha256"]).startswith(wanted))
    ]
    if len(found) != 1:
        known = ", ".join(sorted(str(r["documentLabel"] or r["document"]) for r in rows))
        what = "matches several documents" if found else "names no document"
        raise QueryError(f"{document!r} {what}; the documents: {known}.")
    record = found[0]
    out = console()
    out.print(f"[bold]{escape(str(record['documentLabel'] or record['document']))}[/bold]")
    for key in ("document", "sha256", "url"):
        if record[key]:
            out.print(f"  {key}: {escape(str(record[key]))}")
    from rdflib import URIRef

    from diplograph.iri import local_name

    sentences = kg.store.query(_SENTENCES, {"document": URIRef(str(record["document"]))}).rows
    title = counted(len(sentences), "statement")
    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("statement", "line", "kind", "quote"):
        table.add_column(column, overflow="fold")
    for statement, line, kind, quote in sentences:
        table.add_row(
            escape(str(statement).rsplit("-", 1)[-1]),
            str(line or ""),
            escape(local_name(str(kind)) if kind else ""),
            escape(str(quote)),
        )
    out.print(table)


_SENTENCES = """
SELECT DISTINCT ?statement ?line ?kind ?quote WHERE {
  ?statement prov:wasQuotedFrom ?document ; dipl:quote ?quote .
  OPTIONAL { ?statement dipl:lineNumber ?line }
  OPTIONAL { ?statement a ?kind . FILTER(?kind IN (dipl:ReportedFact, dipl:Assessment)) }
}
ORDER BY ?line ?statement"""
