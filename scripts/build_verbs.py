"""Write the extractor's verb lexicon from PETRARCH2's CAMEO verb dictionary and the
CAMEO-to-PLOVER table from PLOVER's crosswalk: two generated files, one per licence.

- ``src/diplograph/curation/data/cameo-verbs.tsv`` (MIT, from ``CAMEO.2.0.txt`` of PETRARCH2,
  (c) 2015 Open Event Data Alliance): the synonym sets, every verb form with its block and default
  CAMEO code, and every pattern (words before and after the verb that refine the code).
- ``src/diplograph/curation/data/cameo-plover.tsv`` (CC BY-SA 4.0, from
  ``CAMEO2PLOVER-2021.txt``, Open Event Data Alliance): CAMEO code -> PLOVER 2021 category and
  mode. Kept apart so the MIT file carries no share-alike obligation.

Run from the repository root (``tests/test_extract_lexicon.py`` checks that the committed files
are what it writes):

    python scripts/build_verbs.py [--data ../shared/data]

Format of the verb file, one record a line, tab-separated, after ``#`` comment lines:

- ``synset  &NAME  word|word phrase|...`` (plurals added as PETRARCH adds them);
- ``verb    BLOCK  form|form|...  CODE`` (the forms of one verb or multi-word verb; CODE its
  default, ``---`` none);
- ``pattern BLOCK  PRE * POST  CODE`` (elements separated by spaces: a word, ``&NAME`` for a
  synonym set, or words joined by ``_`` that must stand together; PRE before the verb, POST after
  it, in order; ``a/b`` is either word). A pattern applies to every verb of its block;
  ``---`` means "no event".
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "diplograph" / "curation" / "data"
VERBS = OUT / "cameo-verbs.tsv"
PLOVER = OUT / "cameo-plover.tsv"

_VERB_LINE = re.compile(
    r"^(?P<verb>[^\s{\[]+)\s*(?:\{(?P<forms>[^}]*)\})?\s*(?:\[(?P<code>[^\]]*)\])?"
)
_BLOCK = re.compile(r"^---\s+(?P<name>\S+)\s+\[(?P<code>[^\]]*)\]")
_PATTERN = re.compile(r"^-\s*(?P<body>.*?)\s*\[(?P<code>[^\]]*)\]")
_CROSS = re.compile(r"^(?P<code>\d{2,4}):\s*(?P<plover>[A-Z]+)\s*,\s*(?P<mode>[^,]*),")


def _plurals(word: str) -> list[str]:
    """PETRARCH's regular plural of a synonym-set word (none after a trailing ``_``)."""
    if word.endswith("_"):
        return [word[:-1]]
    if word.endswith("SS"):
        return [word, word + "ES"]
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return [word, word[:-1] + "IES"]
    return [word, word + "S"]


def _forms(verb: str) -> list[str]:
    """The regular forms of a one-word verb: itself, -s, -ed, -ing."""
    if verb.endswith(("S", "SH", "CH", "X", "Z")):
        third = verb + "ES"
    elif verb.endswith("Y") and len(verb) > 1 and verb[-2] not in "AEIOU":
        third = verb[:-1] + "IES"
    else:
        third = verb + "S"
    if verb.endswith("E"):
        past, ing = verb + "D", verb[:-1] + "ING"
    elif verb.endswith("Y") and len(verb) > 1 and verb[-2] not in "AEIOU":
        past, ing = verb[:-1] + "IED", verb + "ING"
    else:
        past, ing = verb + "ED", verb + "ING"
    return [verb, third, past, ing]


def _verb_forms(verb: str, given: str | None) -> list[str]:
    """Every form of a dictionary verb: ``ASK``, ``+ASK_FOR``, ``WIRE_+TAP`` with ``{...}``."""
    words = verb.split("_")
    marked = [i for i, w in enumerate(words) if w.startswith("+")]
    at = marked[0] if marked else 0
    head = words[at].lstrip("+")
    if given is not None and given.strip():
        listed = [f.replace("+", "").replace("_", " ") for f in given.split() if f.strip(",")]
        base = " ".join(w.lstrip("+") for w in words)
        return list(dict.fromkeys([base, *listed]))
    if given is not None:  # "{}": no other forms
        return [" ".join(w.lstrip("+") for w in words)]
    out = []
    for form in _forms(head):
        out.append(" ".join([*words[:at], form, *words[at + 1 :]]).replace("+", ""))
    return out


def _code(text: str) -> str:
    """The event code of ``[CODE]``: the first of ``A:B`` ("" when it has none, as ``[:110]``)."""
    first = re.sub(r"[^0-9-]", "", text.split(":", 1)[0])
    return first if first else ""


def _pattern(body: str) -> str:
    """``PRE * POST`` with ``{A B}`` as ``a_b``, ``(FOR X)`` as ``for x``; role marks dropped."""
    out: list[str] = []
    for token in re.findall(r"\{[^}]*\}|\S+", body):
        token = token.strip("()")
        if not token or token in {"$", "+", "^", "%"}:
            continue
        if token.startswith("{"):
            out.append("_".join(token.strip("{}").split()).lower())
        else:
            out.append(token.lower())
    return " ".join(out)


def build_verbs(data: Path) -> str:
    """The text of cameo-verbs.tsv."""
    source = data / "petrarch2-dictionaries" / "CAMEO.2.0.txt"
    lines = source.read_text(encoding="latin-1").splitlines()
    licence = [line for line in lines[:60] if line.startswith("#")]
    mit = licence[
        licence.index("# The MIT License (MIT)") : licence.index("# LAST UPDATE: 30 April 2015")
    ]
    out = [
        "# Generated by scripts/build_verbs.py from CAMEO.2.0.txt of PETRARCH2 (the CAMEO verb",
        "# dictionary, github.com/openeventdata/petrarch2, commit 676801c). Do not edit.",
        "# Licence of the source and of this derived file:",
        *mit,
        "# kind\tkey\twords\tcode",
    ]
    section = ""
    synset = ""
    synsets: dict[str, list[str]] = {}
    block, block_code = "", ""
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("#") else ""
        if raw.startswith("####### SYNONYM SETS"):
            section = "synsets"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            out += [f"synset\t{k}\t{'|'.join(dict.fromkeys(v))}" for k, v in synsets.items()]
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip():
            continue
        if section == "synsets":
            if line.startswith("&"):
                synset = line.split()[0]
                synsets[synset.rstrip("_")] = []
            elif line.startswith("+") and synset:
                word = line[1:].strip()
                words = [word.rstrip("_")] if synset.endswith("_") else _plurals(word)
                synsets[synset.rstrip("_")] += [w.replace("_", " ").lower() for w in words]
        elif section == "verbs":
            header = _BLOCK.match(line)
            if header:
                block = header["name"]
                block_code = _code(header["code"])
                continue
            if line.startswith("-"):
                match = _PATTERN.match(line)
                if match and block and _code(match["code"]):
                    out.append(
                        f"pattern\t{block}\t{_pattern(match['body'])}\t{_code(match['code'])}"
                    )
                continue
            if line.startswith("~"):
                continue
            match = _VERB_LINE.match(line.strip())
            if match and block:
                code = _code(match["code"]) if match["code"] is not None else block_code
                forms = _verb_forms(match["verb"], match["forms"])
                words = "|".join(dict.fromkeys(f.lower() for f in forms))
                out.append(f"verb\t{block}\t{words}\t{code or '---'}")
    return "\n".join(out) + "\n"


def build_plover(data: Path) -> str:
    """The text of cameo-plover.tsv."""
    source = data / "plover" / "CAMEO2PLOVER-2021.txt"
    out = [
        "# Generated by scripts/build_verbs.py from CAMEO2PLOVER-2021.txt of PLOVER",
        "# (github.com/openeventdata/PLOVER, commit 5e0c24f; PLOVER manual draft 0.8, 2021).",
        "# Do not edit. Copyright Open Event Data Alliance; licensed under the Creative Commons",
        "# Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0,",
        "# https://creativecommons.org/licenses/by-sa/4.0/). This file is a derivative of that",
        "# table and is shared under the same licence, apart from the MIT-licensed code around it.",
        "# cameo\tplover\tmode",
    ]
    seen: set[str] = set()
    for raw in source.read_text(encoding="utf-8").splitlines():
        match = _CROSS.match(raw.strip())
        if not match or len(match["code"]) < 3 or match["code"] in seen:
            continue
        seen.add(match["code"])
        out.append(f"{match['code']}\t{match['plover']}\t{match['mode'].strip()}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    VERBS.write_text(build_verbs(args.data), encoding="utf-8")
    PLOVER.write_text(build_plover(args.data), encoding="utf-8")
    print(f"wrote {VERBS.relative_to(ROOT)} and {PLOVER.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
