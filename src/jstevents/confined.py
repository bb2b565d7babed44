"""Files a project names (form exports, funding logos, its own YAML), read only from inside its folder.

A project folder may come from anyone who can open a pull request, and `validate` runs on it in
CI. Its YAML may name `/proc/self/environ`, `../../.ssh/id_rsa`, a link to `/dev/zero` or a FIFO.
Each is refused before a byte of it is read: no absolute path, no `..`, no link that leads out of
the folder, regular files only, and never more than a bound. A refusal names the file, never
anything in it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath


class Refused(Exception):
    """Why a named file is not read; the message names the file and how to fix it, never its content."""


class Missing(Refused):
    """The file named is not there (the callers' own messages say so in their words)."""


class TooLarge(Refused):
    """The file is over the bound for its kind (the callers add what to do)."""


def resolve(root: Path, name: str) -> Path:
    """The real path of the file `name` (relative to `root`), if it is inside `root`; else `Refused`."""
    if not name.strip():
        raise Refused("the file name is empty")
    if any(ord(c) < 32 or c == "\x7f" for c in name):
        raise Refused(f"the file name {name!r} holds a control character")
    windows = PureWindowsPath(name)
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or windows.drive or windows.root:
        raise Refused(
            f"{name!r} is an absolute path: name the file relative to the project folder "
            "(e.g. logos/ue.png) and keep it inside that folder"
        )
    if ".." in posix.parts:
        raise Refused(
            f"{name!r} goes up a folder ('..'): files must be inside the project folder; "
            "copy the file into it and name it from there"
        )
    top = root.resolve()
    try:
        real = (top / posix).resolve(strict=True)
    except FileNotFoundError:
        raise Missing(f"file {name!r} does not exist") from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links
        raise Refused(f"cannot follow {name!r}: {getattr(exc, 'strerror', None) or exc}") from None
    if not real.is_relative_to(top):
        raise Refused(
            f"{name!r} is a link to a file outside the project folder: copy the file into the project instead"
        )
    return real


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in a user's words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _open_regular(path: Path, shown: str) -> int:
    """A descriptor of `path` open for reading, if it is a regular file; `Refused` otherwise.

    Opened without blocking (a FIFO would wait forever for a writer) and checked again on the
    open descriptor, so a file swapped for a device between the look and the open is refused too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        kind = _kind(os.stat(path).st_mode)
        if kind is not None:
            raise Refused(f"{shown!r} is {kind}, not a regular file: name a file of the project")
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Missing(f"file {shown!r} does not exist") from None
    except OSError as exc:
        raise Refused(f"cannot read {shown!r}: {exc.strerror or exc}") from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
    except OSError as exc:
        os.close(fd)
        raise Refused(f"cannot read {shown!r}: {exc.strerror or exc}") from None
    if kind is not None:
        os.close(fd)
        raise Refused(f"{shown!r} is {kind}, not a regular file: name a file of the project")
    return fd


def _read_upto(fd: int, count: int) -> bytes:
    chunks, total = [], 0
    while total < count:
        chunk = os.read(fd, min(1 << 20, count - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_regular(path: Path, limit: int, display: str | None = None) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes; `Refused` otherwise.

    Never more than `limit` + 1 bytes are read, so a file that grows while it is read (or a
    device that claims size 0, as /dev/zero does) is never read without end.
    """
    shown = display or path.as_posix()
    fd = _open_regular(path, shown)
    try:
        if os.fstat(fd).st_size > limit:
            raise TooLarge(too_large(shown, limit))
        data = _read_upto(fd, limit + 1)
    except OSError as exc:
        raise Refused(f"cannot read {shown!r}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(too_large(shown, limit))
    return data


def read_head(path: Path, count: int) -> bytes:
    """At most the first `count` bytes of `path` if it is a regular file; b"" for anything else."""
    try:
        fd = _open_regular(path, path.as_posix())
    except Refused:
        return b""
    try:
        return _read_upto(fd, count)
    except OSError:
        return b""
    finally:
        os.close(fd)


def too_large(shown: str, limit: int) -> str:
    return f"{shown!r} is larger than {_megabytes(limit)}, the limit for such a file"


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.0f} MB" if size >= 1 << 20 else f"{size:,} bytes"


def read_named(root: Path, name: str, limit: int) -> bytes:
    """The bytes of the file `name` of the project in `root`: inside it, regular, at most `limit` bytes."""
    return read_regular(resolve(root, name), limit, name)
