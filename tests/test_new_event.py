"""`jstevents new module|meeting --from EVENT`: the next event's file, every date shifted."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from jstevents.load import yamlfile

_DATEISH = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?$")


def load(path: Path) -> dict:
    data, faults = yamlfile.parse(path.read_text(encoding="utf-8"))
    assert not faults
    return data


def leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, path + (index,))
    else:
        yield path, node


def as_day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATEISH.match(value):
        return dt.date.fromisoformat(value[:10])
    return None


def assert_shifted(old: dict, new: dict, days: int) -> int:
    """Every date of `old` (registrations and report aside) is `days` later in `new`; returns how many were compared."""
    old_leaves = {p: v for p, v in leaves(old["event"]) if p[0] not in ("registrations", "report")}
    new_leaves = dict(leaves(new["event"]))
    assert set(new_leaves) == set(old_leaves)
    compared = 0
    for path, value in old_leaves.items():
        day = as_day(value)
        if day is None:
            continue
        assert as_day(new_leaves[path]) == day + dt.timedelta(days=days), path
        if isinstance(value, str) and " " in value:
            assert new_leaves[path][10:] == value[10:], path  # the time of day stays
        compared += 1
    return compared


def test_next_module_from_module_iii(cli, example: Path) -> None:
    result = cli("new", "module", "--from", "modul-3", "-p", example)
    assert result.exit_code == 0, result.output
    old_file, new_file = example / "modules" / "modul-3.yaml", example / "modules" / "modul-4.yaml"
    assert "modul-4.yaml" in result.stderr
    old, new = load(old_file), load(new_file)
    assert assert_shifted(old, new, 28) == 6  # issued, start, end, coach sign-up, walk date, walk sign-up
    event = new["event"]
    assert "registrations" not in event
    assert (event["id"], event["number"], event["communique"]) == ("modul-4", 4, 7)
    assert (event["title"], event["ordinal"]) == ("Moduł IV szkolenia", "czwarty")
    assert event["transport"]["coach"]["signup"]["deadline"] == "2017-09-13 16:00"
    text = new_file.read_text(encoding="utf-8")
    assert text.splitlines()[0] == old_file.read_text(encoding="utf-8").splitlines()[0]
    assert text.startswith("# yaml-language-server: $schema=../jstevents.schema.json\n")
    assert "KINOTEKĘ" in text and "\\u" not in text
    assert "      intro: >-\n" in text  # folded texts stay folded
    validated = cli("validate", "-p", example, "--today", "2017-08-01")
    assert validated.exit_code == 0, validated.output
    assert "5 events" in validated.stdout and "0 error(s)" in validated.stdout


def test_never_overwrites(cli, example: Path) -> None:
    assert cli("new", "module", "--from", "modul-3", "-p", example).exit_code == 0
    written = (example / "modules" / "modul-4.yaml").read_bytes()
    again = cli("new", "module", "--from", "modul-3", "-p", example)
    assert again.exit_code == 1
    assert "already exists" in again.stderr and "never overwritten" in again.stderr
    assert (example / "modules" / "modul-4.yaml").read_bytes() == written
    assert sorted(p.name for p in (example / "modules").iterdir()) == ["modul-3.yaml", "modul-4.yaml"]


def test_start_number_and_id_options(cli, example: Path) -> None:
    result = cli("new", "module", "--from", "modul-3", "--start", "2017-09-25", "--number", "5", "-p", example)
    assert result.exit_code == 0, result.output
    new = load(example / "modules" / "modul-5.yaml")
    assert assert_shifted(load(example / "modules" / "modul-3.yaml"), new, 35) == 6
    assert (new["event"]["title"], new["event"]["ordinal"]) == ("Moduł V szkolenia", "piąty")
    named = cli("new", "module", "--from", "modul-3", "--id", "modul-3-bis", "--start", "2017-10-02", "-p", example)
    assert named.exit_code == 0, named.output
    assert load(example / "modules" / "modul-3-bis.yaml")["event"]["communique"] == 8


def test_every_date_field_moves_even_rare_ones(cli, example: Path) -> None:
    path = example / "modules" / "modul-3.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('      pickup_time: "10:30"\n', '      pickup_time: "10:30"\n      pickup_date: 2017-08-21\n')
    text = text.replace(
        "      presentation_minutes: 10\n", '      presentation_minutes: 10\n      due: "2017-08-18 12:00"\n'
    )
    path.write_text(text, encoding="utf-8")
    assert cli("validate", "-p", example, "--today", "2017-08-01").exit_code == 0
    assert cli("new", "module", "--from", "modul-3", "-p", example).exit_code == 0
    new = load(example / "modules" / "modul-4.yaml")
    assert assert_shifted(load(path), new, 28) == 8
    assert new["event"]["tasks"][0]["due"] == "2017-09-15 12:00"
    assert '      due: "2017-09-15 12:00"\n' in (example / "modules" / "modul-4.yaml").read_text(encoding="utf-8")


def test_next_meeting(cli, example: Path) -> None:
    result = cli("new", "meeting", "--from", "siec-2018-10", "-p", example)
    assert result.exit_code == 0, result.output
    new = load(example / "meetings" / "siec-2018-11.yaml")
    assert assert_shifted(load(example / "meetings" / "siec-2018-10.yaml"), new, 28) == 3  # issued, start, end
    assert (new["event"]["number"], new["event"]["ordinal"]) == (2, "drugie")
    assert "report" not in new["event"]  # the report of the earlier meeting is not the next one's
    assert "report" not in (example / "meetings" / "siec-2018-11.yaml").read_text(encoding="utf-8")
    assert "next_meeting" in result.stderr  # free text naming a month: pointed out for reading
    assert cli("validate", "-p", example, "--today", "2018-10-01").exit_code == 0


def test_ordinal_beyond_the_table_is_left_to_fill_in(cli, example: Path) -> None:
    result = cli("new", "module", "--from", "modul-3", "--number", "13", "-p", example)
    assert result.exit_code == 0, result.output
    text = (example / "modules" / "modul-13.yaml").read_text(encoding="utf-8")
    assert "ordinal: null  # TODO" in text and 'title: "Moduł XIII szkolenia"' in text
    assert "ordinal" in result.stderr
    assert cli("validate", "-p", example, "--today", "2017-08-01").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("module", "--from", "siec-2018-10"), "is a meeting, not a module"),
        (("module", "--from", "modul-33"), "did you mean 'modul-3'"),
        (("module", "--from", "modul-3", "--id", "siec-2018-10"), "already has an event"),
    ],
)
def test_refusals(cli, example: Path, args: tuple[str, ...], message: str) -> None:
    before = sorted(p.relative_to(example) for p in example.rglob("*"))
    result = cli("new", *args, "-p", example)
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output
    assert sorted(p.relative_to(example) for p in example.rglob("*")) == before


def test_problems_of_the_new_file_are_reported(cli, example: Path) -> None:
    # Module III's networks meet on 2018-10-23: a module that day overlaps (E105).
    result = cli("new", "module", "--from", "modul-3", "--start", "2018-10-22", "-p", example)
    assert result.exit_code == 1
    assert "modul-4.yaml was written but has" in result.stderr and "E105" in result.stderr


def test_other_sections_of_the_file_are_not_copied(cli, example: Path) -> None:
    path = example / "modules" / "modul-3.yaml"
    extra = 'experts:\n  - id: ekspert-nowy\n    name: "Ekspert Testowy"\n'
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert cli("new", "module", "--from", "modul-3", "-p", example).exit_code == 0
    new = load(example / "modules" / "modul-4.yaml")
    assert set(new) == {"event"}
    assert cli("validate", "-p", example, "--today", "2017-08-01").exit_code == 0


def test_an_event_among_several_in_one_file_is_refused(cli, example: Path) -> None:
    path = example / "modules" / "modul-3.yaml"
    text = path.read_text(encoding="utf-8").replace("event:\n  id: modul-3", "events:\n- id: modul-3")
    path.write_text(text, encoding="utf-8")
    assert cli("validate", "-p", example, "--today", "2017-08-01").exit_code == 0
    result = cli("new", "module", "--from", "modul-3", "-p", example)
    assert result.exit_code == 1 and "a file of its own" in result.stderr


def test_create_text_never_replaces(tmp_path: Path) -> None:
    from jstevents.commands.files import create_text
    from jstevents.errors import JsteventsError

    target = tmp_path / "a.yaml"
    create_text(target, "first\n")
    with pytest.raises(JsteventsError, match="never overwritten"):
        create_text(target, "second\n")
    assert target.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_verbose_lists_every_change(cli, example: Path) -> None:
    result = cli("-v", "new", "module", "--from", "modul-3", "-p", example)
    assert result.exit_code == 0, result.output
    assert "transport.coach.signup.deadline: 2017-08-16 16:00 → 2017-09-13 16:00" in result.stderr
    assert "title: Moduł III szkolenia → Moduł IV szkolenia" in result.stderr


def test_windows_line_endings_are_kept(cli, example: Path) -> None:
    path = example / "modules" / "modul-3.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert cli("new", "module", "--from", "modul-3", "-p", example).exit_code == 0
    data = (example / "modules" / "modul-4.yaml").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 100
    assert assert_shifted(load(path), load(example / "modules" / "modul-4.yaml"), 28) == 6
