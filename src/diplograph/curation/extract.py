"""Propose candidate ties and events from an English article, each with its sentence.

:func:`extract` reads a text (or a :class:`~diplograph.curation.document.Document`) and returns
one :class:`Candidate` per proposed tie or event: the line the sentence starts on and the
sentence verbatim, the two parties with their codes, the type (diplograph's tie and event types,
with the PLOVER category and CAMEO code), status, quantity, negation, who is quoted, and a
confidence that says how it was found.

**How.** spaCy's *blank* English pipeline: its tokenizer, its rule-based ``sentencizer`` (with
a guard for abbreviations such as "Lt.") and an ``entity_ruler`` whose phrase patterns are the
gazetteer's names (:mod:`diplograph.curation.gazetteer`: the graph's labels in every language,
aliases and codes, plus country names, demonyms, capitals, cities and leaders from the country
table). No statistical model is loaded, nothing is downloaded, and the same text always gives
the same candidates. On top of the tokens and actor mentions run plain rules:

* **actors**: gazetteer mentions; a demonym and a role noun make one actor with a CAMEO role
  ("Israeli army" -> ``ISRMIL``); titled names ("Army Major General Jasper Jeffers") and
  capitalised names ending in an organisation word ("Board of Peace") that the gazetteer does
  not know become new actors; an acronym in brackets after a name is that name for the rest of
  the document; "it", "the Kingdom", "the country" are the last subject, "the mission" or
  "the initiative" the last force named.
* **ties**, from patterns: troops pledged or sent to a force, police training, relations and
  diplomatic ties "with" someone, "X-Y conflict", "X commander NAME", "NAME's newly created
  BODY", a monarch or president and their state, a named armed force and its state, joining
  an organisation, sanctions, recognition, mediation.
* **events**, from trigger words (:mod:`diplograph.curation.lexicon`): the first trigger of the
  sentence is its event, the actors before it its source (all of a coordination: "Egypt and
  Jordan"), the first actor after it the target (swapped in the passive, whose "by" agent may
  stand later in the clause), leaving out a trailing "..., X said", which becomes
  ``attributed_to``. A verb trigger comes before a noun one, unless the noun is the object of a
  light verb ("declared a state of siege", "renewed its demand"); a participle in a hyphenated
  adjective ("Syrian-backed") is no trigger. A later, separate mention of the acting country is
  a domestic target ("Croatia is investigating Croatian extremists"); "X said that Y must ..."
  is X's demand to Y. A title and a known last name ("President Mugabe") give the person's
  country; a country name before "$" or "dollars" is a currency.
* **modality**: "pledged", "committed to", "ready to" -> ``pledged``; "expected to", "plan
  to", "will" -> ``planned`` (a future cooperative act is PLOVER AGREE; a future hostile one
  THREATEN); "not", "never" -> ``negated``; "up to 20,000 troops" -> ``quantity_max``.

Why rules rather than a model: the candidates are for a curator to review, so every one must
say why it was proposed (``comment``), and runs must be reproducible offline; ``bench/extract.py``
measures what the rules find.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplograph.curation.document import Document, check_text
from diplograph.curation.gazetteer import Actor, Gazetteer, NameEntry, fold
from diplograph.curation.lexicon import (
    ATTRIBUTION_VERBS,
    MODAL_PLANNED,
    MODAL_PLEDGED,
    NEGATIONS,
    TRIGGERS,
    Trigger,
    inflections,
    words,
)
from diplograph.errors import DataError
from diplograph.namespaces import ET, TT
from diplograph.store.vocabulary import event_types, tie_types

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from diplograph.store import Store

__all__ = [
    "SHEET_SUFFIXES",
    "Candidate",
    "Extraction",
    "candidates_text",
    "extract",
    "extract_source",
    "gazetteer_for",
    "pipeline",
]


#: tie type label -> PLOVER category when pledged, when active (the extractor's own rule)
_TIE_PLOVER: dict[str, tuple[str, str]] = {
    "troop contribution": ("AGREE", "AID"),
    "police training": ("AGREE", "AID"),
    "bilateral relations": ("", ""),
    "diplomatic relations": ("", "SUPPORT"),
    "conflict": ("", "ASSAULT"),
    "command": ("", ""),
    "founding": ("", ""),
    "head of state": ("", ""),
    "armed force of": ("", ""),
    "membership": ("", ""),
    "sanction": ("SANCTION", "SANCTION"),
    "recognition": ("SUPPORT", "SUPPORT"),
    "mediation": ("CONSULT", "CONSULT"),
}
#: tie type label -> (local name, directed, PLOVER category when pledged, when active); the
#: local name and direction are the ontology's (``ontology/vocab/tie-types.ttl``)
TIE_TYPES: dict[str, tuple[str, bool, str, str]] = {
    label: (tie_types()[label].local, tie_types()[label].directed is not False, *plover)
    for label, plover in _TIE_PLOVER.items()
}
#: CAMEO codes of tie types, by status (pledged, active); each is one the ontology maps the type to
#: (``tests/test_namespaces.py`` checks)
TIE_CAMEO: dict[str, tuple[str, str]] = {
    "troop contribution": ("0334", "074"),
    "police training": ("0332", "072"),
    "conflict": ("19", "19"),
    "sanction": ("163", "163"),
    "recognition": ("054", "054"),
    "mediation": ("039", "045"),
    "diplomatic relations": ("", "05"),
}
#: event type label -> local name in the event-type scheme (the ontology's labels)
EVENT_TYPES: dict[str, str] = {label: concept.local for label, concept in event_types().items()}
#: (PLOVER category, mode) -> event type label
_EVENT_OF: dict[tuple[str, str], str] = {
    ("AGREE", "agree"): "pledge",
    ("CONSULT", "consult"): "meeting",
    ("SUPPORT", "support"): "diplomatic cooperation",
    ("COOPERATE", "cooperate"): "material cooperation act",
    ("AID", "aid"): "aid",
    ("CONCEDE", "concede"): "concession",
    ("RETREAT", "retreat"): "concession",
    ("ACCUSE", "investigate"): "investigation",
    ("REQUEST", "demand"): "demand",
    ("ACCUSE", "disapprove"): "disapproval",
    ("REJECT", "reject"): "rejection",
    ("THREATEN", "threaten"): "threat",
    ("PROTEST", "protest"): "protest",
    ("MOBILIZE", "mobilize"): "force posture",
    ("SANCTION", "sanction"): "reduction of relations",
    ("COERCE", "coerce"): "coercion",
    ("ASSAULT", "assault"): "assault",
    ("ASSAULT", "fight"): "fight",
}
_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
_HOSTILE = {"PROTEST", "SANCTION", "COERCE", "ASSAULT", "MOBILIZE"}
_MUTUAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}

#: role nouns after a country name or demonym -> CAMEO role code
ROLES: dict[str, str] = {
    **dict.fromkeys(
        words(
            "government officials official authorities authority minister ministers ministry "
            "president leader leaders leadership diplomats diplomat parliament cabinet "
            "administration delegation envoy ambassador spokesman spokeswoman regime court "
            "negotiator negotiators side sides state"
        ),
        "GOV",
    ),
    **dict.fromkeys(
        words(
            "army military troops forces soldiers warships aircraft helicopters navy jets "
            "artillery tanks militia militiamen peacekeepers peacekeeping"
        ),
        "MIL",
    ),
    **dict.fromkeys(words("police policemen security"), "COP"),
    **dict.fromkeys(words("rebels rebel guerrillas insurgents militants separatists"), "REB"),
    **dict.fromkeys(words("opposition dissidents"), "OPP"),
    **dict.fromkeys(words("civilians refugees people villagers residents citizens"), "CVL"),
    **dict.fromkeys(words("demonstrators protesters students workers youths"), "CVL"),
}
#: words that make a capitalised name a person's title (they precede the name)
TITLES = frozenset(
    words(
        "president king queen emir sultan prince emperor chancellor premier minister "
        "secretary general gen. gen major maj. maj lieutenant lt. lt colonel col. col "
        "brigadier admiral commander captain capt. sergeant ambassador envoy senator governor "
        "mayor sheikh ayatollah pope judge chairman chief leader mr. mrs. ms. dr. army"
    )
)
HEAD_OF_STATE_TITLES = {
    "king": "kings",
    "queen": "kings",
    "emir": "emirs",
    "sultan": "sultans",
    "emperor": "emperors",
    "president": "presidents",
}
MONARCHS = {"king", "queen", "emir", "sultan", "emperor"}
#: last words of an organisation's or force's name -> actor kind
ORG_HEADS: dict[str, str] = {
    **dict.fromkeys(words("force forces mission brigade corps"), "force"),
    **dict.fromkeys(
        words("board council commission committee forum initiative coalition group"), "body"
    ),
    **dict.fromkeys(
        words(
            "organization organisation union league alliance agency bank fund community "
            "association court"
        ),
        "igo",
    ),
    **dict.fromkeys(words("front party movement army"), "group"),
}
#: definite descriptions that name the last force or mission
FORCE_ANAPHORS = frozenset(words("mission initiative force operation stabilization"))
#: definite descriptions and pronouns that name the last subject state
STATE_ANAPHORS = frozenset(words("kingdom country republic government state nation"))
PRONOUNS = frozenset(words("it its they their them he his she her"))
TROOP_NOUNS = frozenset(words("troops soldiers peacekeepers personnel forces contingent"))
POLICE_NOUNS = frozenset(words("police policemen officers"))
_SENT_ABBREVIATIONS = frozenset(
    words(
        "lt col gen maj sgt capt adm brig cmdr mr mrs ms dr st gov sen rep prof no vs jan feb "
        "aug sept sep oct nov dec u.s u.n"
    )
)
_INTRO_PREPOSITIONS = frozenset(
    words("during in after with by on despite following as under at before since while")
)
_NUMBER = re.compile(r"^\d[\d,]*(\.\d+)?$")
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass
class Candidate:
    """One proposed tie or event and the sentence it rests on (a row of the tie sheet)."""

    line: int
    quote: str
    kind: str
    type: str
    source: Actor | None = None
    target: Actor | None = None
    plover: str = ""
    cameo: str = ""
    status: str = ""
    confidence: float = 0.5
    begin: str = ""
    end: str = ""
    quantity: int | None = None
    quantity_max: int | None = None
    unit: str = ""
    negated: bool = False
    attributed_to: str = ""
    document: str = ""
    comment: str = ""
    trigger: str = ""

    @property
    def type_iri(self) -> str:
        """The IRI of the tie or event type."""
        if self.kind == "tie":
            return str(TT[TIE_TYPES[self.type][0]])
        return str(ET[EVENT_TYPES[self.type]])

    @property
    def directed(self) -> bool:
        """False for the undirected tie types (relations, conflict)."""
        return self.kind != "tie" or TIE_TYPES[self.type][1]

    def row(self) -> dict[str, object]:
        """The candidate as a tie-sheet row (see :mod:`diplograph.curation.sheet`)."""
        return {
            "line": self.line,
            "quote": self.quote,
            "kind": self.kind,
            "from": self.source.label if self.source else "",
            "from_code": self.source.code if self.source else "",
            "to": self.target.label if self.target else "",
            "to_code": self.target.code if self.target else "",
            "type": self.type,
            "plover": self.plover,
            "cameo": self.cameo,
            "status": self.status,
            "confidence": round(self.confidence, 2),
            "begin": self.begin,
            "end": self.end,
            "quantity": self.quantity,
            "quantity_max": self.quantity_max,
            "unit": self.unit,
            "negated": self.negated,
            "attributed_to": self.attributed_to,
            "document": self.document,
            "comment": self.comment,
        }


# ----------------------------------------------------------------- pipeline and gazetteer

_lock = threading.Lock()
_gazetteers: weakref.WeakKeyDictionary[Any, tuple[int, Gazetteer]] = weakref.WeakKeyDictionary()
_plain: list[Gazetteer] = []
_pipelines: dict[int, tuple[Gazetteer, Language]] = {}


def gazetteer_for(store: Store | None) -> Gazetteer:
    """The gazetteer of ``store`` (rebuilt when the store changes), or of the country table."""
    with _lock:
        if store is None:
            if not _plain:
                _plain.append(Gazetteer.build(None))
            return _plain[0]
        cached = _gazetteers.get(store)
        if cached is None or cached[0] != store.generation:
            cached = (store.generation, Gazetteer.build(store))
            _gazetteers[store] = cached
        return cached[1]


def pipeline(gazetteer: Gazetteer) -> Language:
    """spaCy's blank English pipeline with a sentencizer and the gazetteer's entity ruler."""
    with _lock:
        cached = _pipelines.get(id(gazetteer))
        if cached is not None and cached[0] is gazetteer:
            return cached[1]
        import spacy
        from spacy.language import Language

        if not Language.has_factory("diplograph_abbreviations"):
            Language.component("diplograph_abbreviations", func=_keep_abbreviations)
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("diplograph_abbreviations")
        ruler = nlp.add_pipe(
            "entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": False}
        )
        patterns = [
            {"label": "ACTOR", "pattern": entry.text, "id": key}
            for key, entry in gazetteer.names.items()
        ]
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
        if len(_pipelines) > 8:
            _pipelines.clear()
        _pipelines[id(gazetteer)] = (gazetteer, nlp)
        return nlp


def _keep_abbreviations(doc: Doc) -> Doc:
    """Undo sentence breaks after "Lt." or "Gen." (the sentencizer splits at every period)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_sent_start:
            continue
        if previous.text == "." and token.i >= 2:
            word = doc[token.i - 2]
            if word.lower_ in _SENT_ABBREVIATIONS and not word.whitespace_:
                token.is_sent_start = False
        elif previous.text.endswith(".") and previous.lower_.rstrip(".") in _SENT_ABBREVIATIONS:
            token.is_sent_start = False
    return doc


# ----------------------------------------------------------------- mentions


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
class _DocState:
    """What the sentences of one document share: salience and acronyms defined so far."""

    subject: Actor | None = None
    force: Actor | None = None
    aliases: dict[str, Actor] = field(default_factory=dict)
    new_actors: dict[str, Actor] = field(default_factory=dict)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class _Sentence:
    """The rules, applied to one sentence."""

    def __init__(
        self, sent: Span, line: int, gazetteer: Gazetteer, state: _DocState, document: str
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

    # ------------------------------------------------------------ actors

    def find_mentions(self) -> None:
        """Gazetteer mentions, acronyms, new names, role nouns, anaphors: in token order."""
        sent, doc = self.sent, self.doc
        taken: set[int] = set()
        for ent in sent.ents:
            entry = self.gaz.names.get(ent.ent_id_)
            if entry is None or not self._accept(ent.text, entry, ent.start):
                continue
            if ent.end < sent.end and doc[ent.end].lower_ in _CURRENCY:
                continue  # "US $50 million", "Canadian dollars": a currency, not an actor
            self.mentions.append(Mention(ent.start, ent.end, entry.actor, entry.how, ent.text))
            taken.update(range(ent.start, ent.end))
        for token in sent:
            if token.i in taken:
                continue
            actor = self.state.aliases.get(token.text)
            if actor is not None:
                self.mentions.append(Mention(token.i, token.i + 1, actor, "acronym", token.text))
                taken.add(token.i)
        self._new_names(taken)
        self.mentions.sort(key=lambda m: m.start)
        self._titles()
        self._roles()
        self._acronyms()
        self._anaphors()
        self.mentions.sort(key=lambda m: m.start)
        del doc

    def _accept(self, text: str, entry: NameEntry, start: int) -> bool:
        """Case rules: a name needs a capital; a code or a short name its exact capitals."""
        if not any(ch.isupper() for ch in text):
            return False
        if entry.how == "code" or len(entry.text) <= 3:
            return text == entry.text or text.replace(".", "") == entry.text.replace(".", "")
        if entry.how == "leader" and " " not in entry.text:
            return False
        if start > self.sent.start and entry.how in {"city", "capital"}:
            # "Washington Post", "Jerusalem Post": a place name inside a longer name
            nxt = self.doc[start + len(text.split())] if start + 1 < len(self.doc) else None
            if nxt is not None and nxt.is_title and nxt.lower_ in ORG_HEADS:
                return False
        return True

    def _new_names(self, taken: set[int]) -> None:
        """Capitalised names the gazetteer does not know: titled persons and organisations."""
        sent = self.sent
        i = sent.start
        while i < sent.end:
            token = self.doc[i]
            if i in taken or not (token.is_title or token.is_upper) or token.is_punct:
                i += 1
                continue
            j = i
            while j < sent.end and j not in taken:
                t = self.doc[j]
                if t.is_title or (t.is_upper and len(t.text) > 1 and t.is_alpha):
                    j += 1
                elif t.lower_ in {"of", "for", "and"} and j + 1 < sent.end:
                    nxt = self.doc[j + 1]
                    if nxt.is_title and (j + 1) not in taken and t.lower_ != "and":
                        j += 1
                    else:
                        break
                else:
                    break
            words = [self.doc[k] for k in range(i, j)]
            if not words:
                i += 1
                continue
            head = words[-1].lower_
            first = words[0].lower_
            text = self.doc[i:j].text
            if len(words) >= 2 and head in ORG_HEADS and first not in TITLES:
                # "Board of Peace", "International Stabilization Force"
                start = i
                if i > sent.start and self.doc[i - 1].lower_ == "the":
                    pass
                actor = self._new_actor(text, ORG_HEADS[head])
                self.mentions.append(Mention(start, j, actor, "new", text))
                taken.update(range(start, j))
            elif first in TITLES and len(words) >= 2:
                # "Army Major General Jasper Jeffers": titles, then a name of 1-3 words
                k = 0
                while k < len(words) and words[k].lower_ in TITLES:
                    k += 1
                name = words[k:]
                if 1 <= len(name) <= 3 and all(w.is_title for w in name):
                    name_text = self.doc[i + k : j].text
                    entry = self.gaz.lookup(name_text)
                    actor = entry.actor if entry else self._new_actor(name_text, "person")
                    if entry is None and len(name) == 1 and not actor.country:
                        # "President Mugabe": a title and the last name of a known person
                        country = self.gaz.surname_country(name_text)
                        if country:
                            actor = replace(actor, code=f"{country}GOV", country=country)
                            self.state.new_actors[fold(name_text)] = actor
                    title = next(
                        (w.lower_ for w in words[:k] if w.lower_ in HEAD_OF_STATE_TITLES), ""
                    )
                    self.mentions.append(
                        Mention(
                            i + k, j, actor, entry.how if entry else "new", name_text, title=title
                        )
                    )
                    taken.update(range(i, j))
            i = max(j, i + 1)

    def _new_actor(self, text: str, kind: str) -> Actor:
        key = fold(text)
        known = self.state.new_actors.get(key)
        if known is not None:
            return known
        code = "IGO" if kind in {"igo", "force", "body"} else ""
        actor = Actor(key=f"new:{_slug(text)}", label=text, code=code, kind=kind)
        self.state.new_actors[key] = actor
        return actor

    def _titles(self) -> None:
        """A title just before a person names it ("King Mohammed VI"); "of Morocco" its state."""
        for mention in self.mentions:
            if mention.actor.kind != "person":
                continue
            words = [w.casefold() for w in mention.text.split()]
            inside = next((w for w in words if w in HEAD_OF_STATE_TITLES), "")
            before = self.lower[mention.start - 1] if mention.start > self.sent.start else ""
            mention.title = (
                mention.title or inside or (before if before in HEAD_OF_STATE_TITLES else "")
            )

    def _roles(self) -> None:
        """A country followed by a role noun is that country in that role ("Israeli army")."""
        for mention in self.mentions:
            actor = mention.actor
            if actor.kind != "state" or mention.how not in {
                "nationality",
                "name",
                "label",
                "alias",
            }:
                continue
            k = mention.end
            while k < self.sent.end and k - mention.end < 3:
                word = self.lower[k]
                if word in ROLES:
                    role = ROLES[word]
                    if actor.code:
                        mention.actor = replace(
                            actor, code=actor.code + role if role != "GOV" else actor.code
                        )
                    mention.end = k + 1
                    break
                if not self.doc[k].is_alpha or self.doc[k].is_title:
                    break
                if word in _AUXILIARIES or self._trigger_at(k) is not None:
                    break  # "Kenya criticised President X": a verb, not an adjective
                k += 1

    def _acronyms(self) -> None:
        """ "International Stabilization Force (ISF)": ISF names it for the rest of the document."""
        for mention in self.mentions:
            e = mention.end
            if e + 2 < self.sent.end and self.doc[e].text == "(" and self.doc[e + 2].text == ")":
                acronym = self.doc[e + 1].text
                if acronym.isupper() and 2 <= len(acronym) <= 6:
                    self.state.aliases.setdefault(acronym, mention.actor)

    def _anaphors(self) -> None:
        """Pronouns and definite descriptions as the last subject state or the last force."""
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for token in self.sent:
            if token.i in taken:
                continue
            word = token.lower_
            before = self.lower[token.i - 1] if token.i > self.sent.start else ""
            actor: Actor | None = None
            forces = [
                m.actor for m in self.mentions if m.actor.kind == "force" and m.end <= token.i
            ]
            last_force = forces[-1] if forces else self.state.force
            if word in FORCE_ANAPHORS and before == "the" and last_force is not None:
                actor = last_force
            elif (word in STATE_ANAPHORS and before == "the" and token.is_title) or (
                word in {"it", "its"} and self.state.subject is not None
            ):
                actor = self.state.subject
            if actor is not None:
                self.mentions.append(
                    Mention(token.i, token.i + 1, actor, "anaphor", token.text, True)
                )

    # ------------------------------------------------------------ helpers

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
        if first in _INTRO_PREPOSITIONS:
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
            if not _NUMBER.match(text):
                continue
            value = float(text.replace(",", ""))
            u = k + 1
            if u < self.sent.end and self.lower[u] in _SCALES:
                value *= _SCALES[self.lower[u]]
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

    # ------------------------------------------------------------ attribution

    def attribution(self) -> None:
        """ "..., X said." at the end, or "X said/confirmed that ..." at the start: the speaker."""
        sent = self.sent
        # a trailing ", officials said Thursday." or ", according to X."
        for k in range(sent.end - 1, sent.start, -1):
            if self.doc[k].text == "," and k > sent.start + 3:
                tail = self.lower[k + 1 : sent.end]
                verbs = [w for w in tail if w in ATTRIBUTION_VERBS]
                if (
                    verbs
                    and len(tail) <= 16
                    and not any(self._trigger_at(j) for j in range(k + 1, sent.end))
                ):
                    self.content_end = k
                    speakers = self.mentions_between(k + 1, sent.end)
                    self.speaker_text = self._speaker_name(k + 1, sent.end, speakers)
                    return
                break
        # a leading "X confirmed that ...", "X said ..."
        for k in range(sent.start, min(sent.end, sent.start + 25)):
            word = self.lower[k]
            if word in ATTRIBUTION_VERBS and word != "according":
                nxt = self.lower[k + 1] if k + 1 < sent.end else ""
                prior = [m for m in self.mentions if m.end <= k]
                if not prior:
                    return
                speaker = prior[-1]
                if speaker.actor.kind == "person" or nxt in {"that", "on", "yesterday", "today"}:
                    self.speaker = speaker
                    self.speaker_text = speaker.actor.label
                    self.content_start = k + 1
                    if speaker.actor.kind == "person":
                        self.add(
                            Candidate(
                                0,
                                "",
                                "event",
                                "confirmation" if word.startswith("confirm") else "announcement",
                                source=speaker.actor,
                                target=None,
                                plover="",
                                cameo="010",
                                confidence=0.6,
                                comment=f"rule attribution: '{self.doc[k].text}' after a person",
                                trigger=self.doc[k].text,
                            )
                        )
                return

    def _speaker_name(self, start: int, end: int, speakers: list[Mention]) -> str:
        persons = [m for m in speakers if m.actor.kind == "person"]
        if persons:
            return persons[0].actor.label
        words = [
            self.doc[k].text
            for k in range(start, end)
            if self.lower[k] not in ATTRIBUTION_VERBS and self.doc[k].is_alpha
        ]
        return " ".join(words[:6])

    # ------------------------------------------------------------ triggers

    def _trigger_at(self, index: int, noun_only: bool = False) -> Trigger | None:
        found = _TRIGGER_INDEX.get(self.lower[index])
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

    def triggers(self) -> list[tuple[int, int, Trigger]]:
        """Every trigger in the content of the sentence, longest phrase first at each place."""
        found = []
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        k = self.content_start
        while k < self.content_end:
            trigger = self._trigger_at(k) if k not in taken else None
            if trigger is not None and not trigger.noun and self._is_noun_use(k):
                # "its demand": a word that is a verb and a noun trigger, used as the noun
                trigger = self._trigger_at(k, noun_only=True)
                if trigger is None:
                    k += 1
                    continue
            if trigger is None or (not trigger.noun and self._in_compound(k)):
                # "Israeli-occupied", "Syrian-backed": a participle in a compound adjective
                k += 1
                continue
            length = len(trigger.phrase.split())
            found.append((k, k + length, trigger))
            k += length
        return found

    def _in_compound(self, index: int) -> bool:
        """Is token ``index`` the second half of a hyphenated word ("Israeli-occupied")?"""
        if index < self.sent.start + 2:
            return False
        hyphen, word = self.doc[index - 1], self.doc[index - 2]
        return hyphen.text in {"-", "–"} and not hyphen.whitespace_ and not word.whitespace_

    def _is_noun_use(self, index: int) -> bool:
        """ "the attack", "a visit": a verb trigger used as a noun after a determiner."""
        before = self.lower[index - 1] if index > self.sent.start else ""
        return before in {"the", "a", "an", "its", "their", "his", "her"}

    # ------------------------------------------------------------ tie rules

    def tie_rules(self) -> None:
        self._troops_and_police()
        self._relations()
        self._conflict()
        self._command()
        self._founding()
        self._head_of_state()
        self._armed_force()
        self._membership()
        self._request_acceptance()

    def _force_after(self, index: int) -> tuple[Actor | None, str]:
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

    def _troops_and_police(self) -> None:
        """ "X pledged troops for the mission", "X committed to training police forces"."""
        s = self.sent
        for k in range(self.content_start, self.content_end):
            word = self.lower[k]
            kind = ""
            if word in TROOP_NOUNS and k > s.start:
                verb_at = next(
                    (
                        j
                        for j in range(k - 1, max(s.start, k - 5) - 1, -1)
                        if self.lower[j] in _CONTRIBUTE_FORMS
                        and all(self._object_gap(g) for g in range(j + 1, k))
                    ),
                    None,
                )
                if verb_at is None:
                    continue
                kind = "troop contribution"
            elif (
                word == "operations"
                and k > s.start
                and self.lower[k - 1] in _BEGIN_FORMS
                and any(m.actor.kind == "force" for m in self.subject())
            ):
                verb_at = k - 1
                kind = "troop contribution"  # a force's own operations: a deployment event
            elif word in POLICE_NOUNS and k > s.start and self.lower[k - 1] in _TRAIN_FORMS:
                verb_at = k - 1
                kind = "police training"
            elif (
                word in POLICE_NOUNS
                and k > s.start + 1
                and _NUMBER.match(self.doc[k - 1].text)
                and self.lower[k - 2] in _TRAIN_FORMS
            ):
                verb_at = k - 2
                kind = "police training"
            else:
                continue
            verb = self.lower[verb_at]
            status, negated = self.modality(verb_at, window=8)
            if verb in {
                "pledged",
                "pledge",
                "pledges",
                "committed",
                "commit",
                "promised",
                "offered",
            }:
                status = status or "pledged"
            # the contributors: the coordination before the verb, or the sentence's subject
            nonfinite = verb_at > s.start and (
                self.lower[verb_at - 1] == "to" or verb.endswith("ing")
            )
            group = [] if nonfinite else self.group_before(verb_at)
            if group and not self._subject_gap(group[-1].end, verb_at):
                group = []
            group = [
                m for m in group if m.actor.kind in {"state", "armed_force", "quasi_state", "force"}
            ]
            via = "before the verb"
            if not group:
                group = [m for m in self.subject() if m.start < verb_at]
                via = "the sentence's subject"
            if not group and self.state.subject is not None and nonfinite:
                group = [Mention(verb_at, verb_at, self.state.subject, "anaphor", "", True)]
                via = "the last subject"
            exact, maximum, unit, _ = self.quantity(verb_at, min(self.content_end, k + 4))
            first = max(self.content_start, verb_at - 4)
            before = len(self.candidates)
            for mention in group:
                source = mention.actor
                if source.kind == "force":
                    # the force itself deploys or trains: an event of the force, not a tie
                    event = "deployment" if kind == "troop contribution" else "training"
                    self.add(
                        Candidate(
                            0,
                            "",
                            "event",
                            event,
                            source=source,
                            plover="AGREE" if status in {"pledged"} else "AID",
                            cameo="074" if event == "deployment" else "07",
                            status=status or "active",
                            negated=negated,
                            quantity=exact,
                            quantity_max=maximum,
                            unit=unit,
                            confidence=0.75 - (0.1 if mention.anaphor else 0),
                            comment=f"rule {event}: '{self.doc[verb_at].text} "
                            f"{self.doc[k].text}' by a force ({via})",
                            trigger=self.doc[verb_at].text,
                        )
                    )
                    continue
                target, how = self._force_after(k + 1)
                if target is None or target == source:
                    continue
                pledged = status in {"pledged", "planned", "announced"}
                _, _, plover_p, plover_a = TIE_TYPES[kind]
                cameo_p, cameo_a = TIE_CAMEO[kind]
                confidence = 0.9 if how == "named" else 0.7
                if mention.anaphor or via != "before the verb":
                    confidence -= 0.1
                self.add(
                    Candidate(
                        0,
                        "",
                        "tie",
                        kind,
                        source=source,
                        target=target,
                        plover=plover_p if pledged else plover_a,
                        cameo=cameo_p if pledged else cameo_a,
                        status=status or "active",
                        negated=negated,
                        quantity=exact,
                        quantity_max=maximum,
                        unit=unit,
                        confidence=confidence,
                        comment=f"rule {kind}: '{self.doc[verb_at].text} {self.doc[k].text}'; "
                        f"contributor {via}; recipient {how}",
                        trigger=self.doc[verb_at].text,
                    )
                )
            if len(self.candidates) > before:
                # the words are this rule's only when it proposed something: "offered its
                # troops to Chad" names no force, and is left to the event rules
                self.used.update(range(first, k + 1))

    def _subject_gap(self, end: int, verb_at: int) -> bool:
        """Do only auxiliaries, modals and adverbs stand between a subject and its verb?"""
        for k in range(end, verb_at):
            word = self.lower[k]
            if not (
                word in _AUXILIARIES
                or word in MODAL_PLEDGED
                or word in MODAL_PLANNED
                or word.endswith("ly")
                or word in {"-", "–", "—", ",", "to", "also", "again", "now", "not", "jointly"}
            ):
                return False
        return True

    def _object_gap(self, index: int) -> bool:
        """May token ``index`` stand between a verb and its object ("up to 20,000", "its")?"""
        word = self.lower[index]
        if word == "to":
            return index > self.sent.start and self.lower[index - 1] == "up"
        if word in POLICE_NOUNS or word in _TRAIN_FORMS or word in {",", "and", "or", "for"}:
            return False
        return not any(m.start <= index < m.end for m in self.mentions)

    def _relations(self) -> None:
        """ "maintains strong relations with X", "diplomatic ties with X", "relations between"."""
        s = self.sent
        for k in range(self.content_start, self.content_end):
            if self.lower[k] not in {"relations", "ties", "relationship"}:
                continue
            modifiers = self.lower[max(s.start, k - 3) : k]
            kind = "diplomatic relations" if "diplomatic" in modifiers else "bilateral relations"
            if not ({"with", "between"} & set(self.lower[k + 1 : k + 2])):
                continue
            prep = self.lower[k + 1]
            others = self.group_after(k + 2)
            if not others or others[0].start > k + 5:
                continue
            verb_at = max(s.start, k - 4)
            status, negated = self.modality(k, window=6)
            verbs = set(self.lower[max(s.start, k - 5) : k])
            established = verbs & {"established", "establish", "restored", "upgraded", "normalized"}
            if verbs & {"broke", "severed", "cut", "suspended"}:
                continue  # a reduction of relations: left to the event rules
            if prep == "between":
                pairs = [(others[0], o) for o in others[1:]]
                via = "between"
            else:
                sources = self._clause_subject(k)
                pairs = [(src, o) for src in sources for o in others]
                via = "with"
            for a, b in pairs:
                if a.actor == b.actor or not _political(a.actor) or not _political(b.actor):
                    continue
                _, _, _, plover = TIE_TYPES[kind]
                self.add(
                    Candidate(
                        0,
                        "",
                        "tie",
                        kind,
                        source=a.actor,
                        target=b.actor,
                        plover=plover if established else "",
                        cameo="05" if established and kind == "diplomatic relations" else "",
                        status=status if status == "planned" else "active",
                        negated=negated,
                        confidence=0.85 - (0.1 if a.anaphor else 0),
                        comment=f"rule relations: '{self.doc[k].text} {via}'"
                        + (" (subject by anaphor)" if a.anaphor else ""),
                        trigger=self.doc[k].text,
                    )
                )
            del verb_at

    def _clause_subject(self, index: int) -> list[Mention]:
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
        group = [m for m in group if not self._is_object(m)]
        if group:
            return group
        return [m for m in self.subject() if m.start < index]

    def _is_object(self, mention: Mention) -> bool:
        before = self.lower[mention.start - 1] if mention.start > self.sent.start else ""
        return before in {"with", "to", "against", "of", "from", "for", "in", "on", "by", "under"}

    def _conflict(self) -> None:
        """ "the Israeli-Palestinian conflict", "the conflict between X and Y"."""
        for k in range(self.content_start, self.content_end):
            if self.lower[k] not in {"conflict", "war", "dispute", "fighting"}:
                continue
            pair: list[Mention] = []
            before = [m for m in self.mentions if m.end <= k and m.end >= k - 1]
            if before:
                last = before[-1]
                first = [m for m in self.mentions if m.end == last.start - 1]
                if first and self.doc[last.start - 1].text in {"-", "–"}:
                    pair = [first[0], last]
            if not pair and self.is_word(k + 1, "between"):
                group = self.group_after(k + 2)
                if len(group) >= 2:
                    pair = group[:2]
            if len(pair) == 2 and pair[0].actor != pair[1].actor:
                self.add(
                    Candidate(
                        0,
                        "",
                        "tie",
                        "conflict",
                        source=pair[0].actor,
                        target=pair[1].actor,
                        plover="ASSAULT",
                        cameo="19",
                        status="active",
                        confidence=0.7,
                        comment=f"rule conflict: '{self.doc[pair[0].start : k + 1].text}'",
                        trigger=self.doc[k].text,
                    ),
                    at=k,
                )

    def _command(self) -> None:
        """ "ISF commander General NAME", "NAME, commander of X"."""
        for k in range(self.sent.start, self.sent.end):
            if self.lower[k] not in {"commander", "chief", "head"}:
                continue
            force = [m for m in self.mentions if m.end == k]
            person = [
                m
                for m in self.mentions
                if m.start > k and m.start <= k + 5 and m.actor.kind == "person"
            ]
            if not force and self.is_word(k + 1, "of"):
                force = [m for m in self.mentions if m.start == k + 2]
                person = [
                    m for m in self.mentions if m.end in {k - 1, k} and m.actor.kind == "person"
                ]
            if force and person and force[0].actor.kind in {"force", "armed_force"}:
                self.add(
                    Candidate(
                        0,
                        "",
                        "tie",
                        "command",
                        source=person[0].actor,
                        target=force[0].actor,
                        status="active",
                        confidence=0.85,
                        comment=f"rule command: '{self.doc[force[0].start : person[0].end].text}'",
                        trigger=self.doc[k].text,
                    ),
                    at=k,
                )

    def _founding(self) -> None:
        """ "NAME's newly created BODY", "BODY, founded by NAME", "NAME founded BODY"."""
        created = {"created", "founded", "established", "formed", "launched", "set"}
        for k in range(self.sent.start, self.sent.end):
            if self.lower[k] not in created:
                continue
            body = [
                m
                for m in self.mentions
                if k < m.start <= k + 2 and m.actor.kind in {"body", "igo", "force"}
            ]
            founder = [m for m in self.mentions if m.end <= k and m.end >= k - 3]
            if body and founder:
                gap = self.lower[founder[-1].end : k]
                possessive = all(
                    w in {"’s", "'s", "newly", "recently", "has", "had", "have"} for w in gap
                )
                if possessive and founder[-1].actor.kind in {"person", "state", "igo"}:
                    self.add(
                        Candidate(
                            0,
                            "",
                            "tie",
                            "founding",
                            source=founder[-1].actor,
                            target=body[0].actor,
                            status="active",
                            confidence=0.8,
                            comment="rule founding: "
                            f"'{self.doc[founder[-1].start : body[0].end].text}'",
                            trigger=self.doc[k].text,
                        ),
                        at=k,
                    )

    def _head_of_state(self) -> None:
        """A king or president and their state: "of X", "X's", the person's country, or (for a
        monarch) the one state the sentence names."""
        for mention in self.mentions:
            if mention.actor.kind != "person" or not mention.title:
                continue
            title = mention.title
            state: Actor | None = None
            how = ""
            if self.is_word(mention.end, "of"):
                after = [m for m in self.mentions if m.start == mention.end + 1]
                if after and after[0].actor.kind == "state":
                    state, how = after[0].actor, "'of' after the name"
            if state is None:
                before = [
                    m
                    for m in self.mentions
                    if m.end in {mention.start - 1, mention.start - 2, mention.start - 3}
                    and m.actor.kind == "state"
                    and m.end <= mention.start
                ]
                if before and all(
                    w in TITLES or w in {"’s", "'s"}
                    for w in self.lower[before[-1].end : mention.start]
                ):
                    state, how = before[-1].actor, "country before the title"
            if state is None and mention.actor.country:
                entry = self.gaz.lookup(mention.actor.label)
                post_ok = (
                    entry is None
                    or entry.how != "leader"
                    or entry.post.startswith(HEAD_OF_STATE_TITLES[title])
                )
                if post_ok:
                    state, how = self.gaz.country(mention.actor.country), "the person's country"
            if state is None and title in MONARCHS:
                states = {
                    m.actor for m in self.mentions if m.actor.kind == "state" and not m.anaphor
                }
                if len(states) == 1:
                    state, how = states.pop(), "the one state the sentence names"
            if state is None:
                continue
            confidence = 0.85 if how != "the one state the sentence names" else 0.6
            self.add(
                Candidate(
                    0,
                    "",
                    "tie",
                    "head of state",
                    source=mention.actor,
                    target=state,
                    status="active",
                    confidence=confidence,
                    comment=f"rule head of state: title '{title}'; state: {how}",
                    trigger=title,
                ),
                at=mention.start,
            )

    def _armed_force(self) -> None:
        """A named armed force and its state ("the Moroccan Armed Forces")."""
        for mention in self.mentions:
            actor = mention.actor
            if actor.kind != "armed_force" or not actor.country or mention.anaphor:
                continue
            state = self.gaz.country(actor.country)
            self.add(
                Candidate(
                    0,
                    "",
                    "tie",
                    "armed force of",
                    source=actor,
                    target=state,
                    confidence=0.85,
                    comment=f"rule armed force: '{mention.text}' names its state",
                    trigger=mention.text,
                ),
                at=mention.start,
            )

    def _membership(self) -> None:
        """ "X joined Y" and "X, a member of Y", for an organisation or body Y."""
        for k in range(self.content_start, self.content_end):
            word = self.lower[k]
            if word not in {"joined", "joins", "join", "member"}:
                continue
            targets = [m for m in self.mentions if k < m.start <= k + 3]
            if not targets or targets[0].actor.kind not in {"igo", "body"}:
                continue
            sources = self._clause_subject(k)
            for source in sources:
                if source.actor.kind in {"state", "quasi_state", "igo"}:
                    self.add(
                        Candidate(
                            0,
                            "",
                            "tie",
                            "membership",
                            source=source.actor,
                            target=targets[0].actor,
                            status="active",
                            confidence=0.75,
                            comment=f"rule membership: '{self.doc[k].text}'",
                            trigger=self.doc[k].text,
                        )
                    )

    def _request_acceptance(self) -> None:
        """ "X responded favorably to Y's request": an acceptance by X and Y's request to X."""
        for k in range(self.content_start, self.content_end):
            if self.lower[k] not in {"request", "invitation", "appeal", "proposal", "offer"}:
                continue
            owner = [
                m
                for m in self.mentions
                if m.end in {k - 1, k - 2} and self.lower[m.end] in {"’s", "'s"}
            ]
            if not owner:
                continue
            responder = self._clause_subject(owner[0].start)
            verbs = set(self.lower[self.content_start : owner[0].start])
            accepted = bool(verbs & {"responded", "accepted", "welcomed", "agreed", "answered"})
            rejected = bool(verbs & {"rejected", "refused", "declined", "turned", "dismissed"})
            for who in responder:
                if who.actor == owner[0].actor:
                    continue
                self.add(
                    Candidate(
                        0,
                        "",
                        "event",
                        "request",
                        source=owner[0].actor,
                        target=who.actor,
                        plover="REQUEST",
                        cameo="10",
                        confidence=0.7,
                        comment=f"rule request: '{self.doc[owner[0].start : k + 1].text}', "
                        "addressed to who answers it",
                        trigger=self.doc[k].text,
                    )
                )
                if accepted or rejected:
                    self.add(
                        Candidate(
                            0,
                            "",
                            "event",
                            "acceptance" if accepted else "rejection",
                            source=who.actor,
                            target=owner[0].actor,
                            plover="AGREE" if accepted else "REJECT",
                            cameo="03" if accepted else "12",
                            confidence=0.75,
                            comment="rule response to a request",
                            trigger=self.doc[k].text,
                        )
                    )
                self.used.update(range(self.content_start, k + 1))

    # ------------------------------------------------------------ events

    def event_rules(self) -> None:
        """The sentence's first trigger (a verb before a noun) as its event."""
        triggers = [t for t in self.triggers() if t[0] not in self.used]
        if not triggers:
            return
        verbs = [t for t in triggers if not t[2].noun]
        start, end, trigger = (verbs or triggers)[0]
        supported = triggers[0][2].noun and self._light_verb(triggers[0][0]) is not None
        if supported:
            # "declared a state of siege", "reiterated its demand": the noun is the event
            start, end, trigger = triggers[0]
        tied = any(c.kind == "tie" and c.trigger for c in self.candidates)
        if tied and trigger.noun and not supported:
            return
        plover, mode, cameo = trigger.plover, trigger.mode, trigger.cameo
        if trigger.phrase in _NEEDS_MILITARY_OBJECT and not any(
            ROLES.get(w) == "MIL" for w in self.lower[end : min(end + 4, self.content_end)]
        ):
            return  # "strengthens its profile" is no show of force
        status, negated = self.modality(start)
        # passive: "was attacked by X"
        by = (
            self._agent(end)
            if start > self.sent.start
            and self.lower[start - 1] in {"was", "were", "been", "being", "is", "are"}
            and self.doc[start].lower_.endswith("ed")
            else None
        )
        passive = by is not None
        if by is not None:
            sources = self.group_after(by + 1)
            targets = [m for m in self.subject() if m.start < start]
        else:
            sources = [m for m in self.subject() if m.end <= start] if True else []
            if not sources:
                sources = self.group_before(start)
            targets = self.group_after(end)
            targets = [m for m in targets if m not in sources]
        if not sources and self.speaker is not None:
            sources = [self.speaker]
        # future or intended acts: cooperative ones are promises, hostile ones threats
        if status in {"planned", "pledged"} or self._future(start):
            if plover in _COOPERATIVE:
                plover, mode, cameo = "AGREE", "agree", "03"
            elif plover in _HOSTILE:
                plover, mode, cameo = "THREATEN", "threaten", "13"
            status = status or "planned"
        event = _EVENT_OF.get((plover, mode), "pledge")
        if trigger.phrase in {"request", "ask", "appeal"}:
            event = "request"
        base = 0.6 if not trigger.noun or supported else 0.45
        exact, maximum, unit, _ = self.quantity(start, self.content_end)
        if not sources:
            sources = [None]  # type: ignore[list-item]
        pairs: list[tuple[Actor | None, Actor | None]] = []
        for source in sources:
            acting = source.actor if source is not None else None
            if targets:
                # a later, separate mention of the acting country is a domestic target (CAMEO
                # codes an event inside one state with that state on both sides: "Croatia is
                # investigating crimes by Croatian extremists"); not a pronoun or the capital,
                # which name the acting state itself ("it gives Rabat")
                pairs.extend(
                    (acting, t.actor)
                    for t in targets
                    if t.actor != acting or (source is not None and _domestic(source, t))
                )
            elif plover in _MUTUAL and len(sources) >= 2:
                pairs.extend(
                    (acting, o.actor) for o in sources if o is not None and o is not source
                )
            else:
                pairs.append((acting, None))
        for src, tgt in pairs:
            if src is None:
                continue  # no one acts: nothing to propose
            confidence = base + (0.1 if tgt else 0)
            self.add(
                Candidate(
                    0,
                    "",
                    "event",
                    event,
                    source=src,
                    target=tgt,
                    plover=plover,
                    cameo=cameo,
                    status=status,
                    negated=negated,
                    quantity=exact,
                    quantity_max=maximum,
                    unit=unit,
                    confidence=confidence,
                    comment=f"rule event: trigger '{self.doc[start:end].text}' ({trigger.plover}"
                    f"{'/' + trigger.mode if trigger.mode else ''})"
                    + ("; passive" if passive else ""),
                    trigger=self.doc[start:end].text,
                )
            )

    def reported_demand(self) -> None:
        """ "X said that Y must (should) ...": an obligation put on someone else in reported
        speech is X's demand to Y (CAMEO 10), whatever Y is told to do."""
        for k in range(self.sent.start, self.content_end):
            if self.lower[k] not in _DEONTIC:
                continue
            that = next(
                (
                    j
                    for j in range(k - 1, max(self.sent.start, k - 10), -1)
                    if self.lower[j] == "that"
                ),
                None,
            )
            if that is None:
                continue
            told = [m for m in self.mentions if that < m.start and m.end <= k]
            if not told or told[0].start > that + 3 or told[0].anaphor:
                continue
            verb = next(
                (
                    v
                    for v in range(that - 1, max(self.sent.start, that - 5) - 1, -1)
                    if self.lower[v] in _THAT_VERBS
                ),
                None,
            )
            if verb is None or self.mentions_between(verb, that):
                continue
            if self.speaker is not None and self.speaker.end <= verb:
                sources = [self.speaker]
            else:
                sources = [
                    m for m in self.group_before(verb, self.sent.start) if not self._is_object(m)
                ]
            targets = self.group_after(told[0].start, k)
            for source in sources:
                for target in targets:
                    if target.actor == source.actor:
                        continue
                    self.add(
                        Candidate(
                            0,
                            "",
                            "event",
                            "demand",
                            source=source.actor,
                            target=target.actor,
                            plover="REQUEST",
                            cameo="10",
                            confidence=0.75,
                            comment=f"rule reported demand: '{self.doc[verb].text} that "
                            f"{target.text} {self.doc[k].text}'",
                            trigger=self.doc[k].text,
                        )
                    )

    def _agent(self, end: int) -> int | None:
        """The "by" of a passive verb ending at ``end``: within four words, or later in the
        clause when an actor follows it within three ("has been accused of misusing funds ...
        by government officials"); or None."""
        for k in range(end, self.content_end):
            if self.lower[k] != "by":
                continue
            if k < end + 4 or any(k < m.start <= k + 3 for m in self.mentions):
                return k
        return None

    def _light_verb(self, index: int) -> int | None:
        """The light verb a noun trigger at ``index`` is the object of ("issued a stern
        warning", "began a hunger strike"): up to five lower-case words or numbers between,
        none an actor; or None."""
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for k in range(index - 1, max(self.content_start, index - 6) - 1, -1):
            if self.lower[k] in _LIGHT_VERBS:
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

    def _future(self, index: int) -> bool:
        window = self.lower[max(self.content_start, index - 3) : index]
        return bool({"will", "would", "'ll"} & set(window))

    # ------------------------------------------------------------ run

    def run(self) -> list[Candidate]:
        self.find_mentions()
        self.attribution()
        self.tie_rules()
        self.reported_demand()
        self.event_rules()
        subject = self.subject()
        if subject and not subject[0].anaphor and subject[0].actor.kind in {"state", "quasi_state"}:
            self.state.subject = subject[0].actor
        elif subject and subject[0].anaphor:
            pass
        else:
            possessors = [
                m
                for m in self.mentions
                if m.actor.kind == "state"
                and m.end < self.sent.end
                and self.lower[m.end] in {"’s", "'s"}
            ]
            if possessors:
                self.state.subject = possessors[0].actor
        for mention in self.mentions:
            if mention.actor.kind == "force":
                self.state.force = mention.actor
        return self.candidates


def _domestic(source: Mention, target: Mention) -> bool:
    """May ``target``, a mention of the acting country after the trigger, be a second party of
    that country rather than the acting state named again (a pronoun, its capital)?"""
    return not (source.anaphor or target.anaphor or "capital" in {source.how, target.how})


def _political(actor: Actor) -> bool:
    return actor.kind in {"state", "quasi_state", "igo", "body"}


def _forms(words: Iterable[str]) -> frozenset[str]:
    return frozenset(form for word in words for form in inflections(word))


_CONTRIBUTE_FORMS = _forms(
    words("pledge commit contribute send deploy offer promise provide dispatch station")
)
_TRAIN_FORMS = _forms(["train"])
_BEGIN_FORMS = _forms(["begin", "start", "launch", "conduct", "commence"])
_AUXILIARIES = frozenset(
    [
        "have",
        "has",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
    ]
)
#: support verbs whose object noun is the event ("declared a ceasefire", "held talks")
_LIGHT_VERBS = _forms(
    words(
        "issue make declare launch hold stage begin open reiterate renew announce impose lodge "
        "file conduct mount start continue carry"
    )
)
#: words after a country's name that make it a currency's
_CURRENCY = frozenset(words("$ dollar dollars cents"))
#: modals that put an obligation on their subject
_DEONTIC = frozenset(words("must should"))
#: verbs of saying and concluding that take a "that" clause
_THAT_VERBS = ATTRIBUTION_VERBS | _forms(words("conclude warn stress argue insist demand urge"))
#: show-of-force triggers that need a military object ("strengthened its forces")
_NEEDS_MILITARY_OBJECT = frozenset({"reinforce", "strengthen", "build up", "increase forces"})


def _trigger_index() -> dict[str, list[tuple[list[str], Trigger]]]:
    index: dict[str, list[tuple[list[str], Trigger]]] = {}
    for trigger in TRIGGERS:
        first, *rest = trigger.phrase.split()
        forms = {first} if trigger.noun else inflections(first)
        for form in forms:
            index.setdefault(form, []).append((rest, trigger))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


_TRIGGER_INDEX = _trigger_index()


# ----------------------------------------------------------------- entry point


def extract(
    text_or_document: str | Document, store: Store | None = None, *, check: bool = True
) -> list[Candidate]:
    """Candidate ties and events of a text, in reading order, one per candidate.

    ``store`` gives the gazetteer its actors (labels, aliases, codes); without one only the
    country table is known. ``check`` refuses empty, binary or non-English text with a
    :class:`~diplograph.errors.DataError` (turn it off for single sentences).

    >>> [(c.source.label, c.type, c.status) for c in extract(
    ...     "Egypt and Jordan have pledged troops to the Joint Border Mission.", check=False)]
    [('Egypt', 'troop contribution', 'pledged'), ('Jordan', 'troop contribution', 'pledged')]
    """
    document = (
        text_or_document
        if isinstance(text_or_document, Document)
        else Document.from_text(text_or_document)
    )
    if check:
        check_text(document.text, document.name)
    gazetteer = gazetteer_for(store)
    nlp = pipeline(gazetteer)
    state = _DocState()
    found: list[Candidate] = []
    reference = f"sha256:{document.sha256}"
    lines = document.text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        doc = nlp(line)
        for sent in doc.sents:
            if not any(t.is_alpha for t in sent):
                continue
            found.extend(_Sentence(sent, number, gazetteer, state, reference).run())
    return found


@dataclass(frozen=True)
class Extraction:
    """The candidates proposed for a document, and how many were left out because a reviewer
    rejected them before."""

    document: Document
    candidates: list[Candidate]
    rejected: int = 0


def extract_source(store: Store, source: str | Path) -> Extraction:
    """What ``diplograph extract SOURCE`` proposes: the candidates of a text file (or of a
    registered document named by its sha256 hash or IRI, from its local copy), with the actors
    of ``store``, less those rejected in an earlier review."""
    from diplograph.curation.facts import without_rejected
    from diplograph.curation.sources import find_document

    document = find_document(store, source)
    kept, rejected = without_rejected(extract(document, store))
    return Extraction(document, kept, rejected)


#: file suffix -> the format ``diplograph extract -o FILE`` writes
SHEET_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".ttl": "turtle"}


def candidates_text(
    extraction: Extraction, store: Store, fmt: str, output: Path | None = None
) -> str:
    """The candidates as a tie sheet (``csv``, ``tsv``: the layout ``add --sheet`` reads) or
    as ``turtle`` (candidate ties with their evidence chain; ``output`` is where it will be
    written, which its document description names)."""
    from diplograph.curation.sheet import write_sheet

    if fmt == "turtle":
        from diplograph.curation.turtle import to_turtle

        return to_turtle(extraction.candidates, extraction.document, store, output)
    if fmt not in {"csv", "tsv"}:
        raise DataError(f"Unknown format {fmt!r}; use csv, tsv or turtle.")
    rows = (c.row() for c in extraction.candidates)
    return write_sheet(rows, delimiter="\t" if fmt == "tsv" else ",")


def sentences(text: str, store: Store | None = None) -> Sequence[tuple[int, str]]:
    """``(line, sentence)`` of every sentence of ``text``, as the extractor splits them."""
    nlp = pipeline(gazetteer_for(store))
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            out.extend((number, sent.text) for sent in nlp(line).sents)
    return out
