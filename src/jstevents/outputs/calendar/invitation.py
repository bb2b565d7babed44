"""Personal invitations (RFC 5546, iTIP): the calendar part of each message of a mail-out.

A calendar attached as `METHOD:PUBLISH` is, for Outlook and Gmail, a file to import: a second
one with the same UID is imported again (a duplicate) or ignored. A `METHOD:REQUEST` with an
ORGANIZER and the recipient as ATTENDEE is a meeting the recipient is invited to: a later
REQUEST with the same UID and a higher SEQUENCE moves that meeting, and a `METHOD:CANCEL`
removes it. So every message of a mail-out, the first one too, carries the event as a REQUEST
(see docs/changes.md for why the first one must be a REQUEST as well).

iTIP allows one UID per message, so the event's deadlines cannot go in the invitation: they
come as a second, ordinary file (`<event>-terminy.ics`, PUBLISH), as before.

The UID and SEQUENCE are those of the event's entry in every other calendar (`ics`), taken
from the same ledger: the SEQUENCE rises when, and only when, the entry's content changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from jstevents.outputs.calendar.ics import PRODID, _stamped, build_calendar, event_entry

if TYPE_CHECKING:
    from jstevents.model import Event, Participant, Project
    from jstevents.outputs.calendar.sequence import Sequences

Method = Literal["REQUEST", "CANCEL"]

#: Stands for the recipient in the shared calendar; each message gets its own ATTENDEE line.
_PLACEHOLDER = ("JSTEVENTS ATTENDEE", "attendee@jstevents.invalid")


@dataclass(frozen=True)
class Invitation:
    """The event as an iTIP message, the same for every recipient but for the ATTENDEE line."""

    method: Method
    uid: str
    sequence: int
    _shell: bytes

    def for_recipient(self, name: str, email: str) -> bytes:
        return self._shell.replace(_attendee_line(*_PLACEHOLDER), _attendee_line(name, email), 1)

    def to(self, participant: Participant) -> bytes:
        return self.for_recipient(participant.name, participant.email)


@dataclass(frozen=True)
class MailCalendars:
    """What a mail-out attaches: the invitation (or cancellation) and the deadlines' calendar."""

    invitation: Invitation
    #: The event's deadlines as an ordinary PUBLISH calendar; None when it has none.
    deadlines: bytes | None


def invitation(project: Project, event: Event, sequences: Sequences, *, cancel: bool = False) -> Invitation:
    """The event as a REQUEST, or a CANCEL when `cancel` (a withdrawn registration) or the event is
    cancelled. `sequences` (the ledger) gives the SEQUENCE and remembers new content.

    A cancellation sent to one withdrawn person while the event goes on carries the next SEQUENCE
    (without recording it): clients apply a CANCEL only when it is not older than what they hold.
    """
    from icalendar import Calendar

    from jstevents.outputs.calendar.vtimezone import vtimezone

    uid, vevent = event_entry(project, event)
    content: bytes = vevent.to_ical()
    stamp = sequences.stamp(uid, hashlib.sha256(content).hexdigest())
    method: Method = "CANCEL" if cancel or event.status == "cancelled" else "REQUEST"
    sequence = stamp.sequence + (1 if method == "CANCEL" and event.status != "cancelled" else 0)
    if method == "CANCEL":
        vevent.pop("status", None)
        vevent.add("status", "CANCELLED")
    vevent.add("attendee", _address(*_PLACEHOLDER))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    years = sorted({event.dates.start.year, event.dates.end.year})
    calendar.add_component(vtimezone(project.programme.timezone, years[0], years[-1]))
    shell: bytes = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    body = _stamped(vevent.to_ical(), stamp.dtstamp, sequence)
    return Invitation(method, uid, sequence, shell[: -len(end)] + body + end)


def mail_calendars(project: Project, event: Event, sequences: Sequences, *, cancel: bool = False) -> MailCalendars:
    """The calendars a message about `event` carries (see `MailCalendars`)."""
    from jstevents.model.deadlines import event_deadlines

    deadlines = (
        build_calendar(project, [event], event_entries=False, sequences=sequences)
        if event_deadlines(event) and not cancel and event.status != "cancelled"
        else None
    )
    return MailCalendars(invitation(project, event, sequences, cancel=cancel), deadlines)


def _address(name: str, email: str) -> Any:
    from icalendar import vCalAddress

    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["cn"] = name.replace('"', "'")  # a parameter value cannot hold a double quote
    attendee.params["role"] = "REQ-PARTICIPANT"
    attendee.params["partstat"] = "NEEDS-ACTION"
    # Nobody is asked to answer: registrations are made elsewhere, and a reply would only
    # fill the programme's mailbox.
    attendee.params["rsvp"] = "FALSE"
    return attendee


def _attendee_line(name: str, email: str) -> bytes:
    """The ATTENDEE line (folded, CRLF) exactly as icalendar writes it inside a VEVENT."""
    from icalendar import Event as VEvent

    holder = VEvent()
    holder.add("attendee", _address(name, email))
    data: bytes = holder.to_ical()
    return data[len(b"BEGIN:VEVENT\r\n") : -len(b"END:VEVENT\r\n")]
