"""The contact list for the experts: each participant and the mentor of their JST."""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Column, Roster, frame, people, title, unit_name
from jstevents.outputs.registry import RenderInputs, Skip

NAME = "contacts"


def applies(project: Project, event: Event) -> Skip | None:
    return None


def build(project: Project, event: Event) -> Roster:
    """For the experts: each participant's contact and the mentor assigned to their JST."""
    registered = people(project, event)
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
    for i, (_, p) in enumerate(registered, 1):
        unit = project.units.get(p.unit)
        mentor = project.experts.get(unit.mentor) if unit and unit.mentor else None
        mentor_text = " ".join(filter(None, [mentor.name, mentor.email, mentor.phone])) if mentor else ""
        rows.append([str(i), p.name, unit_name(project, p), p.role or "", p.email, p.phone or "", mentor_text])
    return Roster(
        kind="contacts",
        title=title(NAME),
        **frame(project, event),
        columns=columns,
        rows=rows,
        groups=[unit_name(project, p) for _, p in registered],
        footer=[f"Liczba uczestników: {len(registered)}"],
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
