"""E-mail addresses checked by email-validator's rules (no DNS) and kept in one normal form: what
passes validation is what goes in the SMTP envelope, in `To:` and in the send journal."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from helpers import write
from jstevents.load.project import load_project

FAST = ("--rate", "6000")


def _smtp(port: int) -> list[str]:
    return ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none"]


def set_email(root: Path, participant: str, value: str) -> None:
    """Give one participant of the example an address, written as a double-quoted YAML string."""
    path = root / "participants.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {participant}\n")
    at = text.index("    email: ", start)
    end = text.index("\n", at)
    path.write_text(text[:at] + "    email: " + json.dumps(value) + text[end:], encoding="utf-8")


@pytest.mark.parametrize(
    "address",
    [
        "ewa\x1b[2J\x07@example.pl",  # clears the screen and rings the bell when printed
        "ewa\u202e@example.pl",  # right-to-left override
        "zofia(comment)@example.pl",  # a comment: the envelope and To once differed
        '"zofia nowak"@example.pl',  # a quoted local part
        "zofia@example.pl\x00",
    ],
)
def test_an_address_a_terminal_or_server_would_read_otherwise_is_refused(example: Path, address: str) -> None:
    first = _first_participant(example)
    set_email(example, first, address)
    found = [p for p in load_project(example).problems if p.code == "E012" and "e-mail" in p.message]
    assert [Path(p.file).name for p in found] == ["participants.yaml"], [str(p) for p in found]
    assert "\x1b" not in found[0].message and "\x07" not in found[0].message


def _first_participant(root: Path) -> str:
    import yaml

    data = yaml.safe_load((root / "participants.yaml").read_text(encoding="utf-8"))
    return data["participants"][0]["id"]


def test_a_bad_address_in_a_form_export_is_a_row_error(example: Path) -> None:
    write(
        example,
        {
            "sources.yaml": """
            participant_sources:
              - file: zgloszenia.csv
                columns: {name: "Imię i nazwisko", email: "E-mail", unit: "JST"}
            """,
        },
    )
    (example / "zgloszenia.csv").write_text(
        "Imię i nazwisko;E-mail;JST\nEwa Test;ewa\x1b[2J\x07@example.pl;Miasto Kalisz\n"
        "Zofia Test;zofia(x)@example.pl;Miasto Kalisz\n",
        encoding="utf-8",
    )
    found = [p for p in load_project(example).problems if p.code == "E022"]
    assert sorted({(Path(p.file).name, p.line) for p in found}) == [("zgloszenia.csv", 2), ("zgloszenia.csv", 3)]
    assert any("e-mail" in p.message for p in found if p.line == 2)
    assert not any("\x1b" in p.message or "\x07" in p.message for p in found)


def test_an_address_is_kept_in_one_normal_form(example: Path) -> None:
    first = _first_participant(example)
    set_email(example, first, "Zofia.Nowak@Example.PL")
    result = load_project(example)
    assert result.project is not None
    assert result.project.participants[first].email == "Zofia.Nowak@example.pl"


def test_envelope_to_and_journal_hold_the_same_address(example: Path, cli, smtp_server) -> None:
    first = _first_participant(example)
    set_email(example, first, "Zofia.Nowak@Example.PL")
    recorder, port, _ = smtp_server()
    result = cli("mail", "modul-3", "--to", f"participant:{first}", "--send", *FAST, *_smtp(port), "--project", example)
    assert result.exit_code == 0, result.output
    [(_, rcpts, raw)] = recorder.accepted
    message = email.message_from_bytes(raw, policy=email.policy.default)
    journal = [
        json.loads(line)
        for line in (example / ".jstevents" / "sent-modul-3.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert rcpts == ["Zofia.Nowak@example.pl"]
    assert [a.addr_spec for a in message["To"].addresses] == rcpts
    assert {entry["email"] for entry in journal} == set(rcpts)  # the "sending" and the "sent" line
    assert [entry["status"] for entry in journal] == ["sending", "sent"]


def test_build_with_a_control_character_in_an_address_stops_at_validation(example: Path, cli) -> None:
    # Once this passed validation and build failed inside openpyxl (IllegalCharacterError).
    set_email(example, _first_participant(example), "ewa\x1b[2J\x07@example.pl")
    result = cli("build", "-p", example, "-o", example.parent / "out", "--today", "2017-08-01")
    assert result.exit_code == 1
    assert "error[E012]" in result.output and "Traceback" not in result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
