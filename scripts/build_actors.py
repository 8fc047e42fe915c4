"""Write the extractor's actor dictionary from PETRARCH2's Phoenix actor dictionaries.

- ``src/diplograph/curation/data/phoenix-actors.tsv`` (MIT, from ``Phoenix.Countries.actors.txt``,
  ``Phoenix.International.actors.txt`` and ``Phoenix.MilNonState.actors.txt`` of PETRARCH2,
  (c) 2014 Open Event Data Alliance): every name of an actor the dictionaries code, with its CAMEO
  actor code and what kind of actor it is, for the names the country table
  (``countries.tsv``) does not know (:mod:`diplograph.curation.gazetteer` reads both, the table
  first).

Run from the repository root (``tests/test_extract_rules.py`` checks that the committed file is
what it writes):

    python scripts/build_actors.py [--data ../shared/data]

The dictionaries' format (TABARI's, ``dictionaries.rst``): an entry is a name (words joined by
``_``) with its code in ``[...]``, then ``+`` lines of other names of it; a person's codes stand on
lines of their own, each with the dates it held (``[DZAGOV >990427]``). Kept here:

- organisations and armed groups: every name with the entry's code (``IGOUNO``, ``LBNREB``);
  companies (``MNC``) are left out, as no party to a diplomatic tie;
- persons (an entry whose codes hold for dates, not an armed group's nor a bare country code):
  the code of the office held last (an open range, ``>date``, else the last dated one), so the
  country of the person's latest post; an entry whose code names no country or organisation is
  left out;
- other names of a country (``+PEOPLE'S_REPUBLIC_OF_CHINA``, its towns and regions: CAMEO codes a
  place by its state) as the country's code.

A name two entries give different codes is left out (the dictionaries cannot tell which is
meant); so are names of one letter and names that begin with no letter or digit.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "diplograph" / "curation" / "data" / "phoenix-actors.tsv"
FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
_CODE = re.compile(r"\[([^\]]*)\]")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


def _name(raw: str) -> str:
    """``AL-QAEDA_IN_IRAQ_`` -> ``AL-QAEDA IN IRAQ``."""
    return " ".join(raw.replace("_", " ").split())


def _entries(text: str) -> list[tuple[list[str], list[str]]]:
    """``(names, codes)`` of every entry of a dictionary file; codes as written, with dates."""
    entries: list[tuple[list[str], list[str]]] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0].isspace():
            if entries:
                entries[-1][1].extend(_CODE.findall(line))
            continue
        if line.startswith("+"):
            if entries:
                entries[-1][0].append(_name(line[1:].split("[", 1)[0]))
                entries[-1][1].extend(_CODE.findall(line))
            continue
        entries.append(([_name(line.split("[", 1)[0])], _CODE.findall(line)))
    return entries


def _latest(codes: list[str]) -> str:
    """The code of the office held last: an open range (``>date``), else the last dated one,
    else the first code."""
    dated = [c.split()[0] for c in codes if len(c.split()) > 1]
    open_ended = [c.split()[0] for c in codes if len(c.split()) > 1 and c.split()[1][0] == ">"]
    if open_ended:
        return open_ended[-1]
    if dated:
        return dated[-1]
    return codes[0].split()[0] if codes else ""


def _kind(code: str, dated: bool, file: str) -> str:
    """What an entry is, in the extractor's words ("" to leave it out): in the countries' file a
    bare country code names the country (its other names, towns, regions) and a code with a role
    held for dates a person; in the international one, a code held for dates is a person's (a
    Secretary-General's); armed groups are groups whatever their dates."""
    if code.startswith("MNC") or not _COUNTRY.match(code[:3]):
        return ""
    if file.startswith("Phoenix.MilNonState"):
        return "group"
    if file.startswith("Phoenix.Countries") and len(code) == 3:
        return "place"
    if dated:
        return "person"
    if code.startswith("IGO"):
        return "igo"
    if code.startswith("NGO"):
        return "ngo"
    return "group"


def build_actors(data: Path) -> str:
    """The text of phoenix-actors.tsv."""
    folder = data / "petrarch2-dictionaries"
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    first: dict[str, tuple[str, str, str]] = {}
    for file in FILES:
        for names, codes in _entries((folder / file).read_text(encoding="latin-1")):
            dated = any(len(c.split()) > 1 for c in codes)
            code = _latest(codes)
            kind = _kind(code, dated, file)
            if not kind:
                continue
            for name in names:
                if len(name) < 2 or not name[0].isalnum():
                    continue
                key = name.casefold()
                found[key].add((code, kind))
                first.setdefault(key, (name, code, kind))
    header = (folder / "Phoenix.Countries.actors.txt").read_text(encoding="latin-1")
    lines = header.splitlines()[:60]
    start = lines.index("# The MIT License (MIT)")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("# THE SOFTWARE."))
    out = [
        "# Generated by scripts/build_actors.py from the Phoenix actor dictionaries of PETRARCH2",
        "# (Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,",
        "# Phoenix.MilNonState.actors.txt; github.com/openeventdata/petrarch2, commit 676801c).",
        "# Do not edit. Licence of the source and of this derived file:",
        *lines[start : end + 1],
        "name\tcode\tkind",
    ]
    for key in sorted(found):
        if len(found[key]) > 1:
            continue  # two entries code the name differently
        name, code, kind = first[key]
        out.append(f"{name}\t{code}\t{kind}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    OUT.write_text(build_actors(args.data), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
