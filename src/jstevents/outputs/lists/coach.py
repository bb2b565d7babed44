"""The passenger list for the coach company."""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Column, Roster, frame, heading, people, title, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import name_key
from jstevents.text.dates import short_day, time

NAME = "coach"


def applies(project: Project, event: Event) -> Skip | None:
    if event.transport and event.transport.coach:
        return None
    return Skip(
        "brak autokaru",
        "has no coach",
        hint="add transport.coach (pickup_place, pickup_time, return_dropoff, signup) to the event",
    )


def build(project: Project, event: Event) -> Roster:
    """For the coach company: passengers with phones, where and when to pick them up."""
    bus = event.transport.coach if event.transport else None
    assert bus is not None, "applies() says there is no coach"
    passengers = sorted(
        ((r, p) for r, p in people(project, event, only=lambda r: r.coach)), key=lambda rp: name_key(rp[1].name)
    )
    pickup_date = bus.pickup_date or event.dates.start
    lines = heading(project, event) + [
        f"Odjazd: {short_day(pickup_date)}, godz. {time(bus.pickup_time)}, {bus.pickup_place}",
        f"Powrót: {short_day(event.dates.end)}, po zakończeniu (godz. {time(event.schedule.end)}), "
        f"do: {bus.return_dropoff}",
    ]
    columns = [
        Column("Lp.", 10),
        Column("Imię i nazwisko", 55),
        Column("JST", 55),
        Column("Telefon", 40),
        Column("Podpis", 30, "signature"),
    ]
    rows = [[str(i), p.name, unit_name(project, p), p.phone or "", ""] for i, (_, p) in enumerate(passengers, 1)]
    return Roster(
        kind="coach",
        title=title(NAME),
        **{**frame(project, event), "heading": lines},
        columns=columns,
        rows=rows,
        footer=[f"Liczba pasażerów: {len(passengers)}"],
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
