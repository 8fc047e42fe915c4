"""The hand lexicon: triggers the CAMEO verb dictionary lacks, and every word list the
extraction reads (the rules', the sentence helpers', the mentions', the verb patterns' clause
words): one place, so a word is added or dropped once.

Written by hand for this project from the category definitions of the CAMEO codebook (event
roots 03-20) and of the PLOVER manual. The general verb lexicon is PETRARCH2's (see
:mod:`diplograph.curation.extract.verbs`); the triggers here are only what it lacks. Nothing
here is copied or derived from the PLOVER data files (the gold-standard sentences, CC BY-SA 4.0):
those are only read by ``bench/extract.py`` to measure the extractor. The category *names* are
PLOVER's
(Open Event Data Alliance, CC BY-SA 4.0), as in ``ontology/vocab/plover.ttl``; categories
follow PLOVER 2021 (REQUEST, ACCUSE, ASSAULT), and each trigger also carries the finer
``mode`` (``investigate`` vs ``disapprove``, ``fight`` vs ``assault``, ``demand``) that
tells the older PLOVER 0.5 categories apart.

Entries are base forms; :func:`inflections` makes the inflected forms, so "pledged", "pledges"
and "pledging" all match "pledge", and :func:`plurals` a noun's plural ("demands"). Multi-word
triggers match word by word, the first word inflected (``open fire`` matches "opened fire").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ATTRIBUTION_VERBS",
    "MODAL_PLANNED",
    "MODAL_PLEDGED",
    "NEGATIONS",
    "TRIGGERS",
    "Trigger",
    "inflections",
    "words",
]


def words(text: str) -> list[str]:
    """The words of a space-separated list (the word lists below are written that way)."""
    return text.split()


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that signals an event: its PLOVER category, mode and CAMEO root."""

    phrase: str
    plover: str
    cameo: str
    mode: str = ""
    noun: bool = False  # a noun trigger ("talks"): weaker evidence than a verb


def _t(plover: str, cameo: str, mode: str, words: str, noun: bool = False) -> list[Trigger]:
    return [Trigger(w.strip(), plover, cameo, mode, noun) for w in words.split(";") if w.strip()]


#: what the CAMEO verb lexicon (:mod:`diplograph.curation.extract.verbs`) lacks or reads
#: otherwise than the CAMEO codebook: verbs of intent that it codes as support ("agree" 050,
#: where "agreed to" is an intent, 03), verbs it gives no code ("reject", "refuse", "urge") or
#: another sense ("called on" as a phone call, "ease" as cooperation), and event nouns (it
#: codes verbs only). Checked before the dictionary; each entry has a sentence in
#: ``tests/test_extract_rules.py``.
TRIGGERS: list[Trigger] = [
    *_t("AGREE", "03", "agree", "agree; promise; pledge; vow; offer; commit"),
    *_t("REQUEST", "10", "demand", "urge; call on; call for"),
    *_t("REJECT", "12", "reject", "reject; refuse"),
    *_t("CONCEDE", "08", "concede", "ease"),
    *_t("CONSULT", "04", "consult", "talks; meeting; negotiations; summit", noun=True),
    *_t("AID", "07", "aid", "aid; assistance", noun=True),
    *_t("RETREAT", "08", "retreat", "ceasefire; withdrawal", noun=True),
    *_t("ACCUSE", "09", "investigate", "investigation; inquiry", noun=True),
    *_t("REQUEST", "10", "demand", "demand; request; appeal", noun=True),
    *_t("ACCUSE", "11", "disapprove", "criticism; condemnation; accusation", noun=True),
    *_t("REJECT", "12", "reject", "rejection; refusal", noun=True),
    *_t("THREATEN", "13", "threaten", "threat; ultimatum; warning", noun=True),
    *_t("PROTEST", "14", "protest", "demonstration; protest; strike; rally; boycott", noun=True),
    *_t("MOBILIZE", "15", "mobilize", "mobilization; mobilisation", noun=True),
    *_t("SANCTION", "16", "sanction", "sanctions; embargo", noun=True),
    *_t("COERCE", "17", "coerce", "arrests; curfew; crackdown", noun=True),
    *_t("ASSAULT", "18", "assault", "attack; bombing; assassination", noun=True),
    *_t("ASSAULT", "19", "fight", "fighting; shelling; clashes; offensive; invasion", noun=True),
    *_t("COOPERATE", "06", "cooperate", "cooperation", noun=True),
]

#: verbs of saying: the speaker is who the statement is attributed to, not a party to the event
ATTRIBUTION_VERBS = frozenset(
    words(
        "say said says saying confirm confirmed confirms announce announced announces told tell "
        "tells report reported reports state stated states quoted claim claimed claims added "
        "declared declare declares noted insisted explained according"
    )
)
#: words before a trigger that make what follows a promise (status pledged)
MODAL_PLEDGED = frozenset(
    words(
        "pledge pledged pledges pledging commit committed commits promise promised promises vowed "
        "vow offered offer ready willing prepared agreed agree swear swore sworn swears"
    )
)
#: words before a trigger that make what follows an intention or expectation (status planned)
MODAL_PLANNED = frozenset(
    words(
        "will would shall expected expects expect plan plans planned planning intend intends "
        "intended aim aims aimed set scheduled due going hopes hope seeks seek to-be"
    )
)
#: words that negate a trigger a few words after them
NEGATIONS = frozenset(words("not n't never no neither nor without"))

_IRREGULAR = {
    "give": ["gave", "given"],
    "send": ["sent"],
    "meet": ["met"],
    "hold": ["held"],
    "take": ["took", "taken"],
    "begin": ["began", "begun"],
    "fight": ["fought"],
    "withdraw": ["withdrew", "withdrawn"],
    "break": ["broke", "broken"],
    "cut": ["cut"],
    "set": ["set"],
    "strike": ["struck", "stricken"],
    "shoot": ["shot"],
    "forgive": ["forgave", "forgiven"],
    "undertake": ["undertook", "undertaken"],
    "build": ["built"],
    "seek": ["sought"],
    "freeze": ["froze", "frozen"],
    "lead": ["led"],
    "put": ["put"],
    "be": ["is", "are", "was", "were", "been", "being", "'s", "’s"],
    "rebuff": ["rebuffed"],
    "round": ["rounded"],
    "bring": ["brought"],
    "sell": ["sold"],
    "hand": ["handed"],
    "pay": ["paid"],
    "lay": ["laid"],
    "arise": ["arose"],
    "overrun": ["overran"],
    "stab": ["stabbed"],
}


def inflections(verb: str) -> set[str]:
    """The forms of a base verb: itself, -s, -ed, -ing (both with and without a doubled end).

    >>> sorted(inflections("ban"))
    ['ban', 'baned', 'baning', 'banned', 'banning', 'bans']
    """
    forms = {verb, *_IRREGULAR.get(verb, [])}
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(verb + "es")
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms.add(verb[:-1] + "ies")
    else:
        forms.add(verb + "s")
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ied", verb + "ing"}
    else:
        forms |= {verb + "ed", verb + "ing"}
        last = verb[-1]
        if last not in "aeiouwxy" and len(verb) > 2 and verb[-2] in "aeiou":
            forms |= {verb + last + "ed", verb + last + "ing"}
    return forms


def plurals(noun: str) -> set[str]:
    """A noun and its plural ("demand", "demands"); one that ends in -s is taken as it is.

    >>> sorted(plurals("inquiry")), sorted(plurals("talks"))
    (['inquiries', 'inquiry'], ['talks'])
    """
    if noun.endswith("s"):
        return {noun}
    if noun.endswith(("sh", "ch", "x", "z")):
        return {noun, noun + "es"}
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in "aeiou":
        return {noun, noun[:-1] + "ies"}
    return {noun, noun + "s"}


# ----------------------------------------------------------------- word lists of the rules

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
SENT_ABBREVIATIONS = frozenset(
    words(
        "lt col gen maj sgt capt adm brig cmdr mr mrs ms dr st gov sen rep prof no vs jan feb "
        "aug sept sep oct nov dec u.s u.n"
    )
)
INTRO_PREPOSITIONS = frozenset(
    words("during in after with by on despite following as under at before since while")
)
NUMBER = re.compile(r"^\d[\d,]*(\.\d+)?$")
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def forms(words: Iterable[str]) -> frozenset[str]:
    return frozenset(form for word in words for form in inflections(word))


CONTRIBUTE_FORMS = forms(
    words("pledge commit contribute send deploy offer promise provide dispatch station")
)
TRAIN_FORMS = forms(["train"])
BEGIN_FORMS = forms(["begin", "start", "launch", "conduct", "commence"])
AUXILIARIES = frozenset(
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
LIGHT_VERBS = forms(
    words(
        "issue make declare launch hold stage begin open reiterate renew announce impose lodge "
        "file conduct mount start continue carry"
    )
)
#: words after a country's name that make it a currency's
CURRENCY = frozenset(words("$ dollar dollars cents"))
#: modals that put an obligation on their subject
DEONTIC = frozenset(words("must should"))
#: verbs of saying and concluding that take a "that" clause
THAT_VERBS = ATTRIBUTION_VERBS | forms(words("conclude warn stress argue insist demand urge"))

# ----------------------------------------------------------------- words of the tie rules

#: words after a verb of saying that make who precedes it its speaker ("X said on Monday ...")
SPEECH_FOLLOWERS = frozenset(words("that on yesterday today"))
#: verbs of a troop contribution that make it a pledge
PLEDGE_VERBS = frozenset(words("pledged pledge pledges committed commit promised offered"))
#: nouns of a relationship between parties ("relations with", "ties between")
RELATION_NOUNS = frozenset(words("relations ties relationship"))
RELATION_PREPOSITIONS = frozenset(words("with between"))
#: verbs that make relations a new act ("established relations with")
ESTABLISH_VERBS = frozenset(words("established establish restored upgraded normalized"))
#: verbs that reduce relations (left to the event rules)
SEVER_VERBS = frozenset(words("broke severed cut suspended"))
#: nouns of a conflict between parties ("the Israeli-Palestinian conflict")
CONFLICT_NOUNS = frozenset(words("conflict war dispute fighting"))
#: nouns of a command ("commander of the force")
COMMAND_NOUNS = frozenset(words("commander chief head"))
#: verbs of creating a body ("newly created Council")
FOUNDING_VERBS = frozenset(words("created founded established formed launched set"))
#: words that may stand between a founder and its founding verb ("Kenya's newly created")
FOUNDING_GAP = frozenset(words("newly recently has had have"))
#: words of joining an organisation
MEMBERSHIP_WORDS = frozenset(words("joined joins join member"))
#: nouns of a request one party makes another ("Uganda's request")
REQUEST_NOUNS = frozenset(words("request invitation appeal proposal offer"))
#: verbs that answer a request favourably, and unfavourably
ACCEPT_VERBS = frozenset(words("responded accepted welcomed agreed answered"))
DECLINE_VERBS = frozenset(words("rejected refused declined turned dismissed"))
#: prepositions before what a complaint or protest is about ("complained to the UN over ...")
COMPLAINT_PREPOSITIONS = frozenset(words("over about against"))
#: the first half of a stance a country is named in ("pro-Iranian", "anti-Syrian")
STANCE_PREFIXES = frozenset(words("pro anti"))

# ----------------------------------------------------------------- function words

POSSESSIVES = frozenset(["'s", "’s"])
HYPHENS = frozenset(["-", "–"])
DETERMINERS = frozenset(words("the a an its their his her"))
#: words after which a word is a verb ("to strike", "they protest")
VERB_MARKERS = frozenset(words("to they we he she i"))
#: auxiliaries before a passive participle ("were expelled")
PASSIVE_AUXILIARIES = frozenset(words("was were been being is are"))
#: words that mark the future ("will send")
FUTURE = frozenset(words("will would 'll"))
#: "not only", "not just", "not least": no negation
NOT_NEGATING = frozenset(words("only just least"))
#: words between the members of a coordination of actors ("Egypt, Jordan and Qatar"); before a
#: verb also "as well as"
COORDINATION = frozenset([",", "and", "-", "–", "—", "or", "&"])
COORDINATION_BEFORE = COORDINATION | frozenset(words("as well"))
#: words that end the clause a modal or a negation reaches into
MODALITY_END = frozenset([",", ";", "that", "which", "who", "."])
#: words that end a quantity's unit ("20,000 troops to ...")
UNIT_END = frozenset(words("and or to in for of from on"))
#: prepositions before the force or body a contribution goes to
RECIPIENT_PREPOSITIONS = frozenset(words("to for in with into"))
#: words that open a new clause before a word ("..., while also sustaining")
CLAUSE_JOINERS = frozenset([*words("while but and whereas"), ";"])
#: prepositions that make the actor after them an object, not a subject
OBJECT_PREPOSITIONS = frozenset(words("with to against of from for in on by under"))
#: words between a subject and its verb ("Egypt has also pledged", "Egypt - and Jordan -")
SUBJECT_GAP = frozenset([*words("to also again now not jointly"), "-", "–", "—", ","])
#: words that may not stand between a contribution verb and its object
OBJECT_BREAKS = frozenset(words(", and or for"))
#: words that end the object of a trigger ("arrested protesters, ...")
OBJECT_END = frozenset(words(", ; that to"))
#: words that join the words of a capitalised name ("Board of Peace")
NAME_JOINERS = frozenset(words("of for and"))
#: words that end the clause a verb pattern is matched in (:mod:`.extract.verbs`)
CLAUSE_END = frozenset(
    [
        ";",
        ".",
        ":",
        *words("but while whereas after before because as when where which who whom since"),
        *words("until unless if although though"),
    ]
)
#: prepositions after a verb whose object is the event's other party ("fired on", "sent to")
TARGET_PREPOSITIONS = frozenset(words("to with against on at into upon toward"))


def _trigger_index() -> dict[str, list[tuple[list[str], Trigger]]]:
    index: dict[str, list[tuple[list[str], Trigger]]] = {}
    for trigger in TRIGGERS:
        first, *rest = trigger.phrase.split()
        variants = plurals(first) if trigger.noun else inflections(first)
        for form in variants:
            index.setdefault(form, []).append((rest, trigger))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


#: first word (every inflection of a verb's) -> (the other words, trigger), longest first
TRIGGER_INDEX = _trigger_index()
