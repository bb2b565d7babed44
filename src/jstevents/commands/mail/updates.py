"""`jstevents mail EVENT --changes`: one update to each person affected, nobody else.

The same dry run, rate, limit and resumption as the mail-out, as a campaign of its own: its
journal is `sent-<event>.changes.jsonl`, and each update is journaled under the person's id
and a digest of what it tells them (`lukasz-zolc~3f9a…`). So a stopped run sends, when
repeated, only what has not gone; and a later change (another digest) is a new update,
never mistaken for one already sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jstevents.commands.changes import ChangeReport, PersonChanges, changes_path, recipient
from jstevents.commands.mail.outbox import default_outbox
from jstevents.commands.state import read_sequences, save_sequences
from jstevents.commands.told import Told, ToldBook, now, read_told, save_told
from jstevents.errors import WriteFailed
from jstevents.model import Event, Participant, Project
from jstevents.outputs.calendar.invitation import Invitation, invitation, mail_calendars
from jstevents.outputs.email import Mail
from jstevents.outputs.update import Update, update_message, update_subject


def campaign_key(person: PersonChanges) -> str:
    """The person's id and a digest of what the update tells them."""
    told = repr((person.withdrawn, [(c.key, c.old, c.new) for c in person.changes])).encode("utf-8")
    return f"{person.participant}~{hashlib.sha256(told).hexdigest()[:12]}"


class UpdateMailing:
    """The update messages of one campaign, by the keyed recipients of `recipients()`."""

    def __init__(self, project: Project, event: Event, report: ChangeReport) -> None:
        self.project, self.event = project, event
        self.people = {campaign_key(p): p for p in report.affected}
        sequences = read_sequences(project)
        calendars = mail_calendars(project, event, sequences)
        self.request: Invitation = calendars.invitation
        self.deadlines = calendars.deadlines
        self.cancel: Invitation = invitation(project, event, sequences, cancel=True)
        save_sequences(project, sequences)

    def recipients(self) -> list[Participant]:
        """Each affected person, under their campaign key (the id the journal records)."""
        return [recipient(self.project, p).model_copy(update={"id": key}) for key, p in self.people.items()]

    def update(self, participant: Participant) -> Update:
        person = self.people[participant.id]
        return Update(tuple(person.changes), cancelled=person.withdrawn)

    def message(self, participant: Participant, *, date: dt.datetime | None = None) -> Mail:
        person = self.people[participant.id]
        # Shown under their own id in the message (the key is for the journal only).
        shown = participant.model_copy(update={"id": person.participant})
        withdrawn = person.withdrawn or self.event.status == "cancelled"
        return update_message(
            self.project,
            self.event,
            shown,
            self.update(participant),
            invitation=self.cancel if withdrawn else self.request,
            deadlines=self.deadlines,
            date=date,
        )

    def subject(self, participant: Participant) -> str:
        return update_subject(self.project, self.event, self.update(participant))


def _book(project: Project, event: Event, report: ChangeReport) -> ToldBook:
    """The record to update: the event's own, or the one kept under its old id (`--was`)."""
    book = read_told(project.root, report.told_as) or ToldBook(event=event.id)
    if book.event != event.id:  # renamed: from now on the records are kept under the new id
        book.event, book.changed = event.id, True
    return book


def _record(book: ToldBook, person: PersonChanges, participant: Participant, kind: str, message_id: str | None) -> None:
    if person.withdrawn:
        if kind == "sent":  # told it is off: nothing left to compare with
            book.people.pop(person.participant, None)
            book.changed = True
        return
    shown = participant.model_copy(update={"id": person.participant})
    record = Told(shown.name, shown.email, now(), dict(person.facts), message_id)
    book.record("sent" if kind == "sent" else "update_preview", shown, record)


@dataclass
class UpdateDryRun:
    outbox: Path
    files: list[Path]
    #: (participant id, subject) of each update written.
    subjects: list[tuple[str, str]] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)


def updates_outbox(project: Project, event: Event) -> Path:
    return default_outbox(project, event).parent / f"{event.id}-zmiany"


def dry_run_updates(
    project: Project, event: Event, report: ChangeReport, *, only: set[str] | None = None, outbox: Path | None = None
) -> UpdateDryRun:
    """Write each affected person's update as `<participant>.eml`; nothing is sent."""
    from jstevents.commands.files import write_bytes

    mailing = UpdateMailing(project, event, report)
    folder = Path(outbox) if outbox is not None else updates_outbox(project, event)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(
            f"cannot create the outbox {folder.as_posix()}: {exc.strerror or exc}",
            hint="choose another folder with --outbox",
        ) from None
    book = _book(project, event, report)
    result = UpdateDryRun(folder, [])
    for participant in mailing.recipients():
        person = mailing.people[participant.id]
        if only is not None and person.participant not in only:
            continue
        mail = mailing.message(participant)
        path = folder / f"{person.participant}.eml"
        write_bytes(path, mail.data, private=True, durable=False)
        result.files.append(path)
        result.subjects.append((person.participant, mailing.subject(participant)))
        _record(book, person, participant, "update_preview", None)
    save_told(project.root, book)
    written = set(result.files)
    result.stale = sorted(p for p in folder.glob("*.eml") if p not in written)
    return result


def send_updates(
    project: Project, event: Event, report: ChangeReport, *, only: set[str] | None = None, **options: Any
) -> Any:
    """Send each affected person their update (see `commands.mail.send.send` for `options`)."""
    from jstevents.commands.mail.send import send

    mailing = UpdateMailing(project, event, report)
    people = [p for p in mailing.recipients() if only is None or mailing.people[p.id].participant in only]
    book = _book(project, event, report)
    on_result = options.pop("on_result", None)

    def recorded(outcome: Any) -> None:
        if outcome.status == "sent":
            _record(book, mailing.people[outcome.participant.id], outcome.participant, "sent", None)
        if on_result is not None:
            on_result(outcome)

    try:
        return send(
            project,
            event,
            people,
            journal=changes_path(project.root, event.id),
            mailing=mailing,
            on_result=recorded,
            **options,
        )
    finally:
        save_told(project.root, book)
