"""The CAMEO verb lexicon: which verb, with which words around it, codes which event.

Read from two generated files beside the package (``scripts/build_verbs.py`` writes them):
``cameo-verbs.tsv``, PETRARCH2's CAMEO verb dictionary (MIT, Open Event Data Alliance), and
``cameo-plover.tsv``, PLOVER's CAMEO-to-PLOVER table (CC BY-SA 4.0, Open Event Data Alliance).

A verb belongs to a block of synonyms; the block's patterns refine the verb's default code by the
words before and after it ("expel diplomats" is 161, a SANCTION; "expel" alone 174, COERCE). The
best pattern is the one with the most elements that match, its words in order within the clause;
a pattern coded ``---`` says the verb codes no event there ("stocks declined").

>>> lexicon = verb_lexicon()
>>> lexicon.code("expelled the ambassador and two diplomats".split(), 0)
('161', 'expelled', True)
>>> category("161"), category("0334"), category("190")
('SANCTION', 'AGREE', 'ASSAULT')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from diplograph.curation.lexicon import CLAUSE_END

__all__ = ["VerbLexicon", "category", "mode", "verb_lexicon"]

DATA = Path(__file__).resolve().parent.parent / "data"
VERBS = DATA / "cameo-verbs.tsv"
PLOVER = DATA / "cameo-plover.tsv"
#: how far after the verb a pattern's words may stand (tokens), and before it
_AFTER, _BEFORE = 10, 6
#: CAMEO roots the crosswalk leaves out: 02 (appeal) is a request in PLOVER 2021's REQUEST,
#: which covers asking as well as demanding; 01 (public statement) is no event.
_ROOTS = {"02": "REQUEST"}
#: CAMEO root -> the finer mode the extractor's event types tell apart
_MODES = {
    "02": "demand",
    "03": "agree",
    "04": "consult",
    "05": "support",
    "06": "cooperate",
    "07": "aid",
    "08": "concede",
    "09": "investigate",
    "10": "demand",
    "11": "disapprove",
    "12": "reject",
    "13": "threaten",
    "14": "protest",
    "15": "mobilize",
    "16": "sanction",
    "17": "coerce",
    "18": "assault",
    "19": "fight",
    "20": "assault",
}


@dataclass(frozen=True)
class Pattern:
    """Words before (``pre``) and after (``post``) the verb; each element a set of phrases."""

    pre: tuple[frozenset[tuple[str, ...]], ...]
    post: tuple[frozenset[tuple[str, ...]], ...]
    code: str

    @property
    def size(self) -> int:
        return len(self.pre) + len(self.post)

    @property
    def reads_infinitive(self) -> bool:
        """Does a phrase of the pattern go on after "to" ("* to_withdraw", "* to leave")?"""
        return any(
            "to" in phrase[:-1] or (phrase == ("to",) and n + 1 < len(self.post))
            for n, element in enumerate(self.post)
            for phrase in element
        )


@dataclass
class VerbLexicon:
    """Verb forms by first word, each with its block and default code; patterns by block."""

    forms: dict[str, list[tuple[tuple[str, ...], str, str]]] = field(default_factory=dict)
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    base_forms: set[str] = field(default_factory=set)  # "improve", not "improves"

    def verb_at(self, words: Sequence[str], index: int) -> tuple[int, str, str] | None:
        """``(length, block, default code)`` of the longest verb form starting at ``index``."""
        for rest, block, code in self.forms.get(words[index], []):
            end = index + 1 + len(rest)
            if tuple(words[index + 1 : end]) == rest:
                return len(rest) + 1, block, code
        return None

    def code(self, words: Sequence[str], index: int) -> tuple[str, str, bool] | None:
        """``(code, verb, by pattern)`` of the verb at ``index`` with the words around it: the
        best pattern's code, else the verb's default; None when it is no verb here or codes
        nothing. ``words`` are lower case tokens."""
        found = self.verb_at(words, index)
        if found is None:
            return None
        length, block, default = found
        end = index + length
        # the clause ends at a clause word (:data:`~diplograph.curation.lexicon.CLAUSE_END`), or
        # just after "that": a pattern may name it ("repeat * demand that"), never the words of
        # the clause it opens
        stop = next(
            (
                k + (words[k] == "that")
                for k in range(end, min(len(words), end + _AFTER))
                if words[k] in CLAUSE_END or words[k] == "that"
            ),
            min(len(words), end + _AFTER),
        )
        after = words[end:stop]
        # an infinitive starts a clause of its own ("praised its efforts to improve ..." is no
        # "praise * to", a visit): only a pattern that names "to" and a word after it reads on
        infinitive = next(
            (
                k
                for k in range(len(after) - 1)
                if after[k] == "to" and after[k + 1] in self.base_forms
            ),
            len(after),
        )
        before = words[max(0, index - _BEFORE) : index]
        best: Pattern | None = None
        nearest = 0
        for pattern in self.patterns.get(block, []):
            if best is not None and pattern.size < best.size:
                continue
            window = after if pattern.reads_infinitive else after[:infinitive]
            at = _in_order(pattern.post, window)
            if at is None or _in_order(pattern.pre, before) is None:
                continue
            # the most elements; of as many, the one that starts nearest the verb ("mobilized
            # army reservists for a war against" is "* &military", not "* against")
            if best is None or pattern.size > best.size or at < nearest:
                best, nearest = pattern, at
        code = best.code if best is not None else default
        if code == "---":
            return None
        return code, " ".join(words[index:end]), best is not None


def _in_order(elements: Sequence[frozenset[tuple[str, ...]]], words: Sequence[str]) -> int | None:
    """Where the first of the elements starts, if they all stand in ``words`` in this order
    (gaps allowed; a noun also plural), else None; 0 for no elements."""
    at = 0
    first: int | None = None
    for element in elements:
        found = False
        while at < len(words) and not found:
            for phrase in element:
                n = len(phrase)
                if tuple(words[at : at + n - 1]) == phrase[:-1] and _noun(
                    words, at + n - 1, phrase
                ):
                    first = at if first is None else first
                    at += n
                    found = True
                    break
            else:
                at += 1
        if not found:
            return None
    return first or 0


def _noun(words: Sequence[str], k: int, phrase: tuple[str, ...]) -> bool:
    if k >= len(words):
        return False
    word, last = words[k], phrase[-1]
    return word == last or word in {last + "s", last + "es", last[:-1] + "ies"}


def _element(text: str, synsets: dict[str, list[str]]) -> frozenset[tuple[str, ...]]:
    if text.startswith("&"):
        return frozenset(tuple(p.split()) for p in synsets.get(text, []))
    phrases: list[tuple[str, ...]] = []
    for alternative in text.split("/"):
        # {&MILITARY AID} becomes "&military_aid": a synonym set inside a phrase
        parts = [synsets.get(w, [w]) for w in alternative.split("_")]
        combos: list[list[str]] = [[]]
        for options in parts:
            combos = [c + o.split() for c in combos for o in options[:40]]
        phrases.extend(tuple(c) for c in combos)
    return frozenset(phrases)


@cache
def verb_lexicon() -> VerbLexicon:
    """The lexicon of ``cameo-verbs.tsv``, read once per process."""
    lexicon = VerbLexicon()
    synsets: dict[str, list[str]] = {}
    for line in VERBS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, key, text, *rest = line.split("\t")
        if kind == "synset":
            synsets[key.lower()] = text.split("|")
        elif kind == "verb":
            lexicon.base_forms.add(text.split("|")[0].split()[0])
            for form in text.split("|"):
                first, *others = form.split()
                lexicon.forms.setdefault(first, []).append((tuple(others), key, rest[0]))
        elif kind == "pattern":
            pre_text, _, post_text = text.partition("*")
            lexicon.patterns.setdefault(key, []).append(
                Pattern(
                    pre=tuple(_element(t, synsets) for t in pre_text.split()),
                    post=tuple(_element(t, synsets) for t in post_text.split()),
                    code=rest[0],
                )
            )
    for entries in lexicon.forms.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return lexicon


@cache
def _plover_table() -> dict[str, str]:
    table = {}
    for line in PLOVER.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, plover, *_ = line.split("\t")
        table[code] = plover
    return table


def category(code: str) -> str:
    """The PLOVER 2021 category of a CAMEO code: its own line of the crosswalk, else its
    parent's (``1722`` -> ``172``), else its root's; "" for a statement (01) or no code."""
    table = _plover_table()
    for size in range(len(code), 2, -1):
        if code[:size] in table:
            return table[code[:size]]
    root = code[:2]
    return _ROOTS.get(root) or table.get(root + "0", "")


def mode(code: str) -> str:
    """The finer kind of event a CAMEO code's root names (``investigate``, ``fight`` ...)."""
    return _MODES.get(code[:2], "")
