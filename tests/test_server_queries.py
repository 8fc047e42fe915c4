"""Every named query on imported rows, through Virtuoso: the events, aggregated ties and
peacekeeping contributions the built-in graph lacks (on which ``dyad-series``, ``top-partners``,
``peacekeeping-contributions`` and the event queries have rows) give the memory store's answers.

Real rows, a few thousand: GDELT's raw-format sample (710 events, summarised as ties as
``diplograph import gdelt`` does), three IPI peacekeeping files (March 2014's
contributor-mission pairs, and Morocco's and France's monthly totals), and the real rows of the
diplomatic datasets' test fixtures (COW diplomatic exchange of the USA, ATOP alliances, UN
votes of three sessions, Wikidata's relations and embassies), on which the representation,
alliance, voting and embassy queries have rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from diplograph.importers import aggregate_events, import_files
from diplograph.queries import QueryResult, list_queries, run_query
from diplograph.store import Store, open_store
from diplograph.validate import own_rows

from .conftest import FIXTURES, SHARED_DATA, VIRTUOSO_SECONDS
from .servers import VirtuosoServer
from .test_stores import assert_same_answer

IPI = SHARED_DATA / "un-peacekeeping-ipi"
DATASETS = FIXTURES / "datasets"
IMPORTS = {
    "gdelt": [SHARED_DATA / "gdelt-v1-raw-sample"],
    "peacekeeping": [
        IPI / "current_month.csv",
        IPI / "countries" / "Morocco.csv",
        IPI / "countries" / "France.csv",
    ],
    "diplomatic-exchange": [DATASETS / "diplomatic-exchange-usa.csv"],
    "atop": [DATASETS / f"atop-{part}.csv" for part in ("members", "alliances", "dyad-years")],
    "unga-votes": [DATASETS / "unga-votes"],
    "wikidata": [DATASETS / "wikidata-p530.csv", DATASETS / "wikidata-embassies.csv"],
}

#: every named query with its defaults, and with parameters for which the imported rows answer
CASES: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    *((q.name, ()) for q in list_queries()),
    ("dyad-series", (("a", "USA"), ("b", "Israel"))),
    ("dyad-series", (("a", "USA"), ("b", "Israel"), ("from", "2016-07-28"))),
    ("top-partners", (("actor", "USA"),)),
    ("top-partners", (("actor", "Russia"), ("to", "2016-12-31"))),
    ("peacekeeping-contributions", (("actor", "France"),)),
    ("peacekeeping-contributions", (("actor", "Morocco"), ("from", "2010-01-01"))),
    ("evidence", (("actor", "Morocco"), ("type", "troop contribution"))),
    ("evidence", (("actor", "USA"),)),
    ("ties-by-type", (("type", "troop contribution"),)),
    ("ties-in-period", (("actor", "USA"),)),
    ("ties-in-period", (("actor", "France"), ("from", "2000-01-01"), ("to", "2005-12-31"))),
    ("ego-network", (("actor", "USA"),)),
    ("common-partners", (("a", "USA"), ("b", "Russia"))),
]


@pytest.fixture(scope="module")
def stores(virtuoso_endpoint: VirtuosoServer) -> Iterator[dict[str, Store]]:
    """The same files imported into a memory store and into the session's Virtuoso (left
    holding only the built-in graph afterwards)."""
    # the store's timeout raised as the server's limit is (see VIRTUOSO_SECONDS)
    virtuoso = open_store(f"{virtuoso_endpoint.spec}&timeout={VIRTUOSO_SECONDS}")
    opened = {"memory": open_store("memory"), "virtuoso": virtuoso}
    try:
        for store in opened.values():
            for dataset, files in IMPORTS.items():
                for report in import_files(store, dataset, files):
                    assert report.read == report.imported + report.rejected + report.filtered
            aggregate_events(store)  # as ``diplograph import gdelt`` does
        yield opened
    finally:
        server = opened["virtuoso"]
        for source in server.sources():
            if not source.builtin:
                server.unload(source.graph)
        for store in opened.values():
            store.close()


def _answer(store: Store, query: str, params: tuple[tuple[str, str], ...]) -> QueryResult:
    result = run_query(store, query, dict(params))
    return own_rows(store, result) if query.startswith("checks/") else result


def test_the_imports_reach_both_stores(stores: dict[str, Store]) -> None:
    """Both stores hold the same imported files, with the same triple counts."""
    held = [
        sorted((s.title, s.triples) for s in store.sources() if not s.builtin)
        for store in stores.values()
    ]
    assert held[0] == held[1]
    assert len(held[0]) >= 5  # the four files and the aggregated ties


#: differences found and not yet fixed (none now: troop-contributors' kind, lost on Virtuoso over
#: the diplomatic datasets, is found through subClassOf* then one subClassOf)
_KNOWN: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}


def _case(name: str, params: tuple[tuple[str, str], ...]) -> Any:
    known = _KNOWN.get((name, params))
    marks = [pytest.mark.xfail(strict=False, reason=known)] if known else []
    return pytest.param(
        name, params, marks=marks, id=name + "".join(f"[{k}={v}]" for k, v in params)
    )


@pytest.mark.parametrize(("query", "params"), [_case(name, params) for name, params in CASES])
def test_virtuoso_answers_as_the_memory_store_on_imported_rows(
    stores: dict[str, Store], query: str, params: tuple[tuple[str, str], ...]
) -> None:
    """The same answer (rows as multisets, booleans as 1/0, triples up to blank nodes); every
    query but the checks has rows here, so that the comparison compares something."""
    expected = _answer(stores["memory"], query, params)
    assert bool(len(expected)) is not query.startswith("checks/"), len(expected)
    assert_same_answer(
        _answer(stores["virtuoso"], query, params), expected, booleans_as_numbers=True
    )
