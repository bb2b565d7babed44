"""TEMPORARY stub of the communiqué as an e-mail; the real message.py replaces it at integration.

Only the signature is meant to last: a plain-text body, To, From, Reply-To, Subject,
a deterministic Message-ID and the event's .ics attached.
"""

from __future__ import annotations

import datetime
from email.message import EmailMessage

from .model import Event, Participant, Project


def build_message(
    project: Project,
    event: Event,
    *,
    recipient: Participant | None = None,
    calendar: bytes | None = None,
    date: datetime.datetime | None = None,
) -> EmailMessage:
    import hashlib
    from email.headerregistry import Address
    from email.utils import format_datetime

    programme = project.programme
    contact = project.contact(programme.mail.from_contact or programme.contacts[0].id)
    number = event.communique or event.number
    title = event.communique_title or event.title

    message = EmailMessage()
    message["Subject"] = f"Komunikat nr {number} – {title}" if number else title
    message["From"] = Address(display_name=contact.name, addr_spec=contact.email)
    message["Reply-To"] = Address(display_name=contact.name, addr_spec=contact.email)
    if recipient is not None:
        message["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
    if date is not None:
        message["Date"] = format_datetime(date)
    who = hashlib.sha256((recipient.id if recipient else "").encode("utf-8")).hexdigest()[:16]
    message["Message-ID"] = f"<{event.id}.{who}@{programme.id}.jstevents>"
    greeting = f"Dzień dobry, {recipient.name}!" if recipient else "Dzień dobry!"
    message.set_content(f"{greeting}\n\n{event.title}: {event.dates.start.isoformat()}.\n\n{programme.signature}\n")
    if calendar is not None:
        message.add_attachment(calendar, maintype="text", subtype="calendar", filename=f"{event.id}.ics")
    return message
