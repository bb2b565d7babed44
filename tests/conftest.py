"""Shared fixtures: the example project, scratch projects, and a CLI runner with stable output."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "events"


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # rich wraps at the terminal width and colours when it can: pin both.
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("JSTEVENTS_PROJECT", raising=False)


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # Set for the whole session, so that module-scoped fixtures loading a project before
    # any test starts do not use the user's own cache either.
    folder = tmp_path_factory.mktemp("jstevents-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JSTEVENTS_CACHE_DIR", str(folder))
        patch.delenv("JSTEVENTS_NO_CACHE", raising=False)
        yield folder


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch: pytest.MonkeyPatch, _session_cache: Path) -> None:
    # The load cache of the test session, never the user's own (~/.cache/jstevents).
    monkeypatch.setenv("JSTEVENTS_CACHE_DIR", str(_session_cache))
    monkeypatch.delenv("JSTEVENTS_NO_CACHE", raising=False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the example project, as `<tmp>/events`, safe to change."""
    target = tmp_path / "events"
    shutil.copytree(EXAMPLE, target)
    return target


def write(root: Path, files: dict[str, str]) -> Path:
    """Write a small file tree; text is dedented so tests can indent YAML naturally."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr
        self.output = stdout + stderr


@pytest.fixture
def cli():
    """Run `jstevents ARGS…` in-process; returns exit code, stdout and stderr."""
    from jstevents.cli import app

    def run(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run
