"""The user's private cache folder: values that are slow to compute and the same next time.

- Where: the user's cache folder (`$XDG_CACHE_HOME/jstevents` or `~/.cache/jstevents`;
  `%LOCALAPPDATA%\\jstevents\\cache` on Windows), or `$JSTEVENTS_CACHE_DIR`;
  `JSTEVENTS_NO_CACHE=1` turns it off. Loading a pickle runs code, so only entries this user
  wrote are read, from a folder only this user can write to.
- Anything wrong with an entry (missing, corrupt, stale, unreadable) means it is computed
  again: the cache can never turn into an error for the user.
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
FORMAT = 1
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


def usable_folder(folder: Path, part: str) -> Path | None:
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


def prune(entries: Path) -> None:
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


def read_entry(entry: Path, key: Any) -> Any | None:
    try:
        with entry.open("rb") as handle:
            if os.name != "nt" and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None
            if pickle.load(handle) != key:
                return None
            return pickle.load(handle)
    except Exception:  # missing, unreadable, corrupt or from another version: rebuilt
        return None


def write_entry(entry: Path, key: Any, value: Any) -> None:
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
    entries = usable_folder(folder, "values") if folder is not None else None
    if entries is None:
        return compute()
    entry = entries / (hashlib.sha256(name.encode("utf-8")).hexdigest()[:40] + ".pickle")
    full_key = (FORMAT, sys.version_info[:2], name, key)
    value = read_entry(entry, full_key)
    if value is None:
        value = compute()
        write_entry(entry, full_key, value)
    return value
