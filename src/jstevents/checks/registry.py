"""Checks beyond the schema: dates, deadlines, overlaps, capacity, numbering.

Each check has a stable code (see `problems.CODES` and the table in docs/checks.md).
The checks tolerate dangling references, which are reported separately, so
that one run shows every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable

from jstevents.model import Event, Project
from jstevents.model.deadlines import event_deadlines
from jstevents.problems import Problem
from jstevents.text import placeholders

Place = Callable[..., tuple[str, int, int]]


def _long_date(day: dt.date) -> str:
    from babel.dates import format_date

    return format_date(day, "d MMMM y", locale="pl")


def _check_dates(event: Event, place: Place) -> list[Problem]:
    if event.dates.end < event.dates.start:
        return [
            Problem(
                *place(event, "dates", "end"),
                "E101",
                f"{event.id} ends ({event.dates.end}) before it starts ({event.dates.start}): "
                "check dates.start and dates.end",
            )
        ]
    if event.ends_at() <= event.starts_at():
        return [
            Problem(
                *place(event, "schedule", "end"),
                "E101",
                f"{event.id} ends at {event.schedule.end:%H:%M}, not after its start at "
                f"{event.schedule.start:%H:%M}: check schedule.start and schedule.end",
            )
        ]
    return []


def _check_deadlines(event: Event, place: Place, today: dt.date) -> list[Problem]:
    problems = []
    for due in event_deadlines(event):
        if due.last_moment() > event.starts_at():
            problems.append(
                Problem(
                    *place(event, *due.path),
                    "E102",
                    f"deadline {due.at} is after {event.id} starts "
                    f"({event.starts_at():%Y-%m-%d %H:%M}): move it before the start",
                )
            )
        elif due.day < today:
            problems.append(
                Problem(
                    *place(event, *due.path),
                    "W103",
                    f"deadline {due.at} has passed (today is {today}); update it or ignore this "
                    "warning for a past event (--today sets the reference date)",
                )
            )
    return problems


@functools.cache
def _polish_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of one year, by date.

    Importing `holidays` and building a year take longer than all the other checks of a
    national programme together, so the result is kept in the load cache, keyed by the
    installed files of the package (an upgrade changes them).
    """
    from jstevents.cache import remembered

    def build() -> dict[dt.date, str]:
        import holidays

        return dict(holidays.country_holidays("PL", years=[year], language="pl"))

    return remembered(f"holidays-PL-pl-{year}", _holidays_installed(), build)


def _holidays_installed() -> tuple[object, ...]:
    import importlib.util
    import os

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return (None,)
    package = os.path.dirname(spec.origin)
    stamps: list[object] = [package]
    for part in ("__init__.py", "version.py", "holiday_base.py", os.path.join("countries", "poland.py")):
        try:
            info = os.stat(os.path.join(package, part))
        except OSError:
            stamps.append(None)
            continue
        stamps.append((info.st_size, info.st_mtime_ns))
    return tuple(stamps)


def _check_holidays(event: Event, place: Place) -> list[Problem]:
    # Checked before listing the days: a typo such as `end: 9999-12-31` would list millions.
    if not 0 <= (event.dates.end - event.dates.start).days < 31:
        return []
    days = event.dates.days()
    problems = []
    for day in days:
        name = _polish_holidays(day.year).get(day)
        if name:
            reason = f"a public holiday ({name})"
        elif day.weekday() == 6:
            reason = "a Sunday"
        else:
            continue
        problems.append(
            Problem(
                *place(event, "dates", "start"),
                "W104",
                f"{event.id} takes place on {_long_date(day)}, {reason}: is that intended?",
            )
        )
    return problems


def _overlaps(items: list[tuple[dt.datetime, dt.datetime, Event]]) -> list[tuple[Event, Event]]:
    """Pairs of overlapping intervals (each reported against the latest one still running)."""
    pairs = []
    items = sorted(items, key=lambda item: (item[0], item[2].id))
    running: tuple[dt.datetime, dt.datetime, Event] | None = None
    for item in items:
        if running is not None and item[0] < running[1]:
            pairs.append((running[2], item[2]))
        if running is None or item[1] > running[1]:
            running = item
    return pairs


def run_checks(project: Project, place: Place, *, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    events = project.sorted_events()
    by_network: dict[str, list[tuple[dt.datetime, dt.datetime, Event]]] = defaultdict(list)
    by_participant: dict[str, list[tuple[dt.datetime, dt.datetime, Event]]] = defaultdict(list)
    communiques: dict[int, Event] = {}

    for event in events:
        problems += _check_dates(event, place)
        problems += _check_deadlines(event, place, today)
        problems += _check_holidays(event, place)
        span = (event.starts_at(), event.ends_at(), event)
        for network in dict.fromkeys(event.networks):
            by_network[network].append(span)
        if event.communique is not None:
            first = communiques.setdefault(event.communique, event)
            if first is not event:
                problems.append(
                    Problem(
                        *place(event, "communique"),
                        "E108",
                        f"communiqué nr {event.communique} is already used by {first.id}: "
                        "give this event the next free number",
                    )
                )
        problems += [Problem(*place(event, *path), "E113", message) for path, message in placeholders.problems(event)]
        if event.mode == "onsite" and event.venue is None:
            problems.append(
                Problem(
                    *place(event, "mode"),
                    "E109",
                    f"{event.id} is on-site but has no venue: add `venue:` with a venue id",
                )
            )
        if event.mode == "online" and not event.online_link:
            problems.append(
                Problem(*place(event, "mode"), "E110", f"{event.id} is online but has no link: add `online_link:`")
            )

        seen: dict[str, int] = {}
        first_night, last_day = event.dates.start, event.dates.end
        for index, registration in enumerate(event.registrations):
            if registration.participant in seen:
                problems.append(
                    Problem(
                        *place(event, "registrations", index, "participant"),
                        "E111",
                        f"{registration.participant} is registered twice for {event.id} "
                        f"(also entry {seen[registration.participant] + 1}): remove one entry",
                    )
                )
                continue
            seen[registration.participant] = index
            by_participant[registration.participant].append(span)
            stray = sorted(night for night in registration.nights if not first_night <= night < last_day)
            if stray:
                problems.append(
                    Problem(
                        *place(event, "registrations", index, "nights"),
                        "W112",
                        f"night(s) {', '.join(map(str, stray))} of {registration.participant} fall outside "
                        f"{event.id} ({event.dates.start} – {event.dates.end}); a night is named by its evening",
                    )
                )

        venue = project.venues.get(event.venue) if event.venue else None
        if venue is not None and venue.capacity is not None and event.mode == "onsite":
            count = len(seen)
            if count > venue.capacity:
                problems.append(
                    Problem(
                        *place(event, "registrations"),
                        "E107",
                        f"{count} people are registered for {event.id} but {venue.name} holds "
                        f"{venue.capacity}: move people to a waiting list or pick a larger venue",
                    )
                )

    for network, spans in by_network.items():
        for first, second in _overlaps(spans):
            problems.append(
                Problem(
                    *place(second, "dates", "start"),
                    "E105",
                    f"{second.id} overlaps {first.id}, both for network {network!r}: change one of the dates",
                )
            )
    for participant, spans in by_participant.items():
        for first, second in _overlaps(spans):
            index = next(i for i, r in enumerate(second.registrations) if r.participant == participant)
            problems.append(
                Problem(
                    *place(second, "registrations", index, "participant"),
                    "E106",
                    f"{participant} is registered for {second.id} and for {first.id}, which overlap: "
                    "remove one registration",
                )
            )
    return problems
