"""`jstevents survey import`: an evaluation-form export summarised, kept, and worded in the report."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from jstevents.model.survey import RatingWord, SurveyQuestion, SurveySettings

EXPORT = "ankiety/siec-2018-10.csv"
HEADER = (
    "Sygnatura czasowa;Jak ocenia Pan/Pani prowadzącego spotkanie?;"
    "W jakim stopniu spotkanie spełniło Pana/Pani oczekiwania?;Uwagi i propozycje\n"
)


def test_the_summary_is_kept_and_the_report_words_it(cli, example: Path) -> None:
    result = cli("survey", "import", "siec-2018-10", example / EXPORT, "-p", example)
    assert result.exit_code == 0, result.output
    assert "7 respondent(s), scale 1–5, mean 4,8" in result.stdout
    assert "prowadzący spotkanie: 4,9 (7 answer(s); 1: 0 2: 0 3: 0 4: 1 5: 6)" in result.stdout
    kept = json.loads((example / ".jstevents" / "survey-siec-2018-10.json").read_text(encoding="utf-8"))
    assert kept["respondents"] == 7 and kept["scale"] == [1, 5]
    assert kept["questions"][1] == {
        "id": "oczekiwania",
        "label": "realizacja oczekiwań uczestników",
        "answered": 7,
        "mean": round(33 / 7, 4),
        "distribution": {"1": 0, "2": 0, "3": 0, "4": 2, "5": 5},
    }
    for fmt in ("md", "txt", "html"):
        report = cli("news", "siec-2018-10", "-f", fmt, "-p", example, "--today", "2018-11-05").stdout
        flat = " ".join(report.replace("\u00a0", " ").replace("&nbsp;", " ").split())
        assert (
            "Oceny uzyskane w ankiecie ewaluacyjnej były bardzo wysokie: średnio 4,8 w skali 1–5 (liczba ankiet: 7)."
            in flat
        ), fmt
        assert "prowadzący spotkanie: 4,9" in flat and "realizacja oczekiwań uczestników: 4,7" in flat
        assert "Dobra organizacja" not in flat  # free text stays aside


def test_free_text_is_kept_aside_private_and_out_of_git(cli, example: Path) -> None:
    assert cli("survey", "import", "siec-2018-10", example / EXPORT, "-p", example).exit_code == 0
    notes = example / ".jstevents" / "survey-siec-2018-10-free-text.txt"
    text = notes.read_text(encoding="utf-8")
    assert "[wiersz 7] Uwagi i propozycje: Dobra organizacja." in text
    if os.name == "posix":
        assert stat.S_IMODE(notes.stat().st_mode) == 0o600
    assert "survey-*-free-text.txt" in (example / ".jstevents" / ".gitignore").read_text(encoding="utf-8")


def test_an_xlsx_export_is_read_too(cli, example: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(";"))
    sheet.append(["2018-10-24", 3, "średnio", None])
    sheet.append(["2018-10-24", 4.0, None, "ok"])
    book.save(tmp_path / "ankieta.xlsx")
    result = cli("survey", "import", "siec-2018-10", tmp_path / "ankieta.xlsx", "-p", example)
    assert result.exit_code == 0, result.output
    assert "2 respondent(s)" in result.stdout
    assert "realizacja oczekiwań uczestników: 3,0 (1 answer(s)" in result.stdout
    report = cli("news", "siec-2018-10", "-f", "txt", "-p", example, "--today", "2018-11-05").stdout
    assert "ankiecie ewaluacyjnej były przeciętne: średnio 3,3 w skali" in " ".join(report.split())


def test_an_answer_off_the_scale_is_located_and_nothing_is_written(cli, example: Path, tmp_path: Path) -> None:
    export = tmp_path / "ankieta.csv"
    export.write_text(HEADER + "a;5;5;\nb;7;świetnie;\n", encoding="utf-8")
    result = cli("survey", "import", "siec-2018-10", export, "-p", example)
    assert result.exit_code == 1
    assert "2 problem(s)" in result.stderr and "nothing was written" in result.stderr
    assert f"{export.as_posix()}:3:2: error[E165]: row 3, 'Jak ocenia Pan/Pani prowadzącego spotkanie?': '7'" in (
        result.stderr
    )
    assert f"{export.as_posix()}:3:3: error[E165]" in result.stderr
    assert not (example / ".jstevents" / "survey-siec-2018-10.json").exists()


def test_a_missing_column_is_named_with_the_columns_there_are(cli, example: Path, tmp_path: Path) -> None:
    export = tmp_path / "ankieta.csv"
    export.write_text("Ocena prowadzącego;Uwagi i propozycje\n5;\n", encoding="utf-8")
    result = cli("survey", "import", "siec-2018-10", export, "-p", example)
    assert result.exit_code == 1
    assert f"{export.as_posix()}:1:1: error[E164]: the export has no column 'Jak ocenia" in result.stderr
    assert "its columns are: Ocena prowadzącego, Uwagi i propozycje" in result.stderr


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("brak.csv", None, "does not exist"),
        ("ankieta.csv", b"\xff\xfe" + "Ocena;\n5;\n".encode("cp1250") + b"\xb3", "not UTF-8"),
        ("ankieta.xls", b"\xd0\xcf\x11\xe0", ".xls files cannot be read"),
        ("ankieta.xlsx", b"not a zip", "the workbook is damaged"),
        ("pusty.csv", b"", "it has no header row"),
    ],
)
def test_an_unreadable_export_is_refused_with_a_reason(
    cli, example: Path, tmp_path: Path, name: str, content: bytes | None, says: str
) -> None:
    export = tmp_path / name
    if content is not None:
        export.write_bytes(content)
    result = cli("survey", "import", "siec-2018-10", export, "-p", example)
    assert result.exit_code == 1
    assert "error[E164]" in result.stderr and says in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_a_huge_file_is_refused_before_it_is_read(cli, example: Path, tmp_path: Path) -> None:
    export = tmp_path / "ankieta.csv"
    with export.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: no disk used
    result = cli("survey", "import", "siec-2018-10", export, "-p", example)
    assert result.exit_code == 1
    assert "error[E164]" in result.stderr and "64 MB, more than a survey export can be" in result.stderr


def test_without_survey_settings_the_command_says_what_to_add(cli, example: Path) -> None:
    programme = example / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text[: text.index("  # The evaluation form")], encoding="utf-8")
    result = cli("survey", "import", "siec-2018-10", example / EXPORT, "-p", example)
    assert result.exit_code == 1
    assert "the programme has no survey settings" in result.stderr and "add `survey:`" in result.stderr


def test_a_dry_run_writes_nothing(cli, example: Path) -> None:
    result = cli("survey", "import", "siec-2018-10", example / EXPORT, "--dry-run", "-p", example)
    assert result.exit_code == 0 and "Dry run: nothing written." in result.stdout
    assert not (example / ".jstevents" / "survey-siec-2018-10.json").exists()


def test_build_reports_the_survey_and_a_damaged_summary_is_named(cli, example: Path, tmp_path: Path) -> None:
    assert cli("survey", "import", "siec-2018-10", example / EXPORT, "-p", example).exit_code == 0
    out = tmp_path / "build"
    assert cli("build", "-p", example, "-o", out, "--today", "2018-11-05").exit_code == 0
    assert "bardzo wysokie" in (out / "siec-2018-10" / "relacja.md").read_text(encoding="utf-8")
    (example / ".jstevents" / "survey-siec-2018-10.json").write_text("{", encoding="utf-8")
    result = cli("build", "-p", example, "-o", out, "--today", "2018-11-05")
    assert result.exit_code == 1
    assert "survey-siec-2018-10.json is damaged" in result.stderr
    assert "jstevents survey import siec-2018-10 FILE" in result.stderr


def test_the_programme_sets_the_words_by_thresholds() -> None:
    settings = SurveySettings(questions=[SurveyQuestion(id="q", column="Q", label="q")])
    assert [settings.word_for(m) for m in (4.8, 4.5, 4.49, 3.5, 2.6, 1.0)] == [
        "bardzo wysokie", "bardzo wysokie", "wysokie", "wysokie", "przeciętne", "niskie",
    ]  # fmt: skip
    own = settings.model_copy(
        update={"ratings": [RatingWord(above=9, word="znakomite"), RatingWord(above=6, word="dobre")]}
    )
    assert [own.word_for(m) for m in (9.5, 7.0, 3.0)] == ["znakomite", "dobre", None]


def test_an_answer_in_words_must_lie_on_the_scale() -> None:
    with pytest.raises(ValueError, match="outside the scale 1–5"):
        SurveySettings(questions=[SurveyQuestion(id="q", column="Q", label="q")], answers={"super": 6})


def test_a_word_no_mean_can_reach_is_pointed_out(cli, example: Path) -> None:
    programme = example / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("{ above: 4.5, word:", "{ above: 5.5, word:"), encoding="utf-8")
    result = cli("validate", "-p", example, "--today", "2018-11-05")
    assert "warning[W160]: no mean reaches 5.5 on a scale of 1–5: 'bardzo wysokie' is never said" in result.stdout
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "above: 4.5" in row)
    assert f"programme.yaml:{line}:" in result.stdout
