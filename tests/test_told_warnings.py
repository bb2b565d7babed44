"""`validate` reminds the coordinator when people were told another time or deadline (W170, W171)."""

from __future__ import annotations

from pathlib import Path

from test_changes import dry_run, edit


def warnings(cli, root: Path) -> list[str]:
    result = cli("validate", "--project", root, "--today", "2017-08-01")
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if "warning[W17" in line]


def test_no_warning_before_a_mail_out_nor_when_nothing_changed(example: Path, cli) -> None:
    edit(example, '    start: "11:30"', '    start: "10:00"')
    assert warnings(cli, example) == []  # nobody was told anything yet
    dry_run(cli, example)
    assert warnings(cli, example) == []  # told what the YAML says


def test_a_new_start_and_a_new_deadline_warn_with_the_count_told_otherwise(example: Path, cli) -> None:
    dry_run(cli, example)
    assert warnings(cli, example) == []  # the cache must not hide what the mail-out changed
    edit(example, '    start: "11:30"', '    start: "10:00"')
    edit(example, "        deadline: 2017-08-16 16:00", "        deadline: 2017-08-17 12:00")
    start, deadline = warnings(cli, example)
    assert "modules/modul-3.yaml:18:12: warning[W170]" in start  # at the start time in the YAML
    assert "warning[W170]: modul-3's start (rozpoczęcie) is now '21 sierpnia 2017 r. o godzinie 10.00'" in start
    assert "40 people mailed about modul-3 were told '21 sierpnia 2017 r. o godzinie 11.30'" in start
    assert "jstevents mail modul-3 --changes" in start
    # The coach sign-up deadline concerns only those not on the coach yet: 40 - 14.
    assert "warning[W171]: the deadline 'Zgłoszenia na autokar – Moduł III szkolenia'" in deadline
    assert "26 people mailed about modul-3 were told '16.08.2017, godz. 16.00'" in deadline


def test_once_told_the_warning_goes(example: Path, cli, smtp_server) -> None:
    from test_mail import FAST, _smtp

    _, port, _ = smtp_server()
    dry_run(cli, example)
    edit(example, '    start: "11:30"', '    start: "10:00"')
    assert len(warnings(cli, example)) == 1
    sent = cli("mail", "modul-3", "--changes", "--send", *FAST, *_smtp(port), "--project", example)
    assert sent.exit_code == 0, sent.output
    assert warnings(cli, example) == []
