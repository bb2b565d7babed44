"""The mail-out: one personal communiqué per registered participant, previewed or sent.

Nobody's address is ever shown to somebody else: each message has exactly one
recipient, in To and in the SMTP envelope. `dry_run` writes the messages as `.eml`
files and touches no server; `send` delivers them over SMTP, recording each accepted
message in the send journal (see `journal`) so a stopped run can simply be repeated.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jstevents.commands.mail.journal import Journal, journal_path, read_journal
from jstevents.commands.mail.smtp import ConnectionLost, Refused, SenderRefused, Session, SmtpSettings
from jstevents.commands.state import read_sequences, save_sequences
from jstevents.errors import MailConnectionError
from jstevents.model import Event, Participant, Project
from jstevents.outputs.email import Mailing


@dataclass
class Outcome:
    participant: Participant
    status: Literal["sent", "skipped", "failed"]
    #: The server's reply (for skipped ones: the reply recorded in the journal).
    reply: str


@dataclass
class SendReport:
    journal: Path
    sent: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    #: Left for a later run: beyond --limit, or after the run stopped.
    not_attempted: list[Participant] = field(default_factory=list)
    #: Why the run ended early (a stop request, connection lost, sender refused), or None.
    stopped: str | None = None
    #: The run ended because `should_stop` asked it to (Ctrl-C in the CLI).
    interrupted: bool = False


def _pause(seconds: float, should_stop: Callable[[], bool]) -> None:
    # Short naps, so Ctrl-C during a slow --rate stops the run at once.
    end = time.monotonic() + seconds
    while not should_stop():
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.1))


def send(
    project: Project,
    event: Event,
    recipients: list[Participant],
    *,
    smtp: SmtpSettings,
    rate: float | None = 30.0,
    limit: int | None = None,
    journal: Path | None = None,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[Outcome], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    mailing: Any = None,
) -> SendReport:
    """Send each recipient their message, at most `rate` a minute and `limit` in this run.

    Recipients the journal already lists are skipped. A refused recipient is reported
    and left for the next run; the others still go. A dropped connection is reopened
    once; if that fails, the run stops and says so. `should_stop` is polled between
    messages (the CLI sets it on Ctrl-C), never in the middle of one. `mailing` (anything with
    `message(participant, date=...)`) replaces the communiqué, e.g. by the updates of `--changes`.
    """
    from zoneinfo import ZoneInfo

    from jstevents.outputs.calendar.invitation import mail_calendars

    smtp.check()
    path = journal or journal_path(project.root, event.id)
    report = SendReport(journal=path)
    if mailing is None:  # else the messages of another campaign (`commands.mail.updates`)
        sequences = read_sequences(project)
        calendars = mail_calendars(project, event, sequences)
        save_sequences(project, sequences)
        mailing = Mailing(project, event, calendars=calendars)
    zone = ZoneInfo(project.programme.timezone)
    with Journal(path) as book:
        done = read_journal(path)  # read under the lock: another run cannot add lines meanwhile
        pending: list[Participant] = []
        for participant in recipients:
            if participant.id in done:
                report.skipped.append(Outcome(participant, "skipped", done[participant.id].reply))
            else:
                pending.append(participant)
        if limit is not None:
            report.not_attempted = pending[limit:]
            pending = pending[:limit]
        if not pending:
            return report
        interval = 60.0 / rate if rate else 0.0
        session = Session(smtp)
        with session:
            if on_start is not None:  # connected and logged in: the sending begins
                on_start(len(pending))
            last_start: float | None = None
            for index, participant in enumerate(pending):
                if last_start is not None and interval:
                    _pause(last_start + interval - time.monotonic(), should_stop)
                if should_stop():
                    report.stopped, report.interrupted = "stopped by user (Ctrl-C)", True
                    report.not_attempted = pending[index:] + report.not_attempted
                    break
                last_start = time.monotonic()
                # smtplib sends bytes as they are: the lines end in CRLF. A non-ASCII address cannot
                # be encoded in a header, so such messages come with UTF-8 headers (SMTPUTF8).
                mail = mailing.message(participant, date=dt.datetime.now(zone))
                outcome: Outcome | None = None
                for attempt in (1, 2):
                    try:
                        reply = session.deliver(mail.sender, participant.email, mail.data)
                    except Refused as exc:
                        outcome = Outcome(participant, "failed", str(exc))
                    except SenderRefused as exc:
                        report.stopped = str(exc)
                    except ConnectionLost as exc:
                        if attempt == 1:
                            try:
                                session.connect()
                                continue
                            except MailConnectionError as again:
                                report.stopped = f"connection lost ({exc}) and reconnecting failed: {again.message}"
                        else:
                            report.stopped = f"connection lost again after reconnecting: {exc}"
                    else:
                        book.record(
                            participant=participant.id,
                            email=participant.email,
                            message_id=mail.message_id,
                            reply=reply,
                        )
                        outcome = Outcome(participant, "sent", reply)
                    break
                if outcome is None:
                    report.not_attempted = pending[index:] + report.not_attempted
                    break
                (report.sent if outcome.status == "sent" else report.failed).append(outcome)
                if on_result is not None:
                    on_result(outcome)
    return report
