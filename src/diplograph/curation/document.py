"""A source document as the extractor reads it: text, hash, and the checks that refuse bad input.

A document is read as UTF-8 bytes; its SHA-256 is what identifies it in the graph
(``d:doc-sha256-…``, ``dipl:sha256``). Three kinds of input are refused, each with a
one-paragraph :class:`~diplograph.errors.DataError`: an empty file (or only white space), a
binary file (NUL bytes, invalid UTF-8, or mostly control characters) and a file in another
language. The language check is deliberately cheap, since the extraction rules are English: the
share of letters that are ASCII, and the share of words that are common English function words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from diplograph.digest import sha256_hex
from diplograph.errors import DataError
from diplograph.iri import document_iri

__all__ = ["Document", "check_text", "read_document"]


def _words(text: str) -> list[str]:
    return text.split()


#: the commonest English function words: at least one word in 20 of English prose is one of them
_STOPWORDS = frozenset(
    _words(
        "the of and to a in is that for on with as by at from it its was are be has have had "
        "this an or which were but not their they he she his her will would been also than"
    )
)
_WORD = re.compile(r"[^\W\d_]+")
#: a text whose letters are less ASCII than this, or whose words (8 or more) are fewer of the
#: common words above than this, is taken for another language: the rules read English only
MIN_ASCII_LETTERS = 0.6
MIN_STOPWORDS = 0.15


@dataclass(frozen=True)
class Document:
    """The text of a source document, its name (path or label) and the SHA-256 of its bytes."""

    text: str
    name: str
    sha256: str
    path: Path | None = None

    @classmethod
    def from_text(cls, text: str, name: str = "<text>") -> Document:
        """A document from text in memory (hashed as UTF-8)."""
        return cls(text, name, sha256_hex(text))

    @property
    def iri(self) -> str:
        """The document's IRI in the graph, by diplograph's convention for unaddressed sources."""
        return document_iri(self.sha256)


def read_document(path: Path) -> Document:
    """Read and check a UTF-8 text file; :class:`DataError` if it is missing, binary or empty."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise DataError(f"{path}: no such file.") from error
    except IsADirectoryError as error:
        raise DataError(f"{path} is a folder; name a text file to extract from.") from error
    except OSError as error:
        raise DataError(f"{path}: cannot read it ({error.strerror or error}).") from error
    if b"\x00" in data:
        raise DataError(
            f"{path} is a binary file (it contains NUL bytes), not text; extract reads UTF-8 "
            "text articles."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(
            f"{path} is not UTF-8 text (byte {error.start} cannot be decoded); save the article "
            "as UTF-8 text and try again."
        ) from error
    text = text.removeprefix("\ufeff")
    check_text(text, str(path))
    return Document(text, str(path), sha256_hex(data), path)


def check_text(text: str, name: str) -> None:
    """:class:`DataError` unless ``text`` looks like English prose (see the module docstring)."""
    if not text.strip():
        raise DataError(f"{name} is empty: there is no sentence to extract ties from.")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise DataError(
            f"{name} looks binary ({controls} control characters), not text; extract reads "
            "UTF-8 text articles."
        )
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        raise DataError(f"{name} has no words: there is no sentence to extract ties from.")
    ascii_share = sum(1 for ch in letters if ch.isascii()) / len(letters)
    words = [w.casefold() for w in _WORD.findall(text)]
    stop_share = sum(1 for w in words if w in _STOPWORDS) / len(words) if words else 0.0
    if ascii_share < MIN_ASCII_LETTERS or (len(words) >= 8 and stop_share < MIN_STOPWORDS):
        raise DataError(
            f"{name} does not look like English ({ascii_share:.0%} of its letters are ASCII, "
            f"{stop_share:.0%} of its words common English words); the extraction rules are "
            "English only. Translate the article first, or add its ties with a tie sheet."
        )
