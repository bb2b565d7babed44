"""Recorded attendance and what it is counted against: days present within the event, one number of
hours a day, a certificate number pattern that numbers, and no ended event left without a record."""

from __future__ import annotations

import string
from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.model.attendance import has_recorded_attendance
from jstevents.model.presence import event_days
from jstevents.problems import Problem
from jstevents.text.dates import numeric

#: The fields a certificate number's pattern may use.
NUMBER_FIELDS = ("year", "event", "programme", "n")


@check("E144")
@per_event
def attended_within_the_event(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    days = set(event_days(event))
    if not days:
        return
    for i, registration in enumerate(event.registrations):
        for j, day in enumerate(registration.attended or []):
            if day not in days:
                yield inputs.problem(
                    event, ("registrations", i, "attended", j), "E144",
                    f"{registration.participant} is recorded present at {event.id} on {numeric(day)}, which is "
                    f"not a day of the event ({numeric(event.dates.start)}–{numeric(event.dates.end)}): "
                    "correct or remove the day",
                )  # fmt: skip


@check("E145")
@per_event
def hours_for_each_day(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    count = len(event_days(event))
    if event.hours and count and len(event.hours) != count:
        yield inputs.problem(
            event, ("hours",), "E145",
            f"{event.id} has {count} day(s) but `hours` gives {len(event.hours)} number(s): give one number of "
            "hours for each day, in order, or leave `hours` out to count them from the schedule",
        )  # fmt: skip


@check("W140")
@per_event
def ended_event_has_attendance(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    participants = [r for r in event.registrations if r.role == "participant"]
    if participants and event.dates.end < inputs.today and not has_recorded_attendance(event):
        yield inputs.problem(
            event, ("registrations",), "W140",
            f"{event.id} ended on {numeric(event.dates.end)} and has no recorded attendance: record the signed "
            f"sheet with `jstevents attendance record {event.id} --from FILE` (--today sets the reference date)",
        )  # fmt: skip


def number_pattern_problem(pattern: str) -> str | None:
    """What is wrong with a certificate number's pattern, or None."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None]
        pattern.format(year=2000, event="e", programme="p", n=1)
    except (ValueError, KeyError, IndexError, AttributeError) as exc:
        unknown = [f for f in fields if f not in NUMBER_FIELDS] if "fields" in locals() else []
        if unknown:
            return f"unknown field {{{unknown[0]}}}: use {', '.join('{' + f + '}' for f in NUMBER_FIELDS)}"
        return f'{pattern!r} is not a pattern ({exc}); e.g. "ORE/{{year}}/{{event}}/{{n:03}}"'
    if "n" not in fields:
        return "the pattern has no {n}, so every certificate would get the same number: add {n} or {n:03}"
    return None


@check("E146")
def certificate_number_pattern(inputs: CheckInput) -> Iterator[Problem]:
    settings = inputs.project.programme.certificates
    if settings is None:
        return
    fault = number_pattern_problem(settings.number)
    if fault:
        yield inputs.problem(inputs.project.programme, ("certificates", "number"), "E146", fault)
