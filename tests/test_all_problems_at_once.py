"""`validate` reports every problem in one run: a broken or missing programme hides nothing.

Each scenario plants several mistakes in a copy of the example project and checks that one
run of `jstevents validate` reports each of them (file, line, code), exits 1 and never
shows a traceback; in text and in JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

from jstevents.errors import JsteventsError
from jstevents.load.project import load_project, require_project

TODAY = "2017-08-01"
MODULE = "modules/modul-3.yaml"


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace `old` (found once) by `new` in a file; returns the 1-based line of the change."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def validate(cli, root: Path, *extra: str) -> tuple[set[tuple[str, int, str]], list[dict], object]:
    """One JSON run and one text run; both must agree. Returns (file, line, code), problems, text run."""
    report = cli("validate", "-p", root, "--today", TODAY, "--format", "json", *extra)
    assert report.exit_code == 1, report.output
    assert "Traceback" not in report.output
    problems = json.loads(report.stdout)["problems"]
    text = cli("validate", "-p", root, "--today", TODAY, *extra)
    assert text.exit_code == 1, text.output
    assert "Traceback" not in text.output
    for problem in problems:
        line = f"{problem['file']}:{problem['line']}:{problem['col']}: {problem['severity']}[{problem['code']}]"
        assert line in text.stdout, (line, text.stdout)
    found = {(Path(p["file"]).relative_to(root).as_posix(), p["line"], p["code"]) for p in problems}
    return found, problems, text


def plant_module_mistakes(root: Path) -> dict[str, int]:
    """An event that ends before it starts (E101) and a dangling venue (E020) in modul-3."""
    return {
        "E101": edit(
            root,
            MODULE,
            "dates: { start: 2017-08-21, end: 2017-08-23 }",
            "dates: { start: 2017-08-21, end: 2017-08-20 }",
        ),
        "E020": edit(root, MODULE, "venue: holiday-park\n", "venue: holiday-parkk\n"),
    }


# --- 1. a mistake in `programme:` -----------------------------------------------------------


def test_a_programme_mistake_does_not_hide_the_other_problems(cli, example: Path) -> None:
    typo = edit(example, "programme.yaml", "  signature:", "  signatur:")
    lines = plant_module_mistakes(example)
    found, problems, _ = validate(cli, example)
    assert ("programme.yaml", typo, "E010") in found, found
    assert (MODULE, lines["E101"], "E101") in found, found
    assert (MODULE, lines["E020"], "E020") in found, found
    # The contacts of the broken programme are known as written: the events' references to
    # them are not reported as dangling.
    assert not [p for p in problems if p["message"].startswith("unknown contact")], problems
    assert "did you mean 'signature'?" in next(p["message"] for p in problems if p["code"] == "E010")


def test_a_dangling_contact_is_found_even_when_the_programme_is_broken(cli, example: Path) -> None:
    typo = edit(example, "programme.yaml", "  signature:", "  signatur:")
    contact = (
        edit(example, MODULE, "16:00\n        contact: piotr-matuszak\n", "16:00\n        contact: piotr-matuszakk\n")
        + 1
    )
    found, problems, _ = validate(cli, example)
    assert ("programme.yaml", typo, "E010") in found, found
    assert (MODULE, contact, "E020") in found, found
    assert any("did you mean 'piotr-matuszak'?" in p["message"] for p in problems), problems


def test_a_programme_of_the_wrong_type_does_not_hide_the_other_problems(cli, example: Path) -> None:
    path = example / "programme.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\nprogramme:")] + "\nprogramme: [not, a, mapping]\n", encoding="utf-8")
    lines = plant_module_mistakes(example)
    found, problems, _ = validate(cli, example)
    assert {code for _, _, code in found} >= {"E012", "E101", "E020"}, found
    assert (MODULE, lines["E101"], "E101") in found and (MODULE, lines["E020"], "E020") in found, found
    assert "E009" not in {code for _, _, code in found}  # the programme is there, only wrong
    assert not [p for p in problems if p["message"].startswith("unknown contact")], problems


def test_a_programme_file_with_a_syntax_error_does_not_hide_the_other_problems(cli, example: Path) -> None:
    broken = edit(example, "programme.yaml", '  organiser_short: "ORE"\n', '  organiser_short: "ORE\n')
    lines = plant_module_mistakes(example)
    found, _, _ = validate(cli, example)
    assert any(file == "programme.yaml" and code == "E001" and line >= broken for file, line, code in found), found
    assert (MODULE, lines["E101"], "E101") in found and (MODULE, lines["E020"], "E020") in found, found
    # programme.yaml could not be read, so "no file defines `programme:`" would be wrong.
    assert "E009" not in {code for _, _, code in found}, found


def test_a_misspelt_programme_section_is_one_problem_not_two(cli, example: Path) -> None:
    typo = edit(example, "programme.yaml", "\nprogramme:\n", "\nprogramm:\n") + 1
    lines = plant_module_mistakes(example)
    found, problems, _ = validate(cli, example)
    assert ("programme.yaml", typo, "E010") in found, found
    assert "did you mean 'programme'?" in next(p["message"] for p in problems if p["code"] == "E010")
    assert (MODULE, lines["E101"], "E101") in found and (MODULE, lines["E020"], "E020") in found, found
    assert "E009" not in {code for _, _, code in found}, found


def test_the_cache_keeps_every_problem_on_the_next_run(cli, example: Path) -> None:
    """The clean files come from the load cache on the second run; the problems stay the same."""
    edit(example, "programme.yaml", "  signature:", "  signatur:")
    plant_module_mistakes(example)
    first, _, _ = validate(cli, example)
    again, _, _ = validate(cli, example)
    assert first == again
    edit(example, "programme.yaml", "  signatur:", "  signature:")
    fixed, _, _ = validate(cli, example)
    assert {code for _, _, code in fixed if code.startswith("E")} == {"E101", "E020"}, fixed


def test_without_a_valid_programme_the_library_gives_no_project(example: Path) -> None:
    edit(example, "programme.yaml", "  signature:", "  signatur:")
    plant_module_mistakes(example)
    result = load_project(example)
    assert result.project is None
    assert {p.code for p in result.errors} >= {"E010", "E101", "E020"}


# --- 2. no programme at all, and other mistakes ---------------------------------------------


def test_no_programme_is_reported_together_with_the_other_problems(cli, example: Path) -> None:
    (example / "programme.yaml").unlink()
    first = edit(example, "venues.yaml", "    capacity: 120\n", "    capacty: 120\n")
    lines = plant_module_mistakes(example)
    found, problems, _ = validate(cli, example)
    assert ("programme.yaml", 1, "E009") in found, found
    assert ("venues.yaml", first, "E010") in found, found
    assert (MODULE, lines["E101"], "E101") in found and (MODULE, lines["E020"], "E020") in found, found
    # Without a programme its contacts are unknown: references to them are not guessed at.
    assert not [p for p in problems if p["message"].startswith("unknown contact")], problems


def test_no_programme_is_reported_next_to_a_syntax_error_elsewhere(cli, example: Path) -> None:
    (example / "programme.yaml").unlink()
    (example / "bad.yaml").write_text("venues: [1, 2\n", encoding="utf-8")
    found, _, _ = validate(cli, example)
    assert ("programme.yaml", 1, "E009") in found, found
    assert ("bad.yaml", 2, "E001") in found, found


def test_a_second_programme_is_reported_even_when_one_is_broken(cli, example: Path) -> None:
    text = (example / "programme.yaml").read_text(encoding="utf-8")
    (example / "zz-second.yaml").write_text(text, encoding="utf-8")
    typo = edit(example, "programme.yaml", "  signature:", "  signatur:")
    found, _, _ = validate(cli, example)
    assert ("programme.yaml", typo, "E010") in found, found
    assert ("zz-second.yaml", 3, "E013") in found, found


# --- 3. a project folder that does not exist -------------------------------------------------


def test_a_missing_project_folder_is_a_located_e009(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    report = cli("validate", "-p", missing, "--format", "json")
    assert report.exit_code == 1, report.output
    assert "Traceback" not in report.output
    data = json.loads(report.stdout)
    assert data["ok"] is False and data["errors"] == 1
    [problem] = data["problems"]
    assert (problem["file"], problem["line"], problem["col"], problem["code"]) == (missing.as_posix(), 1, 1, "E009")
    assert "does not exist" in problem["message"]
    assert "--project" in problem["message"] and "JSTEVENTS_PROJECT" in problem["message"]

    text = cli("validate", "-p", missing)
    assert text.exit_code == 1, text.output
    assert "Traceback" not in text.output
    assert f"{missing.as_posix()}:1:1: error[E009]: project folder" in text.stdout
    assert "does not exist" in text.stderr and "--project" in text.stderr


def test_a_missing_project_folder_from_the_environment(cli, tmp_path: Path, monkeypatch) -> None:
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("JSTEVENTS_PROJECT", str(missing))
    report = cli("validate", "--format", "json")
    assert report.exit_code == 1, report.output
    [problem] = json.loads(report.stdout)["problems"]
    assert (problem["file"], problem["code"]) == (missing.as_posix(), "E009")


def test_other_commands_say_clearly_that_the_folder_is_missing(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for args in (("list",), ("build", "-o", tmp_path / "out")):
        result = cli(*args, "-p", missing)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output
        assert "does not exist" in result.stderr and "--project" in result.stderr, (args, result.stderr)
    assert not (tmp_path / "out").exists()


def test_the_library_reports_a_missing_folder_without_raising(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = load_project(missing)
    assert result.project is None
    assert [(p.file, p.line, p.col, p.code) for p in result.problems] == [(missing.as_posix(), 1, 1, "E009")]
    try:
        require_project(missing)
    except JsteventsError as exc:
        assert "does not exist" in exc.message and exc.hint and "--project" in exc.hint
    else:
        raise AssertionError("require_project accepted a missing folder")
