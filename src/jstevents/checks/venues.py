"""Where an event takes place: a venue on site, a link online, and room for everybody."""

from __future__ import annotations

from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.problems import Problem


@check("E109", "E110")
@per_event
def a_place_for_each_mode(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    if event.mode == "onsite" and event.venue is None:
        yield inputs.problem(
            event, ("mode",), "E109", f"{event.id} is on-site but has no venue: add `venue:` with a venue id"
        )
    if event.mode == "online" and not event.online_link:
        yield inputs.problem(event, ("mode",), "E110", f"{event.id} is online but has no link: add `online_link:`")


@check("E107")
@per_event
def within_the_venue_capacity(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    venue = inputs.project.venues.get(event.venue) if event.venue else None
    if venue is None or venue.capacity is None or event.mode != "onsite":
        return
    count = len({r.participant for r in event.registrations})
    if count > venue.capacity:
        yield inputs.problem(
            event, ("registrations",), "E107",
            f"{count} people are registered for {event.id} but {venue.name} holds "
            f"{venue.capacity}: move people to a waiting list or pick a larger venue",
        )  # fmt: skip
