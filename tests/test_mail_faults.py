"""Exactly once against a server that misbehaves: slow replies, a trickle, 421, a full disk under
the journal, a journal that is a link, a password the wrong host could get.

The servers are aiosmtpd on 127.0.0.1 with a fault-injecting handler, or a bare socket for
what aiosmtpd cannot do (a greeting one byte at a time). Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import Recorder, free_port
from jstevents.load.project import require_project

FAST = ("--rate", "6000")
FEW = ("--to", "network:gminy-miejskie")


def _smtp(port: int) -> list[str]:
    return ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", "none"]


def _chosen(example: Path, to: str = "network:gminy-miejskie") -> list[Any]:
    from jstevents.commands.mail.recipients import select_recipients

    project = require_project(example)
    return select_recipients(project, project.events["modul-3"], to)


def _lines(example: Path) -> list[dict[str, str]]:
    path = example / ".jstevents" / "sent-modul-3.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- finding 5: a slow reply to the end of DATA --------------------------------------------------


def test_a_slow_reply_after_the_message_makes_it_uncertain_never_a_duplicate(example: Path, cli, smtp_server) -> None:
    """The server takes longer than --smtp-timeout to confirm message 2, then keeps it: once the
    sender resent it (41 deliveries for 40); now it is uncertain, and no run sends it again by itself."""

    class KeepsThenStalls(Recorder):
        """Keeps message 2 at once, then takes 3 s to say so: what a slow real server does."""

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            self.data_count += 1
            self.accepted.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
            if self.data_count == 2:
                await asyncio.sleep(3)
            return "250 2.0.0 Ok: queued"

    recorder, port, _ = smtp_server(KeepsThenStalls())
    chosen = _chosen(example)
    assert len(chosen) >= 3
    args = ("mail", "modul-3", *FEW, "--send", *FAST, *_smtp(port), "--smtp-timeout", "1", "--project", example)
    result = cli(*args)
    assert result.exit_code == 1, result.output
    assert f"Sent {len(chosen) - 1}, skipped 0 (already sent), failed 0, uncertain 1" in result.stdout
    assert f"uncertain {chosen[1].id}" in result.stdout
    assert Counter(recorder.recipients()) == Counter(p.email for p in chosen)
    again = cli(*args)
    assert "Sent 0" in again.stdout and "uncertain 1" in again.stdout
    assert Counter(recorder.recipients()) == Counter(p.email for p in chosen), "a second delivery"
    assert [e["status"] for e in _lines(example) if e["participant"] == chosen[1].id] == ["sending", "uncertain"]


@pytest.fixture
def trickling_server() -> Iterator[int]:
    """A server that sends its greeting one byte every half second, forever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                for byte in b"220-" + b"x" * 10_000:
                    if stop.wait(0.5):
                        break
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(10)
    listener.close()


def test_a_trickling_server_is_stopped_by_the_overall_deadline(example: Path, trickling_server: int) -> None:
    # One byte every 0.5 s never trips a 1 s timeout for each read; the deadline (4 × 1 s) ends it.
    command = [sys.executable, "-m", "jstevents", "mail", "modul-3", *FEW, "--send", *FAST]
    command += [*_smtp(trickling_server), "--smtp-timeout", "1", "--project", str(example)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no answer within 4 s" in result.stderr
    assert "Traceback" not in result.stderr


# --- finding 11: 421 for one recipient -----------------------------------------------------------


class Refuses421(Recorder):
    """Answers 421 ("try later") to RCPT for some addresses, every time."""

    def __init__(self, addresses: set[str]) -> None:
        super().__init__()
        self.deferred = addresses
        self.asked: Counter[str] = Counter()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.deferred:
            self.asked[address] += 1
            return "421 4.7.0 try again later"
        return await super().handle_RCPT(server, session, envelope, address, options)


def _send(example: Path, port: int, to: str = "network:gminy-miejskie", **settings: Any) -> Any:
    from jstevents.commands.mail.send import send
    from jstevents.commands.mail.smtp import SmtpSettings

    project = require_project(example)
    return send(
        project,
        project.events["modul-3"],
        _chosen(example, to),
        rate=None,
        smtp=SmtpSettings(host="127.0.0.1", port=port, security="none", backoff=(0.05, 0.05), **settings),
    )


def test_a_421_for_one_recipient_is_retried_a_few_times_then_the_run_goes_on(example: Path, smtp_server) -> None:
    chosen = _chosen(example)
    stubborn = chosen[1].email
    recorder, port, _ = smtp_server(Refuses421({stubborn}))
    report = _send(example, port)
    assert report.stopped is None
    assert [o.participant.id for o in report.failed] == [chosen[1].id]
    assert "421" in report.failed[0].reply and "left for a later run" in report.failed[0].reply
    assert recorder.asked[stubborn] == 3  # the first try and one after each of the two pauses
    assert Counter(recorder.recipients()) == Counter(p.email for p in chosen if p.email != stubborn)


def test_a_server_answering_421_to_everybody_stops_the_run(example: Path, smtp_server) -> None:
    chosen = _chosen(example, "all")
    recorder, port, _ = smtp_server(Refuses421({p.email for p in chosen}))
    report = _send(example, port, to="all")
    assert report.stopped is not None and "421" in report.stopped
    assert len(report.failed) == 3 and len(report.not_attempted) == len(chosen) - 3
    assert recorder.accepted == []


def test_a_server_reply_cannot_write_to_the_terminal(example: Path, cli, smtp_server) -> None:
    class Hostile(Recorder):
        async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
            return "550 \x1b[2J\x07 no such user"

    _, port, _ = smtp_server(Hostile())
    result = cli("mail", "modul-3", *FEW, "--send", *FAST, *_smtp(port), "--project", example)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b[2J\\x07 no such user" in result.stdout


# --- findings 6 and 7: the journal ---------------------------------------------------------------


def test_a_full_disk_after_the_server_accepted_is_reported_once_and_never_resent(
    example: Path, cli, smtp_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jstevents.commands.mail import journal

    recorder, port, _ = smtp_server()
    journals: set[int] = set()
    open_journal, write = journal._open_journal, os.write
    calls = Counter[str]()

    def opened(path: Path, **kwargs: Any) -> int:
        fd = open_journal(path, **kwargs)
        journals.add(fd)
        return fd

    def full_in_the_second_line(fd: int, data: bytes) -> int:
        if fd in journals:
            calls["write"] += 1
            if calls["write"] == 2:  # the "sending" line went to disk; half the "sent" line does
                write(fd, data[: len(data) // 2])
                raise OSError(errno.ENOSPC, "No space left on device")
        return write(fd, data)

    monkeypatch.setattr(journal, "_open_journal", opened)
    monkeypatch.setattr(os, "write", full_in_the_second_line)
    args = ("mail", "modul-3", *FEW, "--send", *FAST, *_smtp(port), "--project", example)
    result = cli(*args)
    assert result.exit_code == 1
    assert result.stderr.count("No space left on device") == 1, result.stderr
    assert "the server accepted the message to" in result.stderr and "--retry-uncertain" in result.stderr
    assert "Traceback" not in result.output
    assert len(recorder.accepted) == 1

    monkeypatch.setattr(os, "write", write)
    chosen = _chosen(example)
    rerun = cli(*args)
    assert f"Sent {len(chosen) - 1}, skipped 0 (already sent), failed 0, uncertain 1" in rerun.stdout
    assert "the journal has 1 line(s) that are not a whole entry (line 2" in rerun.stdout
    assert Counter(recorder.recipients()) == Counter(p.email for p in chosen), "the first was sent twice"


def test_a_torn_last_line_is_tolerated_and_reported(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    args = ("mail", "modul-3", *FEW, "--send", *FAST, *_smtp(port), "--project", example)
    assert cli(*args, "--limit", "1").exit_code == 0
    path = example / ".jstevents" / "sent-modul-3.jsonl"
    with path.open("ab") as handle:
        handle.write(b'{"participant": "half-writ')
    rest = cli(*args)
    assert rest.exit_code == 0, rest.output
    assert "the journal has 1 line(s) that are not a whole entry (line 3" in rest.stdout
    assert len(recorder.accepted) == len(_chosen(example))


@pytest.mark.skipif(os.name != "posix", reason="links and modes are POSIX")
@pytest.mark.parametrize("target", ["elsewhere", "/dev/null"])
def test_a_journal_that_is_a_link_is_refused(example: Path, cli, smtp_server, tmp_path: Path, target: str) -> None:
    recorder, port, _ = smtp_server()
    folder = example / ".jstevents"
    folder.mkdir(exist_ok=True)
    pointed = tmp_path / "world-readable.jsonl" if target == "elsewhere" else Path(target)
    if target == "elsewhere":
        pointed.write_text("", encoding="utf-8")
        pointed.chmod(0o644)
    (folder / "sent-modul-3.jsonl").symlink_to(pointed)
    result = cli("mail", "modul-3", *FEW, "--send", *FAST, *_smtp(port), "--project", example)
    assert result.exit_code == 1
    assert "is a link: refusing to follow it" in result.stderr
    assert recorder.accepted == []
    if target == "elsewhere":
        assert pointed.read_text(encoding="utf-8") == ""


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_a_journal_readable_by_others_is_made_owner_only(example: Path, cli, smtp_server) -> None:
    _, port, _ = smtp_server()
    folder = example / ".jstevents"
    folder.mkdir(exist_ok=True)
    path = folder / "sent-modul-3.jsonl"
    path.write_text("", encoding="utf-8")
    path.chmod(0o644)
    assert cli("mail", "modul-3", *FEW, "--send", *FAST, *_smtp(port), "--project", example).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o600


# --- finding 10: the password ----------------------------------------------------------------------


def test_insecure_never_allows_a_password_in_clear(example: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JSTEVENTS_SMTP_PASSWORD", "tajne-haslo")
    port = free_port()
    result = cli("mail", "modul-3", "--send", *_smtp(port), "--smtp-user", "ore", "--insecure", "--project", example)
    assert result.exit_code == 1
    assert "refusing to send the SMTP password over an unencrypted connection" in result.stderr
    assert "tajne-haslo" not in result.output


def _host_in_yaml(example: Path, host: str) -> None:
    programme = example / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    assert "smtp_host: smtp.example.invalid" in text
    programme.write_text(text.replace("smtp_host: smtp.example.invalid", f"smtp_host: {host}"), encoding="utf-8")


@pytest.mark.parametrize("answer", [None, "n\n"])
def test_the_environment_password_goes_to_a_host_from_yaml_only_when_confirmed(
    example: Path, cli, monkeypatch: pytest.MonkeyPatch, answer: str | None
) -> None:
    """A merged change of smtp_host must not send the password to another server unasked."""
    monkeypatch.setenv("JSTEVENTS_SMTP_PASSWORD", "tajne-haslo")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    _host_in_yaml(example, "127.0.0.1")
    try:
        args = ["mail", "modul-3", "--send", "--smtp-port", str(listener.getsockname()[1])]
        args += ["--smtp-security", "starttls", "--smtp-user", "ore", "--project", str(example)]
        result = cli(*args, input=answer)
        assert result.exit_code == 1
        assert "the password was not sent to 127.0.0.1" in result.stderr
        assert "--smtp-host" in result.stderr
        with pytest.raises(OSError):
            listener.accept()  # nobody connected
    finally:
        listener.close()
