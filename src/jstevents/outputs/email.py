"""The communiqué as a ready-to-send e-mail (RFC 5322), built with the standard `email` package.

Structure: multipart/mixed [ multipart/alternative [ text/plain, text/html ], text/calendar ]
when a calendar is attached; multipart/alternative alone otherwise. Everything in
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
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

from jstevents.outputs.communique import render_communique, sender, subject

if TYPE_CHECKING:
    from jstevents.model import Event, Participant, Project

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
            folded: dict[int, tuple[Any, str]] = self.__dict__.setdefault("_jst_folded", {})
            done = folded.get(id(policy))
            if done is None or done[0] is not policy:
                done = folded[id(policy)] = (policy, super().fold(policy=policy))  # type: ignore[misc]
            return done[1]

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
def _calendar_part(calendar: bytes, filename: str) -> EmailMessage:
    """The .ics attachment, the same for every recipient: built once (as `add_attachment`
    would build it), and a copy attached to each message."""
    part = EmailMessage(policy=_policy())
    part.set_content(
        calendar,
        maintype="text",
        subtype="calendar",
        filename=filename,
        params={"method": "PUBLISH", "charset": "UTF-8"},
    )
    if "content-disposition" not in part:
        part["Content-Disposition"] = "attachment"
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
    date: dt.datetime | None = None,
) -> EmailMessage:
    """The communiqué of `event` as an e-mail.

    With a `recipient`, the message is addressed to that person only and the text
    names them, their JST, their unit's expert mentor and their coach sign-up;
    without one it is the generic communiqué, with no personal data, addressed to
    "undisclosed-recipients" (put the list in Bcc when sending). `calendar`, e.g.
    `calendar.event_calendar(project, event)`, is attached as a PUBLISH `.ics`.
    """
    from email.headerregistry import Address
    from email.utils import format_datetime

    text = str(render_communique(project, event, "txt", recipient=recipient))
    html = str(render_communique(project, event, "html", recipient=recipient))
    title = subject(project, event)
    when = message_date(project, event, date)
    contact = sender(project)

    message = EmailMessage(policy=_policy())
    message["Subject"] = _header_text(title, MAX_SUBJECT)
    local, _, domain = contact.email.rpartition("@")
    message["From"] = Address(_header_text(contact.name, MAX_DISPLAY_NAME), local, domain)
    message["Reply-To"] = Address(_header_text(contact.name, MAX_DISPLAY_NAME), local, domain)
    if recipient is not None:
        r_local, _, r_domain = recipient.email.rpartition("@")
        message["To"] = Address(_header_text(recipient.name, MAX_DISPLAY_NAME), r_local, r_domain)
    else:
        message["To"] = "undisclosed-recipients:;"
    message["Date"] = format_datetime(when)
    message_id = _message_id(
        project,
        event,
        recipient,
        [title.encode(), format_datetime(when).encode(), text.encode(), html.encode(), calendar or b""],
    )
    message["Message-ID"] = message_id
    message["Content-Language"] = "pl"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    if calendar is not None:
        if message.get_content_maintype() != "multipart" or message.get_content_subtype() != "mixed":
            message.make_mixed()
        # A copy with its own header list: a caller may change one message's attachment.
        shared = _calendar_part(calendar, f"{event.id}.ics")
        part = copy.copy(shared)
        part._headers = list(shared._headers)  # type: ignore[attr-defined]
        part.defects = list(shared.defects)
        message.attach(part)
    # The email package draws boundaries at random; derive them from the Message-ID instead
    # (the quoted-printable and base64 bodies never contain "=_").
    token = message_id.strip("<>").partition("@")[0]
    for index, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_{token}.{index}")
    return message
