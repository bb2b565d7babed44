"""One SMTP connection: connect, start TLS, log in, deliver a message to one address."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from jstevents.errors import MailAuthError, MailConnectionError, MailSettingsError, MailTlsError

Security = Literal["none", "starttls", "ssl"]
DEFAULT_PORTS: dict[str, int] = {"none": 25, "starttls": 587, "ssl": 465}
PASSWORD_ENV = "JSTEVENTS_SMTP_PASSWORD"


@dataclass
class SmtpSettings:
    host: str | None
    port: int | None = None
    security: Security = "starttls"
    user: str | None = None
    password: str | None = None
    #: Only for test servers: skips the certificate check (and nothing else: no login goes
    #: over a connection that is not encrypted, whatever this says).
    insecure: bool = False
    #: Seconds to wait for any one reply of the server.
    timeout: float = 30.0
    #: Seconds one exchange may take in all (connecting and logging in; one message): a server
    #: that trickles a byte now and then never trips `timeout`, but is stopped by this.
    deadline: float | None = None
    #: Pauses (seconds) before each new connection after the server answered 421 ("try later"):
    #: a few, then the recipient is left for a later run.
    backoff: tuple[float, ...] = (2.0, 10.0, 30.0)

    @property
    def effective_deadline(self) -> float:
        return self.deadline if self.deadline is not None else 4 * self.timeout

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    def check(self) -> None:
        """Refuse settings that cannot work or would leak the password, before anything is sent."""
        if not self.host:
            raise MailSettingsError(
                "no SMTP server given",
                hint="pass --smtp-host, or set programme.mail.smtp_host in the project's YAML",
            )
        if self.security not in DEFAULT_PORTS:
            raise MailSettingsError(f"unknown SMTP security {self.security!r}", hint="use none, starttls or ssl")
        if self.user and self.security == "none":
            raise MailSettingsError(
                "refusing to send the SMTP password over an unencrypted connection",
                hint="use --smtp-security starttls or ssl (--insecure only skips the certificate check; "
                "it never allows a password in clear text)",
            )
        if self.timeout <= 0:
            raise MailSettingsError("--smtp-timeout must be more than 0 seconds")

    def tls_context(self) -> Any:
        import ssl

        context = ssl.create_default_context()
        if self.insecure:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context


class Refused(Exception):
    """The server refused this one message; the next may still go."""


class SenderRefused(Exception):
    """The server refused the sender (or asked to slow down): no further message would go."""


class ConnectionLost(Exception):
    """The connection ended (or the server said 421) before the message was sent in full: it was not delivered."""

    def __init__(self, message: str, *, try_later: bool = False) -> None:
        super().__init__(message)
        #: The server answered 421: it is there but asks to come back later.
        self.try_later = try_later


class Uncertain(Exception):
    """The whole message went out but its reply never came: it may or may not have been delivered."""


def _reply(code: int, text: bytes | str) -> str:
    """The server's reply on one line, as printed and journaled: control characters (an escape
    sequence from a hostile server would reach the terminal) shown as `\\xNN`."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in " ".join(text.split()))
    return f"{code} {text}".strip()


class Session:
    """One SMTP connection, opened on demand and reopened after it drops."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: Any = None

    def __enter__(self) -> Session:
        self.connect()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def connected(self) -> bool:
        return self._smtp is not None

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
        watch = _Watchdog(s.effective_deadline)
        try:
            context = s.tls_context()
            smtp: smtplib.SMTP
            # The greeting is read inside the constructor: the watchdog is given the socket as soon
            # as it is made, so a server trickling its greeting is stopped too.
            if s.security == "ssl":
                smtp = _watched(smtplib.SMTP_SSL, watch)(
                    s.host or "", s.effective_port, timeout=s.timeout, context=context
                )
            else:
                smtp = _watched(smtplib.SMTP, watch)(s.host or "", s.effective_port, timeout=s.timeout)
            self._smtp = watch.smtp = smtp
            smtp.ehlo()
            if s.security == "starttls":
                stage = "start TLS with"
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.user:
                if s.security == "none" or not _encrypted(smtp):
                    # Checked on the connection itself, not only on the settings: never a password in clear.
                    raise MailSettingsError(
                        f"refusing to send the SMTP password to {where}: the connection is not encrypted",
                        hint="use --smtp-security starttls or ssl",
                    )
                stage = "log in to"
                smtp.login(s.user, s.password or "")
        except MailSettingsError:
            self._abandon()
            raise
        except ssl.SSLCertVerificationError as exc:
            self._abandon()
            raise MailTlsError(
                f"the TLS certificate of {where} could not be verified: {exc.verify_message or exc.reason}",
                hint="check --smtp-host (it must match the certificate); --insecure skips the check, "
                "for a test server only",
            ) from None
        except smtplib.SMTPAuthenticationError as exc:
            self._abandon()
            raise MailAuthError(
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
            raise MailConnectionError(f"cannot {stage} {where}: {exc}", hint=hint) from None
        except (OSError, smtplib.SMTPException) as exc:
            expired = watch.expired
            self._abandon()
            detail = (
                _reply(exc.smtp_code, exc.smtp_error)
                if isinstance(exc, smtplib.SMTPResponseException)
                else (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
            )
            if expired:
                detail = f"no answer within {s.effective_deadline:g} s (the server is too slow)"
            raise MailConnectionError(
                f"cannot {stage} {where}: {detail}",
                hint="check --smtp-host, --smtp-port and --smtp-security (and the network)",
                try_later=isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == 421,
            ) from None
        finally:
            watch.cancel()

    def _abandon(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.close()
            except Exception:
                pass
            self._smtp = None

    def deliver(
        self, sender: str, recipient: str, data: bytes, before_payload: Callable[[], None] | None = None
    ) -> str:
        """Send one message to one address; the server's final reply, or `Refused`, `SenderRefused`,
        `ConnectionLost` (not delivered) or `Uncertain` (sent in full, no reply).

        `before_payload` is called once the server has said "go ahead" to DATA, right before the
        message goes out (the journal notes it then); if it raises, nothing is sent.
        """
        import smtplib

        smtp = self._smtp
        if smtp is None:
            raise ConnectionLost("not connected")
        options: tuple[str, ...] = ()
        if not (sender + recipient).isascii():
            if not smtp.has_extn("smtputf8"):
                raise Refused("the address has non-ASCII characters and the server does not offer SMTPUTF8")
            options = ("SMTPUTF8", "BODY=8BITMIME")
        payload_sent = False
        watch = self._watch()
        try:
            code, text = smtp.mail(sender, options)
            if code == 421:
                raise ConnectionLost(_reply(code, text), try_later=True)
            if code != 250:
                self._reset()
                raise SenderRefused(f"the server refused the sender <{sender}>: {_reply(code, text)}")
            code, text = smtp.rcpt(recipient)
            if code == 421:
                raise ConnectionLost(_reply(code, text), try_later=True)
            if code not in (250, 251):
                self._reset()
                raise Refused(_reply(code, text))
            smtp.putcmd("data")
            code, text = smtp.getreply()
            if code == 421:
                raise ConnectionLost(_reply(code, text), try_later=True)
            if code != 354:
                self._reset()
                raise Refused(_reply(code, text))
            if before_payload is not None:
                try:
                    before_payload()
                except BaseException:
                    self._abandon()  # the server drops a transaction whose message never ends
                    raise
            smtp.send(_dot_stuffed(data))
            payload_sent = True
            code, text = smtp.getreply()
            if code == 421:
                # A definite answer: the server did not take the message.
                raise ConnectionLost(_reply(code, text), try_later=True)
            if code != 250:
                self._reset()
                raise Refused(_reply(code, text))
            return _reply(code, text)
        except ConnectionLost:
            self._abandon()  # after a 421 the server closes the connection
            raise
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            expired = watch.expired
            self._abandon()
            reason = (
                f"no reply within {self.settings.effective_deadline:g} s (the server is too slow)"
                if expired
                else _lost(exc)
            )
            if payload_sent:
                raise Uncertain(f"the message was sent in full but the server did not confirm it: {reason}") from None
            raise ConnectionLost(reason) from None
        finally:
            watch.cancel()

    def _watch(self) -> _Watchdog:
        watch = _Watchdog(self.settings.effective_deadline)
        watch.smtp = self._smtp
        return watch

    def _reset(self) -> None:
        try:
            self._smtp.rset()
        except Exception:
            self._abandon()


def _encrypted(smtp: Any) -> bool:
    import ssl

    return isinstance(getattr(smtp, "sock", None), ssl.SSLSocket)


def _lost(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError) or type(exc).__name__ == "timeout":
        return "the server did not answer in time"
    return str(exc) or type(exc).__name__


def _dot_stuffed(data: bytes) -> bytes:
    """The message as DATA sends it: a leading dot doubled on each line, ending in CRLF . CRLF."""
    import re

    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


class _Watchdog:
    """Ends the connection when one exchange takes longer than `seconds` in all.

    The socket's timeout bounds each wait for a byte; a server sending one byte every few
    seconds never trips it. Shutting the socket down makes the blocked read return at once.
    """

    def __init__(self, seconds: float) -> None:
        import threading

        self.expired = False
        #: The client, once made (its socket changes with STARTTLS); before that, its first socket.
        self.smtp: Any = None
        self.sock: Any = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        import socket

        self.expired = True
        sock = getattr(self.smtp, "sock", None) or self.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()


def _watched(base: Any, watch: _Watchdog) -> Any:
    """`base` (smtplib.SMTP or SMTP_SSL) handing each socket it makes to `watch`."""

    class Watched(base):
        def _get_socket(self, host: str, port: int, timeout: float) -> Any:
            sock = super()._get_socket(host, port, timeout)
            watch.sock = sock
            return sock

    return Watched
