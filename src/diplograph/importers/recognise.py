"""What a dataset file looks like, from its first line: so that a file given to the wrong importer
is told what it seems to be and what was expected, at its header, before anything is read.

Each known dataset is a set of column names its header has (lower case, any order, others
allowed); the first that fits names the file.

>>> looks_like(["rcid", "ccode", "vote", "member"])
'UN General Assembly roll-call votes (Voeten): rcid, ccode, vote'
>>> looks_like(["a", "b"])
'no dataset diplograph knows (its columns start a, b)'
"""

from __future__ import annotations

__all__ = ["SIGNATURES", "looks_like", "not_this"]

#: dataset -> (what it is, the columns that identify it); the more specific ones first
SIGNATURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("COW Diplomatic Exchange", ("ccode1", "ccode2", "year", "dr_at_1", "dr_at_2")),
    ("ATOP alliance members", ("atopid", "member", "yrent", "yrexit")),
    ("ATOP alliances", ("atopid", "begyr", "endyr")),
    ("ATOP directed dyad-years", ("ccode1", "ccode2", "year", "atop_defense")),
    ("ATOP directed dyad-years", ("statea", "stateb", "year", "defense")),
    ("UN General Assembly roll-call votes (Voeten)", ("rcid", "ccode", "vote")),
    ("UN General Assembly roll calls (Voeten)", ("rcid", "session", "unres")),
    ("UN General Assembly roll-call issues", ("rcid", "short_name", "issue")),
    ("Wikidata diplomatic relations (P530)", ("head_qid", "relation", "tail_qid")),
    ("Wikidata P530 entities", ("qid", "n_as_head", "n_as_tail")),
    ("database of embassies (Wikidata)", ("operatorqid", "countryqid", "qid")),
    ("COW state-system membership", ("stateabb", "ccode", "styear", "endyear")),
    ("COW country codes", ("stateabb", "ccode", "statenme")),
    ("IPI peacekeeping contributions", ("date", "troops")),
    ("GDELT events", ("globaleventid",)),
    ("the country-code crosswalk", ("country_name", "iso3c", "cown")),
)


def looks_like(names: list[str]) -> str:
    """What a header of these column names looks like, in words."""
    keys = {name.strip().lower() for name in names}
    for what, columns in SIGNATURES:
        if set(columns) <= keys:
            return f"{what}: {', '.join(columns[:3])}"
    if len(names) >= 57 and all(
        not name.strip() or name.strip()[0].isdigit() for name in names[:1]
    ):
        return "GDELT events (a tab-separated export without a header)"
    start = ", ".join(name.strip() for name in names[:4] if name.strip())
    return f"no dataset diplograph knows (its columns start {start or 'with nothing'})"


def not_this(expected: str, columns: tuple[str, ...] | list[str], names: list[str]) -> str:
    """The one-line problem of a header that lacks ``columns``: what was expected, which
    columns are missing, and what the file looks like instead.

    >>> print(not_this("COW Diplomatic Exchange", ["ccode1", "dr_at_1"], ["rcid", "ccode", "vote"]))
    ... # doctest: +NORMALIZE_WHITESPACE
    line 1: not COW Diplomatic Exchange: no column ccode1, dr_at_1; it looks like
    UN General Assembly roll-call votes (Voeten): rcid, ccode, vote
    """
    keys = {name.strip().lower() for name in names}
    missing = [c for c in columns if c not in keys]
    return (
        f"line 1: not {expected}: no column {', '.join(missing)}; it looks like {looks_like(names)}"
    )
