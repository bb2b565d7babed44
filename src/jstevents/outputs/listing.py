"""The rows of `jstevents list` and `jstevents deadlines`: the model as tables for the terminal and scripts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jstevents.model import Project
from jstevents.model.deadlines import Due, event_deadlines, urgency


def event_rows(project: Project, *, today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for event in project.sorted_events():
        upcoming = [d for d in event_deadlines(event) if d.day >= today]
        venue = project.venues.get(event.venue) if event.venue else None
        rows.append(
            {
                "id": event.id,
                "kind": event.kind.value,
                "title": event.title,
                "number": event.number,
                "communique": event.communique,
                "start": event.dates.start.isoformat(),
                "end": event.dates.end.isoformat(),
                "mode": event.mode,
                "venue": event.venue,
                "venue_name": venue.name if venue else None,
                "registrations": len(event.registrations),
                "next_deadline": {
                    "id": upcoming[0].id,
                    "title": upcoming[0].title,
                    "at": upcoming[0].at.isoformat(timespec="minutes")
                    if isinstance(upcoming[0].at, dt.datetime)
                    else upcoming[0].at.isoformat(),
                }
                if upcoming
                else None,
            }
        )
    return rows


def due_rows(
    dues: list[Due], *, today: dt.date, contacts: dict[str, Any], within: int | None = None
) -> list[dict[str, Any]]:
    """One row a deadline, for `jstevents deadlines`; `within` keeps the next N days and the overdue."""
    rows = []
    for due in dues:
        left = (due.day - today).days
        status = urgency(due, today)
        if within is not None and (status == "closed" or left > within):
            continue
        contact = contacts.get(due.contact) if due.contact else None
        rows.append(
            {
                "id": due.id,
                "event": due.event.id,
                "event_title": due.event.title,
                "kind": due.kind,
                "title": due.title,
                "at": due.at.isoformat(timespec="minutes") if isinstance(due.at, dt.datetime) else due.at.isoformat(),
                "days_left": left,
                "status": status,
                "contact": None
                if contact is None
                else {
                    "id": contact.id,
                    "name": contact.name,
                    "email": contact.email,
                    "phone": contact.phone,
                },
            }
        )
    return rows
