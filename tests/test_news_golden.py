"""Golden files: the report of the example's network meeting (with its survey) and of the moderators'
training, in every format, byte for byte.

After an intended change to the templates or the example data, regenerate them with

    JSTEVENTS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_news_golden.py

and review the diff of tests/golden/news/ before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import EXAMPLE, REPO
from jstevents.load.form_exports import Table
from jstevents.load.project import require_project
from jstevents.load.survey_exports import read_export, summarise
from jstevents.outputs.news import render_news

GOLDEN = REPO / "tests" / "golden" / "news"


def check_golden(path: Path, data: bytes) -> None:
    if os.environ.get("JSTEVENTS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"missing {path}; run with JSTEVENTS_UPDATE_GOLDEN=1 to create it"
    assert data == path.read_bytes(), f"{path.name} differs; if intended, regenerate (see this module's docstring)"


@pytest.fixture(scope="module")
def project():
    return require_project(EXAMPLE)


@pytest.fixture(scope="module")
def survey(project):
    export = EXAMPLE / "ankiety" / "siec-2018-10.csv"
    table: Table = read_export(export, "siec-2018-10.csv")
    assert project.programme.survey is not None
    return summarise(table, project.programme.survey, "siec-2018-10", export.name).summary


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "fragment"])
@pytest.mark.parametrize("event_id", ["siec-2018-10", "moderatorzy-2020-10"])
def test_golden_reports(project, survey, event_id: str, fmt: str) -> None:
    text = render_news(project, project.events[event_id], fmt, survey=survey if event_id == "siec-2018-10" else None)
    suffix = "fragment.html" if fmt == "fragment" else fmt
    check_golden(GOLDEN / f"{event_id}.{suffix}", text.encode("utf-8"))
