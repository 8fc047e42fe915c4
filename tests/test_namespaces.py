"""The strict namespaces and the vocabulary tables agree with the ontology files they restate."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.namespace import DefinedNamespace

from diplograph.curation.candidate import EVENT_TYPES, TIE_CAMEO, TIE_TYPES
from diplograph.importers.gdelt import QUAD_CLASSES, ROOT_EVENT_TYPES, SPECIAL_EVENT_TYPES
from diplograph.namespaces import DIPL, ET, PREFIXES, SCHEMA, SEM, TS, TT
from diplograph.paths import data_root, ontology_dir
from diplograph.store.vocabulary import event_types, tie_types

ROOT = Path(__file__).resolve().parents[1]


def _defined(path: Path, namespace: str) -> set[str]:
    """Local names of the IRIs of ``namespace`` that ``path`` describes (as subjects)."""
    return {
        quad.subject.value[len(namespace) :]
        for quad in ox.parse(path=path)
        if isinstance(quad.subject, ox.NamedNode) and quad.subject.value.startswith(namespace)
    }


def _terms(namespace: type[DefinedNamespace]) -> set[str]:
    return set(namespace.__annotations__)


@pytest.mark.parametrize(
    ("namespace", "file"),
    [
        (DIPL, "diplo.ttl"),
        (TT, "vocab/tie-types.ttl"),
        (TS, "vocab/tie-types.ttl"),
        (ET, "vocab/tie-types.ttl"),
    ],
    ids=["dipl", "tt", "ts", "et"],
)
def test_a_strict_namespace_holds_the_terms_its_ontology_file_defines(
    namespace: type[DefinedNamespace], file: str
) -> None:
    defined = _defined(ontology_dir() / file, str(namespace))
    terms = _terms(namespace)
    assert defined - terms == set(), f"add to diplograph.namespaces.{namespace.__name__}"
    assert terms - defined == set(), f"not in ontology/{file}: remove, or define it there"


def test_a_misspelt_term_is_an_error() -> None:
    with pytest.raises(AttributeError, match="not in namespace"):
        _ = DIPL.fromactor
    with pytest.raises(AttributeError, match="not in namespace"):
        _ = TT["TroopContributions"]
    assert str(DIPL.fromActor) == "https://w3id.org/diplograph/ont#fromActor"


@pytest.mark.parametrize(("prefix", "namespace"), [("sem", SEM), ("schema", SCHEMA)])
def test_every_term_the_data_and_queries_use_is_in_its_strict_namespace(
    prefix: str, namespace: type[DefinedNamespace]
) -> None:
    """The files write ``sem:hasBeginTimeStamp``; a term not in the class is a misspelling or a
    term to add (the ontology README lists the external terms diplograph uses)."""
    root = data_root()
    files = [
        *root.glob("ontology/**/*.ttl"),
        *root.glob("graph/*.ttl"),
        *root.glob("queries/**/*.rq"),
    ]
    written = re.compile(rf"(?<![\w:/#-]){prefix}:([A-Za-z][\w-]*)")
    lines = [
        line
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")  # comments may name a misspelling on purpose
    ]
    used = {name for line in lines for name in written.findall(line)}
    assert used
    assert used - _terms(namespace) == set()


def test_prefixes_name_every_namespace_once() -> None:
    assert len(set(map(str, PREFIXES.values()))) == len(PREFIXES)
    assert str(PREFIXES["dipl"]) == str(DIPL)


def test_the_extractors_tie_types_are_the_ontologys() -> None:
    """Local name and direction come from tie-types.ttl; each CAMEO code the extractor gives a
    tie type is one the ontology maps that type to."""
    ontology = tie_types()
    for label, (local, directed, _, _) in TIE_TYPES.items():
        assert ontology[label].local == local
        assert ontology[label].directed is directed
    for label, codes in TIE_CAMEO.items():
        for code in codes:
            if code:
                assert code in ontology[label].cameo, f"{label}: CAMEO {code}"
    assert {label: c.local for label, c in event_types().items()} == EVENT_TYPES


def test_vocabulary_tables_read_the_direction_as_written() -> None:
    text = (ontology_dir() / "vocab" / "tie-types.ttl").read_text(encoding="utf-8")
    undirected = set(
        re.findall(r"^tt:(\w+)\n(?:    [^\n]*\n)*?    dipl:directed false", text, re.M)
    )
    assert "Conflict" in undirected
    assert {c.local for c in tie_types().values() if c.directed is False} == undirected


def test_gdelts_cameo_tables_name_the_ontologys_types() -> None:
    """GDELT's tables restate which event type a CAMEO root stands for, and which tie type a
    quad class: each names a type of the ontology, and each root's type is one the ontology
    maps to that root or a code under it (root 03 is a pledge: the ontology maps Pledge to
    0332 and 0334)."""
    events = {concept.local: concept for concept in event_types().values()}
    for root, local in ROOT_EVENT_TYPES.items():
        assert any(code.startswith(root) for code in events[local].cameo), f"{root}: {local}"
    for code, local in SPECIAL_EVENT_TYPES.items():
        assert code in events[local].cameo, f"{code}: {local}"
    ties = {concept.local for concept in tie_types().values()}
    assert set(QUAD_CLASSES.values()) <= ties
