"""Candidate extraction (issue 10, item 3): the seed article's cases, the CLI and bad input."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import pytest

from diplograph.curation.document import Document, read_document
from diplograph.curation.extract import Candidate, extract
from diplograph.curation.sheet import COLUMNS
from diplograph.errors import DataError
from diplograph.store import Store, open_store

from .conftest import REPOSITORY, SHARED_DATA, CliRunner

SEED = REPOSITORY / "graph" / "sources" / "000_50394d480bb7f741.txt"
#: a short article written for these tests (not a real report: nothing here enters the graph)
ARTICLE = (
    "Ghana and Senegal have pledged up to 1,500 troops for the International Stabilization "
    "Force.\n"
    "Nigeria maintains diplomatic relations with Ghana, a Nigerian official said.\n"
)


@pytest.fixture(scope="module")
def store() -> Store:
    return open_store("memory")


@pytest.fixture(scope="module")
def seed(store: Store) -> list[Candidate]:
    return extract(read_document(SEED), store)


def _line(candidates: list[Candidate], line: int, type_: str) -> list[Candidate]:
    return [c for c in candidates if c.line == line and c.type == type_]


def test_coordination_gives_five_troop_pledges(seed: list[Candidate]) -> None:
    pledges = _line(seed, 2, "troop contribution")
    assert sorted(c.source.label for c in pledges if c.source) == [
        "Albania",
        "Indonesia",
        "Kazakhstan",
        "Kosovo",
        "Morocco",
    ]
    assert {c.target.label for c in pledges if c.target} == {"International Stabilization Force"}
    assert {(c.status, c.plover, c.cameo) for c in pledges} == {("pledged", "AGREE", "0334")}
    assert {c.source.code for c in pledges if c.source} == {"IDN", "MAR", "KAZ", "KSV", "ALB"}


def test_every_quote_is_verbatim_on_its_line(seed: list[Candidate]) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert seed
    for candidate in seed:
        assert candidate.quote in lines[candidate.line - 1]


def test_up_to_is_a_maximum_and_expected_to_is_planned(seed: list[Candidate]) -> None:
    deploy = [c for c in _line(seed, 3, "deployment") if c.quantity_max is not None]
    assert [(c.quantity_max, c.unit, c.status) for c in deploy] == [(20000, "troops", "planned")]
    training = _line(seed, 3, "training")
    assert [(c.quantity, c.unit, c.status) for c in training] == [
        (12000, "police officers", "planned")
    ]


def test_committed_to_is_pledged_police_training(seed: list[Candidate]) -> None:
    police = _line(seed, 3, "police training")
    assert sorted(c.source.label for c in police if c.source) == ["Egypt", "Jordan"]
    assert {c.status for c in police} == {"pledged"}


def test_a_quoted_official_is_the_attribution(seed: list[Candidate]) -> None:
    pledges = _line(seed, 2, "troop contribution")
    assert {c.attributed_to for c in pledges} == {"Jasper Jeffers"}
    command = _line(seed, 2, "command")
    assert [(c.source.label, c.target.label) for c in command if c.source and c.target] == [
        ("Jasper Jeffers", "International Stabilization Force")
    ]


def test_the_seed_ties_are_found(seed: list[Candidate]) -> None:
    found = {
        (c.line, c.type, c.source.label, c.target.label)
        for c in seed
        if c.kind == "tie" and c.source and c.target
    }
    assert (5, "diplomatic relations", "Morocco", "Israel") in found
    assert (5, "bilateral relations", "Morocco", "Palestinian Authority") in found
    assert (5, "conflict", "Israel", "Palestinian Authority") in found
    assert (8, "head of state", "Mohammed VI", "Morocco") in found
    assert (7, "armed force of", "Moroccan Armed Forces", "Morocco") in found
    assert (2, "founding", "Donald Trump", "Board of Peace") in found


def test_a_negated_sentence_gives_a_negated_tie_or_none(store: Store) -> None:
    text = "Egypt has not pledged troops to the International Stabilization Force."
    candidates = extract(text, store, check=False)
    assert all(c.negated for c in candidates)
    plain = extract(text.replace("has not", "has"), store, check=False)
    assert [c.negated for c in plain] == [False]


def test_without_a_store_countries_still_get_codes() -> None:
    candidates = extract("Hungarian troops clashed with Romanian police.", check=False)
    assert candidates
    assert candidates[0].source is not None
    assert candidates[0].source.code.startswith("HUN")
    assert candidates[0].target is not None
    assert candidates[0].target.code.startswith("ROU")


def test_extraction_is_deterministic(store: Store) -> None:
    first = [c.row() for c in extract(ARTICLE, store)]
    assert first == [c.row() for c in extract(ARTICLE, store)]


def _events(text: str, store: Store) -> list[tuple[str, str, str, str]]:
    """``(plover, source code, target code, comment)`` of the events of one sentence."""
    return [
        (
            c.plover,
            c.source.code if c.source else "",
            c.target.code if c.target else "",
            c.comment,
        )
        for c in extract(text, store, check=False)
        if c.kind == "event"
    ]


def test_a_second_party_of_the_acting_country_is_a_domestic_target(store: Store) -> None:
    found = _events("Peru is investigating Peruvian officials over the missing funds.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("ACCUSE", "PER", "PER")]
    # the capital (or a pronoun) names the acting state itself: no Peru -> Peru event
    assert not [e for e in _events("Peru has criticised Lima's plan.", store) if e[1] == e[2]]


def test_troops_offered_to_no_force_are_left_to_the_event_rules(store: Store) -> None:
    found = _events("Chad has offered its troops to Niger to secure the border.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("AGREE", "TCD", "NER")]


def test_plural_demonyms_and_dotted_acronyms_are_known(store: Store) -> None:
    found = _events("Peruvians protested against Chile on Sunday.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("PROTEST", "PER", "CHL")]
    found = _events("U.N. inspectors visited Kenya.", store)
    assert [(s, t) for _, s, t, _ in found] == [("IGOUNO", "KEN")]


def test_a_demonym_two_countries_list_is_the_one_it_names(store: Store) -> None:
    found = _events("Montenegrin officials met Serbian diplomats.", store)
    assert [(s, t) for _, s, t, _ in found] == [("MNE", "SRB")]


def test_a_title_and_a_known_last_name_give_the_country(store: Store) -> None:
    found = _events("Kenya criticised President Zuma on Monday.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("ACCUSE", "KEN", "ZAFGOV")]


def test_must_in_reported_speech_is_a_demand(store: Store) -> None:
    found = _events("Kenya said on Friday that Uganda must reopen the border.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("REQUEST", "KEN", "UGA")]
    assert "reported demand" in found[0][3]
    # an obligation the speaker puts on itself is no demand
    assert not _events("Kenya said on Friday that it must reopen the border.", store)


def test_a_noun_after_a_light_verb_is_the_event(store: Store) -> None:
    found = _events("Chile renewed its demand that Peru release the fishermen.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("REQUEST", "CHL", "PER")]
    found = _events("Chile issued a formal protest to Peru, accusing it of spying.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("PROTEST", "CHL", "PER")]


def test_a_participle_in_a_compound_adjective_is_no_trigger(store: Store) -> None:
    found = _events("Kenyan-backed militias shelled Somalia.", store)
    assert [(p, s, t) for p, s, t, _ in found] == [("ASSAULT", "KEN", "SOM")]


def test_a_far_passive_agent_and_a_currency(store: Store) -> None:
    text = "Togo has been accused of hiding US $3 million in reserves by Ghanaian officials."
    found = _events(text, store)
    assert [(p, s, t) for p, s, t, _ in found] == [("ACCUSE", "GHA", "TGO")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe\xfa not utf-8", "UTF-8"),
        (
            "Le Maroc a promis des troupes pour la force internationale de stabilisation, "
            "a confirmé le commandant lors de la réunion du conseil de paix.".encode(),
            "English",
        ),
        ("أعلن المغرب مشاركته في قوة الاستقرار الدولية في غزة".encode(), "English"),
    ],
)
def test_bad_documents_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(DataError, match=message):
        read_document(path)


def test_document_from_text_is_hashed_like_a_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert read_document(path).sha256 == Document.from_text(ARTICLE).sha256


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs ../shared/data")
def test_the_country_table_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_countries", REPOSITORY / "scripts" / "build_countries.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = module.OUTPUT.read_text(encoding="utf-8")
    assert committed == module.render(module.build_rows(SHARED_DATA)), (
        "countries.tsv is stale: run scripts/build_countries.py"
    )


# ----------------------------------------------------------------- the command


@pytest.mark.cli
def test_cli_csv_has_the_tie_sheet_columns(cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    done = cli("extract", str(SEED), "-o", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert {
        "line",
        "quote",
        "from",
        "from_code",
        "to",
        "to_code",
        "type",
        "plover",
        "status",
        "confidence",
        "quantity_max",
        "negated",
        "attributed_to",
    } <= set(COLUMNS)
    five = [r for r in rows if r["line"] == "2" and r["type"] == "troop contribution"]
    assert len(five) == 5
    assert {r["attributed_to"] for r in five} == {"Jasper Jeffers"}


@pytest.mark.cli
def test_cli_turtle_validates(cli: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "candidates.ttl"
    done = cli("extract", str(article), "-f", "turtle", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert "dipl:Tie" in text
    assert "dipl:quote" in text
    assert "dipl:sha256" in text
    assert "schema:maxValue 1500" in text
    checked = cli("--store", "memory", "--data", str(out), "validate")
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.cli
@pytest.mark.parametrize(
    ("content", "word"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        (
            "Der Marokkanische König hat die Truppen für die Mission zugesagt, und die "
            "Regierung in Rabat hat sie bestätigt.".encode(),
            "English",
        ),
    ],
)
def test_cli_bad_input_is_one_paragraph_and_exit_2(
    cli: CliRunner, tmp_path: Path, content: bytes, word: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    done = cli("extract", str(path), "-f", "csv")
    assert done.returncode == 2
    message = done.stderr.strip()
    assert message.startswith("error:")
    assert word in message
    assert "\n\n" not in message
    assert "Traceback" not in message
