"""The hand lexicon: triggers the CAMEO verb dictionary lacks, and the rules' word lists.

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
and "pledging" all match "pledge". Multi-word triggers match word by word, the first word
inflected (``open fire`` matches "opened fire").
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


def _trigger_index() -> dict[str, list[tuple[list[str], Trigger]]]:
    index: dict[str, list[tuple[list[str], Trigger]]] = {}
    for trigger in TRIGGERS:
        first, *rest = trigger.phrase.split()
        variants = {first} if trigger.noun else inflections(first)
        for form in variants:
            index.setdefault(form, []).append((rest, trigger))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


#: first word (every inflection of a verb's) -> (the other words, trigger), longest first
TRIGGER_INDEX = _trigger_index()
