"""The short letter that brings each person their certificate: one message, one recipient, their PDF.

A plain-text message (multipart/mixed: the letter, then the PDF), its Date the certificate's day of
issue at 09:00 in the programme's time zone, its Message-ID and MIME boundaries derived from the
content: the same ledger gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.message import EmailMessage
from typing import TYPE_CHECKING

from jstevents.outputs.communique import sender
from jstevents.outputs.email import ISSUE_HOUR, MAX_DISPLAY_NAME, MAX_SUBJECT, Mail, _header_text, _policy
from jstevents.text.dates import date_range

if TYPE_CHECKING:
    from jstevents.model import Event, Participant, Project
    from jstevents.outputs.certificate_ledger import Entry


def subject(event: Event) -> str:
    return f"Zaświadczenie – {event.title}"


def letter(project: Project, event: Event, recipient: Participant, entry: Entry) -> str:
    contact = sender(project)
    dates = date_range(event.dates.start, event.dates.end)
    return (
        "Dzień dobry,\n\n"
        f"w załączeniu przesyłamy zaświadczenie nr {entry.number} o udziale w wydarzeniu „{event.title}” "
        f"({dates}), zorganizowanym w ramach projektu „{project.programme.title}”.\n\n"
        "Dziękujemy za udział i prosimy o zachowanie zaświadczenia. Kod QR na zaświadczeniu pozwala "
        f"sprawdzić jego autentyczność u organizatora ({project.programme.organiser}).\n\n"
        f"Z wyrazami szacunku\n{project.programme.signature}\n{contact.name}, {contact.email}\n"
    )


def certificate_mail(
    project: Project, event: Event, recipient: Participant, entry: Entry, pdf: bytes, file_name: str
) -> Mail:
    from email.headerregistry import Address
    from email.utils import format_datetime
    from zoneinfo import ZoneInfo

    contact = sender(project)
    when = dt.datetime.combine(entry.issued, ISSUE_HOUR, tzinfo=ZoneInfo(project.programme.timezone))
    text = letter(project, event, recipient, entry)
    digest = hashlib.sha256(b"\0".join([entry.number.encode(), text.encode(), pdf])).hexdigest()[:16]
    domain = contact.email.rpartition("@")[2]
    message_id = f"<{project.programme.id}.{event.id}.certificate.{recipient.id}.{digest}@{domain}>"
    message = EmailMessage(policy=_policy())
    message["Subject"] = _header_text(subject(event), MAX_SUBJECT)
    local, _, host = contact.email.rpartition("@")
    message["From"] = Address(_header_text(contact.name, MAX_DISPLAY_NAME), local, host)
    message["Reply-To"] = Address(_header_text(contact.name, MAX_DISPLAY_NAME), local, host)
    r_local, _, r_domain = recipient.email.rpartition("@")
    message["To"] = Address(_header_text(recipient.name, MAX_DISPLAY_NAME), r_local, r_domain)
    message["Date"] = format_datetime(when)
    message["Message-ID"] = message_id
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=file_name)
    message.set_boundary(f"=_{hashlib.sha256(message_id.encode()).hexdigest()[:24]}.0")
    message["Content-Language"] = "pl"
    utf8 = not recipient.email.isascii()
    return Mail(message.as_bytes(policy=_policy().clone(linesep="\r\n", utf8=utf8)), message_id, contact.email)
