"""Who took part: the recorded attendance, when there is one, decides; else the units announced."""

from __future__ import annotations

import datetime as dt

from helpers import EXAMPLE
from jstevents.load.project import load_project
from jstevents.model.attendance import attending_units, has_recorded_attendance


def load_example():  # noqa: ANN201
    result = load_project(EXAMPLE, today=dt.date(2017, 8, 1))
    assert result.project is not None
    return result.project


def test_before_anything_is_recorded_the_announced_units_take_part() -> None:
    project = load_example()
    event = next(e for e in project.events.values() if e.units_attending)
    assert not has_recorded_attendance(event)
    assert [u.id for u in attending_units(project, event)] == list(dict.fromkeys(event.units_attending))


def test_once_recorded_only_the_units_of_people_present_take_part() -> None:
    project = load_example()
    event = project.events["modul-3"]
    first, second, *rest = event.registrations
    day = event.dates.start
    records = [first.model_copy(update={"attended": [day]}), second.model_copy(update={"attended": []})]
    records += [r.model_copy(update={"attended": None}) for r in rest]
    event = event.model_copy(update={"registrations": records})
    assert has_recorded_attendance(event)
    unit = project.participants[first.participant].unit
    assert [u.id for u in attending_units(project, event)] == [unit]
