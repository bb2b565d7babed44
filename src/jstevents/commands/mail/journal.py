"""The send journal: what became of each participant's communiqué.

One file per event, `<project>/.jstevents/sent-<event-id>.jsonl`, append-only, one JSON
object a line, each written, flushed and fsync'ed before the run goes on. A participant's
last line says where their message stands:

- `sending`: written once the server has said "go ahead" to DATA and before the message
  itself goes out. Nothing is sent unless this line is on the disk.
- `sent`: the server accepted the message ("250").
- `failed`: the server refused it, or the connection ended before the message was sent in
  full; a later run sends it again.
- `uncertain`: the whole message went out but no reply came (a timeout, a dropped connection).

A participant whose last line is `sent` is never sent to again; one whose last line is
`sending` or `uncertain` is not sent to again either, unless the coordinator asks for it
(`--retry-uncertain`) after checking with the server's log or the person: the message may
have arrived. So a run stopped at any point (a crash, SIGKILL, Ctrl-C, a full disk, a server
that never answers) sends nobody a second message without being told to. Lines from earlier
versions of jstevents have no `status`: they stand for `sent`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jstevents.commands import files
from jstevents.commands.state import keep_out_of_git, state_dir
from jstevents.errors import OutputError, StateError

_WRITABLE = "the project folder must be writable: the journal is what makes a re-run safe"

Status = Literal["sending", "sent", "failed", "uncertain"]


def journal_path(project_root: str | Path, event_id: str) -> Path:
    return state_dir(project_root) / f"sent-{event_id}.jsonl"


@dataclass(frozen=True)
class Entry:
    participant: str
    email: str
    message_id: str
    time: str
    reply: str
    status: Status = "sent"


@dataclass
class JournalState:
    """Each participant's last entry, and the lines that could not be read (a run stopped mid-line)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    #: 1-based numbers of the lines that are not a whole entry.
    torn: list[int] = field(default_factory=list)

    def sent(self) -> dict[str, Entry]:
        return {pid: e for pid, e in self.entries.items() if e.status == "sent"}

    def uncertain(self) -> dict[str, Entry]:
        return {pid: e for pid, e in self.entries.items() if e.status in ("sending", "uncertain")}

    def __contains__(self, participant: object) -> bool:
        """Whether the participant's message was sent (the dry run's "already sent")."""
        entry = self.entries.get(str(participant))
        return entry is not None and entry.status == "sent"


def _open_journal(path: Path, *, create: bool) -> int:
    """A descriptor of the journal: never through a link (it could point at a file others read, or
    at /dev/null and so turn the duplicate check off), a regular file, owner-only."""
    try:
        fd = files.open_log(path, create=create)
    except OSError:
        if path.is_symlink():
            raise StateError(
                f"the send journal {path.as_posix()} is a link: refusing to follow it",
                hint="the journal holds names and addresses and decides who is sent to again; "
                "remove the link (move the real journal into its place if it is one)",
            ) from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise StateError(
            f"the send journal {path.as_posix()} is not a regular file",
            hint="remove it; the journal is a plain file jstevents writes",
        )
    if os.name == "posix" and info.st_mode & 0o077:
        os.fchmod(fd, 0o600)  # it holds addresses: owner-only, whatever it was made with
    return fd


def read_journal(path: Path) -> JournalState:
    """Each participant's last entry. Lines that are not a whole entry are skipped and counted."""
    try:
        fd = _open_journal(path, create=False)
    except FileNotFoundError:
        return JournalState()
    except OSError as exc:
        raise StateError(
            f"cannot read the send journal {path.as_posix()}: {exc.strerror or exc}",
            hint="check the file's permissions; it records who has already been sent the message",
        ) from None
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read()
    finally:
        os.close(fd)
    state = JournalState()
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            entry = Entry(
                **{name: str(data[name]) for name in ("participant", "email", "message_id", "time", "reply")},
                status=data.get("status", "sent") if data.get("status") in _STATUSES else "sent",
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            state.torn.append(number)
            continue
        state.entries[entry.participant] = entry
    return state


_STATUSES = ("sending", "sent", "failed", "uncertain")


class Journal:
    """The journal opened for appending, locked against a second run sending the same event."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        #: The journal could not be written: a message is in an unknown state, nothing more may go.
        self.broken = False

    def __enter__(self) -> Journal:
        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Addresses are personal data: keep the journals out of the project's git
            # (the calendar ledger beside them belongs in it).
            keep_out_of_git(folder)
            fd = _open_journal(self.path, create=True)
        except OSError as exc:
            raise StateError(
                f"cannot open the send journal {self.path.as_posix()}: {exc.strerror or exc}",
                hint=_WRITABLE,
            ) from None
        except OutputError as exc:
            raise StateError(exc.message, hint=_WRITABLE) from None
        _lock(fd, self.path)
        size = os.fstat(fd).st_size
        if size > 0 and os.lseek(fd, size - 1, os.SEEK_SET) >= 0 and os.read(fd, 1) != b"\n":
            # A run stopped mid-line: start a fresh line so the next entry stays readable.
            try:
                files.append_durably(fd, b"\n")
            except OSError as exc:
                os.close(fd)
                raise StateError(
                    f"cannot write to the send journal {self.path.as_posix()}: {exc.strerror or exc}",
                    hint=_WRITABLE,
                ) from None
        self._fd = fd
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._fd is not None:
            try:
                os.close(self._fd)  # unbuffered: nothing is left to flush, so nothing can fail twice
            except OSError:
                pass
            self._fd = None

    def record(
        self,
        *,
        participant: str,
        email: str,
        message_id: str,
        reply: str,
        status: Status = "sent",
        time: dt.datetime | None = None,
    ) -> Entry:
        """Append one entry and wait until it is on the disk; `StateError` (once) if it cannot be."""
        assert self._fd is not None, "journal not open"
        moment = (time or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        entry = Entry(participant, email, message_id, moment, reply, status)
        line = (json.dumps(entry.__dict__, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            files.append_durably(self._fd, line)
        except OSError as exc:
            self.broken = True
            raise StateError(self._failure(entry, exc), hint=self._failure_hint(entry)) from None
        return entry

    def _failure(self, entry: Entry, exc: OSError) -> str:
        where = f"the send journal {self.path.as_posix()} could not record it: {exc.strerror or exc}"
        if entry.status == "sending":
            return f"nothing was sent to {entry.participant!r}: {where}"
        if entry.status == "sent":
            return f"the server accepted the message to {entry.participant!r}, but {where}"
        return f"the message to {entry.participant!r} is {entry.status}, but {where}"

    def _failure_hint(self, entry: Entry) -> str:
        if entry.status == "sending":
            return "free disk space or fix the folder's permissions, then run again"
        return (
            "free disk space or fix the folder's permissions, then run again; "
            f"{entry.participant!r} is not sent to again without --retry-uncertain"
        )


def _lock(fd: int, path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock; one run at a time is up to the user
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise StateError(
            f"another `jstevents mail` run is sending this event (the journal {path.as_posix()} is locked)",
            hint="wait for it to finish, then run again: already sent messages are skipped",
        ) from None
