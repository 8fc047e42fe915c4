"""Files derived from a store's data, kept beside it and used only while the data is unchanged.

A store on disk keeps them in its own folder (:meth:`~diplograph.store.Store.own_folder`). Each
is named by the store's state (:meth:`~diplograph.store.Store.state`) and by what made it (a key
the caller gives: the version of its code and queries), and is read back only when both match:
one write to the store, by this process or another, and every derived file is out of date.

The state lives in the store's folder as ``state.json``: ``{"state": TOKEN, "writing": BOOL}``.
A process marks it ``writing`` before its first write (:meth:`StateFile.will_write`) and gives
it a new token when the writes are done (:meth:`StateFile.written`, on the next read of the
state or when the store closes). So a reader never takes a state that a write has overtaken,
nor one a crashed writer left half-made; Oxigraph's lock keeps writers to one process at a time.

Derived files hold JSON, the only thing read from them (:func:`json.loads`, which runs no code),
and are signed with a key of the user's own (``derived-key`` in the user cache folder, readable
by the user alone): a file made by anyone else, a store folder copied from elsewhere included,
is ignored and made anew, so that a network shown is always one made from the data here. A
symbolic link in its place is never followed, read or written through.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from diplograph.errors import OutputError
from diplograph.output import AtomicFile

__all__ = [
    "STATE_FILE",
    "KeptForState",
    "StateFile",
    "kept_for_state",
    "read_derived",
    "write_derived",
]

#: the file naming the state of a store's data, in its own folder
STATE_FILE = "state.json"
#: the sub-folder of a store's own folder where derived files go (``derived/cache/NAME.json``)
CACHE_FOLDER = "cache"
#: the first line of a derived file: ``MAGIC LABEL\n SIGNATURE JSON``
_MAGIC = b"diplograph-derived-2\n"


class StateFile:
    """The ``state.json`` of a store's own folder (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_FILE
        #: whether this process has written since it last gave the state a token
        self.dirty = False

    def read(self) -> str | None:
        """The token of the data now, or None when a write is under way or left unfinished (or
        there is no state file)."""
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        token = found.get("state") if isinstance(found, dict) else None
        if not isinstance(token, str) or found.get("writing") is not False:
            return None
        return token

    def _put(self, writing: bool) -> str:
        token = uuid.uuid4().hex
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _replace(self.path, json.dumps({"state": token, "writing": writing}).encode("utf-8"))
        return token

    def will_write(self) -> None:
        """Before a write: the state is ``writing`` until :meth:`written`."""
        if not self.dirty:
            self._put(writing=True)
            self.dirty = True

    def written(self) -> str:
        """After writes (or to start afresh): a new token, ``writing`` no more."""
        self.dirty = False
        return self._put(writing=False)


def _replace(path: Path, *pieces: bytes) -> None:
    """Write ``path`` whole (:class:`~diplograph.output.AtomicFile`); a symbolic link in its
    place (a store folder from elsewhere) is replaced, never written through."""
    if path.is_symlink():
        path.unlink()
    with AtomicFile(path, text=False) as out:
        for piece in pieces:
            out.stream.write(piece)


def _user_key() -> bytes:
    """The user's own key for signing derived files, made on first use (mode 0600)."""
    from platformdirs import user_cache_dir

    folder = Path(
        os.environ.get("DIPLOGRAPH_CACHE") or user_cache_dir("diplograph", appauthor=False)
    )
    path = folder / "derived-key"
    try:
        key = path.read_bytes()
        if len(key) >= 32 and path.stat().st_uid == os.getuid():
            return key
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".derived-key-")
    try:
        with os.fdopen(handle, "wb") as stream:  # mkstemp makes it 0600
            stream.write(key)
        Path(name).replace(path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return key


def _signature(key: bytes, label: bytes, body: bytes | memoryview) -> bytes:
    mac = hmac.new(key, label + b"\0", hashlib.blake2b)
    mac.update(body)
    return mac.digest()


def _cache_path(folder: Path, name: str) -> Path:
    return folder / CACHE_FOLDER / f"{name}.json"


def read_derived(folder: Path | None, name: str, label: str) -> Any | None:
    """The JSON value kept as ``name`` if it was made for ``label`` (the store's state and the
    maker's key, joined by the caller) and signed by this user; else None."""
    if folder is None:
        return None
    path = _cache_path(folder, name)
    try:
        if path.is_symlink() or not path.is_file():
            return None
        data = path.read_bytes()
    except OSError:
        return None
    wanted = label.encode("utf-8")
    head = _MAGIC + wanted + b"\n"
    size = hashlib.blake2b().digest_size
    if not data.startswith(head) or len(data) < len(head) + size:
        return None
    view = memoryview(data)
    signature, body = view[len(head) : len(head) + size], view[len(head) + size :]
    if not hmac.compare_digest(signature, _signature(_user_key(), wanted, body)):
        return None
    try:
        return json.loads(bytes(body))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def write_derived(folder: Path | None, name: str, label: str, value: Any) -> bool:
    """Keep the JSON value ``value`` as ``name`` for ``label`` (replacing what was kept);
    whether it could be written (a folder that is not writable just keeps nothing)."""
    if folder is None:
        return False
    path = _cache_path(folder, name)
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    wanted = label.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if folder.is_symlink() or path.parent.is_symlink():
            return False
        _replace(path, _MAGIC + wanted + b"\n", _signature(_user_key(), wanted, body), body)
    except (OSError, OutputError):
        return False
    return True


class _Keeping(Protocol):
    """What :func:`kept_for_state` asks of a store (:class:`~diplograph.store.Store`)."""

    @property
    def writable(self) -> bool: ...

    def own_folder(self) -> Path | None: ...

    def state(self) -> str | None: ...


@dataclass(frozen=True)
class KeptForState:
    """A value a store keeps as ``name`` for the state it was in when this was made (see
    :func:`kept_for_state`): read back only for that state and maker, kept only by a writable
    open and only while the store is still in that state."""

    store: _Keeping
    name: str
    maker: str
    folder: Path | None
    #: the store's state when this was made; None when it keeps nothing (in memory, an
    #: endpoint, a write under way)
    state: str | None

    @property
    def keeps(self) -> bool:
        """Whether the store keeps anything for this state (on disk, the state known)."""
        return self.folder is not None and self.state is not None

    @property
    def label(self) -> str:
        """``NAME STATE MAKER``: what the kept file must have been made for."""
        return f"{self.name} {self.state} {self.maker}"

    def read(self) -> Any | None:
        """The JSON value kept for this state and maker, or None."""
        if not self.keeps:
            return None
        return read_derived(self.folder, self.name, self.label)

    def keep(self, value: Any) -> bool:
        """Keep ``value`` (JSON) for this state if the store is open writable (a read-only open
        writes nothing into the store's folder) and not written since (by this process or
        another); whether it was kept."""
        if not self.keeps or not self.store.writable or self.store.state() != self.state:
            return False
        return write_derived(self.folder, self.name, self.label, value)


def kept_for_state(store: _Keeping, name: str, maker: str) -> KeptForState:
    """What ``store`` keeps as ``name`` (``derived/cache/NAME.json``) for its present state,
    made by ``maker`` (a hash of the code, queries and shapes that make the value: a change to
    them makes what was kept out of date): the one place the network, the name indexes and the
    validation report are kept and read back."""
    folder = store.own_folder()
    state = store.state() if folder is not None else None
    return KeptForState(store, name, maker, folder, state)
