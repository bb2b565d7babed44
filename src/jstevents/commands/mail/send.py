"""The mail-out: one personal communiqué per registered participant, previewed or sent.

Nobody's address is ever shown to somebody else: each message has exactly one
recipient, in To and in the SMTP envelope. `dry_run` writes the messages as `.eml`
files and touches no server; `send` delivers them over SMTP, recording each accepted
message in the send journal (see `sendjournal`) so a stopped run can simply be repeated.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

from jstevents.commands.mail.journal import Journal, journal_path, read_journal
from jstevents.errors import JsteventsError
from jstevents.model import Event, Participant, Project

Security = Literal["none", "starttls", "ssl"]
DEFAULT_PORTS: dict[str, int] = {"none": 25, "starttls": 587, "ssl": 465}
PASSWORD_ENV = "JSTEVENTS_SMTP_PASSWORD"
SELECTORS = ("all", "network:ID", "unit:ID", "participant:ID")


# --- who gets the message ----------------------------------------------------------


def _suggest(value: str, known: list[str], what: str) -> str:
    import difflib

    close = difflib.get_close_matches(value, known, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    shown = ", ".join(sorted(known)[:8]) + (" …" if len(known) > 8 else "")
    return f"the {what} ids are: {shown}" if known else f"the project defines no {what}"


def select_recipients(project: Project, event: Event, to: str = "all") -> list[Participant]:
    """The participants registered for `event` that `to` selects, in registration order.

    `to` is `all`, `network:ID`, `unit:ID` or `participant:ID`.
    """
    registered = [project.participants[pid] for pid in dict.fromkeys(r.participant for r in event.registrations)]
    kind, _, wanted = to.strip().partition(":")
    kind, wanted = kind.strip(), wanted.strip()
    if kind == "all" and not wanted:
        chosen = registered
    elif kind == "network" and wanted:
        if wanted not in project.networks:
            hint = _suggest(wanted, list(project.networks), "network")
            raise JsteventsError(f"no network with id {wanted!r}", hint=hint)

        def network_of(p: Participant) -> str | None:
            unit = project.units.get(p.unit)
            return p.network or (unit.network if unit else None)

        chosen = [p for p in registered if network_of(p) == wanted]
    elif kind == "unit" and wanted:
        if wanted not in project.units:
            hint = _suggest(wanted, list(project.units), "unit")
            raise JsteventsError(f"no unit (JST) with id {wanted!r}", hint=hint)
        chosen = [p for p in registered if p.unit == wanted]
    elif kind == "participant" and wanted:
        ids = [p.id for p in registered]
        if wanted not in ids:
            where = "is not registered for" if wanted in project.participants else "no participant registered for"
            message = (
                f"participant {wanted!r} {where} {event.id!r}"
                if wanted in project.participants
                else f"{where} {event.id!r} has the id {wanted!r}"
            )
            raise JsteventsError(message, hint=_suggest(wanted, ids, "registered participant"))
        chosen = [p for p in registered if p.id == wanted]
    else:
        raise JsteventsError(
            f"cannot read the recipient selection {to!r}",
            hint=f"use one of: {', '.join(SELECTORS)} (for example network:powiaty)",
        )
    if not chosen:
        raise JsteventsError(
            f"nobody registered for {event.id!r} matches {to!r}",
            hint="check the event's registrations, or choose other recipients with --to",
        )
    return chosen


# --- the dry run ---------------------------------------------------------------------


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


def _message(
    project: Project, event: Event, participant: Participant, calendar: bytes, date: dt.datetime | None
) -> EmailMessage:
    from jstevents.outputs.email import build_message

    return build_message(project, event, recipient=participant, calendar=calendar, date=date)


def _attachments(message: EmailMessage) -> list[str]:
    return [part.get_filename() or part.get_content_type() for part in message.iter_attachments()]


def dry_run(project: Project, event: Event, recipients: list[Participant], *, outbox: Path | None = None) -> DryRun:
    """Write one `.eml` per recipient into `outbox`, named by participant id; no server involved."""
    from jstevents.commands.files import write_bytes
    from jstevents.outputs.calendar.ics import event_calendar

    folder = Path(outbox) if outbox is not None else default_outbox(project, event)
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as exc:
            raise JsteventsError(
                f"cannot create the outbox {folder.as_posix()}: {exc.strerror or exc}",
                hint="choose another folder with --outbox",
            ) from None
    calendar = event_calendar(project, event)
    files: list[Path] = []
    subject, attachments = "", []
    for participant in recipients:
        message = _message(project, event, participant, calendar, None)
        if not files:
            subject, attachments = str(message["Subject"] or ""), _attachments(message)
        path = folder / f"{participant.id}.eml"
        write_bytes(path, message.as_bytes(), private=True, durable=False)
        files.append(path)
    journaled = read_journal(journal_path(project.root, event.id))
    written = set(files)
    return DryRun(
        outbox=folder,
        recipients=list(recipients),
        files=files,
        subject=subject,
        attachments=attachments,
        already_sent=[p for p in recipients if p.id in journaled],
        stale=sorted(p for p in folder.glob("*.eml") if p not in written),
    )


# --- sending -----------------------------------------------------------------------------


@dataclass
class SmtpSettings:
    host: str | None
    port: int | None = None
    security: Security = "starttls"
    user: str | None = None
    password: str | None = None
    #: Only for test servers: skips the certificate check.
    insecure: bool = False
    timeout: float = 30.0

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    def check(self) -> None:
        """Refuse settings that cannot work or would leak the password, before anything is sent."""
        if not self.host:
            raise JsteventsError(
                "no SMTP server given",
                hint="pass --smtp-host, or set programme.mail.smtp_host in the project's YAML",
            )
        if self.security not in DEFAULT_PORTS:
            raise JsteventsError(f"unknown SMTP security {self.security!r}", hint="use none, starttls or ssl")
        if self.user and self.security == "none" and not self.insecure:
            raise JsteventsError(
                "refusing to send the SMTP password over an unencrypted connection",
                hint="use --smtp-security starttls or ssl (or --insecure, for a test server only)",
            )

    def tls_context(self) -> Any:
        import ssl

        context = ssl.create_default_context()
        if self.insecure:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context


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
    #: How many messages this run meant to send (after skipping the journaled ones and --limit).
    to_send: int = 0


class _Refused(Exception):
    """The server refused this one message; the next may still go."""


class _SenderRefused(Exception):
    """The server refused the sender (or asked to slow down): no further message would go."""


class _ConnectionLost(Exception):
    pass


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}".strip()


class _Session:
    """One SMTP connection, opened on demand and reopened after it drops."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: Any = None

    def __enter__(self) -> _Session:
        self.connect()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except Exception:  # already gone: nothing left to close politely
                try:
                    self._smtp.close()
                except Exception:
                    pass
            self._smtp = None

    def connect(self) -> None:
        import smtplib
        import ssl

        self._abandon()  # a reconnect: whatever is left of the old connection goes
        s = self.settings
        where = f"{s.host}:{s.effective_port}"
        stage = "connect to"
        try:
            context = s.tls_context()
            if s.security == "ssl":
                smtp = smtplib.SMTP_SSL(s.host or "", s.effective_port, timeout=s.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host or "", s.effective_port, timeout=s.timeout)
            self._smtp = smtp
            smtp.ehlo()
            if s.security == "starttls":
                stage = "start TLS with"
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.user:
                stage = "log in to"
                smtp.login(s.user, s.password or "")
        except ssl.SSLCertVerificationError as exc:
            self._abandon()
            raise JsteventsError(
                f"the TLS certificate of {where} could not be verified: {exc.verify_message or exc.reason}",
                hint="check --smtp-host (it must match the certificate); --insecure skips the check, "
                "for a test server only",
            ) from None
        except smtplib.SMTPAuthenticationError as exc:
            self._abandon()
            raise JsteventsError(
                f"{where} refused the login of {s.user!r}: {_reply(exc.smtp_code, exc.smtp_error)}",
                hint=f"check --smtp-user and the password (${PASSWORD_ENV}, or type it when asked)",
            ) from None
        except smtplib.SMTPNotSupportedError as exc:
            self._abandon()
            hint = (
                "use --smtp-security ssl or none as the server requires"
                if stage == "start TLS with"
                else "the server offers no login on this connection: check --smtp-security and --smtp-user"
            )
            raise JsteventsError(f"cannot {stage} {where}: {exc}", hint=hint) from None
        except (OSError, smtplib.SMTPException) as exc:
            self._abandon()
            detail = (
                _reply(exc.smtp_code, exc.smtp_error)
                if isinstance(exc, smtplib.SMTPResponseException)
                else (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
            )
            raise JsteventsError(
                f"cannot {stage} {where}: {detail}",
                hint="check --smtp-host, --smtp-port and --smtp-security (and the network)",
            ) from None

    def _abandon(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.close()
            except Exception:
                pass
            self._smtp = None

    def deliver(self, sender: str, recipient: str, data: bytes) -> str:
        """Send one message to one address; the server's final reply, or `_Refused`."""
        import smtplib

        smtp = self._smtp
        if smtp is None:
            raise _ConnectionLost("not connected")
        options: tuple[str, ...] = ()
        if not (sender + recipient).isascii():
            if not smtp.has_extn("smtputf8"):
                raise _Refused("the address has non-ASCII characters and the server does not offer SMTPUTF8")
            options = ("SMTPUTF8", "BODY=8BITMIME")
        try:
            code, text = smtp.mail(sender, options)
            if code == 421:
                raise _ConnectionLost(_reply(code, text))
            if code != 250:
                self._reset()
                raise _SenderRefused(f"the server refused the sender <{sender}>: {_reply(code, text)}")
            code, text = smtp.rcpt(recipient)
            if code == 421:
                raise _ConnectionLost(_reply(code, text))
            if code not in (250, 251):
                self._reset()
                raise _Refused(_reply(code, text))
            code, text = smtp.data(data)
            if code == 421:
                raise _ConnectionLost(_reply(code, text))
            if code != 250:
                self._reset()
                raise _Refused(_reply(code, text))
            return _reply(code, text)
        except smtplib.SMTPDataError as exc:  # DATA itself refused (not 354)
            self._reset()
            raise _Refused(_reply(exc.smtp_code, exc.smtp_error)) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._abandon()
            raise _ConnectionLost(str(exc) or type(exc).__name__) from None

    def _reset(self) -> None:
        try:
            self._smtp.rset()
        except Exception:
            self._abandon()


def _pause(seconds: float, should_stop: Callable[[], bool]) -> None:
    # Short naps, so Ctrl-C during a slow --rate stops the run at once.
    end = time.monotonic() + seconds
    while not should_stop():
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.1))


def _sender(message: EmailMessage) -> str:
    from email.utils import getaddresses

    addresses = getaddresses([str(message["From"] or "")])
    if not addresses or not addresses[0][1]:
        raise JsteventsError(
            "the message has no From address",
            hint="set programme.mail.from_contact (a contact id) in the project's YAML",
        )
    return addresses[0][1]


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
) -> SendReport:
    """Send each recipient their message, at most `rate` a minute and `limit` in this run.

    Recipients the journal already lists are skipped. A refused recipient is reported
    and left for the next run; the others still go. A dropped connection is reopened
    once; if that fails, the run stops and says so. `should_stop` is polled between
    messages (the CLI sets it on Ctrl-C), never in the middle of one.
    """
    from zoneinfo import ZoneInfo

    from jstevents.outputs.calendar.ics import event_calendar

    smtp.check()
    path = journal or journal_path(project.root, event.id)
    report = SendReport(journal=path)
    calendar = event_calendar(project, event)
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
        report.to_send = len(pending)
        if not pending:
            return report
        interval = 60.0 / rate if rate else 0.0
        session = _Session(smtp)
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
                message = _message(project, event, participant, calendar, dt.datetime.now(zone))
                # smtplib sends bytes as they are: the lines must already end in CRLF. A non-ASCII
                # address cannot be encoded in a header, so such messages go as SMTPUTF8.
                international = not participant.email.isascii()
                data = message.as_bytes(policy=message.policy.clone(linesep="\r\n", utf8=international))
                outcome: Outcome | None = None
                for attempt in (1, 2):
                    try:
                        reply = session.deliver(_sender(message), participant.email, data)
                    except _Refused as exc:
                        outcome = Outcome(participant, "failed", str(exc))
                    except _SenderRefused as exc:
                        report.stopped = str(exc)
                    except _ConnectionLost as exc:
                        if attempt == 1:
                            try:
                                session.connect()
                                continue
                            except JsteventsError as again:
                                report.stopped = f"connection lost ({exc}) and reconnecting failed: {again.message}"
                        else:
                            report.stopped = f"connection lost again after reconnecting: {exc}"
                    else:
                        book.record(
                            participant=participant.id,
                            email=participant.email,
                            message_id=str(message["Message-ID"] or ""),
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
