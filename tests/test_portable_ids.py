"""Ids name files (outbox messages, build folders, send journals): an id no Windows or macOS
machine could use as a file name is refused at its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jstevents.load.project import load_project

TODAY = dt.date(2017, 8, 1)


def rename_participant(root: Path, old: str, new: str) -> None:
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(
                text.replace(f"id: {old}\n", f"id: {new!r}\n").replace(f"participant: {old}", f"participant: {new!r}"),
                encoding="utf-8",
            )


@pytest.mark.parametrize("reserved", ["con", "NUL", "com1", "Lpt9", "aux.pl", "prn", "x.", "anna."])
def test_an_id_windows_cannot_name_a_file_by_is_refused(example: Path, reserved: str) -> None:
    rename_participant(example, "lukasz-zolc", reserved)
    found = [
        p for p in load_project(example, today=TODAY).problems if p.code == "E012" and "not a valid id" in p.message
    ]
    at_definition = [p for p in found if (Path(p.file).name, p.line) == ("participants.yaml", 4)]
    assert len(at_definition) == 1, [str(p) for p in found]
    assert "Windows" in at_definition[0].message


def test_ids_that_only_contain_a_reserved_name_are_fine(example: Path) -> None:
    rename_participant(example, "lukasz-zolc", "connie-nul")
    found = [p for p in load_project(example, today=TODAY).problems if "not a valid id" in p.message]
    assert found == []


def test_ids_that_differ_only_in_case_are_refused(example: Path) -> None:
    path = example / "participants.yaml"
    text = path.read_text(encoding="utf-8")
    twin = (
        "  - id: Anna-Lewandowska\n"
        '    name: "Anna Lewandowska-Druga"\n'
        "    unit: braniewo\n"
        "    email: anna.druga@example.pl\n"
    )
    path.write_text(text + twin, encoding="utf-8")
    line = len(text.splitlines()) + 1
    found = [p for p in load_project(example, today=TODAY).problems if p.code == "E132"]
    assert [(Path(p.file).name, p.line, p.col) for p in found] == [("participants.yaml", line, 9)]
    assert "'anna-lewandowska'" in found[0].message and "only in letter case" in found[0].message
