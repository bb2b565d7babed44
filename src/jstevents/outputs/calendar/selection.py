"""Which events go into a calendar: by id, by network, by participant."""

from __future__ import annotations

import difflib

from jstevents.errors import ProjectError, UnknownEvent, UnknownId
from jstevents.model import Event, Project


def _unknown(what: str, value: str, known: list[str], listing: str) -> UnknownId:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"the ids are in {listing}"
    return UnknownId(f"no {what} with id {value!r}", hint=hint)


def select_events(
    project: Project, event_ids: list[str], *, network: str | None = None, participant: str | None = None
) -> list[Event]:
    """The events named (or all), narrowed to a network and to a participant's registrations."""
    for event_id in event_ids:
        if event_id not in project.events:
            raise UnknownEvent(event_id, sorted(project.events))
    if network is not None and network not in project.networks:
        raise _unknown("network", network, sorted(project.networks), "networks.yaml")
    if participant is not None and participant not in project.participants:
        raise _unknown("participant", participant, sorted(project.participants), "participants.yaml")

    events = [project.events[i] for i in dict.fromkeys(event_ids)] if event_ids else project.sorted_events()
    if network is not None:
        events = [e for e in events if network in e.networks]
    if participant is not None:
        events = [e for e in events if any(r.participant == participant for r in e.registrations)]
    if not events:
        criteria = [f"network {network!r}" if network else "", f"participant {participant!r}" if participant else ""]
        raise ProjectError(
            "no event matches " + " and ".join(c for c in criteria if c),
            hint="check the registrations and networks of the events (`jstevents list`), or drop a filter",
        )
    return events
