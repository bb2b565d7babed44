"""Deadlines come before their event starts, and are not already past."""

from __future__ import annotations

from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.model.deadlines import event_deadlines
from jstevents.problems import Problem


@check("E102", "W103")
@per_event
def before_the_event_and_not_past(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    for due in event_deadlines(event):
        if due.last_moment() > event.starts_at():
            yield inputs.problem(
                event, due.path, "E102",
                f"deadline {due.at} is after {event.id} starts "
                f"({event.starts_at():%Y-%m-%d %H:%M}): move it before the start",
            )  # fmt: skip
        elif due.day < inputs.today <= event.dates.end:
            # Only while the event is ahead or on: a finished event's deadlines are simply closed.
            yield inputs.problem(
                event, due.path, "W103",
                f"deadline {due.at} has passed (today is {inputs.today}) and {event.id} has not ended: move "
                "the deadline if people may still answer, or leave it (--today sets the reference date)",
            )  # fmt: skip
