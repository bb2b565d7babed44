"""The contact list for the experts: each JST with its expert mentor, and its people's contacts."""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, frame, numbered, people, unit_name
from jstevents.outputs.registry import RenderInputs, Skip

NAME = "contacts"


def applies(project: Project, event: Event) -> Skip | None:
    return None


def build(project: Project, event: Event) -> Roster:
    columns = [
        Column("Lp.", 10, "number"),
        Column("Imię i nazwisko", 45),
        Column("JST", 45, grouping=True),
        Column("Stanowisko", 45),
        Column("E-mail", 62, "keep"),
        Column("Telefon", 32, "keep"),
        Column("Ekspert opiekun", 40, grouping=True),
        Column("E-mail opiekuna", 50, grouping=True),
        Column("Telefon opiekuna", 32, grouping=True),
    ]
    groups: list[Group] = []
    for _, p in people(project, event):
        unit = project.units.get(p.unit)
        mentor = project.experts.get(unit.mentor) if unit and unit.mentor else None
        heading = unit_name(project, p)
        if not groups or groups[-1].heading != heading:
            note = ""
            if mentor is not None:
                note = "ekspert opiekun: " + ", ".join(filter(None, [mentor.name, mentor.email, mentor.phone]))
            groups.append(Group(heading, note=note))
        row: list[Cell] = [0, p.name, heading, p.role or "", p.email, p.phone or ""]
        row += [mentor.name, mentor.email or "", mentor.phone or ""] if mentor else ["", "", ""]
        groups[-1].rows.append(row)
    count = sum(len(g.rows) for g in groups)
    return Roster(**frame(project, event, NAME), columns=columns, groups=numbered(groups),
                  footer=[f"Liczba uczestników: {count}"])  # fmt: skip


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
