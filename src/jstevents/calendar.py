"""iCalendar output (placeholder: one VEVENT per event; the calendar issue completes it)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .model import Event, Project


def event_calendar(project: Project, event: Event) -> bytes:
    """The `.ics` for one event, as attached to its communiqué."""
    from icalendar import Calendar
    from icalendar import Event as VEvent

    zone = ZoneInfo(project.programme.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//jstevents//PL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    vevent = VEvent()
    vevent.add("uid", f"{event.id}@{project.programme.id}.jstevents")
    vevent.add("dtstamp", dt.datetime.combine(event.dates.start, dt.time(0), tzinfo=dt.timezone.utc))
    vevent.add("dtstart", event.starts_at().replace(tzinfo=zone))
    vevent.add("dtend", event.ends_at().replace(tzinfo=zone))
    vevent.add("summary", event.title)
    calendar.add_component(vevent)
    return calendar.to_ical()
