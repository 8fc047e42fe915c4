"""Roles from the link-grammar parse, and word order when there is none, on sentences written
for these tests (none from the seed article, none from the PLOVER files)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from diplograph.curation.extract import extract
from diplograph.curation.extract.parse import Parse, available, disabled, parse, unavailable

from .conftest import REPOSITORY


def _parse(text: str) -> Parse:
    parsed = parse(text)
    assert parsed is not None, f"no linkage for {text!r}"
    return parsed


def _roles(text: str, verb: str) -> tuple[list[str], list[str], list[str], bool]:
    parsed = _parse(text)
    index = parsed.index_at(text.index(verb))
    assert index is not None
    read = parsed.roles(index)
    heads = [
        [text[p.head_start : p.head_end] for p in phrases]
        for phrases in (read.subjects, read.objects, read.agents)
    ]
    return heads[0], heads[1], heads[2], read.passive


def test_the_parser_is_installed() -> None:
    # scripts/test.sh installs Debian's python3-link-grammar into the venv
    assert available(), unavailable()
    assert unavailable() == ""


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        # subject and object
        ("The minister criticised the generals.", "criticised", (["minister"], ["generals"])),
        # a coordination of subjects, an auxiliary between subject and verb
        ("Spain and Italy have condemned the raid.", "condemned", (["Spain", "Italy"], ["raid"])),
        # the object of a preposition after the verb
        ("The rebels fired on the convoy.", "fired", (["rebels"], ["convoy"])),
        # who is urged to act does the act ("urged Bolivia to withdraw")
        ("The envoy urged Bolivia to withdraw its ambassador.", "withdraw", (["Bolivia"], [])),
        # two verbs share their subject ("met and praised")
        ("Chile met and praised Peru on Monday.", "met", (["Chile"], [])),
    ],
)
def test_subjects_and_objects_from_the_links(
    text: str, verb: str, expected: tuple[list[str], list[str]]
) -> None:
    subjects, objects, _, passive = _roles(text, verb)
    assert (subjects, objects[: len(expected[1])]) == expected
    assert not passive


def test_a_passive_verb_has_its_agent_after_by() -> None:
    subjects, _, agents, passive = _roles("Two envoys were expelled by the junta.", "expelled")
    assert passive
    assert subjects == ["envoys"]
    assert agents == ["junta"]


def test_a_noun_phrase_keeps_its_modifiers_and_its_of_complement() -> None:
    text = "The prime minister of Chile visited Lima."
    parsed = _parse(text)
    index = parsed.index_at(text.index("visited"))
    assert index is not None
    (subject,) = parsed.roles(index).subjects
    assert text[subject.start : subject.end] == "The prime minister of Chile"


def test_the_extractor_takes_roles_from_the_parse_and_says_so() -> None:
    # word order takes the place named first (Santiago: Chile); the parse takes who urged
    text = "Officials in Santiago said the Bolivian minister urged Peru to withdraw its envoy."
    (parsed,) = [c for c in extract(text, check=False) if c.plover]
    read = (parsed.plover, parsed.source_country, parsed.target_country)
    assert read == ("REQUEST", "BOL", "PER")
    assert parsed.comment.endswith("roles: parse")
    with disabled():
        (by_words,) = [c for c in extract(text, check=False) if c.plover]
    assert by_words.source_country == "CHL"
    assert by_words.comment.endswith("roles: by the words")


def test_the_head_of_a_phrase_is_its_actor() -> None:
    # "Cuban-born US diplomats": the actor is the US, not Cuba that qualifies them
    text = "Cuban-born US diplomats criticised Venezuela."
    (candidate,) = [c for c in extract(text, check=False) if c.plover]
    assert (candidate.source_country, candidate.target_country) == ("USA", "VEN")
    with disabled():
        (by_words,) = [c for c in extract(text, check=False) if c.plover]
    assert by_words.source_country == "CUB"


def test_a_titled_person_of_a_named_state_acts_for_the_state() -> None:
    # the head of "Chilean President Juan Perez" is the person; the state named first acts
    text = "Chilean President Juan Perez criticised Peru on Monday."
    (candidate,) = [c for c in extract(text, check=False) if c.plover]
    assert candidate.source is not None
    assert (candidate.source.label, candidate.target_country) == ("Chile", "PER")
    assert candidate.comment.endswith("roles: parse")


def test_a_passive_is_read_from_the_parse() -> None:
    (candidate,) = [c for c in extract("Chile was criticised by Peru.", check=False) if c.plover]
    assert (candidate.source_country, candidate.target_country) == ("PER", "CHL")
    assert candidate.comment.endswith("roles: parse, passive")


def test_without_the_parser_roles_are_read_by_word_order() -> None:
    with disabled():
        assert not available()
        assert parse("Chile criticised Peru.") is None
        assert "word order" in unavailable()
        (candidate,) = [c for c in extract("Chile criticised Peru.", check=False) if c.plover]
    assert (candidate.source_country, candidate.target_country) == ("CHL", "PER")
    assert available()


@pytest.mark.cli
def test_extract_says_when_the_parser_is_missing(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text("Chile criticised Peru on Monday.\n", encoding="utf-8")
    # the parser made unimportable, as on a machine without Debian's package
    program = (
        "import sys; sys.modules['linkgrammar'] = None; "
        "sys.modules['linkgrammar.clinkgrammar'] = None; "
        "from diplograph.cli import main; sys.argv = ['diplograph', *sys.argv[1:]]; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "extract", str(article), "-f", "csv"],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "link-grammar parser is not installed" in done.stderr
    assert "scripts/link-grammar.sh" in done.stderr
    assert "by the words" in done.stdout  # the candidates are still there, by word order
    assert "Chile" in done.stdout
