"""A private cache of validated project files, so that unchanged files are not parsed again.

Parsing and validating the YAML is most of the time of every command on a large project.
A file that loaded without any problem is kept here as its validated sections; the next
load of the same, unchanged file takes them back instead of parsing it.

- Where: the user's cache folder (`$XDG_CACHE_HOME/jstevents` or `~/.cache/jstevents`;
  `%LOCALAPPDATA%\\jstevents\\cache` on Windows), or `$JSTEVENTS_CACHE_DIR`;
  `JSTEVENTS_NO_CACHE=1` turns it off. Never inside the project: the project is shared
  through git, and loading a pickle runs code, so only files this user wrote are read,
  from a folder only this user can write to. The entries hold personal data: the folder
  is owner-only.
- An entry counts only if the file's absolute path, size, mtime_ns and content digest,
  the jstevents and pydantic versions, the Python version and the source of the modules
  that parse and validate all match. Anything else (missing, corrupt, stale, unreadable) is ignored and rebuilt:
  the cache can never turn into an error for the user.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

CACHE_ENV = "JSTEVENTS_CACHE_DIR"
NO_CACHE_ENV = "JSTEVENTS_NO_CACHE"
_FORMAT = 1
PRUNE_AFTER_DAYS = 30
T = TypeVar("T")


def cache_dir() -> Path | None:
    """The folder of the cache, or None when it is turned off."""
    if os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "jstevents" / "cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    base_path = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base_path / "jstevents"


def _environment() -> str:
    """What else a validated file depends on: the code that validated it."""
    import pydantic

    from . import __version__

    # The source of the modules that parse and validate, so that a changed checkout (the
    # version number moves only at releases) never reuses what older code produced.
    here = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for module in ("model.py", "project.py", "yamlfile.py", "load_cache.py"):
        try:
            digest.update((here / module).read_bytes())
        except OSError:
            digest.update(b"?")
    return f"{_FORMAT}|{__version__}|{pydantic.VERSION}|{sys.version_info[:2]}|{digest.hexdigest()}"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return True


def _usable(folder: Path, part: str) -> Path | None:
    """`folder/part`, owner-only; None if it cannot be made so, or may be someone else's.

    A folder this creates is owner-only. An existing `folder` (say, one named in
    $JSTEVENTS_CACHE_DIR) is left as it is; only `part` inside it, which holds the
    entries, is made owner-only.
    """
    entries = folder / part
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
        entries.mkdir(exist_ok=True, mode=0o700)
        if os.name != "nt":
            outer, inner = folder.stat(), entries.stat()
            if inner.st_uid != os.getuid():
                return None  # someone else's folder: never unpickle what they may have written
            if outer.st_uid != os.getuid() and not outer.st_mode & stat.S_ISVTX:
                return None  # its owner could swap the entries folder for their own
            if inner.st_mode & 0o077:
                os.chmod(entries, 0o700)
    except OSError:
        return None
    return entries


def _prune(entries: Path) -> None:
    """Once a day, forget entries not written for `PRUNE_AFTER_DAYS`: files renamed, deleted
    or of projects long gone. A file still in use is simply read again once and kept anew."""
    stamp = entries / ".pruned"
    now = time.time()
    try:
        if now - stamp.stat().st_mtime < 86400:
            return
    except OSError:
        pass
    try:
        stamp.touch()
        for entry in entries.glob("*.pickle"):
            if now - entry.stat().st_mtime > PRUNE_AFTER_DAYS * 86400:
                entry.unlink(missing_ok=True)
    except OSError:
        pass


def _read(entry: Path, key: Any) -> Any | None:
    try:
        with entry.open("rb") as handle:
            if os.name != "nt" and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None
            if pickle.load(handle) != key:
                return None
            return pickle.load(handle)
    except Exception:  # missing, unreadable, corrupt or from another version: rebuilt
        return None


def _write(entry: Path, key: Any, value: Any) -> None:
    tmp = None
    try:
        # mkstemp creates the file 0600. Not fsynced: a torn entry is simply ignored.
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except Exception:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def remembered(name: str, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """`compute()`, kept in the cache under `name` while `key` stays the same.

    For slow, pure computations that do not depend on the project (holiday calendars).
    """
    folder = cache_dir()
    entries = _usable(folder, "values") if folder is not None else None
    if entries is None:
        return compute()
    entry = entries / (hashlib.sha256(name.encode("utf-8")).hexdigest()[:40] + ".pickle")
    full_key = (_FORMAT, sys.version_info[:2], name, key)
    value = _read(entry, full_key)
    if value is None:
        value = compute()
        _write(entry, full_key, value)
    return value  # type: ignore[no-any-return]


class LoadCache:
    """The entries of one load: `get` before parsing a file, `put` after a clean validation."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.environment = _environment()

    @classmethod
    def open(cls, root: Path) -> LoadCache | None:
        """The cache for a load of `root`, or None if it is off or its folder is not safe to use."""
        folder = cache_dir()
        if folder is None or _inside(folder, root):
            return None
        entries = _usable(folder, "files")
        if entries is None:
            return None
        _prune(entries)
        return cls(folder)

    def _entry(self, path: Path) -> Path:
        return self.folder / "files" / (hashlib.sha256(os.fsencode(path)).hexdigest()[:40] + ".pickle")

    def _key(self, path: Path, text: str) -> tuple[Any, ...] | None:
        try:
            info = path.stat()
        except OSError:
            return None
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()
        return (self.environment, str(path), info.st_size, info.st_mtime_ns, digest)

    def get(self, path: Path, text: str) -> Any | None:
        """The validated content cached for this file as it is now, or None."""
        path = path.absolute()
        key = self._key(path, text)
        if key is None:
            return None
        return _read(self._entry(path), key)

    def put(self, path: Path, text: str, content: Any) -> None:
        """Remember the validated content of a file; a failure only means no entry."""
        path = path.absolute()
        key = self._key(path, text)
        if key is None:
            return
        _write(self._entry(path), key, content)
