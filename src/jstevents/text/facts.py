"""What a message about an event states for one person, as facts that can be compared later.

Each fact has a key (stable between versions: "coach.time", "deadline:coach-signup",
"nights"), a group ("event": the same for everybody it concerns; "personal": the person's own
registration), a Polish label and a Polish value, written as the communiqué writes it. Only
facts that concern the person are stated: the coach's time for those on the coach, an
activity's time for those signed up, the deadlines still theirs to meet.

`differences(old, new)` gives what changed, old → new. A fact of the event that concerns the
person only on one side (they joined the coach, signed up for the walk) is not reported on its
own: the change of their registration says it, and the communiqué below it gives the details.
Deadlines are the exception: a new deadline, or one dropped, is news for everybody it concerns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from jstevents.model import Event, Participant, Project, Registration
from jstevents.model.deadlines import concerns, event_deadlines
from jstevents.text import dates
from jstevents.text.wording import joined

Group = Literal["event", "personal"]
#: Shown for a fact that is not there on one side.
NONE = "—"
PERSONAL = ("coach", "nights", "activities", "room_with")


@dataclass(frozen=True)
class Fact:
    group: Group
    label: str
    value: str


@dataclass(frozen=True)
class Change:
    key: str
    group: Group
    label: str
    old: str
    new: str


def _when(day: dt.date, time: dt.time) -> str:
    return f"{dates.date(day)} {dates.at_time(time)}"


def _place(project: Project, event: Event) -> str:
    if event.mode == "online":
        return f"online, pod adresem {event.online_link}" if event.online_link else "online"
    venue = project.venues.get(event.venue) if event.venue else None
    return f"{venue.name}, {venue.address.one_line()}" if venue is not None else NONE


def _coach_ride(registration: Registration) -> str:
    return {True: "w obie strony", "there": "tylko dojazd", "back": "tylko powrót", False: "bez autokaru"}[
        registration.coach
    ]


def stated_facts(project: Project, event: Event, registration: Registration) -> dict[str, Fact]:
    """The facts a message about `event` states for the person of `registration`."""
    facts: dict[str, Fact] = {}

    def event_fact(key: str, label: str, value: str) -> None:
        facts[key] = Fact("event", label, value)

    def personal(key: str, label: str, value: str) -> None:
        facts[key] = Fact("personal", label, value)

    event_fact("status", "wydarzenie", "odwołane" if event.status == "cancelled" else "odbędzie się")
    event_fact("dates", "termin", dates.date_range(event.dates.start, event.dates.end))
    event_fact("start", "rozpoczęcie", _when(event.dates.start, event.schedule.start))
    event_fact("end", "zakończenie", _when(event.dates.end, event.schedule.end))
    if event.schedule.check_in is not None:
        event_fact("check_in", "rejestracja uczestników", _when(event.dates.start, event.schedule.check_in))
    event_fact("place", "miejsce", _place(project, event))

    coach = event.transport.coach if event.transport is not None else None
    if coach is not None:
        personal("coach", "przejazd autokarem", _coach_ride(registration))
        if registration.coach in (True, "there"):
            event_fact(
                "coach.time", "odjazd autokaru", _when(coach.pickup_date or event.dates.start, coach.pickup_time)
            )
            event_fact("coach.place", "miejsce zbiórki przed odjazdem autokaru", coach.pickup_place)
        if registration.coach in (True, "back"):
            event_fact("coach.return", "powrót autokarem do", coach.return_dropoff)

    titles = {activity.id: activity.title for activity in event.activities}
    if event.activities:
        chosen = [titles[a] for a in registration.activities if a in titles]
        personal("activities", "zajęcia dodatkowe", joined(chosen, "i") if chosen else "bez zapisów")
    for activity in event.activities:
        if activity.id in registration.activities:
            event_fact(f"activity:{activity.id}", activity.title, _when(activity.date, activity.time))

    if event.accommodation is not None and event.accommodation.provided:
        nights = sorted(registration.nights)
        personal("nights", "noclegi", ", ".join(dates.night(n) for n in nights) if nights else "bez noclegu")
        if nights:
            mate_id = registration.room_with or _own_room_mate(project, registration)
            mate = project.participants.get(mate_id) if mate_id else None
            personal("room_with", "osoba w pokoju", mate.name if mate is not None else "nie wskazano")

    for due in event_deadlines(event):
        if concerns(due, registration):
            # Keyed without the event's id, so that a renamed event (`--was`) compares alike.
            event_fact(f"deadline:{due.id[len(event.id) + 1 :]}", due.title, dates.moment(due.at))
    return facts


def _own_room_mate(project: Project, registration: Registration) -> str | None:
    person: Participant | None = project.participants.get(registration.participant)
    return person.room_with if person is not None else None


def differences(old: dict[str, Fact], new: dict[str, Fact]) -> list[Change]:
    """What changed from `old` to `new`, the event's facts first, each group in the order of `new`."""
    changes: list[Change] = []
    for key in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(key), new.get(key)
        if before is not None and after is not None:
            if before.value != after.value:
                changes.append(Change(key, after.group, after.label, before.value, after.value))
            continue
        either = after or before
        assert either is not None
        if either.group == "personal" or key.startswith("deadline:"):
            changes.append(
                Change(
                    key, either.group, either.label, before.value if before else NONE, after.value if after else NONE
                )
            )
    return sorted(changes, key=lambda c: c.group != "event")
