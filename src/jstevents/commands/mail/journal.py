"""The send journal: which participants the SMTP server has accepted a communiqué for.

One file per event, `<project>/.jstevents/sent-<event-id>.jsonl`, append-only, one JSON
object a line. A line is written, flushed and fsync'ed right after the server accepts a
message and before the next one is sent, so a run stopped at any point (crash, SIGKILL,
Ctrl-C, lost connection) can be run again and sends only what has no line yet.

The line is written after the server's "250", never before: every line stands for one
accepted message, and a participant with a line is never sent to again. What remains is
the narrow window between the server accepting a message and the line reaching the disk
(or a connection that drops after the server accepted but before its reply arrived): a
run killed exactly there sends that one message again on the next run. Writing the line
before sending would close that window the other way round, by risking that somebody
never gets the communiqué; a duplicate is the lesser harm.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from jstevents.commands import files
from jstevents.commands.state import state_dir
from jstevents.errors import OutputError, StateError

_WRITABLE = "the project folder must be writable: the journal is what makes a re-run safe"


def journal_path(project_root: str | Path, event_id: str) -> Path:
    return state_dir(project_root) / f"sent-{event_id}.jsonl"


@dataclass(frozen=True)
class Entry:
    participant: str
    email: str
    message_id: str
    time: str
    reply: str


def read_journal(path: Path) -> dict[str, Entry]:
    """Entries by participant id. A torn last line (a run killed mid-write) is ignored."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise StateError(
            f"cannot read the send journal {path.as_posix()}: {exc.strerror or exc}",
            hint="check the file's permissions; it records who has already been sent the message",
        ) from None
    entries: dict[str, Entry] = {}
    for line in raw.splitlines():
        try:
            data = json.loads(line)
            entry = Entry(**{name: str(data[name]) for name in Entry.__dataclass_fields__})
        except (ValueError, KeyError, TypeError):
            continue
        entries.setdefault(entry.participant, entry)
    return entries


class Journal:
    """The journal opened for appending, locked against a second run sending the same event."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> Journal:
        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                # Addresses are personal data: keep the journals out of the project's git
                # (the calendar ledger beside them belongs in it).
                files.write_text(ignore, "sent-*.jsonl\n")
            handle = files.open_private_log(self.path)
        except OSError as exc:
            raise StateError(
                f"cannot open the send journal {self.path.as_posix()}: {exc.strerror or exc}",
                hint=_WRITABLE,
            ) from None
        except OutputError as exc:
            raise StateError(exc.message, hint=_WRITABLE) from None
        _lock(handle, self.path)
        handle.seek(0, os.SEEK_END)
        if handle.tell() > 0:
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                # A run killed mid-line: start a fresh line so the next entry stays readable.
                handle.write(b"\n")
                handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def record(
        self, *, participant: str, email: str, message_id: str, reply: str, time: dt.datetime | None = None
    ) -> Entry:
        assert self._handle is not None, "journal not open"
        moment = (time or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        entry = Entry(participant=participant, email=email, message_id=message_id, time=moment, reply=reply)
        line = json.dumps(entry.__dict__, ensure_ascii=False) + "\n"
        try:
            self._handle.write(line.encode("utf-8"))
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            # Going on would send messages nobody could account for: stop here.
            raise StateError(
                f"the server accepted the message to {participant!r}, but the send journal "
                f"{self.path.as_posix()} could not record it: {exc.strerror or exc}",
                hint="free disk space or fix the folder's permissions, then run again; add the line "
                f"{line.strip()} to the journal first, or {participant!r} gets the message a second time",
            ) from None
        return entry


def _lock(handle: IO[bytes], path: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock; one run at a time is up to the user
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StateError(
            f"another `jstevents mail` run is sending this event (the journal {path.as_posix()} is locked)",
            hint="wait for it to finish, then run again: already sent messages are skipped",
        ) from None
