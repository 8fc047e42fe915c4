"""Actor mentions: who a sentence names, where, and how each name was known.

:func:`find_mentions` fills :attr:`Sentence.mentions <diplograph.curation.extract.sentence.
Sentence.mentions>` in token order: gazetteer names (``pipeline``'s entity ruler), acronyms the
document defined ("International Stabilization Force (ISF)"), capitalised names the gazetteer does
not know (titled persons, names ending in an organisation word), a country followed by a role noun
("Israeli army" -> ``ISRMIL``), and pronouns or definite descriptions that stand for the last
subject state or force named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from diplograph.curation.extract.triggers import trigger_at
from diplograph.curation.gazetteer import Actor, NameEntry, fold
from diplograph.curation.lexicon import (
    AUXILIARIES,
    CURRENCY,
    FORCE_ANAPHORS,
    HEAD_OF_STATE_TITLES,
    HYPHENS,
    NAME_JOINERS,
    ORG_HEADS,
    ROLES,
    STANCE_PREFIXES,
    STATE_ANAPHORS,
    TITLES,
)

if TYPE_CHECKING:
    from diplograph.curation.extract.sentence import Sentence

__all__ = ["DocState", "Mention", "find_mentions"]


@dataclass
class Mention:
    """An actor named in a sentence: tokens ``start:end`` of the doc, and how it was known."""

    start: int
    end: int
    actor: Actor
    how: str
    text: str
    anaphor: bool = False
    title: str = ""  # a title word in or just before it ("king", "president")


@dataclass
class DocState:
    """What the sentences of one document share: salience and acronyms defined so far."""

    subject: Actor | None = None
    force: Actor | None = None
    aliases: dict[str, Actor] = field(default_factory=dict)
    new_actors: dict[str, Actor] = field(default_factory=dict)


_FIRST_WORD = re.compile(r"\w+")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def find_mentions(s: Sentence) -> None:
    """Gazetteer mentions, acronyms, new names, role nouns, anaphors: in token order."""
    sent, doc = s.sent, s.doc
    taken: set[int] = set()
    found: list[Mention] = []
    for ent in sent.ents:
        entry = s.gaz.names.get(ent.ent_id_)
        if entry is None or not accept(s, ent.text, entry, ent.start):
            continue
        if ent.end < sent.end and doc[ent.end].lower_ in CURRENCY:
            continue  # "US $50 million", "Canadian dollars": a currency, not an actor
        found.append(Mention(ent.start, ent.end, entry.actor, entry.how, ent.text))
    # a longer name of the dictionaries wins over the names inside it ("Palestinian Islamic
    # Jihad" is no "Palestinian"), as the entity ruler's longest match does
    for longer in dictionary_names(s):
        inside = [m for m in found if m.start < longer.end and longer.start < m.end]
        if all(m.end - m.start < longer.end - longer.start for m in inside):
            found = [m for m in found if m not in inside] + [longer]
    for mention in found:
        s.mentions.append(mention)
        taken.update(range(mention.start, mention.end))
    for token in sent:
        if token.i in taken:
            continue
        actor = s.state.aliases.get(token.text)
        if actor is not None:
            s.mentions.append(Mention(token.i, token.i + 1, actor, "acronym", token.text))
            taken.add(token.i)
    new_names(s, taken)
    s.mentions.sort(key=lambda m: m.start)
    titles(s)
    stances(s)
    peoples(s)
    roles(s)
    ethnic(s)
    acronyms(s)
    anaphors(s)
    s.mentions.sort(key=lambda m: m.start)
    del doc


def accept(s: Sentence, text: str, entry: NameEntry, start: int) -> bool:
    """Case rules: a name needs a capital; a code or a short name its exact capitals."""
    if not any(ch.isupper() for ch in text):
        return False
    if entry.how == "code" or len(entry.text) <= 3:
        return text == entry.text or text.replace(".", "") == entry.text.replace(".", "")
    if entry.how in {"leader", "dictionary"} and entry.actor.kind == "person":
        return " " in entry.text.strip()  # a person by the full name only
    if start > s.sent.start and entry.how in {"city", "capital"}:
        # "Washington Post", "Jerusalem Post": a place name inside a longer name
        nxt = s.doc[start + len(text.split())] if start + 1 < len(s.doc) else None
        if nxt is not None and nxt.is_title and nxt.lower_ in ORG_HEADS:
            return False
    return True


def dictionary_names(s: Sentence) -> list[Mention]:
    """Names only the Phoenix dictionaries know ("Hezbollah", "Kofi Annan", "Samarra"): from
    each token on, the longest run of tokens that is one (with a capital in it), left to right."""
    doc, end = s.doc, s.sent.end
    found: list[Mention] = []
    i = s.sent.start
    while i < end:
        # the dictionary's names that begin with this word, and the longest of them (in
        # characters): the spans from token i up to that long are looked up, longest first
        first = _FIRST_WORD.match(fold(doc[i].text))
        longest = s.gaz.dictionary_words.get(first.group(0), 0) if first else 0
        ends = []
        for j in range(i + 1, end + 1):
            if doc[j - 1].idx + len(doc[j - 1].text) - doc[i].idx > longest:
                break
            ends.append(j)
        for j in reversed(ends):
            text = doc[i:j].text
            entry = s.gaz.dictionary.get(fold(text))
            if entry is not None and accept(s, text, entry, i):
                found.append(Mention(i, j, entry.actor, entry.how, text))
                i = j
                break
        else:
            i += 1
    return found


def new_names(s: Sentence, taken: set[int]) -> None:
    """Capitalised names the gazetteer does not know: titled persons and organisations."""
    sent = s.sent
    i = sent.start
    while i < sent.end:
        token = s.doc[i]
        if i in taken or not (token.is_title or token.is_upper) or token.is_punct:
            i += 1
            continue
        j = i
        while j < sent.end and j not in taken:
            t = s.doc[j]
            if t.is_title or (t.is_upper and len(t.text) > 1 and t.is_alpha):
                j += 1
            elif t.lower_ in NAME_JOINERS and j + 1 < sent.end:
                nxt = s.doc[j + 1]
                if nxt.is_title and (j + 1) not in taken and t.lower_ != "and":
                    j += 1
                else:
                    break
            else:
                break
        if j > i + 1 and s.doc[i].lower_ == "the":
            i += 1  # "The Northern Border Task Force" at the start of a sentence
        words = [s.doc[k] for k in range(i, j)]
        if not words:
            i += 1
            continue
        head = words[-1].lower_
        first = words[0].lower_
        text = s.doc[i:j].text
        if len(words) >= 2 and head in ORG_HEADS and first not in TITLES:
            # "Board of Peace", "International Stabilization Force"
            start = i
            if i > sent.start and s.doc[i - 1].lower_ == "the":
                pass
            actor = new_actor(s, text, ORG_HEADS[head])
            s.mentions.append(Mention(start, j, actor, "new", text))
            taken.update(range(start, j))
        elif first in TITLES and len(words) >= 2:
            # "Army Major General Jasper Jeffers": titles, then a name of 1-3 words
            k = 0
            while k < len(words) and words[k].lower_ in TITLES:
                k += 1
            name = words[k:]
            if 1 <= len(name) <= 3 and all(w.is_title for w in name):
                name_text = s.doc[i + k : j].text
                entry = s.gaz.lookup(name_text)
                actor = entry.actor if entry else new_actor(s, name_text, "person")
                if entry is None and len(name) == 1 and not actor.country:
                    # "President Mugabe": a title and the last name of a known person
                    country = s.gaz.surname_country(name_text)
                    if country:
                        actor = replace(actor, code=f"{country}GOV", country=country)
                        s.state.new_actors[fold(name_text)] = actor
                title = next((w.lower_ for w in words[:k] if w.lower_ in HEAD_OF_STATE_TITLES), "")
                s.mentions.append(
                    Mention(i + k, j, actor, entry.how if entry else "new", name_text, title=title)
                )
                taken.update(range(i, j))
        i = max(j, i + 1)


def new_actor(s: Sentence, text: str, kind: str) -> Actor:
    key = fold(text)
    known = s.state.new_actors.get(key)
    if known is not None:
        return known
    code = "IGO" if kind in {"igo", "force", "body"} else ""
    actor = Actor(key=f"new:{_slug(text)}", label=text, code=code, kind=kind)
    s.state.new_actors[key] = actor
    return actor


def titles(s: Sentence) -> None:
    """A title just before a person names it ("King Mohammed VI"); "of Morocco" its state."""
    for mention in s.mentions:
        if mention.actor.kind != "person":
            continue
        words = [w.casefold() for w in mention.text.split()]
        inside = next((w for w in words if w in HEAD_OF_STATE_TITLES), "")
        before = s.lower[mention.start - 1] if mention.start > s.sent.start else ""
        mention.title = (
            mention.title or inside or (before if before in HEAD_OF_STATE_TITLES else "")
        )


def roles(s: Sentence) -> None:
    """A country followed by a role noun is that country in that role ("Israeli army")."""
    for mention in s.mentions:
        actor = mention.actor
        if actor.kind != "state" or mention.how not in {
            "nationality",
            "name",
            "label",
            "alias",
        }:
            continue
        k = mention.end
        while k < s.sent.end and k - mention.end < 3:
            word = s.lower[k]
            if word in ROLES:
                role = ROLES[word]
                if actor.code:
                    mention.actor = replace(
                        actor, code=actor.code + role if role != "GOV" else actor.code
                    )
                mention.end = k + 1
                break
            if not s.doc[k].is_alpha or s.doc[k].is_title:
                break
            if word in AUXILIARIES or trigger_at(s, k) is not None:
                break  # "Kenya criticised President X": a verb, not an adjective
            k += 1


def stances(s: Sentence) -> None:
    """ "the pro-Iranian group", "an anti-Syrian journalist": a country named for a stance is no
    party to what the sentence tells; the one opposed is kept (:attr:`Sentence.opposed`) as the
    target a hostile act may have ("anti-American protests")."""
    kept: list[Mention] = []
    for mention in s.mentions:
        at = mention.start
        if (
            at >= s.sent.start + 2
            and s.doc[at - 1].text in HYPHENS
            and s.lower[at - 2] in STANCE_PREFIXES
        ):
            if s.lower[at - 2] == "anti":
                s.opposed.append(mention)
            continue
        kept.append(mention)
    s.mentions[:] = kept


def peoples(s: Sentence) -> None:
    """ "Bosnian Serbs": a people named after the country it lives in is one mention, of that
    country (the adjective's), as CAMEO codes it."""
    kept: list[Mention] = []
    for mention in s.mentions:
        last = kept[-1] if kept else None
        if (
            last is not None
            and last.end == mention.start
            and last.how == mention.how == "nationality"
            and not last.text.endswith("s")
        ):
            last.end, last.text = mention.end, f"{last.text} {mention.text}"
            continue
        kept.append(mention)
    s.mentions[:] = kept


def ethnic(s: Sentence) -> None:
    """ "ethnic Albanians in Serbia": an ethnic group is coded by the country it lives in (the
    first other state the sentence names), as CAMEO codes it, not by its kin state."""
    for mention in s.mentions:
        if mention.start == s.sent.start or s.lower[mention.start - 1] != "ethnic":
            continue
        kin = mention.actor.country or mention.actor.code[:3]
        home = next(
            (
                m.actor
                for m in s.mentions
                if m.actor.kind == "state" and (m.actor.country or m.actor.code[:3]) != kin
            ),
            None,
        )
        if home is not None:
            mention.actor = replace(home, code=home.code + mention.actor.code[3:])


def acronyms(s: Sentence) -> None:
    """ "International Stabilization Force (ISF)": ISF names it for the rest of the document."""
    for mention in s.mentions:
        e = mention.end
        if e + 2 < s.sent.end and s.doc[e].text == "(" and s.doc[e + 2].text == ")":
            acronym = s.doc[e + 1].text
            if acronym.isupper() and 2 <= len(acronym) <= 6:
                s.state.aliases.setdefault(acronym, mention.actor)


def anaphors(s: Sentence) -> None:
    """Pronouns and definite descriptions as the last subject state or the last force."""
    taken = {i for m in s.mentions for i in range(m.start, m.end)}
    for token in s.sent:
        if token.i in taken:
            continue
        word = token.lower_
        before = s.lower[token.i - 1] if token.i > s.sent.start else ""
        actor: Actor | None = None
        forces = [m.actor for m in s.mentions if m.actor.kind == "force" and m.end <= token.i]
        last_force = forces[-1] if forces else s.state.force
        if word in FORCE_ANAPHORS and before == "the" and last_force is not None:
            actor = last_force
        elif (word in STATE_ANAPHORS and before == "the" and token.is_title) or (
            word in {"it", "its"} and s.state.subject is not None
        ):
            actor = s.state.subject
        if actor is not None:
            s.mentions.append(Mention(token.i, token.i + 1, actor, "anaphor", token.text, True))
