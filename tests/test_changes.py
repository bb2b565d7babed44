"""`jstevents changes`: what each person was told, compared with the YAML now."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jstevents.load.project import require_project

MODULE = Path("modules") / "modul-3.yaml"


def edit(root: Path, old: str, new: str) -> None:
    path = root / MODULE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def dry_run(cli, root: Path, *args: str) -> None:
    result = cli("mail", "modul-3", *args, "--project", root)
    assert result.exit_code == 0, result.output


def changes(cli, root: Path, *args: str) -> dict:
    result = cli("changes", "modul-3", "--format", "json", *args, "--project", root)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def move_coach_and_nights(root: Path) -> None:
    edit(root, 'pickup_time: "10:30"', 'pickup_time: "10:00"')
    edit(
        root,
        "- participant: anna-lewandowska\n      nights: [2017-08-21, 2017-08-22]",
        "- participant: anna-lewandowska\n      nights: [2017-08-21]",
    )


def on_the_coach_there(root: Path) -> set[str]:
    event = require_project(root).events["modul-3"]
    return {r.participant for r in event.registrations if r.coach in (True, "there")}


def test_the_coach_for_everybody_on_it_and_the_nights_for_one_person(example: Path, cli) -> None:
    dry_run(cli, example)
    assert changes(cli, example)["affected"] == []
    move_coach_and_nights(example)
    report = changes(cli, example)
    assert report["told"] == 40
    found = {p["participant"]: p for p in report["affected"]}
    coach = on_the_coach_there(example)
    assert len(coach) == 13 and "anna-lewandowska" not in coach
    assert set(found) == coach | {"anna-lewandowska"}
    for pid in coach:
        assert found[pid]["personal"] == []
        assert found[pid]["event"] == [
            {
                "key": "coach.time",
                "label": "odjazd autokaru",
                "old": "21 sierpnia 2017 r. o godzinie 10.30",
                "new": "21 sierpnia 2017 r. o godzinie 10.00",
            }
        ]
    assert found["anna-lewandowska"]["event"] == []
    assert found["anna-lewandowska"]["personal"] == [
        {
            "key": "nights",
            "label": "noclegi",
            "old": "noc 21.08/22.08.2017, noc 22.08/23.08.2017",
            "new": "noc 21.08/22.08.2017",
        }
    ]


def test_text_report_groups_old_and_new_in_polish(example: Path, cli) -> None:
    dry_run(cli, example)
    move_coach_and_nights(example)
    result = cli("changes", "modul-3", "--project", example)
    assert result.exit_code == 0, result.output
    assert "modul-3: 14 of the 40 people told about it are affected." in result.stdout
    assert (
        "Anna Lewandowska (anna-lewandowska)\n  osobiste: noclegi: noc 21.08/22.08.2017, noc 22.08/23.08.2017 → "
        in (result.stdout)
    )
    assert (
        "  wspólne: odjazd autokaru: 21 sierpnia 2017 r. o godzinie 10.30 → 21 sierpnia 2017 r. o godzinie 10.00"
        in (result.stdout)
    )


def test_nothing_changed_says_so_and_exits_0(example: Path, cli) -> None:
    dry_run(cli, example)
    result = cli("changes", "modul-3", "--project", example)
    assert result.exit_code == 0
    assert result.stdout.strip() == "modul-3: nothing changed for the 40 people told about it."


def test_a_withdrawn_registration_is_reported(example: Path, cli) -> None:
    dry_run(cli, example)
    text = (example / MODULE).read_text(encoding="utf-8")
    start = text.index("    - participant: zofia-sadowska\n")
    end = text.index("    - participant:", start + 1)
    edit(example, text[start:end], "")
    (person,) = changes(cli, example)["affected"]
    assert person["participant"] == "zofia-sadowska" and person["withdrawn"] is True


def test_never_mailed_is_an_error_with_a_hint(example: Path, cli) -> None:
    result = cli("changes", "modul-3", "--project", example)
    assert result.exit_code != 0
    assert "nothing was ever mailed about 'modul-3'" in result.stderr
    assert "jstevents mail modul-3" in result.stderr


def test_a_renamed_event_is_linked_with_was(example: Path, cli) -> None:
    dry_run(cli, example)
    edit(example, "  id: modul-3\n", "  id: modul-3-warszawa\n")
    edit(example, 'pickup_time: "10:30"', 'pickup_time: "10:00"')
    result = cli("changes", "modul-3-warszawa", "--project", example)
    assert result.exit_code != 0
    assert "records for 'modul-3', which the YAML no longer has" in result.stderr
    assert "jstevents changes modul-3-warszawa --was modul-3" in result.stderr
    linked = cli("changes", "modul-3-warszawa", "--was", "modul-3", "--format", "json", "--project", example)
    assert linked.exit_code == 0, linked.output
    report = json.loads(linked.stdout)
    assert report["told_as"] == "modul-3"
    assert {c["key"] for p in report["affected"] for c in p["event"] + p["personal"]} == {"coach.time"}


def test_the_record_is_private_versioned_and_an_unknown_version_is_refused(example: Path, cli) -> None:
    dry_run(cli, example)
    path = example / ".jstevents" / "told-modul-3.json"
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["event"] == "modul-3" and len(data["people"]) == 40
    assert "told-*.json" in (example / ".jstevents" / ".gitignore").read_text().splitlines()

    data["version"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    result = cli("changes", "modul-3", "--project", example)
    assert result.exit_code != 0
    assert "is in format version 2; this jstevents reads version 1" in result.stderr
    assert "Traceback" not in result.output
    # A mail-out does not misread or overwrite it either.
    assert cli("mail", "modul-3", "--project", example).exit_code != 0
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["{", '{"version": 1, "event": "modul-3", "people": {"x": 1}}', "[]"])
def test_a_damaged_record_is_reported(example: Path, cli, damage: str) -> None:
    folder = example / ".jstevents"
    folder.mkdir(exist_ok=True)
    (folder / "told-modul-3.json").write_text(damage, encoding="utf-8")
    result = cli("changes", "modul-3", "--project", example)
    assert result.exit_code != 0
    assert "is damaged" in result.stderr and "Traceback" not in result.output
