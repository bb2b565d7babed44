"""Registrations that contradict themselves: a coach ride or an activity on a day the person is
not there, nights with a gap, room-mate wishes that cannot be met, more people than beds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.model.presence import event_days, pickup_day
from jstevents.model.provision import provision
from jstevents.problems import Problem
from jstevents.text.dates import numeric


def _index(event: Event) -> dict[str, int]:
    """Where each person's (first) registration stands in the event's list."""
    found: dict[str, int] = {}
    for index, registration in enumerate(event.registrations):
        found.setdefault(registration.participant, index)
    return found


@check("E115")
@per_event
def coach_rides_on_days_present(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    there, back = pickup_day(event), event.dates.end
    if there is None or not event_days(event):  # dates the wrong way round: E101 says so
        return
    at = _index(event)
    for person in inputs.attendance(event):
        for rides, day, way in ((person.coach_there, there, "there"), (person.coach_back, back, "back")):
            if rides and not person.present(day):
                yield inputs.problem(
                    event, ("registrations", at[person.participant], "coach"), "E115",
                    f"{person.participant} is on the coach {way} on {numeric(day)} but is at {event.id} only on "
                    f"{_days(person.days)}: write `coach: {'back' if way == 'there' else 'there'}` (one way), "
                    "`coach: false`, or correct the nights or days",
                )  # fmt: skip


@check("E116")
@per_event
def activities_on_days_present(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    if not event_days(event):  # dates the wrong way round: E101 says so
        return
    activities = {a.id: a for a in event.activities}
    at = _index(event)
    for person in inputs.attendance(event):
        for j, activity_id in enumerate(person.registration.activities):
            activity = activities.get(activity_id)
            if activity is not None and not person.present(activity.date):
                yield inputs.problem(
                    event, ("registrations", at[person.participant], "activities", j), "E116",
                    f"{person.participant} is signed up for {activity.title!r} on {numeric(activity.date)} but is "
                    f"at {event.id} only on {_days(person.days)}: remove the activity, or correct the nights or days",
                )  # fmt: skip


@check("W117")
@per_event
def nights_follow_each_other(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    at = _index(event)
    for person in inputs.attendance(event):
        nights = person.nights
        gaps = [b for a, b in zip(nights, nights[1:], strict=False) if (b - a).days > 1]
        if gaps:
            yield inputs.problem(
                event, ("registrations", at[person.participant], "nights"), "W117",
                f"the nights of {person.participant} have a gap before {numeric(gaps[0])}: the hotel books "
                "one stay; write the nights one after another, or two registrations' worth of nights is a mistake",
            )  # fmt: skip


@check("W118")
@per_event
def room_wishes_can_be_met(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    participants = inputs.project.participants
    people = {p.participant: p for p in inputs.attendance(event)}
    at = _index(event)

    def wish(pid: str) -> str | None:
        person = people[pid]
        own = participants.get(pid)
        return person.registration.room_with or (own.room_with if own else None)

    for pid, person in people.items():
        other = wish(pid)
        if other is None or not person.nights:
            continue
        place = ("registrations", at[pid], "room_with") if person.registration.room_with else ("registrations", at[pid])
        reason = None
        if other == pid:
            reason = "the wish names the person themselves"
        elif other not in people or not people[other].nights:
            reason = f"{other} does not stay at the hotel during {event.id}"
        elif not set(person.nights) & set(people[other].nights):
            reason = f"{other} stays other nights ({_days(people[other].nights)})"
        elif (theirs := wish(other)) not in (None, pid):
            reason = f"{other} wishes to share with {theirs}"
        if reason:
            yield inputs.problem(
                event, place, "W118",
                f"{pid} wishes to share a room with {other}, but {reason}: correct `room_with`, or the rooming "
                "list leaves the wish out",
            )  # fmt: skip


@check("E119")
def one_address_one_person(inputs: CheckInput) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for person in inputs.project.participants.values():
        key = person.email.casefold()
        owner = first.setdefault(key, person.id)
        if owner != person.id:
            yield inputs.problem(
                person, ("email",), "E119",
                f"{person.email} is also the e-mail address of {owner}: each person needs their own address, "
                "or one would receive the other's personal messages",
            )  # fmt: skip


_BEDS_RE = re.compile(r"\d+")


@check("E120")
@per_event
def beds_for_every_night(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    venue = inputs.project.venues.get(event.venue) if event.venue else None
    if venue is None or not venue.rooms or event.mode != "onsite":
        return
    beds = 0
    for kind, count in venue.rooms.items():
        size = _BEDS_RE.search(kind)
        beds += count * (int(size.group()) if size else 1)
    staying: dict[dt.date, int] = {}
    for person in inputs.attendance(event):
        for night in person.nights:
            staying[night] = staying.get(night, 0) + 1
    for night, count in sorted(staying.items()):
        if count > beds:
            yield inputs.problem(
                event, ("registrations",), "E120",
                f"{count} people stay the night of {numeric(night)} but {venue.name} has {beds} beds "
                f"({', '.join(f'{k}: {v}' for k, v in venue.rooms.items())}): book more rooms or fewer nights",
            )  # fmt: skip


def _days(days: tuple[dt.date, ...] | list[dt.date]) -> str:
    return ", ".join(numeric(d) for d in days) or "no day"


@check("W122")
@per_event
def nights_where_rooms_are_provided(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    if provision(event).rooms:
        return
    why = (
        "it is online"
        if event.mode == "online"
        else "it has no `accommodation:`"
        if event.accommodation is None
        else "its accommodation says `provided: false`"
    )
    for index, registration in enumerate(event.registrations):
        if registration.nights:
            yield inputs.problem(
                event, ("registrations", index, "nights"), "W122",
                f"{registration.participant} has hotel nights at {event.id}, but {why}: no rooming list is made "
                "and the letter promises no rooms; remove the nights, or write the accommodation",
            )  # fmt: skip
