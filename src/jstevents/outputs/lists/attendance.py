"""The attendance sheet participants sign each day."""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Column, Roster, frame, logos, people, title, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.dates import short_day

NAME = "attendance"


def applies(project: Project, event: Event) -> Skip | None:
    return None


def build(project: Project, event: Event) -> Roster:
    """The sheet participants sign each day: no e-mails or phones on it."""
    registered = people(project, event, only=lambda r: r.role == "participant")
    days = event.dates.days()
    columns = [Column("Lp.", 10), Column("Imię i nazwisko", 48), Column("JST", 48)]
    columns += [Column(f"Podpis {short_day(day)}", 36, "signature") for day in days]
    rows = [[str(i), p.name, unit_name(project, p)] + [""] * len(days) for i, (_, p) in enumerate(registered, 1)]
    trainers = [project.experts[t].name for t in event.trainers if t in project.experts]
    signatures = [f"Podpis trenera ({name}): ………………………………" for name in trainers] or ["Podpis trenera: ………………………………"]
    funding = project.programme.funding
    return Roster(
        kind="attendance",
        title=title(NAME),
        **frame(project, event),
        columns=columns,
        rows=rows,
        groups=[unit_name(project, p) for _, p in registered],
        footer=[f"Liczba uczestników: {len(registered)}"],
        signatures=signatures,
        funding=" ".join(filter(None, [funding.text, funding.footer])),
        logos=logos(project),
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
