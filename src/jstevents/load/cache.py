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
  the jstevents and library versions, the Python version and the source of jstevents all
  match. Anything else (missing, corrupt, stale, unreadable) is ignored and rebuilt: the
  cache can never turn into an error for the user.
- The problems of the whole project are kept too (`projects/`), keyed by every file's name
  and text, the reference day and the code, with the size and time of change of the files
  the checks looked at besides the YAML (form exports, funding logos): while none of that
  changed, `validate` reports them without loading the model, and the other commands skip
  the checks.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jstevents.cache import FORMAT, cache_dir, prune, read_entry, usable_folder, write_entry


def _environment() -> str:
    """What else a validated file (and the problems of a project) depend on: the code.

    The source of every module of jstevents, so that a changed checkout (the version number
    moves only at releases) never reuses what older code produced, and the versions of the
    libraries that validate and word the problems.
    """
    from importlib.metadata import PackageNotFoundError, version

    from jstevents import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=16)
    for source in sorted(package.rglob("*.py")):
        try:
            digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
        except OSError:
            digest.update(b"?")
    libraries = []
    for name in ("pydantic", "pydantic-core", "PyYAML", "holidays", "Babel"):
        try:
            libraries.append(version(name))
        except PackageNotFoundError:
            libraries.append("-")
    return f"{FORMAT}|{__version__}|{'|'.join(libraries)}|{sys.version_info[:2]}|{digest.hexdigest()}"


def _signature(path: Path) -> tuple[Any, ...] | None:
    """What tells a named file changed: its size and time of change (None: not a readable file)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_mode & 0o170000)


@dataclass(frozen=True)
class Remembered:
    """The problems of a whole project as last checked, and the files outside the YAML it named."""

    problems: tuple[Any, ...]
    summary: Any
    named: tuple[Path, ...]
    #: The signature of each named file when the problems were found.
    signatures: tuple[Any, ...] = ()
    #: Files that hold nothing but events, with their event ids: a command about some events skips the others.
    only_events: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Every event of the project.
    event_ids: frozenset[str] = frozenset()


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
        results = usable_folder(folder, "projects")
        if entries is None or results is None:
            return None
        prune(entries)
        prune(results)
        return cls(folder)

    # --- the problems of the whole project -------------------------------------------------

    def result_key(self, files: list[Any], *, today: Any, checks: bool) -> str | None:
        """A key for the project as read now: every file's name and text, the day, the code."""
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{self.environment}|{today}|{checks}".encode())
        for file in files:
            digest.update(b"\0" + file.name.encode("utf-8") + b"\0")
            digest.update(b"?" if file.text is None else file.text.encode("utf-8", "surrogatepass"))
            if file.fault is not None:
                digest.update(repr(file.fault).encode())
        return digest.hexdigest()

    def _result_entry(self, key: str) -> Path:
        return self.folder / "projects" / f"{key[:40]}.pickle"

    def get_result(self, key: str) -> Remembered | None:
        """The problems remembered for `key`, if the files they named have not changed since."""
        found = read_entry(self._result_entry(key), ("result", key))
        if not isinstance(found, Remembered):
            return None
        if tuple(_signature(path) for path in found.named) != found.signatures:
            return None
        return found

    def put_result(self, key: str, remembered: Remembered) -> None:
        signatures = tuple(_signature(path) for path in remembered.named)
        stamped = dataclasses.replace(remembered, signatures=signatures)
        write_entry(self._result_entry(key), ("result", key), stamped)

    # --- one file ----------------------------------------------------------------------------

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
