"""Who actually came: the attendance recorded after an event, and what follows from it.

An event's attendance is recorded once any of its registrations has `attended`; from then on
the record, not the registrations, says who took part. Before that, the units the event was
announced for (`units_attending`) are the best knowledge there is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jstevents.model import presence
from jstevents.model.event import Event, Registration
from jstevents.model.people import Unit
from jstevents.model.presence import event_days
from jstevents.model.project import Project


def has_recorded_attendance(event: Event) -> bool:
    return any(r.attended is not None for r in event.registrations)


def attendees(event: Event) -> list[Registration]:
    """The registrations recorded present on at least one day, in the file's order."""
    return [r for r in event.registrations if r.attended]


def attending_units(project: Project, event: Event) -> list[Unit]:
    """The units (JST) that took part: from the recorded attendance when there is one, else the
    units the event was announced for. Each unit once, in the order first met."""
    if has_recorded_attendance(event):
        ids = [
            project.participants[r.participant].unit for r in attendees(event) if r.participant in project.participants
        ]
    else:
        ids = list(event.units_attending)
    seen: dict[str, Unit] = {}
    for unit_id in ids:
        if unit_id in project.units and unit_id not in seen:
            seen[unit_id] = project.units[unit_id]
    return list(seen.values())


# --- hours and completion ------------------------------------------------------

#: The day's hours between the first and the last day, when the schedule gives none.
FULL_DAY = (dt.time(9, 0), dt.time(17, 0))


def day_hours(event: Event, day: dt.date) -> float:
    """The hours of training of one day: the event's `hours` when it gives one for each day, else
    from the start to the end of that day's schedule."""
    days = event_days(event)
    if event.hours and len(event.hours) == len(days) and day in days:
        return float(event.hours[days.index(day)])
    start, end = presence.day_hours(event, day, FULL_DAY)
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return max(minutes, 0) / 60


def event_hours(event: Event) -> float:
    return sum(day_hours(event, day) for day in event_days(event))


@dataclass(frozen=True)
class Completion:
    """One registration's recorded attendance against the event's hours and the programme's rule."""

    registration: Registration
    days: tuple[dt.date, ...]
    hours: float
    total: float
    #: The least share of the hours (0–1) the programme asks for.
    required: float

    @property
    def share(self) -> float:
        return self.hours / self.total if self.total else 0.0

    @property
    def completed(self) -> bool:
        # Rounded, so that 14.8 of 18.5 hours (exactly 80 %) is not lost to a binary fraction.
        return self.total > 0 and round(self.share, 6) >= self.required


def completion(project: Project, event: Event, registration: Registration) -> Completion:
    days = event_days(event)
    present = tuple(sorted(d for d in set(registration.attended or []) if d in days))
    return Completion(
        registration=registration,
        days=present,
        hours=sum(day_hours(event, d) for d in present),
        total=event_hours(event),
        required=project.programme.completion.share / 100,
    )


def completions(project: Project, event: Event) -> list[Completion]:
    """Each participant's completion (first registration of each person, participants only), in the
    file's order; empty when no attendance is recorded."""
    if not has_recorded_attendance(event):
        return []
    seen: set[str] = set()
    found = []
    for registration in event.registrations:
        if registration.role == "participant" and registration.participant not in seen:
            seen.add(registration.participant)
            found.append(completion(project, event, registration))
    return found
