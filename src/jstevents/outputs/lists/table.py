"""Attendee lists as format-neutral tables: attendance, rooming, coach, catering, contacts, activity.

Each builder reads the `Project` and returns a `Roster`: heading lines, columns, rows
(optionally grouped), footer lines with the counts, signature lines and the funding
marking. The writers in `roster_csv`, `roster_xlsx`, `roster_pdf` and `roster_html`
turn a `Roster` into bytes; nothing here knows about file formats.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.errors import JsteventsError
from jstevents.model import Diet, Event, Participant, Project, Registration
from jstevents.text.collation import name_key, polish_key

#: Each kind of list and the title printed on it.
TITLES = {
    "attendance": "Lista obecności",
    "rooming": "Lista zakwaterowania",
    "coach": "Lista pasażerów autokaru",
    "catering": "Zestawienie posiłków",
    "contacts": "Dane kontaktowe uczestników",
    "activity": "Zapisy na zajęcia dodatkowe",
}
KINDS = tuple(TITLES)

_MEALS = {"breakfast": "śniadanie", "lunch": "obiad", "dinner": "kolacja"}
#: Lunch is served 13:00–14:00: a day whose programme runs over 13:00 includes it.
LUNCH_TIME = dt.time(13, 0)


@dataclass
class Column:
    title: str
    #: Preferred width on paper, in millimetres; the writers scale to the page.
    width: float
    #: "signature" columns are left empty for a pen.
    kind: str = "text"


@dataclass
class Roster:
    kind: str
    title: str
    heading: list[str]
    columns: list[Column]
    rows: list[list[str]]
    #: The group label of each row (e.g. the JST), or empty when the table is not grouped.
    groups: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    funding: str | None = None
    logos: list[Path] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        # The usable width of an A4 portrait page is about 190 mm.
        return sum(c.width for c in self.columns) > 190


# --- small formatting helpers -------------------------------------------------


def day_label(day: dt.date) -> str:
    """ "pon. 21.08.2017": a signature column's heading."""
    from jstevents.text.dates import _babel

    return _babel(day, "EEE dd.MM.y")


def date_range(start: dt.date, end: dt.date) -> str:
    from jstevents.text import dates as polish

    return polish.date_range(start, end)


def _night_label(night: dt.date) -> str:
    morning = night + dt.timedelta(days=1)
    return f"noc {night:%d.%m}/{morning:%d.%m.%Y}"


def _place(project: Project, event: Event) -> str:
    if event.mode == "online" or not event.venue:
        return "online"
    venue = project.venues[event.venue]
    return f"{venue.name}, {venue.address.one_line()}"


def _heading(project: Project, event: Event) -> list[str]:
    return [
        project.programme.title,
        event.title,
        f"{date_range(event.dates.start, event.dates.end)}, {_place(project, event)}",
    ]


def _unit_name(project: Project, person: Participant) -> str:
    unit = project.units.get(person.unit)
    return unit.name if unit else person.unit


def _people(
    project: Project,
    event: Event,
    *,
    only: Callable[[Registration], bool] = lambda r: True,
) -> list[tuple[Registration, Participant]]:
    """Registrations with their participants, grouped by JST and in Polish order of surnames."""
    found = [(r, project.participants[r.participant]) for r in event.registrations if only(r)]
    return sorted(found, key=lambda rp: (polish_key(_unit_name(project, rp[1])), name_key(rp[1].name)))


def _logos(project: Project) -> list[Path]:
    paths = []
    for name in project.programme.funding.logos:
        path = Path(project.root) / name
        if not path.is_file():
            raise JsteventsError(
                f"funding logo {path.as_posix()!r} does not exist",
                hint="programme.funding.logos lists image files relative to the project folder: "
                "fix the path or remove the entry",
            )
        paths.append(path)
    return paths


def _persons(n: int) -> str:
    if n == 1:
        return "1 osoba"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} osoby"
    return f"{n} osób"


# --- the kinds ------------------------------------------------------------------


def attendance(project: Project, event: Event) -> Roster:
    """The sheet participants sign each day: no e-mails or phones on it."""
    people = _people(project, event, only=lambda r: r.role == "participant")
    days = event.dates.days()
    columns = [Column("Lp.", 10), Column("Imię i nazwisko", 48), Column("JST", 48)]
    columns += [Column(f"Podpis {day_label(day)}", 36, "signature") for day in days]
    rows = [[str(i), p.name, _unit_name(project, p)] + [""] * len(days) for i, (_, p) in enumerate(people, 1)]
    trainers = [project.experts[t].name for t in event.trainers if t in project.experts]
    signatures = [f"Podpis trenera ({name}): ………………………………" for name in trainers] or ["Podpis trenera: ………………………………"]
    funding = project.programme.funding
    return Roster(
        kind="attendance",
        title=TITLES["attendance"],
        heading=_heading(project, event),
        columns=columns,
        rows=rows,
        groups=[_unit_name(project, p) for _, p in people],
        footer=[f"Liczba uczestników: {len(people)}"],
        signatures=signatures,
        funding=" ".join(filter(None, [funding.text, funding.footer])),
        logos=_logos(project),
    )


def _room_groups(
    event: Event,
    people: dict[str, tuple[Registration, Participant]],
    size: int,
) -> tuple[list[list[str]], list[str]]:
    """Who shares with whom: mutual wishes first, then one-sided ones, each while the room has space.

    Returns the rooms (lists of participant ids) and, for each wish that cannot be honoured,
    a line saying why.
    """

    def wish(pid: str) -> str | None:
        registration, person = people[pid]
        return registration.room_with or person.room_with

    room_of: dict[str, list[str]] = {}
    rooms: list[list[str]] = []
    refused: list[str] = []
    ordered = sorted(people, key=lambda pid: name_key(people[pid][1].name))
    mutual = [pid for pid in ordered if (w := wish(pid)) and w in people and wish(w) == pid]
    one_sided = [pid for pid in ordered if wish(pid) and pid not in mutual]

    def name(pid: str) -> str:
        return people[pid][1].name if pid in people else pid

    for pid in mutual + one_sided:
        other = wish(pid)
        assert other is not None
        if room_of.get(pid) is not None and other in room_of[pid]:
            continue  # the mutual partner already placed them together
        reason = None
        if other == pid:
            reason = "życzenie wskazuje tę samą osobę"
        elif other not in people:
            reason = "ta osoba nie nocuje w hotelu podczas tego wydarzenia"
        elif not set(people[pid][0].nights) & set(people[other][0].nights):
            reason = "brak wspólnych nocy"
        elif size < 2:
            reason = "pokoje 1-osobowe"
        else:
            merged = room_of.get(pid, [pid]) + [m for m in room_of.get(other, [other]) if m not in room_of.get(pid, [])]
            if len(merged) > size:
                reason = f"pokój {size}-osobowy jest już pełny"
        if reason:
            refused.append(f"{name(pid)} → {name(other)}: {reason}")
            continue
        old = [room_of[m] for m in (pid, other) if m in room_of]
        for room in old:
            if room in rooms:
                rooms.remove(room)
        merged_room = sorted(
            set(room_of.get(pid, [pid]) + room_of.get(other, [other])), key=lambda m: name_key(people[m][1].name)
        )
        rooms.append(merged_room)
        for member in merged_room:
            room_of[member] = merged_room
    rooms.sort(key=lambda room: (0 if any(m in mutual for m in room) else 1, name_key(people[room[0]][1].name)))
    return rooms, refused


def rooming(project: Project, event: Event) -> Roster:
    """For the hotel: arrival and departure per person, who shares with whom, counts per night."""
    accommodation = event.accommodation
    size = accommodation.room_size if accommodation else 2
    room_type = (accommodation.room_type if accommodation else None) or f"pokój {size}-osobowy"
    people = {p.id: (r, p) for r, p in _people(project, event, only=lambda r: bool(r.nights))}
    rooms, refused = _room_groups(event, people, size)
    placed = {m for room in rooms for m in room}
    waiting = sorted((pid for pid in people if pid not in placed), key=lambda pid: name_key(people[pid][1].name))
    if size == 1:
        # Single rooms: nobody waits for a room-mate.
        rooms, waiting = rooms + [[pid] for pid in waiting], []

    columns = [
        Column("Pokój", 22),
        Column("Imię i nazwisko", 45),
        Column("JST", 45),
        Column("Przyjazd", 22),
        Column("Wyjazd", 22),
        Column("Noce", 30),
        Column("Typ pokoju", 30),
        Column("Razem z", 45),
    ]
    rows: list[list[str]] = []

    def row(label: str, pid: str, mates: list[str]) -> list[str]:
        registration, person = people[pid]
        nights = sorted(registration.nights)
        return [
            label,
            person.name,
            _unit_name(project, person),
            f"{nights[0]:%d.%m.%Y}",
            f"{nights[-1] + dt.timedelta(days=1):%d.%m.%Y}",
            ", ".join(f"{n:%d.%m}" for n in nights),
            room_type,
            ", ".join(people[m][1].name for m in mates),
        ]

    for number, room in enumerate(rooms, 1):
        for pid in room:
            rows.append(row(str(number), pid, [m for m in room if m != pid]))
    for pid in waiting:
        rows.append(row("do przydziału", pid, []))

    footer = []
    for night in sorted({n for r, _ in people.values() for n in r.nights}):
        staying = {pid for pid, (r, _) in people.items() if night in r.nights}
        shared = sum(1 for room in rooms if staying & set(room))
        loose = len([pid for pid in waiting if pid in staying])
        footer.append(
            f"{_night_label(night)}: {_persons(len(staying))}, pokoje: {shared + math.ceil(loose / size)} "
            f"({shared} przydzielone, {loose} os. do przydziału)"
        )
    footer += [f"Życzenie niemożliwe do spełnienia: {line}" for line in refused]
    return Roster(
        kind="rooming",
        title=TITLES["rooming"],
        heading=_heading(project, event),
        columns=columns,
        rows=rows,
        footer=footer,
    )


def coach(project: Project, event: Event) -> Roster:
    """For the coach company: passengers with phones, where and when to pick them up."""
    bus = event.transport.coach if event.transport else None
    if bus is None:
        raise JsteventsError(
            f"event {event.id!r} has no coach",
            hint="add transport.coach (pickup_place, pickup_time, return_dropoff, signup) to the event",
        )
    people = sorted(
        ((r, p) for r, p in _people(project, event, only=lambda r: r.coach)), key=lambda rp: name_key(rp[1].name)
    )
    pickup_date = bus.pickup_date or event.dates.start
    heading = _heading(project, event) + [
        f"Odjazd: {day_label(pickup_date)}, godz. {bus.pickup_time:%H:%M}, {bus.pickup_place}",
        f"Powrót: {day_label(event.dates.end)}, po zakończeniu (godz. {event.schedule.end:%H:%M}), "
        f"do: {bus.return_dropoff}",
    ]
    columns = [
        Column("Lp.", 10),
        Column("Imię i nazwisko", 55),
        Column("JST", 55),
        Column("Telefon", 40),
        Column("Podpis", 30, "signature"),
    ]
    rows = [[str(i), p.name, _unit_name(project, p), p.phone or "", ""] for i, (_, p) in enumerate(people, 1)]
    return Roster(
        kind="coach",
        title=TITLES["coach"],
        heading=heading,
        columns=columns,
        rows=rows,
        footer=[f"Liczba pasażerów: {len(people)}"],
    )


def _day_span(event: Event, day: dt.date) -> tuple[dt.time, dt.time]:
    start = event.schedule.start if day == event.dates.start else dt.time(8, 0)
    end = event.schedule.end if day == event.dates.end else dt.time(20, 0)
    return start, end


def meals_of(event: Event, registration: Registration, day: dt.date) -> list[str]:
    """The meals one person eats on one day (see docs/lists.md, "The catering rule").

    breakfast: the morning after one of their nights; dinner: the evening before one of
    their nights, or the last day when the event closes with dinner; lunch: every
    registered person, on each day whose programme runs over 13:00, or the last day when
    the event closes with lunch.
    """
    nights = set(registration.nights)
    meals = []
    if day - dt.timedelta(days=1) in nights:
        meals.append("breakfast")
    start, end = _day_span(event, day)
    closing = event.schedule.closing_meal.value if event.schedule.closing_meal else None
    last = day == event.dates.end
    if (start <= LUNCH_TIME < end) or (last and closing == "lunch"):
        meals.append("lunch")
    if day in nights or (last and closing == "dinner"):
        meals.append("dinner")
    return meals


def catering(project: Project, event: Event) -> Roster:
    """For the kitchen: each meal of each day with the number of people, by diet."""
    if event.mode == "online" or (event.accommodation is not None and not event.accommodation.meals):
        raise JsteventsError(
            f"event {event.id!r} has no meals: it is online or its accommodation says meals: false",
            hint="catering lists are for on-site events that provide meals",
        )
    people = _people(project, event)
    diets = [d for d in Diet.__args__ if any(p.diet == d for _, p in people)]  # type: ignore[attr-defined]
    columns = [Column("Dzień", 32), Column("Posiłek", 25), Column("Razem", 18)]
    columns += [Column(d, 25) for d in diets]
    rows = []
    for day in event.dates.days():
        for meal in ("breakfast", "lunch", "dinner"):
            eating = [p for r, p in people if meal in meals_of(event, r, day)]
            if eating:
                rows.append(
                    [day_label(day), _MEALS[meal], str(len(eating))]
                    + [str(sum(1 for p in eating if p.diet == d)) for d in diets]
                )
    notes = [f"Uwaga dietetyczna: {p.name} – {p.diet_note}" for _, p in people if p.diet_note]
    footer = [
        f"Liczba zarejestrowanych: {len(people)}",
        "Zasada: śniadanie rano po noclegu, kolacja wieczorem przed noclegiem, "
        f"obiad dla wszystkich w dni, w które zajęcia trwają o godz. {LUNCH_TIME:%H:%M}"
        + (
            f", ostatniego dnia posiłek na zakończenie: {_MEALS[event.schedule.closing_meal.value]}"
            if event.schedule.closing_meal
            else ""
        )
        + ".",
    ] + notes
    return Roster(
        kind="catering",
        title=TITLES["catering"],
        heading=_heading(project, event),
        columns=columns,
        rows=rows,
        footer=footer,
    )


def contacts(project: Project, event: Event) -> Roster:
    """For the experts: each participant's contact and the mentor assigned to their JST."""
    people = _people(project, event)
    columns = [
        Column("Lp.", 10),
        Column("Imię i nazwisko", 42),
        Column("JST", 42),
        Column("Stanowisko", 45),
        Column("E-mail", 55),
        Column("Telefon", 32),
        Column("Ekspert opiekun", 60),
    ]
    rows = []
    for i, (_, p) in enumerate(people, 1):
        unit = project.units.get(p.unit)
        mentor = project.experts.get(unit.mentor) if unit and unit.mentor else None
        mentor_text = " ".join(filter(None, [mentor.name, mentor.email, mentor.phone])) if mentor else ""
        rows.append([str(i), p.name, _unit_name(project, p), p.role or "", p.email, p.phone or "", mentor_text])
    return Roster(
        kind="contacts",
        title=TITLES["contacts"],
        heading=_heading(project, event),
        columns=columns,
        rows=rows,
        groups=[_unit_name(project, p) for _, p in people],
        footer=[f"Liczba uczestników: {len(people)}"],
    )


def activity(project: Project, event: Event) -> Roster:
    """Sign-ups for each optional activity."""
    if not event.activities:
        raise JsteventsError(
            f"event {event.id!r} has no activities", hint="add activities: to the event, or choose another --kind"
        )
    columns = [Column("Lp.", 10), Column("Imię i nazwisko", 55), Column("JST", 55), Column("Telefon", 40)]
    rows, groups, footer = [], [], []
    for act in event.activities:
        signed = sorted(
            _people(project, event, only=lambda r, a=act.id: a in r.activities), key=lambda rp: name_key(rp[1].name)
        )
        label = f"{act.title} – {day_label(act.date)}, godz. {act.time:%H:%M}"
        for i, (_, p) in enumerate(signed, 1):
            rows.append([str(i), p.name, _unit_name(project, p), p.phone or ""])
            groups.append(label)
        footer.append(f"{label}: {_persons(len(signed))}")
    return Roster(
        kind="activity",
        title=TITLES["activity"],
        heading=_heading(project, event),
        columns=columns,
        rows=rows,
        groups=groups,
        footer=footer,
    )


BUILDERS: dict[str, Callable[[Project, Event], Roster]] = {
    "attendance": attendance,
    "rooming": rooming,
    "coach": coach,
    "catering": catering,
    "contacts": contacts,
    "activity": activity,
}


def build_roster(project: Project, event: Event, kind: str) -> Roster:
    return BUILDERS[kind](project, event)
