"""Who does what to whom: the roles of a trigger, from a link-grammar parse or by word order.

:func:`roles` reads the subject and object (or the "by" agent and the subject of a passive) of
the trigger's verb from the sentence's parse (:mod:`.parse`) where the parse names an actor, and
by word order elsewhere (:func:`word_roles`); :func:`domestic_target` gives an event inside one
country its own country as the target, as CAMEO codes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.curation.extract.mentions import Mention
from diplograph.curation.extract.parse import Parse, Phrase, parse
from diplograph.curation.lexicon import OBJECT_END, PASSIVE_AUXILIARIES, ROLES

if TYPE_CHECKING:
    from diplograph.curation.extract.sentence import Sentence
    from diplograph.curation.gazetteer import Actor

__all__ = [
    "agent",
    "domestic_target",
    "mentions_in",
    "parse_index",
    "parsed",
    "roles",
    "stand_in",
    "word_roles",
]


def stand_in(mention: Mention, last: str) -> str:
    """The words the parser reads a mention as: "American army" for a country's role ("the
    Israeli army"), "American" for a nationality adjective ("Bosnian"), "Americans" for a people
    ("Serbs"), "John" for a person, "Paris" for any other name ("the Joint Border Mission").
    The parser guesses at capitalised words it does not know, often wrongly; what a mention is,
    the extractor knows already. ``last`` is the mention's last word, in lower case."""
    if last in ROLES and mention.end - mention.start > 1:
        return f"American {last}"  # "the Israeli army"
    if mention.how == "nationality":
        return "Americans" if last.endswith("s") else "American"
    if mention.actor.kind == "person":
        return "John"
    return "Paris"


def agent(s: Sentence, end: int) -> int | None:
    """The "by" of a passive verb ending at ``end``: within four words, or later in the
    clause when an actor follows it within three ("has been accused of misusing funds ...
    by government officials"); or None."""
    for k in range(end, s.content_end):
        if s.lower[k] != "by":
            continue
        if k < end + 4 or any(k < m.start <= k + 3 for m in s.mentions):
            return k
    return None


def parsed(s: Sentence) -> Parse | None:
    """The sentence's link-grammar parse (:mod:`~diplograph.curation.extract.parse`), or
    None without the parser or a linkage. Each actor mention is parsed as a word the
    parser's dictionary knows (:func:`stand_in`): it guesses at names it does not know."""
    if s.linked:
        return s.linkage
    s.linked = True
    starts = {m.start: m for m in s.mentions}
    text = ""
    k = s.sent.start
    while k < s.sent.end:
        mention = starts.get(k)
        if mention is not None and mention.end > k:
            begin = len(text)
            text += stand_in(mention, s.lower[mention.end - 1])
            for j in range(k, mention.end):
                s.chars[j] = (begin, len(text))
            text += s.doc[mention.end - 1].whitespace_
            k = mention.end
            continue
        token = s.doc[k]
        s.chars[k] = (len(text), len(text) + len(token.text))
        text += token.text_with_ws
        k += 1
    s.linkage = parse(text.strip())
    return s.linkage


def parse_index(s: Sentence, token: int) -> int | None:
    """The parse's word at token ``token`` of the sentence, or None."""
    linkage = parsed(s)
    if linkage is None or token not in s.chars:
        return None
    return linkage.index_at(s.chars[token][0])


def mentions_in(s: Sentence, phrases: list[Phrase]) -> list[Mention]:
    """The mentions the noun ``phrases`` of a parse name, in the content of the sentence:
    of each phrase, the mention of its head word ("Norway" in "NATO-member Norway"), else
    every mention inside it ("Israel" in "Israel's high court")."""
    spans = []
    for mention in s.mentions:
        if mention.start < s.content_start or mention.end > s.content_end:
            continue
        first, last = s.chars.get(mention.start), s.chars.get(mention.end - 1)
        if first is not None and last is not None:
            spans.append((first[0], last[1], mention))
    found: list[Mention] = []
    for phrase in phrases:
        heads = [m for a, b, m in spans if a < phrase.head_end and phrase.head_start < b]
        inside = [m for a, b, m in spans if a < phrase.end and phrase.start < b]
        if (
            heads
            and (heads[0].how == "nationality" or heads[0].actor.kind == "person")
            and inside
            and inside[0] is not heads[0]
            and inside[0].actor.kind == "state"
        ):
            # "Bosnian Serbs", "Iraqi President Saddam Hussein": the state the phrase
            # names first acts, as event data codes it (and as word order reads it)
            heads = inside[:1]
        found += [m for m in heads or inside if m not in found]
    return found


def roles(s: Sentence, start: int, end: int) -> tuple[list[Mention], list[Mention], str]:
    """``(sources, targets, how)`` of the trigger at tokens ``start:end``: from the parse
    (its subject and object, or the "by" agent and the subject of a passive) where it names
    an actor, else by word order (:func:`word_roles`); ``how`` says which reading gave
    them."""
    sources, targets, how = word_roles(s, start, end)
    index = parse_index(s, start)
    linkage = parsed(s)
    if linkage is None or index is None:
        return sources, targets, how
    read = linkage.roles(index)
    subjects = mentions_in(s, read.subjects)
    if read.passive:
        agents = mentions_in(s, read.agents) or (sources if how.startswith("passive") else [])
        if agents:
            return agents, subjects or targets, "parse, passive"
        return sources, targets, how
    if not subjects:
        return sources, targets, how
    objects = [m for m in mentions_in(s, read.objects) if m not in subjects]
    return subjects, objects or [t for t in targets if t not in subjects], "parse"


def word_roles(s: Sentence, start: int, end: int) -> tuple[list[Mention], list[Mention], str]:
    """``(sources, targets, how)`` by word order: the subject's coordination before the
    trigger at tokens ``start:end`` (the "by" agent of a passive) and the first coordination
    after it (the passive's subject)."""
    by = (
        agent(s, end)
        if start > s.sent.start
        and s.lower[start - 1] in PASSIVE_AUXILIARIES
        and s.lower[start].endswith("ed")
        else None
    )
    if by is not None:
        sources = s.group_after(by + 1)
        targets = [m for m in s.subject() if m.start < start]
        return sources, targets, "passive, by the words"
    opening = s.opening_end()
    if start < opening:
        # "By joining the force, Chile ...": the subject of an opening participle is the
        # sentence's subject, named after it
        sources = s.subject()
        targets = [m for m in s.group_after(end, opening) if m not in sources]
        return sources, targets, "the subject after an opening phrase"
    sources = [m for m in s.subject() if m.end <= start] or s.group_before(start)
    targets = [m for m in s.group_after(end) if m not in sources]
    return sources, targets, "by the words"


def domestic_target(s: Sentence, source: Mention, end: int) -> Actor | None:
    """The acting party's own country as the target when the trigger's object is a group
    of people no actor names ("arrested dozens of protesters", "police fired on
    demonstrators"): CAMEO codes such an event inside one state with it on both sides."""
    country = source.actor.country or (source.actor.code[:3] if source.actor.code else "")
    if not country or source.actor.kind in {"igo", "force", "body"}:
        return None
    for k in range(end, min(s.content_end, end + 6)):
        if s.lower[k] in OBJECT_END:
            break
        if s.lower[k] in ROLES:
            return s.gaz.country(country)
    return None
