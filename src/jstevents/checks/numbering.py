"""Each communiqué number belongs to one event."""

from __future__ import annotations

from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check
from jstevents.model import Event
from jstevents.problems import Problem


@check("E108")
def communique_numbers_are_unique(inputs: CheckInput) -> Iterator[Problem]:
    first: dict[int, Event] = {}
    for event in inputs.events():
        if event.communique is None:
            continue
        owner = first.setdefault(event.communique, event)
        if owner is not event:
            yield inputs.problem(
                event, ("communique",), "E108",
                f"communiqué nr {event.communique} is already used by {owner.id}: give this event the next free number",
            )  # fmt: skip
