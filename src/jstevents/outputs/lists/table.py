"""Attendee lists as format-neutral tables, and what every list shares.

Each kind of list (attendance, rooming, coach, catering, contacts, activity) is a module
here with `applies(project, event)` and `build(project, event) -> Roster`: heading lines,
columns, rows (optionally grouped), footer lines with the counts, signature lines and the
funding marking. The writers (`csv_format`, `xlsx_format`, `pdf_format`, `html_format`)
turn a `Roster` into bytes; nothing here knows about file formats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jstevents.model import Event, Participant, Project, Registration
from jstevents.text.collation import name_key, polish_key
from jstevents.text.dates import date_range
from jstevents.text.wording import ONLINE


@dataclass
class Column:
    title: str
    #: Preferred width on paper, in millimetres; the writers scale to the page.
    width: float
    #: "signature" columns are left empty for a pen.
    kind: str = "text"


@dataclass
class Roster:
    kind: str
    title: str
    heading: list[str]
    columns: list[Column]
    rows: list[list[str]]
    #: The group label of each row (e.g. the JST), or empty when the table is not grouped.
    groups: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    funding: str | None = None
    logos: list[Path] = field(default_factory=list)
    #: What every page says besides the title: the event and its dates.
    event: str = ""
    dates: str = ""
    #: The project folder: files the list shows (logos) must be inside it.
    root: Path | None = None

    @property
    def landscape(self) -> bool:
        # The usable width of an A4 portrait page is about 190 mm.
        return sum(c.width for c in self.columns) > 190


def title(kind: str) -> str:
    """The list's Polish title, as registered (see `outputs.registry`)."""
    from jstevents.outputs.registry import OUTPUTS

    return OUTPUTS[kind].title


def place(project: Project, event: Event) -> str:
    if event.mode == "online" or not event.venue:
        return ONLINE
    venue = project.venues[event.venue]
    return f"{venue.name}, {venue.address.one_line()}"


def frame(project: Project, event: Event) -> dict[str, Any]:
    """What every list of `event` says around its table: the lines under the title, the event,
    its dates, the project folder."""
    return {
        "heading": heading(project, event),
        "event": event.title,
        "dates": date_range(event.dates.start, event.dates.end),
        "root": Path(project.root),
    }


def heading(project: Project, event: Event) -> list[str]:
    return [
        project.programme.title,
        event.title,
        f"{date_range(event.dates.start, event.dates.end)}, {place(project, event)}",
    ]


def unit_name(project: Project, person: Participant) -> str:
    unit = project.units.get(person.unit)
    return unit.name if unit else person.unit


def people(
    project: Project,
    event: Event,
    *,
    only: Callable[[Registration], bool] = lambda r: True,
) -> list[tuple[Registration, Participant]]:
    """Registrations with their participants, grouped by JST and in Polish order of surnames."""
    found = [(r, project.participants[r.participant]) for r in event.registrations if only(r)]
    return sorted(found, key=lambda rp: (polish_key(unit_name(project, rp[1])), name_key(rp[1].name)))


def logos(project: Project) -> list[Path]:
    """The funding logos' files (their existence is checked by `validate`)."""
    return [Path(project.root) / name for name in project.programme.funding.logos]
