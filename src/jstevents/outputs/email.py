"""The communiqué as a ready-to-send e-mail (RFC 5322), built with the standard `email` package.

Structure: multipart/mixed [ multipart/alternative [ text/plain, text/html ], the PDFs of the
event's `attachments:`, text/calendar ] when anything is attached; multipart/alternative alone
otherwise. Everything in
the message is derived from the data, so the same project gives the same bytes:
the Date comes from the event's `issued:` day (or $SOURCE_DATE_EPOCH), and the
Message-ID from the ids involved and a hash of the content.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import os
import re
from dataclasses import dataclass
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from jstevents.outputs.communique import render_communique, sender, subject

if TYPE_CHECKING:
    from jstevents.model import Event, Participant, Project
    from jstevents.outputs.calendar.invitation import MailCalendars

#: The hour an issued communiqué is dated, in the programme's time zone.
ISSUE_HOUR = dt.time(9, 0)


def message_date(project: Project, event: Event, date: dt.datetime | None = None) -> dt.datetime:
    """The Date header: `date`; else the `issued` day at 09:00; else $SOURCE_DATE_EPOCH; else now."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(project.programme.timezone)
    if date is not None:
        return date if date.tzinfo else date.replace(tzinfo=zone)
    if event.issued is not None:
        return dt.datetime.combine(event.issued, ISSUE_HOUR, tzinfo=zone)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(tz=zone)


def _message_id(project: Project, event: Event, recipient: Participant | None, parts: list[bytes]) -> str:
    digest = hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]
    domain = sender(project).email.rpartition("@")[2]
    who = recipient.id if recipient else "all"
    return f"<{project.programme.id}.{event.id}.{who}.{digest}@{domain}>"


@functools.cache
def _policy() -> Any:
    """`email.policy.SMTP`, made for writing hundreds of messages that share most headers.

    The standard registry builds a new class for every header it parses (`type(...)` in
    `HeaderRegistry.__getitem__`) and parses and folds again every header value, although
    a mail-out repeats the same From, Subject and Content-Type in every message: that alone
    cost more than rendering the messages. Here each class is made once, a header value
    seen before gives the same (immutable) header object, and each header object is
    folded once per policy. The bytes are the same.
    """
    import email.policy
    from email.headerregistry import Address, HeaderRegistry

    class _FoldOnce:
        def fold(self, *, policy: Any) -> str:
            # Keyed by what folding depends on, not by the policy object: the generator clones
            # its policy for every part of a multipart message.
            key = (policy.linesep, policy.max_line_length, policy.utf8, policy.cte_type, policy.refold_source)
            folded: dict[tuple[Any, ...], str] = self.__dict__.setdefault("_jst_folded", {})
            done = folded.get(key)
            if done is None:
                done = folded[key] = super().fold(policy=policy)  # type: ignore[misc]
            return done

    class _Registry(HeaderRegistry):
        def __init__(self) -> None:
            super().__init__()
            self._classes: dict[str, Any] = {}
            self._headers: dict[tuple[Any, ...], Any] = {}

        def __getitem__(self, name: str) -> Any:
            key = name.lower()
            made = self._classes.get(key)
            if made is None:
                cls = self.registry.get(key, self.default_class)
                made = self._classes[key] = type("_" + cls.__name__, (_FoldOnce, cls, self.base_class), {})
            return made

        def __call__(self, name: str, value: Any) -> Any:
            if type(value) is str:
                key: tuple[Any, ...] = (name, value)
            elif type(value) is Address:  # From and Reply-To: the same in every message
                key = (name, Address, value.display_name, value.username, value.domain)
            else:
                return self[name](name, value)
            header = self._headers.get(key)
            if header is None:
                header = self[name](name, value)
                if len(self._headers) < 1024:
                    self._headers[key] = header
            return header

    return email.policy.SMTP.clone(header_factory=_Registry())


@functools.lru_cache(maxsize=4)
def _calendar_part(calendar: bytes, filename: str, method: str = "PUBLISH", subtype: str = "calendar") -> EmailMessage:
    """An .ics attachment: built once (as `add_attachment` would build it), and a copy attached
    to each message. `method` must be the calendar's own METHOD (RFC 6047): clients act on it."""
    part = EmailMessage(policy=_policy())
    maintype = "text" if subtype == "calendar" else "application"
    params = {"method": method, "charset": "UTF-8"} if subtype == "calendar" else {}
    part.set_content(calendar, maintype=maintype, subtype=subtype, filename=filename, params=params)
    if "content-disposition" not in part:
        part["Content-Disposition"] = "attachment"
    return part


@functools.lru_cache(maxsize=8)
def _file_part(data: bytes, filename: str, subtype: str) -> EmailMessage:
    """A document attached to every message of a mail-out (the PDF of `attachments:`): built once."""
    part = EmailMessage(policy=_policy())
    part.set_content(data, maintype="application", subtype=subtype, filename=filename)
    return part


def attachments(project: Project, event: Event) -> tuple[tuple[str, bytes], ...]:
    """The documents the event's `attachments:` attach to its communiqué: (file name, PDF)."""
    found = []
    for kind in event.attachments:
        if kind == "mentors":
            from jstevents.outputs.lists.mentors import attachment

            found.append(attachment(project, event))
    return tuple(found)


def _copy(shared: EmailMessage) -> EmailMessage:
    # A copy with its own header list: a caller may change one message's attachment.
    part = copy.copy(shared)
    part._headers = list(shared._headers)  # type: ignore[attr-defined]
    part.defects = list(shared.defects)
    return part


#: Header values are cut to these lengths: a header cannot fold inside one long word, and
#: RFC 5322 allows 998 octets a line. The bodies keep the whole text.
MAX_DISPLAY_NAME = 120
MAX_SUBJECT = 400


def _header_text(value: str, limit: int) -> str:
    # One line already: the model's `Line` values hold no line breaks.
    return value if len(value) <= limit else value[: limit - 1] + "…"


def build_message(
    project: Project,
    event: Event,
    *,
    recipient: Participant | None = None,
    calendar: bytes | None = None,
    calendars: MailCalendars | None = None,
    date: dt.datetime | None = None,
) -> EmailMessage:
    """The communiqué of `event` as an e-mail.

    With a `recipient`, the message is addressed to that person only and the text
    names them, their JST, their unit's expert mentor and their coach sign-up;
    without one it is the generic communiqué, with no personal data, addressed to
    "undisclosed-recipients" (put the list in Bcc when sending). `calendar`, e.g.
    `calendar.event_calendar(project, event)`, is attached as a PUBLISH `.ics`; `calendars`
    (for a `recipient`) attaches their invitation instead, and the deadlines beside it.
    """
    text = render_communique(project, event, "txt", recipient=recipient)
    html = render_communique(project, event, "html", recipient=recipient)
    when = message_date(project, event, date)
    attached = attachments(project, event)
    invite = _invite(calendars, recipient)
    if calendars is not None:
        calendar = calendars.deadlines
    identity = _identity(project, event, when, text, html, calendar, attached, invite)
    message_id = _message_id(project, event, recipient, identity)
    return _assemble(project, event, to=_to(recipient), date=when, message_id=message_id, text=text, html=html,
                     calendar=calendar, attached=attached, invite=invite)  # fmt: skip


def _invite(calendars: MailCalendars | None, recipient: Participant | None) -> tuple[bytes, str] | None:
    """The recipient's own invitation and its METHOD, or None."""
    if calendars is None or recipient is None:
        return None
    return calendars.invitation.to(recipient), calendars.invitation.method


def _identity(
    project: Project,
    event: Event,
    when: dt.datetime,
    text: str,
    html: str,
    calendar: bytes | None,
    attached: tuple[tuple[str, bytes], ...] = (),
    invite: tuple[bytes, str] | None = None,
) -> list[bytes]:
    """What makes one message this message: its Message-ID is derived from it."""
    from email.utils import format_datetime

    title = subject(project, event)
    files = [part for name, data in attached for part in (name.encode(), data)]
    own = [invite[0]] if invite is not None else []
    return [title.encode(), format_datetime(when).encode(), text.encode(), html.encode(), calendar or b"", *files,
            *own]  # fmt: skip


def _to(recipient: Participant | None) -> Any:
    from email.headerregistry import Address

    if recipient is None:
        return "undisclosed-recipients:;"
    r_local, _, r_domain = recipient.email.rpartition("@")
    return Address(_header_text(recipient.name, MAX_DISPLAY_NAME), r_local, r_domain)


def boundary_token(message_id: str) -> str:
    """The part of the MIME boundaries that is this message's own: a digest of its Message-ID, always
    24 characters (so every message of a mail-out folds its headers alike). Bodies in
    quoted-printable and base64 never contain "=_", so "=_" + token cannot occur in them."""
    return hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:24]


def _assemble(
    project: Project,
    event: Event,
    *,
    to: Any,
    date: dt.datetime,
    message_id: str,
    text: str,
    html: str,
    calendar: bytes | None,
    attached: tuple[tuple[str, bytes], ...] = (),
    token: str | None = None,
    invite: tuple[bytes, str] | None = None,
    title: str | None = None,
) -> EmailMessage:
    from email.headerregistry import Address
    from email.utils import format_datetime

    contact = sender(project)
    message = EmailMessage(policy=_policy())
    message["Subject"] = _header_text(title or subject(project, event), MAX_SUBJECT)
    local, _, domain = contact.email.rpartition("@")
    message["From"] = Address(_header_text(contact.name, MAX_DISPLAY_NAME), local, domain)
    message["Reply-To"] = Address(_header_text(contact.name, MAX_DISPLAY_NAME), local, domain)
    message["To"] = to
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if calendar is not None or attached or invite is not None:
        message.make_mixed()
    for name, data in attached:
        message.attach(_copy(_file_part(data, name, "pdf")))
    if invite is not None:
        # The invitation is the message's calendar (text/calendar, method= its METHOD); the
        # deadlines beside it are an ordinary file, so that no client mistakes them for it.
        message.attach(_copy(_calendar_part(invite[0], f"{event.id}.ics", invite[1])))
        if calendar is not None:
            message.attach(_copy(_calendar_part(calendar, f"{event.id}-terminy.ics", subtype="ics")))
    elif calendar is not None:
        message.attach(_copy(_calendar_part(calendar, f"{event.id}.ics")))
    # The email package draws boundaries at random; derive them from the Message-ID instead.
    token = token or boundary_token(message_id)
    for index, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_{token}.{index}")
    # After the content is set: `set_content` drops every Content-* header there was.
    message["Content-Language"] = "pl"
    return message


# --- a mail-out: one skeleton, a message per recipient ------------------------------------------------

_MARK = "JSTEVENTSMARK"


@dataclass(frozen=True)
class Mail:
    """One message of a mail-out, as bytes ready to write or send."""

    data: bytes
    message_id: str
    #: The envelope sender: the address in From.
    sender: str


class Mailing:
    """The communiqué of one event as one message per recipient, made from one skeleton.

    A mail-out repeats the same message but for To, Date, Message-ID, the MIME boundaries and
    the two bodies. The email package builds the message once, with markers in those places;
    each recipient's message is that skeleton with the markers replaced by values the email
    package folds and encodes exactly as it would in a whole message (the bytes are the same as
    `build_message(...).as_bytes(policy)`: tests/test_message.py compares them). An address that
    is not ASCII is sent as SMTPUTF8 with UTF-8 headers, which fold otherwise: such a message is
    built whole.
    """

    def __init__(
        self,
        project: Project,
        event: Event,
        *,
        calendar: bytes | None = None,
        calendars: MailCalendars | None = None,
        linesep: str = "\r\n",
    ) -> None:
        """`calendars` gives each message its recipient's invitation and the deadlines beside it;
        `calendar` (without `calendars`) attaches one PUBLISH calendar to every message."""
        self.project, self.event, self.calendars = project, event, calendars
        self.calendar = calendars.deadlines if calendars is not None else calendar
        self.attached = attachments(project, event)
        self.policy = _policy().clone(linesep=linesep)
        contact = sender(project)
        self.sender = contact.email
        self._parts: list[bytes | str] | None = None

    def message(self, recipient: Participant, *, date: dt.datetime | None = None) -> Mail:
        text = render_communique(self.project, self.event, "txt", recipient=recipient)
        html = render_communique(self.project, self.event, "html", recipient=recipient)
        when = message_date(self.project, self.event, date)
        invite = _invite(self.calendars, recipient)
        identity = _identity(self.project, self.event, when, text, html, self.calendar, self.attached, invite)
        message_id = _message_id(self.project, self.event, recipient, identity)
        if not recipient.email.isascii():
            whole = _assemble(self.project, self.event, to=_to(recipient), date=when, message_id=message_id,
                              text=text, html=html, calendar=self.calendar, attached=self.attached,
                              invite=invite)  # fmt: skip
            return Mail(whole.as_bytes(policy=self.policy.clone(utf8=True)), message_id, self.sender)
        values = {
            "to": self._header("To", _to(recipient)),
            "date": self._header("Date", _format_date(when)),
            "id": self._header("Message-ID", message_id),
            "token": boundary_token(message_id).encode("ascii"),
            "text": self._body(text),
            "html": self._body(html),
        }
        if invite is not None:
            values["invite"] = self._base64(invite[0])
        parts = self._skeleton()
        return Mail(b"".join(values[p] if isinstance(p, str) else p for p in parts), message_id, self.sender)

    def _header(self, name: str, value: Any) -> bytes:
        folded: bytes = self.policy.fold_binary(name, self.policy.header_store_parse(name, value)[1])
        return folded

    def _body(self, text: str) -> bytes:
        """`text` as the email package writes a quoted-printable UTF-8 body (`set_content`, then the generator).

        Quoted-printable encodes each line on its own, and most lines are the same in every
        message of a mail-out: each distinct line is encoded once (`_encoded_line`).
        """
        width = self.policy.max_line_length
        lines = [_encoded_line(line, width) for line in text.encode("utf-8").splitlines()]
        return ("\n".join(lines) + "\n").replace("\n", self.policy.linesep).encode("ascii")

    def _base64(self, data: bytes) -> bytes:
        """`data` as the email package writes a base64 body: 57 bytes (76 characters) a line."""
        import binascii

        step = self.policy.max_line_length // 4 * 3
        lines = [binascii.b2a_base64(data[i : i + step], newline=False) for i in range(0, len(data), step)]
        sep = self.policy.linesep.encode("ascii")
        return b"".join(line + sep for line in lines)

    def _skeleton(self) -> list[bytes | str]:
        """The message's bytes as literal pieces and the names of the values between them."""
        if self._parts is not None:
            return self._parts
        from email.headerregistry import Address

        to = Address(_MARK + "TO", "to", "example.invalid")
        date = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
        message_id = f"<{_MARK}.ID@example.invalid>"
        token = (_MARK + "TOKEN").ljust(24, "X")
        text, html = _MARK + "TEXT", _MARK + "HTML"
        invite_mark = (_MARK + "INVITE").encode("ascii")
        invite = (invite_mark, self.calendars.invitation.method) if self.calendars is not None else None
        skeleton = _assemble(self.project, self.event, to=to, date=date, message_id=message_id, text=text,
                             html=html, calendar=self.calendar, attached=self.attached, token=token,
                             invite=invite)  # fmt: skip
        data = skeleton.as_bytes(policy=self.policy)
        markers = {
            self._header("To", to): "to",
            self._header("Date", _format_date(date)): "date",
            self._header("Message-ID", message_id): "id",
            token.encode("ascii"): "token",
            self._body(text): "text",
            self._body(html): "html",
        }
        if invite is not None:
            markers[self._base64(invite_mark)] = "invite"
        pattern = re.compile(b"|".join(re.escape(m) for m in sorted(markers, key=len, reverse=True)))
        parts: list[bytes | str] = []
        at = 0
        for found in pattern.finditer(data):
            parts += [data[at : found.start()], markers[found.group(0)]]
            at = found.end()
        parts.append(data[at:])
        assert sorted(p for p in parts if isinstance(p, str)) == sorted(
            ["to", "date", "id", "text", "html"]
            + ["token"] * (data.count(token.encode("ascii")))
            + (["invite"] if invite is not None else [])
        ), "the skeleton lost a marker"
        self._parts = parts
        return parts


@functools.lru_cache(maxsize=16384)
def _encoded_line(line: bytes, width: int) -> str:
    """One line (no line break in it) as `quoprimime.body_encode` encodes it, soft breaks included."""
    from email import quoprimime

    return quoprimime.body_encode(line.decode("latin-1") + "\n", width)[:-1]


def _format_date(when: dt.datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(when)
