"""Which words of a sentence signal an event: the triggers and the readings that qualify them.

A trigger is a word or phrase of the hand lexicon (:mod:`diplograph.curation.lexicon`, what the
dictionary lacks) or a verb of the CAMEO verb lexicon (:mod:`.verbs`, its code refined by the
words of its clause). A word is no trigger where it is part of a name ("Economic Cooperation"),
of a compound adjective ("Israeli-occupied") or a verb of saying; a verb used as a noun ("its
demand") reads as the hand lexicon's noun, a noun used as a verb ("would boycott") as the verb.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from diplograph.curation.extract.verbs import category, mode, verb_lexicon
from diplograph.curation.lexicon import (
    ATTRIBUTION_VERBS,
    AUXILIARIES,
    DETERMINERS,
    HYPHENS,
    LIGHT_VERBS,
    MODAL_PLANNED,
    MODAL_PLEDGED,
    OBJECT_PREPOSITIONS,
    ROLES,
    TITLES,
    TRIGGER_INDEX,
    VERB_MARKERS,
    Trigger,
)

if TYPE_CHECKING:
    from diplograph.curation.extract.sentence import Sentence

__all__ = [
    "hand_trigger_at",
    "in_compound",
    "in_name",
    "is_attributive",
    "is_noun_use",
    "is_verb_use",
    "light_verb",
    "trigger_at",
    "triggers",
    "verb_trigger_at",
]


def in_compound(s: Sentence, index: int) -> bool:
    """Is token ``index`` the second half of a hyphenated word ("Israeli-occupied")?"""
    if index < s.sent.start + 2:
        return False
    hyphen, word = s.doc[index - 1], s.doc[index - 2]
    return hyphen.text in HYPHENS and not hyphen.whitespace_ and not word.whitespace_


def is_attributive(s: Sentence, index: int) -> bool:
    """Is token ``index`` a participle that opens a noun phrase before a title or a role noun,
    so an adjective of it ("Ousted president X", "with wounded soldiers"), not the verb of
    "the army ousted president X"?"""
    if not s.lower[index].endswith(("ed", "en")) or index + 1 >= s.sent.end:
        return False
    after = s.lower[index + 1]
    if after not in TITLES and after not in ROLES:
        return False
    if index == s.sent.start:
        return True
    before = s.doc[index - 1]
    return before.is_punct or before.lower_ in DETERMINERS or before.lower_ in OBJECT_PREPOSITIONS


def is_verb_use(s: Sentence, index: int) -> bool:
    """ "would boycott", "to strike", "they protest": a word after an auxiliary, a modal,
    "to" or a subject pronoun is used as a verb."""
    before = s.lower[index - 1] if index > s.sent.start else ""
    return before in AUXILIARIES or before in MODAL_PLANNED or before in VERB_MARKERS


def in_name(s: Sentence, index: int) -> bool:
    """Is token ``index`` a capitalised word inside the sentence, so part of a name ("the
    Asia-Pacific Economic Cooperation forum", "the Agency for Development and Cooperation")
    rather than an event? Not at the start of the sentence or of a quote, nor in a headline
    written in capitals."""
    token = s.doc[index]
    if index == s.sent.start or not (token.is_title or token.is_upper):
        return False
    if s.doc[index - 1].text in {'"', "“", "``", "'", "‘", ":", "--", "—"}:
        return False
    lower = [t for t in s.sent if t.is_alpha and t.is_lower and len(t.text) > 3]
    return len(lower) >= 2


def is_noun_use(s: Sentence, index: int) -> bool:
    """ "the attack", "a visit": a verb trigger used as a noun after a determiner."""
    before = s.lower[index - 1] if index > s.sent.start else ""
    return before in DETERMINERS


def light_verb(s: Sentence, index: int) -> int | None:
    """The light verb a noun trigger at ``index`` is the object of ("issued a stern
    warning", "began a hunger strike"): up to five lower-case words or numbers between,
    none an actor; or None."""
    taken = {i for m in s.mentions for i in range(m.start, m.end)}
    for k in range(index - 1, max(s.content_start, index - 6) - 1, -1):
        if s.lower[k] in LIGHT_VERBS:
            return k
        token = s.doc[k]
        if k in taken or token.is_title or token.is_upper or (token.is_punct and token.text != "-"):
            return None
    return None


def hand_trigger_at(s: Sentence, index: int, noun_only: bool = False) -> Trigger | None:
    """The hand lexicon's trigger starting at token ``index`` (longest phrase), or None."""
    found = TRIGGER_INDEX.get(s.lower[index])
    if not found:
        return None
    for rest, trigger in found:
        if noun_only and not trigger.noun:
            continue
        if all(
            index + 1 + n < s.sent.end and s.lower[index + 1 + n] == w for n, w in enumerate(rest)
        ):
            return trigger
    return None


def verb_trigger_at(s: Sentence, index: int) -> Trigger | None:
    """The CAMEO verb lexicon's event at token ``index``, its code refined by the words of
    its clause (:mod:`~diplograph.curation.extract.verbs`), or None."""
    found = verb_lexicon().code(s.lower[: s.content_end], index)
    if found is None:
        return None
    code, phrase, by_pattern = found
    if not by_pattern and s.lower[index] in LIGHT_VERBS:
        return None  # "issued a protest": a light verb alone says nothing, its object does
    plover = category(code)
    if not plover:
        return None
    return Trigger(phrase, plover, code, mode(code))


def trigger_at(s: Sentence, index: int) -> Trigger | None:
    """The event a word (or phrase) starting at ``index`` signals: the hand lexicon's reading
    first (it holds only what the dictionary lacks), else the CAMEO verb lexicon's; verbs of
    saying signal none (what is said is the event)."""
    word = s.lower[index]
    after = s.lower[index + 1] if index + 1 < s.content_end else ""
    if word in ATTRIBUTION_VERBS or word in ROLES:
        return None  # "said", "forces": a verb of saying, a noun of armed men
    modal = word in MODAL_PLANNED or word in MODAL_PLEDGED
    if after == "to" and modal and hand_trigger_at(s, index) is None:
        return None  # "expected to", "prepared to": the verb after "to" is the event
    hand = hand_trigger_at(s, index)
    if hand is not None and hand.noun and is_verb_use(s, index):
        # "would boycott", "they strike": a noun of the hand lexicon used as a verb
        return verb_trigger_at(s, index) or replace(hand, noun=False)
    return hand or verb_trigger_at(s, index)


def triggers(s: Sentence) -> list[tuple[int, int, Trigger]]:
    """Every trigger in the content of the sentence, longest phrase first at each place."""
    found = []
    taken = {i for m in s.mentions for i in range(m.start, m.end)}
    k = s.content_start
    while k < s.content_end:
        if k in taken:
            k += 1
            continue
        trigger = trigger_at(s, k)
        if trigger is not None and not trigger.noun and is_noun_use(s, k):
            # "its demand": a word that is a verb and a noun trigger, used as the noun
            trigger = hand_trigger_at(s, k, noun_only=True)
        if (
            trigger is None
            or (not trigger.noun and (in_compound(s, k) or is_attributive(s, k)))
            or in_name(s, k)
        ):
            # "Israeli-occupied", "Syrian-backed": a participle in a compound adjective;
            # "ousted president": a participle before a title; "Economic Cooperation": a word
            # of a name
            k += 1
            continue
        length = len(trigger.phrase.split())
        found.append((k, k + length, trigger))
        k += length
    return found
