"""Sign-ups for each optional activity (the evening walk …)."""

from __future__ import annotations

from functools import partial

from jstevents.model import Event, Project, Registration
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Column, Roster, frame, people, title, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import name_key
from jstevents.text.dates import short_day, time
from jstevents.text.numbers import persons

NAME = "activity"


def _signed_up(activity: str, registration: Registration) -> bool:
    return activity in registration.activities


def applies(project: Project, event: Event) -> Skip | None:
    if event.activities:
        return None
    return Skip(
        "brak zajęć dodatkowych", "has no activities", hint="add activities: to the event, or choose another --kind"
    )


def build(project: Project, event: Event) -> Roster:
    """Sign-ups for each optional activity."""
    columns = [Column("Lp.", 10), Column("Imię i nazwisko", 55), Column("JST", 55), Column("Telefon", 40)]
    rows, groups, footer = [], [], []
    for act in event.activities:
        signed = sorted(people(project, event, only=partial(_signed_up, act.id)), key=lambda rp: name_key(rp[1].name))
        label = f"{act.title} – {short_day(act.date)}, godz. {time(act.time)}"
        for i, (_, p) in enumerate(signed, 1):
            rows.append([str(i), p.name, unit_name(project, p), p.phone or ""])
            groups.append(label)
        footer.append(f"{label}: {persons(len(signed))}")
    return Roster(
        kind="activity",
        title=title(NAME),
        **frame(project, event),
        columns=columns,
        rows=rows,
        groups=groups,
        footer=footer,
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
