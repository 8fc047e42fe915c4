"""The one writer of every output file: whole files or nothing, never over a device or a folder.

A file is written to a temporary file beside it and renamed into place, so a failure leaves no
half-written output. Only a regular file (or a symbolic link to one, whose target is written) is
ever replaced: ``-o /dev/null``, a folder, a pipe or a socket are refused, as are a missing
parent folder and a place that cannot be written, each with an :class:`OutputError` naming it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from diplograph.errors import OutputError

__all__ = ["AtomicFile", "check_output_path", "print_text", "write_output"]


def check_output_path(path: Path) -> Path:
    """The file that writing ``path`` will replace; :class:`OutputError` if it may not be written.

    Call it before long work, so that a bad ``-o`` fails fast.
    """
    target = path
    if path.is_symlink():
        try:
            target = path.resolve()
        except (RuntimeError, OSError) as error:  # Python 3.11 says RuntimeError for a loop
            raise OutputError(
                f"{path} is a symbolic link that leads nowhere ({error}); name another file."
            ) from None
    if target.exists():
        if target.is_dir():
            raise OutputError(f"{path} is a folder; name a file to write.")
        if not target.is_file():
            raise OutputError(
                f"{path} is not a regular file (a device, pipe or socket); diplograph only "
                "writes regular files. Name a file, or leave out -o to print to the screen."
            )
    parent = target.parent
    if not parent.is_dir():
        raise OutputError(f"Cannot write {path}: the folder {parent} does not exist.")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"Cannot write {path}: the folder {parent} is not writable.")
    if target.exists() and not os.access(target, os.W_OK):
        raise OutputError(f"Cannot write {path}: the file is read-only.")
    return target


class AtomicFile:
    """A file written in pieces and put in place whole when :meth:`commit` is called, or not at
    all (:meth:`discard`, or leaving a ``with`` block by an exception).

    It is written to a temporary file beside ``path`` (so the rename cannot cross file systems)
    and given the mode the file has, or the usual one the umask leaves (``0o666 & ~umask``).
    ``text`` streams take ``newline`` as :func:`open` does.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with AtomicFile(folder / "a.csv") as out:
    ...     _ = out.stream.write("x,y\\n")
    >>> (folder / "a.csv").read_text()
    'x,y\\n'
    """

    def __init__(self, path: Path, *, text: bool = True, newline: str | None = None) -> None:
        self.path = path
        self.target = check_output_path(path)
        try:
            handle, name = tempfile.mkstemp(
                dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp"
            )
        except OSError as error:
            raise OutputError(f"Cannot write {path} ({error.strerror or error}).") from error
        self.temporary = Path(name)
        self.stream: IO[Any] = (
            os.fdopen(handle, "w", encoding="utf-8", newline=newline, buffering=1 << 20)
            if text
            else os.fdopen(handle, "wb", buffering=1 << 20)
        )

    def commit(self) -> None:
        """Put the file in place (the checks of :func:`check_output_path` run again)."""
        try:
            self.stream.close()
            target = check_output_path(self.path)
            umask = os.umask(0)
            os.umask(umask)
            mode = (target.stat().st_mode & 0o777) if target.exists() else (0o666 & ~umask)
            self.temporary.chmod(mode)  # mkstemp makes 0600: keep the file's mode, or the usual
            self.temporary.replace(target)
        except OSError as error:
            self.temporary.unlink(missing_ok=True)
            raise OutputError(f"Cannot write {self.path} ({error.strerror or error}).") from error
        except BaseException:
            self.temporary.unlink(missing_ok=True)
            raise

    def discard(self) -> None:
        """Throw the temporary file away; ``path`` is left as it was."""
        if not self.stream.closed:
            self.stream.close()
        self.temporary.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()


def write_output(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` atomically (see the module docstring)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with AtomicFile(path, text=False) as out:
        try:
            out.stream.write(data)
        except OSError as error:
            raise OutputError(f"Cannot write {path} ({error.strerror or error}).") from error


def print_text(text: str) -> None:
    """Write ``text`` to standard output; :class:`OutputError` if it is closed."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("Standard output is closed; give -o FILE to write the result.")
    try:
        stream.write(text if text.endswith("\n") else text + "\n")
        stream.flush()
    except (BrokenPipeError, ValueError, OSError) as error:
        raise OutputError(
            f"Cannot write to standard output ({getattr(error, 'strerror', None) or error}); "
            "give -o FILE to write the result."
        ) from error
