"""Sign-ups for each optional activity (the evening walk …), one group per activity."""

from __future__ import annotations

from functools import partial

from jstevents.model import Event, Project
from jstevents.model.presence import Presence
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, frame, people, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import name_key
from jstevents.text.dates import short_day, time
from jstevents.text.numbers import persons

NAME = "activity"


def _signed_up(activity: str, person: Presence) -> bool:
    return activity in person.registration.activities


def applies(project: Project, event: Event) -> Skip | None:
    if event.activities:
        return None
    return Skip(
        "brak zajęć dodatkowych", "has no activities", hint="add activities: to the event, or choose another --kind"
    )


def build(project: Project, event: Event) -> Roster:
    columns = [
        Column("Lp.", 10, "number"),
        Column("Imię i nazwisko", 55),
        Column("JST", 55),
        Column("Telefon", 32, "keep"),
        Column("Zajęcia", 60, grouping=True),
    ]
    groups, footer = [], []
    for activity in event.activities:
        signed = sorted(
            people(project, event, only=partial(_signed_up, activity.id)), key=lambda wp: name_key(wp[1].name)
        )
        label = f"{activity.title} – {short_day(activity.date)}, godz. {time(activity.time)}"
        rows: list[list[Cell]] = [
            [i, p.name, unit_name(project, p), p.phone or "", label] for i, (_, p) in enumerate(signed, 1)
        ]
        groups.append(Group(label, rows, note=persons(len(signed))))
        footer.append(f"{label}: {persons(len(signed))}")
    return Roster(**frame(project, event, NAME), columns=columns, groups=groups, footer=footer)


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
