"""The project model: what a coordinator writes in the YAML files under `events/`.

Field names are the YAML keys, so a validation error's location is also the path
to the offending node in the file. Every model forbids unknown keys: a typo such
as `hotle:` must be reported, never ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
)

# --- value types -------------------------------------------------------------

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+\-]*$")
_EMAIL_RE = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,}$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,20}$")
_LINK_RE = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
_CLOCK_RE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_AND_CLOCK_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}[:.]\d{2})$")


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit (for example modul-3)"
        )
    return value


def _check_email(value: str) -> str:
    value = value.strip()
    if not _EMAIL_RE.match(value):
        raise ValueError(f"{value!r} is not an e-mail address (expected name@example.pl)")
    return value


def _check_phone(value: Any) -> Any:
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and not _PHONE_RE.match(value.strip()):
        raise ValueError(f"{value!r} is not a phone number (expected e.g. +48 511 49 49 49)")
    return value.strip() if isinstance(value, str) else value


def _parse_clock(value: Any) -> Any:
    """Accept the Polish "9.30" and "9:30" as well as "09:30"."""
    if isinstance(value, str):
        match = _CLOCK_RE.match(value)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
        raise ValueError(f"{value!r} is not a time of day (expected HH:MM, e.g. 11:30)")
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        # pydantic would read a number as seconds since midnight in UTC, which compares with no local time.
        raise ValueError(f'{value!r} is not a time of day (expected HH:MM in quotes, e.g. "11:30")')
    return value


#: Direction overrides and isolates: they make text display in another order than it is
#: stored ("Trojan source"), which no name or title needs. Other C0/C1 controls too.
_INVISIBLE = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_BREAKS_RE = re.compile(r" *[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+ *")


def _one_line(value: str) -> str:
    """Names, titles and places are printed on one line and put in e-mail headers and cells:
    line breaks and tabs (e.g. from a form's multi-line box) become one space, invisible
    control and direction-override characters are dropped."""
    return _BREAKS_RE.sub(" ", value).translate(_INVISIBLE).strip()


def _check_link(value: str) -> str:
    value = value.strip()
    if not _LINK_RE.match(value):
        raise ValueError(f"{value!r} is not a web address (expected https://…, with no spaces)")
    return value


Id = Annotated[str, AfterValidator(_check_id)]
#: A link participants click: only http(s), so no `javascript:` ever lands in an e-mail.
Link = Annotated[str, AfterValidator(_check_link)]
#: Text shown on one line: a name, a title, a place.
Line = Annotated[str, AfterValidator(_one_line)]
Email = Annotated[str, AfterValidator(_check_email)]
Phone = Annotated[str, BeforeValidator(_check_phone)]
#: What editors are told: JSON Schema's "time" format wants seconds and an offset ("11:30:00+02:00").
ClockTime = Annotated[
    dt.time,
    BeforeValidator(_parse_clock),
    WithJsonSchema({"type": "string", "pattern": _CLOCK_RE.pattern, "examples": ["11:30"]}),
]
Markdown = str


def _parse_moment(value: Any) -> Any:
    """A date alone stays a date (the whole day counts), quoted or not; "2017-08-16 16.00" and
    "2017-08-16 9:30" are read like the times of day."""
    if isinstance(value, str):
        text = value.strip()
        if _DAY_RE.match(text):
            return _day(text)
        match = _DAY_AND_CLOCK_RE.match(text)
        if match:
            return dt.datetime.combine(_day(match.group(1)), _parse_clock(match.group(2)))
    return value


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date ({exc}); expected YYYY-MM-DD, e.g. 2017-08-16") from None


#: A moment given either as a date (the whole day counts) or a date and time.
Moment = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_parse_moment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]+\d{1,2}[:.]\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$"},
            ],
            "examples": ["2017-08-16", "2017-08-16 16:00"],
        }
    ),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


# --- the programme -----------------------------------------------------------


class Contact(Strict):
    """A person participants may write to (the coordinator, the office)."""

    id: Id
    name: Line
    email: Email
    phone: Phone | None = None
    role: Line | None = None


class Funding(Strict):
    """The EU funding marking every document must carry."""

    text: str
    logos: list[str] = Field(default_factory=list, description="Image files, relative to the project folder.")
    footer: str | None = Field(None, description="A closing line printed under the marking.")


class MailSettings(Strict):
    """SMTP defaults; the password never lives in YAML."""

    smtp_host: str | None = None
    smtp_port: int | None = Field(None, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "ssl"] = "starttls"
    smtp_user: str | None = None
    from_contact: Id | None = Field(None, description="Contact id used as From and Reply-To.")


class Programme(Strict):
    id: Id
    title: Line
    short_title: Line
    organiser: Line
    organiser_short: Line | None = None
    partners: list[Line] = Field(default_factory=list)
    #: How the communiqué names the partnership, e.g. "w partnerstwie ze Związkiem Miast Polskich".
    partnership: str | None = None
    funding: Funding
    timezone: str = "Europe/Warsaw"
    signature: Line = "Zespół projektu"
    contacts: list[Contact] = Field(min_length=1)
    website: Link | None = None
    mail: MailSettings = Field(default_factory=MailSettings)


# --- places, people, units ---------------------------------------------------


class Address(Strict):
    street: Line
    postcode: Annotated[str, Field(pattern=r"^\d{2}-\d{3}$")]
    city: Line

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class Geo(Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Venue(Strict):
    id: Id
    name: Line
    #: How the venue reads after "w": "hotelu Holiday Park", "Centrum Szkoleniowym ORE".
    name_locative: Line | None = None
    #: The city after "w": "Warszawie", "Sulejówku".
    city_locative: Line | None = None
    address: Address
    phone: Phone | None = None
    email: Email | None = None
    website: Link | None = None
    parking: str | None = None
    public_transport: Markdown | None = None
    geo: Geo | None = None
    capacity: int | None = Field(None, ge=1)
    rooms: dict[str, int] = Field(default_factory=dict, description="Room type → number of rooms.")


class JSTKind(str, Enum):
    gmina_wiejska = "gmina wiejska"
    gmina_miejsko_wiejska = "gmina miejsko-wiejska"
    gmina_miejska = "gmina miejska"
    powiat = "powiat"


class Expert(Strict):
    """An expert mentor ("ekspert opiekun") or trainer."""

    id: Id
    name: Line
    email: Email | None = None
    phone: Phone | None = None


class Network(Strict):
    """One of the cooperation networks ("sieci współpracy i samokształcenia")."""

    id: Id
    name: Line
    jst_kinds: list[JSTKind] = Field(min_length=1)
    moderator: Line
    moderator_email: Email | None = None
    topics: list[str] = Field(default_factory=list)
    platform: str | None = None


class Unit(Strict):
    """A local-government unit (JST)."""

    id: Id
    name: Line
    kind: JSTKind
    voivodeship: Line
    mentor: Id | None = Field(None, description="Expert id of the assigned mentor.")
    network: Id | None = None


Diet = Literal["standardowa", "wegetariańska", "wegańska", "bezglutenowa", "bez laktozy", "inna"]


class Participant(Strict):
    id: Id
    name: Line
    unit: Id
    role: Line | None = None
    email: Email
    phone: Phone | None = None
    network: Id | None = None
    diet: Diet = "standardowa"
    diet_note: Line | None = None
    room_with: Id | None = Field(None, description="Participant id this person wishes to share a room with.")


class ParticipantSource(Strict):
    """A CSV or XLSX export of an online registration form, read as participants."""

    file: str
    sheet: str | None = None
    #: Participant field → column header in the export.
    columns: dict[str, str]
    defaults: dict[str, str] = Field(default_factory=dict)


# --- events ------------------------------------------------------------------


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


# --- one file ----------------------------------------------------------------


class ProjectFile(Strict):
    """What one YAML file in the project may hold: any of these sections."""

    model_config = ConfigDict(extra="forbid", title="jstevents project file")

    programme: Programme | None = None
    venues: list[Venue] = Field(default_factory=list)
    networks: list[Network] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    experts: list[Expert] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    participant_sources: list[ParticipantSource] = Field(default_factory=list)
    event: Event | None = None
    events: list[Event] = Field(default_factory=list)


# --- the whole project ---------------------------------------------------------


class Origin(BaseModel):
    """Where an object was written: file and path of keys inside it."""

    model_config = ConfigDict(frozen=True)

    file: str
    path: tuple[str | int, ...] = ()
    #: Set for rows of a CSV/XLSX export, which have no YAML path.
    line: int | None = None
    col: int | None = None


class Project(BaseModel):
    """Everything under the project folder, merged and cross-checked."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    root: str
    programme: Programme
    venues: dict[str, Venue]
    networks: dict[str, Network]
    units: dict[str, Unit]
    experts: dict[str, Expert]
    participants: dict[str, Participant]
    events: dict[str, Event]
    _origins: dict[int, Origin] = PrivateAttr(default_factory=dict)

    def origin(self, obj: object) -> Origin | None:
        return self._origins.get(id(obj))

    def event(self, event_id: str) -> Event:
        return self.events[event_id]

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.programme.contacts if c.id == contact_id)

    def sorted_events(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: (e.dates.start, e.schedule.start, e.id))
