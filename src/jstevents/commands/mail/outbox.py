"""The dry run: every message written as an `.eml` file into an outbox, nothing sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jstevents.commands.mail.journal import journal_path, read_journal
from jstevents.commands.state import read_sequences, save_sequences
from jstevents.errors import WriteFailed
from jstevents.model import Event, Participant, Project
from jstevents.outputs.communique import subject
from jstevents.outputs.email import Mailing


def default_outbox(project: Project, event: Event) -> Path:
    """`<project>/../outbox/<event-id>/`: next to the project folder, not inside it (the
    repository's `.gitignore` keeps `outbox/` out of git; a project of your own needs the same)."""
    return Path(project.root).absolute().parent / "outbox" / event.id


@dataclass
class DryRun:
    outbox: Path
    recipients: list[Participant]
    files: list[Path]
    subject: str
    attachments: list[str]
    #: Recipients the send journal already lists: `--send` would skip them.
    already_sent: list[Participant] = field(default_factory=list)
    #: `.eml` files in the outbox this run did not write (left from an earlier selection).
    stale: list[Path] = field(default_factory=list)


def dry_run(project: Project, event: Event, recipients: list[Participant], *, outbox: Path | None = None) -> DryRun:
    """`_dry_run`, holding the project's lock (it writes the calendar ledger)."""
    from jstevents.commands.lock import project_lock

    with project_lock(project.root, "mail"):
        return _dry_run(project, event, recipients, outbox=outbox)


def _dry_run(project: Project, event: Event, recipients: list[Participant], *, outbox: Path | None = None) -> DryRun:
    """Write one `.eml` per recipient into `outbox`, named by participant id; no server involved."""
    from jstevents.commands.files import write_bytes
    from jstevents.outputs.calendar.invitation import mail_calendars

    folder = Path(outbox) if outbox is not None else default_outbox(project, event)
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise WriteFailed(
                f"cannot create the outbox {folder.as_posix()}: {exc.strerror or exc}",
                hint="choose another folder with --outbox",
            ) from None
    sequences = read_sequences(project)
    calendars = mail_calendars(project, event, sequences)
    save_sequences(project, sequences)
    mailing = Mailing(project, event, calendars=calendars)
    files: list[Path] = []
    for participant in recipients:
        path = folder / f"{participant.id}.eml"
        write_bytes(path, mailing.message(participant).data, private=True, durable=False)
        files.append(path)
    journaled = read_journal(journal_path(project.root, event.id))
    written = set(files)
    return DryRun(
        outbox=folder,
        recipients=list(recipients),
        files=files,
        subject=subject(project, event),
        attachments=[f"{event.id}.ics"] + ([f"{event.id}-terminy.ics"] if calendars.deadlines else []),
        already_sent=[p for p in recipients if p.id in journaled],
        stale=sorted(p for p in folder.glob("*.eml") if p not in written),
    )
