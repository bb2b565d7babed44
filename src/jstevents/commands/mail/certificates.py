"""`jstevents mail EVENT --certificates`: each person their own certificate, with a short letter.

A campaign of its own: the dry run writes into `outbox/<event>-zaswiadczenia/`, and sending records
each accepted message in its own journal, `.jstevents/sent-<event>-zaswiadczenia.jsonl`, so the
communiqué's journal is never touched and a stopped run can simply be repeated. Each message has one
recipient and carries that person's PDF and nobody else's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.commands.mail.journal import Journal, read_journal
from jstevents.commands.mail.smtp import ConnectionLost, Refused, SenderRefused, Session, SmtpSettings
from jstevents.commands.state import state_dir
from jstevents.errors import ProjectError, WriteFailed
from jstevents.model import Event, Participant, Project
from jstevents.outputs.email import Mail

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


@dataclass
class CertificatesSent:
    journal: Path
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    stopped: str | None = None


def send(
    project: Project, event: Event, *, smtp: SmtpSettings, rate: float = 30.0, limit: int | None = None
) -> CertificatesSent:
    """Send each certificate not yet in the campaign's journal; a refused address is reported, a lost
    connection or a refused sender stops the run (run it again: what was sent is skipped)."""
    smtp.check()
    path = journal_path(project, event)
    report = CertificatesSent(path)
    outgoing = messages(project, event)
    with Journal(path) as book:
        done = read_journal(path)
        pending = [(p, n, m) for p, n, m in outgoing if p.id not in done]
        report.skipped = [p.id for p, _, _ in outgoing if p.id in done]
        if limit is not None:
            pending = pending[:limit]
        if not pending:
            return report
        with Session(smtp) as session:
            for index, (person, _, mail) in enumerate(pending):
                if index and rate:
                    time.sleep(60.0 / rate)
                try:
                    reply = session.deliver(mail.sender, person.email, mail.data)
                except Refused as exc:
                    report.failed.append((person.id, str(exc)))
                    continue
                except (SenderRefused, ConnectionLost) as exc:
                    report.stopped = str(exc)
                    break
                book.record(participant=person.id, email=person.email, message_id=mail.message_id, reply=reply)
                report.sent.append(person.id)
    return report
