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
import sys
from pathlib import Path
from typing import Any

from jstevents.cache import FORMAT, cache_dir, prune, read_entry, usable_folder, write_entry


def _environment() -> str:
    """What else a validated file depends on: the code that validated it."""
    import pydantic

    from jstevents import __version__

    # The source of the modules that parse and validate, so that a changed checkout (the
    # version number moves only at releases) never reuses what older code produced.
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for source in sorted([*(package / "model").glob("*.py"), *(package / "load").glob("*.py")]):
        try:
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
        except OSError:
            digest.update(b"?")
    return f"{FORMAT}|{__version__}|{pydantic.VERSION}|{sys.version_info[:2]}|{digest.hexdigest()}"


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return True


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
        entries = usable_folder(folder, "files")
        if entries is None:
            return None
        prune(entries)
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
        return read_entry(self._entry(path), key)

    def put(self, path: Path, text: str, content: Any) -> None:
        """Remember the validated content of a file; a failure only means no entry."""
        path = path.absolute()
        key = self._key(path, text)
        if key is None:
            return
        write_entry(self._entry(path), key, content)
