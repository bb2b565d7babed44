"""Clock times that a calendar cannot place: a local time skipped or repeated when the clocks change.

In Europe/Warsaw 02:30 on the last Sunday of March does not exist (the clocks go from 02:00 to
03:00) and 02:30 on the last Sunday of October happens twice. Written into an `.ics`, such a
time means different instants to different calendar programs, so every time of day that
becomes a calendar entry — the event's start and end, arrival, a deadline, an activity, the
coach — is checked in the programme's time zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.model.deadlines import event_deadlines
from jstevents.problems import Problem


def _moments(event: Event) -> Iterator[tuple[tuple[str | int, ...], dt.datetime]]:
    """Each local date and time of `event` that a calendar entry is made from, with where it is written."""
    schedule = event.schedule
    yield ("schedule", "start"), dt.datetime.combine(event.dates.start, schedule.start)
    yield ("schedule", "end"), dt.datetime.combine(event.dates.end, schedule.end)
    if schedule.check_in is not None:
        yield ("schedule", "check_in"), dt.datetime.combine(event.dates.start, schedule.check_in)
    for due in event_deadlines(event):
        if isinstance(due.at, dt.datetime):
            yield due.path, due.at.replace(tzinfo=None)
    for index, activity in enumerate(event.activities):
        yield ("activities", index, "time"), dt.datetime.combine(activity.date, activity.time)
    coach = event.transport.coach if event.transport else None
    if coach is not None:
        yield (
            ("transport", "coach", "pickup_time"),
            dt.datetime.combine(coach.pickup_date or event.dates.start, coach.pickup_time),
        )


def trouble(local: dt.datetime, zone: ZoneInfo) -> str | None:
    """ "skipped" for a local time the clocks jump over, "repeated" for one they pass twice, else None."""
    earlier, later = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return None
    back = earlier.astimezone(dt.timezone.utc).astimezone(zone).replace(tzinfo=None)
    return "skipped" if back != local else "repeated"


@check("E123")
@per_event
def local_times_exist_once(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    name = inputs.project.programme.timezone
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return  # the programme's time zone is reported where it is written
    for path, local in _moments(event):
        found = trouble(local, zone)
        if found is not None:
            yield inputs.problem(event, path, "E123", f"{local:%Y-%m-%d %H:%M} {_WHY[found].format(zone=name)}")


_WHY = {
    "skipped": "does not exist in {zone}: the clocks go forward that night and skip it; choose a time an hour "
    "later or earlier",
    "repeated": "happens twice in {zone}: the clocks go back that night, and calendar programs would each read "
    "a different one; choose a time outside the repeated hour",
}
