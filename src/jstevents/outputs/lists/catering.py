"""The kitchen's order: each meal of each day with the number of people, by diet.

Who eats what comes from `model.presence` (nobody is counted on a day they are not there);
registered trainers and guests are counted with the participants' diets, and the event's
`staff` (the organiser's team) at every meal of every day.
"""

from __future__ import annotations

import typing

from jstevents.model import Diet, Event, Project
from jstevents.model.presence import LUNCH_TIME, MEALS_OF_A_DAY, meals
from jstevents.model.provision import provision
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, days_of, frame, people
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.dates import short_day, time
from jstevents.text.wording import meal as meal_name

NAME = "catering"


def applies(project: Project, event: Event) -> Skip | None:
    if provision(event).meals:
        return None
    return Skip(
        "brak posiłków",
        "has no meals: it is online, has no accommodation, or its accommodation says meals: false",
        hint="catering lists are for on-site events that provide meals",
    )


def build(project: Project, event: Event) -> Roster:
    registered = people(project, event)
    diets = [d for d in typing.get_args(Diet) if any(p.diet == d for _, p in registered)]
    columns = [
        Column("Dzień", 30, "keep"),
        Column("Posiłek", 22),
        Column("Uczestnicy", 22, "number"),
        Column("Trenerzy, goście i obsługa", 30, "number"),
        Column("Razem", 16, "number"),
    ]
    columns += [Column(f"w tym {d}", 30, "number") for d in diets]
    rows: list[list[Cell]] = []
    for day in days_of(event):
        for meal in MEALS_OF_A_DAY:
            eating = [(w, p) for w, p in registered if meal in meals(event, w, day)]
            if not eating:
                continue
            participants = sum(1 for w, _ in eating if w.registration.role == "participant")
            others = len(eating) - participants + event.staff
            by_diet = [sum(1 for _, p in eating if p.diet == d) for d in diets]
            if event.staff and "standardowa" in diets:
                by_diet[diets.index("standardowa")] += event.staff
            rows.append([short_day(day), meal_name(meal), participants, others, participants + others, *by_diet])
    closing = event.schedule.closing_meal
    footer = [
        f"Liczba zarejestrowanych: {len(registered)}" + (f"; obsługa: {event.staff}" if event.staff else ""),
        "Zasada: śniadanie rano po noclegu, kolacja wieczorem przed noclegiem, obiad w dni pobytu, w które "
        f"zajęcia trwają o godz. {time(LUNCH_TIME)}"
        + (f"; ostatniego dnia posiłek na zakończenie: {meal_name(closing)}" if closing else "")
        + ". Kto nie nocuje, nie jest liczony na śniadanie ani kolację.",
    ]
    notes = [f"Uwaga dietetyczna: {p.name} – {p.diet_note}" for _, p in registered if p.diet_note]
    return Roster(**frame(project, event, NAME), columns=columns, groups=[Group("", rows)], footer=footer, notes=notes)


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
