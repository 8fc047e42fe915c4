"""The extraction rules one by one, the verb lexicon and the hand lexicon, on sentences written
for these tests (none from the seed article, none from the PLOVER files)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from diplograph.curation.candidate import plover_2016
from diplograph.curation.extract import Candidate, extract
from diplograph.curation.extract.calibration import band, table
from diplograph.curation.extract.rules import CONFIDENCE, RULES
from diplograph.curation.extract.verbs import VERBS, category, verb_lexicon
from diplograph.curation.lexicon import TRIGGERS
from diplograph.store import Store, open_store

from .conftest import REPOSITORY, SHARED_DATA


@pytest.fixture(scope="module")
def store() -> Store:
    return open_store("memory")


def _one(text: str, store: Store | None = None) -> list[Candidate]:
    return extract(text, store, check=False)


def _events(text: str) -> list[tuple[str, str, str]]:
    return [
        (c.plover, c.source_country, c.target_country)
        for c in _one(text)
        if c.kind == "event" and c.plover
    ]


# ----------------------------------------------------------------- the registry


def test_every_rule_has_one_name_and_a_confidence() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert set(names) <= set(CONFIDENCE)
    assert all(0 < value < 1 for value in CONFIDENCE.values())


def test_every_candidate_names_its_rule() -> None:
    found = _one("Chile maintains diplomatic relations with Peru. Peru criticised Chile.")
    assert {c.rule for c in found} == {"relations", "event"}
    assert all(c.comment.startswith(f"rule {c.rule}") for c in found)


# ----------------------------------------------------------------- the CAMEO verb lexicon


def test_the_words_after_a_verb_refine_its_code() -> None:
    expelled = [c for c in _one("Kenya expelled two Ugandan diplomats on Monday.") if c.plover]
    assert [(c.plover, c.cameo, c.source_country, c.target_country) for c in expelled] == [
        ("SANCTION", "161", "KEN", "UGA")
    ]
    assert _events("Kenya expelled two Ugandan journalists on Monday.") == [
        ("COERCE", "KEN", "UGA")
    ]


def test_conventional_force_is_fight_in_the_older_names() -> None:
    shelled = [c for c in _one("Chilean troops shelled Peruvian positions on Sunday.") if c.plover]
    assert [(c.plover, c.plover_2016, c.source_country, c.target_country) for c in shelled] == [
        ("ASSAULT", "FIGHT", "CHL", "PER")
    ]
    assert shelled[0].source is not None
    assert shelled[0].source.code == "CHLMIL"


def test_an_infinitive_is_a_clause_of_its_own() -> None:
    # "praise * to" is hosting a visit (043); "to improve" is no preposition
    assert [
        (c.cameo, c.plover)
        for c in _one("Kenya praised Uganda's efforts to improve its schools.")
        if c.plover
    ] == [("051", "SUPPORT")]
    # a pattern that names "to" and its verb still reads on ("order * to leave": 174)
    assert verb_lexicon().code(["kenya", "ordered", "the", "envoys", "to", "leave"], 1) == (
        "174",
        "ordered",
        True,
    )


def test_of_two_patterns_as_long_the_nearest_to_the_verb() -> None:
    # "* &military" (154, MOBILIZE) starts next to the verb, "* against" (141) much later
    found = _one("Chile mobilized its army reserves for a long war against Bolivia.")
    assert [(c.cameo, c.plover) for c in found if c.plover] == [("154", "MOBILIZE")]


def test_a_pattern_reads_no_word_of_a_that_clause() -> None:
    # "press * on" is a FIGHT in the dictionary's block of "demand"; "on" stands in the clause
    # "demanded" opens, so the verb keeps its own code
    assert _events("Chile demanded that Peru end its patrols on the border.") == [
        ("REQUEST", "CHL", "PER")
    ]


def test_a_pattern_stops_at_the_next_clause() -> None:
    # "shell" after "as" belongs to another clause: not "end * shell" (087)
    words = [
        "peru",
        "ended",
        "its",
        "visit",
        "to",
        "chile",
        "as",
        "troops",
        "shelled",
        "the",
        "border",
    ]
    assert verb_lexicon().code(words, 1) == ("042", "ended", True)


def test_a_noun_of_the_hand_lexicon_used_as_a_verb_is_read_as_the_verb() -> None:
    # "boycott" is a noun trigger (PROTEST); after "would" it is the dictionary's verb
    found = [c for c in _one("Chile said it would boycott the summit in Peru.") if c.plover]
    assert [(c.trigger, c.cameo, c.plover) for c in found] == [("boycott", "125", "REJECT")]


def test_a_sheet_row_gives_the_three_letter_codes_and_both_names() -> None:
    (candidate,) = [c for c in _one("Chilean troops shelled Peruvian positions.") if c.plover]
    row = candidate.row()
    assert (row["from_code"], row["from_country"], row["to_country"]) == ("CHLMIL", "CHL", "PER")
    assert (row["plover"], row["plover_2016"]) == ("ASSAULT", "FIGHT")


def test_older_names_follow_the_cameo_root() -> None:
    assert plover_2016("RETREAT", "0813") == "CONCEDE"  # easing a curfew, moved in 2021
    assert plover_2016("RETREAT", "0874") == "RETREAT"
    assert plover_2016("COERCE", "163") == "SANCTION"  # an embargo
    assert plover_2016("ASSAULT", "1712") == "COERCE"  # destroying property
    assert plover_2016("REQUEST", "020") == "DEMAND"
    assert plover_2016("ACCUSE", "092") == "INVESTIGATE"
    assert plover_2016("CONSULT", "") == "CONSULT"


def test_a_verb_of_saying_is_no_event() -> None:
    assert _events("Chile said on Monday that the weather was warm.") == []


def test_the_crosswalk_falls_back_to_the_parent_code() -> None:
    assert category("1722") == "COERCE"
    assert category("0874") == "RETREAT"
    assert category("020") == "REQUEST"
    assert category("010") == ""


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="needs ../shared/data")
def test_the_generated_lexicon_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_verbs", REPOSITORY / "scripts" / "build_verbs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert VERBS.read_text(encoding="utf-8") == module.build_verbs(SHARED_DATA)
    plover = Path(module.PLOVER)
    assert plover.read_text(encoding="utf-8") == module.build_plover(SHARED_DATA)


def test_the_generated_actor_dictionary_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_actors", REPOSITORY / "scripts" / "build_actors.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert Path(module.OUT).read_text(encoding="utf-8") == module.build_actors(SHARED_DATA)


# ----------------------------------------------------------------- the Phoenix actor dictionaries


def test_a_person_only_the_dictionaries_know_acts_for_their_organisation() -> None:
    (candidate,) = _one("Boutros Boutros-Ghali urged Chile to reopen the border.")
    assert candidate.source is not None
    assert (candidate.source.label, candidate.source.code, candidate.source.kind) == (
        "Boutros Boutros-Ghali",
        "IGOUNO",
        "person",
    )
    assert (candidate.plover, candidate.target_country) == ("REQUEST", "CHL")


def test_an_armed_group_of_the_dictionaries_has_its_country() -> None:
    # the longer name wins over the nationality inside it; the town is coded by its state
    assert _events("Turkish Hezbollah attacked a police station in Diyarbakir.") == [
        ("ASSAULT", "TUR", "TUR")
    ]
    (candidate,) = _one("Turkish Hezbollah attacked a police station in Diyarbakir.")
    assert candidate.source is not None
    assert candidate.source.code == "TURREB"


def test_a_town_of_the_dictionaries_is_its_country() -> None:
    # (and the rebels no name says more of are coded by the one country the sentence names)
    assert _events("Rebels shelled Tikrit on Monday.") == [("ASSAULT", "IRQ", "IRQ")]


def test_a_person_of_the_dictionaries_needs_the_full_name() -> None:
    # "Albert" alone is a prince of Monaco in the dictionaries, and anyone else in a sentence
    assert not [c for c in _one("Albert criticised Chile on Monday.") if c.source]
    assert _events("Kenya criticised Ahmadinejad.") == [("ACCUSE", "KEN", "")]


# ----------------------------------------------------------------- the hand lexicon

#: every hand trigger, a sentence it reads and the category it gives
HAND = {
    "agree": ("Chile agreed to reopen the border with Peru.", "AGREE"),
    "promise": ("Chile promised to reopen the border with Peru.", "AGREE"),
    "pledge": ("Chile pledged to reopen the border with Peru.", "AGREE"),
    "vow": ("Chile vowed to reopen the border with Peru.", "AGREE"),
    "offer": ("Chile offered to mediate between Peru and Bolivia.", "AGREE"),
    "commit": ("Chile committed to reopening the border with Peru.", "AGREE"),
    "urge": ("Chile urged Peru to reopen the border.", "REQUEST"),
    "call on": ("Chile called on Peru to reopen the border.", "REQUEST"),
    "call for": ("Chile called for Peru to reopen the border.", "REQUEST"),
    "reject": ("Chile rejected a proposal by Peru.", "REJECT"),
    "refuse": ("Chile refused to meet Peru.", "REJECT"),
    "ease": ("Chile eased restrictions on Peruvian traders.", "CONCEDE"),
    "talks": ("Chile and Peru began talks on Friday.", "CONSULT"),
    "meeting": ("Chile held a meeting with Peru.", "CONSULT"),
    "negotiations": ("Chile held negotiations with Peru.", "CONSULT"),
    "summit": ("Chile held a summit with Peru.", "CONSULT"),
    "aid": ("Chile sent aid to Peru.", "AID"),
    "assistance": ("Chile gave assistance to Peru.", "AID"),
    "ceasefire": ("Chile declared a ceasefire with Peru.", "RETREAT"),
    "withdrawal": ("Chile announced the withdrawal of its troops from Peru.", "RETREAT"),
    "investigation": ("Chile opened an investigation into Peruvian traders.", "ACCUSE"),
    "inquiry": ("Chile launched an inquiry into Peruvian traders.", "ACCUSE"),
    "demand": ("Chile renewed its demand that Peru pay.", "REQUEST"),
    "request": ("Chile made a request to Peru for the files.", "REQUEST"),
    "appeal": ("Chile made an appeal to Peru for calm.", "REQUEST"),
    "criticism": ("Chile voiced criticism of Peru.", "ACCUSE"),
    "condemnation": ("Chile issued a condemnation of Peru.", "ACCUSE"),
    "accusation": ("Chile made an accusation against Peru.", "ACCUSE"),
    "rejection": ("Chile announced its rejection of the Peruvian plan.", "REJECT"),
    "refusal": ("Chile announced its refusal of the Peruvian plan.", "REJECT"),
    "threat": ("Chile made a threat against Peru.", "THREATEN"),
    "ultimatum": ("Chile issued an ultimatum to Peru.", "THREATEN"),
    "warning": ("Chile issued a warning to Peru.", "THREATEN"),
    "demonstration": ("Chileans held a demonstration against Peru.", "PROTEST"),
    "protest": ("Chile issued a protest to Peru.", "PROTEST"),
    "strike": ("Chilean miners began a strike against Peru.", "PROTEST"),
    "rally": ("Chileans held a rally against Peru.", "PROTEST"),
    "boycott": ("Chileans began a boycott of Peru.", "PROTEST"),
    "mobilization": ("Chile announced a mobilization of troops near Peru.", "MOBILIZE"),
    "mobilisation": ("Chile announced a mobilisation of troops near Peru.", "MOBILIZE"),
    "sanctions": ("Chile announced sanctions against Peru.", "SANCTION"),
    "embargo": ("Chile announced an embargo on Peru.", "SANCTION"),
    "arrests": ("Chile made arrests of Peruvian traders.", "COERCE"),
    "curfew": ("Chile declared a curfew in Arica near Peru.", "COERCE"),
    "crackdown": ("Chile began a crackdown on Peruvian traders.", "COERCE"),
    "attack": ("Chilean rebels launched an attack on Peru.", "ASSAULT"),
    "bombing": ("Chilean rebels carried out a bombing in Peru.", "ASSAULT"),
    "assassination": ("Chilean rebels carried out an assassination in Peru.", "ASSAULT"),
    "fighting": ("Chile and Peru began fighting on Sunday.", "ASSAULT"),
    "shelling": ("Chile began shelling Peru.", "ASSAULT"),
    "clashes": ("Chile reported clashes with Peru.", "ASSAULT"),
    "offensive": ("Chile launched an offensive against Peru.", "ASSAULT"),
    "invasion": ("Chile began an invasion of Peru.", "ASSAULT"),
    "cooperation": ("Chile announced cooperation with Peru.", "COOPERATE"),
}


def test_every_hand_trigger_has_a_sentence() -> None:
    assert {t.phrase for t in TRIGGERS} == set(HAND)


@pytest.mark.parametrize("phrase", sorted(HAND))
def test_a_hand_trigger_reads_its_sentence(phrase: str) -> None:
    text, expected = HAND[phrase]
    found = [c for c in _one(text) if c.plover]
    assert found, text
    best = max(found, key=lambda c: c.confidence)
    assert best.plover == expected, (text, best.comment)
    assert best.source_country == "CHL", (text, best.comment)


# ----------------------------------------------------------------- the rules


def test_attribution_names_the_speaker() -> None:
    found = _one("Ghana sent troops to the Northern Border Task Force, Colonel Kofi Mensah said.")
    ties = [c for c in found if c.type == "troop contribution"]
    assert [(c.source_country, c.attributed_to) for c in ties] == [("GHA", "Kofi Mensah")]


def test_a_force_beginning_operations_deploys() -> None:
    found = _one("The Northern Border Task Force began operations in Niger on Monday.")
    assert [(c.type, c.source.label if c.source else "") for c in found] == [
        ("deployment", "Northern Border Task Force")
    ]


def test_relations_with_and_between() -> None:
    found = _one("Chile maintains diplomatic relations with Peru.")
    assert [(c.type, c.source_country, c.target_country) for c in found] == [
        ("diplomatic relations", "CHL", "PER")
    ]


def test_a_hyphenated_pair_of_demonyms_is_a_conflict() -> None:
    found = _one("The Chilean-Peruvian conflict flared again in March.")
    assert [(c.type, c.source_country, c.target_country) for c in found if c.kind == "tie"] == [
        ("conflict", "CHL", "PER")
    ]


def test_a_commander_of_a_named_force() -> None:
    found = _one(
        "Colonel Kofi Mensah, commander of the Northern Border Task Force, arrived in Niamey."
    )
    command = [c for c in found if c.type == "command"]
    assert [(c.source.label, c.target.label) for c in command if c.source and c.target] == [
        ("Kofi Mensah", "Northern Border Task Force")
    ]


def test_a_newly_created_body_and_its_founder() -> None:
    found = _one("Kenya's newly created Horn Council met in Nairobi on Monday.")
    founding = [c for c in found if c.type == "founding"]
    assert [(c.source_country, c.target.label) for c in founding if c.target] == [
        ("KEN", "Horn Council")
    ]


def test_a_king_of_a_named_state() -> None:
    found = _one("King Harald of Norway visited Kenya in May.")
    heads = [c for c in found if c.type == "head of state"]
    assert [(c.source.label, c.target_country) for c in heads if c.source] == [("Harald", "NOR")]


def test_an_armed_force_of_the_graph_names_its_state(store: Store) -> None:
    found = _one("The Moroccan Armed Forces held exercises near Tan-Tan.", store)
    ties = [c for c in found if c.type == "armed force of"]
    assert [(c.source_country, c.target_country) for c in ties] == [("MAR", "MAR")]


def test_joining_an_organisation_is_membership() -> None:
    found = _one("Chile joined the Andean Council in 2010.")
    assert [(c.type, c.source_country) for c in found if c.kind == "tie"] == [("membership", "CHL")]


def test_a_request_and_its_acceptance() -> None:
    found = _one("Kenya accepted Uganda's request for talks.")
    pairs = {
        (c.type, c.source_country, c.target_country)
        for c in found
        if c.rule in {"request", "response to a request"}
    }
    assert pairs == {("request", "UGA", "KEN"), ("acceptance", "KEN", "UGA")}


def test_swearing_to_act_is_an_intent() -> None:
    assert _events("Chile has sworn to attack Peru.") == [("THREATEN", "CHL", "PER")]


def test_an_ethnic_group_is_coded_by_where_it_lives() -> None:
    assert _events("Ethnic Serbs in Croatia protested on Monday.") == [("PROTEST", "HRV", "")]


def test_a_people_named_after_its_country_is_that_country() -> None:
    (candidate,) = [c for c in _one("Bosnian Croats demanded more autonomy.") if c.plover]
    assert candidate.source_country == "BIH"
    assert candidate.source is not None
    assert candidate.source.label != "Croatia"


def test_a_target_that_is_the_source_again_leaves_the_event_without_one() -> None:
    # Zagreb is the capital of the ethnic Serbs' Croatia: the event stays, with no target
    assert _events("Ethnic Serbs in Croatia demanded autonomy from Zagreb.") == [
        ("REQUEST", "HRV", "")
    ]


def test_a_group_of_people_no_actor_names_is_a_domestic_target() -> None:
    assert _events("Kenyan police arrested dozens of protesters on Friday.") == [
        ("COERCE", "KEN", "KEN")
    ]


def test_an_event_no_actor_acts_in_is_kept_without_a_source() -> None:
    # "the Andean Secretariat" is no name the gazetteer knows: the demand stays, its source blank
    found = _one("The Andean Secretariat demanded that Peru reopen the border.")
    assert [(c.plover, c.source, c.target_country, c.rule) for c in found] == [
        ("REQUEST", None, "PER", "event")
    ]
    assert "no source named" in found[0].comment


def test_a_group_no_name_says_more_of_acts_for_the_one_country_named() -> None:
    (candidate,) = _one("Tribal elders demanded that the Kenyan government release the prisoners.")
    assert (candidate.plover, candidate.source_country, candidate.target_country) == (
        "REQUEST",
        "KEN",
        "KEN",
    )
    assert "the one country the sentence names" in candidate.comment
    # with two countries named, neither is guessed; nor the country the act is done to
    assert _events("Albert criticised Chile on Monday.") == [("ACCUSE", "", "CHL")]
    assert _events("Tribal elders demanded that Kenya and Uganda release the prisoners.") == [
        ("REQUEST", "", "KEN"),
        ("REQUEST", "", "UGA"),
    ]


def test_an_event_with_no_party_at_all_is_kept() -> None:
    (candidate,) = _one("A roadside bomb killed three soldiers on Sunday.")
    assert (candidate.plover, candidate.source, candidate.target) == ("ASSAULT", None, None)


def test_a_complaint_targets_what_it_is_about_not_who_hears_it() -> None:
    assert _events("Peru complained to the United Nations about Chilean air raids.") == [
        ("ACCUSE", "PER", "CHL")
    ]
    assert _events("Peru complained to the United Nations on Monday.") == [("ACCUSE", "PER", "IGO")]


def test_a_participle_before_a_title_is_an_adjective() -> None:
    found = [c for c in _one("Ousted president Juan Perez criticised Chile.") if c.plover]
    assert [(c.plover, c.trigger) for c in found] == [("ACCUSE", "criticised")]
    # after a noun it is the verb
    found = [c for c in _one("The army ousted president Juan Perez on Monday.") if c.plover]
    assert [(c.plover, c.trigger) for c in found] == [("COERCE", "ousted")]


def test_a_noun_whose_clause_follows_it_is_the_event() -> None:
    # the demand, in the plural, is the event, not the reopening it asks for
    assert _events("Chile insisted on its demands that Peru reopen the border.") == [
        ("REQUEST", "CHL", "PER")
    ]


def test_a_country_named_for_a_stance_is_no_party() -> None:
    # the militia is pro-Chilean, not Chile (it is coded by the one country left, where it
    # acts); what an anti-Chilean protest opposes is its target
    assert _events("The pro-Chilean militia attacked a Peruvian police post.") == [
        ("ASSAULT", "PER", "PER")
    ]
    assert _events("Peruvian students staged anti-Chilean protests on Monday.") == [
        ("PROTEST", "PER", "CHL")
    ]


def test_the_subject_of_an_opening_participle_is_the_sentence_subject() -> None:
    assert _events("By expelling two Peruvian diplomats, Chile deepened the rift.") == [
        ("SANCTION", "CHL", "PER")
    ]


def test_a_capitalised_word_inside_a_sentence_is_a_name_not_an_event() -> None:
    # "Cooperation" names the agency; the event is the criticism
    found = _one("The Swiss Agency for Development and Cooperation criticised Peru.")
    assert [(c.plover, c.trigger) for c in found if c.plover] == [("ACCUSE", "criticised")]
    # in a headline every word is capitalised: there the capital says nothing
    headline = _one("Chile Criticises Peru Over Border Closure")
    assert [(c.plover, c.source_country) for c in headline if c.plover] == [("ACCUSE", "CHL")]


# ----------------------------------------------------------------- calibration


def test_confidence_is_the_calibrated_share() -> None:
    measured = table()
    assert measured, "calibration.tsv is missing"
    found = [c for c in _one("Peru criticised Chile on Monday.") if c.plover]
    assert len(found) == 1
    assert 0 < found[0].confidence < 1
    assert band(0.65) == 0.65
    assert band(0.64) == 0.6
