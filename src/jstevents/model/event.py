"""Events: training modules, network meetings and trainings, with everything a communiqué says of them."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import Field

from jstevents.model.values import ClockTime, Id, Line, Link, Markdown, Moment, Strict


class EventKind(str, Enum):
    module = "module"
    meeting = "meeting"
    training = "training"


class Meal(str, Enum):
    breakfast = "breakfast"
    lunch = "lunch"
    dinner = "dinner"


class Dates(Strict):
    start: dt.date
    end: dt.date

    def days(self) -> list[dt.date]:
        count = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(max(count, 0))]


class Schedule(Strict):
    check_in: ClockTime | None = None
    start: ClockTime
    end: ClockTime
    #: The meal that closes the event ("Zakończenie modułu: obiad …").
    closing_meal: Meal | None = None
    #: Usual hours of a full day, for calendars with one entry per day (`calendar --per-day`).
    day_start: ClockTime | None = Field(None, description="Start of a full day; default 9:00.")
    day_end: ClockTime | None = Field(None, description="End of a full day; default 17:00.")


class Accommodation(Strict):
    provided: bool = True
    room_type: str | None = Field(None, description='e.g. "pokoje 2-osobowe"')
    room_size: int = Field(2, ge=1, le=6)
    meals: bool = True
    extras: list[str] = Field(default_factory=list, description='e.g. "materiały szkoleniowe"')


class Signup(Strict):
    """A sign-up somebody must send before a deadline."""

    deadline: Moment
    contact: Id
    how: Literal["email", "form", "phone"] = "email"


class Coach(Strict):
    pickup_place: Line
    pickup_time: ClockTime
    pickup_date: dt.date | None = None
    return_dropoff: Line
    marked: bool = True
    signup: Signup


class Transport(Strict):
    own_car: bool = True
    #: Overrides the venue's parking note.
    parking: str | None = None
    #: Overrides the venue's public-transport directions.
    public_transport: Markdown | None = None
    coach: Coach | None = None


class Activity(Strict):
    """An optional activity, e.g. the evening walk in the Old Town."""

    id: Id
    title: Line
    date: dt.date
    time: ClockTime
    when: str | None = Field(None, description='e.g. "na zakończenie pierwszego dnia szkoleniowego"')
    departure: str | None = Field(None, description='e.g. "Wyjazd spod hotelu"')
    optional: bool = True
    signup: Signup


class TaskVariant(Strict):
    number: int = Field(ge=1)
    text: Markdown
    areas_intro: str | None = None
    #: Text after the list of areas.
    after: Markdown | None = None


class Task(Strict):
    """An implementation task ("zadanie wdrożeniowe") the JST teams present."""

    number: int = Field(ge=1)
    title: Line | None = None
    intro: Markdown | None = None
    variants: list[TaskVariant] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list)
    presentation_minutes: int | None = Field(None, ge=1)
    due: Moment | None = None
    submit_to: Id | None = None


class SupportForm(Strict):
    name: Line
    text: Markdown


class AdvisorySupport(Strict):
    intro: Markdown
    forms: list[SupportForm] = Field(default_factory=list)


class AgendaBlock(Strict):
    title: Line
    time: Line | None = None
    items: list[str] = Field(default_factory=list)


class Deadline(Strict):
    """A deadline written out in the event, e.g. sending a task's results."""

    id: Id
    title: Line
    at: Moment
    contact: Id | None = None


class Registration(Strict):
    participant: Id
    coach: bool = False
    activities: list[Id] = Field(default_factory=list)
    #: Nights at the hotel, by the date of the evening.
    nights: list[dt.date] = Field(default_factory=list)
    room_with: Id | None = None
    role: Literal["participant", "trainer", "moderator", "expert", "guest"] = "participant"


class Event(Strict):
    """A training module, network meeting or training."""

    id: Id
    kind: EventKind
    number: int | None = Field(None, ge=1)
    communique: int | None = Field(None, ge=1, description="Communiqué number ('Komunikat nr N').")
    title: Line
    #: Subtitle in the communiqué heading: "pilotaż dla jednostek samorządu terytorialnego".
    communique_title: Line | None = None
    #: Ordinal in Polish for the invitation: "trzeci".
    ordinal: Line | None = None
    greeting: Markdown | None = None
    issued: dt.date | None = Field(
        None, description="The day the communiqué is issued; its e-mail is dated that day at 09:00."
    )
    mode: Literal["onsite", "online"] = "onsite"
    online_link: Link | None = None
    venue: Id | None = None
    networks: list[Id] = Field(default_factory=list)
    dates: Dates
    schedule: Schedule
    accommodation: Accommodation | None = None
    transport: Transport | None = None
    tasks: list[Task] = Field(default_factory=list)
    support: AdvisorySupport | None = None
    notices: list[Markdown] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    aims: list[str] = Field(default_factory=list)
    agenda: list[AgendaBlock] = Field(default_factory=list)
    units_attending: list[Id] = Field(default_factory=list)
    next_meeting: str | None = None
    deadlines: list[Deadline] = Field(default_factory=list)
    closing: str = "Serdecznie zapraszamy!"
    trainers: list[Id] = Field(default_factory=list)
    registrations: list[Registration] = Field(default_factory=list)

    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.dates.start, self.schedule.start)

    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.dates.end, self.schedule.end)
