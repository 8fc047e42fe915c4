"""UN General Assembly roll-call votes (Voeten) -> voting agreement per pair of states and session.

The votes file (``UNVotesPublished_votes.csv``: ``rcid, ccode, vote, member``, one row per roll
call and country) gives how each state voted; the roll-call table beside it
(``UNVotesPublished_rollcalls.csv``: ``rcid, session, year, date, ...`` and the issue flags
``me, nu, di, hr, co, ec``) says which session each roll call belongs to, and when. For each
session and pair of states that both voted Yes (1), Abstain (2) or No (3) on at least one roll
call, a ``tt:VotingAgreement`` tie joins them (undirected: the actors in IRI order) with

- ``dipl:agreement``: the share of those roll calls on which they cast the same vote, the
  three-category agreement index (Yes, Abstain and No are three positions: an abstention agrees
  only with an abstention); absences (8) and non-membership (9) are not votes, whatever the
  ``member`` column says (2,223 rows have 9 with member 1);
- ``dipl:commonVotes`` (the roll calls both voted on) and ``dipl:agreeingVotes``, so that the
  agreement can be recomputed, and ``dipl:unSession``;
- its time: the first and last day of the session's roll calls (as the roll-call table dates
  them; early sessions' dates are approximate).

The dyads are computed with numpy, a session at a time: one indicator matrix of states by roll
calls for each vote, and agreement counts as their products (Y Yᵀ + A Aᵀ + N Nᵀ over P Pᵀ),
never a loop over pairs. The votes are held as three compact integer arrays while the file is
read (about 12 bytes a row).

Evidence: quoting a million vote rows would dominate the store, so each tie cites the session's
rows by range (a statement with ``dipl:lineNumber`` and ``dipl:lastLineNumber``: the file keeps a
session's rows together) instead of quoting them. ``issue`` (``me``, ``nu``, ``di``, ``hr``,
``co``, ``ec``: a concept of ``ui:scheme``) keeps only the roll calls flagged with that issue; the
ties then name it (``dipl:votingIssue``) and the votes of other roll calls are filtered.
``states`` keeps only the votes of some states (and so the pairs among them), to look at a few
states without computing every pair. Rows
with a roll call the table does not know, a state the crosswalk does not know, a vote that is
not 1, 2, 3, 8 or 9, or a second vote of a state on one roll call are rejected with their line.
The roll-call tables themselves, given as files, are checked and filtered (they are read
beside the votes file).
"""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

import numpy as np

from diplograph.importers.base import DatasetInfo, Sink
from diplograph.importers.crosswalk import Crosswalk, scheme_notations
from diplograph.importers.recognise import looks_like, not_this
from diplograph.importers.rows import Row, column_index, malformed, read_header, read_rows
from diplograph.namespaces import UI, D
from diplograph.ntriples import (
    NT_DIPL,
    NT_SEM,
    NT_TT,
    NT_XSD,
    PROV_DERIVED,
    PROV_QUOTED,
    RDF_TYPE,
    RDFS_COMMENT,
    Minted,
    iri,
    literal,
)

__all__ = ["ISSUES", "UNGA", "import_unga_file"]

UNGA = DatasetInfo(
    "United Nations General Assembly roll-call votes (Voeten), 2016 release",
    short="UNGA votes",
    url="https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
    license="https://creativecommons.org/publicdomain/zero/1.0/",
    citation='Erik Voeten, "Data and Analyses of Voting in the UN General Assembly", Routledge '
    "Handbook of International Organization, ed. Bob Reinalda (2013); Harvard Dataverse "
    "hdl:1902.1/12379.",
    note="Votes: 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member (or did not take part). The "
    "voting-agreement ties count only 1, 2 and 3, and cite each session's rows by line range "
    "rather than quoting them.",
)
#: the issue flags of the roll-call table
ISSUES = ("me", "nu", "di", "hr", "co", "ec")
VOTES = ("rcid", "ccode", "vote")
ROLL_CALLS = ("rcid", "session")
#: vote code -> column of the indicator matrices (0: not a vote)
CAST = {"1": 1, "2": 2, "3": 3}
NOT_CAST = {
    "8": "absent (vote 8): not a vote",
    "9": "not a member or did not take part (vote 9): not a vote",
}


@dataclass
class _RollCall:
    session: int
    day: date | None
    issues: set[str] = field(default_factory=set)


def import_unga_file(
    stream: IO[bytes],
    sink: Sink,
    crosswalk: Crosswalk,
    *,
    issue: str | None = None,
    states: frozenset[str] | None = None,
) -> None:
    """Import one file of the UN votes data through ``sink`` (see the module docstring);
    ``states`` (actor IRIs) keeps only their votes, so only the pairs among them."""
    names = read_header(stream)
    if not names:
        sink.fail("line 1: the file is empty")
        return
    at = column_index(names)
    sink.position = stream.tell
    rows = read_rows(stream, ",", first_line=2)
    if all(c in at for c in VOTES):
        _Votes(sink, crosswalk, at, len(names), issue, states).run(rows)
    elif all(c in at for c in ROLL_CALLS) or {"rcid", "short_name", "issue"} <= set(at):
        sink.report.form = f"{looks_like(names).split(':')[0]} (read beside the votes file)"
        sink.describe(UNGA)
        for row in rows:
            sink.read()
            if row.problem:
                sink.reject(row, row.problem)
            elif not row.fields[at["rcid"]].strip().isdigit():
                sink.reject(row, f"rcid '{row.fields[at['rcid']]}' is not a number")
            else:
                sink.drop("roll-call metadata: read beside the votes file, not votes")
    else:
        sink.fail(not_this("a UN General Assembly votes file", VOTES, names))


def roll_calls(path: Path) -> dict[int, _RollCall]:
    """The roll-call table: rcid -> session, day and issues (``M/D/YYYY`` dates, or ISO)."""
    found: dict[int, _RollCall] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        for row in reader:
            rcid, session = row.get("rcid", "").strip(), row.get("session", "").strip()
            if not (rcid.isdigit() and session.isdigit()):
                continue
            found[int(rcid)] = _RollCall(
                int(session),
                _parse_day(row.get("date", "")),
                {name for name in ISSUES if row.get(name, "").strip() == "1"},
            )
    return found


def _parse_day(text: str) -> date | None:
    text = text.strip()
    try:
        if "/" in text:
            month, day, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def companion(votes: Path) -> Path | None:
    """The roll-call table beside a votes file: a CSV there whose header has rcid, session and
    the issue flags (the 2016 release's ``UNVotesPublished_rollcalls.csv``)."""
    for candidate in sorted(votes.parent.glob("*.csv")):
        if candidate == votes:
            continue
        with candidate.open(encoding="utf-8", errors="replace") as stream:
            header = next(csv.reader(io.StringIO(stream.readline())), [])
        keys = {name.strip().lower() for name in header}
        if {"rcid", "session", "date", *ISSUES} <= keys:
            return candidate
    return None


class _Votes:
    """The votes file: rows checked and held as arrays, then agreement per session."""

    def __init__(
        self,
        sink: Sink,
        crosswalk: Crosswalk,
        at: dict[str, int],
        width: int,
        issue: str | None,
        states: frozenset[str] | None,
    ) -> None:
        self.sink, self.crosswalk, self.at, self.width = sink, crosswalk, at, width
        self.issue, self.states = issue, states

    def run(self, rows: Iterator[Row]) -> None:
        sink = self.sink
        table = companion(sink.path)
        if table is None:
            sink.fail(
                "no roll-call table beside the votes file (a CSV with rcid, session, date and "
                f"the issue flags {', '.join(ISSUES)}, such as UNVotesPublished_rollcalls.csv)"
            )
            return
        issues = scheme_notations(sink.store, str(UI.scheme))
        if self.issue is not None and self.issue not in issues:
            sink.fail(
                f"no issue {self.issue!r}: the issues are {', '.join(sorted(issues))} "
                "(Palestinian conflict, nuclear weapons, disarmament, human rights, colonialism, "
                "economic development)"
            )
            return
        calls = roll_calls(table)
        sink.report.form = f"UN General Assembly votes, sessions from {table.name}" + (
            f", only roll calls on {self.issue}" if self.issue else ""
        )
        sink.describe(UNGA)
        rcids, codes, votes = array("i"), array("i"), array("b")
        lines: dict[int, list[int]] = {}
        i_rcid, i_code, i_vote = (self.at[c] for c in VOTES)
        by_cow = self.crosswalk.by_cow
        # whether a state voted on a roll call: one bit each, by the table's roll calls and the
        # crosswalk's codes, so that memory does not grow with the votes file (a set of the
        # pairs held about 150 MB more at a million rows); 670 kB for the 2016 table
        width = max(by_cow, default=0) + 1
        slot = {rcid: n * width for n, rcid in enumerate(calls)}
        seen = bytearray((len(calls) * width + 7) // 8)
        for row in rows:
            sink.read()
            problem = malformed(row, self.width)
            if problem:
                sink.reject(row, problem)
                continue
            fields = row.fields
            rcid_text, code_text, vote = (
                fields[i_rcid].strip(),
                fields[i_code].strip(),
                fields[i_vote].strip(),
            )
            if not rcid_text.isdigit() or int(rcid_text) not in calls:
                sink.reject(row, f"rcid '{rcid_text}' is not a roll call of {table.name}")
                continue
            if not code_text.isdigit() or int(code_text) not in by_cow:
                sink.reject(row, f"ccode '{code_text}' is not a COW state number of the crosswalk")
                continue
            rcid, code = int(rcid_text), int(code_text)
            if vote not in CAST and vote not in NOT_CAST:
                sink.reject(row, f"vote '{vote}' is not 1, 2, 3, 8 or 9")
                continue
            at = slot[rcid] + code
            if seen[at >> 3] & (1 << (at & 7)):
                sink.reject(row, f"a second vote of {code} on roll call {rcid}")
                continue
            seen[at >> 3] |= 1 << (at & 7)
            call = calls[rcid]
            span = lines.setdefault(call.session, [row.line, row.line])
            span[0], span[1] = min(span[0], row.line), max(span[1], row.line)
            if vote in NOT_CAST:
                sink.drop(NOT_CAST[vote])
                continue
            if self.issue is not None and self.issue not in call.issues:
                sink.drop(f"a roll call not flagged {self.issue}")
                continue
            if self.states is not None and by_cow[code] not in self.states:
                sink.drop("the vote of a state not among those asked for")
                continue
            rcids.append(rcid)
            codes.append(code)
            votes.append(CAST[vote])
            sink.accept()
        del seen
        self.write(
            calls,
            np.frombuffer(rcids, np.int32),
            np.frombuffer(codes, np.int32),
            np.frombuffer(votes, np.int8),
            lines,
            issues,
        )

    def write(
        self,
        calls: dict[int, _RollCall],
        rcids: np.ndarray,
        codes: np.ndarray,
        votes: np.ndarray,
        lines: dict[int, list[int]],
        issues: dict[str, str],
    ) -> None:
        sink, crosswalk = self.sink, self.crosswalk
        session_of = np.zeros(int(rcids.max(initial=0)) + 1, np.int32)
        for rcid, call in calls.items():
            if rcid < len(session_of):
                session_of[rcid] = call.session
        sessions = session_of[rcids]
        suffix = f"-{self.issue}" if self.issue else ""
        issue_nt = f" {NT_DIPL.votingIssue} {iri(issues[self.issue])} .\n" if self.issue else ""
        type_nt = f"{NT_TT.VotingAgreement}"
        begin_nt, end_nt = f"{NT_SEM.hasBeginTimeStamp}", f"{NT_SEM.hasEndTimeStamp}"
        statements = Minted(f"{D}unga-{sink.token}-session-")
        actor_terms = {code: iri(actor) for code, actor in crosswalk.by_cow.items()}
        for session in np.unique(sessions):
            here = sessions == session
            first, last = lines[int(session)]
            statement = statements(int(session))
            ties = Minted(f"{D}unga-{int(session)}-")
            sink.write(
                f"{statement} {RDF_TYPE} {NT_DIPL.SourceStatement} .\n"
                f"{statement} {RDF_TYPE} {NT_DIPL.ReportedFact} .\n"
                f"{statement} {PROV_QUOTED} {sink.document} .\n"
                f'{statement} {NT_DIPL.lineNumber} "{first}"^^{NT_XSD.integer} .\n'
                f'{statement} {NT_DIPL.lastLineNumber} "{last}"^^{NT_XSD.integer} .\n'
                f"{statement} {RDFS_COMMENT} "
                + literal(
                    f"The votes of session {int(session)}, lines {first} to {last} (not quoted).",
                    lang="en",
                )
                + " .\n"
            )
            days = sorted(
                d for d in (calls[int(r)].day for r in np.unique(rcids[here])) if d is not None
            )
            span = (f'"{days[0]}"^^{NT_XSD.date}', f'"{days[-1]}"^^{NT_XSD.date}') if days else None
            states, agree, common = _agreement(rcids[here], codes[here], votes[here])
            actors = [crosswalk.by_cow[int(code)] for code in states]
            terms = [actor_terms[int(code)] for code in states]
            parts = []
            for i, j in zip(*np.nonzero(np.triu(common, 1)), strict=True):
                a, b = actors[i], actors[j]
                if a == b:
                    continue
                low, high = (terms[i], terms[j]) if a < b else (terms[j], terms[i])
                n, k = int(common[i, j]), int(agree[i, j])
                tie = ties(f"{_code(states[i], states[j])}{suffix}")
                parts.append(
                    f"{tie} {RDF_TYPE} {NT_DIPL.Tie} .\n"
                    f"{tie} {NT_DIPL.fromActor} {low} .\n"
                    f"{tie} {NT_DIPL.toActor} {high} .\n"
                    f"{tie} {NT_DIPL.tieType} {type_nt} .\n"
                    f'{tie} {NT_DIPL.agreement} "{k / n:.4f}"^^{NT_XSD.decimal} .\n'
                    f'{tie} {NT_DIPL.commonVotes} "{n}"^^{NT_XSD.integer} .\n'
                    f'{tie} {NT_DIPL.agreeingVotes} "{k}"^^{NT_XSD.integer} .\n'
                    f'{tie} {NT_DIPL.unSession} "{int(session)}"^^{NT_XSD.integer} .\n'
                    f"{tie} {PROV_DERIVED} {statement} .\n"
                    + (f"{tie}{issue_nt}" if issue_nt else "")
                    + (
                        f"{tie} {begin_nt} {span[0]} .\n{tie} {end_nt} {span[1]} .\n"
                        if span
                        else ""
                    )
                )
            sink.write("".join(parts))


def _code(one: int, two: int) -> str:
    low, high = sorted((int(one), int(two)))
    return f"{low}-{high}"


def _agreement(
    rcids: np.ndarray, codes: np.ndarray, votes: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the states, agreeing votes, common votes) of one session's Yes/Abstain/No votes: state by
    state matrices, from one indicator matrix per vote (states by roll calls).

    >>> calls, states = np.array([1, 1, 1, 2, 2]), np.array([2, 20, 40, 2, 20])
    >>> states, agree, common = _agreement(calls, states, np.array([1, 1, 3, 2, 3]))
    >>> states.tolist(), agree.tolist(), common.tolist()
    ([2, 20, 40], [[2, 1, 0], [1, 2, 0], [0, 0, 1]], [[2, 2, 1], [2, 2, 1], [1, 1, 1]])
    """
    states, row = np.unique(codes, return_inverse=True)
    calls, column = np.unique(rcids, return_inverse=True)
    agree = np.zeros((len(states), len(states)), np.int64)
    cast = np.zeros((len(states), len(calls)), np.int64)
    for value in (1, 2, 3):
        matrix = np.zeros((len(states), len(calls)), np.int64)
        chosen = votes == value
        matrix[row[chosen], column[chosen]] = 1
        agree += matrix @ matrix.T
        cast += matrix
    return states, agree, cast @ cast.T
