"""The checks beyond the schema, each a function registered with the codes it reports.

A check takes a `CheckInput` (the project, where each object was written, the reference
day) and yields `Problem`s. `run_checks` runs every registered check; a new check is a
function in a module of this package decorated with `@check("E1xx", …)`, and its module
named in `MODULES`. The checks tolerate dangling references, which `references` reports
beforehand, so that one run shows every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from jstevents.model import Event, Project
from jstevents.model.presence import Presence, attendance
from jstevents.problems import CODES, Problem

#: Where an object (and a path of keys inside it) was written: (file, line, column).
Place = Callable[..., tuple[str, int, int]]


@dataclass(frozen=True)
class CheckInput:
    project: Project
    place: Place
    #: The reference day for "already past" (`--today`).
    today: dt.date
    #: What each person was told about each event, as the values of its facts (see
    #: `text.facts`): event id → participant id → fact key → value. Empty before any mail-out.
    told: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)

    def problem(self, obj: object, path: tuple[str | int, ...], code: str, message: str) -> Problem:
        """A problem located at `path` inside `obj` (an event, a registration's event …)."""
        return Problem(*self.place(obj, *path), code, message)

    #: Each event's attendance, worked out once for all the checks that read it.
    #: By the event object (the project keeps it alive for the run): two events may share an id (E021).
    _attendance: dict[int, list[Presence]] = field(default_factory=dict, repr=False, compare=False)

    def events(self) -> list[Event]:
        return self.project.sorted_events()

    def attendance(self, event: Event) -> list[Presence]:
        """`model.presence.attendance(event)`, once per event of this run."""
        key = id(event)
        if key not in self._attendance:
            self._attendance[key] = attendance(event)
        return self._attendance[key]


CheckFunction = Callable[[CheckInput], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    codes: tuple[str, ...]
    run: CheckFunction

    @property
    def name(self) -> str:
        return f"{self.run.__module__.rpartition('.')[2]}.{self.run.__name__}"


CHECKS: list[Check] = []

#: The modules whose checks `run_checks` runs, in the order they report.
MODULES = (
    "dates",
    "deadlines",
    "holidays",
    "numbering",
    "placeholders",
    "venues",
    "registrations",
    "overlaps",
    "presence",
    "funding",
    "clock",
    "attachments",
    "report",
    "attendance",
    "told",
)


def check(*codes: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check that reports `codes` (each must be in `problems.CODES`)."""
    unknown = [code for code in codes if code not in CODES]
    if unknown:
        raise ValueError(f"codes {unknown} are not in problems.CODES")

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS.append(Check(codes, function))
        return function

    return register


def registered() -> list[Check]:
    """Every check, its module imported (and so registered) first."""
    for module in MODULES:
        importlib.import_module(f"jstevents.checks.{module}")
    return list(CHECKS)


def run_checks(
    project: Project,
    place: Place,
    *,
    today: dt.date,
    told: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
) -> list[Problem]:
    inputs = CheckInput(project, place, today, told or {})
    return [problem for entry in registered() for problem in entry.run(inputs)]


def per_event(function: Callable[[CheckInput, Event], Iterable[Problem]]) -> CheckFunction:
    """A check written for one event, run for each event of the project."""

    def run(inputs: CheckInput) -> Iterator[Problem]:
        for event in inputs.events():
            yield from function(inputs, event)

    run.__name__ = function.__name__
    run.__module__ = function.__module__
    run.__doc__ = function.__doc__
    return run
