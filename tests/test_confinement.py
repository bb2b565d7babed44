"""Files a project names are read only from inside its folder: regular files, with a bound, and a
refusal never shows what the file holds (a pull request's `validate` in CI must not print secrets).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jstevents.load.project import load_project

TODAY = dt.date(2017, 8, 1)
SECRET = "JSTEVENTS_TEST_SECRET=hunter2-do-not-print"


def problems(root: Path) -> list[tuple[str, int, int, str, str]]:
    result = load_project(root, today=TODAY)
    return [(Path(p.file).name, p.line, p.col, p.code, p.message) for p in result.problems]


def with_source(root: Path, file: str) -> None:
    (root / "sources.yaml").write_text(
        f'participant_sources:\n  - file: "{file}"\n    columns: {{name: "Imię i nazwisko", email: "E-mail"}}\n',
        encoding="utf-8",
    )


def secret_outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secrets.csv"
    secret.parent.mkdir()
    secret.write_text(f"{SECRET};x\n1;2\n", encoding="utf-8")
    return secret


def test_an_absolute_path_to_an_export_is_refused_without_showing_it(example: Path, tmp_path: Path, cli) -> None:
    with_source(example, secret_outside(tmp_path).as_posix())
    found = [p for p in problems(example) if p[0] == "sources.yaml"]
    assert [p[1:4] for p in found] == [(2, 11, "E130")]
    assert "absolute path" in found[0][4]
    result = cli("validate", "-p", example, "--today", "2017-08-01", "--format", "json")
    assert result.exit_code == 1
    assert "hunter2" not in result.output and "E130" in result.output
    assert "hunter2" not in cli("validate", "-p", example, "--today", "2017-08-01").output


def test_proc_self_environ_is_never_read(example: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JSTEVENTS_TEST_SECRET", "hunter2-do-not-print")
    with_source(example, "/proc/self/environ")
    for fmt in ("text", "json"):
        result = cli("validate", "-p", example, "--today", "2017-08-01", "--format", fmt)
        assert result.exit_code == 1 and "E130" in result.output
        assert "hunter2" not in result.output


def test_dot_dot_out_of_the_project_is_refused(example: Path, tmp_path: Path) -> None:
    secret_outside(tmp_path)
    with_source(example, "../outside/secrets.csv")
    found = [p for p in problems(example) if p[0] == "sources.yaml"]
    assert [p[3] for p in found] == ["E130"] and "'..'" in found[0][4]
    assert "hunter2" not in found[0][4]


def test_a_link_inside_the_project_to_a_file_outside_is_refused(example: Path, tmp_path: Path) -> None:
    (example / "zgloszenia.csv").symlink_to(secret_outside(tmp_path))
    with_source(example, "zgloszenia.csv")
    found = [p for p in problems(example) if p[0] == "sources.yaml"]
    assert [p[3] for p in found] == ["E130"] and "outside the project" in found[0][4]
    assert "hunter2" not in found[0][4]


def test_a_link_that_stays_inside_the_project_is_read(example: Path) -> None:
    (example / "exports").mkdir()
    (example / "exports" / "real.csv").write_text(
        "Imię i nazwisko;E-mail\nZofia Nowak;zofia.nowak@example.pl\n", encoding="utf-8"
    )
    (example / "zgloszenia.csv").symlink_to(example / "exports" / "real.csv")
    with_source(example, "zgloszenia.csv")
    # Read: the only problem is the row's own (no unit), from inside the file.
    assert [p[:4] for p in problems(example) if p[3] in ("E130", "E022")] == [("zgloszenia.csv", 2, 1, "E022")]


def test_a_folder_named_as_an_export_is_refused(example: Path) -> None:
    (example / "exports").mkdir()
    with_source(example, "exports")
    found = [p for p in problems(example) if p[0] == "sources.yaml"]
    assert [p[3] for p in found] == ["E130"] and "a folder" in found[0][4]


def _validate_in_a_child(root: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`validate` in its own process: a regression that hangs fails the test instead of holding the run."""
    return subprocess.run(
        [sys.executable, "-m", "jstevents", "validate", "-p", str(root), "--today", "2017-08-01"],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "JSTEVENTS_NO_CACHE": "1"},
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_named_as_an_export_is_refused_and_nothing_hangs(example: Path) -> None:
    os.mkfifo(example / "zgloszenia.csv")
    with_source(example, "zgloszenia.csv")
    result = _validate_in_a_child(example)
    assert result.returncode == 1, result.stderr
    assert "E130" in result.stdout + result.stderr and "named pipe" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_with_a_yaml_name_is_refused_and_nothing_hangs(example: Path) -> None:
    os.mkfifo(example / "venues-extra.yaml")
    result = _validate_in_a_child(example)
    assert result.returncode == 1
    assert "venues-extra.yaml:1:1: error[E007]" in result.stdout + result.stderr
    assert "named pipe" in result.stdout + result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_yaml_file_linked_to_dev_zero_is_refused_not_read_without_end(example: Path) -> None:
    (example / "zero.yaml").symlink_to("/dev/zero")
    found = [p for p in problems(example) if p[0] == "zero.yaml"]
    assert [p[1:4] for p in found] == [(1, 1, "E007")]


def test_a_yaml_file_linked_to_a_file_outside_is_refused(example: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"venues:\n  - id: {SECRET}\n    name: [\n", encoding="utf-8")
    (example / "shared.yaml").symlink_to(outside)
    found = [p for p in problems(example) if p[0] == "shared.yaml"]
    assert [p[3] for p in found] == ["E007"] and "outside the project" in found[0][4]
    assert "hunter2" not in found[0][4]


# --- funding logos -------------------------------------------------------------------------


def set_logo(root: Path, name: str) -> None:
    programme = root / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    old = "logos: [logos/fundusze-europejskie.png, logos/unia-europejska.png]"
    assert old in text
    programme.write_text(text.replace(old, f'logos: ["{name}"]'), encoding="utf-8")


def test_a_logo_outside_the_project_is_refused(example: Path, tmp_path: Path) -> None:
    set_logo(example, secret_outside(tmp_path).as_posix())
    found = [p for p in problems(example) if p[3] == "E130"]
    assert [p[:2] for p in found] == [("programme.yaml", 22)]
    assert "hunter2" not in found[0][4]


def test_a_logo_that_is_not_an_image_is_a_located_error_not_a_traceback(example: Path, cli) -> None:
    (example / "logos" / "fundusze-europejskie.png").write_text("not an image\n", encoding="utf-8")
    found = [p for p in problems(example) if p[3] == "E131"]
    assert [p[:3] for p in found] == [("programme.yaml", 22, 13)]
    result = cli("build", "-p", example, "-o", example.parent / "out", "--today", "2017-08-01")
    assert result.exit_code == 1
    assert "error[E131]" in result.output and "Traceback" not in result.output
    assert not (example.parent / "out").exists()


def test_real_logos_pass(example: Path) -> None:
    assert [p for p in problems(example) if p[3] in ("E114", "E130", "E131")] == []


def test_validate_json_never_holds_an_outside_files_first_line(example: Path, tmp_path: Path, cli) -> None:
    # The leak that was: E022 "its columns are: …" quoted the first line of the file named.
    with_source(example, "../outside/secrets.csv")
    secret_outside(tmp_path)
    result = cli("validate", "-p", example, "--today", "2017-08-01", "--format", "json")
    data = json.loads(result.stdout)
    assert all("hunter2" not in json.dumps(problem) for problem in data["problems"])
