"""Writing files so that a crash, a full disk or Ctrl-C never leaves half a file.

Every output goes to a temporary file in the same folder, is flushed to disk,
then renamed over the target in one step.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import IO

from jstevents.errors import FileConflict, WriteFailed


def _explain(exc: OSError, path: Path) -> WriteFailed:
    where = path.as_posix()
    if exc.errno == errno.EROFS:
        return WriteFailed(
            f"cannot write {where}: the disk or folder is read-only",
            hint="choose another output folder (-o); the previous version of the file was left as it was",
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return WriteFailed(
            f"cannot write {where}: permission denied",
            hint="choose another output folder (-o) or check that the folder is writable",
        )
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return WriteFailed(
            f"cannot write {where}: the disk is full",
            hint="free some space; the previous version of the file was left as it was",
        )
    if exc.errno == errno.EISDIR or path.is_dir():
        return WriteFailed(
            f"cannot write {where}: it is a folder",
            hint="give the name of a file inside it, e.g. " + (path / "output").as_posix(),
        )
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        return WriteFailed(
            f"cannot write {where}: {blocker.as_posix()} is a file, not a folder",
            hint="choose another output path, or move that file away",
        )
    return WriteFailed(f"cannot write {where}: {exc.strerror or exc}")


def write_bytes(
    path: Path, data: bytes, *, private: bool = False, durable: bool = True, mode: int | None = None
) -> None:
    """Replace `path` with `data` atomically; `private` makes it owner-only on POSIX, `mode` gives
    it exactly those permissions (a file the user made keeps its own, see `rewrite`).

    `durable=False` skips the flush to disk (still a rename, never half a file while the
    machine runs): for previews written by the hundred that the next run writes again,
    where a flush per file would cost more than everything else.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _explain(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif not private:
            # mkstemp creates 0600; ordinary outputs get the usual permissions.
            # Reading the umask means setting it; a file another thread creates in
            # that instant gets owner-only permissions rather than world-writable ones.
            umask = os.umask(0o077)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _explain(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def rewrite(path: Path, data: bytes, *, private: bool = False) -> None:
    """Replace the content of a file the user keeps (the roster, a YAML file), atomically, and keep
    what they set up: a link stays a link (the file it points to gets the new content) and the
    file keeps its permissions (0640 stays 0640). A new file is made as `write_bytes` makes one.
    """
    import stat

    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _explain(exc, target) from None
    write_bytes(target, data, private=private, mode=mode)


def write_text(path: Path, text: str, *, private: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), private=private)


def create_text(path: Path, text: str) -> None:
    create_bytes(path, text.encode("utf-8"))


def create_bytes(path: Path, data: bytes) -> None:
    """Write a new file atomically; refuse, without touching it, if `path` already exists.

    The name is claimed with an exclusive create first, so that two runs (or the
    user's editor) cannot both believe the file is theirs; the content then
    replaces the empty placeholder in one step.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
    except FileExistsError:
        raise FileConflict(
            f"{path.as_posix()} already exists; it is never overwritten",
            hint="delete or rename it first, or choose another name",
        ) from None
    except OSError as exc:
        raise _explain(exc, path) from None
    try:
        write_bytes(path, data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def replace_keeping_backup(path: Path, data: bytes, *, private: bool = False) -> Path | None:
    """Write `data` to `path`; if a different file was there, keep it as `<name>.bak` first.

    For outputs a coordinator may have edited by hand after generating them (a
    communiqué touched up before sending): a new run never loses those edits
    silently. Returns the backup's path when one was made.
    """
    path = Path(path)
    backup = None
    try:
        if path.is_file() and path.read_bytes() != data:
            backup = path.with_name(path.name + ".bak")
            write_bytes(backup, path.read_bytes(), private=private)
    except OSError as exc:
        raise _explain(exc, path) from None
    write_bytes(path, data, private=private)
    return backup


def open_log(path: Path, *, create: bool = True) -> int:
    """A descriptor of an append-only log of personal data (the send journal), created owner-only.

    Never opened through a link (`O_NOFOLLOW`): a log that is a link could point at a file others
    read, or at /dev/null. Raises `OSError` (ELOOP for a link) for the caller to explain.
    """
    flags = os.O_RDWR | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    return os.open(path, flags | (os.O_CREAT if create else 0), 0o600)


def append_durably(fd: int, data: bytes) -> None:
    """Append `data` to the log `fd` and wait until it is on the disk. Unbuffered: when this raises
    (a full disk), nothing is left in a buffer for a later close to fail on a second time."""
    written = 0
    while written < len(data):
        written += os.write(fd, data[written:])
    os.fsync(fd)


def open_lock(path: Path) -> int:
    """A descriptor of a lock file (`commands.lock`), created owner-only, never through a link."""
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)


def note_holder(fd: int, text: str) -> None:
    """Say in the lock file which run holds it (read by a run that finds it held)."""
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("utf-8"), 0)


def open_private_log(path: Path) -> IO[bytes]:
    """Open an append-only log of personal data, created owner-only, for reading and appending.

    The one kind of file not replaced whole: a journal grows a line at a time, and each
    line must reach the disk before the next message goes out, so it is appended to.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as exc:
        raise _explain(exc, path) from None
    return os.fdopen(fd, "a+b")
