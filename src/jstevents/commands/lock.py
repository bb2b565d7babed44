"""One writing run at a time in a project: `build`, `import-participants`, `new …` and `mail`.

Two builds at once could each set the other's folder aside and remove it; two imports would
each merge into the roster as it was before the other, and the second would drop the first's
people while both said "Written". The lock is `.jstevents/lock`, held with `flock` for the
length of the run: the system releases it when the process ends in any way (Ctrl-C, a crash,
SIGKILL), so a stale lock cannot stay behind. The file says which run holds it.
Reading commands (`validate`, `show`, `documents`) do not take it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jstevents.commands import files
from jstevents.commands.state import state_dir
from jstevents.errors import StateError

#: How long a run waits for another to finish before giving up with a message: a build or an
#: import takes seconds; a mail-out can take an hour, and the message says which run it is.
WAIT_SECONDS = 30.0

#: Locks this process holds, by project folder: a command that calls another part that locks
#: too (an import that writes through `yaml_edit`) must not wait for itself.
_held: dict[Path, int] = {}


@contextmanager
def project_lock(root: str | Path, command: str) -> Iterator[None]:
    """Hold the project's lock while the block runs; `StateError` at once if another run holds it."""
    key = Path(root).resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = _open(key)
    if fd is None:  # a folder that cannot be written: the command's own writes will say so
        yield
        return
    try:
        _acquire(fd, key)
        files.note_holder(fd, f"jstevents {command} (process {os.getpid()})\n")
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
    finally:
        os.close(fd)


def _open(root: Path) -> int | None:
    folder = state_dir(root)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return files.open_lock(folder / "lock")
    except OSError:
        return None


def _acquire(fd: int, root: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no flock; one run at a time is up to the user there
        return
    end = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError:
            if time.monotonic() >= end:
                break
            time.sleep(0.1)
    try:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another jstevents run"
    except OSError:
        holder = "another jstevents run"
    raise StateError(
        f"the project {root.as_posix()} is in use: {holder} is writing to it",
        hint=f"waited {WAIT_SECONDS:g} s; wait for that run to finish, then run again (nothing was changed)",
    )
