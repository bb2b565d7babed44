"""One SMTP connection: connect, start TLS, log in, deliver a message to one address."""

from __future__ import annotations

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
    #: Only for test servers: skips the certificate check.
    insecure: bool = False
    timeout: float = 30.0

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
        if self.user and self.security == "none" and not self.insecure:
            raise MailSettingsError(
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


class Refused(Exception):
    """The server refused this one message; the next may still go."""


class SenderRefused(Exception):
    """The server refused the sender (or asked to slow down): no further message would go."""


class ConnectionLost(Exception):
    pass


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
            smtp: smtplib.SMTP
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
            self._abandon()
            detail = (
                _reply(exc.smtp_code, exc.smtp_error)
                if isinstance(exc, smtplib.SMTPResponseException)
                else (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
            )
            raise MailConnectionError(
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
        """Send one message to one address; the server's final reply, or `Refused`."""
        import smtplib

        smtp = self._smtp
        if smtp is None:
            raise ConnectionLost("not connected")
        options: tuple[str, ...] = ()
        if not (sender + recipient).isascii():
            if not smtp.has_extn("smtputf8"):
                raise Refused("the address has non-ASCII characters and the server does not offer SMTPUTF8")
            options = ("SMTPUTF8", "BODY=8BITMIME")
        try:
            code, text = smtp.mail(sender, options)
            if code == 421:
                raise ConnectionLost(_reply(code, text))
            if code != 250:
                self._reset()
                raise SenderRefused(f"the server refused the sender <{sender}>: {_reply(code, text)}")
            code, text = smtp.rcpt(recipient)
            if code == 421:
                raise ConnectionLost(_reply(code, text))
            if code not in (250, 251):
                self._reset()
                raise Refused(_reply(code, text))
            code, text = smtp.data(data)
            if code == 421:
                raise ConnectionLost(_reply(code, text))
            if code != 250:
                self._reset()
                raise Refused(_reply(code, text))
            return _reply(code, text)
        except smtplib.SMTPDataError as exc:  # DATA itself refused (not 354)
            self._reset()
            raise Refused(_reply(exc.smtp_code, exc.smtp_error)) from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self._abandon()
            raise ConnectionLost(str(exc) or type(exc).__name__) from None

    def _reset(self) -> None:
        try:
            self._smtp.rset()
        except Exception:
            self._abandon()
