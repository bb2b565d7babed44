"""Where a team checks files: CI annotations (`validate --format github|gitlab`) and the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO
from jstevents.outputs.annotations import github, gitlab
from jstevents.problems import Problem

_COMMAND = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=([EW]\d{3})::(.*)$")


@pytest.fixture
def broken(example: Path) -> Path:
    """The example with two errors (an unknown venue, an id with a space); on 20 August 2017 the sign-ups
    of module III have closed (two warnings)."""
    module = example / "modules" / "modul-3.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace("venue: holiday-park", "venue: holiday-prk"), "utf-8")
    roster = example / "participants.yaml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("unit: brodnica", "unit: brodnica x", 1), encoding="utf-8")
    return example


def _problems(cli, project: Path) -> list[dict]:
    return json.loads(cli("validate", "-p", project, "--today", "2017-08-20", "--format", "json").stdout)["problems"]


def test_github_format_has_one_located_command_per_problem(cli, broken: Path) -> None:
    expected = _problems(cli, broken)
    done = cli("validate", "-p", broken, "--today", "2017-08-20", "--format", "github")
    assert done.exit_code == 1
    commands = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == len(expected) == 4
    for line, problem in zip(commands, expected, strict=True):
        match = _COMMAND.match(line)
        assert match, line
        severity, file, row, col, code, message = match.groups()
        assert (severity, file, int(row), int(col), code) == (
            problem["severity"],
            problem["file"],
            problem["line"],
            problem["col"],
            problem["code"],
        )
        assert message == problem["message"]
    errors = [c for c in commands if c.startswith("::error ")]
    assert len(errors) == 2
    assert any("modules/modul-3.yaml,line=13,col=10,title=E020::unknown venue 'holiday-prk'" in c for c in errors)
    assert done.stdout.splitlines()[-1].endswith("2 error(s), 2 warning(s)")


def test_github_format_of_a_clean_project_prints_no_command(cli, example: Path) -> None:
    done = cli("validate", "-p", example, "--today", "2017-08-01", "--format", "github")
    assert done.exit_code == 0
    assert "::" not in done.stdout
    late = cli("validate", "-p", example, "--today", "2017-08-20", "--format", "github", "--strict")
    assert late.exit_code == 1  # warnings, with --strict


def test_github_values_are_escaped_as_the_toolkit_does() -> None:
    problem = Problem("a,b:c%.yaml", 3, 4, "E012", "100% wrong\nsecond line, with: colons")
    assert github([problem]) == (
        "::error file=a%2Cb%3Ac%25.yaml,line=3,col=4,title=E012::100%25 wrong%0Asecond line, with: colons\n"
    )


def test_paths_inside_the_working_folder_are_relative(cli, broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken.parent)
    done = cli("validate", "-p", broken.resolve(), "--format", "github")
    assert "::error file=events/modules/modul-3.yaml,line=13," in done.stdout
    report = json.loads(cli("validate", "-p", broken.resolve(), "--format", "gitlab").stdout)
    assert {issue["location"]["path"] for issue in report} >= {
        "events/modules/modul-3.yaml",
        "events/participants.yaml",
    }


def test_gitlab_code_quality_report(cli, broken: Path) -> None:
    expected = _problems(cli, broken)
    done = cli("validate", "-p", broken, "--today", "2017-08-20", "--format", "gitlab")
    assert done.exit_code == 1
    report = json.loads(done.stdout)
    assert len(report) == len(expected)
    for issue, problem in zip(report, expected, strict=True):
        assert issue["check_name"] == problem["code"]
        assert issue["description"] == f"{problem['code']}: {problem['message']}"
        assert issue["severity"] == {"error": "major", "warning": "minor"}[problem["severity"]]
        assert issue["location"] == {"path": problem["file"], "lines": {"begin": problem["line"]}}
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({issue["fingerprint"] for issue in report}) == len(report)

    # The same problems two lines further down keep their fingerprints: a merge request that adds lines
    # above a mistake does not show it as new.
    module = broken / "modules" / "modul-3.yaml"
    module.write_text("# one\n# two\n" + module.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(cli("validate", "-p", broken, "--today", "2017-08-20", "--format", "gitlab").stdout)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in report]
    assert [i["location"]["lines"]["begin"] for i in moved if i["check_name"] == "E020"] == [15]


def test_identical_problems_in_one_file_get_distinct_fingerprints() -> None:
    same = [Problem("p.yaml", line, 1, "E012", "unit: not a valid id") for line in (3, 9)]
    report = json.loads(gitlab(same))
    assert report[0]["fingerprint"] != report[1]["fingerprint"]


# --- the pre-commit hook ---------------------------------------------------------------------------------


def _hook() -> dict:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


def test_hook_definition_checks_the_whole_project_on_yaml_changes() -> None:
    hook = _hook()
    assert hook["id"] == "jstevents-validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False  # validate takes no file names: it checks the project
    files = re.compile(hook["files"])
    assert files.search("events/modules/modul-3.yaml") and files.search("programme/units.yml")
    assert not files.search("README.md") and not files.search("events/logos/ue.png")


def test_hook_entry_against_a_broken_file_exits_1_with_a_located_error(broken: Path) -> None:
    """What pre-commit runs, in the programme's repository (cwd), with the console script it installs."""
    hook = _hook()
    command = shlex.split(hook["entry"]) + list(hook.get("args", []))
    installed = shutil.which(command[0], path=str(Path(sys.executable).parent))
    assert installed, "the console script `jstevents` is not installed next to the interpreter"
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("JSTEVENTS_PROJECT", None)
    done = subprocess.run(
        [installed, *command[1:]], cwd=broken.parent, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "events/modules/modul-3.yaml:13:10: error[E020]: unknown venue 'holiday-prk'" in done.stdout
    assert re.search(r"^events/participants\.yaml:\d+:\d+: error\[E012\]", done.stdout, re.M)


# --- the ready CI files in the manual ----------------------------------------------------------------------


def _yaml_blocks(page: str) -> list[dict]:
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"^```yaml\n(.*?)^```$", text, re.S | re.M)]


def test_the_manual_holds_ready_ci_files() -> None:
    blocks = _yaml_blocks("tools.md")
    workflow = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(run.startswith("jstevents validate") and "--format github" in run for run in runs)
    job = next(b["jstevents"] for b in blocks if isinstance(b, dict) and "jstevents" in b)
    [script] = [line for line in job["script"] if line.startswith("jstevents validate")]
    assert "--format gitlab" in script
    assert script.rsplit("> ", 1)[1] == job["artifacts"]["reports"]["codequality"]
    config = next(b for b in blocks if isinstance(b, dict) and "repos" in b)
    assert config["repos"][0]["hooks"][0]["id"] == _hook()["id"]
    source = re.search(r'^Source = "(.+)"$', (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert source and config["repos"][0]["repo"] == source.group(1)  # the repository the package names
