"""The passenger list for the coach company: who rides there, who rides back, their phones.

The place of pick-up is written as the communiqué has it, after "pod" ("podstawiony pod
KINOTEKĘ"), and so is the drop-off on the way back.
"""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.model.presence import pickup_day
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, frame, numbered, people, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import name_key
from jstevents.text.dates import short_day, time
from jstevents.text.numbers import persons

NAME = "coach"
YES, NO = "tak", "—"


def applies(project: Project, event: Event) -> Skip | None:
    if event.transport and event.transport.coach:
        return None
    return Skip(
        "brak autokaru",
        "has no coach",
        hint="add transport.coach (pickup_place, pickup_time, return_dropoff, signup) to the event",
    )


def build(project: Project, event: Event) -> Roster:
    bus = event.transport.coach if event.transport else None
    assert bus is not None, "applies() says there is no coach"
    riding = sorted(
        people(project, event, only=lambda w: w.coach_there or w.coach_back), key=lambda wp: name_key(wp[1].name)
    )
    there = pickup_day(event) or event.dates.start
    framing = frame(project, event, NAME)
    framing["heading"] = framing["heading"] + [
        f"Przejazd tam: {short_day(there)}, godz. {time(bus.pickup_time)} – autokar"
        f"{' oznakowany' if bus.marked else ''} podstawiony pod {bus.pickup_place}",
        f"Przejazd z powrotem: {short_day(event.dates.end)}, po zakończeniu (ok. godz. {time(event.schedule.end)}) – "
        f"odwiezienie pod {bus.return_dropoff}",
    ]
    columns = [
        # 189 mm: portrait A4, with the signature box at its 40 mm.
        Column("Lp.", 10, "number"),
        Column("Imię i nazwisko", 44),
        Column("JST", 36),
        Column("Telefon", 34, "keep"),
        Column("Tam", 10),
        Column("Powrót", 15),
        Column("Podpis", 40, "signature"),
    ]
    rows: list[list[Cell]] = [
        [0, p.name, unit_name(project, p), p.phone or "", YES if w.coach_there else NO, YES if w.coach_back else NO, ""]
        for w, p in riding
    ]
    footer = [
        f"Przejazd tam: {persons(sum(1 for w, _ in riding if w.coach_there))}; "
        f"z powrotem: {persons(sum(1 for w, _ in riding if w.coach_back))}",
    ]
    return Roster(**framing, columns=columns, groups=numbered([Group("", rows)]), footer=footer)


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
