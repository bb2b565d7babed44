"""The kitchen's order: each meal of each day with the number of people, by diet."""

from __future__ import annotations

import datetime as dt

from jstevents.model import Diet, Event, Project, Registration
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Column, Roster, frame, people, title
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.dates import short_day, time
from jstevents.text.wording import meal as meal_name

NAME = "catering"
#: Lunch is served 13:00–14:00: a day whose programme runs over 13:00 includes it.
LUNCH_TIME = dt.time(13, 0)


def applies(project: Project, event: Event) -> Skip | None:
    if event.mode == "onsite" and (event.accommodation is None or event.accommodation.meals):
        return None
    return Skip(
        "brak posiłków",
        "has no meals: it is online or its accommodation says meals: false",
        hint="catering lists are for on-site events that provide meals",
    )


def _day_span(event: Event, day: dt.date) -> tuple[dt.time, dt.time]:
    start = event.schedule.start if day == event.dates.start else dt.time(8, 0)
    end = event.schedule.end if day == event.dates.end else dt.time(20, 0)
    return start, end


def meals_of(event: Event, registration: Registration, day: dt.date) -> list[str]:
    """The meals one person eats on one day (see docs/lists.md, "The catering rule").

    breakfast: the morning after one of their nights; dinner: the evening before one of
    their nights, or the last day when the event closes with dinner; lunch: every
    registered person, on each day whose programme runs over 13:00, or the last day when
    the event closes with lunch.
    """
    nights = set(registration.nights)
    meals = []
    if day - dt.timedelta(days=1) in nights:
        meals.append("breakfast")
    start, end = _day_span(event, day)
    closing = event.schedule.closing_meal.value if event.schedule.closing_meal else None
    last = day == event.dates.end
    if (start <= LUNCH_TIME < end) or (last and closing == "lunch"):
        meals.append("lunch")
    if day in nights or (last and closing == "dinner"):
        meals.append("dinner")
    return meals


def build(project: Project, event: Event) -> Roster:
    """For the kitchen: each meal of each day with the number of people, by diet."""
    registered = people(project, event)
    diets = [d for d in Diet.__args__ if any(p.diet == d for _, p in registered)]  # type: ignore[attr-defined]
    columns = [Column("Dzień", 32), Column("Posiłek", 25), Column("Razem", 18)]
    columns += [Column(d, 25) for d in diets]
    rows = []
    for day in event.dates.days():
        for meal in ("breakfast", "lunch", "dinner"):
            eating = [p for r, p in registered if meal in meals_of(event, r, day)]
            if eating:
                rows.append(
                    [short_day(day), meal_name(meal), str(len(eating))]
                    + [str(sum(1 for p in eating if p.diet == d)) for d in diets]
                )
    notes = [f"Uwaga dietetyczna: {p.name} – {p.diet_note}" for _, p in registered if p.diet_note]
    footer = [
        f"Liczba zarejestrowanych: {len(registered)}",
        "Zasada: śniadanie rano po noclegu, kolacja wieczorem przed noclegiem, "
        f"obiad dla wszystkich w dni, w które zajęcia trwają o godz. {time(LUNCH_TIME)}"
        + (
            f", ostatniego dnia posiłek na zakończenie: {meal_name(event.schedule.closing_meal)}"
            if event.schedule.closing_meal
            else ""
        )
        + ".",
    ] + notes
    return Roster(
        kind="catering",
        title=title(NAME),
        **frame(project, event),
        columns=columns,
        rows=rows,
        footer=footer,
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
