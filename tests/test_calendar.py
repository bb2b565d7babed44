"""Calendars (.ics): read back by independent parsers, stable between runs, right for each person."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from jstevents.load.project import require_project
from jstevents.model.deadlines import event_deadlines

UTC = dt.timezone.utc
WARSAW = ZoneInfo("Europe/Warsaw")


# --- reading the file with parsers other than icalendar -----------------------------


def _utc(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC)
    return value


def read_vobject(data: bytes) -> dict[str, dict]:
    import vobject
    import vobject.icalendar

    # vobject keeps every VTIMEZONE it has read in a process-wide map by TZID and reuses it:
    # forget them, so that each file is read with its own VTIMEZONE.
    vars(vobject.icalendar)["__tzidMap"].clear()
    calendar = vobject.readOne(data.decode("utf-8"))
    entries = {}
    for event in calendar.vevent_list:
        entries[event.uid.value] = {
            "start": _utc(event.dtstart.value),
            "end": _utc(event.dtend.value),
            "summary": event.summary.value,
            "sequence": int(event.sequence.value),
            "alarms": [a.trigger.value for a in getattr(event, "valarm_list", [])],
        }
    return entries


def read_ical(data: bytes) -> dict[str, dict]:
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return {
        event.uid: {
            "start": _utc(event.dtstart),
            "end": _utc(event.end),
            "summary": event.summary,
            "sequence": event.sequence,
            "alarms": [a.trigger for a in event.alarm],
        }
        for event in calendar.events
    }


PARSERS = {"vobject": read_vobject, "ical": read_ical}


def build(root: Path, *args: str) -> bytes:
    from typer.testing import CliRunner

    from jstevents.cli import app

    result = CliRunner().invoke(app, ["calendar", "-p", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def expected_instants(root: Path) -> dict[str, tuple]:
    """Each entry's start and end as the YAML gives them, to UTC through zoneinfo."""
    project = require_project(root)
    zone = ZoneInfo(project.programme.timezone)
    expected: dict[str, tuple] = {}
    for event in project.events.values():
        start = dt.datetime.combine(event.dates.start, event.schedule.start, tzinfo=zone).astimezone(UTC)
        end = dt.datetime.combine(event.dates.end, event.schedule.end, tzinfo=zone).astimezone(UTC)
        expected[f"{event.id}@ore-jst.jstevents"] = (start, end)
        for due in event_deadlines(event):
            key = f"{event.id}~{due.id[len(event.id) + 1 :]}@ore-jst.jstevents"
            if isinstance(due.at, dt.datetime):
                at = due.at.replace(tzinfo=zone).astimezone(UTC)
                expected[key] = (at, at + dt.timedelta(minutes=15))
            else:
                expected[key] = (due.at, due.at + dt.timedelta(days=1))
    return expected


# --- times -------------------------------------------------------------------------


@pytest.mark.parametrize("parser", sorted(PARSERS))
@pytest.mark.parametrize("tzid", ["Europe/Warsaw", "Strefa projektu"])
def test_every_entry_has_the_utc_instants_of_the_yaml(example: Path, parser: str, tzid: str) -> None:
    data = build(example)
    # Under a name no time-zone database knows, a parser can only use the file's own VTIMEZONE.
    data = data.replace(b"Europe/Warsaw", tzid.encode())
    entries = PARSERS[parser](data)
    assert {uid: (e["start"], e["end"]) for uid, e in entries.items()} == expected_instants(example)

    # The anchors from the communiqué and the example files, written out.
    module = entries["modul-3@ore-jst.jstevents"]
    assert module["start"] == dt.datetime(2017, 8, 21, 9, 30, tzinfo=UTC)
    assert module["end"] == dt.datetime(2017, 8, 23, 12, 0, tzinfo=UTC)
    assert entries["modul-3~coach-signup@ore-jst.jstevents"]["start"] == dt.datetime(2017, 8, 16, 14, 0, tzinfo=UTC)
    # Winter time: 10:00 in Warsaw on 17 November is 09:00 UTC.
    online = entries["moderatorzy-online-2020-11@ore-jst.jstevents"]
    assert online["start"] == dt.datetime(2020, 11, 17, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_date_only_deadline_is_all_day_and_ends_the_next_day(example: Path, parser: str) -> None:
    entries = PARSERS[parser](build(example))
    walk = entries["modul-3~spacer-starowka-signup@ore-jst.jstevents"]
    assert walk["start"] == dt.date(2017, 8, 16)
    assert walk["end"] == dt.date(2017, 8, 17)
    assert not isinstance(walk["start"], dt.datetime)


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_every_deadline_has_one_alarm_a_day_before(example: Path, parser: str) -> None:
    entries = PARSERS[parser](build(example))
    deadlines = {uid: e for uid, e in entries.items() if "~" in uid}
    assert len(deadlines) == 3
    for entry in deadlines.values():
        assert entry["alarms"] == [dt.timedelta(days=-1)]
    for uid, entry in entries.items():
        if "~" not in uid:
            assert entry["alarms"] == []


def test_no_floating_times_and_one_rule_based_vtimezone(example: Path) -> None:
    text = build(example).decode()
    lines = text.split("\r\n")
    for line in lines:
        if line.startswith(("DTSTART", "DTEND")) and ":" in line:
            name, value = line.split(":", 1)
            assert (
                "TZID=Europe/Warsaw" in name
                or "VALUE=DATE" in name
                or value.endswith("Z")
                or (
                    # DTSTART inside VTIMEZONE is local by definition
                    name == "DTSTART" and _inside(lines, line, "VTIMEZONE")
                )
            ), line
    assert text.count("BEGIN:VTIMEZONE") == 1
    assert "TZID:Europe/Warsaw" in text
    assert "RDATE" not in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in text
    zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]
    assert zone.count("BEGIN:STANDARD") == 1 and zone.count("BEGIN:DAYLIGHT") == 1
    assert zone.count("RRULE:") == 2
    assert "X-WR-TIMEZONE" not in text


def _inside(lines: list[str], line: str, component: str) -> bool:
    index = lines.index(line)
    opened = max((i for i, x in enumerate(lines[:index]) if x == f"BEGIN:{component}"), default=-1)
    closed = max((i for i, x in enumerate(lines[:index]) if x == f"END:{component}"), default=-1)
    return opened > closed


@pytest.mark.parametrize(
    "tzid",
    [
        "Europe/Warsaw",
        "America/New_York",
        "Australia/Sydney",
        "Asia/Tokyo",
        "Asia/Tehran",
        "Europe/London",
        "Europe/Dublin",
    ],
)
def test_vtimezone_gives_the_offsets_of_zoneinfo(tzid: str) -> None:
    """The derived rules, read back by vobject (dateutil), agree with zoneinfo at noon every day and
    an hour either side of every change."""
    import vobject
    from icalendar import Calendar

    from jstevents.outputs.calendar.vtimezone import vtimezone, zone_transitions

    calendar = Calendar()
    calendar.add("prodid", "-//test//EN")
    calendar.add("version", "2.0")
    calendar.add_component(vtimezone(tzid, 2016, 2021))
    text = calendar.to_ical().decode()
    assert "RDATE" not in text
    parsed = vobject.readOne(text).vtimezone.gettzinfo()
    zone = ZoneInfo(tzid)
    probes = [dt.datetime(2016, 1, 1, 12) + dt.timedelta(days=n) for n in range(6 * 365)]
    for change in zone_transitions(zone, 2016, 2021):
        probes += [change.local - dt.timedelta(hours=1), change.local + dt.timedelta(hours=3)]
    for local in probes:
        expected = local.replace(tzinfo=zone).utcoffset()
        assert local.replace(tzinfo=parsed).utcoffset() == expected, (tzid, local)
    if tzid in ("Europe/Warsaw", "America/New_York", "Australia/Sydney", "Europe/London", "Europe/Dublin"):
        assert text.count("RRULE:FREQ=YEARLY") == 2 and "UNTIL" not in text
        # Summer time is the DAYLIGHT part, the later clock (Dublin's tzdata has it the other way round).
        daylight = text[text.index("BEGIN:DAYLIGHT") : text.index("END:DAYLIGHT")]
        standard = text[text.index("BEGIN:STANDARD") : text.index("END:STANDARD")]
        offset = lambda part: int(part.split("TZOFFSETTO:")[1][:5])  # noqa: E731
        assert offset(daylight) > offset(standard)


# --- file format -----------------------------------------------------------------


def test_lines_end_in_crlf_and_fold_at_75_octets(example: Path) -> None:
    data = build(example)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "expected at least one folded line"
    data.decode("utf-8")  # folding never splits a character


def test_calendar_and_event_properties(example: Path) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(build(example))
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]).startswith("-//jstevents//")
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    module = events["modul-3@ore-jst.jstevents"]
    assert str(module["location"]) == "Hotel Holiday Park, ul. Heroldów 1B, 01-991 Warszawa"
    assert (module["geo"].latitude, module["geo"].longitude) == (52.2957, 20.9335)
    description = str(module["description"])
    for fact in (
        "11.30",
        "14.00",
        "9.30",
        "Heroldów 1B",
        "MŁOCINY",
        "KINOTEKĘ",
        "16.08.2017, godz. 16.00",
        "nocleg w pokojach 2-osobowych",
    ):
        assert fact in description
    assert "**" not in description and "<" not in description
    assert "Moduł szkoleniowy" in [str(c) for c in module["categories"].cats]
    assert "url" not in module
    assert str(module["organizer"]) == "mailto:piotr.matuszak@ore.edu.pl"
    assert module["organizer"].params["cn"] == "Piotr Matuszak"
    online = events["moderatorzy-online-2020-11@ore-jst.jstevents"]
    assert str(online["url"]) == "https://spotkania.example.org/ore-moderatorzy-2020-11"
    assert "geo" not in online


# --- stability: UID, SEQUENCE, DTSTAMP ---------------------------------------------


def test_two_runs_give_identical_bytes(example: Path) -> None:
    first = build(example)
    assert (example / ".jstevents" / "calendar.json").is_file()
    assert build(example) == first


def test_without_ledger_output_is_the_same_everywhere(tmp_path: Path, example: Path) -> None:
    import shutil

    other = tmp_path / "clone" / "events"
    shutil.copytree(example, other)
    assert build(example) == build(other)
    shutil.rmtree(other / ".jstevents")
    assert build(other) == build(example)


def test_changing_one_module_raises_only_its_sequence(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = read_vobject(build(example))
    assert {e["sequence"] for e in before.values()} == {0}
    stamps_before = _dtstamps(build(example))

    module = example / "modules" / "modul-3.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace('end: "14:00"', 'end: "15:00"'), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2017, 8, 1, tzinfo=UTC).timestamp())))
    data = build(example)
    after = read_vobject(data)
    assert after["modul-3@ore-jst.jstevents"]["sequence"] == 1
    assert {uid: e["sequence"] for uid, e in after.items() if uid != "modul-3@ore-jst.jstevents"} == {
        uid: 0 for uid in before if uid != "modul-3@ore-jst.jstevents"
    }
    stamps = _dtstamps(data)
    assert stamps["modul-3@ore-jst.jstevents"] == "20170801T000000Z"
    assert {k: v for k, v in stamps.items() if not k.startswith("modul-3@")} == {
        k: v for k, v in stamps_before.items() if not k.startswith("modul-3@")
    }
    # Running again with nothing changed keeps SEQUENCE 1 and the same bytes.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2017, 8, 5, tzinfo=UTC).timestamp())))
    assert build(example) == data


def _dtstamps(data: bytes) -> dict[str, str]:
    from icalendar import Calendar

    return {str(e["uid"]): e["dtstamp"].to_ical().decode() for e in Calendar.from_ical(data).walk("VEVENT")}


def test_uids_do_not_depend_on_the_folder(tmp_path: Path, example: Path) -> None:
    import shutil

    elsewhere = tmp_path / "x" / "y" / "events"
    shutil.copytree(example, elsewhere)
    assert set(read_ical(build(example))) == set(read_ical(build(elsewhere)))


def test_damaged_ledger_is_reported(example: Path, cli) -> None:
    ledger = example / ".jstevents" / "calendar.json"
    ledger.parent.mkdir(exist_ok=True)
    ledger.write_text("{not json", encoding="utf-8")
    result = cli("calendar", "-p", example)
    assert result.exit_code == 1
    assert "calendar.json is damaged" in result.stderr
    assert "Traceback" not in result.output


def test_ledger_records_each_entry(example: Path) -> None:
    import shutil

    shutil.rmtree(example / ".jstevents", ignore_errors=True)
    build(example)
    ledger = json.loads((example / ".jstevents" / "calendar.json").read_text(encoding="utf-8"))
    assert set(ledger["entries"]) == set(expected_instants(example))
    assert all(e["sequence"] == 0 for e in ledger["entries"].values())


# --- selection -----------------------------------------------------------------


def test_participant_calendar_holds_exactly_their_events_and_deadlines(example: Path) -> None:
    # Registered for module III without the coach or the walk: both sign-ups are still theirs to do.
    anna = read_ical(build(example, "--participant", "anna-lewandowska"))
    assert set(anna) == {
        "modul-3@ore-jst.jstevents",
        "modul-3~coach-signup@ore-jst.jstevents",
        "modul-3~spacer-starowka-signup@ore-jst.jstevents",
        "siec-2018-10@ore-jst.jstevents",
    }
    # Signed up for both already: only the events remain.
    lukasz = read_ical(build(example, "--participant", "lukasz-zolc"))
    assert set(lukasz) == {"modul-3@ore-jst.jstevents", "siec-2018-10@ore-jst.jstevents"}
    # Module III and the online training with its registration deadline.
    katarzyna = read_ical(build(example, "--participant", "katarzyna-zajac"))
    assert set(katarzyna) == {
        "modul-3@ore-jst.jstevents",
        "modul-3~coach-signup@ore-jst.jstevents",
        "modul-3~spacer-starowka-signup@ore-jst.jstevents",
        "moderatorzy-online-2020-11@ore-jst.jstevents",
        "moderatorzy-online-2020-11~zgloszenia@ore-jst.jstevents",
    }


def test_task_due_date_concerns_participants_not_trainers(example: Path) -> None:
    module = example / "modules" / "modul-3.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace(
        "      presentation_minutes: 10\n",
        "      presentation_minutes: 10\n      due: 2017-08-18 12:00\n      submit_to: piotr-matuszak\n",
    )
    old = "    - participant: mariusz-herman\n      nights: [2017-08-21]\n"
    assert old in text
    text = text.replace(old, old + "      role: trainer\n")
    module.write_text(text, encoding="utf-8")
    task = "modul-3~task-2@ore-jst.jstevents"
    lukasz = read_vobject(build(example, "--participant", "lukasz-zolc"))
    assert task in lukasz
    assert lukasz[task]["start"] == dt.datetime(2017, 8, 18, 10, 0, tzinfo=UTC)
    assert task not in read_vobject(build(example, "--participant", "mariusz-herman"))
    assert "modul-3@ore-jst.jstevents" in read_vobject(build(example, "--participant", "mariusz-herman"))


def test_participant_entries_match_the_full_calendar(example: Path) -> None:
    """A person's copy carries the same SEQUENCE and content, so importing both never conflicts."""
    full = read_vobject(build(example))
    mine = read_vobject(build(example, "--participant", "anna-lewandowska"))
    for uid, entry in mine.items():
        assert entry == full[uid]


def test_events_by_id_and_network(example: Path) -> None:
    assert set(read_ical(build(example, "modul-3", "--no-deadlines"))) == {"modul-3@ore-jst.jstevents"}
    powiaty = read_ical(build(example, "--network", "powiaty", "--no-deadlines"))
    assert set(powiaty) == {"modul-3@ore-jst.jstevents", "siec-2018-10@ore-jst.jstevents"}


def test_per_day_gives_one_entry_a_day(example: Path) -> None:
    entries = read_ical(build(example, "modul-3", "--per-day", "--no-deadlines"))
    days = sorted(entries.values(), key=lambda e: e["start"])
    assert [e["start"].astimezone(WARSAW).date() for e in days] == [
        dt.date(2017, 8, 21),
        dt.date(2017, 8, 22),
        dt.date(2017, 8, 23),
    ]
    assert days[0]["start"] == dt.datetime(2017, 8, 21, 9, 30, tzinfo=UTC)
    assert days[-1]["end"] == dt.datetime(2017, 8, 23, 12, 0, tzinfo=UTC)
    assert all(e["start"] < e["end"] and e["start"].date() == e["end"].date() for e in days)
    assert days[1]["summary"] == "Moduł III szkolenia – dzień 2/3"
    assert "modul-3~day-2017-08-22@ore-jst.jstevents" in entries


def test_unknown_ids_are_errors_with_hints(example: Path, cli) -> None:
    result = cli("calendar", "modul-4", "-p", example)
    assert result.exit_code == 1 and "no event with id 'modul-4'" in result.stderr
    assert "modul-3" in result.stderr
    result = cli("calendar", "--participant", "anna-lewandowsk", "-p", example)
    assert result.exit_code == 1 and "did you mean 'anna-lewandowska'" in result.stderr
    result = cli("calendar", "--network", "powiat", "-p", example)
    assert result.exit_code == 1 and "no network with id 'powiat'" in result.stderr
    result = cli("calendar", "moderatorzy-online-2020-11", "--network", "powiaty", "-p", example)
    assert result.exit_code == 1 and "no event matches" in result.stderr


# --- output ----------------------------------------------------------------------


def test_output_file_has_the_same_bytes_as_stdout(example: Path, tmp_path: Path, cli) -> None:
    target = tmp_path / "out" / "kalendarz.ics"
    result = cli("calendar", "-p", example, "-o", target)
    assert result.exit_code == 0, result.output
    assert "Calendar written to" in result.stderr
    assert target.read_bytes() == build(example)


def test_refuses_to_overwrite_a_file_that_is_not_a_calendar(example: Path, tmp_path: Path, cli) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("my notes\n", encoding="utf-8")
    result = cli("calendar", "-p", example, "-o", target)
    assert result.exit_code == 1 and "is not an iCalendar file" in result.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    calendar_file = tmp_path / "old.ics"
    calendar_file.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert cli("calendar", "-p", example, "-o", calendar_file).exit_code == 0


def test_event_calendar_for_the_communique(example: Path) -> None:
    from jstevents.outputs.calendar.ics import event_calendar

    project = require_project(example)
    data = event_calendar(project, project.event("modul-3"))
    assert set(read_vobject(data)) == {
        "modul-3@ore-jst.jstevents",
        "modul-3~coach-signup@ore-jst.jstevents",
        "modul-3~spacer-starowka-signup@ore-jst.jstevents",
    }
    assert event_calendar(project, project.event("modul-3")) == data


def test_help_does_not_import_icalendar() -> None:
    code = "import sys, jstevents.cli; print('icalendar' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_unknown_time_zone_is_an_error(example: Path, cli) -> None:
    programme = example / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("timezone: Europe/Warsaw", "timezone: Europe/Warszawa"),
        encoding="utf-8",
    )
    result = cli("calendar", "-p", example)
    assert result.exit_code == 1
    assert "unknown time zone 'Europe/Warszawa'" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_another_programme_zone_gets_its_own_rules(example: Path, parser: str) -> None:
    programme = example / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("timezone: Europe/Warsaw", "timezone: America/New_York"),
        encoding="utf-8",
    )
    data = build(example)
    assert b"TZID:America/New_York" in data and b"Europe/Warsaw" not in data
    assert b"RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in data
    entries = PARSERS[parser](data.replace(b"America/New_York", b"Strefa projektu"))
    assert {uid: (e["start"], e["end"]) for uid, e in entries.items()} == expected_instants(example)
    assert entries["modul-3@ore-jst.jstevents"]["start"] == dt.datetime(2017, 8, 21, 15, 30, tzinfo=UTC)


GOLDEN = Path(__file__).parent / "golden" / "calendar-example.ics"


def test_example_calendar_matches_the_golden_file(example: Path) -> None:
    """The whole calendar of the example project, built without a ledger (as in a fresh clone).

    After an intended change, regenerate with `JSTEVENTS_UPDATE_GOLDEN=1 pytest tests/test_calendar.py`
    and review the difference.
    """
    import os
    import shutil

    shutil.rmtree(example / ".jstevents", ignore_errors=True)
    data = build(example)
    if os.environ.get("JSTEVENTS_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes()


def test_per_day_hours_come_from_the_schedule(example: Path) -> None:
    module = example / "modules" / "modul-3.yaml"
    text = module.read_text(encoding="utf-8")
    hours = '    end: "14:00"\n    day_start: "9.30"\n    day_end: "18:00"\n'
    module.write_text(text.replace('    end: "14:00"\n', hours), encoding="utf-8")
    entries = read_vobject(build(example, "modul-3", "--per-day", "--no-deadlines"))
    first, second, last = (entries[f"modul-3~day-2017-08-{d}@ore-jst.jstevents"] for d in (21, 22, 23))
    assert (first["start"], first["end"]) == (
        dt.datetime(2017, 8, 21, 9, 30, tzinfo=UTC),
        dt.datetime(2017, 8, 21, 16, 0, tzinfo=UTC),
    )
    assert (second["start"], second["end"]) == (
        dt.datetime(2017, 8, 22, 7, 30, tzinfo=UTC),
        dt.datetime(2017, 8, 22, 16, 0, tzinfo=UTC),
    )
    assert (last["start"], last["end"]) == (
        dt.datetime(2017, 8, 23, 7, 30, tzinfo=UTC),
        dt.datetime(2017, 8, 23, 12, 0, tzinfo=UTC),
    )


def test_bad_source_date_epoch_is_an_error(example: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    module = example / "modules" / "modul-3.yaml"
    build(example)
    module.write_text(module.read_text(encoding="utf-8").replace('end: "14:00"', 'end: "15:00"'), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = cli("calendar", "-p", example)
    assert result.exit_code == 1 and "SOURCE_DATE_EPOCH='yesterday'" in result.stderr


def test_markdown_in_the_directions_is_plain_text_in_the_description(example: Path) -> None:
    import icalendar

    from jstevents.outputs.calendar.ics import event_calendar

    venues = example / "venues.yaml"
    venues.write_text(
        venues.read_text(encoding="utf-8").replace(
            "metrem do ostatniej stacji MŁOCINY",
            "**metrem** do ostatniej stacji [MŁOCINY](https://example.org/mlociny)",
        ),
        encoding="utf-8",
    )
    project = require_project(example)
    calendar = icalendar.Calendar.from_ical(event_calendar(project, project.events["modul-3"]))
    (description,) = {str(c["DESCRIPTION"]) for c in calendar.walk("VEVENT") if "LOCATION" in c}
    assert "- komunikacją publiczną: metrem do ostatniej stacji MŁOCINY (https://example.org/mlociny)" in description
    assert "**" not in description and "](" not in description
