"""`jstevents attendance record`: the sheet jstevents writes, filled in, goes back into the event's YAML;
other tables through --columns; a meeting platform's participant report for an online event; every
bad row located, and nothing written unless all of it is valid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from helpers import write

#: The codes only an attendance file causes (not `validate`): their cases are here, not in test_errors.
FILE_CODES = ("E140", "E141", "E142", "E143")


def _sheet(cli, project: Path, tmp_path: Path, event: str = "modul-3", fmt: str = "xlsx") -> Path:
    out = tmp_path / f"sheet.{fmt}"
    made = cli("attendees", event, "-p", project, "-k", "attendance", "-f", fmt, "-o", out)
    assert made.exit_code == 0, made.output
    return out


def fill_sheet(source: Path, target: Path, marks: dict[str, dict[int, str | None]] | None = None) -> Path:
    """The attendance XLSX as a coordinator fills it: an x in every box of a day the person was expected
    (cells holding "—" stay), except `marks`: by name, day's column (0, 1, 2) → what is written."""
    import openpyxl

    book = openpyxl.load_workbook(source)
    sheet = book.active
    header = next(r for r in sheet.iter_rows() if r[0].value == "Lp.")
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if not isinstance(row[0].value, int):
            break
        for i, cell in enumerate(row[3:]):
            if cell.value is None:
                cell.value = "x"
            written = (marks or {}).get(row[1].value, {})
            if i in written:
                cell.value = written[i]
    book.save(target)
    return target


@pytest.fixture
def unrecorded(example: Path) -> Path:
    """The example as it was before module III's attendance was recorded."""
    path = example / "modules" / "modul-3.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.lstrip().startswith("attended:")), encoding="utf-8")
    return example


def _attended(project: Path, event_file: str = "modules/modul-3.yaml") -> dict[str, list[dt.date] | None]:
    data = yaml.safe_load((project / event_file).read_text(encoding="utf-8"))
    return {r["participant"]: r.get("attended") for r in data["event"]["registrations"]}


def test_the_sheet_jstevents_wrote_filled_in_is_recorded(cli, unrecorded: Path, tmp_path: Path) -> None:
    example = unrecorded
    before = (example / "modules" / "modul-3.yaml").read_text(encoding="utf-8")
    filled = fill_sheet(_sheet(cli, example, tmp_path), tmp_path / "filled.xlsx", {"Łukasz Żółć": {2: None}})
    done = cli("attendance", "record", "modul-3", "-p", example, "--from", filled)
    assert done.exit_code == 0, done.output
    assert "40 to record" in done.stdout, done.stdout
    attended = _attended(example)
    assert attended["lukasz-zolc"] == [dt.date(2017, 8, 21), dt.date(2017, 8, 22)]
    # Expected on the second day only ("—" on the first), as the sheet says.
    assert attended["krzysztof-wasik"] == [dt.date(2017, 8, 22), dt.date(2017, 8, 23)]
    after = (example / "modules" / "modul-3.yaml").read_text(encoding="utf-8")
    # Only lines added: every comment and line written before is there, in order.
    kept = [line for line in after.splitlines() if not line.lstrip().startswith("attended:")]
    assert kept == before.splitlines()
    assert "      # Comes on the second day: no coach there, no walk on the first evening." in after
    assert "      attended: [2017-08-21, 2017-08-22]\n" in after
    again = cli("attendance", "record", "modul-3", "-p", example, "--from", filled)
    assert "0 to record, 40 unchanged" in again.stdout and "Nothing to change." in again.stdout
    assert (example / "modules" / "modul-3.yaml").read_text(encoding="utf-8") == after


def test_the_csv_sheet_and_a_changed_record_replace_the_value(cli, example: Path, tmp_path: Path) -> None:
    sheet = _sheet(cli, example, tmp_path, fmt="csv")
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    filled = [lines[0]] + [";".join(line.split(";")[:3] + ["x", "x", "x"]) for line in lines[1:]]
    (tmp_path / "all.csv").write_text("\n".join(filled), encoding="utf-8")
    assert cli("attendance", "record", "modul-3", "-p", example, "--from", tmp_path / "all.csv").exit_code == 0
    filled[1] = ";".join(filled[1].split(";")[:3] + ["x", "", "nie"])
    (tmp_path / "less.csv").write_text("\n".join(filled), encoding="utf-8")
    done = cli("attendance", "record", "modul-3", "-p", example, "--from", tmp_path / "less.csv")
    assert done.exit_code == 0, done.output
    assert "1 to record, 39 unchanged" in done.stdout
    name = filled[1].split(";")[1]
    assert "→ 21.08.2017" in done.stdout and name
    text = (example / "modules" / "modul-3.yaml").read_text(encoding="utf-8")
    assert text.count("attended: [2017-08-21]\n") == 1


def test_dry_run_writes_nothing(cli, unrecorded: Path, tmp_path: Path) -> None:
    example = unrecorded
    before = (example / "modules" / "modul-3.yaml").read_bytes()
    filled = fill_sheet(_sheet(cli, example, tmp_path), tmp_path / "filled.xlsx")
    done = cli("attendance", "record", "modul-3", "-p", example, "--from", filled, "--dry-run")
    assert done.exit_code == 0 and "Dry run: nothing written." in done.stdout
    assert "~ lukasz-zolc: — → 21.08.2017, 22.08.2017, 23.08.2017" in done.stdout
    assert (example / "modules" / "modul-3.yaml").read_bytes() == before


def test_bad_rows_are_located_and_nothing_is_written(cli, unrecorded: Path, tmp_path: Path) -> None:
    example = unrecorded
    import openpyxl

    before = (example / "modules" / "modul-3.yaml").read_bytes()
    filled = fill_sheet(_sheet(cli, example, tmp_path), tmp_path / "filled.xlsx", {"Łukasz Żółć": {1: "chyba"}})
    book = openpyxl.load_workbook(filled)
    sheet = book.active
    header = next(r for r in sheet.iter_rows() if r[0].value == "Lp.")[0].row
    rows = {sheet.cell(row=r, column=2).value: r for r in range(header + 1, header + 41)}
    zolc = rows["Łukasz Żółć"]
    sheet.cell(row=rows["Anna Lewandowska"], column=2).value = "Anna Nieznana"
    sheet.cell(row=rows["Jan Fijałkowski"], column=2).value = "Beata Czajka"
    sheet.cell(row=rows["Jan Fijałkowski"], column=3).value = sheet.cell(row=rows["Beata Czajka"], column=3).value
    book.save(filled)
    done = cli("attendance", "record", "modul-3", "-p", example, "--from", filled)
    assert done.exit_code == 1
    assert (
        f"filled.xlsx:{zolc}:5: error[E143]: row {zolc}, 'Podpis wt. 22.08.2017': 'chyba' is not a mark" in done.stderr
    )
    assert f"filled.xlsx:{rows['Anna Lewandowska']}:2: error[E140]" in done.stderr
    assert "error[E142]" in done.stderr and "is already on row" in done.stderr
    assert "nothing was written" in done.stderr
    assert (example / "modules" / "modul-3.yaml").read_bytes() == before
    # --skip-invalid records the valid rows; the people of invalid rows are left as they were.
    skipped = cli("attendance", "record", "modul-3", "-p", example, "--from", filled, "--skip-invalid")
    assert skipped.exit_code == 0, skipped.output
    attended = _attended(example)
    assert attended["lukasz-zolc"] is None and attended["monika-bartosik"] is not None


def test_a_person_not_registered_and_a_day_outside_the_event(cli, example: Path, tmp_path: Path) -> None:
    # Somebody of the programme who is not registered for module III, and a column of another day.
    table = "Imię i nazwisko;JST;Dzień\nMonika Bartosik;Gmina Miedźna;x\n"
    (tmp_path / "other.csv").write_text(table, encoding="utf-8")
    done = cli(
        "attendance", "record", "modul-3", "-p", example, "--from", tmp_path / "other.csv",
        "--columns", "2017-08-24=Dzień",
    )  # fmt: skip
    assert done.exit_code == 1
    assert "other.csv:1:3: error[E144]: row 1: the column 'Dzień' is not a day of modul-3" in done.stderr
    root = _online_project(tmp_path / "online")
    event_file = root / "events" / "online.yaml"
    event_file.write_text(event_file.read_text().replace("    - participant: p3\n      attended: []\n", ""))
    (tmp_path / "outsider.csv").write_text("Imię i nazwisko;Dzień 1\nCelina Wzorcowa;x\n", encoding="utf-8")
    done = cli(
        "attendance", "record", "online", "-p", root, "--from", tmp_path / "outsider.csv",
        "--columns", "2030-03-05=Dzień 1",
    )  # fmt: skip
    assert "outsider.csv:2:1: error[E141]" in done.stderr, done.output and "not registered for online" in done.stderr


def test_a_file_that_is_no_attendance_table_is_refused(cli, example: Path, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    done = cli("attendance", "record", "modul-3", "-p", example, "--from", tmp_path / "x.csv")
    assert done.exit_code == 1 and "no header row" in done.stderr and "Traceback" not in done.output
    bad = cli("attendance", "record", "modul-3", "-p", example, "--from", tmp_path / "x.csv", "--columns", "wiek=B")
    assert bad.exit_code == 1 and "unknown field 'wiek'" in bad.stderr


ONLINE = """\
    event:
      id: online
      kind: training
      communique: 1
      title: "Szkolenie online"
      mode: online
      online_link: https://meet.example.pl/x
      dates: { start: 2030-03-05, end: 2030-03-06 }
      schedule: { start: "10:00", end: "14:00", day_start: "10:00", day_end: "14:00" }
      # The people registered.
      registrations:
        - { participant: p1 }
        - participant: p2
        - participant: p3
          attended: []
"""


def _online_project(tmp_path: Path, minutes: str = "") -> Path:
    from helpers import TINY_PNG
    from test_errors import BASE, PROGRAMME

    root = tmp_path / "events"
    files = {k: v for k, v in BASE.items() if k != "events/a.yaml"}
    files["programme.yaml"] = PROGRAMME + (f"      completion: {{ online_minutes: {minutes} }}\n" if minutes else "")
    files["events/online.yaml"] = ONLINE
    write(root, files)
    (root / "logo.png").write_bytes(TINY_PNG)
    return root


REPORT = """\
Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)
Anna Próbna,anna@example.pl,03/05/2030 09:55:00 AM,03/05/2030 11:00:00 AM,65
Anna Próbna,anna@example.pl,03/05/2030 10:30:00 AM,03/05/2030 02:00:00 PM,210
Anna Próbna,anna@example.pl,03/06/2030 10:00:00 AM,03/06/2030 11:00:00 AM,60
Bogdan (laptop),bogdan@example.pl,03/05/2030 10:00:00 AM,03/05/2030 02:00:00 PM,240
Bogdan (laptop),bogdan@example.pl,03/06/2030 10:00:00 AM,03/06/2030 01:30:00 PM,210
Biuro Projektu,biuro@example.pl,03/05/2030 09:00:00 AM,03/05/2030 02:30:00 PM,330
"""


def test_a_meeting_platform_report_counts_minutes_a_day(cli, tmp_path: Path) -> None:
    root = _online_project(tmp_path)
    (tmp_path / "report.csv").write_text(REPORT, encoding="utf-8")
    done = cli("attendance", "record", "online", "-p", root, "--from", tmp_path / "report.csv")
    assert done.exit_code == 0, done.output
    text = (root / "events" / "online.yaml").read_text(encoding="utf-8")
    # 80 % of a 4-hour day is 192 minutes: Anna's two overlapping log-ins make 240 on the first day, her
    # 60 minutes on the second are not enough; Bogdan (known by e-mail) has 210 on the second.
    assert "- { participant: p1, attended: [2030-03-05] }" in text
    assert "    - participant: p2\n      attended: [2030-03-05, 2030-03-06]\n" in text
    assert "      attended: []\n" in text and "# The people registered." in text
    assert "the host" not in done.output
    # A minimum set in the programme: 60 minutes a day.
    root = _online_project(tmp_path / "b", minutes="60")
    assert cli("attendance", "record", "online", "-p", root, "--from", tmp_path / "report.csv").exit_code == 0
    assert "{ participant: p1, attended: [2030-03-05, 2030-03-06] }" in (root / "events" / "online.yaml").read_text()


def test_a_report_of_another_day_and_an_unreadable_time(cli, tmp_path: Path) -> None:
    root = _online_project(tmp_path)
    bad = REPORT.replace("03/06/2030 10:00:00 AM,03/06/2030 11:00", "03/09/2030 10:00:00 AM,03/09/2030 11:00")
    bad = bad.replace("03/06/2030 01:30:00 PM", "wkrótce")
    (tmp_path / "report.csv").write_text(bad, encoding="utf-8")
    done = cli("attendance", "record", "online", "-p", root, "--from", tmp_path / "report.csv")
    assert done.exit_code == 1
    assert "report.csv:4:3: error[E144]: row 4: 09.03.2030 is not a day of online" in done.stderr
    assert "report.csv:6:4: error[E143]: row 6: 'wkrótce' is not a date and time" in done.stderr


@pytest.mark.parametrize("code", FILE_CODES)
def test_each_file_code_is_documented(code: str) -> None:
    from jstevents.problems import CODES

    assert CODES[code].summary.startswith("attendance file:")


def test_the_examples_attendance_is_the_filled_sheet_recorded(cli, unrecorded: Path, tmp_path: Path) -> None:
    # Module III's `attended:` is what recording the sheet jstevents writes, filled in with an x in every
    # expected box and Alicja Idzik absent, gives: the committed file is that result, byte for byte.
    from helpers import EXAMPLE

    absent = {"Alicja Idzik": {0: None, 1: None, 2: None}}
    filled = fill_sheet(_sheet(cli, unrecorded, tmp_path), tmp_path / "lista.xlsx", absent)
    assert cli("attendance", "record", "modul-3", "-p", unrecorded, "--from", filled).exit_code == 0
    assert (unrecorded / "modules" / "modul-3.yaml").read_bytes() == (EXAMPLE / "modules" / "modul-3.yaml").read_bytes()


def test_the_event_file_is_edited_where_each_registration_stands() -> None:
    from jstevents.commands.attendance import Change, edited_text

    text = (
        "event:\n  id: a\n  registrations:\n"
        "    - participant: p1\n      attended:\n        - 2030-03-05   # day one\n        - 2030-03-06\n"
        "      # a comment after\n"
        "    - { participant: p2, attended: [2030-03-05] }\n"
        "    - participant: p3\n      role: participant # trailing\n"
        "    # between\n"
        "    - participant: p4\n      notes: >-\n        folded\n        text\n"
    )
    day = dt.date(2030, 3, 5)
    changes = [Change(0, "p1", None, [day]), Change(1, "p2", None, []), Change(2, "p3", None, [day]),
               Change(3, "p4", None, [day])]  # fmt: skip
    assert edited_text(text, "a.yaml", ("event",), changes) == (
        "event:\n  id: a\n  registrations:\n"
        "    - participant: p1\n      attended: [2030-03-05]\n"  # a block list is replaced, its comment with it
        "      # a comment after\n"
        "    - { participant: p2, attended: [] }\n"
        "    - participant: p3\n      role: participant # trailing\n      attended: [2030-03-05]\n"
        "    # between\n"
        "    - participant: p4\n      notes: >-\n        folded\n        text\n      attended: [2030-03-05]\n"
    )
