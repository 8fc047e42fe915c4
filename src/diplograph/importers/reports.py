"""What an import tells: its report (``read = imported + rejected + filtered``, with reasons),
the rejects file of malformed rows, and ``--strict``'s stop.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from diplograph.errors import DiplographError
from diplograph.output import AtomicFile, check_output_path

if TYPE_CHECKING:
    pass


__all__ = ["ImportReport", "Progress", "Rejects", "StrictStop", "category"]


class StrictStop(DiplographError):
    """``--strict``: the first bad row stopped the import (nothing of that file was loaded)."""


@dataclass
class ImportReport:
    """What one import of one file did: ``read = imported + rejected + filtered``."""

    dataset: str
    file: Path
    #: the variant of the dataset recognised from the file's content
    form: str = ""
    read: int = 0
    imported: int = 0
    rejected: int = 0
    filtered: int = 0
    rejected_reasons: Counter[str] = field(default_factory=Counter)
    filtered_reasons: Counter[str] = field(default_factory=Counter)
    #: a problem with the file as a whole (empty, not this dataset): nothing could be read
    problem: str = ""
    triples: int = 0
    seconds: float = 0.0
    #: the named graph the records went into (None when nothing was loaded)
    graph: str | None = None

    @property
    def balanced(self) -> bool:
        return self.read == self.imported + self.rejected + self.filtered

    @property
    def rate(self) -> float:
        """Rows per second, end to end."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """``june2011.csv: read 5,274 = imported 3,100 + rejected 0 + filtered 2,174``."""
        if self.problem:
            return f"{self.file.name}: nothing read: {self.problem}"
        return (
            f"{self.file.name}: read {self.read:,} = imported {self.imported:,} + rejected "
            f"{self.rejected:,} + filtered {self.filtered:,}"
        )


class Rejects:
    """The rejects file: one CSV row per rejected record (dataset, file, line, reason, text),
    written as the rows come and put in place (atomically) when closed."""

    COLUMNS = ("dataset", "file", "line", "reason", "text")

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0
        self._file: AtomicFile | None = None
        if path is not None:
            check_output_path(path)  # fail before any work

    def write(self, dataset: str, file: Path, line: int, reason: str, text: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._file is None:
            self._file = AtomicFile(self.path, newline="")
            self._writer = csv.writer(self._file.stream)
            self._writer.writerow(self.COLUMNS)
        self._writer.writerow((dataset, str(file), line, reason, text))

    def close(self) -> None:
        """Put the rejects file in place (only written when something was rejected)."""
        if self._file is not None:
            file, self._file = self._file, None
            file.commit()

    def discard(self) -> None:
        if self._file is not None:
            file, self._file = self._file, None
            file.discard()


#: (report so far, bytes read, bytes in the file) -> None; called every PROGRESS_EVERY rows
Progress = Callable[[ImportReport, int, int], None]


_NUMBERS = re.compile(r"'[^']*'|(?<![\w-])\d+(?![\w-])")


def category(reason: str) -> str:
    """A reason without its particulars (values, numbers), to count reasons by kind."""
    return _NUMBERS.sub("…", reason)
