"""Placeholders for an event's own facts in its free texts: filled in every format, checked by validate."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from jstevents.load.project import load_project, require_project
from jstevents.outputs.communique import render_communique

NOTICE = "Ankietę po {number} module ({dates}, od {start} do {end}) prosimy odesłać w tydzień."


def _add_notice(example: Path, text: str) -> Path:
    path = example / "modules" / "modul-3.yaml"
    source = path.read_text(encoding="utf-8")
    marker = "  notices:\n"
    assert marker in source
    path.write_text(source.replace(marker, f'{marker}    - "{text}"\n', 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_placeholders_are_filled_in_every_format(example: Path, fmt: str) -> None:
    _add_notice(example, NOTICE)
    project = require_project(example)
    shown = render_communique(project, project.events["modul-3"], fmt)
    text = " ".join(html.unescape(shown).split() if fmt == "html" else shown.split())
    assert (
        "Ankietę po III module (21–23 sierpnia 2017 r., od 21 sierpnia 2017 r. do 23 sierpnia 2017 r.) "
        "prosimy odesłać w tydzień."
    ) in text
    assert "{number}" not in text and "{dates}" not in text


def test_placeholders_follow_the_dates_and_the_number(example: Path) -> None:
    path = _add_notice(example, NOTICE)
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("number: 3", "number: 4")
        .replace("start: 2017-08-21", "start: 2017-09-18")
        .replace("end: 2017-08-23", "end: 2017-09-20"),
        encoding="utf-8",
    )
    project = load_project(example, today=dt.date(2017, 8, 1)).project
    text = " ".join(render_communique(project, project.events["modul-3"], "txt").split())
    assert "Ankietę po IV module (18–20 września 2017 r., od 18 września 2017 r. do 20 września 2017 r.)" in text


def test_the_model_keeps_the_placeholders_as_written(example: Path) -> None:
    _add_notice(example, NOTICE)
    project = require_project(example)
    render_communique(project, project.events["modul-3"], "md")
    assert NOTICE in project.events["modul-3"].notices


def test_unknown_placeholder_is_reported_where_it_is(example: Path, cli) -> None:
    path = _add_notice(example, "Po {numer} module: ankieta.")
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "{numer}" in text)
    result = cli("validate", "-p", example, "--today", "2017-08-01")
    assert result.exit_code == 1
    assert f"modules/modul-3.yaml:{line}:" in result.stdout and "error[E113]" in result.stdout
    assert "{numer} is not a placeholder" in result.stdout and "{number}" in result.stdout


def test_number_placeholder_needs_a_number(example: Path) -> None:
    path = _add_notice(example, "Po {number} module: ankieta.")
    path.write_text(path.read_text(encoding="utf-8").replace("  number: 3\n", ""), encoding="utf-8")
    found = [(p.code, p.message) for p in load_project(example, today=dt.date(2017, 8, 1)).problems if p.code == "E113"]
    # The notice, and the two support texts of the example that say "{number} modułu".
    assert len(found) == 3 and all("needs the event's `number:`" in message for _, message in found)


def test_doubled_braces_are_left_alone(example: Path) -> None:
    _add_notice(example, "Kod sali: {{A-12}}, hasło {{ sieć }}.")
    result = load_project(example, today=dt.date(2017, 8, 1))
    assert not [p for p in result.problems if p.code == "E113"]
    project = result.project
    assert "Kod sali: {{A-12}}, hasło {{ sieć }}." in render_communique(project, project.events["modul-3"], "md")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("{0}", "{0} is not a placeholder"),
        ("{numer1}", "{numer1} is not a placeholder"),
        ("{ number }", "write it {number}, without spaces"),
        ("{number }", "write it {number}, without spaces"),
        ("{dates!r}", "{dates!r} is not a placeholder"),
        ("{number.__class__}", "{number.__class__} is not a placeholder"),
        ("{A-12}", "double them"),
        ("{}", "{} is not a placeholder"),
    ],
)
def test_any_brace_that_is_not_a_known_placeholder_is_e113(example: Path, written: str, said: str) -> None:
    # Each of these once reached participants as literal text.
    _add_notice(example, f"Po {written} module: ankieta.")
    found = [p.message for p in load_project(example, today=dt.date(2017, 8, 1)).problems if p.code == "E113"]
    assert len(found) == 1 and said in found[0], found
