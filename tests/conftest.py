"""Shared fixtures: the example project, scratch projects, and a CLI runner with stable output."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLE, Recorder, Result, free_port


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


@pytest.fixture
def cli():
    """Run `jstevents ARGS…` in-process; returns exit code, stdout and stderr."""
    from jstevents.cli import app

    def run(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return run


# --- a real SMTP server on loopback ---------------------------------------------------------


@pytest.fixture
def smtp_server():
    """Start aiosmtpd on 127.0.0.1; returns (recorder, port, controller)."""
    from aiosmtpd.controller import Controller

    started: list[Any] = []

    def start(recorder: Recorder | None = None, **kwargs: Any) -> tuple[Recorder, int, Any]:
        recorder = recorder or Recorder()
        port = free_port()
        controller = Controller(recorder, hostname="127.0.0.1", port=port, ready_timeout=10, **kwargs)
        controller.start()
        started.append(controller)
        return recorder, port, controller

    yield start
    for controller in started:
        try:
            controller.stop()
        except Exception:  # a test may have closed the listening socket already
            pass


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The machine's Chromium, driven by Playwright; the test skips when either is missing."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()
