"""Recording what each person was told (the format and reading: `load.told`).

Written by `jstevents mail` for every message the server accepts and every dry-run preview.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jstevents.commands import files
from jstevents.commands.state import keep_out_of_git
from jstevents.errors import OutputError, StateError
from jstevents.load.told import Kind, Told, ToldBook, read_told, told_path
from jstevents.model import Event, Participant, Project
from jstevents.text.facts import Fact, stated_facts

__all__ = ["Told", "ToldBook", "read_told", "told_path", "save_told", "record_previews", "recording_sends"]


def save_told(project_root: str | Path, book: ToldBook) -> None:
    if not book.changed:
        return
    path = told_path(project_root, book.event)
    try:
        keep_out_of_git(path.parent)
        files.write_text(path, book.to_json(), private=True)
    except OutputError as exc:
        raise StateError(
            f"{exc.message} (the record of what each person was told)",
            hint="make the project folder writable; `jstevents changes` compares with this record",
        ) from None
    book.changed = False


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def facts_for(project: Project, event: Event, participant: Participant) -> dict[str, Fact]:
    registration = next(r for r in event.registrations if r.participant == participant.id)
    return stated_facts(project, event, registration)


def told(project: Project, event: Event, participant: Participant, message_id: str | None = None) -> Told:
    """The record of a message about `event` to `participant`, as of now."""
    return Told(participant.name, participant.email, now(), facts_for(project, event, participant), message_id)


def record_previews(project: Project, event: Event, recipients: list[Participant], kind: Kind = "preview") -> None:
    """Record what a dry run's messages state (every one of them, in one write)."""
    book = read_told(project.root, event.id) or ToldBook(event=event.id)
    for participant in recipients:
        book.record(kind, participant, told(project, event, participant))
    save_told(project.root, book)


@contextmanager
def recording_sends(project: Project, event: Event, *, every: int = 25) -> Iterator[Any]:
    """A callback for each message the server accepted, recording what it stated.

    The file is written every `every` messages and when the run ends, however it ends:
    one write per message would cost a mail-out of thousands more than the sending.
    """
    book = read_told(project.root, event.id) or ToldBook(event=event.id)
    pending = 0

    def sent(participant: Participant, facts: dict[str, Fact] | None = None) -> None:
        nonlocal pending
        record = told(project, event, participant)
        if facts is not None:
            record = Told(record.name, record.email, record.time, facts)
        book.record("sent", participant, record)
        pending += 1
        if pending >= every:
            save_told(project.root, book)
            pending = 0

    try:
        yield sent
    finally:
        save_told(project.root, book)
