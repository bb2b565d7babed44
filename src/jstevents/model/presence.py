"""Who is where when: each registration's days at the event, its nights, coach rides and meals.

Every list reads this one model, so that the rooming list, the coach list, the kitchen's order
and the attendance sheet agree with each other; the checks (`checks/presence.py`) report the
registrations that contradict themselves.

- The days a person is at the event: the registration's `days` when given; else, for someone
  with hotel nights, the day of each night's evening and the morning after; else every day.
- The coach: `coach: true` rides there (on the pickup day) and back (on the last day),
  `there` or `back` one way.
- The meals (see docs/lists.md, "The catering rule"): breakfast the morning after a night at
  the hotel; lunch every day present whose programme runs over 13:00, and on the last day
  when the event closes with lunch; dinner the evening of a night at the hotel, and on the
  last day when the event closes with dinner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jstevents.model.event import Event, Meal, Registration
from jstevents.model.provision import provision

#: Lunch is served 13:00–14:00: a day whose programme runs over 13:00 includes it.
LUNCH_TIME = dt.time(13, 0)
#: Hours of a day between the first and the last, when the schedule gives none.
DAY_OPENS, DAY_CLOSES = dt.time(8, 0), dt.time(20, 0)
MEALS_OF_A_DAY = (Meal.breakfast, Meal.lunch, Meal.dinner)


@dataclass(frozen=True)
class Presence:
    """One registration as it happens: when the person is there and what they take part in."""

    registration: Registration
    days: tuple[dt.date, ...]
    nights: tuple[dt.date, ...]
    coach_there: bool
    coach_back: bool

    @property
    def participant(self) -> str:
        return self.registration.participant

    @property
    def arrival(self) -> dt.date | None:
        return self.days[0] if self.days else None

    @property
    def departure(self) -> dt.date | None:
        return self.days[-1] if self.days else None

    def present(self, day: dt.date) -> bool:
        return day in self.days


def event_days(event: Event) -> list[dt.date]:
    """The days of an event; none for dates the wrong way round or absurdly far apart."""
    span = (event.dates.end - event.dates.start).days
    return event.dates.days() if 0 <= span < 366 else []


def presence(event: Event, registration: Registration, days: set[dt.date] | None = None) -> Presence:
    """One registration as it happens; `days` (the event's, when the caller has them) saves working them out."""
    days = set(event_days(event)) if days is None else days
    if registration.days:
        present = days & set(registration.days)
    elif registration.nights:
        present = days & {d for night in registration.nights for d in (night, night + dt.timedelta(days=1))}
    else:
        present = days
    coach = registration.coach
    return Presence(
        registration=registration,
        days=tuple(sorted(present)),
        nights=tuple(sorted(set(registration.nights))),
        coach_there=coach is True or coach == "there",
        coach_back=coach is True or coach == "back",
    )


def attendance(event: Event) -> list[Presence]:
    """Every registration of the event (the first one of each person), in the order written."""
    seen: set[str] = set()
    found = []
    days = set(event_days(event))
    for registration in event.registrations:
        if registration.participant not in seen:
            seen.add(registration.participant)
            found.append(presence(event, registration, days))
    return found


def pickup_day(event: Event) -> dt.date | None:
    coach = event.transport.coach if event.transport else None
    if coach is None:
        return None
    return coach.pickup_date or event.dates.start


def day_hours(
    event: Event, day: dt.date, between: tuple[dt.time, dt.time] = (DAY_OPENS, DAY_CLOSES)
) -> tuple[dt.time, dt.time]:
    """When the programme of one day starts and ends; `between` for the days in the middle whose
    schedule gives no hours."""
    schedule = event.schedule
    start = schedule.start if day == event.dates.start else (schedule.day_start or between[0])
    end = schedule.end if day == event.dates.end else (schedule.day_end or between[1])
    return start, end


def meals(event: Event, person: Presence, day: dt.date) -> list[Meal]:
    """The meals one person eats on one day (none on a day they are not there, none where the
    organiser serves none: see `model.provision`)."""
    if not person.present(day) or not provision(event).meals:
        return []
    eaten = []
    if day - dt.timedelta(days=1) in person.nights:
        eaten.append(Meal.breakfast)
    start, end = day_hours(event, day)
    closing = event.schedule.closing_meal
    last = day == event.dates.end
    if (start <= LUNCH_TIME < end) or (last and closing == Meal.lunch):
        eaten.append(Meal.lunch)
    if day in person.nights or (last and closing == Meal.dinner):
        eaten.append(Meal.dinner)
    return eaten
