"""Roles from a link-grammar parse: who does what to whom, read from the links of the verb.

Carnegie Mellon's Link Grammar parser (LGPL 2.1; Debian's ``python3-link-grammar`` and its
English dictionary, which ``scripts/link-grammar.sh`` installs) links the words of a sentence in
pairs, each link typed: ``S`` joins a subject to its verb, ``O`` a verb to its object, ``MVp`` a
verb to a preposition whose object ``J`` joins, ``Pv`` a form of *be* to a passive participle,
``PP``, ``I`` and ``TO`` an auxiliary, a modal or *to* to the verb they carry, ``SJ`` a
coordination to its parts. :func:`parse` gives the words of the lowest-cost linkage, each with
the dictionary's part of speech (``shelled.v-d``, ``groups.n``), and its links; :meth:`Parse.roles`
reads a verb's subjects and objects from them, as character spans of their noun phrases.

The parser is optional: without it (:func:`available` is False; :func:`unavailable` says why)
:func:`parse` returns None and the extractor reads roles by word order, as it does when a parse
says nothing about a role.

>>> p = parse("Kenya expelled two Ugandan diplomats.")
>>> [p.text[o.start : o.end] for o in p.roles(p.index_at(6)).objects]
['two Ugandan diplomats']
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from diplograph.curation.lexicon import TARGET_PREPOSITIONS

__all__ = ["Parse", "Phrase", "Roles", "available", "disabled", "parse", "unavailable"]

log = logging.getLogger(__name__)

#: how long one sentence may take (seconds); beyond it the word-order reading stands
MAX_PARSE_SECONDS = 2
#: sentences longer than this (words) are not parsed: the parser's time grows steeply with length
MAX_WORDS = 60
#: how many words a linkage may leave unlinked when none links them all (an unknown idiom)
MAX_NULL_WORDS = 3
#: links that carry a verb from the word that governs it: an auxiliary ("had completed": PP),
#: a form of *be* ("were expelled": Pv, "are demanding": Pg), a modal or "to" (I), a verb
#: taking "to" (TO), a participle of manner ("..., killing 20": MVg)
_CARRIERS = frozenset({"PP", "Pv", "Pg", "Pa", "I", "IV", "TO", "MVg", "MVi"})
#: links from a noun's modifiers to it (adjectives, nationality nouns, determiners, possessives,
#: parts of a name), which together with it make the noun phrase
_MODIFIERS = frozenset({"A", "AN", "D", "DD", "DG", "G", "GN", "YS", "YP", "NM", "L", "EA", "NN"})

_lock = threading.Lock()
_state: dict[str, Any] = {}
_switch = {"on": True}


class Phrase(NamedTuple):
    """A noun phrase as character spans in the sentence: the whole phrase and its head word."""

    start: int
    end: int
    head_start: int
    head_end: int


@dataclass(frozen=True)
class Roles:
    """A verb's subjects and objects as noun phrases of the sentence, and whether the verb is
    passive (its subjects are then the ones acted on, ``agents`` the actors named by "by")."""

    subjects: list[Phrase] = field(default_factory=list)
    objects: list[Phrase] = field(default_factory=list)
    agents: list[Phrase] = field(default_factory=list)
    passive: bool = False


@dataclass(frozen=True)
class Parse:
    """The words of a linkage (text, part of speech, character span) and its links."""

    text: str
    words: tuple[tuple[str, str, int, int], ...]
    links: tuple[tuple[int, int, str], ...]

    def index_at(self, char: int) -> int | None:
        """The word that starts at (or holds) character ``char``, or None."""
        for i, (_, _, start, end) in enumerate(self.words):
            if start <= char < end or (start == char and end > start):
                return i
        return None

    def tag(self, index: int) -> str:
        """The dictionary's part of speech of a word ("n", "v-d", "q" ...), or ""."""
        return self.words[index][1]

    def is_verb(self, index: int) -> bool:
        """Does the parse read the word as a verb (a participle with an object too)?"""
        tag = self.tag(index)
        return tag[:1] in {"v", "q", "w"} or (tag == "g" and bool(self._after(index, "O")))

    def roles(self, index: int) -> Roles:
        """Who does (``subjects``) what the verb at word ``index`` says to whom (``objects``:
        its direct object, else the object of a preposition of
        :data:`~diplograph.curation.lexicon.TARGET_PREPOSITIONS` after it); a noun that is a
        verb's object stands for that verb ("issued a warning")."""
        verb = index
        if not self.is_verb(verb):
            governing = [
                left for left, right, label in self.links if right == verb and _kind(label) == "O"
            ]
            if not governing:
                return Roles()
            verb = governing[0]
        chain = [verb]
        passive = False
        subjects: list[int] = []
        head = verb
        while True:
            subjects = self._subjects(head)
            if subjects:
                break
            up = [
                (left, label)
                for left, right, label in self.links
                if right == head and left < head and _carries(label)
            ]
            if not up:
                up = self._purpose(head)
            if not up:
                break
            left, label = up[0]
            passive = passive or label.startswith("Pv")
            controller = (
                [o for o in self._after(left, "O") if o < head]
                if _kind(label) in {"TO", "IV"}
                else []
            )
            if controller:
                subjects = controller  # "urged Syria to withdraw": Syria does the withdrawing
                break
            head = left
            chain.append(head)
        objects: list[int] = []
        for word in chain:
            objects += [o for o in self._objects(word, after=index) if o not in objects]
        agents = [
            j
            for p in self._after(verb, "MV")
            if self.words[p][0].lower() == "by"
            for j in self._after(p, "J")
        ]
        return Roles(
            subjects=[self.span(s) for s in subjects],
            objects=[self.span(o) for o in objects],
            agents=[self.span(a) for a in self._coordinated(agents)] if passive else [],
            passive=passive,
        )

    def _purpose(self, head: int) -> list[tuple[int, str]]:
        """ "sent material to help": the verb whose object an infinitive ("to" at ``head``)
        qualifies, whose subject it shares."""
        if self.words[head][0].lower() != "to":
            return []
        nouns = [left for left, right, label in self.links if right == head and _kind(label) == "R"]
        return [
            (left, label)
            for noun in nouns
            for left, right, label in self.links
            if right == noun and _kind(label) == "O"
        ]

    def span(self, index: int) -> Phrase:
        """The noun phrase headed by word ``index`` (with its modifiers and its "of"
        complement: "the president of Armenia")."""
        phrase = set(self._coordinated([index])) | {index}
        for prep in self._after(index, "M"):
            if self.words[prep][0].lower() == "of":
                phrase.update(self._coordinated(self._after(prep, "J")))
        grew = True
        while grew:
            grew = False
            for left, right, label in self.links:
                if right in phrase and left not in phrase and _kind(label) in _MODIFIERS:
                    phrase.add(left)
                    grew = True
        start = min(self.words[i][2] for i in phrase)
        end = max(self.words[i][3] for i in phrase)
        return Phrase(start, end, self.words[index][2], self.words[index][3])

    def _after(self, index: int, kind: str) -> list[int]:
        """Words that word ``index`` links to on its right by a link of ``kind``."""
        return [r for left, r, label in self.links if left == index and _kind(label) == kind]

    def _subjects(self, verb: int) -> list[int]:
        found = [
            left
            for left, right, label in self.links
            if right == verb and label[:1] == "S" and _kind(label) in {"S", "SF", "SX"}
        ]
        if not found:
            # a verb in a coordination ("met and praised"): the subject of the coordination
            for left, right, label in self.links:
                if _kind(label) != "VJ" or verb not in {left, right}:
                    continue
                conjunction = left if right == verb else right
                if self.tag(conjunction).startswith("j"):
                    found = self._subjects(conjunction)
                    break
        return self._coordinated(found)

    def _objects(self, verb: int, after: int) -> list[int]:
        direct = [r for r in self._after(verb, "O") if r > after]
        if direct:
            return self._coordinated(direct)
        by_preposition = [
            j
            for p in self._after(verb, "MV")
            if p > after and self.words[p][0].lower() in TARGET_PREPOSITIONS
            for j in self._after(p, "J")
        ]
        return self._coordinated(by_preposition)

    def _coordinated(self, heads: list[int]) -> list[int]:
        """Heads with a coordination ("Egypt and Jordan") replaced by its parts."""
        out: list[int] = []
        for head in heads:
            if self.tag(head).startswith("j"):
                parts = [
                    r
                    for left, r, label in self.links
                    if left == head and _kind(label).endswith("J") and label[2:3] == "r"
                ] + [
                    left
                    for left, r, label in self.links
                    if r == head and _kind(label).endswith("J") and label[2:3] == "l"
                ]
                out += self._coordinated(sorted(parts)) if parts else [head]
            else:
                out.append(head)
        return out


def _carries(label: str) -> bool:
    """Is the link one of :data:`_CARRIERS` (its type and, for P and MV, the subscript's first
    letter)?"""
    kind = _kind(label)
    return kind in _CARRIERS or kind + label[len(kind) : len(kind) + 1] in _CARRIERS


def _kind(label: str) -> str:
    """A link's type: its leading capitals ("Ss*s" -> "S", "MVp" -> "MV", "Pv" -> "P")."""
    match = re.match(r"[A-Z]+", label)
    return match.group(0) if match else ""


def _split_word(word: str) -> tuple[str, str]:
    """``said.q-d`` -> ("said", "q-d"); ``Gorazde[!<CAPITALIZED-WORDS>]`` -> ("Gorazde", "")."""
    bare = re.sub(r"\[[^\]]*\]", "", word)
    match = re.fullmatch(r"(.+?)\.([a-z][a-z0-9-]*)", bare)
    return (match.group(1), match.group(2)) if match else (bare, "")


def _library() -> Any | None:
    """The parser's C API, its English dictionary and options, loaded once; None without it."""
    if "clg" in _state:
        return _state["clg"]
    try:
        import linkgrammar
        import linkgrammar.clinkgrammar as clg
    except ImportError as error:
        _state["clg"] = None
        _state["why"] = (
            f"the link-grammar parser is not installed ({error}): roles are read by word order. "
            "Install Debian's python3-link-grammar (scripts/link-grammar.sh does it for a venv)."
        )
        return None
    linkgrammar.LG_Error.set_handler(_on_message)
    dictionary = clg.dictionary_create_lang("en")
    if not dictionary:
        _state["clg"] = None
        _state["why"] = "the link-grammar English dictionary did not load: roles by word order."
        return None
    options = clg.parse_options_create()
    clg.parse_options_set_verbosity(options, 0)
    clg.parse_options_set_linkage_limit(options, 100)
    clg.parse_options_set_max_null_count(options, MAX_NULL_WORDS)
    clg.parse_options_set_max_parse_time(options, MAX_PARSE_SECONDS)
    clg.parse_options_set_spell_guess(options, 0)
    clg.parse_options_set_display_morphology(options, 0)
    _state.update(clg=clg, dictionary=dictionary, options=options, why="")
    return clg


def _on_message(info: Any, data: Any) -> None:
    """The parser's messages: its notes about locale and dictionary are dropped, the rest
    logged."""
    del data
    label = str(getattr(info, "severity_label", ""))
    if label not in {"Info", "Debug", "Trace"}:
        log.warning("link-grammar: %s", str(getattr(info, "text", "")).strip())


def available() -> bool:
    """Can sentences be parsed here (the parser installed, its dictionary loaded, not
    :func:`disabled`)?"""
    with _lock:
        return _switch["on"] and _library() is not None


def unavailable() -> str:
    """Why sentences are not parsed, or "" when they are."""
    with _lock:
        if not _switch["on"]:
            return "parsing is turned off: roles are read by word order."
        _library()
        return str(_state.get("why", ""))


@contextmanager
def disabled() -> Iterator[None]:
    """Read roles by word order only, inside the block (to measure what the parse adds)."""
    with _lock:
        before = _switch["on"]
        _switch["on"] = False
    try:
        yield
    finally:
        with _lock:
            _switch["on"] = before


def parse(text: str) -> Parse | None:
    """The lowest-cost linkage of a sentence, or None (no parser, no linkage in time, too long).

    >>> [(word, tag) for word, tag, _, _ in parse("Chile criticised Peru.").words][1:4]
    [('Chile', 'l'), ('criticised', 'v-d'), ('Peru', 'l')]
    """
    if len(text.split()) > MAX_WORDS:
        return None
    with _lock:
        if not _switch["on"] or _library() is None:
            return None
        return _parse(text)


@lru_cache(maxsize=512)
def _parse(text: str) -> Parse | None:
    clg = _state["clg"]
    options = _state["options"]
    sentence = clg.sentence_create(text, _state["dictionary"])
    try:
        found = clg.sentence_parse(sentence, options)
        if found <= 0 or clg.parse_options_timer_expired(options):
            clg.parse_options_reset_resources(options)
            return None
        linkage = clg.linkage_create(0, sentence, options)
        if not linkage:
            return None
        try:
            words = []
            for i in range(clg.linkage_get_num_words(linkage)):
                word, tag = _split_word(clg.linkage_get_word(linkage, i))
                start = clg.linkage_get_word_char_start(linkage, i)
                end = clg.linkage_get_word_char_end(linkage, i)
                words.append((word, tag, start, end))
            links = tuple(
                (
                    clg.linkage_get_link_lword(linkage, k),
                    clg.linkage_get_link_rword(linkage, k),
                    clg.linkage_get_link_label(linkage, k),
                )
                for k in range(clg.linkage_get_num_links(linkage))
            )
        finally:
            clg.linkage_delete(linkage)
    finally:
        clg.sentence_delete(sentence)
    return Parse(text, tuple(words), links)
