"""`jstevents attendance summary`: per person days, hours, share and completed, per JST and in total, in
every list format; the hours come from the schedule or from the event's `hours`."""

from __future__ import annotations

from pathlib import Path

from helpers import EXAMPLE


def test_the_summary_of_module_iii(cli, tmp_path: Path) -> None:
    out = tmp_path / "summary.csv"
    done = cli("attendance", "summary", "modul-3", "-p", EXAMPLE, "-f", "csv", "-o", out)
    assert done.exit_code == 0, done.output
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == (
        "Lp.;Imię i nazwisko;JST;pon. 21.08.2017 (5,5 h);wt. 22.08.2017 (8 h);śr. 23.08.2017 (5 h);"
        "Godziny;Udział;Ukończenie"
    )
    # Two days of three (13.5 of 18.5 hours) is 73 %: under the programme's 80 %.
    assert any(line.endswith(";Mariusz Herman;Miasto Zawiercie;tak;tak;nie;13,5;73\u00a0%;nie") for line in lines)
    assert any(line.endswith(";Alicja Idzik;Miasto Rypin;nie;nie;nie;0;0\u00a0%;nie") for line in lines)
    assert sum(line.endswith(";tak") for line in lines) == 34 and len(lines) == 41


def test_the_printed_summary_says_it_per_jst_and_in_total(cli, tmp_path: Path) -> None:
    import pypdf

    html = tmp_path / "s.html"
    assert cli("attendance", "summary", "modul-3", "-p", EXAMPLE, "-f", "html", "-o", html).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "Zestawienie obecności i ukończenia" in page
    assert "Powiat Krapkowicki" in page and "ukończyło: 1 osoba z 3" in page
    pdf = tmp_path / "s.pdf"
    assert cli("attendance", "summary", "modul-3", "-p", EXAMPLE, "-o", pdf).exit_code == 0
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert "Liczba uczestników: 40; obecni choć jeden dzień: 39; ukończyło: 34 osoby z 40" in " ".join(text.split())
    assert "warunek ukończenia: obecność na co najmniej 80 % godzin" in " ".join(text.split())


def test_an_event_without_attendance_has_no_summary(cli, tmp_path: Path) -> None:
    done = cli("attendance", "summary", "siec-2018-10", "-p", EXAMPLE, "-o", tmp_path / "x.pdf")
    assert done.exit_code == 1
    assert "has no recorded attendance" in done.stderr and "jstevents attendance record siec-2018-10" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_hours_stated_per_day_and_the_programmes_share(cli, example: Path, tmp_path: Path) -> None:
    path = example / "modules" / "modul-3.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  trainers: [trener-kruk]", "  hours: [2, 8, 8]\n  trainers: [trener-kruk]"
        )
    )
    programme = example / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("    share: 80", "    share: 70"))
    out = tmp_path / "summary.csv"
    assert cli("attendance", "summary", "modul-3", "-p", example, "-f", "csv", "-o", out).exit_code == 0
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert "pon. 21.08.2017 (2 h);wt. 22.08.2017 (8 h);śr. 23.08.2017 (8 h)" in lines[0]
    # 10 of 18 hours, 56 %: still not enough; 16 of 18 (the last two days) is 89 %.
    assert any(line.endswith(";Mariusz Herman;Miasto Zawiercie;tak;tak;nie;10;56\u00a0%;nie") for line in lines)
    assert any(line.endswith(";Teresa Pęczek;Powiat Krapkowicki;nie;tak;tak;16;89\u00a0%;tak") for line in lines)
