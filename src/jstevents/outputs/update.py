"""An update to one person: "Komunikat nr N – zmiana: …", what changed for them, then the communiqué.

The body says what changed for that person and only that (each change as its new value, the
old one in brackets), then a line, then the whole current communiqué, personal as in the
mail-out; the invitation attached has the same UID and a higher SEQUENCE, so their calendar
entry moves. A person whose registration was withdrawn, and everybody when the event is
cancelled, gets a short note instead, with a METHOD:CANCEL that removes the entry.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jstevents.outputs.communique import render_communique, sender
from jstevents.outputs.email import Mail, _assemble, _message_id, _policy, _to, attachments, message_date
from jstevents.text import dates
from jstevents.text.facts import Change
from jstevents.text.wording import joined
from jstevents.text.wrap import wrap

if TYPE_CHECKING:
    from jstevents.model import Event, Participant, Project
    from jstevents.outputs.calendar.invitation import Invitation

#: The line between the update and the communiqué below it.
RULE = "—" * 36
#: At most this many changes are named in the subject; the rest is "i inne".
SUBJECT_CHANGES = 3


@dataclass(frozen=True)
class Update:
    """What one person is to be told."""

    changes: tuple[Change, ...]
    #: Registration withdrawn (or the event cancelled): a cancellation note, no communiqué.
    cancelled: bool = False


def update_subject(project: Project, event: Event, update: Update) -> str:
    head = f"Komunikat nr {event.communique}" if event.communique else "Komunikat"
    if event.status == "cancelled":
        what = "wydarzenie odwołane"
    elif update.cancelled:
        what = "wycofanie zgłoszenia"
    else:
        labels = list(dict.fromkeys(c.label for c in update.changes))
        named = labels[:SUBJECT_CHANGES] + (["inne"] if len(labels) > SUBJECT_CHANGES else [])
        what = joined(named, "i")
    return f"{head} – zmiana: {what}"


def _lines(project: Project, event: Event, recipient: Participant, update: Update) -> tuple[list[str], list[str]]:
    """The opening paragraphs and the list of changes (empty for a cancellation)."""
    title = f"„{event.title}” ({dates.date_range(event.dates.start, event.dates.end)})"
    greeting = f"Dzień dobry, {recipient.name}!"
    if event.status == "cancelled":
        return [
            greeting,
            f"Z przykrością informujemy, że wydarzenie {title} zostało odwołane. "
            "Załączone odwołanie usuwa je z kalendarza.",
        ], []
    if update.cancelled:
        return [
            greeting,
            f"Potwierdzamy wycofanie zgłoszenia na wydarzenie {title}. Załączone odwołanie usuwa je z kalendarza.",
        ], []
    intro = (
        f"Od wysłania komunikatu zmieniły się informacje o wydarzeniu {title}, które dotyczą Państwa udziału:"
        if len(update.changes) > 1
        else f"Od wysłania komunikatu zmieniła się informacja o wydarzeniu {title}, która dotyczy Państwa udziału:"
    )
    items = [f"{c.label}: {c.new} (poprzednio: {c.old})" for c in update.changes]
    return [greeting, intro], items


def _contact_line(project: Project) -> str:
    contact = sender(project)
    return f"W razie pytań prosimy o kontakt: {contact.name}, {contact.email}."


def update_texts(project: Project, event: Event, recipient: Participant, update: Update) -> tuple[str, str]:
    """The plain text and the HTML of the update to `recipient`."""
    opening, items = _lines(project, event, recipient, update)
    closing = _contact_line(project)
    if not items:  # a cancellation: a short note of its own
        text = "\n\n".join(wrap(p) for p in [*opening, closing]) + "\n"
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in [*opening, closing])
        head = '<!DOCTYPE html>\n<html lang="pl">\n<head>\n<meta charset="utf-8">\n</head>\n'
        page = f"{head}<body>\n{body}</body>\n</html>\n"
        return text, page
    after = "Załączone zaproszenie aktualizuje wpis w kalendarzu. Poniżej aktualna treść komunikatu."
    text = "\n\n".join(
        [
            *(wrap(p) for p in opening),
            "\n".join(wrap(item, first="– ", indent="  ") for item in items),
            wrap(after),
            RULE,
            render_communique(project, event, "txt", recipient=recipient),
        ]
    )
    block = (
        '<div style="margin: 0 0 16px 0; padding: 12px 16px; border-left: 4px solid #c0392b; '
        'background-color: #fff8f0; font-family: Arial, sans-serif; font-size: 15px; line-height: 22px;">\n'
        + "".join(f"<p>{html.escape(p)}</p>\n" for p in opening)
        + "<ul>\n"
        + "".join(f"<li>{html.escape(item)}</li>\n" for item in items)
        + "</ul>\n"
        + f"<p>{html.escape(after)}</p>\n</div>\n<hr>\n"
    )
    communique = render_communique(project, event, "html", recipient=recipient)
    at = communique.find("<body")
    at = communique.find(">", at) + 1 if at >= 0 else 0
    return text, communique[:at] + "\n" + block + communique[at:]


def update_message(
    project: Project,
    event: Event,
    recipient: Participant,
    update: Update,
    *,
    invitation: Invitation,
    deadlines: bytes | None,
    date: dt.datetime | None = None,
    linesep: str = "\r\n",
) -> Mail:
    """The whole update message to `recipient`, as bytes ready to send."""
    from email.utils import format_datetime

    text, page = update_texts(project, event, recipient, update)
    title = update_subject(project, event, update)
    when = message_date(project, event, date)
    invite = (invitation.to(recipient), invitation.method)
    cancel = invitation.method == "CANCEL"
    attached = () if cancel else attachments(project, event)
    calendar = None if cancel else deadlines
    identity = [title.encode(), format_datetime(when).encode(), text.encode(), page.encode(), invite[0]]
    message_id = _message_id(project, event, recipient, identity)
    message = _assemble(project, event, to=_to(recipient), date=when, message_id=message_id, text=text,
                        html=page, calendar=calendar, attached=attached, invite=invite, title=title)  # fmt: skip
    policy = _policy().clone(linesep=linesep, utf8=not recipient.email.isascii())
    return Mail(message.as_bytes(policy=policy), message_id, sender(project).email)
