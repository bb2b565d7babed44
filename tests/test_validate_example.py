"""The example project is valid, and validate/list/schema behave as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import EXAMPLE, REPO


def test_example_validates_clean_on_the_eve_of_module_iii(cli) -> None:
    result = cli("validate", "--project", EXAMPLE, "--today", "2017-08-01")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.stdout
    assert "40 participants" in result.stdout


def test_past_deadlines_warn_but_do_not_fail_unless_strict(cli) -> None:
    lenient = cli("validate", "--project", EXAMPLE, "--today", "2017-08-20")
    assert lenient.exit_code == 0
    assert "warning[W103]" in lenient.stdout
    assert "modul-3.yaml:" in lenient.stdout
    strict = cli("validate", "--project", EXAMPLE, "--today", "2017-08-20", "--strict")
    assert strict.exit_code == 1


def test_deadlines_of_a_finished_event_are_not_warned_about(cli) -> None:
    # After module III (21–23 August 2017) its sign-up deadlines are closed, not late: --strict
    # passes, as it must in a CI that validates every day.
    after = cli("validate", "--project", EXAMPLE, "--today", "2017-09-01", "--strict")
    assert after.exit_code == 0, after.output
    assert "W103" not in after.stdout


def test_validate_json_for_scripts(cli) -> None:
    result = cli("validate", "-p", EXAMPLE, "--today", "2017-08-20", "--format", "json")
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == 0
    codes = {p["code"] for p in report["problems"]}
    assert codes == {"W103"}
    assert all(p["line"] > 0 and p["file"].endswith(".yaml") for p in report["problems"])


def test_project_from_environment_variable(cli, monkeypatch) -> None:
    monkeypatch.setenv("JSTEVENTS_PROJECT", str(EXAMPLE))
    assert cli("validate", "--today", "2017-08-01").exit_code == 0


def test_missing_project_folder_is_a_clear_error(cli, tmp_path: Path) -> None:
    result = cli("validate", "-p", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert "does not exist" in result.stderr and "--project" in result.stderr
    assert "Traceback" not in result.output


def test_usage_error_exits_2(cli) -> None:
    assert cli("validate", "--format", "xml").exit_code == 2


def test_list_json_gives_iso_dates(cli) -> None:
    result = cli("list", "-p", EXAMPLE, "--today", "2017-08-01", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    module = rows["modul-3"]
    assert (module["kind"], module["start"], module["end"]) == ("module", "2017-08-21", "2017-08-23")
    assert module["title"] == "Moduł III szkolenia"
    assert module["next_deadline"]["at"] == "2017-08-16T16:00"  # the coach sign-up, before the walk's
    assert set(rows) == {"modul-3", "siec-2018-10", "moderatorzy-2020-10", "moderatorzy-online-2020-11"}


def test_list_table(cli) -> None:
    result = cli("list", "-p", EXAMPLE, "--today", "2017-08-01")
    assert result.exit_code == 0
    assert "modul-3" in result.stdout and "Hotel Holiday Park" in result.stdout


def test_version(cli) -> None:
    from jstevents import __version__

    assert cli("--version").stdout.strip() == f"jstevents {__version__}"


EXAMPLES = [EXAMPLE, REPO / "examples" / "malopolska"]


@pytest.mark.parametrize("example_project", EXAMPLES, ids=["events", "malopolska"])
def test_committed_schema_is_current(cli, example_project: Path) -> None:
    committed = (example_project / "jstevents.schema.json").read_text(encoding="utf-8")
    assert cli("schema").stdout == committed, f"run: jstevents schema -p {example_project.relative_to(REPO)}"


@pytest.mark.parametrize("example_project", EXAMPLES, ids=["events", "malopolska"])
def test_example_files_point_editors_at_the_schema(example_project: Path) -> None:
    for path in sorted(example_project.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        depth = len(path.relative_to(example_project).parts) - 1
        assert first == f"# yaml-language-server: $schema={'../' * depth}jstevents.schema.json", path


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci in (REPO / "README.md").read_text(encoding="utf-8")


def _as_an_editor_reads(path: Path) -> object:
    """The YAML as the YAML language server sees it: dates and times are strings there."""
    import datetime as dt

    import yaml

    def plain(value: object) -> object:
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=" ")
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_every_example_file_passes_the_schema_with_its_formats_checked() -> None:
    import jsonschema

    schema = json.loads((EXAMPLE / "jstevents.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted(EXAMPLE.rglob("*.yaml"))
    assert len(files) >= 8
    for path in files:
        errors = [
            f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(_as_an_editor_reads(path))
        ]
        assert errors == [], f"{path.relative_to(EXAMPLE)}: {errors}"
    module = _as_an_editor_reads(EXAMPLE / "modules" / "modul-3.yaml")["event"]
    assert validator.is_valid({"event": module})
    assert not validator.is_valid({"event": {**module, "hotle": 1}})
    # A time as JSON Schema's "time" format wants it is not how jstevents reads times.
    assert not validator.is_valid({"event": {**module, "schedule": {**module["schedule"], "start": "11:30:00+02:00"}}})


def test_schema_into_a_project_folder(cli, example: Path, tmp_path: Path) -> None:
    (example / "jstevents.schema.json").unlink()
    result = cli("schema", "--project", example)
    assert result.exit_code == 0, result.output
    assert (example / "jstevents.schema.json").read_text(encoding="utf-8") == cli("schema").stdout
    missing = cli("schema", "--project", tmp_path / "nowhere")
    assert missing.exit_code in (1, 2) and "nowhere" in missing.output
