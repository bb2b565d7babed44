"""Times the clocks skip or repeat (E123): a calendar entry would mean different instants to different programs."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("at", "says"),
    [
        ("2027-03-28 02:30", "does not exist in Europe/Warsaw"),  # clocks go 2:00 → 3:00
        ("2026-10-25 02:30", "happens twice in Europe/Warsaw"),  # clocks go 3:00 → 2:00
    ],
)
def test_a_deadline_at_a_time_the_clocks_skip_or_repeat(cli, example: Path, at: str, says: str) -> None:
    module = example / "modules" / "modul-3.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("deadline: 2017-08-16 16:00", f"deadline: {at}", 1), encoding="utf-8")
    assert f"deadline: {at}" in module.read_text(encoding="utf-8")
    result = cli("validate", "-p", example, "--today", "2017-08-01")
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "E123" in line)
    assert "modul-3.yaml:" in line and says in line and at in line


@pytest.mark.parametrize("at", ["2027-03-28 01:59", "2027-03-28 03:00", "2026-10-25 01:30", "2026-10-25 03:00"])
def test_the_times_around_a_change_are_fine(at: str) -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from jstevents.checks.clock import trouble

    assert trouble(dt.datetime.fromisoformat(at), ZoneInfo("Europe/Warsaw")) is None
