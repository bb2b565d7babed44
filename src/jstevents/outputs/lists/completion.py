"""The attendance summary after an event: each participant's days present, hours, share of the
event's hours and whether they completed it, by JST and in total.

Made only for an event with recorded attendance (`attended:`, see `model.attendance`); the hours of
each day and the programme's rule (`completion.share`) are what the certificates count too.
"""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.model.attendance import Completion, completions, day_hours, event_hours, has_recorded_attendance
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, days_of, frame, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import name_key, polish_key
from jstevents.text.dates import short_day
from jstevents.text.numbers import hours, percent, persons, short_decimal

NAME = "completion"
PRESENT, ABSENT = "tak", "nie"


def applies(project: Project, event: Event) -> Skip | None:
    if has_recorded_attendance(event):
        return None
    return Skip(
        "brak zapisanej obecności",
        "has no recorded attendance",
        hint=f"record it first: jstevents attendance record {event.id} --from FILE",
    )


def _completed(done: list[Completion]) -> str:
    finished = sum(1 for c in done if c.completed)
    return f"ukończyło: {persons(finished)} z {len(done)}"


def build(project: Project, event: Event) -> Roster:
    days = days_of(event)
    rule = project.programme.completion.share
    columns = [Column("Lp.", 10, "number"), Column("Imię i nazwisko", 50), Column("JST", 45, grouping=True)]
    columns += [Column(f"{short_day(day)} ({short_decimal(day_hours(event, day))} h)", 26, "keep") for day in days]
    columns += [Column("Godziny", 18, "keep"), Column("Udział", 16, "keep"), Column("Ukończenie", 22, "keep")]
    found = [(c, project.participants[c.registration.participant]) for c in completions(project, event)]
    found = [(c, p) for c, p in found if p is not None]
    found.sort(key=lambda cp: (polish_key(unit_name(project, cp[1])), name_key(cp[1].name)))
    groups: list[Group] = []
    by_unit: dict[str, list[Completion]] = {}
    number = 0
    for done, person in found:
        unit = unit_name(project, person)
        if not groups or groups[-1].heading != unit:
            groups.append(Group(unit))
        number += 1
        row: list[Cell] = [number, person.name, unit]
        row += [PRESENT if day in done.days else ABSENT for day in days]
        row += [short_decimal(done.hours), percent(done.share), "tak" if done.completed else "nie"]
        groups[-1].rows.append(row)
        by_unit.setdefault(unit, []).append(done)
    for group in groups:
        group.note = _completed(by_unit[group.heading])
    everyone = [c for c, _ in found]
    present = [sum(1 for c in everyone if day in c.days) for day in days]
    footer = [
        f"Liczba uczestników: {len(everyone)}; obecni choć jeden dzień: {sum(1 for c in everyone if c.days)}; "
        + _completed(everyone),
        "Obecni: " + "; ".join(f"{short_day(d)}: {persons(n)}" for d, n in zip(days, present, strict=True)),
        f"Godziny zajęć: {hours(event_hours(event))}; warunek ukończenia: obecność na co najmniej {rule} % godzin.",
    ]
    return Roster(**frame(project, event, NAME, marked=True), columns=columns, groups=groups, footer=footer)


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
