"""`jstevents mail EVENT --certificates`: one message per person with a certificate, carrying that
person's PDF and nobody else's, as a campaign of its own (the communiqué's journal untouched)."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path
from typing import Any

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
    # Each message: a "sending" note before it goes, then "sent".
    statuses = [json.loads(line)["status"] for line in journal.read_text().splitlines()]
    assert statuses == ["sending", "sent"] * 2
    assert not (issued / ".jstevents" / "sent-modul-3.jsonl").exists()
    again = cli(*args)
    assert "Sent 2, skipped 2" in again.stdout
    assert len({rcpt for _, rcpts, _ in recorder.accepted for rcpt in rcpts}) == 4


def test_a_certificate_confirmed_too_late_is_uncertain_and_never_sent_twice(cli, issued: Path, smtp_server) -> None:
    """The certificates go through the mail-out's own loop: a server that keeps message 2 but
    confirms it after --smtp-timeout leaves it uncertain, and no later run sends it again by itself."""
    import asyncio
    from collections import Counter

    from helpers import Recorder

    class KeepsThenStalls(Recorder):
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            self.data_count += 1
            self.accepted.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
            if self.data_count == 2:
                await asyncio.sleep(3)
            return "250 2.0.0 Ok: queued"

    recorder, port, _ = smtp_server(KeepsThenStalls())
    args = ["mail", "modul-3", "--certificates", "-p", issued, "--send", "--smtp-host", "127.0.0.1"]
    args += ["--smtp-port", str(port), "--smtp-security", "none", "--rate", "100000", "--limit", "3"]
    args += ["--smtp-timeout", "1"]
    first = cli(*args)
    assert first.exit_code == 1, first.output
    assert "Sent 2, skipped 0 (already sent), failed 0, uncertain 1" in first.stdout
    delivered = Counter(recorder.recipients())
    assert len(delivered) == 3 and set(delivered.values()) == {1}
    again = cli(*args)
    assert "uncertain 1" in again.stdout
    # The next three went; the uncertain one did not go again, nor anybody else.
    assert "Sent 3" in again.stdout
    assert max(Counter(recorder.recipients()).values()) == 1, "a second delivery"
