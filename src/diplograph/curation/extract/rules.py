"""The extraction rules, one function each, and the table of their confidences.

Every rule reads a :class:`~diplograph.curation.extract.sentence.Sentence` and proposes
candidates through :func:`propose`, which takes the rule's confidence from :data:`CONFIDENCE`
(less the named :data:`PENALTY` its reading earns: an anaphor, a recipient not named ...).
:data:`RULES` is the registry, in the order the rules run: the speaker first (what is said is
not the speaker's act), then the ties, then reported demands, then the sentence's event. The raw
confidence is an order, not a probability: :mod:`~diplograph.curation.extract.calibration` turns
it into the share of such candidates found right on the tuning part of the PLOVER sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from diplograph.curation.candidate import (
    COOPERATIVE,
    EVENT_OF,
    HOSTILE,
    MUTUAL,
    TIE_CAMEO,
    TIE_TYPES,
    Candidate,
)
from diplograph.curation.extract.mentions import Mention, find_mentions
from diplograph.curation.extract.roles import domestic_target, roles
from diplograph.curation.extract.sentence import Sentence
from diplograph.curation.extract.triggers import light_verb, trigger_at, triggers
from diplograph.curation.gazetteer import Actor
from diplograph.curation.lexicon import (
    ACCEPT_VERBS,
    ATTRIBUTION_VERBS,
    BEGIN_FORMS,
    COMMAND_NOUNS,
    COMPLAINT_PREPOSITIONS,
    CONFLICT_NOUNS,
    CONTRIBUTE_FORMS,
    DECLINE_VERBS,
    DEONTIC,
    ESTABLISH_VERBS,
    FOUNDING_GAP,
    FOUNDING_VERBS,
    HEAD_OF_STATE_TITLES,
    HYPHENS,
    MEMBERSHIP_WORDS,
    MONARCHS,
    NUMBER,
    PLEDGE_VERBS,
    POLICE_NOUNS,
    POSSESSIVES,
    RELATION_NOUNS,
    RELATION_PREPOSITIONS,
    REQUEST_NOUNS,
    SEVER_VERBS,
    SPEECH_FOLLOWERS,
    THAT_VERBS,
    TITLES,
    TRAIN_FORMS,
    TROOP_NOUNS,
)

__all__ = ["CONFIDENCE", "PENALTY", "RULES", "Rule", "propose", "run_rules"]

#: each rule's confidence before penalties: how sure its reading is, as an order
CONFIDENCE: dict[str, float] = {
    "attribution": 0.6,
    "troop contribution": 0.9,
    "force deployment": 0.75,
    "relations": 0.85,
    "conflict": 0.7,
    "command": 0.85,
    "founding": 0.8,
    "head of state": 0.85,
    "armed force": 0.85,
    "membership": 0.75,
    "request": 0.7,
    "response to a request": 0.75,
    "reported demand": 0.75,
    "event": 0.7,
    "event, noun": 0.5,
}
#: what a weaker reading takes off a rule's confidence
PENALTY: dict[str, float] = {
    "anaphor": 0.1,
    "recipient not named": 0.2,
    "subject not next to the verb": 0.1,
    "state only by elimination": 0.25,
    "no target": 0.1,
    "source not from the parse": 0.05,
    "no source": 0.3,
    "source only by elimination": 0.25,
    "passive": 0.15,
}


@dataclass(frozen=True)
class Rule:
    """A named rule: ``apply`` reads a sentence and adds its candidates to it."""

    name: str
    apply: Callable[[Sentence], None]


def propose(
    s: Sentence, rule: str, kind: str, type_: str, *, penalty: float = 0.0, **fields: Any
) -> Candidate:
    """A candidate of ``rule`` on sentence ``s``, with the rule's confidence less ``penalty``."""
    return Candidate(
        s.line,
        s.quote,
        kind,
        type_,
        document=s.document,
        confidence=CONFIDENCE[rule] - penalty,
        rule=rule,
        **fields,
    )


def attribution(s: Sentence) -> None:
    """ "..., X said." at the end, or "X said/confirmed that ..." at the start: the speaker."""
    sent = s.sent
    # a trailing ", officials said Thursday." or ", according to X."
    for k in range(sent.end - 1, sent.start, -1):
        if s.doc[k].text == "," and k > sent.start + 3:
            tail = s.lower[k + 1 : sent.end]
            verbs = [w for w in tail if w in ATTRIBUTION_VERBS]
            if (
                verbs
                and len(tail) <= 16
                and not any(trigger_at(s, j) for j in range(k + 1, sent.end))
            ):
                s.content_end = k
                speakers = s.mentions_between(k + 1, sent.end)
                s.speaker_text = s.speaker_name(k + 1, sent.end, speakers)
                return
            break
    # a leading "X confirmed that ...", "X said ..."
    for k in range(sent.start, min(sent.end, sent.start + 25)):
        word = s.lower[k]
        if word in ATTRIBUTION_VERBS and word != "according":
            nxt = s.lower[k + 1] if k + 1 < sent.end else ""
            prior = [m for m in s.mentions if m.end <= k]
            if not prior:
                return
            speaker = prior[-1]
            if speaker.actor.kind == "person" or nxt in SPEECH_FOLLOWERS:
                s.speaker = speaker
                s.speaker_text = speaker.actor.label
                s.content_start = k + 1
                if speaker.actor.kind == "person":
                    s.add(
                        propose(
                            s,
                            "attribution",
                            "event",
                            "confirmation" if word.startswith("confirm") else "announcement",
                            source=speaker.actor,
                            target=None,
                            plover="",
                            cameo="010",
                            comment=f"rule attribution: '{s.doc[k].text}' after a person",
                            trigger=s.doc[k].text,
                        )
                    )
            return


def troops_and_police(s: Sentence) -> None:
    """ "X pledged troops for the mission", "X committed to training police forces"."""
    sp = s.sent
    for k in range(s.content_start, s.content_end):
        word = s.lower[k]
        kind = ""
        if word in TROOP_NOUNS and k > sp.start:
            verb_at = next(
                (
                    j
                    for j in range(k - 1, max(sp.start, k - 5) - 1, -1)
                    if s.lower[j] in CONTRIBUTE_FORMS
                    and all(s.object_gap(g) for g in range(j + 1, k))
                ),
                None,
            )
            if verb_at is None:
                continue
            kind = "troop contribution"
        elif (
            word == "operations"
            and k > sp.start
            and s.lower[k - 1] in BEGIN_FORMS
            and any(m.actor.kind == "force" for m in s.subject())
        ):
            verb_at = k - 1
            kind = "troop contribution"  # a force's own operations: a deployment event
        elif word in POLICE_NOUNS and k > sp.start and s.lower[k - 1] in TRAIN_FORMS:
            verb_at = k - 1
            kind = "police training"
        elif (
            word in POLICE_NOUNS
            and k > sp.start + 1
            and NUMBER.match(s.doc[k - 1].text)
            and s.lower[k - 2] in TRAIN_FORMS
        ):
            verb_at = k - 2
            kind = "police training"
        else:
            continue
        verb = s.lower[verb_at]
        status, negated = s.modality(verb_at, window=8)
        if verb in PLEDGE_VERBS:
            status = status or "pledged"
        # the contributors: the coordination before the verb, or the sentence's subject
        nonfinite = verb_at > sp.start and (s.lower[verb_at - 1] == "to" or verb.endswith("ing"))
        group = [] if nonfinite else s.group_before(verb_at)
        if group and not s.subject_gap(group[-1].end, verb_at):
            group = []
        group = [
            m for m in group if m.actor.kind in {"state", "armed_force", "quasi_state", "force"}
        ]
        via = "before the verb"
        if not group:
            group = [m for m in s.subject() if m.start < verb_at]
            via = "the sentence's subject"
        if not group and s.state.subject is not None and nonfinite:
            group = [Mention(verb_at, verb_at, s.state.subject, "anaphor", "", True)]
            via = "the last subject"
        exact, maximum, unit, _ = s.quantity(verb_at, min(s.content_end, k + 4))
        first = max(s.content_start, verb_at - 4)
        before = len(s.candidates)
        for mention in group:
            source = mention.actor
            if source.kind == "force":
                # the force itself deploys or trains: an event of the force, not a tie
                event = "deployment" if kind == "troop contribution" else "training"
                s.add(
                    propose(
                        s,
                        "force deployment",
                        "event",
                        event,
                        source=source,
                        plover="AGREE" if status == "pledged" else "AID",
                        cameo=TIE_CAMEO[kind][0 if status == "pledged" else 1],
                        status=status or "active",
                        negated=negated,
                        quantity=exact,
                        quantity_max=maximum,
                        unit=unit,
                        penalty=(PENALTY["anaphor"] if mention.anaphor else 0),
                        comment=f"rule {event}: '{s.doc[verb_at].text} "
                        f"{s.doc[k].text}' by a force ({via})",
                        trigger=s.doc[verb_at].text,
                    )
                )
                continue
            target, how = s.force_after(k + 1)
            if target is None or target == source:
                continue
            pledged = status in {"pledged", "planned", "announced"}
            _, _, plover_p, plover_a = TIE_TYPES[kind]
            cameo_p, cameo_a = TIE_CAMEO[kind]
            penalty = PENALTY["recipient not named"] if how != "named" else 0.0
            if mention.anaphor or via != "before the verb":
                penalty += PENALTY["subject not next to the verb"]
            s.add(
                propose(
                    s,
                    "troop contribution",
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
                    penalty=penalty,
                    comment=f"rule {kind}: '{s.doc[verb_at].text} {s.doc[k].text}'; "
                    f"contributor {via}; recipient {how}",
                    trigger=s.doc[verb_at].text,
                )
            )
        if len(s.candidates) > before:
            # the words are this rule's only when it proposed something: "offered its
            # troops to Chad" names no force, and is left to the event rules
            s.used.update(range(first, k + 1))


def relations(s: Sentence) -> None:
    """ "maintains strong relations with X", "diplomatic ties with X", "relations between"."""
    sp = s.sent
    for k in range(s.content_start, s.content_end):
        if s.lower[k] not in RELATION_NOUNS:
            continue
        modifiers = s.lower[max(sp.start, k - 3) : k]
        kind = "diplomatic relations" if "diplomatic" in modifiers else "bilateral relations"
        if not (RELATION_PREPOSITIONS & set(s.lower[k + 1 : k + 2])):
            continue
        prep = s.lower[k + 1]
        others = s.group_after(k + 2)
        if not others or others[0].start > k + 5:
            continue
        verb_at = max(sp.start, k - 4)
        status, negated = s.modality(k, window=6)
        verbs = set(s.lower[max(sp.start, k - 5) : k])
        established = verbs & ESTABLISH_VERBS
        if verbs & SEVER_VERBS:
            continue  # a reduction of relations: left to the event rules
        if prep == "between":
            pairs = [(others[0], o) for o in others[1:]]
            via = "between"
        else:
            sources = s.clause_subject(k)
            pairs = [(src, o) for src in sources for o in others]
            via = "with"
        for a, b in pairs:
            if a.actor == b.actor or not political(a.actor) or not political(b.actor):
                continue
            _, _, _, plover = TIE_TYPES[kind]
            s.add(
                propose(
                    s,
                    "relations",
                    "tie",
                    kind,
                    source=a.actor,
                    target=b.actor,
                    plover=plover if established else "",
                    cameo="05" if established and kind == "diplomatic relations" else "",
                    status=status if status == "planned" else "active",
                    negated=negated,
                    penalty=(PENALTY["anaphor"] if a.anaphor else 0),
                    comment=f"rule relations: '{s.doc[k].text} {via}'"
                    + (" (subject by anaphor)" if a.anaphor else ""),
                    trigger=s.doc[k].text,
                )
            )
        del verb_at


def conflict(s: Sentence) -> None:
    """ "the Israeli-Palestinian conflict", "the conflict between X and Y"."""
    for k in range(s.content_start, s.content_end):
        if s.lower[k] not in CONFLICT_NOUNS:
            continue
        pair: list[Mention] = []
        before = [m for m in s.mentions if m.end <= k and m.end >= k - 1]
        if before:
            last = before[-1]
            first = [m for m in s.mentions if m.end == last.start - 1]
            if first and s.doc[last.start - 1].text in HYPHENS:
                pair = [first[0], last]
        if not pair and s.is_word(k + 1, "between"):
            group = s.group_after(k + 2)
            if len(group) >= 2:
                pair = group[:2]
        if len(pair) == 2 and pair[0].actor != pair[1].actor:
            s.add(
                propose(
                    s,
                    "conflict",
                    "tie",
                    "conflict",
                    source=pair[0].actor,
                    target=pair[1].actor,
                    plover="ASSAULT",
                    cameo="19",
                    status="active",
                    comment=f"rule conflict: '{s.doc[pair[0].start : k + 1].text}'",
                    trigger=s.doc[k].text,
                ),
                at=k,
            )


def command(s: Sentence) -> None:
    """ "ISF commander General NAME", "NAME, commander of X"."""
    for k in range(s.sent.start, s.sent.end):
        if s.lower[k] not in COMMAND_NOUNS:
            continue
        force = [m for m in s.mentions if m.end == k]
        person = [
            m for m in s.mentions if m.start > k and m.start <= k + 5 and m.actor.kind == "person"
        ]
        if not force and s.is_word(k + 1, "of"):
            # "commander of X", "commander of the X"
            force = [
                m
                for m in s.mentions
                if m.start == k + 2 or (m.start == k + 3 and s.is_word(k + 2, "the"))
            ]
            person = [m for m in s.mentions if m.end in {k - 1, k} and m.actor.kind == "person"]
        if force and person and force[0].actor.kind in {"force", "armed_force"}:
            s.add(
                propose(
                    s,
                    "command",
                    "tie",
                    "command",
                    source=person[0].actor,
                    target=force[0].actor,
                    status="active",
                    comment=f"rule command: '{s.doc[force[0].start : person[0].end].text}'",
                    trigger=s.doc[k].text,
                ),
                at=k,
            )


def founding(s: Sentence) -> None:
    """ "NAME's newly created BODY", "BODY, founded by NAME", "NAME founded BODY"."""
    for k in range(s.sent.start, s.sent.end):
        if s.lower[k] not in FOUNDING_VERBS:
            continue
        body = [
            m
            for m in s.mentions
            if k < m.start <= k + 2 and m.actor.kind in {"body", "igo", "force"}
        ]
        founder = [m for m in s.mentions if m.end <= k and m.end >= k - 3]
        if body and founder:
            gap = s.lower[founder[-1].end : k]
            possessive = all(w in POSSESSIVES or w in FOUNDING_GAP for w in gap)
            if possessive and founder[-1].actor.kind in {"person", "state", "igo"}:
                s.add(
                    propose(
                        s,
                        "founding",
                        "tie",
                        "founding",
                        source=founder[-1].actor,
                        target=body[0].actor,
                        status="active",
                        comment=f"rule founding: '{s.doc[founder[-1].start : body[0].end].text}'",
                        trigger=s.doc[k].text,
                    ),
                    at=k,
                )


def head_of_state(s: Sentence) -> None:
    """A king or president and their state: "of X", "X's", the person's country, or (for a
    monarch) the one state the sentence names."""
    for mention in s.mentions:
        if mention.actor.kind != "person" or not mention.title:
            continue
        title = mention.title
        state: Actor | None = None
        how = ""
        if s.is_word(mention.end, "of"):
            after = [m for m in s.mentions if m.start == mention.end + 1]
            if after and after[0].actor.kind == "state":
                state, how = after[0].actor, "'of' after the name"
        if state is None:
            before = [
                m
                for m in s.mentions
                if m.end in {mention.start - 1, mention.start - 2, mention.start - 3}
                and m.actor.kind == "state"
                and m.end <= mention.start
            ]
            if before and all(
                w in TITLES or w in POSSESSIVES for w in s.lower[before[-1].end : mention.start]
            ):
                state, how = before[-1].actor, "country before the title"
        if state is None and mention.actor.country:
            entry = s.gaz.lookup(mention.actor.label)
            post_ok = (
                entry is None
                or entry.how != "leader"
                or entry.post.startswith(HEAD_OF_STATE_TITLES[title])
            )
            if post_ok:
                state, how = s.gaz.country(mention.actor.country), "the person's country"
        if state is None and title in MONARCHS:
            states = {m.actor for m in s.mentions if m.actor.kind == "state" and not m.anaphor}
            if len(states) == 1:
                state, how = states.pop(), "the one state the sentence names"
        if state is None:
            continue
        penalty = (
            PENALTY["state only by elimination"]
            if how == "the one state the sentence names"
            else 0.0
        )
        s.add(
            propose(
                s,
                "head of state",
                "tie",
                "head of state",
                source=mention.actor,
                target=state,
                status="active",
                penalty=penalty,
                comment=f"rule head of state: title '{title}'; state: {how}",
                trigger=title,
            ),
            at=mention.start,
        )


def armed_force(s: Sentence) -> None:
    """A named armed force and its state ("the Moroccan Armed Forces")."""
    for mention in s.mentions:
        actor = mention.actor
        if actor.kind != "armed_force" or not actor.country or mention.anaphor:
            continue
        state = s.gaz.country(actor.country)
        s.add(
            propose(
                s,
                "armed force",
                "tie",
                "armed force of",
                source=actor,
                target=state,
                comment=f"rule armed force: '{mention.text}' names its state",
                trigger=mention.text,
            ),
            at=mention.start,
        )


def membership(s: Sentence) -> None:
    """ "X joined Y" and "X, a member of Y", for an organisation or body Y."""
    for k in range(s.content_start, s.content_end):
        word = s.lower[k]
        if word not in MEMBERSHIP_WORDS:
            continue
        targets = [m for m in s.mentions if k < m.start <= k + 3]
        if not targets or targets[0].actor.kind not in {"igo", "body"}:
            continue
        sources = s.clause_subject(k)
        for source in sources:
            if source.actor.kind in {"state", "quasi_state", "igo"}:
                s.add(
                    propose(
                        s,
                        "membership",
                        "tie",
                        "membership",
                        source=source.actor,
                        target=targets[0].actor,
                        status="active",
                        comment=f"rule membership: '{s.doc[k].text}'",
                        trigger=s.doc[k].text,
                    )
                )


def request_acceptance(s: Sentence) -> None:
    """ "X responded favorably to Y's request": an acceptance by X and Y's request to X."""
    for k in range(s.content_start, s.content_end):
        if s.lower[k] not in REQUEST_NOUNS:
            continue
        owner = [m for m in s.mentions if m.end in {k - 1, k - 2} and s.lower[m.end] in POSSESSIVES]
        if not owner:
            continue
        responder = s.clause_subject(owner[0].start)
        verbs = set(s.lower[s.content_start : owner[0].start])
        accepted = bool(verbs & ACCEPT_VERBS)
        rejected = bool(verbs & DECLINE_VERBS)
        for who in responder:
            if who.actor == owner[0].actor:
                continue
            s.add(
                propose(
                    s,
                    "request",
                    "event",
                    "request",
                    source=owner[0].actor,
                    target=who.actor,
                    plover="REQUEST",
                    cameo="10",
                    comment=f"rule request: '{s.doc[owner[0].start : k + 1].text}', "
                    "addressed to who answers it",
                    trigger=s.doc[k].text,
                )
            )
            if accepted or rejected:
                s.add(
                    propose(
                        s,
                        "response to a request",
                        "event",
                        "acceptance" if accepted else "rejection",
                        source=who.actor,
                        target=owner[0].actor,
                        plover="AGREE" if accepted else "REJECT",
                        cameo="03" if accepted else "12",
                        comment="rule response to a request",
                        trigger=s.doc[k].text,
                    )
                )
            s.used.update(range(s.content_start, k + 1))


def reported_demand(s: Sentence) -> None:
    """ "X said that Y must (should) ...": an obligation put on someone else in reported
    speech is X's demand to Y (CAMEO 10), whatever Y is told to do."""
    for k in range(s.sent.start, s.content_end):
        if s.lower[k] not in DEONTIC:
            continue
        that = next(
            (j for j in range(k - 1, max(s.sent.start, k - 10), -1) if s.lower[j] == "that"),
            None,
        )
        if that is None:
            continue
        told = [m for m in s.mentions if that < m.start and m.end <= k]
        if not told or told[0].start > that + 3 or told[0].anaphor:
            continue
        verb = next(
            (
                v
                for v in range(that - 1, max(s.sent.start, that - 5) - 1, -1)
                if s.lower[v] in THAT_VERBS
            ),
            None,
        )
        if verb is None or s.mentions_between(verb, that):
            continue
        if s.speaker is not None and s.speaker.end <= verb:
            sources = [s.speaker]
        else:
            sources = [m for m in s.group_before(verb, s.sent.start) if not s.is_object(m)]
        targets = s.group_after(told[0].start, k)
        if sources and targets:
            # what the other is told to do is no event of its own: left to this demand
            s.used.update(range(that, s.content_end))
        for source in sources:
            for target in targets:
                if target.actor == source.actor:
                    continue
                s.add(
                    propose(
                        s,
                        "reported demand",
                        "event",
                        "demand",
                        source=source.actor,
                        target=target.actor,
                        plover="REQUEST",
                        cameo="10",
                        comment=f"rule reported demand: '{s.doc[verb].text} that "
                        f"{target.text} {s.doc[k].text}'",
                        trigger=s.doc[k].text,
                    )
                )


def event(s: Sentence) -> None:
    """The sentence's event: its first trigger not used by a tie rule (a verb before a noun,
    unless the noun is a light verb's object), with the roles around it."""
    found = [t for t in triggers(s) if t[0] not in s.used]
    if not found:
        return
    verbs = [t for t in found if not t[2].noun]
    start, end, trigger = (verbs or found)[0]
    first_start, first_end, first = found[0]
    supported = first.noun and (
        light_verb(s, first_start) is not None or s.is_word(first_end, "that")
    )
    if supported:
        # "declared a state of siege", "reiterated its demand": the noun is the event; so is a
        # noun whose clause follows it ("insisted on its demand that Peru pay"), not the verbs
        # of that clause
        start, end, trigger = found[0]
    tied = any(c.kind == "tie" and c.trigger for c in s.candidates)
    if tied and trigger.noun and not supported:
        return
    plover, mode, cameo = trigger.plover, trigger.mode, trigger.cameo
    status, negated = s.modality(start)
    sources, targets, how = roles(s, start, end)
    if not sources and s.speaker is not None:
        sources = [s.speaker]
    if mode in {"disapprove", "protest"} and targets and s.is_word(targets[0].start - 1, "to"):
        # "complained to the UN over Israeli raids": who is complained to hears it; the target
        # is who it is about
        about = next(
            (
                s.group_after(k + 1)
                for k in range(targets[0].end, s.content_end)
                if s.lower[k] in COMPLAINT_PREPOSITIONS
            ),
            [],
        )
        targets = about or targets
    if not targets and plover in OPPOSING:
        targets = [m for m in s.opposed if m.actor not in {o.actor for o in sources}]
    if not sources:
        # no actor named acts ("Ibo elders demanded that the Nigerian ministry ..."): a group no
        # name says more of is coded by the country it acts in, as CAMEO codes it, when the
        # sentence names only one, and names it as a place or as the owner of something (not
        # as the bare object of the act: "Albert criticised Chile" is no Chile's act)
        named = [m for m in s.mentions if m.actor.country and not m.anaphor]
        if len({m.actor.country for m in named}) == 1 and any(s.as_place(m) for m in named):
            country = s.gaz.country(named[0].actor.country)
            sources = [Mention(start, start, country, "elimination", country.label)]
            how = "the one country the sentence names"
    # future or intended acts: cooperative ones are promises, hostile ones threats
    if status in {"planned", "pledged"} or s.future(start):
        if plover in COOPERATIVE:
            plover, mode, cameo = "AGREE", "agree", "03"
        elif plover in HOSTILE:
            plover, mode, cameo = "THREATEN", "threaten", "13"
        status = status or "planned"
    kind = "request" if cameo.startswith("02") else EVENT_OF.get((plover, mode), "pledge")
    rule = "event, noun" if trigger.noun and not supported else "event"
    exact, maximum, unit, _ = s.quantity(start, s.content_end)
    pairs: list[tuple[Actor | None, Actor | None]] = []
    for source in sources:
        # a later, separate mention of the acting country is a domestic target (CAMEO codes an
        # event inside one state with that state on both sides: "Croatia is investigating
        # crimes by Croatian extremists"); not a pronoun or the capital, which name the acting
        # state itself ("it gives Rabat")
        others = [t for t in targets if t.actor != source.actor or domestic(source, t)]
        if others:
            pairs.extend((source.actor, t.actor) for t in others)
        elif plover in MUTUAL and len(sources) >= 2:
            pairs.extend((source.actor, o.actor) for o in sources if o is not source)
        else:
            pairs.append((source.actor, domestic_target(s, source, end)))
    if not sources:
        # no actor acts in the words ("the PRC demanded", "a minefield explosion killed"): the
        # event is still the sentence's, for the curator to give it its source
        pairs.extend((None, t.actor) for t in targets)
        pairs = pairs or [(None, None)]
        how = "no source named"
    for source_actor, target in pairs:
        penalty = 0.0 if target is not None else PENALTY["no target"]
        if source_actor is None:
            penalty += PENALTY["no source"]
        elif how == "the one country the sentence names":
            penalty += PENALTY["source only by elimination"]
        elif not how.startswith("parse"):
            penalty += PENALTY["source not from the parse"]
        if "passive" in how:
            penalty += PENALTY["passive"]
        s.add(
            propose(
                s,
                rule,
                "event",
                kind,
                source=source_actor,
                target=target,
                plover=plover,
                cameo=cameo,
                status=status,
                negated=negated,
                quantity=exact,
                quantity_max=maximum,
                unit=unit,
                penalty=penalty,
                comment=f"rule {rule}: trigger '{s.doc[start:end].text}' ({trigger.plover}"
                f"{'/' + trigger.mode if trigger.mode else ''}, CAMEO {trigger.cameo}); "
                f"roles: {how}",
                trigger=s.doc[start:end].text,
            )
        )


#: categories whose target may be who a stance opposes ("anti-American protests")
OPPOSING = HOSTILE | {"ACCUSE", "THREATEN", "REJECT", "REQUEST"}


def domestic(source: Mention, target: Mention) -> bool:
    """May ``target``, a mention of the acting country after the trigger, be a second party of
    that country rather than the acting state named again (a pronoun, its capital)?"""
    return not (source.anaphor or target.anaphor or "capital" in {source.how, target.how})


def political(actor: Actor) -> bool:
    """Can ``actor`` hold relations (a state, a quasi-state, an organisation, a body)?"""
    return actor.kind in {"state", "quasi_state", "igo", "body"}


def remember(s: Sentence) -> None:
    """What later sentences may refer back to: the subject state ("it", "the Kingdom") and the
    last force named ("the mission")."""
    subject = s.subject()
    if subject and not subject[0].anaphor and subject[0].actor.kind in {"state", "quasi_state"}:
        s.state.subject = subject[0].actor
    elif not subject or not subject[0].anaphor:
        possessors = [
            m
            for m in s.mentions
            if m.actor.kind == "state" and m.end < s.sent.end and s.lower[m.end] in POSSESSIVES
        ]
        if possessors:
            s.state.subject = possessors[0].actor
    for mention in s.mentions:
        if mention.actor.kind == "force":
            s.state.force = mention.actor


#: the registry, in the order the rules run
RULES: tuple[Rule, ...] = (
    Rule("attribution", attribution),
    Rule("troop contribution", troops_and_police),
    Rule("relations", relations),
    Rule("conflict", conflict),
    Rule("command", command),
    Rule("founding", founding),
    Rule("head of state", head_of_state),
    Rule("armed force", armed_force),
    Rule("membership", membership),
    Rule("request", request_acceptance),
    Rule("reported demand", reported_demand),
    Rule("event", event),
)


def run_rules(s: Sentence) -> list[Candidate]:
    """The mentions of ``s``, every rule of :data:`RULES` on it, then what later sentences may
    refer back to."""
    find_mentions(s)
    for rule in RULES:
        rule.apply(s)
    remember(s)
    return s.candidates
