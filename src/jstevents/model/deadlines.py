"""Every deadline of an event, derived from the data that sets it.

A deadline is never written twice: the coach sign-up deadline lives in the
coach's `signup:`, an activity's in the activity, a task's in `due:`. This
module gathers them for checks, calendars, `deadlines` and communiqués.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from jstevents.model.event import Event, Registration
from jstevents.model.values import Moment

DeadlineKind = Literal["coach", "activity", "task", "other"]


@dataclass(frozen=True)
class Due:
    """One deadline of one event."""

    id: str
    event: Event
    kind: DeadlineKind
    title: str
    at: Moment
    contact: str | None
    #: Path of the value inside the event, for pointing at it in messages.
    path: tuple[str | int, ...]

    def last_moment(self) -> dt.datetime:
        """The last moment that still meets the deadline (a date means the whole day)."""
        if isinstance(self.at, dt.datetime):
            return self.at.replace(tzinfo=None)
        return dt.datetime.combine(self.at, dt.time(23, 59, 59))

    @property
    def day(self) -> dt.date:
        return self.at.date() if isinstance(self.at, dt.datetime) else self.at


def concerns(due: Due, registration: Registration) -> bool:
    """Whether a deadline is still this person's to meet, judging by their registration."""
    if due.kind == "coach":
        return not registration.coach  # already signed up for the coach
    if due.kind == "activity":
        activity = due.event.activities[int(due.path[1])]
        return activity.id not in registration.activities
    if due.kind == "task":
        return registration.role == "participant"
    return True


def event_deadlines(event: Event) -> list[Due]:
    dues: list[Due] = []
    transport = event.transport
    if transport is not None and transport.coach is not None:
        dues.append(
            Due(
                id=f"{event.id}.coach-signup",
                event=event,
                kind="coach",
                title=f"Zgłoszenia na autokar – {event.title}",
                at=transport.coach.signup.deadline,
                contact=transport.coach.signup.contact,
                path=("transport", "coach", "signup", "deadline"),
            )
        )
    for index, activity in enumerate(event.activities):
        dues.append(
            Due(
                id=f"{event.id}.{activity.id}-signup",
                event=event,
                kind="activity",
                title=f"Zgłoszenia: {activity.title} – {event.title}",
                at=activity.signup.deadline,
                contact=activity.signup.contact,
                path=("activities", index, "signup", "deadline"),
            )
        )
    for index, task in enumerate(event.tasks):
        if task.due is not None:
            dues.append(
                Due(
                    id=f"{event.id}.task-{task.number}",
                    event=event,
                    kind="task",
                    title=f"Zadanie wdrożeniowe nr {task.number} – {event.title}",
                    at=task.due,
                    contact=task.submit_to,
                    path=("tasks", index, "due"),
                )
            )
    for index, deadline in enumerate(event.deadlines):
        dues.append(
            Due(
                id=f"{event.id}.{deadline.id}",
                event=event,
                kind="other",
                title=f"{deadline.title} – {event.title}",
                at=deadline.at,
                contact=deadline.contact,
                path=("deadlines", index, "at"),
            )
        )
    return sorted(dues, key=lambda d: (d.last_moment(), d.id))


def programme_deadlines(events: list[Event]) -> list[Due]:
    return sorted(
        (due for event in events for due in event_deadlines(event)),
        key=lambda d: (d.last_moment(), d.id),
    )


# --- the coordinator's view: what is due, and how urgently ------------------------

#: Days ahead within which a deadline is "soon" (shown in yellow).
SOON_DAYS = 3
#: Days ahead within which a deadline is "upcoming".
UPCOMING_DAYS = 14

Urgency = Literal["overdue", "today", "soon", "upcoming", "later", "closed"]


def urgency(due: Due, today: dt.date) -> Urgency:
    """How urgent a deadline is on `today` (whole days; a deadline is overdue from the day after it).

    A deadline that passed is only `overdue` while its event has not started: once the
    event is under way or over, nothing can be done about it any more, so it is `closed`.
    """
    left = (due.day - today).days
    if left < 0:
        return "overdue" if today < due.event.dates.start else "closed"
    if left == 0:
        return "today"
    if left <= SOON_DAYS:
        return "soon"
    if left <= UPCOMING_DAYS:
        return "upcoming"
    return "later"
