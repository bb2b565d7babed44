"""`jstevents mail EVENT --changes`: one update to each person affected, saying only their change."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

from calendar_readers import READERS
from jstevents.outputs.update import RULE
from test_changes import MODULE, changes, dry_run, edit, move_coach_and_nights, on_the_coach_there
from test_mail import FAST, _smtp


def parse(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


def update_part(message: email.message.EmailMessage) -> str:
    """The text above the line: what the update says changed."""
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return " ".join(text.split(RULE)[0].split())


def test_one_update_per_affected_person_each_saying_only_their_change(example: Path, cli) -> None:
    dry_run(cli, example)
    move_coach_and_nights(example)
    result = cli("mail", "modul-3", "--changes", "--project", example)
    assert result.exit_code == 0, result.output
    assert "Dry run: 14 update(s) written to" in result.stdout
    outbox = example.parent / "outbox" / "modul-3-zmiany"
    written = {path.stem: parse(path.read_bytes()) for path in outbox.glob("*.eml")}
    coach = on_the_coach_there(example)
    assert set(written) == coach | {"anna-lewandowska"}  # and nobody else
    for pid, message in written.items():
        said = update_part(message)
        assert message.get_body(("plain",)).get_content().count(RULE) == 1  # the communiqué follows the line
        if pid == "anna-lewandowska":
            assert message["Subject"] == "Komunikat nr 3 – zmiana: noclegi"
            assert "– noclegi: noc 21.08/22.08.2017 (poprzednio: noc 21.08/22.08.2017, noc 22.08/23.08.2017)" in said
            assert "autokar" not in said
        else:
            assert message["Subject"] == "Komunikat nr 3 – zmiana: odjazd autokaru"
            assert (
                "– odjazd autokaru: 21 sierpnia 2017 r. o godzinie 10.00 "
                "(poprzednio: 21 sierpnia 2017 r. o godzinie 10.30)" in (said.replace("\u00a0", " "))
            )
            assert "noclegi" not in said
        (ics,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
        assert ics.get_param("method") == "REQUEST"


def test_previewing_an_update_does_not_hide_the_change(example: Path, cli) -> None:
    dry_run(cli, example)
    move_coach_and_nights(example)
    assert cli("mail", "modul-3", "--changes", "--project", example).exit_code == 0
    assert len(changes(cli, example)["affected"]) == 14


def test_nothing_changed_sends_nothing(example: Path, cli) -> None:
    dry_run(cli, example)
    result = cli("mail", "modul-3", "--changes", "--project", example)
    assert result.exit_code == 0
    assert "nothing changed for the 40 people told about it; no update to send" in result.stdout
    assert not (example.parent / "outbox" / "modul-3-zmiany").exists()


def test_a_withdrawn_person_gets_a_cancellation_note(example: Path, cli) -> None:
    dry_run(cli, example)
    text = (example / MODULE).read_text(encoding="utf-8")
    start = text.index("    - participant: zofia-sadowska\n")
    end = text.index("    - participant:", start + 1)  # her whole entry, whatever it holds
    edit(example, text[start:end], "")
    result = cli("mail", "modul-3", "--changes", "--project", example)
    assert result.exit_code == 0, result.output
    (path,) = (example.parent / "outbox" / "modul-3-zmiany").glob("*.eml")
    message = parse(path.read_bytes())
    assert message["Subject"] == "Komunikat nr 3 – zmiana: wycofanie zgłoszenia"
    text = " ".join(message.get_body(("plain",)).get_content().split())
    assert "Potwierdzamy wycofanie zgłoszenia na wydarzenie „Moduł III szkolenia”" in text
    assert "Zapraszamy na trzeci moduł" not in text  # a note, not the communiqué
    (ics,) = list(message.iter_attachments())
    assert ics.get_param("method") == "CANCEL"
    for read in READERS.values():
        parsed = read(ics.get_payload(decode=True))
        assert parsed["method"] == "CANCEL"
        assert parsed["events"]["modul-3@ore-jst.jstevents"]["status"] == "CANCELLED"


def test_a_real_round_trip_one_recipient_each_and_resumable(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    dry_run(cli, example)
    move_coach_and_nights(example)
    result = cli("mail", "modul-3", "--changes", "--send", *FAST, *_smtp(port), "--project", example)
    assert result.exit_code == 0, result.output
    assert "Sent 14, skipped 0 (already sent), failed 0" in result.stdout
    assert len(recorder.accepted) == 14
    addresses = set()
    for _, rcpts, raw in recorder.accepted:
        assert len(rcpts) == 1
        message = parse(raw)
        assert [a.addr_spec for a in message["To"].addresses] == rcpts
        assert str(message["Subject"]).startswith("Komunikat nr 3 – zmiana: ")
        (ics,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
        assert ics.get_param("method") == "REQUEST"
        assert READERS["icalendar"](ics.get_payload(decode=True))["method"] == "REQUEST"
        addresses.add(rcpts[0])
    assert len(addresses) == 14
    journal = example / ".jstevents" / "sent-modul-3.changes.jsonl"
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    sent = {line["participant"] for line in lines if line.get("status", "sent") == "sent"}
    # One journaled update per person, keyed by their id and what it told them.
    assert len(sent) == 14
    assert {key.partition("~")[0] for key in sent} == on_the_coach_there(example) | {"anna-lewandowska"}
    # Sent: what they were told is now the YAML, so nothing is left to tell…
    assert changes(cli, example)["affected"] == []
    # …and the same command again sends nothing.
    again = cli("mail", "modul-3", "--changes", "--send", *FAST, *_smtp(port), "--project", example)
    assert again.exit_code == 0 and "nothing changed" in again.stdout
    assert len(recorder.accepted) == 14


def test_a_stopped_update_run_resumes_with_what_is_left(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    dry_run(cli, example)
    move_coach_and_nights(example)
    first = cli("mail", "modul-3", "--changes", "--send", "--limit", "5", *FAST, *_smtp(port), "--project", example)
    assert first.exit_code == 0, first.output
    assert "Sent 5," in first.stdout
    rest = cli("mail", "modul-3", "--changes", "--send", *FAST, *_smtp(port), "--project", example)
    assert rest.exit_code == 0, rest.output
    assert "Sent 9, skipped 0" in rest.stdout
    assert sorted(r for _, rcpts, _ in recorder.accepted for r in rcpts) == sorted(
        {r for _, rcpts, _ in recorder.accepted for r in rcpts}
    ), "nobody twice"
    told = json.loads((example / ".jstevents" / "told-modul-3.json").read_text())
    assert sum("sent" in records for records in told["people"].values()) == 14
