"""`jstevents mail EVENT --certificates`: each person their own certificate, with a short letter.

A campaign of its own: the dry run writes into `outbox/<event>-zaswiadczenia/`, and sending records
each accepted message in its own journal, `.jstevents/sent-<event>-zaswiadczenia.jsonl`, so the
communiqué's journal is never touched and a stopped run can simply be repeated. Each message has one
recipient and carries that person's PDF and nobody else's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jstevents.commands.mail.journal import read_journal
from jstevents.commands.state import state_dir
from jstevents.errors import ProjectError, WriteFailed
from jstevents.model import Event, Participant, Project
from jstevents.outputs.email import Mail

if TYPE_CHECKING:
    from jstevents.commands.mail.send import SendReport

CAMPAIGN = "zaswiadczenia"


def journal_path(project: Project, event: Event) -> Path:
    return state_dir(project.root) / f"sent-{event.id}-{CAMPAIGN}.jsonl"


def default_outbox(project: Project, event: Event) -> Path:
    return Path(project.root).absolute().parent / "outbox" / f"{event.id}-{CAMPAIGN}"


def messages(project: Project, event: Event) -> list[tuple[Participant, str, Mail]]:
    """(person, certificate number, message) for every certificate issued for the event."""
    from jstevents.commands.certificates import read_state, save_ledger
    from jstevents.outputs.certificates.document import file_name, issue, render_pdf
    from jstevents.outputs.certificates.kinds import applies
    from jstevents.outputs.certificates.letter import certificate_mail

    skip = applies(project, event)
    if skip is not None:
        raise ProjectError(f"event {event.id!r} {skip.message}", hint=skip.hint or None)
    state = read_state(project)
    issued, _ = issue(project, event, state)
    save_ledger(project, state.ledger)
    if not issued:
        raise ProjectError(f"no certificate of {event.id!r} to send", hint="see `jstevents certificates EVENT`")
    found = []
    for item in issued:
        pdf = render_pdf(project, event, [item], state)
        mail = certificate_mail(project, event, item.person, item.entry, pdf, "zaswiadczenie-" + file_name(item.entry))
        found.append((item.person, item.entry.number, mail))
    return found


@dataclass
class CertificatesDryRun:
    outbox: Path
    files: list[Path]
    already_sent: list[str] = field(default_factory=list)


def dry_run(project: Project, event: Event, *, outbox: Path | None = None) -> CertificatesDryRun:
    from jstevents.commands.files import write_bytes

    folder = Path(outbox) if outbox is not None else default_outbox(project, event)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(f"cannot create the outbox {folder.as_posix()}: {exc.strerror or exc}") from None
    done = read_journal(journal_path(project, event))
    result = CertificatesDryRun(folder, [])
    for person, _, mail in messages(project, event):
        path = folder / f"{person.id}.eml"
        write_bytes(path, mail.data, private=True, durable=False)
        result.files.append(path)
        if person.id in done:
            result.already_sent.append(person.id)
    return result


class CertificateMailing:
    """Each person's certificate message, as the send loop asks for it (`message(participant, date=...)`)."""

    def __init__(self, outgoing: list[tuple[Participant, str, Mail]]) -> None:
        self._mails = {person.id: mail for person, _, mail in outgoing}

    def message(self, participant: Participant, *, date: Any = None) -> Mail:
        return self._mails[participant.id]


def send(project: Project, event: Event, **options: Any) -> SendReport:
    """Send each certificate not yet in the campaign's journal, through the mail-out's own loop: at most
    once each (a message sent but never confirmed is uncertain, held for `retry_uncertain`), a refused
    address reported, a 421 retried, a stopped run resumed by running it again."""
    from jstevents.commands.lock import project_lock
    from jstevents.commands.mail.send import _send

    with project_lock(project.root, "mail"):
        outgoing = messages(project, event)  # numbers given now are kept in the ledger, under the lock
        people = [person for person, _, _ in outgoing]
        return _send(
            project,
            event,
            people,
            mailing=CertificateMailing(outgoing),
            journal=journal_path(project, event),
            **options,
        )
