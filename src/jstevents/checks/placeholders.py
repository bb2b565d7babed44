"""Every `{…}` in an event's free texts is a placeholder jstevents can fill in."""

from __future__ import annotations

from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.problems import Problem
from jstevents.text import placeholders


@check("E113")
@per_event
def placeholders_are_known(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    for path, message in placeholders.problems(event):
        yield inputs.problem(event, path, "E113", message)
