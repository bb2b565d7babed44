"""The overview of events that `jstevents list` shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jstevents.model import Project
from jstevents.model.deadlines import event_deadlines


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
