"""Writing files so that a crash, a full disk or Ctrl-C never leaves half a file.

Every output goes to a temporary file in the same folder, is flushed to disk,
then renamed over the target in one step.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from .problems import JsteventsError


def _explain(exc: OSError, path: Path) -> JsteventsError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return JsteventsError(
            f"cannot write {path.as_posix()}: permission denied",
            hint="choose another output folder (-o) or check that the folder is writable",
        )
    if exc.errno == errno.ENOSPC:
        return JsteventsError(
            f"cannot write {path.as_posix()}: the disk is full",
            hint="free some space; the previous version of the file was left as it was",
        )
    return JsteventsError(f"cannot write {path.as_posix()}: {exc.strerror or exc}")


def write_bytes(path: Path, data: bytes, *, private: bool = False, durable: bool = True) -> None:
    """Replace `path` with `data` atomically; `private` makes it owner-only on POSIX.

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
        if not private:
            # mkstemp creates 0600; ordinary outputs get the usual permissions.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _explain(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str, *, private: bool = False) -> None:
    write_bytes(path, text.encode("utf-8"), private=private)


def create_text(path: Path, text: str) -> None:
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
        raise JsteventsError(
            f"{path.as_posix()} already exists; it is never overwritten",
            hint="delete or rename it first, or choose another name",
        ) from None
    except OSError as exc:
        raise _explain(exc, path) from None
    try:
        write_text(path, text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
