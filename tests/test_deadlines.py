"""`jstevents deadlines`: what is due, how soon, and --check for cron."""

from __future__ import annotations

import json

import pytest

from helpers import EXAMPLE


def rows(cli, *args: str) -> list[dict]:
    result = cli("deadlines", "-p", EXAMPLE, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_module_iii_sign_ups_six_days_ahead(cli) -> None:
    found = {row["id"]: row for row in rows(cli, "--today", "2017-08-10")}
    coach, walk = found["modul-3.coach-signup"], found["modul-3.spacer-starowka-signup"]
    assert (coach["at"], coach["days_left"]) == ("2017-08-16T16:00", 6)
    assert (walk["at"], walk["days_left"]) == ("2017-08-16", 6)
    assert coach["contact"]["email"] == "piotr.matuszak@ore.edu.pl"
    assert coach["event"] == walk["event"] == "modul-3"


def test_text_lists_due_date_days_left_what_and_contact(cli) -> None:
    result = cli("deadlines", "-p", EXAMPLE, "--today", "2017-08-10")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "modul-3" in line]
    assert len(lines) == 2
    assert all(" 6 " in line and "Piotr Matuszak" in line for line in lines)
    assert "2017-08-16 16:00" in result.stdout
    assert "Zgłoszenia na autokar" in result.stdout and "spacer po warszawskiej Starówce" in result.stdout


def test_sorted_soonest_first(cli) -> None:
    ats = [row["at"] for row in rows(cli, "--today", "2017-08-10")]
    assert ats == sorted(ats, key=lambda at: (at[:10], at[11:] or "99"))
    assert ats[-1] == "2020-11-10"


@pytest.mark.parametrize(
    ("today", "status"),
    [
        ("2017-08-01", "later"),
        ("2017-08-02", "upcoming"),
        ("2017-08-13", "soon"),
        ("2017-08-16", "today"),
        ("2017-08-17", "overdue"),
        ("2017-08-21", "closed"),
    ],
)
def test_urgency(cli, today: str, status: str) -> None:
    found = {row["id"]: row["status"] for row in rows(cli, "--today", today)}
    assert found["modul-3.coach-signup"] == status


def test_check_passes_while_nothing_is_overdue(cli) -> None:
    result = cli("deadlines", "-p", EXAMPLE, "--today", "2017-08-10", "--check")
    assert result.exit_code == 0, result.output


def test_check_fails_on_an_overdue_deadline_of_an_event_to_come(cli) -> None:
    result = cli("deadlines", "-p", EXAMPLE, "--today", "2017-08-17", "--check")
    assert result.exit_code == 1
    assert "2 deadline(s) overdue" in result.stderr
    assert "modul-3.coach-signup" in result.stderr and "Traceback" not in result.output
    assert "modul-3" in result.stdout  # the table is still printed


def test_check_ignores_missed_deadlines_of_events_already_held(cli) -> None:
    result = cli("deadlines", "-p", EXAMPLE, "--today", "2017-09-01", "--check")
    assert result.exit_code == 0, result.output
    assert "closed" in result.stdout


def test_within_keeps_the_next_days_and_the_overdue(cli) -> None:
    assert {row["id"] for row in rows(cli, "--today", "2017-08-10", "--within", "1w")} == {
        "modul-3.coach-signup",
        "modul-3.spacer-starowka-signup",
    }
    assert rows(cli, "--today", "2017-08-10", "--within", "5d") == []
    overdue = rows(cli, "--today", "2017-08-18", "--within", "2d")
    assert {row["status"] for row in overdue} == {"overdue"} and len(overdue) == 2
    assert rows(cli, "--today", "2020-10-27", "--within", "2w")[0]["days_left"] == 14
    assert rows(cli, "--today", "2020-10-26", "--within", "2w") == []


@pytest.mark.parametrize("bad", ["2x", "soon", "-3d", "1.5w"])
def test_within_rejects_other_forms(cli, bad: str) -> None:
    result = cli("deadlines", "-p", EXAMPLE, "--within", bad)
    assert result.exit_code == 2
    assert "14d or 2w" in result.output


def test_no_deadline_in_the_window_says_so(cli) -> None:
    result = cli("deadlines", "-p", EXAMPLE, "--today", "2017-08-10", "--within", "3d")
    assert result.exit_code == 0
    assert "No deadlines in the next 3 day(s)" in result.output
