"""Personal invitations that update themselves: REQUEST, then REQUEST with a higher SEQUENCE, then CANCEL."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from calendar_readers import READERS
from jstevents.load.project import require_project

UID = "modul-3@ore-jst.jstevents"
PERSON = "lukasz-zolc"


def _dry_run(cli, root: Path) -> Path:
    result = cli("mail", "modul-3", "--project", root)
    assert result.exit_code == 0, result.output
    return root.parent / "outbox" / "modul-3"


def _parts(eml: Path) -> dict[str, email.message.EmailMessage]:
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    return {part.get_filename(): part for part in message.iter_attachments()}  # type: ignore[misc]


def _invitation(eml: Path) -> tuple[str, bytes]:
    part = _parts(eml)["modul-3.ics"]
    assert part.get_content_type() == "text/calendar"
    return str(part.get_param("method")), part.get_payload(decode=True)


def _move_start(root: Path, old: str, new: str) -> None:
    path = root / "modules" / "modul-3.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("reader", READERS)
def test_invitation_then_update_keep_the_uid_raise_the_sequence_and_move_the_time(example: Path, cli, reader) -> None:
    read = READERS[reader]
    outbox = _dry_run(cli, example)
    method, first = _invitation(outbox / f"{PERSON}.eml")
    email_address = require_project(example).participants[PERSON].email
    assert method == "REQUEST"  # the MIME part's method= is the calendar's METHOD
    before = read(first)
    assert before["method"] == "REQUEST"
    assert list(before["events"]) == [UID]  # iTIP: one UID per message, the deadlines go apart
    entry = before["events"][UID]
    assert entry["start"] == "2017-08-21T09:30:00Z"  # 11:30 in Warsaw, summer time
    assert entry["status"] == "CONFIRMED"
    assert [(a.casefold(), r) for a, r in entry["attendees"]] == [(email_address.casefold(), "FALSE")]

    _move_start(example, 'start: "11:30"', 'start: "10:00"')
    method, second = _invitation(_dry_run(cli, example) / f"{PERSON}.eml")
    after = read(second)
    assert method == "REQUEST" and after["method"] == "REQUEST"
    assert list(after["events"]) == [UID]
    assert after["events"][UID]["sequence"] == entry["sequence"] + 1
    assert after["events"][UID]["start"] == "2017-08-21T08:00:00Z"


@pytest.mark.parametrize("reader", READERS)
def test_a_cancelled_event_is_sent_as_cancel(example: Path, cli, reader) -> None:
    read = READERS[reader]
    _, first = _invitation(_dry_run(cli, example) / f"{PERSON}.eml")
    path = example / "modules" / "modul-3.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  mode: onsite\n", "  mode: onsite\n  status: cancelled\n")
    )
    method, cancel = _invitation(_dry_run(cli, example) / f"{PERSON}.eml")
    assert method == "CANCEL"
    parsed = read(cancel)
    assert parsed["method"] == "CANCEL"
    assert parsed["events"][UID]["status"] == "CANCELLED"
    assert parsed["events"][UID]["sequence"] > read(first)["events"][UID]["sequence"]


@pytest.mark.parametrize("reader", READERS)
def test_a_withdrawn_person_gets_a_cancel_with_a_higher_sequence(reader) -> None:
    from helpers import EXAMPLE
    from jstevents.outputs.calendar.invitation import invitation
    from jstevents.outputs.calendar.sequence import Sequences

    project = require_project(EXAMPLE)
    event, person = project.events["modul-3"], project.participants[PERSON]
    ledger = Sequences()
    request = READERS[reader](invitation(project, event, ledger).to(person))
    cancel = invitation(project, event, ledger, cancel=True)
    parsed = READERS[reader](cancel.to(person))
    assert cancel.method == "CANCEL" and parsed["method"] == "CANCEL"
    assert parsed["events"][UID]["status"] == "CANCELLED"
    assert parsed["events"][UID]["sequence"] == request["events"][UID]["sequence"] + 1
    assert [a.casefold() for a, _ in parsed["events"][UID]["attendees"]] == [person.email.casefold()]


def test_the_deadlines_come_beside_the_invitation_as_an_ordinary_file(example: Path, cli) -> None:
    parts = _parts(_dry_run(cli, example) / f"{PERSON}.eml")
    deadlines = parts["modul-3-terminy.ics"]
    assert deadlines.get_content_type() == "application/ics"
    parsed = READERS["icalendar"](deadlines.get_payload(decode=True))
    assert parsed["method"] == "PUBLISH"
    assert UID not in parsed["events"] and parsed["events"], "the deadlines, without the event itself"


def test_the_organizer_is_the_programme_contact(example: Path, cli) -> None:
    from icalendar import Calendar

    _, data = _invitation(_dry_run(cli, example) / f"{PERSON}.eml")
    (vevent,) = Calendar.from_ical(data).walk("VEVENT")
    assert str(vevent["organizer"]) == "mailto:piotr.matuszak@ore.edu.pl"
    assert vevent["organizer"].params["CN"] == "Piotr Matuszak"
