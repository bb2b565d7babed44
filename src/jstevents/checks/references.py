"""Checking that every id a file names exists somewhere in the project."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Set
from typing import Any

from jstevents.checks.registry import Place
from jstevents.model import Project
from jstevents.problems import Problem


def _missing(what: str, value: str, known: Iterable[str], where: tuple[str, int, int]) -> Problem:
    known = sorted(known)
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        hint = f"did you mean {close[0]!r}?"
    elif not known:
        hint = f"no {what} is defined yet: add it to the project first"
    elif len(known) <= 8:
        hint = f"known: {', '.join(known)}"
    else:
        hint = f"define it, or use one of the {len(known)} known ids"
    return Problem(*where, "E020", f"unknown {what} {value!r}: {hint}")


def check_references(
    project: Project, place: Place, *, broken: Set[str] = frozenset(), contacts_known: bool = True
) -> list[Problem]:
    """Dangling ids; `broken` holds ids of items already reported as invalid. Without
    `contacts_known` (the programme could not be read), references to contacts are not checked."""
    problems: list[Problem] = []
    contacts = {c.id for c in project.programme.contacts}

    def ref(what: str, value: Any, known: Any, obj: Any, *path: str | int) -> None:
        if what == "contact" and not contacts_known:
            return
        if value is not None and value not in known and value not in broken:
            problems.append(_missing(what, value, known, place(obj, *path)))

    mail = project.programme.mail
    ref("contact", mail.from_contact, contacts, project.programme, "mail", "from_contact")
    for unit in project.units.values():
        ref("expert", unit.mentor, project.experts, unit, "mentor")
        ref("network", unit.network, project.networks, unit, "network")
    for person in project.participants.values():
        ref("unit", person.unit, project.units, person, "unit")
        ref("network", person.network, project.networks, person, "network")
        ref("participant", person.room_with, project.participants, person, "room_with")
    for event in project.events.values():
        ref("venue", event.venue, project.venues, event, "venue")
        for i, network in enumerate(event.networks):
            ref("network", network, project.networks, event, "networks", i)
        for i, unit_id in enumerate(event.units_attending):
            ref("unit", unit_id, project.units, event, "units_attending", i)
        for i, trainer in enumerate(event.trainers):
            ref("expert", trainer, project.experts, event, "trainers", i)
        if event.transport and event.transport.coach:
            ref(
                "contact",
                event.transport.coach.signup.contact,
                contacts,
                event,
                "transport",
                "coach",
                "signup",
                "contact",
            )
        for i, activity in enumerate(event.activities):
            ref("contact", activity.signup.contact, contacts, event, "activities", i, "signup", "contact")
        for i, task in enumerate(event.tasks):
            ref("contact", task.submit_to, contacts, event, "tasks", i, "submit_to")
        for i, deadline in enumerate(event.deadlines):
            ref("contact", deadline.contact, contacts, event, "deadlines", i, "contact")
        activities = {a.id for a in event.activities}
        for i, registration in enumerate(event.registrations):
            ref("participant", registration.participant, project.participants, event, "registrations", i, "participant")
            ref("participant", registration.room_with, project.participants, event, "registrations", i, "room_with")
            for j, activity_id in enumerate(registration.activities):
                ref(f"activity of {event.id}", activity_id, activities, event, "registrations", i, "activities", j)
    return problems
