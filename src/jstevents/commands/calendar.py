"""`jstevents calendar`: the chosen events as one `.ics`, with the ledger kept up to date."""

from __future__ import annotations

from pathlib import Path

from jstevents.commands.state import read_sequences, save_sequences
from jstevents.errors import FileConflict
from jstevents.model import Project
from jstevents.outputs.calendar.ics import build_calendar
from jstevents.outputs.calendar.selection import select_events


def calendar_file(
    project: Project,
    event_ids: list[str],
    *,
    network: str | None = None,
    participant: str | None = None,
    deadlines: bool = True,
    per_day: bool = False,
) -> bytes:
    """The calendar of the chosen events; the ledger is saved before the bytes are handed out."""
    chosen = select_events(project, event_ids, network=network, participant=participant)
    sequences = read_sequences(project)
    data = build_calendar(
        project, chosen, deadlines=deadlines, per_day=per_day, participant=participant, sequences=sequences
    )
    save_sequences(project, sequences)
    return data


def check_overwrite(path: Path) -> None:
    """Refuse to replace a file that is not a calendar: it may be something the user wrote."""
    if not path.exists() or path.is_dir():
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return
    if head and not head.upper().startswith(b"BEGIN:VCALENDAR"):
        raise FileConflict(
            f"{path.as_posix()} exists and is not an iCalendar file; it was left as it was",
            hint="choose another file name with -o, or move that file away first",
        )
