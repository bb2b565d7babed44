"""What tests share besides fixtures: the repository's paths, small file trees, an SMTP recorder."""

from __future__ import annotations

import socket
import textwrap
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "events"
#: A 2×1 white PNG: a funding logo for projects made in tests (a funding text needs one, W121).
TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00\x00{@\xe8\xdd"
    b"\x00\x00\x00\x0bIDATx\x9cc\xf8\x0f\x06\x00\x14\xf2\x05\xfb\xa4\r|^\x00\x00\x00\x00IEND\xaeB`\x82"
)


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


def build_example(out: Path, today: str) -> Path:
    """`jstevents build` of the example project into `out`, as of `today` (YYYY-MM-DD)."""
    from typer.testing import CliRunner

    from jstevents.cli import app

    result = CliRunner().invoke(app, ["build", "-p", str(EXAMPLE), "-o", str(out), "--today", today])
    assert result.exit_code == 0, result.output
    return out


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
