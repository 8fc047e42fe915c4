"""The Python API notebooks use: what the ``diplograph`` command does, as methods returning objects.

Each method is a thin wrapper over the function its command calls, so a notebook and the
command line give the same answers: ``query``, ``validate``, ``load`` ...; ``network``, ``render``,
``path`` and ``analyze`` (``diplograph render``, ``path``, ``analyze``); ``add_source``,
``extract``, ``add`` and ``add_tie`` (``diplograph source add``, ``extract``, ``add``).

>>> import diplograph
>>> kg = diplograph.open("memory")
>>> sorted(kg.query("troop-contributors").column("contributorLabel"))
['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
>>> kg.label(kg.actor("MAR"))
'Morocco'
>>> [p.labels for p in kg.path("Board of Peace", "ISF", cutoff=1)]
[('Board of Peace', 'International Stabilization Force')]
"""

from __future__ import annotations

import builtins
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from diplograph.defaults import MAX_NODES, NetworkOptions
from diplograph.errors import DataError, QueryError
from diplograph.output import check_output_path, write_output
from diplograph.queries import (
    NamedQuery,
    QueryResult,
    list_queries,
    resolve_actor,
    resolve_concept,
    run_values,
)
from diplograph.queries.params import parse_date, parse_iri
from diplograph.store import LoadedSource, Store, open_store
from diplograph.store.base import Progress
from diplograph.store.files import expand

# in-function imports: each method imports the stage it uses, so that a query (its citations)
# loads neither the network's builder nor the validator (tests/test_startup.py)
if TYPE_CHECKING:
    import networkx as nx

    from diplograph.analysis import NetworkAnalysis, Paths
    from diplograph.curation.extract import Candidate
    from diplograph.curation.facts import Added
    from diplograph.curation.sources import Registered
    from diplograph.maps import RenderedMap
    from diplograph.validate import ValidationReport


__all__ = ["KnowledgeGraph", "Stats", "load", "open"]


@dataclass(frozen=True)
class Stats:
    """Size of the graph: triples, resources per class, ties per type and status, sources."""

    triples: int
    classes: QueryResult
    tie_types: QueryResult
    sources: QueryResult


_LABEL = """
SELECT ?label WHERE {
  ?resource rdfs:label ?label
} LIMIT 20"""


class KnowledgeGraph:
    """A store holding the built-in graph (and whatever was loaded), with the named queries.

    What notebooks and scripts use: queries, networks, maps and analysis over one
    :class:`~diplograph.store.Store`. Made by :func:`diplograph.open` or :func:`diplograph.load`;
    a ``with`` block closes it (dropping the graphs of ``data=`` files).

    Parameters
    ----------
    store : Store
        The store it reads and writes; ``kg.store`` for the engine's own methods.

    Examples
    --------
    >>> import diplograph
    >>> with diplograph.open("memory") as kg:
    ...     kg.query("troop-contributors", force="ISF").column("contributorLabel")[:2]
    ['Albania', 'Indonesia']
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph on {self.store.describe()}>"

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Drop temporary (``data=``) graphs and release the store; a ``with`` block calls it.

        Examples
        --------
        >>> import diplograph
        >>> kg = diplograph.open("memory")
        >>> kg.close()
        """
        self.store.close()

    def query(self, name: str | Path | NamedQuery, **params: str) -> QueryResult:
        """Run a named query (or a ``.rq`` file) with parameters given as text (a ``#+ cite:``
        query gets its ``citation`` column: :mod:`diplograph.network.citation`).

        Parameters
        ----------
        name : str, Path or NamedQuery
            A built-in query's name (``diplograph queries`` lists them) or a ``.rq`` file.
        **params : str
            The query's parameters, as the command line takes them: an actor by any of its
            names, a concept by its label, a date as YYYY-MM-DD. Bound as ``VALUES``, never
            pasted into the text.

        Returns
        -------
        QueryResult
            The rows (or graph, or boolean), with ``column``, ``records`` and the writers.

        Examples
        --------
        >>> import diplograph
        >>> kg = diplograph.open("memory")
        >>> kg.query("troop-contributors", force="ISF").column("contributorLabel")
        ['Albania', 'Indonesia', 'Kazakhstan', 'Kosovo', 'Morocco']
        """
        from diplograph.network.citation import cited_query

        return cited_query(self.store, name, params)

    def values(self, name: str | Path | NamedQuery, **params: str) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values (fast for big results).

        Parameters
        ----------
        name : str, Path or NamedQuery
            As for :meth:`query`; the query must be a SELECT.
        **params : str
            As for :meth:`query`.

        Returns
        -------
        list of dict
            One dict a row: IRIs as text, literals as numbers, dates, booleans or text.

        Examples
        --------
        >>> import diplograph
        >>> kg = diplograph.open("memory")
        >>> row = kg.values("troop-contributors", force="ISF")[0]
        >>> row["contributorLabel"], row["statusLabel"], row["evidence"]
        ('Albania', 'pledged', 1)
        """
        return run_values(self.store, name, params)

    @staticmethod
    def queries(include_checks: bool = False) -> builtins.list[NamedQuery]:
        """The built-in queries with their summaries and parameters.

        Parameters
        ----------
        include_checks : bool
            Also the violation checks ``validate`` runs (``queries/checks/``).

        Returns
        -------
        list of NamedQuery
            By name; each with ``summary`` and ``params`` as its ``#+`` header says.

        Examples
        --------
        >>> import diplograph
        >>> first = diplograph.KnowledgeGraph.queries()[0]
        >>> first.name, first.summary.split(":")[0]
        ('actor-names', 'Every name an actor answers to')
        """
        return list_queries(include_checks=include_checks)

    def validate(self, *, fresh: bool = False) -> ValidationReport:
        """Check the store against the SHACL shapes and the violation queries, as ``diplograph
        validate`` does.

        Parameters
        ----------
        fresh
            Run every check now, even when the store keeps a report for its present state
            (a store on disk keeps the last one made for its data: ``kept`` says it is that one,
            ``made`` when it was made).

        Returns
        -------
        ValidationReport
            ``conforms`` when every shape and check passes; ``violations`` says what failed,
            where (file and line where known).

        Examples
        --------
        >>> import diplograph
        >>> diplograph.open("memory").validate().conforms
        True
        """
        from diplograph.validate import validate

        return validate(self.store, fresh=fresh)

    def stats(self) -> Stats:
        """The graph's size; its three queries run side by side where the store allows it.

        Returns
        -------
        Stats
            ``triples``, and the ``class-counts``, ``tie-type-counts`` and ``sources`` queries'
            results.

        Examples
        --------
        >>> import diplograph
        >>> stats = diplograph.open("memory").stats()
        >>> stats.tie_types.variables
        ['typeLabel', 'statusLabel', 'count']
        """
        names = ("class-counts", "tie-type-counts", "sources")
        with self.store.query_pool() as pool:
            classes, tie_types, sources = pool.map(self.query, names)
        return Stats(len(self.store), classes, tie_types, sources)

    def actor(self, name: str) -> URIRef:
        """The actor named by a label, alias, code, CURIE or IRI.

        Raises :class:`~diplograph.errors.UnknownNameError` (with the nearest names) when no
        actor has that name.

        Examples
        --------
        >>> import diplograph
        >>> kg = diplograph.open("memory")
        >>> str(kg.actor("MAR")) == str(kg.actor("Morocco"))
        True
        >>> kg.label(kg.actor("MAR"))
        'Morocco'
        """
        return resolve_actor(self.store, name)

    def concept(self, name: str) -> URIRef:
        """The concept (tie type, status ...) named by a label, notation, CURIE or IRI.

        Examples
        --------
        >>> import diplograph
        >>> diplograph.open("memory").concept("troop contribution").endswith("TroopContribution")
        True
        """
        return resolve_concept(self.store, name)

    def label(self, iri: URIRef | str, lang: str = "en") -> str:
        """The label of ``iri`` in ``lang`` (else any label, else the IRI).

        Examples
        --------
        >>> import diplograph
        >>> kg = diplograph.open("memory")
        >>> kg.label(kg.actor("ISF"))
        'International Stabilization Force'
        """
        answer = self.store.query(_LABEL, {"resource": URIRef(str(iri))})
        labels = [row[0] for row in answer.rows if isinstance(row[0], Literal)]
        for label in labels:
            if label.language == lang:
                return str(label)
        return str(sorted(labels)[0]) if labels else str(iri)

    def turtle(self) -> str:
        """Every triple of the store (all graphs merged) as Turtle.

        Examples
        --------
        >>> import diplograph
        >>> diplograph.open("memory").turtle().startswith("@prefix")
        True
        """
        graph = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
        assert graph is not None
        return graph.serialize(format="turtle")

    def load(self, *paths: Path | str, progress: Progress | None = None) -> list[LoadedSource]:
        """Load RDF files or folders into the store, each in a graph of its own (kept on disk).

        Loading a file again replaces its earlier copy; a file that fails to load leaves the
        store as it was.

        Parameters
        ----------
        *paths : Path or str
            RDF files (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD) or folders of them.
        progress : callable, optional
            Called with (bytes read, total bytes) while a big file loads.

        Returns
        -------
        list of LoadedSource
            One a file: its graph, title and number of triples.

        Examples
        --------
        >>> import diplograph, pathlib, tempfile
        >>> note = pathlib.Path(tempfile.mkdtemp()) / "note.ttl"
        >>> _ = note.write_text('<https://example.org/a> <https://example.org/b> "c" .')
        >>> kg = diplograph.open("memory")
        >>> [(source.title, source.triples) for source in kg.load(note)]
        [('note.ttl', 1)]
        >>> [source.title for source in kg.unload("note.ttl")]
        ['note.ttl']
        >>> import shutil; shutil.rmtree(note.parent)
        """
        return [self.store.load(path, progress=progress) for path in expand(paths)]

    def check_files(self, paths: Sequence[Path | str]) -> list[tuple[Path, ValidationReport]]:
        """Validate files as they would be once loaded, without keeping them: each goes into a
        temporary graph, only problems of what it states count, and it is removed again.

        Examples
        --------
        >>> import diplograph, pathlib, tempfile
        >>> note = pathlib.Path(tempfile.mkdtemp()) / "note.ttl"
        >>> _ = note.write_text('<https://example.org/a> <https://example.org/b> "c" .')
        >>> checked = diplograph.open("memory").check_files([note])
        >>> [(path.name, report.conforms) for path, report in checked]
        [('note.ttl', True)]
        >>> import shutil; shutil.rmtree(note.parent)
        """
        from diplograph.validate import validate

        checked = []
        for path in expand(paths):
            earlier = tuple(s.graph for s in self.store.find_sources(str(Path(path).resolve())))
            trial = self.store.load(path, temporary=True)
            try:
                report = validate(self.store, graph=trial.graph, replacing=earlier)
            finally:
                self.store.drop_temporary()
            checked.append((Path(path), report))
        return checked

    def unload(self, source: str) -> list[LoadedSource]:
        """Remove the graphs of a loaded file (by path, file name or graph IRI); see
        :meth:`load` for an example. The built-in graph cannot be unloaded.

        Examples
        --------
        >>> import diplograph
        >>> diplograph.open("memory").unload("ontology/vocab/diplomacy.ttl")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        diplograph.errors.StoreError: '...diplomacy.ttl' is part of the built-in graph, which is ...
        """
        return self.store.unload(source)

    def sources(self) -> list[LoadedSource]:
        """The loaded files, built-in ones first.

        Examples
        --------
        >>> import diplograph
        >>> sources = diplograph.open("memory").sources()
        >>> sources[0].builtin, "ontology/diplo.ttl" in [source.title for source in sources]
        (True, True)
        """
        return self.store.sources()

    # ------------------------------------------------------------ the network: maps, analysis

    def network(
        self,
        query: str | Path | None = None,
        *,
        options: NetworkOptions | None = None,
        **params: str,
    ) -> nx.MultiDiGraph:
        """The networkx graph ``diplograph render``, ``analyze`` and ``export`` build: actors as
        nodes, ties (and events) as edges.

        Parameters
        ----------
        query : str or Path, optional
            A query whose results name the ties (and events) to keep; every tie when None.
        options : NetworkOptions, optional
            Which ties and events it holds (:class:`~diplograph.defaults.NetworkOptions`): in
            force on a day, of unknown time, unsourced, events. What was left out is counted in
            ``network.graph["counts"]``.
        **params : str
            The query's parameters, as for :meth:`query`.

        Returns
        -------
        networkx.MultiDiGraph
            Nodes keyed by actor IRI (``label``, ``kind`` ...), one edge per tie or event
            (keyed by its IRI, with its type, status, dates and quote). See
            :func:`diplograph.network.build_network`.

        Examples
        --------
        >>> import diplograph
        >>> kg = diplograph.open("memory")
        >>> network = kg.network("ego-network", actor="Morocco")
        >>> sorted(network.nodes[n]["label"] for n in network)[:4]
        ['International Stabilization Force', 'Israel', 'MONUSCO', 'Mohammed VI']
        >>> kg.network(options=diplograph.NetworkOptions(events=False)).graph["counts"]["events"]
        0
        """

        chosen = options or NetworkOptions()
        misplaced = sorted(set(params) & set(NetworkOptions.__dataclass_fields__))
        if misplaced:
            given = ", ".join(f"{name}={params[name]!r}" for name in misplaced)
            raise QueryError(
                f"{', '.join(misplaced)} is a network option, not a query parameter: pass "
                f"options=NetworkOptions({given})."
            )
        if query is None and params:
            raise QueryError(
                f"Parameters ({', '.join(params)}) belong to a query; name the query too."
            )
        if chosen.as_of is not None:
            parse_date(chosen.as_of, "as_of")
        from diplograph.network import build_network

        return build_network(
            self.store,
            None if query is None else str(query),
            params,
            chosen.as_of,
            undated=chosen.undated,
            unsourced=chosen.unsourced,
            events=chosen.events,
        )

    def map(
        self,
        query: str | Path | None = None,
        *,
        title: str | None = None,
        max_nodes: int | None = MAX_NODES,
        options: NetworkOptions | None = None,
        **params: str,
    ) -> RenderedMap:
        """The map of :meth:`network` (the same arguments) as a page in memory: a notebook shows
        it inline, ``.html`` is the self-contained page; :meth:`render` writes it to a file.

        Parameters
        ----------
        query : str or Path, optional
            As for :meth:`network`: every tie when None.
        title : str, optional
            The page's title (else one made from the query).
        max_nodes : int or None
            Keep the best-connected actors up to this many (None: all).
        options : NetworkOptions, optional
            Which ties and events the network holds.
        **params : str
            The query's parameters.

        Returns
        -------
        RenderedMap
            ``html``, and how many actors and ties it shows of how many.

        Examples
        --------
        >>> import diplograph
        >>> page = diplograph.open("memory").map("troop-contributors", force="ISF")
        >>> page.html.lstrip().lower().startswith("<!doctype html>")
        True
        """
        # maps, analysis and curation load when used: `kg.query` and `diplograph query` need none
        from diplograph.maps import render_map

        network = self.network(query, options=options, **params)
        return render_map(network, title=title, max_nodes=max_nodes)

    def render(
        self,
        output: Path | str,
        query: str | Path | None = None,
        *,
        title: str | None = None,
        max_nodes: int | None = MAX_NODES,
        options: NetworkOptions | None = None,
        **params: str,
    ) -> Path:
        """Write the offline HTML map of :meth:`network` to ``output``, as ``diplograph render``
        does.

        Parameters
        ----------
        output : Path or str
            The HTML file; written whole or not at all, never over a device or a folder.
        query, options, **params
            As for :meth:`network`.
        title : str, optional
            The page's title.
        max_nodes : int or None
            At most this many actors are drawn, the most connected; None draws all.

        Returns
        -------
        Path
            ``output``. An empty map is written too, with a warning.

        Examples
        --------
        >>> import diplograph, tempfile
        >>> from pathlib import Path
        >>> kg = diplograph.open("memory")
        >>> page = kg.render(Path(tempfile.mkdtemp()) / "isf.html", "ego-network", actor="ISF")
        >>> "<html" in page.read_text()
        True
        """

        path = Path(output)
        check_output_path(path)  # before the work
        page = self.map(query, title=title, max_nodes=max_nodes, options=options, **params)
        write_output(path, page.html)
        if page.nodes == 0:
            warnings.warn(
                f"No ties matched, so the map {path} is empty (and says so).",
                UserWarning,
                stacklevel=2,
            )
        return path

    def path(
        self,
        a: str,
        b: str,
        *,
        cutoff: int = 4,
        limit: int = 20,
        options: NetworkOptions | None = None,
    ) -> Paths:
        """How actors ``a`` and ``b`` are connected, as ``diplograph path`` shows it.

        Parameters
        ----------
        a, b : str
            Two actors, by any name :meth:`actor` takes.
        cutoff : int
            The longest path, in ties.
        limit : int
            The most paths to give, shortest first.
        options : NetworkOptions, optional
            Which ties and events the paths may use (see :meth:`network`).

        Returns
        -------
        Paths
            Each path's steps, each step with every tie or event between its two actors. An
            actor with no tie (in force on the day asked) gives no path and is named in
            ``missing``.

        Examples
        --------
        >>> import diplograph
        >>> kg = diplograph.open("memory")
        >>> [p.labels for p in kg.path("Board of Peace", "ISF", cutoff=1)]
        [('Board of Peace', 'International Stabilization Force')]
        """
        # analysis loads when used (see map)
        from diplograph.analysis import find_paths

        source, target = str(self.actor(a)), str(self.actor(b))  # before the network is built
        if source == target:
            raise QueryError(f"{a!r} and {b!r} name the same actor, {self.label(source)}.")
        network = self.network(options=options)
        return find_paths(network, source, target, cutoff=cutoff, limit=limit)

    def analyze(
        self,
        query: str | Path | None = None,
        *,
        options: NetworkOptions | None = None,
        **params: str,
    ) -> NetworkAnalysis:
        """Centrality, brokers, structural balance and communities of :meth:`network`, the
        objects ``diplograph analyze`` prints as tables.

        Parameters
        ----------
        query, options, **params
            As for :meth:`network`.

        Returns
        -------
        NetworkAnalysis
            ``centrality``, ``brokerage``, ``balance`` and ``communities``, each a small table
            of objects.

        Examples
        --------
        >>> import diplograph
        >>> diplograph.open("memory").analyze().centrality.rows[0].label
        'International Stabilization Force'
        """
        # analysis loads when used (see map)
        from diplograph.analysis import analyze

        return analyze(self.network(query, options=options, **params))

    # ------------------------------------------------------------ new facts: sources, sheets

    def add_source(
        self,
        path: Path | str,
        *,
        title: str | None = None,
        published: str | date | None = None,
        url: str | None = None,
        publisher: str | None = None,
        language: str | None = None,
    ) -> Registered:
        """Register a document (``diplograph source add``): its hash, a local copy, and its
        sentences as numbered statements that facts can cite. What is not given stays
        unknown; ``published`` is a date or YYYY-MM-DD.

        Examples
        --------
        >>> import diplograph, pathlib, tempfile
        >>> article = pathlib.Path(tempfile.mkdtemp()) / "article.txt"
        >>> _ = article.write_text("Kazakhstan pledged police trainers to the ISF.")
        >>> kg = diplograph.open("memory")  # in memory: the copies go to a scratch folder
        >>> kg.add_source(article, title="A test article").sentences
        [(1, 'Kazakhstan pledged police trainers to the ISF.')]
        >>> import shutil; shutil.rmtree(article.parent)
        """
        # curation loads when used (see map)
        from diplograph.curation.sources import register

        day = parse_date(published, "published") if isinstance(published, str) else published
        return register(
            self.store,
            Path(path),
            title=title,
            published=day,
            url=str(parse_iri(url, "url")) if url else None,
            publisher=publisher,
            language=language,
        )

    def extract(
        self, source: Path | str, *, output: Path | str | None = None
    ) -> builtins.list[Candidate]:
        """Candidate ties and events of an article (``diplograph extract``): a text file, or a
        registered document by its sha256 hash or IRI. Each has its sentence (``quote``,
        ``line``) and ``row()`` gives its tie-sheet row; candidates rejected in an earlier
        review are left out. ``output`` (``.csv``, ``.tsv`` or ``.ttl``) also writes them as
        ``diplograph extract -o`` does: a sheet to review and :meth:`add`, or Turtle.

        Examples
        --------
        >>> import diplograph, pathlib, tempfile
        >>> article = pathlib.Path(tempfile.mkdtemp()) / "article.txt"
        >>> _ = article.write_text("Kazakhstan pledged police trainers to the ISF.")
        >>> kg = diplograph.open("memory")  # in memory: the copies go to a scratch folder
        >>> [(c.kind, c.type, c.line) for c in kg.extract(article)]
        [('event', 'pledge', 1)]
        >>> import shutil; shutil.rmtree(article.parent)
        """
        # curation loads when used (see map)
        from diplograph.curation.extract import SHEET_SUFFIXES, candidates_text, extract_source

        path = None if output is None else Path(output)
        if path is not None:
            if path.suffix.lower() not in SHEET_SUFFIXES:
                raise DataError(
                    f"Cannot tell the format of {str(path)!r} from its suffix; name a .csv, "
                    ".tsv or .ttl file."
                )
            check_output_path(path)
        extraction = extract_source(self.store, source)
        if path is not None:
            fmt = SHEET_SUFFIXES[path.suffix.lower()]
            write_output(path, candidates_text(extraction, self.store, fmt, path))
        return extraction.candidates

    def add(
        self, sheet: Path | str, *, partial: bool = False, reviewer: str | None = None
    ) -> Added:
        """Add a tie sheet's facts with their evidence (``diplograph add --sheet``): every row
        is checked first and nothing is written if any has a problem (a :class:`DataError`
        listing each as SHEET:LINE: reason) unless ``partial``. Adding the same sheet again
        replaces what it added; with a decision column only accepted rows are added.

        Examples
        --------
        >>> import diplograph, pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> article, sheet = folder / "article.txt", folder / "sheet.csv"
        >>> _ = article.write_text("Kazakhstan pledged police trainers to the ISF.")
        >>> kg = diplograph.open("memory")
        >>> _ = kg.add_source(article)
        >>> _ = kg.extract(article, output=sheet)  # the sheet a person reviews
        >>> [fact.label for fact in kg.add(sheet).facts]
        ['Kazakhstan — pledge — International Stabilization Force']
        >>> import shutil; shutil.rmtree(folder)
        """
        # curation loads when used (see map)
        from diplograph.curation.facts import add_sheet

        added = add_sheet(self.store, Path(sheet), partial=partial, reviewer=reviewer)
        if added.problems and not partial:
            raise DataError(
                f"Nothing was added: {len(added.problems)} of {added.rows} rows have problems: "
                + "; ".join(added.problems)
            )
        return added

    def add_tie(
        self,
        source_actor: str,
        target_actor: str,
        *,
        type: str,
        source: Path | str,
        line: int | None = None,
        quote: str | None = None,
        status: str | None = None,
        begin: str | None = None,
        end: str | None = None,
        confidence: float | str | None = None,
        comment: str | None = None,
        reviewer: str | None = None,
    ) -> Added:
        """Add one tie citing a sentence (its ``line``, its ``quote`` or both) of a registered
        document ``source`` (``diplograph add tie``); kept in the added-ties sheet.

        Examples
        --------
        >>> import diplograph, pathlib, tempfile
        >>> article = pathlib.Path(tempfile.mkdtemp()) / "article.txt"
        >>> _ = article.write_text("Kazakhstan pledged police trainers to the ISF.")
        >>> kg = diplograph.open("memory")  # in memory: the copies go to a scratch folder
        >>> _ = kg.add_source(article)
        >>> added = kg.add_tie("Kazakhstan", "ISF", type="police training", source=article, line=1)
        >>> [fact.label for fact in added.facts]
        ['Kazakhstan — police training — ISF']
        >>> import shutil; shutil.rmtree(article.parent)
        """
        # curation loads when used (see map)
        from diplograph.curation.facts import add_tie

        values = {
            "from": source_actor,
            "to": target_actor,
            "type": type,
            "document": str(source),
            "line": "" if line is None else str(line),
            "quote": quote or "",
            "status": status or "",
            "begin": begin or "",
            "end": end or "",
            "confidence": "" if confidence is None else str(confidence),
            "comment": comment or "",
        }
        return add_tie(self.store, values, reviewer=reviewer)

    def add_actor(
        self,
        label: str,
        *,
        kind: str,
        source: Path | str,
        line: int | None = None,
        quote: str | None = None,
        code: str | None = None,
        aliases: Sequence[str] = (),
        comment: str | None = None,
        reviewer: str | None = None,
    ) -> Added:
        """Add one actor (``diplograph add actor``): its label, kind (``multinational force``
        ...), code and aliases, citing the sentence that introduces it; refused when a name of
        it already names an actor (the message names that actor). Kept in the added-ties sheet.

        Examples
        --------
        >>> import diplograph, pathlib, tempfile
        >>> article = pathlib.Path(tempfile.mkdtemp()) / "article.txt"
        >>> _ = article.write_text("The Aral Monitoring Group was set up by Kazakhstan.")
        >>> kg = diplograph.open("memory")
        >>> _ = kg.add_source(article)
        >>> kind = "multinational force"
        >>> added = kg.add_actor("Aral Monitoring Group", kind=kind, source=article, line=1)
        >>> [fact.label for fact in added.facts]
        ['Aral Monitoring Group']
        >>> import shutil; shutil.rmtree(article.parent)
        """
        # curation loads when used (see map)
        from diplograph.curation.facts import add_actor

        values = {
            "from": label,
            "type": kind,
            "from_code": code or "",
            "aliases": "; ".join(aliases),
            "document": str(source),
            "line": "" if line is None else str(line),
            "quote": quote or "",
            "comment": comment or "",
        }
        return add_actor(self.store, values, reviewer=reviewer)


def open(
    store: str | Store | None = None,
    *,
    update_url: str | None = None,
    allow_service: bool = False,
) -> KnowledgeGraph:
    """Open a store and the built-in graph in it, as a :class:`KnowledgeGraph`.

    Parameters
    ----------
    store : str or Store, optional
        A store string (``memory``, ``oxigraph:PATH``, ``rdflib``, ``sparql+http://…``: see
        :func:`diplograph.store.open_store`) or an open Store. Without one:
        ``$DIPLOGRAPH_STORE``, else the persistent default store on disk.
    update_url : str, optional
        A SPARQL endpoint's update URL, to make it writable.
    allow_service : bool
        Whether queries may call other servers (SERVICE); off, no query reaches the network.

    Returns
    -------
    KnowledgeGraph
        Close it (or use it in a ``with`` block) to release the store.

    Examples
    --------
    >>> import diplograph
    >>> with diplograph.open("memory") as kg:
    ...     kg.label(kg.actor("MAR"))
    'Morocco'
    """
    if isinstance(store, Store):
        return KnowledgeGraph(store)
    return KnowledgeGraph(open_store(store, update_url=update_url, allow_service=allow_service))


def load(data: Sequence[Path | str] = (), *, store: str | Store | None = None) -> KnowledgeGraph:
    """Open a store with ``data`` files or folders added for this session only.

    Parameters
    ----------
    data : sequence of Path or str
        RDF files, or folders searched for them. The files go into temporary graphs that
        :meth:`KnowledgeGraph.close` (or the end of a ``with`` block) removes; use
        :meth:`KnowledgeGraph.load` to keep them.
    store : str or Store, optional
        As for :func:`open`.

    Returns
    -------
    KnowledgeGraph

    Examples
    --------
    >>> import diplograph, tempfile
    >>> from pathlib import Path
    >>> facts = Path(tempfile.mkdtemp()) / "facts.ttl"
    >>> _ = facts.write_text('<https://example.org/a> <https://example.org/b> "c" .\\n')
    >>> with diplograph.load([facts], store="memory") as kg:
    ...     [s.title for s in kg.sources() if not s.builtin]
    ['facts.ttl']
    """
    files = expand(data)  # a missing file fails before the store is opened
    kg = open(store)
    try:
        for path in files:
            kg.store.load(path, temporary=True)
    except BaseException:
        kg.close()
        raise
    return kg
