"""The communiqué as a ready-to-send e-mail."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path

import pytest

from helpers import EXAMPLE
from jstevents.load.project import require_project
from jstevents.outputs.calendar.ics import event_calendar
from jstevents.outputs.email import build_message


@pytest.fixture(scope="module")
def project():
    return require_project(EXAMPLE)


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


def test_eml_parses_into_text_html_and_calendar(project) -> None:
    event = project.events["modul-3"]
    message = parse(build_message(project, event, calendar=event_calendar(project, event)).as_bytes())
    assert message.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in message.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    text = " ".join(message.get_body(("plain",)).get_content().split())
    html = message.get_body(("html",)).get_content()
    assert text.startswith("Komunikat nr 3 – pilotaż") and "do dnia 16 sierpnia 2017 r." in text
    assert "<!DOCTYPE html>" in html and "Dworzec Centralny w Warszawie" in html
    (calendar,) = list(message.iter_attachments())
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "PUBLISH" and calendar.get_param("charset") == "UTF-8"
    assert calendar.get_filename() == "modul-3.ics"
    assert calendar.get_content().startswith("BEGIN:VCALENDAR")


def test_headers(project) -> None:
    raw = build_message(project, project.events["modul-3"]).as_bytes()
    assert all(byte < 128 for byte in raw), "headers and bodies must be 7-bit encoded"
    message = parse(raw)
    assert message["Subject"] == "Komunikat nr 3 – pilotaż dla jednostek samorządu terytorialnego"
    assert message["From"] == "Piotr Matuszak <piotr.matuszak@ore.edu.pl>"
    assert message["Reply-To"] == "Piotr Matuszak <piotr.matuszak@ore.edu.pl>"
    assert message["To"] == "undisclosed-recipients:;"
    assert message["Date"].datetime == dt.datetime(2017, 8, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert message["Message-ID"].startswith("<ore-jst.modul-3.all.") and message["Message-ID"].endswith("@ore.edu.pl>")
    assert message.get_content_type() == "multipart/alternative"  # no calendar given


def test_same_input_gives_the_same_bytes_and_content_changes_the_message_id(project) -> None:
    event = project.events["modul-3"]
    first = build_message(project, event, calendar=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").as_bytes()
    second = build_message(project, event, calendar=b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").as_bytes()
    assert first == second
    other = build_message(project, event, calendar=b"BEGIN:VCALENDAR\r\nX-OTHER:1\r\nEND:VCALENDAR\r\n")
    assert other["Message-ID"] != parse(first)["Message-ID"]


def test_personalised_message_goes_to_the_recipient_only(project) -> None:
    person = project.participants["lukasz-zolc"]
    message = parse(build_message(project, project.events["modul-3"], recipient=person).as_bytes())
    assert message["To"] == "Łukasz Żółć <lukasz.zolc@example.pl>"
    assert message["Message-ID"].startswith("<ore-jst.modul-3.lukasz-zolc.")
    assert message["Cc"] is None and message["Bcc"] is None
    text = " ".join(message.get_body(("plain",)).get_content().split())
    assert "Dzień dobry, Łukasz Żółć!" in text and "Halina Nowicka" in text
    assert "Mamy Państwa zgłoszenie na przejazd autokarem." in text
    html = message.get_body(("html",)).get_content()
    assert "Łukasz Żółć" in html and "Miasto Biała Podlaska" in html


def test_generic_message_holds_no_personal_data(project) -> None:
    raw = build_message(project, project.events["modul-3"])
    text = raw.get_body(("plain",)).get_content() + raw.get_body(("html",)).get_content()
    for person in project.participants.values():
        assert person.email not in text and person.name not in text


def test_date_argument_wins(project) -> None:
    when = dt.datetime(2017, 8, 2, 14, 30, tzinfo=dt.timezone.utc)
    message = build_message(project, project.events["modul-3"], date=when)
    assert message["Date"].datetime == when


def test_date_from_source_date_epoch_without_issued(example: Path, monkeypatch) -> None:
    path = example / "modules" / "modul-3.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  issued: 2017-08-01\n", ""), encoding="utf-8")
    project = require_project(example)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    message = build_message(project, project.events["modul-3"])
    assert message["Date"].datetime == dt.datetime(2017, 7, 14, 2, 40, tzinfo=dt.timezone.utc)


def test_from_falls_back_to_the_first_contact(example: Path) -> None:
    path = example / "programme.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("    from_contact: piotr-matuszak\n", ""), encoding="utf-8"
    )
    project = require_project(example)
    assert build_message(project, project.events["modul-3"])["From"] == "Piotr Matuszak <piotr.matuszak@ore.edu.pl>"


def test_cli_writes_an_eml(cli, tmp_path: Path) -> None:
    out = tmp_path / "komunikat-3.eml"
    result = cli("communique", "modul-3", "-p", EXAMPLE, "--format", "eml", "-o", out)
    assert result.exit_code == 0, result.output
    message = parse(out.read_bytes())
    assert {p.get_content_type() for p in message.walk()} >= {"text/plain", "text/html", "text/calendar"}


def test_cli_prints_the_eml_without_output_file(cli) -> None:
    result = cli("communique", "modul-3", "-p", EXAMPLE, "--format", "eml")
    assert result.exit_code == 0, result.output
    message = parse(result.stdout.encode("ascii"))
    assert message["Subject"].startswith("Komunikat nr 3 – ")
    assert message.get_body(("html",)) is not None


def test_help_does_not_import_the_heavy_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys, jstevents.cli; "
        "print(sorted(m for m in ('jinja2', 'babel', 'icalendar', 'email.mime') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
