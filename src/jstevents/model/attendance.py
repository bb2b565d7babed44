"""Who actually came: the attendance recorded after an event, and what follows from it.

An event's attendance is recorded once any of its registrations has `attended`; from then on
the record, not the registrations, says who took part. Before that, the units the event was
announced for (`units_attending`) are the best knowledge there is.
"""

from __future__ import annotations

from jstevents.model.event import Event, Registration
from jstevents.model.people import Unit
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
