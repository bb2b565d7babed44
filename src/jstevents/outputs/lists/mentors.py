"""The list of JST with their expert mentors ("wykaz JST wraz z przydzielonymi opiekunami").

A communiqué may promise it as an attachment ("W załączeniu przekazujemy wykaz JST wraz z
przydzielonymi opiekunami"): the event's `attachments: [mentors]` attaches its PDF to every
message (see `outputs.email`), and `validate` reports a letter that promises an attachment it
does not carry (E124). One row per JST of the event's participants (or, with no registrations,
of `units_attending`), with the mentor's name, e-mail and phone.
"""

from __future__ import annotations

from jstevents.model import Event, Project, Unit
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, frame, numbered
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import polish_key

NAME = "mentors"
#: The file name of the attachment in a message.
ATTACHMENT = "wykaz-jst-i-opiekunow.pdf"


def units(project: Project, event: Event) -> list[Unit]:
    """The JST of the event: of its registered people, else those it names as attending."""
    ids = [
        project.participants[r.participant].unit for r in event.registrations if r.participant in project.participants
    ]
    ids = ids or list(event.units_attending)
    found = {uid: project.units[uid] for uid in ids if uid in project.units}
    return sorted(found.values(), key=lambda unit: polish_key(unit.name))


def applies(project: Project, event: Event) -> Skip | None:
    if any(unit.mentor for unit in units(project, event)):
        return None
    return Skip("brak opiekunów", "has no JST with an expert mentor", hint="set `mentor:` on the units (units.yaml)")


def build(project: Project, event: Event) -> Roster:
    columns = [
        # 189 mm: portrait A4.
        Column("Lp.", 10, "number"),
        Column("JST", 55),
        Column("Ekspert opiekun", 42),
        Column("E-mail", 48, "keep"),
        Column("Telefon", 34, "keep"),
    ]
    rows: list[list[Cell]] = []
    for unit in units(project, event):
        mentor = project.experts.get(unit.mentor) if unit.mentor else None
        rows.append(
            [0, unit.name, *([mentor.name, mentor.email or "", mentor.phone or ""] if mentor else ["—", "", ""])]
        )
    return Roster(
        **frame(project, event, NAME),
        columns=columns,
        groups=numbered([Group("", rows)]),
        footer=[f"Liczba JST: {len(rows)}"],
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)


def attachment(project: Project, event: Event) -> tuple[str, bytes]:
    """The list as the PDF a message carries: its file name and bytes."""
    return ATTACHMENT, render_roster(build(project, event), "pdf")
