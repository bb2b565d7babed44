"""Golden files: the communiqués of module III and of a network meeting, and of every event of the
second example programme (examples/malopolska: a module across two months, an online meeting
after the clock change, a one-day training with no hotel), byte for byte.

After an intended change to the templates or the example data, regenerate them with

    JSTEVENTS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_communique_golden.py

and review the diff of tests/golden/communique/ before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import EXAMPLE, REPO
from jstevents.load.project import require_project
from jstevents.outputs.communique import render_communique
from jstevents.outputs.email import build_message

GOLDEN = REPO / "tests" / "golden" / "communique"
EVENTS = ("modul-3", "siec-2018-10")
#: A fixed calendar, so that the .eml golden pins what message.py does and not calendar.py.
CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//jstevents//golden//PL\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n"


@pytest.fixture(scope="module")
def project():
    return require_project(EXAMPLE)


def check_golden(path: Path, data: bytes) -> None:
    if os.environ.get("JSTEVENTS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"missing {path}; run with JSTEVENTS_UPDATE_GOLDEN=1 to create it"
    assert data == path.read_bytes(), f"{path.name} differs; if intended, regenerate (see this module's docstring)"


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
@pytest.mark.parametrize("event_id", EVENTS)
def test_golden_documents(project, event_id: str, fmt: str) -> None:
    text = render_communique(project, project.events[event_id], fmt)
    check_golden(GOLDEN / f"{event_id}.{fmt}", text.encode("utf-8"))


SECOND = REPO / "examples" / "malopolska"
SECOND_EVENTS = ("modul-4", "siec-online-2027-11", "szkolenie-tarnow-2027-10")


@pytest.fixture(scope="module")
def second():
    return require_project(SECOND)


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
@pytest.mark.parametrize("event_id", SECOND_EVENTS)
def test_golden_documents_of_the_second_example(second, event_id: str, fmt: str) -> None:
    text = render_communique(second, second.events[event_id], fmt)
    check_golden(GOLDEN / "malopolska" / f"{event_id}.{fmt}", text.encode("utf-8"))


def test_the_second_example_validates_clean(cli) -> None:
    result = cli("validate", "-p", SECOND, "--today", "2027-09-01", "--strict")
    assert result.exit_code == 0, result.output
    assert "3 events, 6 participants" in result.stdout


@pytest.mark.parametrize("event_id", EVENTS)
def test_golden_eml(project, event_id: str) -> None:
    # The Date is pinned by the event's `issued:` day; the boundaries and Message-ID by its content.
    message = build_message(project, project.events[event_id], calendar=CALENDAR)
    check_golden(GOLDEN / f"{event_id}.eml", message.as_bytes())
