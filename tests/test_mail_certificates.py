"""`jstevents mail EVENT --certificates`: one message per person with a certificate, carrying that
person's PDF and nobody else's, as a campaign of its own (the communiqué's journal untouched)."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest


@pytest.fixture
def issued(example: Path) -> Path:
    for name in ("certificates.json", "certificate-key"):
        (example / ".jstevents" / name).unlink(missing_ok=True)
    return example


def test_dry_run_one_message_per_completed_person_with_their_pdf(cli, issued: Path, tmp_path: Path) -> None:
    import pypdf

    outbox = tmp_path / "outbox"
    done = cli("mail", "modul-3", "--certificates", "-p", issued, "--outbox", outbox)
    assert done.exit_code == 0, done.output
    assert "Dry run: 34 certificate message(s) written" in done.stdout
    files = sorted(outbox.glob("*.eml"))
    assert len(files) == 34
    names = {p.stem for p in files}
    assert "mariusz-herman" not in names and "alicja-idzik" not in names  # did not complete
    import json

    ledger = json.loads((issued / ".jstevents" / "certificates.json").read_text(encoding="utf-8"))
    numbers = {e["participant"]: e["number"] for e in ledger["certificates"]}
    participants = {}
    import yaml

    for person in yaml.safe_load((issued / "participants.yaml").read_text(encoding="utf-8"))["participants"]:
        participants[person["id"]] = person
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        person = participants[path.stem]
        assert message["To"].addresses[0].addr_spec == person["email"]
        assert message["Subject"] == "Zaświadczenie – Moduł III szkolenia"
        [attachment] = list(message.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        number = numbers[path.stem]
        assert attachment.get_filename() == "zaswiadczenie-" + number.replace("/", "-") + ".pdf"
        import io

        text = " ".join(pypdf.PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text().split())
        assert person["name"] in text and f"nr {number}" in text
        others = [p["name"] for pid, p in participants.items() if pid != path.stem and p["name"] in text]
        assert not others, others
        body = message.get_body(("plain",)).get_content()
        assert f"zaświadczenie nr {number}" in body
    assert not (issued / ".jstevents" / "sent-modul-3.jsonl").exists()


def test_sending_records_a_journal_of_its_own(cli, issued: Path, tmp_path: Path, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    args = ["mail", "modul-3", "--certificates", "-p", issued, "--send", "--smtp-host", "127.0.0.1"]
    args += ["--smtp-port", str(port), "--smtp-security", "none", "--rate", "100000", "--limit", "2"]
    first = cli(*args)
    assert first.exit_code == 0, first.output
    assert "Sent 2, skipped 0" in first.stdout and len(recorder.accepted) == 2
    journal = issued / ".jstevents" / "sent-modul-3-zaswiadczenia.jsonl"
    assert len(journal.read_text().splitlines()) == 2
    assert not (issued / ".jstevents" / "sent-modul-3.jsonl").exists()
    again = cli(*args)
    assert "Sent 2, skipped 2" in again.stdout
    assert len({rcpt for _, rcpts, _ in recorder.accepted for rcpt in rcpts}) == 4
