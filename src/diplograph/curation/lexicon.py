"""Trigger words: which verbs and nouns signal which kind of event, and the other word lists.

Written by hand for this project from the category definitions of the CAMEO codebook (event
roots 03-20) and of the PLOVER manual. Nothing here is copied or derived from the PLOVER data
files (the gold-standard sentences and the CAMEO-to-PLOVER table, CC BY-SA 4.0): those are only
read by ``bench/extract.py`` to measure the extractor. The category *names* are PLOVER's
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


#: every trigger, most specific (longest) phrases matched first
TRIGGERS: list[Trigger] = [
    *_t(
        "AGREE",
        "03",
        "agree",
        "agree; promise; pledge; vow; offer; commit; undertake; "
        "be ready; be willing; be prepared; express willingness; express readiness",
    ),
    *_t("AGREE", "03", "agree", "agreement to; pledge of; offer of; promise of", noun=True),
    *_t(
        "CONSULT",
        "04",
        "consult",
        "meet; hold talks; visit; host; telephone; phone; negotiate; "
        "discuss; consult; confer; mediate; arrive in; hold a meeting; meet with",
    ),
    *_t(
        "CONSULT",
        "04",
        "consult",
        "talks; meeting; negotiations; summit; visit to; mediation; consultations",
        noun=True,
    ),
    *_t(
        "SUPPORT",
        "05",
        "support",
        "praise; endorse; support; back; defend; welcome; applaud; "
        "commend; apologize; apologise; forgive; congratulate; sign; recognize; recognise; "
        "upgrade; establish diplomatic; restore diplomatic; normalize; normalise; "
        "rally support; express support",
    ),
    *_t(
        "COOPERATE",
        "06",
        "cooperate",
        "cooperate; collaborate; share intelligence; "
        "share information; share evidence; share expertise; hold joint; "
        "launch joint; conduct joint",
    ),
    *_t(
        "COOPERATE",
        "06",
        "cooperate",
        "war games; joint exercises; joint military exercises; cooperation",
        noun=True,
    ),
    *_t(
        "AID",
        "07",
        "aid",
        "give; donate; provide; deliver; supply; grant; hand over; evacuate; "
        "deploy; airlift; fund; finance",
    ),
    *_t("AID", "07", "aid", "aid; assistance; asylum; relief", noun=True),
    *_t(
        "CONCEDE",
        "08",
        "concede",
        "concede; accede; lift; ease; relax; allow; permit; approve; "
        "accept demands; give in; yield; grant amnesty",
    ),
    *_t(
        "RETREAT",
        "08",
        "retreat",
        "withdraw; retreat; pull out; pull back; surrender; "
        "demobilize; demobilise; disarm; resign; step down; release; free; return; "
        "declare a ceasefire; declare a truce; pay compensation; hand back",
    ),
    *_t("RETREAT", "08", "retreat", "withdrawal; ceasefire; cease-fire; truce", noun=True),
    *_t(
        "ACCUSE",
        "09",
        "investigate",
        "investigate; probe; inspect; examine; "
        "dispatch inspectors; send inspectors; launch an investigation; open an inquiry",
    ),
    *_t("ACCUSE", "09", "investigate", "investigation; inquiry; hearing; inspection", noun=True),
    *_t(
        "REQUEST",
        "10",
        "demand",
        "demand; urge; call on; call for; appeal; ask; request; "
        "press; pressure; insist; seek; plead; petition",
    ),
    *_t("REQUEST", "10", "demand", "demand; request; appeal; call for", noun=True),
    *_t(
        "ACCUSE",
        "11",
        "disapprove",
        "accuse; criticize; criticise; condemn; denounce; blame; "
        "complain; lodge a protest; lodge an official protest; charge; allege; indict; sue; "
        "deplore; rebuke; summon; censure; fault",
    ),
    *_t("ACCUSE", "11", "disapprove", "criticism; condemnation; accusation; complaint", noun=True),
    *_t(
        "REJECT",
        "12",
        "reject",
        "reject; refuse; decline; deny; dismiss; oppose; veto; "
        "turn down; rebuff; fail to; defy; violate; be opposed",
    ),
    *_t("REJECT", "12", "reject", "rejection; refusal; veto", noun=True),
    *_t("THREATEN", "13", "threaten", "threaten; warn; issue an ultimatum; vow to retaliate"),
    *_t("THREATEN", "13", "threaten", "threat; ultimatum; warning", noun=True),
    *_t(
        "PROTEST",
        "14",
        "protest",
        "demonstrate; protest; rally; march; riot; strike; "
        "boycott; picket; block; blockade roads; stage a protest; stop work; shun work",
    ),
    *_t(
        "PROTEST",
        "14",
        "protest",
        "demonstration; protest; hunger strike; riot; rally; sit-in; strike; boycott",
        noun=True,
    ),
    *_t(
        "MOBILIZE",
        "15",
        "mobilize",
        "mobilize; mobilise; reinforce; strengthen; "
        "put on alert; remain on alert; mass troops; increase forces; build up",
    ),
    *_t("MOBILIZE", "15", "mobilize", "alert; mobilization; mobilisation; build-up", noun=True),
    *_t(
        "SANCTION",
        "16",
        "sanction",
        "sanction; suspend; cut off; cut ties; sever; "
        "break relations; break off; expel diplomats; recall; cancel; halt; reduce; "
        "prohibit; impose sanctions; impose an embargo; freeze; embargo",
    ),
    *_t("SANCTION", "16", "sanction", "sanctions; embargo; suspension", noun=True),
    *_t(
        "COERCE",
        "17",
        "coerce",
        "arrest; detain; seize; confiscate; ban; impose a curfew; "
        "impose curfew; deport; expel; jail; imprison; demolish; raze; set fire; occupy; "
        "hack; censor; prevent; force out; declare a state of; crack down; round up; "
        "reimpose; hold hostage; take hostage",
    ),
    *_t("COERCE", "17", "coerce", "arrests; curfew; crackdown; state of siege", noun=True),
    *_t(
        "ASSAULT",
        "18",
        "assault",
        "attack; kill; bomb; assassinate; kidnap; abduct; torture; "
        "abuse; wound; massacre; explode; shoot; behead; hijack; stab; ambush; injure; "
        "murder; execute",
    ),
    *_t(
        "ASSAULT",
        "18",
        "assault",
        "bombing; attack; assassination; massacre; suicide bomber; "
        "suicide bombers; car bomb; explosion",
        noun=True,
    ),
    *_t(
        "ASSAULT",
        "19",
        "fight",
        "fight; shell; clash; open fire; bombard; invade; capture; "
        "retake; launch an offensive; launch artillery; fire on; strike at; storm; battle",
    ),
    *_t(
        "ASSAULT",
        "19",
        "fight",
        "fighting; shelling; clashes; offensive; air strike; "
        "air raid; air strikes; air raids; invasion",
        noun=True,
    ),
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
        "vow offered offer ready willing prepared agreed agree"
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
