"""Which events go into a calendar: by id, by network, by participant."""

from __future__ import annotations

import difflib
from pathlib import Path

from jstevents.errors import JsteventsError, UnknownEvent
from jstevents.model import Event, Project


def _unknown(what: str, value: str, known: list[str], listing: str) -> JsteventsError:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"the ids are in {listing}"
    return JsteventsError(f"no {what} with id {value!r}", hint=hint)


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
        raise JsteventsError(
            "no event matches " + " and ".join(c for c in criteria if c),
            hint="check the registrations and networks of the events (`jstevents list`), or drop a filter",
        )
    return events


def check_overwrite(path: Path) -> None:
    """Refuse to replace a file that is not a calendar: it may be something the user wrote."""
    if not path.exists() or path.is_dir():
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError:
        return
    if head and not head.upper().startswith(b"BEGIN:VCALENDAR"):
        raise JsteventsError(
            f"{path.as_posix()} exists and is not an iCalendar file; it was left as it was",
            hint="choose another file name with -o, or move that file away first",
        )
