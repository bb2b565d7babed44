"""Shared fixtures: the example project, scratch projects, and a CLI runner with stable output."""

from __future__ import annotations

import shutil
import socket
import textwrap
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

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


# --- a real SMTP server on loopback ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """An aiosmtpd handler that keeps what it accepted."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, list[str], bytes]] = []
        self.reject: set[str] = set()
        self.data_count = 0
        #: Called on each DATA with its number; a returned status replaces acceptance.
        self.on_data: Callable[[int, Any], Awaitable[str | None]] | None = None

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.reject:
            return f"550 5.1.1 <{address}>: Recipient address rejected: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_count += 1
        if self.on_data is not None:
            status = await self.on_data(self.data_count, server)
            if status:
                return status
        self.accepted.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 2.0.0 Ok: queued"

    def recipients(self) -> list[str]:
        return [address for _, rcpts, _ in self.accepted for address in rcpts]


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
