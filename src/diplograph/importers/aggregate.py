"""Event records -> one weighted tie per actor pair, quad class and period: what a map can show.

20,967 events from Russia to Ukraine in April 2022 are four ties (one per quad class), each an
ordinary ``dipl:Tie`` (and ``dipl:AggregatedTie``) whose begin and end are the period's first and
last day, so ``--as-of`` and every query, map and analysis that reads ties work on them unchanged.
A tie's event count is the number of distinct events, its weight their mean Goldstein value, its
polarity the sign of that mean where it differs from the quad class's (with a comment saying so).
It names every event it summarises (``dipl:summarises``; each event cites its dataset row) and
cites the rows of a few of them itself (``prov:wasDerivedFrom``, :data:`EVIDENCE`), so that a map's
evidence for a tie of 16,000 events is a handful of rows, not all of them; the event records stay
queryable.

The ties are computed over every event record in the store (events between two different actors
with a quad class, a Goldstein value and a date), so that events of the same pair and month from
different files make one tie. They are kept as one derived file, ``gdelt-event-dyads.nt``, in the
store's own folder (:meth:`~diplograph.store.Store.own_folder`: never a file another store
shares; for a store in memory, a temporary file removed once loaded), loaded into the store as
its own source: aggregating again replaces them, ``diplograph unload gdelt-event-dyads.nt``
removes them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import warnings
from calendar import monthrange
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal

from diplograph.digest import sha256_hex
from diplograph.errors import DataError, DataWarning
from diplograph.namespaces import TT, D
from diplograph.ntriples import (
    NT_DIPL,
    NT_SEM,
    NT_XSD,
    PROV_DERIVED,
    RDF_TYPE,
    RDFS_COMMENT,
    Minted,
    iri,
    iri_list,
    literal,
)
from diplograph.output import AtomicFile

if TYPE_CHECKING:
    from diplograph.store import Store

__all__ = ["PERIODS", "AggregateReport", "aggregate_events", "derived_file"]

#: period name -> how many characters of an ISO date name it (2022-04-17: 2022, 2022-04, ...)
PERIODS = {"year": 4, "month": 7, "day": 10}
DERIVED_NAME = "gdelt-event-dyads.nt"
#: how many of its events' rows a tie cites itself (all of them are a dipl:summarises away)
EVIDENCE = 5
#: the aggregated ties' IRIs
_DYADS = Minted(f"{D}dyad-")

_EVENTS = """
SELECT ?actor ?recipient ?quad ?period (COUNT(DISTINCT ?event) AS ?events)
       (AVG(?goldstein) AS ?mean)
       (GROUP_CONCAT(DISTINCT STR(?event); separator=" ") AS ?eventList)
       (GROUP_CONCAT(?statements; separator=" ") AS ?statementList)
WHERE {
  # one row per event, whatever its number of statements or of files stating it: each event
  # weighs the same in the mean
  { SELECT ?event ?actor ?recipient ?quad ?period ?goldstein
           (GROUP_CONCAT(DISTINCT STR(?statement); separator=" ") AS ?statements)
    WHERE {
      ?event dipl:quadClass ?quad ;
             dipl:actor ?actor ;
             dipl:recipient ?recipient ;
             dipl:goldsteinScale ?goldstein ;
             prov:wasDerivedFrom ?statement .
      FILTER(?actor != ?recipient)
      OPTIONAL { ?event sem:hasTimeStamp ?day }
      OPTIONAL { ?event sem:hasEarliestBeginTimeStamp ?first }
      BIND(SUBSTR(STR(COALESCE(?day, ?first)), 1, ?width) AS ?period)
      FILTER(BOUND(?period))
    }
    GROUP BY ?event ?actor ?recipient ?quad ?period ?goldstein }
}
GROUP BY ?actor ?recipient ?quad ?period
"""

#: the quad classes and the polarity their ties have unless the events say otherwise
DEFAULT_POLARITY = {
    str(TT.VerbalCooperation): 1,
    str(TT.MaterialCooperation): 1,
    str(TT.VerbalConflict): -1,
    str(TT.MaterialConflict): -1,
}


@dataclass
class AggregateReport:
    """What an aggregation wrote."""

    period: str
    ties: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    file: Path | None = None

    def summary(self) -> str:
        return (
            f"aggregated {self.events:,} events into {self.ties:,} ties (one per actor pair, "
            f"quad class and {self.period})"
        )


def derived_file(store: Store) -> Path | None:
    """Where ``store``'s aggregated ties are kept: in its own folder (see the module docstring);
    None for a store that lives in this process only."""
    folder = store.own_folder()
    return None if folder is None else folder / DERIVED_NAME


def _process_file() -> Path:
    """For a store in memory: a file of this process's own (its name, and so its source, stays
    the same while the process runs, so aggregating again replaces the ties), removed once
    loaded."""
    return Path(tempfile.gettempdir()) / f"diplograph-{os.getpid()}" / DERIVED_NAME


def _local(iri: str) -> str:
    """A short name for an IRI in a tie's IRI: d:russia -> russia, tt:MaterialConflict ->
    materialconflict; a hash for IRIs of other namespaces."""
    for namespace in (str(D), str(TT)):
        rest = iri[len(namespace) :]
        if iri.startswith(namespace) and rest and "/" not in rest:
            return rest.lower()
    return sha256_hex(iri)[:12]


def _bounds(period: str) -> tuple[str, str]:
    """The first and last day of a period named by the start of an ISO date."""
    if len(period) == 4:
        return f"{period}-01-01", f"{period}-12-31"
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:])
        return f"{period}-01", f"{period}-{monthrange(year, month)[1]:02d}"
    return period, period


def aggregate_events(
    store: Store, period: str = "month", target: Path | None = None
) -> AggregateReport:
    """Replace the aggregated ties in ``store`` by those of its event records now."""
    if period not in PERIODS:
        raise DataError(f"Unknown period {period!r}; use one of {', '.join(PERIODS)}.")
    started = time.perf_counter()
    report = AggregateReport(period)
    with warnings.catch_warnings():  # a server's cut answer (its row or time limit): some
        warnings.simplefilter("error", DataWarning)  # events left out, so no ties written
        try:
            _, rows = store.select_values(_EVENTS, {"width": Literal(PERIODS[period])})
        except DataWarning as cut:
            raise DataError(
                f"Aggregating the events stopped, nothing written: {cut} Aggregate again "
                "('diplograph import aggregate') once the server gives the whole answer."
            ) from None
    in_memory = False
    if target is None:
        target = derived_file(store)
        if target is None:  # the store lives in this process: nothing outlives it
            in_memory, target = True, _process_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    with AtomicFile(target) as file:
        out = file.stream
        for actor, recipient, quad, when, count, mean, events, statements in rows:
            if not when or len(str(when)) != PERIODS[period]:
                continue
            report.ties += 1
            report.events += int(count)
            tie = _DYADS(f"{_local(actor)}-{_local(recipient)}-{_local(quad)}-{when}")
            out.write(_tie(tie, actor, recipient, quad, str(when), int(count), float(mean)))
            out.write("".join(f"{tie} {NT_DIPL.summarises} {e} .\n" for e in iri_list(events)))
            cited = sorted(set(statements.split()))[:EVIDENCE]
            out.write("".join(f"{tie} {PROV_DERIVED} {iri(s)} .\n" for s in cited))
    try:
        loaded = store.load(target)
    finally:
        if in_memory:
            target.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                target.parent.rmdir()
    report.triples = loaded.triples
    report.file = None if in_memory else target
    report.seconds = time.perf_counter() - started
    return report


def _tie(
    tie: str, actor: str, recipient: str, quad: str, period: str, count: int, mean: float
) -> str:
    """The triples of one aggregated tie but its events and rows."""
    first, last = _bounds(period)
    weight = f"{mean:.2f}"
    sign = (mean > 0) - (mean < 0)
    lines = [
        f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n",
        f"{tie} {RDF_TYPE} {NT_DIPL.AggregatedTie} .\n",
        f"{tie} {NT_DIPL.fromActor} {iri(actor)} .\n",
        f"{tie} {NT_DIPL.toActor} {iri(recipient)} .\n",
        f"{tie} {NT_DIPL.tieType} {iri(quad)} .\n",
        f'{tie} {NT_SEM.hasBeginTimeStamp} "{first}"^^{NT_XSD.date} .\n',
        f'{tie} {NT_SEM.hasEndTimeStamp} "{last}"^^{NT_XSD.date} .\n',
        f'{tie} {NT_DIPL.eventCount} "{count}"^^{NT_XSD.integer} .\n',
        f'{tie} {NT_DIPL.weight} "{weight}"^^{NT_XSD.decimal} .\n',
    ]
    default = DEFAULT_POLARITY.get(quad)
    if default is not None and sign != default:
        why = (
            f"The mean Goldstein value of its {count} events is {weight}, so its polarity is "
            f"{sign}, not the quad class's {default}."
        )
        lines.append(f'{tie} {NT_DIPL.polarity} "{sign}"^^{NT_XSD.integer} .\n')
        lines.append(f"{tie} {RDFS_COMMENT} {literal(why, lang='en')} .\n")
    return "".join(lines)
