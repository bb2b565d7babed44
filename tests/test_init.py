"""`jstevents init`: a new programme that validates at once and builds every document."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from jstevents.load import yamlfile
from jstevents.model import ProjectFile

TODAY = "2026-12-02"


def test_init_validate_build_in_a_fresh_folder(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = cli("init", "demo", "--title", "Szkolenia dla samorządów", "--organiser", "Instytut Przykładowy")
    assert made.exit_code == 0, made.output
    assert "Next: jstevents validate -p demo, then jstevents build -p demo" in made.stderr

    checked = cli("validate", "-p", "demo")
    assert checked.exit_code == 0, checked.output
    assert "1 events, 1 participants, 1 registrations; 0 error(s), 0 warning(s)" in checked.stdout

    built = cli("build", "-p", "demo")
    assert built.exit_code == 0, built.output
    folder = tmp_path / "build" / "modul-1"
    assert (folder / "komunikat.md").is_file() and (folder / "modul-1.ics").is_file()
    lists = {p.stem for p in (folder / "listy").glob("*.pdf")}
    assert lists == {"attendance", "rooming", "coach", "catering", "contacts", "activity"}
    communique = (folder / "komunikat.txt").read_text(encoding="utf-8")
    assert "„Szkolenia dla samorządów”" in communique and "realizowanego przez Instytut Przykładowy" in communique


def test_the_files_are_commented_in_polish_and_say_what_is_optional(cli, tmp_path: Path) -> None:
    assert cli("init", tmp_path / "p", "--today", TODAY).exit_code == 0
    texts = {
        p.relative_to(tmp_path / "p").as_posix(): p.read_text(encoding="utf-8")
        for p in (tmp_path / "p").rglob("*.yaml")
    }
    assert set(texts) == {
        "programme.yaml",
        "venues.yaml",
        "networks.yaml",
        "units.yaml",
        "participants.yaml",
        "modules/modul-1.yaml",
    }
    for name, text in texts.items():
        assert text.startswith("# yaml-language-server: $schema="), name
        data, faults = yamlfile.parse(text)
        assert not faults, name
        ProjectFile.model_validate(data)
        assert "(opcjonalne" in text, name
    module = texts["modules/modul-1.yaml"]
    # the keys a new user could not find before: all present, with a comment above each
    for key in ("greeting", "agenda", "activities", "deadlines", "role", "when", "at"):
        line = next(i for i, row in enumerate(module.splitlines()) if re.match(rf"\s*(# )?{key}:", row))
        assert module.splitlines()[line - 1].lstrip().startswith("#"), key
    assert (tmp_path / "p" / "jstevents.schema.json").is_file()
    assert (tmp_path / "p" / "logos" / "logo.png").read_bytes().startswith(b"\x89PNG")
    ignore = (tmp_path / "p" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {".jstevents/*", "!.jstevents/calendar.json", "build/", "outbox/"} <= set(ignore)


def test_the_module_is_ahead_on_working_days(cli, tmp_path: Path) -> None:
    # Six weeks after Monday 22 March 2027 is Monday 3 May, a public holiday: the week after is taken.
    assert cli("init", tmp_path / "p", "--today", "2027-03-22").exit_code == 0
    data, _ = yamlfile.parse((tmp_path / "p" / "modules" / "modul-1.yaml").read_text(encoding="utf-8"))
    start = data["event"]["dates"]["start"]
    assert start == dt.date(2027, 5, 10)
    assert start.weekday() == 0 and data["event"]["dates"]["end"] == start + dt.timedelta(days=2)


def test_off_a_terminal_nothing_is_asked(cli, tmp_path: Path) -> None:
    done = cli("init", tmp_path / "p", input="")
    assert done.exit_code == 0, done.output
    programme = (tmp_path / "p" / "programme.yaml").read_text(encoding="utf-8")
    assert 'timezone: "Europe/Warsaw"' in programme
    assert "Program szkoleń dla kadry jednostek samorządu terytorialnego" in programme


def test_values_with_quotes_cannot_break_the_file(cli, tmp_path: Path) -> None:
    title = 'Projekt "Razem": #1 {a} [b] – ok'
    assert cli("init", tmp_path / "p", "--title", title, "--organiser", "Ośrodek: 'X'").exit_code == 0
    data, faults = yamlfile.parse((tmp_path / "p" / "programme.yaml").read_text(encoding="utf-8"))
    assert not faults
    assert data["programme"]["title"] == title and data["programme"]["organiser"] == "Ośrodek: 'X'"


def test_a_wrong_time_zone_is_refused_before_anything_is_written(cli, tmp_path: Path) -> None:
    done = cli("init", tmp_path / "p", "--timezone", "Europe/Warszawa")
    assert done.exit_code == 1
    assert "'Europe/Warszawa' is not a time zone" in done.stderr
    assert not (tmp_path / "p").exists()


def test_never_overwrites(cli, tmp_path: Path, example: Path) -> None:
    before = {p: p.read_bytes() for p in example.rglob("*") if p.is_file()}
    done = cli("init", example)
    assert done.exit_code == 1
    assert "already holds YAML files" in done.stderr
    assert {p: p.read_bytes() for p in example.rglob("*") if p.is_file()} == before

    folder = tmp_path / "half"
    (folder / "logos").mkdir(parents=True)
    (folder / "logos" / "logo.png").write_bytes(b"mine")
    done = cli("init", folder)
    assert done.exit_code == 1 and "logos/logo.png" in done.stderr
    assert [p.name for p in folder.rglob("*") if p.is_file()] == ["logo.png"]


def test_an_existing_gitignore_gets_only_the_missing_lines(cli, tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / ".gitignore").write_text("build/\n*.tmp\n", encoding="utf-8")
    done = cli("init", folder)
    assert done.exit_code == 0 and "lines added" in done.stderr
    lines = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["build/", "*.tmp"]
    assert lines.count("build/") == 1 and ".jstevents/*" in lines and "outbox/" in lines


def test_default_folder_follows_the_project_setting(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    assert (tmp_path / "events" / "programme.yaml").is_file()
    monkeypatch.setenv("JSTEVENTS_PROJECT", os.fspath(tmp_path / "other"))
    assert cli("init").exit_code == 0
    assert (tmp_path / "other" / "programme.yaml").is_file()


def test_on_a_terminal_the_missing_values_are_asked_for(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jstevents import cli as cli_module

    monkeypatch.setattr(cli_module, "_on_terminal", lambda: True)
    done = cli("init", tmp_path / "p", "--organiser", "Instytut X", input="Mój projekt\n\n")
    assert done.exit_code == 0, done.output
    assert "Project title" in done.stdout and "Organiser" not in done.stdout  # given: not asked
    programme = (tmp_path / "p" / "programme.yaml").read_text(encoding="utf-8")
    assert 'title: "Mój projekt"' in programme and 'organiser: "Instytut X"' in programme
    assert 'timezone: "Europe/Warsaw"' in programme  # Enter takes the default
