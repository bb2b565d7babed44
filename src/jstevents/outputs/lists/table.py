"""Attendee lists as format-neutral tables, and what every list shares.

Each kind of list (attendance, rooming, coach, catering, contacts, activity) is a module here
with `applies(project, event)` and `build(project, event) -> Roster`. A roster is a table of
columns and rows, the rows in groups (a JST, a room, an activity) with a heading each; the
writers (`csv_format`, `xlsx_format`, `pdf_format`, `html_format`) turn it into bytes:

- CSV and XLSX are data: one header row, then every row, the group shown as a column of its
  own (`Column.grouping`); CSV holds nothing else.
- PDF and HTML are for printing: the title, the event and its dates on every page, the groups
  as headings (the grouping columns left out of the table), the closing rows (trainers'
  signatures), the counts, the notes and the funding marking.

Who is there on which day, and what they eat, comes from `model.presence`: no list works it
out on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jstevents.model import Event, Participant, Project
from jstevents.model.presence import Presence, attendance
from jstevents.text.collation import name_key, polish_key
from jstevents.text.dates import date_range
from jstevents.text.wording import ONLINE

#: A cell: text, a whole number (written as a number in XLSX), or nothing.
Cell = str | int | None


@dataclass(frozen=True)
class Column:
    title: str
    #: Preferred width on paper, in millimetres; the writers scale to the page.
    width: float
    #: "text", "number" (right-aligned, a number in XLSX), "keep" (never broken across lines:
    #: phone numbers, dates), or "signature" (an empty box for a pen, at least 40 mm wide).
    kind: str = "text"
    #: The group's own value (the JST of a list grouped by JST): printed lists show it in the
    #: group's heading, not in every row; CSV and XLSX keep it as a column.
    grouping: bool = False


@dataclass
class Group:
    """Rows under one heading: a JST, a room, an activity. An empty heading groups nothing."""

    heading: str
    rows: list[list[Cell]] = field(default_factory=list)
    #: More about the group, printed after its heading: "ekspert opiekun: …".
    note: str = ""


@dataclass
class Roster:
    kind: str
    title: str
    columns: list[Column]
    groups: list[Group]
    #: Lines under the title: the programme, the event, its dates and place.
    heading: list[str] = field(default_factory=list)
    #: What every printed page says beside the title.
    event: str = ""
    dates: str = ""
    #: Rows printed after the groups but not data: the trainers' signatures of each day.
    closing: Group | None = None
    #: Counts and totals, printed under the table.
    footer: list[str] = field(default_factory=list)
    #: Remarks printed after the counts: diet notes, wishes that could not be met.
    notes: list[str] = field(default_factory=list)
    funding: str | None = None
    logos: list[Path] = field(default_factory=list)
    #: The project folder: files the list shows (logos) must be inside it.
    root: Path | None = None

    @property
    def printed_columns(self) -> list[Column]:
        """The columns of a printed list: the grouping ones go into the headings."""
        grouped = any(g.heading for g in self.groups)
        return [c for c in self.columns if not (grouped and c.grouping)]

    def printed(self, row: list[Cell]) -> list[Cell]:
        grouped = any(g.heading for g in self.groups)
        return [cell for cell, column in zip(row, self.columns, strict=True) if not (grouped and column.grouping)]

    @property
    def rows(self) -> list[list[Cell]]:
        """Every data row, in order (the CSV and XLSX table)."""
        return [row for group in self.groups for row in group.rows]

    @property
    def landscape(self) -> bool:
        # The usable width of an A4 portrait page is about 190 mm.
        return sum(c.width for c in self.printed_columns) > 190


def title(kind: str) -> str:
    """The list's Polish title, as registered (see `outputs.registry`)."""
    from jstevents.outputs.registry import OUTPUTS

    return OUTPUTS[kind].title


def place(project: Project, event: Event) -> str:
    if event.mode == "online" or not event.venue:
        return ONLINE
    venue = project.venues[event.venue]
    return f"{venue.name}, {venue.address.one_line()}"


def frame(project: Project, event: Event, kind: str, *, marked: bool = False) -> dict[str, Any]:
    """What every list of `event` says around its table. `marked`: the list carries the funding
    marking (text in the page footer, logos on every page)."""
    dates = date_range(event.dates.start, event.dates.end)
    found: dict[str, Any] = {
        "kind": kind,
        "title": title(kind),
        "heading": [project.programme.title, event.title, f"{dates}, {place(project, event)}"],
        "event": event.title,
        "dates": dates,
        "root": Path(project.root),
    }
    if marked:
        funding = project.programme.funding
        found["funding"] = " ".join(filter(None, [funding.text, funding.footer]))
        found["logos"] = [Path(project.root) / name for name in funding.logos]
    return found


def unit_name(project: Project, person: Participant) -> str:
    unit = project.units.get(person.unit)
    return unit.name if unit else person.unit


def people(
    project: Project, event: Event, *, only: Callable[[Presence], bool] = lambda p: True
) -> list[tuple[Presence, Participant]]:
    """The people of the event with their presence, by JST and in Polish order of surnames."""
    found = [(p, project.participants[p.participant]) for p in attendance(event) if only(p)]
    return sorted(found, key=lambda pp: (polish_key(unit_name(project, pp[1])), name_key(pp[1].name)))


def by_heading(items: list[tuple[str, list[Cell]]]) -> list[Group]:
    """Consecutive rows with the same heading as one group each."""
    groups: list[Group] = []
    for heading, row in items:
        if not groups or groups[-1].heading != heading:
            groups.append(Group(heading))
        groups[-1].rows.append(row)
    return groups


def numbered(groups: list[Group]) -> list[Group]:
    """The rows numbered 1, 2, 3 … across the groups, in the first column (Lp.)."""
    number = 0
    for group in groups:
        for row in group.rows:
            number += 1
            row[0] = number
    return groups


def days_of(event: Event) -> list[dt.date]:
    from jstevents.model.presence import event_days

    return event_days(event)
