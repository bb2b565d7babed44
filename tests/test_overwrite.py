"""Writing a document over an existing file never loses what the user wrote there."""

from __future__ import annotations

from pathlib import Path

from helpers import EXAMPLE


def test_communique_over_a_hand_edited_file_keeps_the_edit_as_backup(cli, tmp_path: Path) -> None:
    target = tmp_path / "komunikat.md"
    assert cli("communique", "modul-3", "-p", EXAMPLE, "-o", target).exit_code == 0
    generated = target.read_bytes()
    target.write_text("Poprawiony ręcznie komunikat\n", encoding="utf-8")

    result = cli("communique", "modul-3", "-p", EXAMPLE, "-o", target)
    assert result.exit_code == 0
    assert target.read_bytes() == generated
    backup = tmp_path / "komunikat.md.bak"
    assert backup.read_text(encoding="utf-8") == "Poprawiony ręcznie komunikat\n"
    assert "komunikat.md.bak" in result.stderr


def test_rewriting_an_unchanged_file_makes_no_backup(cli, tmp_path: Path) -> None:
    target = tmp_path / "komunikat.txt"
    for _ in range(2):
        assert cli("communique", "modul-3", "-p", EXAMPLE, "-f", "txt", "-o", target).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["komunikat.txt"]


def test_calendar_refuses_to_replace_a_file_that_is_not_a_calendar(cli, tmp_path: Path) -> None:
    target = tmp_path / "notatki.ics"
    target.write_text("moje notatki\n", encoding="utf-8")
    result = cli("calendar", "-p", EXAMPLE, "-o", target)
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "moje notatki\n"
