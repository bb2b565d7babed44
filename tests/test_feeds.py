"""Subscribable calendars: `build` writes build/kalendarz/ with the programme, each network, each person."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from calendar_readers import READERS
from helpers import EXAMPLE
from jstevents.load.project import require_project
from jstevents.outputs.calendar.feeds import person_file


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example project (a copy) with `calendar_url` set, built once: (project, build folder)."""
    from typer.testing import CliRunner

    from jstevents.cli import app

    root = tmp_path_factory.mktemp("feeds") / "events"
    shutil.copytree(EXAMPLE, root)
    programme = root / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(
        text.replace("  timezone:", '  calendar_url: "https://szkolenia.example.pl/jst/kalendarz/"\n  timezone:', 1),
        encoding="utf-8",
    )
    assert "calendar_url" in programme.read_text(encoding="utf-8")
    out = root.parent / "build"
    result = CliRunner().invoke(app, ["build", "-p", str(root), "-o", str(out), "--today", "2017-08-01"])
    assert result.exit_code == 0, result.output
    return root, out / "kalendarz"


def _uids(data: bytes) -> set[str]:
    return set(READERS["icalendar"](data)["events"])


@pytest.mark.parametrize("reader", READERS)
def test_every_feed_parses_and_says_how_often_to_refresh(built, reader) -> None:
    _, feeds = built
    files = sorted(feeds.rglob("*.ics"))
    assert len(files) > 5
    for path in files:
        data = path.read_bytes()
        parsed = READERS[reader](data)
        assert parsed["method"] == "PUBLISH" and parsed["events"], path.name
        assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in data
        assert b"\r\nX-PUBLISHED-TTL:PT12H\r\n" in data


def test_the_programme_feed_holds_every_event_and_a_network_feed_its_own(built) -> None:
    root, feeds = built
    project = require_project(root)
    events = {f"{e.id}@{project.programme.id}.jstevents" for e in project.events.values()}
    assert events <= _uids((feeds / "program.ics").read_bytes())
    for network_id in project.networks:
        path = feeds / f"siec-{network_id}.ics"
        mine = {f"{e.id}@{project.programme.id}.jstevents" for e in project.events.values() if network_id in e.networks}
        if not mine:
            assert not path.exists()
            continue
        assert _uids(path.read_bytes()) & events == mine


@pytest.mark.parametrize("reader", READERS)
def test_a_person_feed_holds_only_their_events(built, reader, cli) -> None:
    root, feeds = built
    project = require_project(root)
    key = bytes.fromhex((root / ".jstevents" / "feed-key").read_text().strip())
    people = {r.participant for e in project.events.values() for r in e.registrations}
    assert len(list((feeds / "osoby").glob("*.ics"))) == len(people)
    for pid in ["krzysztof-wasik", "lukasz-zolc", "anna-lewandowska"]:
        mine = READERS[reader]((feeds / person_file(project, pid, key)).read_bytes())["events"]
        theirs = {
            f"{e.id}@{project.programme.id}.jstevents"
            for e in project.events.values()
            if any(r.participant == pid for r in e.registrations)
        }
        assert {uid for uid in mine if "~" not in uid} == theirs
        expected = cli("calendar", "--participant", pid, "--project", root)
        assert set(mine) == set(READERS[reader](expected.stdout.encode())["events"])  # their deadlines too


def test_personal_file_names_cannot_be_guessed(built) -> None:
    root, feeds = built
    project = require_project(root)
    names = {path.stem for path in (feeds / "osoby").glob("*.ics")}
    assert all(len(name) == 32 and set(name) <= set("0123456789abcdef") for name in names)
    assert not any(pid in name for name in names for pid in project.participants)
    key = bytes.fromhex((root / ".jstevents" / "feed-key").read_text().strip())
    assert len(key) == 32
    # Another key, other names: knowing the ids (and the scheme) is not enough.
    assert person_file(project, "lukasz-zolc", key) != person_file(project, "lukasz-zolc", b"\0" * 32)


def test_the_overview_offers_to_subscribe_to_the_public_feeds_only(built) -> None:
    _, feeds = built
    page = html.unescape((feeds.parent / "index.html").read_text(encoding="utf-8"))
    assert 'href="kalendarz/program.ics"' in page
    assert 'href="webcal://szkolenia.example.pl/jst/kalendarz/program.ics"' in page
    assert (
        "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fszkolenia.example.pl%2Fjst%2Fkalendarz%2Fprogram.ics"
        in page
    )
    assert (
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fszkolenia.example.pl%2Fjst%2Fkalendarz%2Fsiec-powiaty.ics&name="
        in page
    )
    assert "osoby/" not in page.replace("kalendarz/osoby/),", "")  # named in the text, never linked


def test_a_second_build_gives_the_same_feeds(built, tmp_path: Path, cli) -> None:
    root, feeds = built
    again = tmp_path / "again"
    result = cli("build", "-p", root, "-o", again, "--today", "2017-08-01")
    assert result.exit_code == 0, result.output
    first = {p.relative_to(feeds): p.read_bytes() for p in feeds.rglob("*.ics")}
    second = {p.relative_to(again / "kalendarz"): p.read_bytes() for p in (again / "kalendarz").rglob("*.ics")}
    assert first == second


def test_calendars_made_together_are_the_calendars_made_one_by_one() -> None:
    """The feeds share every rendered entry and time zone (`memo`): the bytes must not change."""
    from jstevents.outputs.calendar.ics import build_calendar
    from jstevents.outputs.calendar.sequence import Sequences

    project = require_project(EXAMPLE)
    events = project.sorted_events()
    memo: dict[object, object] = {}
    people = [None, *dict.fromkeys(r.participant for e in events for r in e.registrations)]
    for pid in people:
        name = f"feed of {pid}"
        together = build_calendar(project, events, participant=pid, sequences=Sequences(), name=name, memo=memo)
        alone = build_calendar(project, events, participant=pid, sequences=Sequences(), name=name)
        assert together == alone, pid
