"""One sentence as the rules see it: its tokens, mentions, clause bounds and helpers.

A :class:`Sentence` holds what the rules share for one sentence (the spaCy span, the lower-case
words, the actor mentions, the speaker of a reported statement, the candidates so far) and the
helpers they ask: the coordination of actors before or after a word, the sentence's subject,
the modality and negation of a verb, a quantity and its unit, a passive's agent, a light verb.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from diplograph.curation.candidate import Candidate
from diplograph.curation.extract.mentions import DocState, Mention
from diplograph.curation.extract.parse import Parse, Phrase, parse
from diplograph.curation.extract.verbs import category, mode, verb_lexicon
from diplograph.curation.gazetteer import Actor, Gazetteer
from diplograph.curation.lexicon import (
    ATTRIBUTION_VERBS,
    AUXILIARIES,
    INTRO_PREPOSITIONS,
    LIGHT_VERBS,
    MODAL_PLANNED,
    MODAL_PLEDGED,
    NEGATIONS,
    NUMBER,
    POLICE_NOUNS,
    ROLES,
    SCALES,
    TRAIN_FORMS,
    TRIGGER_INDEX,
    Trigger,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["Sentence"]


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


class Sentence:
    """The words, mentions and candidates of one sentence, and the helpers rules ask."""

    def __init__(
        self, sent: Span, line: int, gazetteer: Gazetteer, state: DocState, document: str
    ) -> None:
        self.sent = sent
        self.doc = sent.doc
        self.line = line
        self.gaz = gazetteer
        self.state = state
        self.document = document
        self.quote = sent.text
        self.lower = [t.lower_ for t in sent.doc]
        self.mentions: list[Mention] = []
        self.candidates: list[Candidate] = []
        self.used: set[int] = set()  # token indices a tie rule has consumed
        self.speaker: Mention | None = None
        self.speaker_text = ""
        self.content_start = sent.start
        self.content_end = sent.end
        self._parse: Parse | None = None
        self._parsed = False
        self._chars: dict[int, tuple[int, int]] = {}  # token -> its characters in the parse

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def group_before(self, index: int, start: int | None = None) -> list[Mention]:
        """The coordination of mentions that ends nearest before token ``index``."""
        lower = self.content_start if start is None else start
        before = [m for m in self.mentions if m.end <= index and m.start >= lower]
        if not before:
            return []
        group = [before[-1]]
        for mention in reversed(before[:-1]):
            gap = [self.lower[k] for k in range(mention.end, group[0].start)]
            if all(w in {",", "and", "-", "–", "—", "as", "well", "or", "&"} for w in gap) and gap:
                group.insert(0, mention)
            else:
                break
        return group

    def group_after(self, index: int, end: int | None = None) -> list[Mention]:
        """The coordination of mentions that starts first after token ``index``."""
        upper = self.content_end if end is None else end
        after = [m for m in self.mentions if m.start >= index and m.end <= upper]
        if not after:
            return []
        group = [after[0]]
        for mention in after[1:]:
            gap = [self.lower[k] for k in range(group[-1].end, mention.start)]
            if gap and all(w in {",", "and", "-", "–", "—", "or", "&"} for w in gap):
                group.append(mention)
            else:
                break
        return group

    def subject(self) -> list[Mention]:
        """The sentence's subject: the first coordination of mentions, after an opening phrase."""
        start = self.content_start
        first = self.doc[start].lower_ if start < self.sent.end else ""
        if first in INTRO_PREPOSITIONS:
            for k in range(start, self.content_end):
                if self.doc[k].text == ",":
                    start = k + 1
                    break
        after = [m for m in self.mentions if m.start >= start and m.end <= self.content_end]
        if not after:
            return []
        return self.group_after(after[0].start)

    def is_word(self, index: int, *words: str) -> bool:
        return self.sent.start <= index < self.sent.end and self.lower[index] in words

    def modality(self, index: int, window: int = 6) -> tuple[str, bool]:
        """``(status, negated)`` from the words before token ``index`` in its clause."""
        status, negated = "", False
        for k in range(index - 1, max(self.content_start, index - window) - 1, -1):
            word = self.lower[k]
            if word in {",", ";", "that", "which", "who", "."} and k < index - 1:
                break
            if word in NEGATIONS and self.lower[k + 1] not in {"only", "just", "least"}:
                negated = True
            if not status and word in MODAL_PLEDGED:
                status = "pledged"
            elif not status and word in MODAL_PLANNED:
                status = "planned"
        return status, negated

    def quantity(self, start: int, end: int) -> tuple[int | None, int | None, str, int]:
        """The first number in ``start:end`` with its unit: ``(exact, maximum, unit, index)``."""
        for k in range(start, min(end, self.sent.end)):
            text = self.doc[k].text
            if not NUMBER.match(text):
                continue
            value = float(text.replace(",", ""))
            u = k + 1
            if u < self.sent.end and self.lower[u] in SCALES:
                value *= SCALES[self.lower[u]]
                u += 1
            unit_words: list[str] = []
            while u < self.sent.end and len(unit_words) < 2 and self.doc[u].is_alpha:
                if self.lower[u] in {"and", "or", "to", "in", "for", "of", "from", "on"}:
                    break
                unit_words.append(self.doc[u].text)
                u += 1
            if not unit_words:
                continue
            before = " ".join(self.lower[max(start, k - 2) : k])
            number = int(value)
            unit = " ".join(unit_words)
            if before.endswith(("up to", "at most", "as many as")):
                return None, number, unit, k
            return number, None, unit, k
        return None, None, "", -1

    def add(self, candidate: Candidate, at: int | None = None) -> None:
        """Keep ``candidate`` (found at token ``at``) unless the sentence has it already."""
        candidate.line, candidate.quote, candidate.document = self.line, self.quote, self.document
        inside = at is None or self.content_start <= at < self.content_end
        speaker_acts = candidate.source is not None and candidate.source.label == self.speaker_text
        if self.speaker_text and not candidate.attributed_to and inside and not speaker_acts:
            candidate.attributed_to = self.speaker_text
        candidate.confidence = round(min(0.95, max(0.05, candidate.confidence)), 2)
        for old in self.candidates:
            if (old.kind, old.type, old.source, old.target) == (
                candidate.kind,
                candidate.type,
                candidate.source,
                candidate.target,
            ) and old.quantity_max == candidate.quantity_max:
                return
        self.candidates.append(candidate)

    def speaker_name(self, start: int, end: int, speakers: list[Mention]) -> str:
        persons = [m for m in speakers if m.actor.kind == "person"]
        if persons:
            return persons[0].actor.label
        words = [
            self.doc[k].text
            for k in range(start, end)
            if self.lower[k] not in ATTRIBUTION_VERBS and self.doc[k].is_alpha
        ]
        return " ".join(words[:6])

    def in_compound(self, index: int) -> bool:
        """Is token ``index`` the second half of a hyphenated word ("Israeli-occupied")?"""
        if index < self.sent.start + 2:
            return False
        hyphen, word = self.doc[index - 1], self.doc[index - 2]
        return hyphen.text in {"-", "–"} and not hyphen.whitespace_ and not word.whitespace_

    def is_verb_use(self, index: int) -> bool:
        """ "would boycott", "to strike", "they protest": a word after an auxiliary, a modal,
        "to" or a subject pronoun is used as a verb."""
        before = self.lower[index - 1] if index > self.sent.start else ""
        return (
            before in AUXILIARIES
            or before in MODAL_PLANNED
            or before in {"to", "they", "we", "he", "she", "i"}
        )

    def is_noun_use(self, index: int) -> bool:
        """ "the attack", "a visit": a verb trigger used as a noun after a determiner."""
        before = self.lower[index - 1] if index > self.sent.start else ""
        return before in {"the", "a", "an", "its", "their", "his", "her"}

    def force_after(self, index: int) -> tuple[Actor | None, str]:
        """The force or organisation a contribution goes to: named after ``index``, or the last."""
        for mention in self.mentions:
            if mention.start < index or mention.start > index + 8 or mention.end > self.content_end:
                continue
            if mention.actor.kind in {"force", "igo", "body"}:
                prep = self.lower[mention.start - 1] if mention.start > 0 else ""
                prep2 = self.lower[mention.start - 2] if mention.start > 1 else ""
                if {prep, prep2} & {"to", "for", "in", "with", "into"}:
                    return mention.actor, "named"
        if self.state.force is not None:
            return self.state.force, "last force named"
        return None, ""

    def subject_gap(self, end: int, verb_at: int) -> bool:
        """Do only auxiliaries, modals and adverbs stand between a subject and its verb?"""
        for k in range(end, verb_at):
            word = self.lower[k]
            if not (
                word in AUXILIARIES
                or word in MODAL_PLEDGED
                or word in MODAL_PLANNED
                or word.endswith("ly")
                or word in {"-", "–", "—", ",", "to", "also", "again", "now", "not", "jointly"}
            ):
                return False
        return True

    def object_gap(self, index: int) -> bool:
        """May token ``index`` stand between a verb and its object ("up to 20,000", "its")?"""
        word = self.lower[index]
        if word == "to":
            return index > self.sent.start and self.lower[index - 1] == "up"
        if word in POLICE_NOUNS or word in TRAIN_FORMS or word in {",", "and", "or", "for"}:
            return False
        return not any(m.start <= index < m.end for m in self.mentions)

    def clause_subject(self, index: int) -> list[Mention]:
        """Who does what ``index`` says: the nearest coordination before it in its clause, else
        the sentence subject (for "while also sustaining ...")."""
        s = self.sent
        boundary = self.content_start
        for k in range(index - 1, s.start - 1, -1):
            if self.lower[k] in {"while", "but", ";", "and", "whereas"} or (
                self.lower[k] == "," and k < index - 1
            ):
                boundary = k + 1
                break
        group = (
            [m for m in self.group_before(index, boundary) if self.lower[m.end] != "-"]
            if boundary < index
            else []
        )
        group = [m for m in group if not self.is_object(m)]
        if group:
            return group
        return [m for m in self.subject() if m.start < index]

    def is_object(self, mention: Mention) -> bool:
        before = self.lower[mention.start - 1] if mention.start > self.sent.start else ""
        return before in {"with", "to", "against", "of", "from", "for", "in", "on", "by", "under"}

    def agent(self, end: int) -> int | None:
        """The "by" of a passive verb ending at ``end``: within four words, or later in the
        clause when an actor follows it within three ("has been accused of misusing funds ...
        by government officials"); or None."""
        for k in range(end, self.content_end):
            if self.lower[k] != "by":
                continue
            if k < end + 4 or any(k < m.start <= k + 3 for m in self.mentions):
                return k
        return None

    def light_verb(self, index: int) -> int | None:
        """The light verb a noun trigger at ``index`` is the object of ("issued a stern
        warning", "began a hunger strike"): up to five lower-case words or numbers between,
        none an actor; or None."""
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for k in range(index - 1, max(self.content_start, index - 6) - 1, -1):
            if self.lower[k] in LIGHT_VERBS:
                return k
            token = self.doc[k]
            if (
                k in taken
                or token.is_title
                or token.is_upper
                or (token.is_punct and token.text != "-")
            ):
                return None
        return None

    def future(self, index: int) -> bool:
        window = self.lower[max(self.content_start, index - 3) : index]
        return bool({"will", "would", "'ll"} & set(window))

    def hand_trigger_at(self, index: int, noun_only: bool = False) -> Trigger | None:
        """The hand lexicon's trigger starting at token ``index`` (longest phrase), or None."""
        found = TRIGGER_INDEX.get(self.lower[index])
        if not found:
            return None
        for rest, trigger in found:
            if noun_only and not trigger.noun:
                continue
            if all(
                index + 1 + n < self.sent.end and self.lower[index + 1 + n] == w
                for n, w in enumerate(rest)
            ):
                return trigger
        return None

    def verb_trigger_at(self, index: int) -> Trigger | None:
        """The CAMEO verb lexicon's event at token ``index``, its code refined by the words of
        its clause (:mod:`~diplograph.curation.extract.verbs`), or None."""
        found = verb_lexicon().code(self.lower[: self.content_end], index)
        if found is None:
            return None
        code, phrase, by_pattern = found
        if not by_pattern and self.lower[index] in LIGHT_VERBS:
            return None  # "issued a protest": a light verb alone says nothing, its object does
        plover = category(code)
        if not plover:
            return None
        return Trigger(phrase, plover, code, mode(code))

    def trigger_at(self, index: int) -> Trigger | None:
        """The event a word (or phrase) starting at ``index`` signals: the hand lexicon's reading
        first (it holds only what the dictionary lacks), else the CAMEO verb lexicon's; verbs of
        saying signal none (what is said is the event)."""
        word = self.lower[index]
        after = self.lower[index + 1] if index + 1 < self.content_end else ""
        if word in ATTRIBUTION_VERBS or word in ROLES:
            return None  # "said", "forces": a verb of saying, a noun of armed men
        modal = word in MODAL_PLANNED or word in MODAL_PLEDGED
        if after == "to" and modal and self.hand_trigger_at(index) is None:
            return None  # "expected to", "prepared to": the verb after "to" is the event
        hand = self.hand_trigger_at(index)
        if hand is not None and hand.noun and self.is_verb_use(index):
            # "would boycott", "they strike": a noun of the hand lexicon used as a verb
            return self.verb_trigger_at(index) or replace(hand, noun=False)
        return hand or self.verb_trigger_at(index)

    def triggers(self) -> list[tuple[int, int, Trigger]]:
        """Every trigger in the content of the sentence, longest phrase first at each place."""
        found = []
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        k = self.content_start
        while k < self.content_end:
            if k in taken:
                k += 1
                continue
            trigger = self.trigger_at(k)
            if trigger is not None and not trigger.noun and self.is_noun_use(k):
                # "its demand": a word that is a verb and a noun trigger, used as the noun
                trigger = self.hand_trigger_at(k, noun_only=True)
            if trigger is None or (not trigger.noun and self.in_compound(k)):
                # "Israeli-occupied", "Syrian-backed": a participle in a compound adjective
                k += 1
                continue
            length = len(trigger.phrase.split())
            found.append((k, k + length, trigger))
            k += length
        return found

    # ------------------------------------------------------------ roles

    def parsed(self) -> Parse | None:
        """The sentence's link-grammar parse (:mod:`~diplograph.curation.extract.parse`), or
        None without the parser or a linkage. Each actor mention is parsed as a word the
        parser's dictionary knows (:func:`stand_in`): it guesses at names it does not know."""
        if self._parsed:
            return self._parse
        self._parsed = True
        starts = {m.start: m for m in self.mentions}
        text = ""
        k = self.sent.start
        while k < self.sent.end:
            mention = starts.get(k)
            if mention is not None and mention.end > k:
                begin = len(text)
                text += stand_in(mention, self.lower[mention.end - 1])
                for j in range(k, mention.end):
                    self._chars[j] = (begin, len(text))
                text += self.doc[mention.end - 1].whitespace_
                k = mention.end
                continue
            token = self.doc[k]
            self._chars[k] = (len(text), len(text) + len(token.text))
            text += token.text_with_ws
            k += 1
        self._parse = parse(text.strip())
        return self._parse

    def _parse_index(self, token: int) -> int | None:
        parsed = self.parsed()
        if parsed is None or token not in self._chars:
            return None
        return parsed.index_at(self._chars[token][0])

    def mentions_in(self, phrases: list[Phrase]) -> list[Mention]:
        """The mentions the noun ``phrases`` of a parse name, in the content of the sentence:
        of each phrase, the mention of its head word ("Norway" in "NATO-member Norway"), else
        every mention inside it ("Israel" in "Israel's high court")."""
        spans = []
        for mention in self.mentions:
            if mention.start < self.content_start or mention.end > self.content_end:
                continue
            first, last = self._chars.get(mention.start), self._chars.get(mention.end - 1)
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

    def roles(self, start: int, end: int) -> tuple[list[Mention], list[Mention], str]:
        """``(sources, targets, how)`` of the trigger at tokens ``start:end``: from the parse
        (its subject and object, or the "by" agent and the subject of a passive) where it names
        an actor, else by word order (:meth:`word_roles`); ``how`` says which reading gave
        them."""
        sources, targets, how = self.word_roles(start, end)
        index = self._parse_index(start)
        parsed = self.parsed()
        if parsed is None or index is None:
            return sources, targets, how
        read = parsed.roles(index)
        subjects = self.mentions_in(read.subjects)
        if read.passive:
            agents = self.mentions_in(read.agents) or (sources if how.startswith("passive") else [])
            if agents:
                return agents, subjects or targets, "parse, passive"
            return sources, targets, how
        if not subjects:
            return sources, targets, how
        objects = [m for m in self.mentions_in(read.objects) if m not in subjects]
        return subjects, objects or [t for t in targets if t not in subjects], "parse"

    def word_roles(self, start: int, end: int) -> tuple[list[Mention], list[Mention], str]:
        """``(sources, targets, how)`` by word order: the subject's coordination before the
        trigger at tokens ``start:end`` (the "by" agent of a passive) and the first coordination
        after it (the passive's subject)."""
        by = (
            self.agent(end)
            if start > self.sent.start
            and self.lower[start - 1] in {"was", "were", "been", "being", "is", "are"}
            and self.lower[start].endswith("ed")
            else None
        )
        if by is not None:
            sources = self.group_after(by + 1)
            targets = [m for m in self.subject() if m.start < start]
            return sources, targets, "passive, by the words"
        sources = [m for m in self.subject() if m.end <= start] or self.group_before(start)
        targets = [m for m in self.group_after(end) if m not in sources]
        return sources, targets, "by the words"

    def domestic_target(self, source: Mention, end: int) -> Actor | None:
        """The acting party's own country as the target when the trigger's object is a group
        of people no actor names ("arrested dozens of protesters", "police fired on
        demonstrators"): CAMEO codes such an event inside one state with it on both sides."""
        country = source.actor.country or (source.actor.code[:3] if source.actor.code else "")
        if not country or source.actor.kind in {"igo", "force", "body"}:
            return None
        for k in range(end, min(self.content_end, end + 6)):
            if self.lower[k] in {",", ";", "that", "to"}:
                break
            if self.lower[k] in ROLES:
                return self.gaz.country(country)
        return None
