"""iCalendar (.ics) files of modules, meetings and their deadlines.

What clients need to import the file without surprises:
- local times with TZID (the programme's zone) and a rule-based VTIMEZONE for
  it (see `vtimezone`), never floating times or RDATE-only zones;
- UIDs made of the programme and event (or deadline) ids, so that re-importing
  updates entries instead of duplicating them;
- SEQUENCE and DTSTAMP that change only when an entry's content does (see
  `sequence`), so that two runs give the same bytes;
- all-day deadlines whose DTEND is the next day (DTEND is exclusive).
Everything is written through `icalendar`, which folds lines at 75 octets and
ends them with CRLF.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jstevents.errors import ProjectError
from jstevents.model import Event, Project, Registration
from jstevents.model.deadlines import Due, concerns, event_deadlines
from jstevents.outputs.calendar.sequence import Sequences
from jstevents.outputs.calendar.text import alarm_text, deadline_description, event_description, location
from jstevents.text.wording import DEADLINE_LABELS, KIND_LABELS

PRODID = "-//jstevents//jstevents//PL"
#: Hours of a full day when the schedule does not give `day_start`/`day_end`.
DAY_START, DAY_END = dt.time(9, 0), dt.time(17, 0)
#: A deadline with a time is shown as a short entry starting at that moment.
DEADLINE_LENGTH = dt.timedelta(minutes=15)


def event_calendar(project: Project, event: Event, sequences: Sequences | None = None) -> bytes:
    """The `.ics` for one event and its deadlines, as attached to its communiqué."""
    return build_calendar(project, [event], sequences=sequences)


def build_calendar(
    project: Project,
    events: Iterable[Event],
    *,
    deadlines: bool = True,
    event_entries: bool = True,
    per_day: bool = False,
    participant: str | None = None,
    sequences: Sequences | None = None,
    name: str | None = None,
    refresh: dt.timedelta | None = None,
    memo: dict[Any, Any] | None = None,
) -> bytes:
    """One VCALENDAR with `events` (and their deadlines), as bytes ready to write.

    `participant` keeps only the events that person is registered for and the deadlines
    that concern them. `per_day` gives one entry per day instead of one per event;
    `event_entries=False` gives the deadlines alone (attached beside an invitation).
    `sequences` gives each entry its SEQUENCE and DTSTAMP and remembers new content (the
    caller keeps it); without it, every SEQUENCE is 0 and every DTSTAMP the fixed one.
    `name` is the calendar's name (X-WR-CALNAME); `refresh` makes it a feed to subscribe to.
    `memo`, one dict handed to many calls with the same project and `sequences` (the feeds:
    thousands of calendars made of the same entries), keeps each entry and time zone once.
    """
    zone = _zone(project.programme.timezone)
    memo = {} if memo is None else memo

    def once(key: Any, make: Any) -> Any:
        found = memo.get(key)
        if found is None:
            found = memo[key] = make()
        return found

    entries: list[_Entry] = []
    for event in sorted(events, key=lambda e: (e.dates.start, e.schedule.start, e.id)):
        registration = _registration(event, participant) if participant is not None else None
        if participant is not None and registration is None:
            continue
        if event_entries:
            entries += once(
                ("event", event.id, per_day),
                lambda event=event: (
                    _day_entries(project, event, zone) if per_day else [_event_entry(project, event, zone)]
                ),
            )
        if deadlines:
            dues = once(
                ("deadlines", event.id),
                lambda event=event: [(due, _deadline_entry(project, due, zone)) for due in event_deadlines(event)],
            )
            entries += [entry for due, entry in dues if registration is None or concerns(due, registration)]
    entries.sort(key=lambda e: (e.sort_key, e.uid))

    book = sequences if sequences is not None else Sequences()
    years = [year for entry in entries for year in entry.years]
    timed = any(entry.timed for entry in entries)
    span = (min(years), max(years)) if timed else None
    # The shell (its time zone above all) is made once per span of years; only the name differs.
    shell: bytes = once(("shell", refresh, span), lambda: _shell(project, _UNNAMED, refresh, span))
    shell = shell.replace(_name_line(_UNNAMED), _name_line(name or project.programme.short_title), 1)

    def stamped(entry: _Entry) -> bytes:
        # Each entry is written once: its content (without DTSTAMP and SEQUENCE) gives the digest
        # the ledger compares, and the two lines are then put where icalendar puts them.
        content: bytes = entry.component.to_ical()
        stamp = book.stamp(entry.uid, hashlib.sha256(content).hexdigest())
        return _stamped(content, stamp.dtstamp, stamp.sequence)

    parts = [once(("entry", entry.uid), lambda entry=entry: stamped(entry)) for entry in entries]
    end = b"END:VCALENDAR\r\n"
    assert shell.endswith(end)
    return shell[: -len(end)] + b"".join(parts) + end


_UNNAMED = "JSTEVENTS-CALENDAR-NAME"


@functools.lru_cache(maxsize=64)
def _name_line(name: str) -> bytes:
    """The X-WR-CALNAME line (folded, CRLF) exactly as icalendar writes it."""
    from icalendar import Calendar

    holder = Calendar()
    holder.add("x-wr-calname", name)
    data: bytes = holder.to_ical()
    return data[len(b"BEGIN:VCALENDAR\r\n") : -len(b"END:VCALENDAR\r\n")]


def _shell(project: Project, name: str, refresh: dt.timedelta | None, span: tuple[int, int] | None) -> bytes:
    """The VCALENDAR without its entries: its properties and the time zone (when `span` of years)."""
    from icalendar import Calendar, vDuration

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if refresh is not None:
        # A feed: how often a subscribed calendar program should fetch it again (RFC 7986; the
        # X- property is what older Outlook and Apple clients read).
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    if span is not None:
        from jstevents.outputs.calendar.vtimezone import vtimezone

        calendar.add_component(vtimezone(project.programme.timezone, *span))
    data: bytes = calendar.to_ical()
    return data


def _stamped(content: bytes, dtstamp: dt.datetime, sequence: int) -> bytes:
    """A VEVENT's lines with DTSTAMP before its UID and SEQUENCE after it, as icalendar orders
    them (SUMMARY, DTSTART, DTEND, DTSTAMP, UID, SEQUENCE, the rest alphabetically)."""
    from icalendar import vDDDTypes

    lines = content.split(b"\r\n")
    at = next(i for i, line in enumerate(lines) if line.startswith((b"UID:", b"UID;")))
    after = at + 1
    while lines[after].startswith(b" "):  # a folded UID continues on lines starting with a space
        after += 1
    sequence_line = b"SEQUENCE:" + str(sequence).encode()
    return b"\r\n".join(
        [*lines[:at], b"DTSTAMP:" + vDDDTypes(dtstamp).to_ical(), *lines[at:after], sequence_line, *lines[after:]]
    )


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProjectError(
            f"unknown time zone {name!r} in programme.timezone",
            hint="use an IANA zone name such as Europe/Warsaw",
        ) from None


@dataclass
class _Entry:
    uid: str
    sort_key: dt.datetime
    years: tuple[int, ...]
    timed: bool
    component: Any


def uid(project: Project, event: Event, part: str | None = None) -> str:
    """`<event>@<programme>.jstevents`, or `<event>~<part>@…` for its deadlines and days.

    Ids cannot contain `~`, so no two entries share a UID; none depends on the run or machine.
    """
    local = event.id if part is None else f"{event.id}~{part}"
    return f"{local}@{project.programme.id}.jstevents"


def _registration(event: Event, participant: str) -> Registration | None:
    return next((r for r in event.registrations if r.participant == participant), None)


def _vevent(project: Project, uid_: str, summary: str) -> Any:
    from icalendar import Event as VEvent
    from icalendar import vCalAddress

    vevent = VEvent()
    vevent.add("uid", uid_)
    vevent.add("summary", summary)
    # RFC 5546 asks for an ORGANIZER in a PUBLISH: the contact mail goes out from, else the first one.
    contacts = project.programme.contacts
    sender = next((c for c in contacts if c.id == project.programme.mail.from_contact), contacts[0])
    organizer = vCalAddress(f"mailto:{sender.email}")
    organizer.params["cn"] = sender.name
    vevent.add("organizer", organizer)
    return vevent


def _add_place(project: Project, event: Event, vevent: Any) -> None:
    place = location(project, event)
    if place:
        vevent.add("location", place)
    venue = project.venues.get(event.venue) if event.venue and event.mode == "onsite" else None
    if venue is not None and venue.geo is not None:
        vevent.add("geo", (venue.geo.lat, venue.geo.lon))
    if event.mode == "online" and event.online_link:
        vevent.add("url", event.online_link)


def _categories(project: Project, event: Event) -> list[str]:
    return [KIND_LABELS[event.kind], project.programme.organiser_short or project.programme.organiser]


def event_entry(project: Project, event: Event) -> tuple[str, Any]:
    """The UID and VEVENT of the event as a whole, as in every calendar that holds it."""
    entry = _event_entry(project, event, _zone(project.programme.timezone))
    return entry.uid, entry.component


def _event_entry(project: Project, event: Event, zone: ZoneInfo) -> _Entry:
    start = dt.datetime.combine(event.dates.start, event.schedule.start, tzinfo=zone)
    end = dt.datetime.combine(event.dates.end, event.schedule.end, tzinfo=zone)
    vevent = _vevent(project, uid(project, event), event.title)
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    _add_place(project, event, vevent)
    vevent.add("description", event_description(project, event))
    vevent.add("categories", _categories(project, event))
    vevent.add("status", status(event))
    vevent.add("transp", "OPAQUE")
    return _Entry(uid(project, event), start, (start.year, end.year), True, vevent)


def status(event: Event) -> str:
    """STATUS of the event's entries: an event called off stays in calendars, marked cancelled."""
    return "CANCELLED" if event.status == "cancelled" else "CONFIRMED"


def _day_entries(project: Project, event: Event, zone: ZoneInfo) -> list[_Entry]:
    days = event.dates.days()
    description = event_description(project, event)
    entries = []
    for number, date in enumerate(days, start=1):
        opens = event.schedule.start if number == 1 else (event.schedule.day_start or DAY_START)
        closes = event.schedule.end if number == len(days) else (event.schedule.day_end or DAY_END)
        start = dt.datetime.combine(date, opens, tzinfo=zone)
        end = dt.datetime.combine(date, closes, tzinfo=zone)
        if end <= start:
            # A first day that starts after the usual end of a day: give it an hour rather than nothing.
            end = start + dt.timedelta(hours=1)
        summary = event.title if len(days) == 1 else f"{event.title} – dzień {number}/{len(days)}"
        key = uid(project, event, f"day-{date.isoformat()}")
        vevent = _vevent(project, key, summary)
        vevent.add("dtstart", start)
        vevent.add("dtend", end)
        _add_place(project, event, vevent)
        vevent.add("description", description)
        vevent.add("categories", _categories(project, event))
        vevent.add("status", status(event))
        vevent.add("transp", "OPAQUE")
        entries.append(_Entry(key, start, (start.year,), True, vevent))
    return entries


def _deadline_entry(project: Project, due: Due, zone: ZoneInfo) -> _Entry:
    from icalendar import Alarm

    part = due.id[len(due.event.id) + 1 :]
    key = uid(project, due.event, part)
    vevent = _vevent(project, key, f"Termin: {due.title}")
    if isinstance(due.at, dt.datetime):
        start = due.at.replace(tzinfo=zone)
        vevent.add("dtstart", start)
        vevent.add("dtend", start + DEADLINE_LENGTH)
        sort_key, timed = start, True
    else:
        vevent.add("dtstart", due.at)
        vevent.add("dtend", due.at + dt.timedelta(days=1))  # DTEND is exclusive: the next day
        sort_key, timed = dt.datetime.combine(due.at, dt.time(0), tzinfo=zone), False
    vevent.add("description", deadline_description(project, due))
    vevent.add("categories", [DEADLINE_LABELS[due.kind], KIND_LABELS[due.event.kind]])
    vevent.add("transp", "TRANSPARENT")  # a deadline does not make anybody busy
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -dt.timedelta(days=1))
    alarm.add("description", alarm_text(due))
    vevent.add_component(alarm)
    return _Entry(key, sort_key, (due.day.year,), timed, vevent)
