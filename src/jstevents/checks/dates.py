"""An event must end after it starts."""

from __future__ import annotations

from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.problems import Problem


@check("E101")
@per_event
def ends_after_it_starts(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    if event.dates.end < event.dates.start:
        yield inputs.problem(
            event, ("dates", "end"), "E101",
            f"{event.id} ends ({event.dates.end}) before it starts ({event.dates.start}): "
            "check dates.start and dates.end",
        )  # fmt: skip
    elif event.ends_at() <= event.starts_at():
        yield inputs.problem(
            event, ("schedule", "end"), "E101",
            f"{event.id} ends at {event.schedule.end:%H:%M}, not after its start at "
            f"{event.schedule.start:%H:%M}: check schedule.start and schedule.end",
        )  # fmt: skip
