"""What every command shares: the app, the global options, the console, parameter parsing.

Exit codes: 0 success, 1 validation found violations (or ``path`` found none), 2 a usage or
input error (malformed file, unknown query, actor or parameter, an unreachable store, an output
that cannot be written). Heavy libraries load inside the commands, so that ``--help`` is instant.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, TextIO, cast

import typer

from diplograph import __version__
from diplograph.bulk import gc_paused
from diplograph.cli.typer_help import global_options, plain_help
from diplograph.defaults import SERVICE_TIMEOUT, Undated, Unsourced
from diplograph.errors import DataError, DataWarning, OutputError, QueryError
from diplograph.wording import counted

# in-function imports: each command imports what it uses when it runs, so that
# `diplograph --help` loads no RDF engine, network, map or rich (tests/test_startup.py)

if TYPE_CHECKING:
    import networkx as nx
    from rich.console import Console

    from diplograph.api import KnowledgeGraph

__all__ = [
    "AsOf",
    "Events",
    "Options",
    "Params",
    "QueryName",
    "UndatedMode",
    "UnsourcedMode",
    "app",
    "check_as_of",
    "command",
    "console",
    "counted_edges",
    "escape",
    "hoist_global_options",
    "options",
    "parse_params",
    "print_data_warnings",
    "warn_left_out",
]

app = typer.Typer(
    name="diplograph",
    help="A knowledge graph of diplomatic relationships: load it, query it, validate it, map it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Options:
    """Global options, shared by every command; the store opens on first use."""

    store: str | None = None
    update_url: str | None = None
    allow_service: bool = False
    service_timeout: float = SERVICE_TIMEOUT
    data: list[Path] = field(default_factory=list)
    _kg: KnowledgeGraph | None = None

    def kg(self) -> KnowledgeGraph:
        """The store (with ``--data`` files added for this command only)."""
        if self._kg is None:
            from diplograph.api import KnowledgeGraph
            from diplograph.store import open_store
            from diplograph.store.files import expand

            files = expand(self.data)  # a missing file fails before the store opens
            store = open_store(
                self.store,
                update_url=self.update_url,
                allow_service=self.allow_service,
                service_timeout=self.service_timeout,
                report=_report,
            )
            self._kg = KnowledgeGraph(store)
            for note in store.notes:
                from rich.markup import escape

                console(stderr=True).print(f"[yellow]note:[/yellow] {escape(note)}")
            for path in files:
                store.load(path, temporary=True)
        return self._kg

    def close(self) -> None:
        if self._kg is not None:
            self._kg.close()
            self._kg = None


def _report(message: str) -> None:
    """Housekeeping the store does on its own (removing an earlier copy, or what an interrupted
    command left), said on stderr as it starts: it can take a while."""
    from rich.markup import escape

    console(stderr=True).print(f"{escape(message)} …")


class _Output:
    """Standard output for rich, turning a failed write (a full disk, a closed pipe) into an
    :class:`~diplograph.errors.OutputError`: one paragraph and exit status 2, never a traceback
    nor a silent success."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def _failed(self, error: Exception) -> OutputError:
        reason = getattr(error, "strerror", None) or error
        return OutputError(
            f"Cannot write to standard output ({reason}); give -o FILE to write the result."
        )

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError) as error:
            raise self._failed(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError) as error:
            raise self._failed(error) from None

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


def console(stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr); pipes and CI logs get a fixed width of 160.

    :class:`~diplograph.errors.OutputError` when standard output is closed: what the command
    would print has nowhere to go.
    """
    from rich.console import Console

    if stderr:
        stream = sys.stderr
        width = None if stream is not None and stream.isatty() else 160
        return Console(stderr=True, highlight=False, width=width)
    if sys.stdout is None:
        raise OutputError("Standard output is closed; give -o FILE to write the result.")
    width = None if sys.stdout.isatty() else 160
    return Console(file=cast("IO[str]", _Output(sys.stdout)), highlight=False, width=width)


def escape(text: str) -> str:
    """``text`` with rich's markup characters escaped, to print as it is (rich loads on first
    use: ``diplograph --help`` needs none of it)."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)


def options(ctx: typer.Context) -> Options:
    """The global options of this invocation."""
    root = ctx.find_root()
    assert isinstance(root.obj, Options)
    return root.obj


def _version(value: bool) -> None:
    if value:
        print(f"diplograph {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            metavar="STORE",
            envvar="DIPLOGRAPH_STORE",
            show_envvar=True,
            help="Where the graph lives: oxigraph:PATH (on disk), memory, rdflib, or "
            "sparql+http(s)://HOST/PATH (a SPARQL endpoint). Default: an on-disk store in your "
            "data folder (see 'diplograph sources').",
            show_default=False,
        ),
    ] = None,
    update_url: Annotated[
        str | None,
        typer.Option(
            "--update-url",
            help="The update URL of a SPARQL endpoint store, to allow loading into it.",
            show_default=False,
        ),
    ] = None,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service",
            help="Let queries call other servers (SERVICE clauses); off, nothing a query or "
            "data file says reaches the network.",
        ),
    ] = False,
    service_timeout: Annotated[
        float,
        typer.Option(
            "--service-timeout",
            min=0.1,
            help="With --allow-service: abandon a query whose SERVICE call takes longer (s).",
        ),
    ] = SERVICE_TIMEOUT,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            metavar="FILE",
            help="Your own RDF facts (Turtle, N-Triples, JSON-LD, TriG, N-Quads, RDF/XML; file "
            "or folder), added for this command only. Repeatable. 'diplograph load' keeps them.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    ctx.obj = Options(
        store=store,
        update_url=update_url,
        allow_service=allow_service,
        service_timeout=service_timeout,
        data=list(data or []),
    )
    ctx.call_on_close(ctx.obj.close)
    if ctx.invoked_subcommand != "serve":  # the server's workers pause it job by job
        ctx.with_resource(gc_paused())  # a command is one batch of work: see diplograph.bulk


#: after this argument, nothing is an option
_END_OF_OPTIONS = "--"


def command() -> Any:
    """The click command of :data:`app`, with help that names values as words
    (:func:`~diplograph.cli.typer_help.plain_help`)."""
    return plain_help(app)


def hoist_global_options(args: Sequence[str], root: Any = None) -> list[str]:
    """``args`` with the global options (``--store``, ``--data`` ...) that follow the command
    moved before it, where the parser expects them: ``query actors --data f.ttl`` means
    ``--data f.ttl query actors``, as a newcomer expects. Nothing after ``--`` is moved.

    The names and whether each takes a value come from the app's own options (``root``, the
    click command, by default built anew), so a new global option is hoisted too.
    """
    takes_value = global_options(root or typer.main.get_command(app))
    before: list[str] = []
    index = 0
    while index < len(args) and args[index].startswith("-") and args[index] != _END_OF_OPTIONS:
        token = args[index]
        before.append(token)
        if takes_value.get(token) and index + 1 < len(args):  # "--store X", not "--store=X"
            before.append(args[index + 1])
            index += 1
        index += 1
    after: list[str] = []
    rest = list(args[index:])
    index = 0
    while index < len(rest):
        token = rest[index]
        if token == _END_OF_OPTIONS:
            after.extend(rest[index:])
            break
        name = token.split("=", 1)[0]
        if name in takes_value and name.startswith("--"):
            before.append(token)
            if takes_value[name] and "=" not in token and index + 1 < len(rest):
                before.append(rest[index + 1])
                index += 1
        else:
            after.append(token)
        index += 1
    return before + after


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["a=Israel"]`` -> ``{"a": "Israel"}``; a repeated name, an empty value or a pair that is
    not name=value is an error (none is silently dropped or taken as "any")."""
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"--param {pair!r}: write it as name=value.")
        if name in params:
            raise QueryError(f"--param {name} is given twice ({params[name]!r} and {value!r}).")
        if not value.strip():
            raise QueryError(
                f"--param {name} has no value; give one ({name}=VALUE), or leave the parameter "
                "out to mean any."
            )
        params[name] = value
    return params


def output_format(
    fmt: str | None,
    output: Path | None,
    by_suffix: dict[str, str],
    formats: Sequence[str],
    *,
    screen: str | None = "table",
    kind: str = "format",
) -> str:
    """The format of a command's output: ``--format`` as given, else the one ``output``'s suffix
    names, else ``screen`` (for printing; None when a file is required). Checks the output path
    before any work, so a bad ``-o`` fails fast. :class:`DataError` for what cannot be told.

    >>> output_format(None, Path("a.csv"), {".csv": "csv"}, ["csv", "table"])
    'csv'
    """
    from diplograph.output import check_output_path

    choices = ", ".join(f for f in formats if f != screen)
    if fmt is None:
        fmt = by_suffix.get(output.suffix.lower(), "") if output is not None else screen
        if not fmt:
            raise DataError(
                f"Cannot tell the format of {str(output)!r} from its suffix; give --format "
                f"{'|'.join(f for f in formats if f != screen)}."
            )
    fmt = fmt.lower()
    if fmt not in formats:
        raise DataError(f"Unknown {kind} {fmt!r}; use one of {', '.join(formats)}.")
    if fmt == screen and output is not None:
        raise DataError(f"--output needs a file format ({choices}).")
    if output is not None:
        check_output_path(output)
    return fmt


def check_as_of(value: str | None) -> None:
    """A clear error now, before any work, for an ``--as-of`` that is not YYYY-MM-DD."""
    if value is not None:
        from diplograph.queries.params import parse_date

        parse_date(value, "--as-of")


_AS_OF_HELP = (
    "Only ties in force on this date (YYYY-MM-DD), and those of unknown time then (see "
    "--undated); a tie is of unknown time when it has no begin date, or ended at a date not given."
)
_UNDATED_HELP = (
    "With --as-of, ties of unknown time on that date: show them flagged (counted apart; faded "
    "on maps), include them as if in force, or exclude them (a warning gives their number)."
)
_UNSOURCED_HELP = (
    "Ties and events that no quoted statement supports: show them flagged (counted; grey on "
    "maps, 'unsourced' in their details) or exclude them (a warning gives their number)."
)
_EVENTS_HELP = (
    "Events as edges: an event joins its acting party to its recipient, and the parties that "
    "take part in it (a meeting's participants) to each other and to its acting party."
)

# The options every network command shares (render, analyze, path, export): one place.
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help=_AS_OF_HELP, show_default=False),
]
UndatedMode = Annotated[Undated, typer.Option("--undated", help=_UNDATED_HELP)]
UnsourcedMode = Annotated[Unsourced, typer.Option("--unsourced", help=_UNSOURCED_HELP)]
Events = Annotated[bool, typer.Option("--events/--no-events", help=_EVENTS_HELP)]
QueryName = Annotated[
    str | None,
    typer.Option(
        "--query",
        "-q",
        metavar="QUERY",
        help="Only the ties this named query (or .rq file) returns; all if unset.",
        show_default=False,
    ),
]
#: -o of the commands that print a result unless told to write it to a file
Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file instead of the screen.", show_default=False
    ),
]
Params = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        metavar="NAME=VALUE",
        help="A query parameter as name=value. Repeatable.",
        show_default=False,
    ),
]


def counted_edges(network: nx.MultiDiGraph, count: int) -> str:
    """``count`` edges of ``network`` in words: "1 tie", "5 ties", or "5 ties and events" when
    the network holds event edges too."""

    if (network.graph.get("counts") or {}).get("events"):
        return counted(count, "tie or event", "ties and events")
    return counted(count, "tie")


def print_data_warnings() -> None:
    """Show the library's :class:`~diplograph.errors.DataWarning` (an empty folder, skipped
    files) on stderr as ``warning: ...``, like the command's own warnings, instead of Python's
    ``file:line: DataWarning:`` form; other warnings are shown as Python shows them."""

    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, DataWarning):
            from rich.markup import escape

            console(stderr=True).print(f"[yellow]warning:[/yellow] {escape(str(message))}")
        else:
            shown(message, category, *args, **kwargs)

    warnings.showwarning = show
    warnings.simplefilter("always", DataWarning)  # each folder once per call, not once a line


def warn_left_out(network: nx.MultiDiGraph) -> None:
    """A warning on stderr for every edge the network left out by ``--undated exclude`` or
    ``--unsourced exclude``, with their number: nothing is dropped without a word."""

    counts = network.graph.get("counts") or {}
    out = console(stderr=True)
    day = network.graph.get("as_of")
    for reason, option, before, after in (
        ("unknown_excluded", "--undated", "", f" of unknown time on {day}"),
        ("unsourced_excluded", "--unsourced", "unsourced ", " (with no supporting statement)"),
    ):
        ties, events = counts.get(f"ties_{reason}", 0), counts.get(f"events_{reason}", 0)
        parts = [counted(ties, f"{before}tie")] if ties else []
        if events:
            parts.append(counted(events, f"{before}event edge"))
        if parts:
            out.print(
                f"[yellow]warning:[/yellow] {' and '.join(parts)}{after} left out "
                f"({option} exclude); {option} show keeps them, flagged."
            )
