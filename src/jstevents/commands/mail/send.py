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
from jstevents.commands.mail.smtp import (
    ConnectionLost,
    Refused,
    SenderRefused,
    Session,
    SmtpSettings,
    Uncertain,
)
from jstevents.commands.state import read_sequences, save_sequences
from jstevents.errors import MailConnectionError
from jstevents.model import Event, Participant, Project
from jstevents.outputs.email import Mail, Mailing

#: Recipients in a row the server answered only 421 for, after which the run stops: the server
#: is not going to take anything today.
MAX_DEFERRED_IN_A_ROW = 3


@dataclass
class Outcome:
    participant: Participant
    status: Literal["sent", "skipped", "failed", "uncertain"]
    #: The server's reply (for skipped ones: the reply recorded in the journal).
    reply: str


@dataclass
class SendReport:
    journal: Path
    sent: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    #: Sent in full in this run, but the server never confirmed: not sent again without --retry-uncertain.
    uncertain: list[Outcome] = field(default_factory=list)
    #: Uncertain from an earlier run, left alone (no --retry-uncertain).
    held: list[Outcome] = field(default_factory=list)
    #: Left for a later run: beyond --limit, or after the run stopped.
    not_attempted: list[Participant] = field(default_factory=list)
    #: Line numbers of the journal that were not a whole entry (a run stopped while writing one).
    torn: list[int] = field(default_factory=list)
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


def _connect(session: Session, should_stop: Callable[[], bool]) -> None:
    """Connect (and log in); after a 421 ("try later"), wait and try again a few times."""
    pauses = list(session.settings.backoff)
    while True:
        try:
            session.connect()
            return
        except MailConnectionError as exc:
            if not exc.try_later or not pauses or should_stop():
                raise
            _pause(pauses.pop(0), should_stop)


def send(project: Project, event: Event, recipients: list[Participant], **options: Any) -> SendReport:
    """`_send`, holding the project's lock: no build, import or other mail-out writes meanwhile."""
    from jstevents.commands.lock import project_lock

    with project_lock(project.root, "mail"):
        return _send(project, event, recipients, **options)


def _send(
    project: Project,
    event: Event,
    recipients: list[Participant],
    *,
    smtp: SmtpSettings,
    rate: float | None = 30.0,
    limit: int | None = None,
    journal: Path | None = None,
    retry_uncertain: bool = False,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[Outcome], None] | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    mailing: Any = None,
) -> SendReport:
    """Send each recipient their message, at most `rate` a minute and `limit` in this run.

    Recipients the journal lists as sent are skipped, and so are those whose message is
    uncertain (sent in full, never confirmed) unless `retry_uncertain`. A refused recipient is
    reported and left for the next run; the others still go. A dropped connection is reopened
    once; a server answering 421 is given a few pauses (`smtp.backoff`) and new connections,
    then that recipient is left for a later run and the next one goes. `should_stop` is polled
    between messages (the CLI sets it on Ctrl-C), never in the middle of one.
    `mailing` (anything with `message(participant, date=...)`) replaces the communiqué, e.g. by the
    updates of `--changes`.
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
        state = read_journal(path)  # read under the lock: another run cannot add lines meanwhile
        report.torn = state.torn
        sent, unsure = state.sent(), state.uncertain()
        pending: list[Participant] = []
        for participant in recipients:
            if participant.id in sent:
                report.skipped.append(Outcome(participant, "skipped", sent[participant.id].reply))
            elif participant.id in unsure and not retry_uncertain:
                report.held.append(Outcome(participant, "uncertain", unsure[participant.id].reply))
            else:
                pending.append(participant)
        if limit is not None:
            report.not_attempted = pending[limit:]
            pending = pending[:limit]
        if not pending:
            return report
        interval = 60.0 / rate if rate else 0.0
        session = Session(smtp)
        try:
            _connect(session, should_stop)
            if on_start is not None:  # connected and logged in: the sending begins
                on_start(len(pending))
            last_start: float | None = None
            deferred_in_a_row = 0
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
                outcome = _deliver_one(session, book, participant, mail, report, should_stop)
                if outcome is None:
                    report.not_attempted = pending[index:] + report.not_attempted
                    break
                {"sent": report.sent, "failed": report.failed, "uncertain": report.uncertain}[outcome.status].append(
                    outcome
                )
                if on_result is not None:
                    on_result(outcome)
                deferred_in_a_row = deferred_in_a_row + 1 if outcome.reply.startswith("421") else 0
                if deferred_in_a_row >= MAX_DEFERRED_IN_A_ROW:
                    report.stopped = (
                        f"the server answered 421 (try later) for {deferred_in_a_row} recipients in a row: "
                        "it is not taking messages now"
                    )
                    report.not_attempted = pending[index + 1 :] + report.not_attempted
                    break
        finally:
            session.close()
    return report


def _deliver_one(
    session: Session,
    book: Journal,
    participant: Participant,
    mail: Mail,
    report: SendReport,
    should_stop: Callable[[], bool],
) -> Outcome | None:
    """Deliver one message, journaled; its outcome, or None when the run must stop (`report.stopped` says why)."""
    sender, data, message_id = mail.sender, mail.data, mail.message_id
    pauses = list(session.settings.backoff)
    reconnected = False
    #: Whether this attempt's "sending" line is in the journal (then its end must be noted too).
    announced: list[bool] = []

    def note_sending() -> None:
        book.record(
            participant=participant.id,
            email=participant.email,
            message_id=message_id,
            reply="",
            status="sending",
        )
        announced.append(True)

    def close_the_note(reply: str) -> None:
        if announced:  # the "sending" line is answered: this message did not go
            book.record(
                participant=participant.id,
                email=participant.email,
                message_id=message_id,
                reply=reply,
                status="failed",
            )

    while True:
        announced.clear()
        try:
            if not session.connected:
                _connect(session, should_stop)
            reply = session.deliver(sender, participant.email, data, before_payload=note_sending)
        except Refused as exc:
            close_the_note(str(exc))
            return Outcome(participant, "failed", str(exc))
        except SenderRefused as exc:
            close_the_note(str(exc))
            report.stopped = str(exc)
            return None
        except Uncertain as exc:
            book.record(
                participant=participant.id,
                email=participant.email,
                message_id=message_id,
                reply=str(exc),
                status="uncertain",
            )
            return Outcome(participant, "uncertain", str(exc))
        except ConnectionLost as exc:
            close_the_note(str(exc))
            if exc.try_later:
                if not pauses or should_stop():
                    return Outcome(
                        participant,
                        "failed",
                        f"{exc} (the server asked to try later {len(session.settings.backoff) + 1} times; "
                        "left for a later run)",
                    )
                _pause(pauses.pop(0), should_stop)
                continue
            if reconnected:
                report.stopped = f"connection lost again after reconnecting: {exc}"
                return None
            reconnected = True
            try:
                _connect(session, should_stop)
            except MailConnectionError as again:
                report.stopped = f"connection lost ({exc}) and reconnecting failed: {again.message}"
                return None
            continue
        except MailConnectionError as exc:
            report.stopped = f"connection lost and reconnecting failed: {exc.message}"
            return None
        book.record(
            participant=participant.id,
            email=participant.email,
            message_id=message_id,
            reply=reply,
            status="sent",
        )
        return Outcome(participant, "sent", reply)
