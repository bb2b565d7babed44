"""One unreadable file: its own error is the first and only one, not buried under what follows from it."""

from __future__ import annotations

from pathlib import Path

import pytest


def _cp1250(example: Path) -> None:
    roster = example / "participants.yaml"
    roster.write_bytes(roster.read_text(encoding="utf-8").encode("cp1250"))


def _tab(example: Path) -> None:
    roster = example / "participants.yaml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace('    name: "Łukasz Żółć"', '\tname: "Łukasz Żółć"', 1), encoding="utf-8")


def _empty_networks(example: Path) -> None:
    (example / "networks.yaml").write_text("", encoding="utf-8")


@pytest.mark.parametrize(
    ("spoil", "file", "code", "section"),
    [
        (_cp1250, "participants.yaml", "E004", "participants"),
        (_tab, "participants.yaml", "E002", "participants"),
        (_empty_networks, "networks.yaml", "E005", "networks"),
    ],
)
def test_the_cause_comes_first_and_its_consequences_are_counted(
    cli, example: Path, spoil, file: str, code: str, section: str
) -> None:
    spoil(example)
    result = cli("validate", "-p", example, "--today", "2017-08-01")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "error[" in line]
    assert len(lines) == 1, lines  # before: the cause was 22nd among 30 "unknown participant" errors
    assert f"{file}:" in lines[0] and f"error[{code}]" in lines[0]
    assert f"references to {section} from other files:" in lines[0]


def test_an_unknown_id_in_a_readable_project_is_still_reported(cli, example: Path) -> None:
    module = example / "modules" / "modul-3.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("participant: lukasz-zolc", "participant: lukasz-zol"))
    result = cli("validate", "-p", example, "--today", "2017-08-01")
    assert result.exit_code == 1 and "error[E020]: unknown participant 'lukasz-zol'" in result.stdout
