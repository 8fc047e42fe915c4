"""Synthetic tie graphs in diplograph's own vocabulary, for benchmarks (never loaded as facts).

Each tie is a ``dipl:Tie`` node with from/to actor, type, status, polarity, weight, confidence, a
begin date (30 % also an end date) and one quoted statement: about 15 triples per tie, actors
included. Tie ends are drawn Zipf-like, so a few hub actors take part in many ties (``actor-0``,
labelled "Actor 0", is the largest). Actors are states (with ISO 3166-shaped codes),
organisations, forces and persons, each with an English label, an alias and a quoted statement
describing it, so the graph passes the shapes. Everything lives under
``https://example.org/synthetic/`` so that it can never be mistaken for a real fact.

Run: ``python bench/synthetic.py --triples 1000000 -o /tmp/synthetic-1m.nt``.
"""

from __future__ import annotations

import argparse
import bisect
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

__all__ = ["TRIPLES_PER_TIE", "actor_iri", "generate", "ties_for", "write"]

EX = "https://example.org/synthetic/"
DIPL = "https://w3id.org/diplograph/ont#"
TT = "https://w3id.org/diplograph/vocab/tie-type/"
TS = "https://w3id.org/diplograph/vocab/tie-status/"
PROV = "http://www.w3.org/ns/prov#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: the average number of triples one tie adds (its own, its statement's, and its share of actors)
TRIPLES_PER_TIE = 14.5
ACTORS_PER_TIE = 0.2
DOCUMENTS_PER_TIE = 0.05
KINDS = ["State"] * 5 + [
    "IntergovernmentalOrganization",
    "Person",
    "ArmedForce",
    "MultinationalForce",
]
_POLITICAL = {"State"}
_ORGANISATION = {"IntergovernmentalOrganization"}
_FORCES = {"ArmedForce", "MultinationalForce"}
#: tie type -> (kinds allowed at the from end, at the to end): ontology/vocab/tie-types.ttl's
#: dipl:fromKind / dipl:toKind, so that the graph passes the shapes
ENDS: dict[str, tuple[set[str], set[str]]] = {
    "DiplomaticRelations": (_POLITICAL | _ORGANISATION, _POLITICAL | _ORGANISATION),
    "Partnership": (_POLITICAL | _ORGANISATION, _POLITICAL | _ORGANISATION),
    "TroopContribution": ({"State", "ArmedForce"}, {"MultinationalForce"}),
    "PoliceTraining": (
        _POLITICAL | _ORGANISATION | _FORCES,
        _POLITICAL | _ORGANISATION | {"MultinationalForce"},
    ),
    "SecurityCooperation": (
        _POLITICAL | _ORGANISATION | _FORCES,
        _POLITICAL | _ORGANISATION | _FORCES,
    ),
    "Conflict": (_POLITICAL | _FORCES, _POLITICAL | _FORCES),
    "Sanction": (_POLITICAL | _ORGANISATION, set(KINDS)),
    "Command": ({"Person"}, _FORCES),
}
TIE_TYPES = [
    ("DiplomaticRelations", 1),
    ("Partnership", 1),
    ("TroopContribution", 1),
    ("PoliceTraining", 1),
    ("SecurityCooperation", 1),
    ("Conflict", -1),
    ("Sanction", -1),
    ("Command", 0),
]
#: symmetric types (``dipl:directed false``): their ties list the actors in IRI order (the shapes)
UNDIRECTED = {"DiplomaticRelations", "Partnership", "Conflict"}
#: statuses of ties with no end (an ended tie has an end date, and a tie with one has ended)
OPEN_STATUSES = ["Active", "Active", "Pledged", "Planned"]


def ties_for(triples: int) -> int:
    """How many ties make a graph of about ``triples`` triples."""
    return max(1, round(triples / TRIPLES_PER_TIE))


def actor_iri(index: int) -> str:
    """The IRI of actor ``index``; actor 0 is the largest hub."""
    return f"{EX}actor-{index}"


def _code(number: int) -> str:
    """The ``number``-th three-letter code: AAA, AAB, ... (ISO 3166 alpha-3 shaped, never real)."""
    letters = []
    for _ in range(3):
        number, rest = divmod(number, 26)
        letters.append(chr(ord("A") + rest))
    return "".join(reversed(letters))


def _iri(text: str) -> str:
    return f"<{text}>"


def _literal(value: object, datatype: str | None = None, lang: str | None = None) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{XSD}{datatype}>'
    return f'"{text}"'


def generate(ties: int, seed: int = 42) -> Iterator[str]:
    """N-Triples lines of a graph with ``ties`` ties (deterministic for a seed)."""
    rng = random.Random(seed)
    actors = max(20, round(ties * ACTORS_PER_TIE))
    documents = max(1, round(ties * DOCUMENTS_PER_TIE))
    # Zipf-like weights (s = 1): actor k is chosen with probability proportional to 1 / (k + 1)
    cumulative: list[float] = []
    total = 0.0
    for k in range(actors):
        total += 1.0 / (k + 1)
        cumulative.append(total)

    def pick() -> int:
        return bisect.bisect_left(cumulative, rng.random() * total)

    for k in range(documents):
        iri = _iri(f"{EX}doc-{k}")
        yield f"{iri} <{RDF_TYPE}> <{DIPL}SourceDocument> .\n"
        yield f"{iri} <{RDFS_LABEL}> {_literal(f'Synthetic document {k}', lang='en')} .\n"
    states = 0
    for k in range(actors):
        kind = KINDS[k % len(KINDS)]
        iri = _iri(actor_iri(k))
        described = _iri(f"{EX}actor-stmt-{k}")
        yield f"{iri} <{RDF_TYPE}> <{DIPL}{kind}> .\n"
        yield f"{iri} <{RDFS_LABEL}> {_literal(f'Actor {k}', lang='en')} .\n"
        yield f"{iri} <{ALT_LABEL}> {_literal(f'A{k}', lang='en')} .\n"
        yield f"{iri} <{PROV}wasDerivedFrom> {described} .\n"
        yield f"{described} <{RDF_TYPE}> <{DIPL}SourceStatement> .\n"
        yield f"{described} <{DIPL}quote> {_literal(f'Actor {k} is a synthetic actor.')} .\n"
        yield f"{described} <{PROV}wasQuotedFrom> {_iri(f'{EX}doc-{k % documents}')} .\n"
        if kind == "State" and states < 26**3:
            yield f"{iri} <{DIPL}iso3166Alpha3> {_literal(_code(states))} .\n"
            states += 1
    start = date(1990, 1, 1)
    #: (from, to, type) -> the day after the last tie of that kind ended: a repeat is another
    #: ended tie after it, so that no two ties duplicate each other (the shapes)
    free_from: dict[tuple[int, int, str], date] = {}
    for k in range(ties):
        while True:
            source, target = pick(), pick()
            if source == target:
                continue
            kinds = (KINDS[source % len(KINDS)], KINDS[target % len(KINDS)])
            fitting = [
                t for t in TIE_TYPES if kinds[0] in ENDS[t[0]][0] and kinds[1] in ENDS[t[0]][1]
            ]
            if fitting:
                break
        tie_type, polarity = fitting[rng.randrange(len(fitting))]
        if tie_type in UNDIRECTED and actor_iri(target) < actor_iri(source):
            source, target = target, source
        key = (source, target, tie_type)
        begin = start + timedelta(days=rng.randrange(12_000))
        end = None
        if key in free_from:
            begin = free_from[key]
            end = begin + timedelta(days=rng.randrange(1, 200))
        elif rng.random() < 0.3:
            end = begin + timedelta(days=rng.randrange(1, 3_000))
        status = "Ended" if end is not None else OPEN_STATUSES[rng.randrange(len(OPEN_STATUSES))]
        free_from[key] = (end or begin) + timedelta(days=1)
        tie = _iri(f"{EX}tie-{k}")
        statement = _iri(f"{EX}stmt-{k}")
        yield f"{tie} <{RDF_TYPE}> <{DIPL}Tie> .\n"
        yield f"{tie} <{DIPL}fromActor> {_iri(actor_iri(source))} .\n"
        yield f"{tie} <{DIPL}toActor> {_iri(actor_iri(target))} .\n"
        yield f"{tie} <{DIPL}tieType> <{TT}{tie_type}> .\n"
        yield f"{tie} <{DIPL}status> <{TS}{status}> .\n"
        yield f"{tie} <{DIPL}polarity> {_literal(polarity, 'integer')} .\n"
        yield f"{tie} <{DIPL}weight> {_literal(f'{rng.uniform(-10, 10):.1f}', 'decimal')} .\n"
        yield f"{tie} <{DIPL}confidence> {_literal(f'{rng.random():.2f}', 'decimal')} .\n"
        yield f"{tie} <{SEM}hasBeginTimeStamp> {_literal(begin.isoformat(), 'date')} .\n"
        if end is not None:
            yield f"{tie} <{SEM}hasEndTimeStamp> {_literal(end.isoformat(), 'date')} .\n"
        yield f"{tie} <{PROV}wasDerivedFrom> {statement} .\n"
        yield f"{statement} <{RDF_TYPE}> <{DIPL}SourceStatement> .\n"
        yield f"{statement} <{DIPL}quote> {_literal(f'Synthetic sentence {k}.')} .\n"
        yield f"{statement} <{PROV}wasQuotedFrom> {_iri(f'{EX}doc-{rng.randrange(documents)}')} .\n"
        yield f"{statement} <{DIPL}lineNumber> {_literal(rng.randrange(1, 80), 'integer')} .\n"


def write(path: Path, ties: int, seed: int = 42) -> int:
    """Write the graph of ``ties`` ties to ``path`` as N-Triples; returns the number of triples."""
    count = 0
    with path.open("w", encoding="utf-8") as stream:
        for line in generate(ties, seed):
            stream.write(line)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="about this many triples")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("-o", "--output", type=Path, required=True, help="an .nt file")
    args = parser.parse_args()
    count = write(args.output, ties_for(args.triples), args.seed)
    print(f"wrote {count:,} triples ({ties_for(args.triples):,} ties) to {args.output}")


if __name__ == "__main__":
    main()
