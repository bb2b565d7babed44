"""The dashboards of a build: one event at a glance (`<event>/index.html`), and every event (`index.html`).

What a coordinator looks at before an event: how many days are left to it and to each
deadline; what needs their attention (a deadline passed, people without a room-mate, a wish
that cannot be met, the warnings of `validate` about the event); who is there on each day,
who sleeps, eats and rides the coach (from `model.presence`, as the lists count them); and
every file, one row per document with a link per format. All of it in Polish: it is the page
a coordinator opens, forwards and prints.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.model import Diet, Event, Project
from jstevents.model.deadlines import event_deadlines
from jstevents.model.presence import MEALS_OF_A_DAY, attendance, event_days, meals, pickup_day
from jstevents.model.provision import provision
from jstevents.outputs.registry import RenderInputs
from jstevents.problems import Problem
from jstevents.text.dates import date, date_range, days_from, moment, short_day, time
from jstevents.text.numbers import counted, persons
from jstevents.text.wording import meal as meal_name


@dataclass(frozen=True)
class BuiltFile:
    """One file of a build: its path inside the event folder, what it is, and of which output."""

    path: str
    what: str
    personal: bool
    output: str = ""
    fmt: str = ""


#: How a format is named on the page.
FORMAT_NAMES = {
    "pdf": "PDF",
    "xlsx": "Excel (XLSX)",
    "csv": "CSV",
    "html": "strona (HTML)",
    "fragment": "do wklejenia w CMS (HTML)",
    "md": "Markdown",
    "txt": "tekst",
    "eml": "e-mail (EML)",
    "ics": "kalendarz (ICS)",
}


@dataclass
class Document:
    """One output of the event, with its file in each format."""

    title: str
    personal: bool
    links: list[tuple[str, str]] = field(default_factory=list)  # (format's name, path)


@dataclass(frozen=True)
class Alert:
    #: "pilne" (act now) or "uwaga" (look at it).
    level: str
    text: str


@dataclass(frozen=True)
class Day:
    """Who is at the event on one day, as the lists count them."""

    day: dt.date
    participants: int
    others: int
    sleeping: int
    meals: tuple[int | None, ...]  # breakfast, lunch, dinner; None when the event serves none
    coach: str
    #: "spacer po warszawskiej Starówce, 18.20: 15 osób" for each activity of the day.
    activities: tuple[str, ...] = ()


@dataclass(frozen=True)
class DueRow:
    title: str
    at: str
    left: str
    days_left: int

    @property
    def passed(self) -> bool:
        return self.days_left < 0


#: A deadline this many days away or fewer is urgent.
SOON = 3


def documents(files: list[BuiltFile]) -> list[Document]:
    """The files as one row per document (an output), in the order built, a link per format."""
    found: dict[str, Document] = {}
    for built in files:
        if built.output == "index":
            continue
        title = built.what.rsplit(" (", 1)[0]
        document = found.setdefault(built.output or built.path, Document(title, built.personal))
        document.links.append((FORMAT_NAMES.get(built.fmt, built.fmt or built.path), built.path))
    return list(found.values())


def _days(event: Event) -> list[Day]:
    people = attendance(event)
    serves = provision(event).meals
    pickup = pickup_day(event)
    rows = []
    for day in event_days(event):
        there = [p for p in people if p.present(day)]
        eating = [Counter(m for p in there for m in meals(event, p, day))] if serves else []
        coach = []
        if day == pickup:
            coach.append(f"tam: {sum(1 for p in people if p.coach_there)}")
        if pickup is not None and day == event.dates.end:
            coach.append(f"powrót: {sum(1 for p in people if p.coach_back)}")
        participants = sum(1 for p in there if p.registration.role == "participant")
        rows.append(
            Day(
                day=day,
                participants=participants,
                others=len(there) - participants + (event.staff if there else 0),
                sleeping=sum(1 for p in people if day in p.nights),
                meals=tuple(eating[0][m] + event.staff if eating and eating[0][m] else None for m in MEALS_OF_A_DAY)
                if serves
                else (None, None, None),
                coach=", ".join(coach),
                activities=tuple(
                    f"{a.title}, {time(a.time)}: {persons(sum(1 for p in people if a.id in p.registration.activities))}"
                    for a in event.activities
                    if a.date == day
                ),
            )
        )
    return rows


def _deadlines(event: Event, today: dt.date) -> list[DueRow]:
    """The event's deadlines in time order; one on today's date has not passed yet."""

    def day_of(at: dt.date | dt.datetime) -> dt.date:
        return at.date() if isinstance(at, dt.datetime) else at

    def when(at: dt.date | dt.datetime) -> tuple[dt.date, dt.time]:
        return day_of(at), at.time() if isinstance(at, dt.datetime) else dt.time.max

    rows = []
    for due in sorted(event_deadlines(event), key=lambda d: when(d.at)):
        day = day_of(due.at)
        title = due.title.replace(f" – {event.title}", "")
        rows.append(DueRow(title, moment(due.at), days_from(today, day), (day - today).days))
    return rows


def event_alerts(project: Project, event: Event, today: dt.date, warnings: list[Problem]) -> list[Alert]:
    """What needs the coordinator's attention before the event (nothing for an event that is over)."""
    if event.dates.end < today:
        return []
    alerts = []
    for due in _deadlines(event, today):
        if due.passed:
            alerts.append(Alert("uwaga", f"{due.title}: {due.at} – termin minął {due.left}."))
        elif due.days_left <= SOON:
            alerts.append(Alert("pilne", f"{due.title}: {due.at} – {due.left}."))
    if provision(event).rooms:
        from jstevents.outputs.lists.rooming import plan

        rooms = plan(project, event)
        if rooms.alone:
            names = ", ".join(rooms.staying[pid][1].name for pid in rooms.alone)
            alerts.append(Alert("uwaga", f"Bez pary w pokoju: {persons(len(rooms.alone))} ({names})."))
        if rooms.proposed:
            proposed = counted(len(rooms.proposed), "pokój", "pokoje", "pokoi")
            alerts.append(Alert("uwaga", f"Do potwierdzenia: {proposed} zaproponowane w ramach jednej JST."))
        alerts += [Alert("uwaga", f"Życzenie co do pokoju niemożliwe do spełnienia: {line}.") for line in rooms.refused]
    origin = project.origin(event)
    mine = {origin.file} if origin else set()
    programme = project.origin(project.programme)
    if programme:
        mine.add(programme.file)
    for problem in warnings:
        if problem.file in mine:
            where = Path(problem.file).name
            alerts.append(Alert("uwaga", f"{problem.message} ({where}, wiersz {problem.line}; {problem.code})"))
    return alerts


def _place(project: Project, event: Event) -> str:
    if event.mode == "online":
        return "online"
    venue = project.venues.get(event.venue) if event.venue else None
    if venue is None:
        return "miejsce do ustalenia"
    return f"{venue.name}, {venue.address.one_line()}"


def _diets(project: Project, event: Event) -> list[tuple[str, int]]:
    counted_diets = Counter(
        project.participants[p.participant].diet for p in attendance(event) if p.participant in project.participants
    )
    return [(diet, counted_diets[diet]) for diet in typing.get_args(Diet) if counted_diets[diet]]


def _when(event: Event, today: dt.date) -> str:
    if event.dates.start <= today <= event.dates.end:
        return "trwa"
    if today < event.dates.start:
        return f"rozpoczęcie {days_from(today, event.dates.start)}"
    return f"zakończone {days_from(today, event.dates.end)}"


def _after(inputs: RenderInputs, event: Event) -> str | None:
    """ "obecni 39 z 40; ukończyło 34; zaświadczenia: 34": what the recorded attendance says, or None."""
    from jstevents.model.attendance import completions

    done = completions(inputs.project, event)
    if not done:
        return None
    text = (
        f"obecni {sum(1 for c in done if c.days)} z {persons(len(done))}; "
        f"ukończyło {sum(1 for c in done if c.completed)}"
    )
    if inputs.certificates is not None:
        issued = [e for e in inputs.certificates.ledger.of_event(event.id) if e.revoked is None]
        if issued:
            text += f"; zaświadczenia: {len(issued)}"
    return text


def render_index(
    inputs: RenderInputs,
    event: Event,
    files: list[BuiltFile],
    skipped: list[tuple[str, str]],
    warnings: list[Problem] | None = None,
    *,
    overview: bool = True,
) -> bytes:
    """`skipped` holds (title, Polish reason) of each output that does not apply to the event;
    `warnings` are those of `validate` (the page shows the ones about this event); `overview`:
    the page across events is beside the event's folder, to link to."""
    from jstevents.outputs.templating import render

    project, today = inputs.project, inputs.today
    notes = sum(1 for p in attendance(event) if (who := project.participants.get(p.participant)) and who.diet_note)
    context = {
        "programme": project.programme,
        "event": event,
        "place": _place(project, event),
        "dates": date_range(event.dates.start, event.dates.end),
        "today": date(today),
        "when": _when(event, today),
        "alerts": event_alerts(project, event, today, warnings or []),
        "deadlines": _deadlines(event, today),
        "days": _days(event),
        "meal_names": [meal_name(m) for m in MEALS_OF_A_DAY],
        "registered": persons(len(attendance(event))),
        "after": _after(inputs, event),
        "diets": _diets(project, event),
        "diet_notes": notes,
        "documents": documents(files),
        "skipped": skipped,
        "short_day": short_day,
        "overview": overview,
    }
    return render(Path(project.root), "index.html.j2", context).encode("utf-8")


@dataclass(frozen=True)
class EventRow:
    id: str
    title: str
    dates: str
    place: str
    when: str
    registered: int
    next_deadline: str
    alerts: int
    past: bool


def render_overview(inputs: RenderInputs, events: list[Event], warnings: list[Problem] | None = None) -> bytes:
    """The page across events (`build/index.html`): each event's dates, days left, people, alerts."""
    from jstevents.outputs.templating import render

    project, today = inputs.project, inputs.today
    rows = []
    for event in sorted(events, key=lambda e: (e.dates.start, e.id)):
        upcoming = [d for d in _deadlines(event, today) if not d.passed]
        rows.append(
            EventRow(
                id=event.id,
                title=event.title,
                dates=date_range(event.dates.start, event.dates.end),
                place=_place(project, event),
                when=_when(event, today),
                registered=len(attendance(event)),
                next_deadline=f"{upcoming[0].title} – {upcoming[0].at}, {upcoming[0].left}" if upcoming else "",
                alerts=len(event_alerts(project, event, today, warnings or [])),
                past=event.dates.end < today,
            )
        )
    from jstevents.outputs.calendar.feeds import feed_links

    context = {"programme": project.programme, "today": date(today), "events": rows, "feeds": feed_links(project)}
    return render(Path(project.root), "overview.html.j2", context).encode("utf-8")
