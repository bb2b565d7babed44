"""The attendance sheet participants sign each day; for an online event, the log-in times to fill in.

Grouped by JST, one signature box a day (at least 40 mm wide), a dash on the days a person is
not expected (see `model.presence`), then a row for each trainer to sign every day. An online
event has nobody to sign on paper: its sheet is a confirmation of attendance with the time each
person logged in, filled in from the meeting platform's report.
"""

from __future__ import annotations

import datetime as dt

from jstevents.model import Event, Project
from jstevents.model.presence import Presence
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import (
    Cell,
    Column,
    Group,
    Roster,
    by_heading,
    days_of,
    frame,
    numbered,
    people,
    unit_name,
)
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.dates import short_day
from jstevents.text.numbers import persons

NAME = "attendance"
#: A day the person is not expected at the event (see `model.presence`).
ABSENT = "—"
SIGNATURE_WIDTH = 40.0


def applies(project: Project, event: Event) -> Skip | None:
    return None


def _row(name: str, unit: str, who: Presence, days: list[dt.date]) -> list[Cell]:
    """Lp. (numbered later), the name, the JST, then a box for each day or a dash for a day away."""
    return [0, name, unit, *("" if who.present(day) else ABSENT for day in days)]


def build(project: Project, event: Event) -> Roster:
    return _online(project, event) if event.mode == "online" else _on_site(project, event)


def _on_site(project: Project, event: Event) -> Roster:
    days = days_of(event)
    registered = people(project, event, only=lambda p: p.registration.role == "participant")
    columns = [Column("Lp.", 10, "number"), Column("Imię i nazwisko", 52), Column("JST", 50, grouping=True)]
    columns += [Column(f"Podpis {short_day(day)}", SIGNATURE_WIDTH, "signature") for day in days]
    rows = [(unit_name(project, p), _row(p.name, unit_name(project, p), who, days)) for who, p in registered]
    trainers = [project.experts[t].name for t in event.trainers if t in project.experts]
    closing = Group(
        "Prowadzący" if trainers else "Prowadzący (wpisać imię i nazwisko)",
        [[None, f"{name} (trener)", "", *([""] * len(days))] for name in trainers]
        or [[None, "………………………………", "", *([""] * len(days))]],
    )
    present = [sum(1 for who, _ in registered if who.present(day)) for day in days]
    footer = [f"Liczba uczestników: {len(registered)}"]
    if len(days) > 1:
        footer.append(
            "Oczekiwani: " + "; ".join(f"{short_day(d)}: {persons(n)}" for d, n in zip(days, present, strict=True))
        )
    if any(ABSENT in row for _, row in rows):
        footer.append(f"{ABSENT} – w tym dniu uczestnik nie jest oczekiwany (według zgłoszenia).")
    return Roster(
        **frame(project, event, NAME, marked=True),
        columns=columns,
        groups=numbered(by_heading(rows)),
        closing=closing,
        footer=footer,
    )


def _online(project: Project, event: Event) -> Roster:
    days = days_of(event)
    registered = people(project, event, only=lambda p: p.registration.role == "participant")
    columns = [Column("Lp.", 10, "number"), Column("Imię i nazwisko", 55), Column("JST", 50, grouping=True)]
    columns += [Column(f"Zalogowanie {short_day(day)} (godz.)", 32, "keep") for day in days]
    columns.append(Column("Uwagi", 40))
    rows = [(unit_name(project, p), [*_row(p.name, unit_name(project, p), who, days), ""]) for who, p in registered]
    framing = frame(project, event, NAME, marked=True)
    framing["title"] = "Lista potwierdzenia obecności (spotkanie online)"
    return Roster(
        **framing,
        columns=columns,
        groups=numbered(by_heading(rows)),
        footer=[
            f"Liczba uczestników: {len(registered)}",
            "Godziny zalogowania według raportu uczestników z platformy spotkania.",
        ],
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
