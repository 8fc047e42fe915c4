"""One sentence as the rules see it: its tokens, mentions, clause bounds and helpers.

A :class:`Sentence` holds what the rules share for one sentence (the spaCy span, the lower-case
words, the actor mentions, the speaker of a reported statement, the candidates so far) and the
helpers they ask: the coordination of actors before or after a word, the sentence's subject,
the modality and negation of a verb, a quantity and its unit. Which words are events is
:mod:`.triggers`' to say, who does what to whom :mod:`.roles`'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from diplograph.curation.candidate import Candidate
from diplograph.curation.extract.mentions import DocState, Mention
from diplograph.curation.extract.parse import Parse
from diplograph.curation.gazetteer import Actor, Gazetteer
from diplograph.curation.lexicon import (
    ATTRIBUTION_VERBS,
    AUXILIARIES,
    CLAUSE_JOINERS,
    COORDINATION,
    COORDINATION_BEFORE,
    FUTURE,
    INTRO_PREPOSITIONS,
    MODAL_PLANNED,
    MODAL_PLEDGED,
    MODALITY_END,
    NEGATIONS,
    NOT_NEGATING,
    NUMBER,
    OBJECT_BREAKS,
    OBJECT_PREPOSITIONS,
    POLICE_NOUNS,
    POSSESSIVES,
    RECIPIENT_PREPOSITIONS,
    SCALES,
    SUBJECT_GAP,
    TRAIN_FORMS,
    UNIT_END,
)

if TYPE_CHECKING:
    from spacy.tokens import Span

__all__ = ["Sentence"]


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
        self.opposed: list[Mention] = []  # "anti-American": who a stance opposes
        self.candidates: list[Candidate] = []
        self.used: set[int] = set()  # token indices a tie rule has consumed
        self.speaker: Mention | None = None
        self.speaker_text = ""
        self.content_start = sent.start
        self.content_end = sent.end
        self.linkage: Parse | None = None  # the parse (:func:`.roles.parsed`), once read
        self.linked = False
        self.chars: dict[int, tuple[int, int]] = {}  # token -> its characters in the parse

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
            if all(w in COORDINATION_BEFORE for w in gap) and gap:
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
            if gap and all(w in COORDINATION for w in gap):
                group.append(mention)
            else:
                break
        return group

    def opening_end(self) -> int:
        """Where an opening phrase ("During the talks, ...", "By joining the force, ...") ends:
        the token after its comma; the content's start when the sentence opens with none."""
        start = self.content_start
        first = self.doc[start].lower_ if start < self.sent.end else ""
        if first in INTRO_PREPOSITIONS:
            for k in range(start, self.content_end):
                if self.doc[k].text == ",":
                    return k + 1
        return start

    def subject(self) -> list[Mention]:
        """The sentence's subject: the first coordination of mentions, after an opening phrase."""
        start = self.opening_end()
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
            if word in MODALITY_END and k < index - 1:
                break
            if word in NEGATIONS and self.lower[k + 1] not in NOT_NEGATING:
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
                if self.lower[u] in UNIT_END:
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

    def force_after(self, index: int) -> tuple[Actor | None, str]:
        """The force or organisation a contribution goes to: named after ``index``, or the last."""
        for mention in self.mentions:
            if mention.start < index or mention.start > index + 8 or mention.end > self.content_end:
                continue
            if mention.actor.kind in {"force", "igo", "body"}:
                prep = self.lower[mention.start - 1] if mention.start > 0 else ""
                prep2 = self.lower[mention.start - 2] if mention.start > 1 else ""
                if {prep, prep2} & RECIPIENT_PREPOSITIONS:
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
                or word in SUBJECT_GAP
            ):
                return False
        return True

    def object_gap(self, index: int) -> bool:
        """May token ``index`` stand between a verb and its object ("up to 20,000", "its")?"""
        word = self.lower[index]
        if word == "to":
            return index > self.sent.start and self.lower[index - 1] == "up"
        if word in POLICE_NOUNS or word in TRAIN_FORMS or word in OBJECT_BREAKS:
            return False
        return not any(m.start <= index < m.end for m in self.mentions)

    def clause_subject(self, index: int) -> list[Mention]:
        """Who does what ``index`` says: the nearest coordination before it in its clause, else
        the sentence subject (for "while also sustaining ...")."""
        s = self.sent
        boundary = self.content_start
        for k in range(index - 1, s.start - 1, -1):
            if self.lower[k] in CLAUSE_JOINERS or (self.lower[k] == "," and k < index - 1):
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

    def as_place(self, mention: Mention) -> bool:
        """Does ``mention`` name its country as a place or an owner ("in Tikrit", "Nigerian
        ministry", "Kenya's government", "the Kenyan army") rather than the country itself?"""
        if mention.how not in {"name", "label", "alias", "code"}:
            return True
        after = self.lower[mention.end] if mention.end < self.sent.end else ""
        return after in POSSESSIVES or len(mention.actor.code) > 3

    def is_object(self, mention: Mention) -> bool:
        before = self.lower[mention.start - 1] if mention.start > self.sent.start else ""
        return before in OBJECT_PREPOSITIONS

    def future(self, index: int) -> bool:
        window = self.lower[max(self.content_start, index - 3) : index]
        return bool(FUTURE & set(window))
