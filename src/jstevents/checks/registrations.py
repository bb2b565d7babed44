"""Each person is registered once per event, with hotel nights inside the event."""

from __future__ import annotations

from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.problems import Problem


@check("E111", "W112")
@per_event
def registered_once_with_nights_inside(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    first_night, last_day = event.dates.start, event.dates.end
    for index, registration in enumerate(event.registrations):
        if registration.participant in seen:
            yield inputs.problem(
                event, ("registrations", index, "participant"), "E111",
                f"{registration.participant} is registered twice for {event.id} "
                f"(also entry {seen[registration.participant] + 1}): remove one entry",
            )  # fmt: skip
            continue
        seen[registration.participant] = index
        stray = sorted(night for night in registration.nights if not first_night <= night < last_day)
        if stray:
            yield inputs.problem(
                event, ("registrations", index, "nights"), "W112",
                f"night(s) {', '.join(map(str, stray))} of {registration.participant} fall outside "
                f"{event.id} ({event.dates.start} – {event.dates.end}); a night is named by its evening",
            )  # fmt: skip
