"""The query catalogue: find ``.rq`` files, read their ``#+`` headers, check their syntax.

A header is a block of comment lines that keeps the file valid SPARQL::

    #+ summary: Actors that pledged or contributed troops to a force
    #+ param: force actor = ISF -- the multinational force or mission

A parameter ``NAME TYPE [= DEFAULT] [-- description]`` is the query variable ``?NAME``. A concept
parameter may name the concept scheme its values come from, ``concept(SCHEME)`` with ``SCHEME`` a
CURIE or IRI (``#+ param: status concept(ts:scheme)``): only that scheme's concepts are then
accepted, and an unknown value is answered with the scheme's labels. Its value
is turned into an RDF term (:mod:`diplograph.queries.params`) and bound by the store as a
``VALUES`` block (:mod:`diplograph.store.binding`), so no value can change the query's shape.
A parameter with no default and no value stays unbound, which means "any".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from diplograph.errors import QueryError, UpdateRefused
from diplograph.paths import queries_dir

__all__ = [
    "PARAM_TYPES",
    "NamedQuery",
    "Parameter",
    "check_syntax",
    "find_query",
    "list_queries",
    "load_query",
    "parse_header",
]

#: parameter types and what a value of each is turned into
PARAM_TYPES = {
    "actor": "an actor's label, alias, ISO 3166 alpha-3 or COW code, CURIE or IRI",
    "concept": "a concept's label, notation, local name, CURIE or IRI (tie types, statuses ...)",
    "iri": "an absolute IRI or a CURIE such as d:morocco",
    "date": "an ISO 8601 date, YYYY-MM-DD",
    "string": "any text, bound as a plain string literal",
    "integer": "a whole number",
    "decimal": "a decimal number",
}

_HEADER = re.compile(r"^#\+\s?(?P<key>[A-Za-z_-]+):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^#\+\s{2,}(?P<value>\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)(?:\((?P<scheme>[^()\s]*)\))?"
    r"(?:\s*=\s*(?P<default>.*?))?(?:\s+--\s+(?P<doc>.*))?$"
)
#: suffixes of query files
QUERY_SUFFIXES = (".rq", ".sparql")


@dataclass(frozen=True)
class Parameter:
    """One ``#+ param:`` of a query."""

    name: str
    type: str
    default: str | None = None
    doc: str = ""
    #: for a concept parameter, the concept scheme its values come from as the header names it
    #: (a CURIE or an IRI), if it does
    scheme_spec: str | None = None

    @property
    def scheme(self) -> str | None:
        """The IRI of the concept scheme the values come from; None when any concept will do."""
        if self.scheme_spec is None:
            return None
        from diplograph.iri import parse_iri  # here: the command's start-up reads no scheme

        iri = parse_iri(self.scheme_spec)
        if iri is None:
            raise QueryError(
                f"the concept scheme: {self.scheme_spec!r} is not an absolute IRI or a known CURIE."
            )
        return iri

    @property
    def type_spec(self) -> str:
        """The type as the header writes it: ``concept(ts:scheme)`` or just ``concept``."""
        return self.type if self.scheme_spec is None else f"{self.type}({self.scheme_spec})"


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header."""

    name: str
    path: Path
    text: str
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    params: tuple[Parameter, ...] = ()
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_check(self) -> bool:
        """Whether this is a quality check that must return no rows."""
        return self.path.stem.endswith("-violation")

    def param(self, name: str) -> Parameter:
        for param in self.params:
            if param.name == name:
                return param
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"Query {self.name!r} has no parameter {name!r}; its parameters: {known}.")


def parse_header(text: str) -> dict[str, list[str]]:
    """The ``#+ key: value`` lines at the top of ``text``; a key may repeat (``param``)."""
    header: dict[str, list[str]] = {}
    last: str | None = None
    for line in text.splitlines():
        if continued := _CONTINUATION.match(line):
            if last is not None:
                header[last][-1] += " " + continued["value"].strip()
            continue
        if match := _HEADER.match(line):
            last = match["key"].lower()
            header.setdefault(last, []).append(match["value"].strip())
            continue
        if line.strip() and not line.startswith("#"):
            break
        last = None
    return header


def _parse_param(spec: str, path: Path) -> Parameter:
    match = _PARAM.match(spec.strip())
    if not match or match["type"] not in PARAM_TYPES:
        raise QueryError(
            f"{path}: bad parameter line '#+ param: {spec}'; expected "
            f"'NAME TYPE [= DEFAULT] [-- description]' with TYPE one of {', '.join(PARAM_TYPES)} "
            "(a concept's scheme may follow in brackets: concept(ts:scheme))."
        )
    if match["scheme"] is not None and match["type"] != "concept":
        raise QueryError(
            f"{path}: bad parameter line '#+ param: {spec}'; only a concept parameter names "
            f"a scheme in brackets, not {match['type']}."
        )
    default = match["default"]
    param = Parameter(
        name=match["name"],
        type=match["type"],
        default=default.strip() if default else None,
        doc=(match["doc"] or "").strip(),
        scheme_spec=match["scheme"],
    )
    if param.scheme_spec is not None and not _is_builtin(path):  # the tests check the built-in
        try:
            param.scheme  # noqa: B018 - read to check the CURIE or IRI
        except QueryError as error:
            raise QueryError(f"{path}: bad parameter line '#+ param: {spec}'; {error}") from None
    return param


def load_query(path: Path, name: str | None = None) -> NamedQuery:
    """Read a query file and its header; :class:`QueryError` if it is not valid SPARQL."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise QueryError(f"{path}: cannot read the query ({error.strerror}).") from error
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise QueryError(
            f"{path}:{line}: not UTF-8 text (byte 0x{error.object[error.start]:02X}); save the "
            "query as UTF-8."
        ) from None
    header = parse_header(text)
    names = [spec.split(None, 1)[0] for spec in header.get("param", []) if spec.split()]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise QueryError(
            f"{path}: the parameter {', '.join(twice)} is declared on more than one "
            "'#+ param' line; declare each once."
        )
    query = NamedQuery(
        name=name or path.stem,
        path=path,
        text=text,
        summary=" ".join(header.get("summary", [])),
        description=" ".join(header.get("description", [])),
        tags=tuple(t.strip() for v in header.get("tags", []) for t in v.split(",") if t.strip()),
        params=tuple(_parse_param(spec, path) for spec in header.get("param", [])),
        extra={k: " ".join(v) for k, v in header.items() if k not in _KNOWN_KEYS},
    )
    if not _is_builtin(path):
        check_syntax(query.text, str(path))  # parse now, so errors name the file
    return query


def _is_builtin(path: Path) -> bool:
    """Whether ``path`` is one of the package's own queries: those are parsed by the test suite
    (tests/test_queries.py), not again in every process, where rdflib's parser takes about half
    a second a query."""
    try:
        return path.resolve().is_relative_to(queries_dir().resolve())
    except OSError:
        return False


_KNOWN_KEYS = {"summary", "description", "tags", "param"}


_PARSER_LOCK = threading.Lock()


@lru_cache(maxsize=256)
def check_syntax(text: str, origin: str) -> str:
    """The query form of ``text``; :class:`QueryError` with file, line and column if malformed.

    rdflib's parser checks the syntax (the same on every store); an update is refused here with
    its own message rather than as a parse error.
    """
    # rdflib only when a query is checked: listing the catalogue (`diplograph queries`) loads none
    from diplograph.namespaces import PREFIXES
    from diplograph.store.binding import analyse

    shape = analyse(text)
    if shape.form is None and shape.update_keyword is not None:
        raise UpdateRefused(
            f"{origin}: this is a SPARQL update ({shape.update_keyword}), and updates are not "
            "allowed in a query: only SELECT, CONSTRUCT, ASK and DESCRIBE run here."
        )
    # the SPARQL parser (pyparsing) loads once a query is checked (see above)
    from rdflib.plugins.sparql import prepareQuery

    try:
        with _PARSER_LOCK:  # rdflib's pyparsing grammar is not thread-safe
            prepareQuery(text, initNs=dict(PREFIXES))
    except Exception as error:  # pyparsing's ParseException and rdflib's own errors
        line = getattr(error, "lineno", None)
        column = getattr(error, "col", None)
        where = f"{origin}:{line}:{column}" if line else origin
        message = getattr(error, "msg", None) or str(error).splitlines()[0]
        raise QueryError(f"{where}: malformed SPARQL ({message}).") from error
    return shape.form or "SELECT"


def list_queries(include_checks: bool = True) -> list[NamedQuery]:
    """Every built-in query, sorted by name; checks are named ``checks/NAME-violation``."""
    root = queries_dir()
    queries = [
        load_query(path, path.relative_to(root).with_suffix("").as_posix())
        for path in sorted(root.rglob("*.rq"))
    ]
    return [q for q in queries if include_checks or not q.is_check]


def find_query(name_or_path: str | Path) -> NamedQuery:
    """A built-in query by name (``troop-contributors``) or any ``.rq``/``.sparql`` file by path."""
    text = str(name_or_path)
    candidate = Path(text)
    is_file_name = text.lower().endswith(QUERY_SUFFIXES)
    if is_file_name and candidate.is_file():
        return load_query(candidate, candidate.stem)
    stem = text.removesuffix(".rq")
    builtin = queries_dir() / f"{stem}.rq"
    if builtin.is_file() and not stem.startswith(("/", ".")):
        return load_query(builtin, stem)
    if is_file_name:
        raise QueryError(f"{text}: no such query file.")
    every = list_queries()
    names = [q.name for q in every]

    from difflib import get_close_matches  # only for a name not found: `queries` lists without it

    near = get_close_matches(text, names, n=3, cutoff=0.4)
    hint = f" Did you mean {', '.join(near)}?" if near else ""
    checks = sum(q.is_check for q in every)
    raise QueryError(
        f"Unknown query {text!r}.{hint} 'diplograph queries' lists the "
        f"{len(names) - checks} named queries, 'diplograph queries --checks' the {checks} "
        "checks too."
    )
