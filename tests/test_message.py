"""The communiqué as a ready-to-send e-mail."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
        "application/pdf",
        "text/calendar",
    ]
    text = " ".join(message.get_body(("plain",)).get_content().split())
    html = message.get_body(("html",)).get_content()
    assert text.startswith("Komunikat nr 3 – pilotaż") and "do dnia 16 sierpnia 2017 r." in text
    assert "<!DOCTYPE html>" in html and "Dworzec Centralny w&nbsp;Warszawie" in html
    mentors, calendar = list(message.iter_attachments())
    # "W załączeniu przekazujemy wykaz JST wraz z przydzielonymi opiekunami": it is attached.
    assert "W załączeniu przekazujemy wykaz JST wraz z przydzielonymi opiekunami" in text
    assert mentors.get_filename() == "wykaz-jst-i-opiekunow.pdf"
    listed = " ".join(pypdf.PdfReader(io.BytesIO(mentors.get_content())).pages[0].extract_text().split())
    assert "Wykaz JST wraz z przydzielonymi opiekunami" in listed
    assert "Miasto Biała Podlaska Halina Nowicka h.nowicka@example.org +48 600 100 201" in listed
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
    # No calendar given, but the list of JST and their mentors the letter promises is attached.
    assert message.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in message.iter_attachments()] == ["application/pdf"]


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


def _reference(project, event, recipient, calendar, date, *, utf8: bool = False, calendars=None) -> bytes:
    """The message as the email package builds it whole: what a mail-out's skeleton must give."""
    from jstevents.outputs.email import _policy

    message = build_message(project, event, recipient=recipient, calendar=calendar, calendars=calendars, date=date)
    return message.as_bytes(policy=_policy().clone(linesep="\r\n", utf8=utf8))


@pytest.mark.parametrize("invitations", [False, True], ids=["publish", "invitation"])
@pytest.mark.parametrize("date", [None, dt.datetime(2017, 8, 2, 10, 15, 7)])
def test_a_mail_out_gives_each_recipient_the_whole_message_byte_for_byte(project, date, invitations) -> None:
    from jstevents.outputs.calendar.invitation import mail_calendars
    from jstevents.outputs.calendar.sequence import Sequences
    from jstevents.outputs.email import Mailing

    event = project.events["modul-3"]
    calendars = mail_calendars(project, event, Sequences()) if invitations else None
    calendar = None if calendars else event_calendar(project, event)
    mailing = Mailing(project, event, calendar=calendar, calendars=calendars)
    people = [project.participants[r.participant] for r in event.registrations]
    assert len(people) == 40
    for person in people:
        mail = mailing.message(person, date=date)
        assert mail.data == _reference(project, event, person, calendar, date, calendars=calendars)
        assert mail.sender == "piotr.matuszak@ore.edu.pl"
        assert parse(mail.data)["Message-ID"] == mail.message_id
        assert parse(mail.data)["Content-Language"] == "pl"  # set_content() once dropped it


def test_a_mail_out_folds_long_and_foreign_names_as_the_email_package_does(project) -> None:
    from jstevents.outputs.calendar.invitation import mail_calendars
    from jstevents.outputs.calendar.sequence import Sequences
    from jstevents.outputs.email import Mailing

    event = project.events["modul-3"]
    person = project.participants["lukasz-zolc"]
    calendars = mail_calendars(project, event, Sequences())
    mailing = Mailing(project, event, calendars=calendars)
    for name, address in [
        ("Łucja Żółć-Brzęczyszczykiewicz " * 5, person.email),
        ('Jan "Kowalski", (dyrektor)', person.email),
        ("Zofia " + "A" * 300, "zofia." + "a" * 50 + "@example.pl"),
        ("Łucja Żółć", "łucja@przykład.pl"),  # not ASCII: sent with UTF-8 headers
    ]:
        someone = person.model_copy(update={"name": name, "email": address, "id": "x" * 40})
        international = not address.isascii()
        expected = _reference(project, event, someone, None, None, utf8=international, calendars=calendars)
        assert mailing.message(someone).data == expected, name


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=400))
@settings(max_examples=300, deadline=None)
def test_a_body_is_encoded_as_the_email_package_encodes_it(text: str) -> None:
    from email.message import EmailMessage

    from jstevents.outputs.email import Mailing, _policy

    policy = _policy().clone(linesep="\r\n")
    whole = EmailMessage(policy=policy)
    whole.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    expected = whole.as_bytes(policy=policy).split(b"\r\n\r\n", 1)[1]
    mailing = Mailing.__new__(Mailing)
    mailing.policy = policy
    assert mailing._body(text) == expected
