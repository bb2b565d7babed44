"""`jstevents mail`: the dry run, and sending to a real SMTP server on 127.0.0.1.

The server is aiosmtpd in a thread; its handler records every accepted envelope, and can
refuse a recipient, drop the connection or hold a message, to play the failures a real
mail-out meets. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from helpers import Recorder, free_port
from jstevents.load.project import require_project

FAST = ("--rate", "6000")


def _smtp(port: int, security: str = "none") -> list[str]:
    return ["--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--smtp-security", security]


def _registered(project_dir: Path, event_id: str = "modul-3") -> dict[str, str]:
    """participant id → e-mail, for everybody registered for the event."""
    project = require_project(project_dir)
    return {r.participant: project.participants[r.participant].email for r in project.events[event_id].registrations}


def _texts(message: email.message.EmailMessage) -> str:
    """Every header and every decoded text part, as one string to search."""
    chunks = [f"{name}: {value}" for name, value in message.items()]
    for part in message.walk():
        chunks += [f"{name}: {value}" for name, value in part.items()]
        if part.get_content_maintype() == "text":
            chunks.append(part.get_content())
    return "\n".join(chunks)


def _journal(project_dir: Path, event_id: str = "modul-3") -> list[dict[str, str]]:
    path = project_dir / ".jstevents" / f"sent-{event_id}.jsonl"
    if not path.exists():
        return []
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Each message has a "sending" line before it goes and a "sent" line once accepted.
    return [entry for entry in lines if entry.get("status", "sent") == "sent"]


# --- the dry run -------------------------------------------------------------------------------


def test_dry_run_writes_one_parseable_eml_per_registered_participant(example: Path, cli) -> None:
    registered = _registered(example)
    assert len(registered) == 40
    result = cli("mail", "modul-3", "--project", example)
    assert result.exit_code == 0, result.output
    outbox = example.parent / "outbox" / "modul-3"
    files = sorted(outbox.glob("*.eml"))
    assert {f.stem for f in files} == set(registered)
    for path in files:
        if os.name == "posix":
            assert path.stat().st_mode & 0o077 == 0, f"{path.name} is readable by others"
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert not message.defects, (path.name, message.defects)
        assert [a.addr_spec for a in message["To"].addresses] == [registered[path.stem]]
        assert str(message["Subject"]).startswith("Komunikat nr 3 – ")
        attachments = [part.get_filename() for part in message.iter_attachments()]
        assert attachments == [
            "wykaz-jst-i-opiekunow.pdf",
            "modul-3.ics",
            "modul-3-terminy.ics",
        ]  # the letter promises the list
    assert "40 message(s)" in result.stdout
    assert "Komunikat nr 3 – " in result.stdout
    assert "modul-3.ics" in result.stdout
    assert outbox.as_posix() in result.stdout
    assert "--send" in result.stdout
    assert _journal(example) == [], "a dry run must not touch the send journal"


def test_dry_run_outbox_option_and_selection(example: Path, cli, tmp_path: Path) -> None:
    result = cli("mail", "modul-3", "--to", "unit:braniewo", "--outbox", tmp_path / "preview", "--project", example)
    assert result.exit_code == 0, result.output
    project = require_project(example)
    expected = {
        r.participant
        for r in project.events["modul-3"].registrations
        if project.participants[r.participant].unit == "braniewo"
    }
    assert expected and {p.stem for p in (tmp_path / "preview").glob("*.eml")} == expected


@pytest.mark.parametrize(
    ("selection", "message", "hint"),
    [
        ("network:powiat", "no network with id 'powiat'", "did you mean 'powiaty'?"),
        ("unit:braniew", "no unit (JST) with id 'braniew'", "did you mean 'braniewo'?"),
        ("participant:anna-lewandowsk", "has the id 'anna-lewandowsk'", "did you mean 'anna-lewandowska'?"),
        ("everyone", "cannot read the recipient selection 'everyone'", "network:ID"),
    ],
)
def test_unknown_selection_is_refused_with_a_suggestion(
    example: Path, cli, selection: str, message: str, hint: str
) -> None:
    result = cli("mail", "modul-3", "--to", selection, "--project", example)
    assert result.exit_code == 1
    assert message in result.stderr and hint in result.stderr
    assert "Traceback" not in result.output
    assert not (example.parent / "outbox").exists()


def test_network_selection_takes_only_that_network(example: Path) -> None:
    from jstevents.commands.mail.recipients import select_recipients

    project = require_project(example)
    event = project.events["modul-3"]
    chosen = select_recipients(project, event, "network:powiaty")
    everyone = select_recipients(project, event, "all")
    assert 0 < len(chosen) < len(everyone)
    for participant in everyone:
        network = participant.network or project.units[participant.unit].network
        assert (participant in chosen) == (network == "powiaty")


# --- sending ------------------------------------------------------------------------------------


def test_every_recipient_gets_exactly_one_message_naming_nobody_else(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    registered = _registered(example)
    result = cli("mail", "modul-3", "--send", *FAST, *_smtp(port), "--project", example)
    assert result.exit_code == 0, result.output
    assert "Sent 40, skipped 0 (already sent), failed 0" in result.stdout

    assert Counter(recorder.recipients()) == Counter(registered.values())
    message_ids = set()
    for mail_from, rcpts, raw in recorder.accepted:
        assert mail_from == "piotr.matuszak@ore.edu.pl"
        assert len(rcpts) == 1
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert [a.addr_spec for a in message["To"].addresses] == rcpts
        assert message["Cc"] is None and message["Bcc"] is None
        assert message["From"].addresses[0].addr_spec == "piotr.matuszak@ore.edu.pl"
        assert str(message["Subject"]).startswith("Komunikat nr 3 – ")
        assert message["Date"] is not None
        message_ids.add(str(message["Message-ID"]))
        (ics,) = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
        assert ics.get_filename() == "modul-3.ics" and ics.get_param("method") == "REQUEST"
        assert b"BEGIN:VCALENDAR" in ics.get_payload(decode=True)
        text = _texts(message).casefold()
        others = [address for address in registered.values() if address != rcpts[0]]
        leaked = [address for address in others if address.casefold() in text]
        assert not leaked, f"the message to {rcpts[0]} names {leaked}"
    assert len(message_ids) == 40, "each message needs its own Message-ID"

    journal = _journal(example)
    assert sorted(entry["participant"] for entry in journal) == sorted(registered)
    assert {entry["message_id"] for entry in journal} == message_ids
    assert all(entry["reply"].startswith("250") for entry in journal)
    if os.name == "posix":
        assert (example / ".jstevents" / "sent-modul-3.jsonl").stat().st_mode & 0o077 == 0

    again = cli("mail", "modul-3", "--send", *FAST, *_smtp(port), "--project", example)
    assert again.exit_code == 0, again.output
    assert "Sent 0, skipped 40 (already sent), failed 0" in again.stdout
    assert len(recorder.accepted) == 40


def test_an_address_with_polish_letters_goes_as_smtputf8(smtp_server) -> None:
    # The SMTP layer alone: whether a message can name such an address is the message builder's business.
    from jstevents.commands.mail.smtp import Session, SmtpSettings

    recorder, port, _ = smtp_server()
    raw = "From: a@example.pl\r\nTo: łucja.lis@example.pl\r\nSubject: test\r\n\r\nTreść\r\n".encode()
    with Session(SmtpSettings(host="127.0.0.1", port=port, security="none")) as session:
        reply = session.deliver("a@example.pl", "łucja.lis@example.pl", raw)
    assert reply.startswith("250")
    assert recorder.recipients() == ["łucja.lis@example.pl"]


def test_limit_sends_a_few_and_the_next_run_the_rest(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    first = cli("mail", "modul-3", "--send", "--limit", "3", *FAST, *_smtp(port), "--project", example)
    assert first.exit_code == 0, first.output
    assert "Sent 3, skipped 0 (already sent), failed 0, not sent in this run 37" in first.stdout
    assert len(recorder.accepted) == 3
    rest = cli("mail", "modul-3", "--send", *FAST, *_smtp(port), "--project", example)
    assert "Sent 37, skipped 3" in rest.stdout
    assert Counter(recorder.recipients()) == Counter(_registered(example).values())


def test_a_refused_recipient_is_reported_and_retried_alone(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    registered = _registered(example)
    refused = registered["anna-lewandowska"]
    recorder.reject.add(refused)
    result = cli("mail", "modul-3", "--send", *FAST, *_smtp(port), "--project", example)
    assert result.exit_code == 1
    assert "Sent 39, skipped 0 (already sent), failed 1" in result.stdout
    assert f"failed anna-lewandowska <{refused}>: 550 5.1.1" in result.stdout
    assert "mailbox unavailable" in result.stdout
    assert sorted(recorder.recipients()) == sorted(a for a in registered.values() if a != refused)
    assert "anna-lewandowska" not in {entry["participant"] for entry in _journal(example)}

    recorder.reject.clear()
    again = cli("mail", "modul-3", "--send", *FAST, *_smtp(port), "--project", example)
    assert again.exit_code == 0, again.output
    assert "Sent 1, skipped 39 (already sent), failed 0" in again.stdout
    assert Counter(recorder.recipients()) == Counter(registered.values())


def test_a_dropped_connection_is_reopened_and_nothing_doubles(example: Path, cli, smtp_server) -> None:
    """The server drops the connection after the whole of message 3, without a reply: that message
    may have arrived, so it is uncertain and not sent again; the connection is reopened for the rest."""
    recorder = Recorder()

    async def drop_third(number: int, server: Any) -> str | None:
        if number == 3:
            server.transport.close()
            return "421 4.3.2 going away"
        return None

    recorder.on_data = drop_third
    recorder, port, _ = smtp_server(recorder)
    args = ("mail", "modul-3", "--to", "network:gminy-miejskie", "--send", *FAST, *_smtp(port), "--project", example)
    result = cli(*args)
    assert result.exit_code == 1, result.output
    project = require_project(example)
    from jstevents.commands.mail.recipients import select_recipients

    chosen = select_recipients(project, project.events["modul-3"], "network:gminy-miejskie")
    expected = [p.email for p in chosen]
    assert len(expected) >= 4
    assert f"Sent {len(expected) - 1}, skipped 0 (already sent), failed 0, uncertain 1" in result.stdout
    assert f"uncertain {chosen[2].id}" in result.stdout and "--retry-uncertain" in result.stdout
    assert Counter(recorder.recipients()) == Counter(expected[:2] + expected[3:])

    again = cli(*args)
    assert "Sent 0" in again.stdout and "uncertain 1" in again.stdout
    assert len(recorder.recipients()) == len(expected) - 1, "an uncertain message is never resent by itself"

    retried = cli(*args, "--retry-uncertain")
    assert retried.exit_code == 0, retried.output
    assert f"Sent 1, skipped {len(expected) - 1} (already sent)" in retried.stdout
    assert Counter(recorder.recipients()) == Counter(expected)


def test_a_server_gone_for_good_stops_cleanly_with_the_report(example: Path, cli, smtp_server) -> None:
    recorder = Recorder()

    async def vanish_at_third(number: int, server: Any) -> str | None:
        if number == 3:
            controller.server.close()  # no new connections from now on
            server.transport.close()
            return "421 4.3.2 going away"
        return None

    recorder.on_data = vanish_at_third
    recorder, port, controller = smtp_server(recorder)
    result = cli("mail", "modul-3", "--send", *FAST, *_smtp(port), "--project", example)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    # The third went out whole and the server vanished before replying: uncertain, not lost.
    assert "Sent 2, skipped 0 (already sent), failed 0, uncertain 1, not sent in this run 37" in result.stdout
    assert "connection lost" in result.stdout
    assert "Run the same command again" in result.stdout
    assert len(_journal(example)) == 2 == len(recorder.accepted)


def test_stop_request_ends_the_run_between_messages(example: Path, smtp_server) -> None:
    from jstevents.commands.mail.recipients import select_recipients
    from jstevents.commands.mail.send import send
    from jstevents.commands.mail.smtp import SmtpSettings

    recorder, port, _ = smtp_server()
    project = require_project(example)
    event = project.events["modul-3"]
    done: list[Any] = []
    report = send(
        project,
        event,
        select_recipients(project, event),
        rate=6000,
        smtp=SmtpSettings(host="127.0.0.1", port=port, security="none"),
        on_result=done.append,
        should_stop=lambda: len(done) >= 4,
    )
    assert report.stopped and "Ctrl-C" in report.stopped
    assert len(report.sent) == 4 and len(report.not_attempted) == 36
    assert len(recorder.accepted) == 4 == len(_journal(example))


def test_killed_sender_rerun_delivers_the_rest_without_duplicates(example: Path, smtp_server, tmp_path: Path) -> None:
    """SIGKILL while the server holds message 6: five are journaled, the re-run sends the other 35."""
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("SIGKILL is POSIX only")
    arrived, release = threading.Event(), threading.Event()
    recorder = Recorder()

    async def hold_sixth(number: int, server: Any) -> str | None:
        if number == 6:
            arrived.set()
            await asyncio.get_running_loop().run_in_executor(None, release.wait, 60)
            return "451 4.3.0 not accepted"  # the sender is dead by now: nothing was accepted
        return None

    recorder.on_data = hold_sixth
    recorder, port, _ = smtp_server(recorder)
    command = [
        sys.executable,
        "-m",
        "jstevents",
        "mail",
        "modul-3",
        "--send",
        *FAST,
        *_smtp(port),
        "--project",
        str(example),
    ]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    sender = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert arrived.wait(60), "the sender never reached the sixth message"
        sender.send_signal(signal.SIGKILL)
        sender.wait(timeout=30)
    finally:
        release.set()
        if sender.poll() is None:
            sender.kill()
            sender.wait(timeout=30)
        sender.stdout.close()  # type: ignore[union-attr]
        sender.stderr.close()  # type: ignore[union-attr]
    assert sender.returncode == -signal.SIGKILL
    assert len(recorder.accepted) == 5
    assert len(_journal(example)) == 5

    # The sixth had gone out whole when the sender died: nobody can tell whether it arrived, so
    # the re-run does not send it by itself, and says so.
    rerun = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 1, rerun.stdout + rerun.stderr
    assert "Sent 34, skipped 5 (already sent), failed 0, uncertain 1" in rerun.stdout
    assert len(recorder.accepted) == 39 and len(_journal(example)) == 39

    # The server's log shows it was refused (451): the coordinator sends it again.
    retry = subprocess.run(
        [*command, "--retry-uncertain"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert retry.returncode == 0, retry.stdout + retry.stderr
    assert "Sent 1, skipped 39 (already sent), failed 0" in retry.stdout
    assert Counter(recorder.recipients()) == Counter(_registered(example).values())
    assert len(_journal(example)) == 40


def test_ctrl_c_finishes_the_current_message_then_stops(example: Path, smtp_server, tmp_path: Path) -> None:
    """SIGINT while the server holds message 3: it is still accepted and journaled, then the run stops."""
    arrived, release = threading.Event(), threading.Event()
    recorder = Recorder()

    async def hold_third(number: int, server: Any) -> str | None:
        if number == 3:
            arrived.set()
            await asyncio.get_running_loop().run_in_executor(None, release.wait, 60)
        return None

    recorder.on_data = hold_third
    recorder, port, _ = smtp_server(recorder)
    command = [
        sys.executable,
        "-m",
        "jstevents",
        "mail",
        "modul-3",
        "--send",
        *FAST,
        *_smtp(port),
        "--project",
        str(example),
    ]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    sender = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert arrived.wait(60), "the sender never reached the third message"
        sender.send_signal(signal.SIGINT)
        # Accept the held message only once the sender has acknowledged the Ctrl-C.
        assert sender.stderr is not None
        seen = ""
        while "Stopping after the current message" not in seen:
            line = sender.stderr.readline()
            assert line, f"the sender ended without acknowledging Ctrl-C: {seen}"
            seen += line
        release.set()
        stdout, stderr = sender.communicate(timeout=60)
        stderr = seen + stderr
    finally:
        release.set()
        if sender.poll() is None:
            sender.kill()
            sender.communicate(timeout=30)
    assert sender.returncode == 130, stdout + stderr
    assert "Sent 3, skipped 0 (already sent), failed 0, not sent in this run 37" in stdout
    assert "Traceback" not in stderr
    assert len(recorder.accepted) == 3 == len(_journal(example))


def test_a_journal_that_cannot_be_written_stops_the_run(example: Path, smtp_server, monkeypatch) -> None:
    import errno

    from jstevents.commands.mail import journal
    from jstevents.commands.mail.recipients import select_recipients
    from jstevents.commands.mail.send import send
    from jstevents.commands.mail.smtp import SmtpSettings
    from jstevents.errors import JsteventsError

    journals: set[int] = set()
    open_journal, fsync = journal._open_journal, os.fsync

    def opened(path: Path, **kwargs: Any) -> int:
        fd = open_journal(path, **kwargs)
        journals.add(fd)
        return fd

    def disk_full_for_the_journal(fd: int) -> None:
        if fd in journals:
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(fd)

    recorder, port, _ = smtp_server()
    project = require_project(example)
    event = project.events["modul-3"]
    monkeypatch.setattr(journal, "_open_journal", opened)
    monkeypatch.setattr(os, "fsync", disk_full_for_the_journal)
    with pytest.raises(JsteventsError) as caught:
        send(
            project,
            event,
            select_recipients(project, event),
            rate=6000,
            smtp=SmtpSettings(host="127.0.0.1", port=port, security="none"),
        )
    # The "sending" line could not be made: the message itself never went.
    assert "nothing was sent to 'lukasz-zolc'" in caught.value.message
    assert "No space left on device" in caught.value.message
    assert len(recorder.accepted) == 0, "nothing may be sent unless the journal can say so"


def test_a_torn_journal_line_is_ignored_and_the_next_entry_starts_clean(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    first = cli("mail", "modul-3", "--send", "--limit", "2", *FAST, *_smtp(port), "--project", example)
    assert first.exit_code == 0, first.output
    path = example / ".jstevents" / "sent-modul-3.jsonl"
    with path.open("ab") as handle:
        handle.write(b'{"participant": "half-writ')  # what a kill in mid-write leaves
    rest = cli("mail", "modul-3", "--send", *FAST, *_smtp(port), "--project", example)
    assert rest.exit_code == 0, rest.output
    assert "Sent 38, skipped 2" in rest.stdout
    assert len(_journal_lines_that_parse(path)) == 40


def _journal_lines_that_parse(path: Path) -> list[dict[str, str]]:
    parsed = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            parsed.append(json.loads(line))
        except ValueError:
            continue
    return [entry for entry in parsed if entry.get("status", "sent") == "sent"]


# --- TLS and login ------------------------------------------------------------------------------


def _self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        _self_signed_with_cryptography(cert, key)
    except ImportError:
        openssl = shutil.which("openssl")
        if openssl is None:
            pytest.skip("neither the cryptography package nor the openssl command is available")
        subprocess.run(
            [
                openssl,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                str(key),
                "-out",
                str(cert),
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    return cert, key


def _self_signed_with_cryptography(cert_path: Path, key_path: Path) -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
    )


def _authenticator(logins: list[str]) -> Any:
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"koordynator", b"tajne-haslo")
        if ok:
            logins.append(data.login.decode())
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd itself answers 535

    return authenticate


@pytest.fixture
def tls_server(smtp_server, tmp_path: Path):
    """aiosmtpd requiring STARTTLS and a login (user `koordynator`, password `tajne-haslo`)."""
    import ssl

    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[str] = []
    recorder, port, _ = smtp_server(
        tls_context=context,
        require_starttls=True,
        auth_required=True,
        auth_require_tls=True,
        authenticator=_authenticator(logins),
    )
    return recorder, port, logins


@pytest.fixture
def smtps_server(smtp_server, tmp_path: Path):
    """aiosmtpd speaking TLS from the first byte (port-465 style), with the same login."""
    import ssl

    cert, key = _self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[str] = []
    recorder, port, _ = smtp_server(
        ssl_context=context,
        auth_required=True,
        auth_require_tls=False,
        authenticator=_authenticator(logins),
    )
    return recorder, port, logins


# aiosmtpd's auth_require_tls looks only at STARTTLS; here TLS starts with the connection.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_ssl_with_login_works_with_insecure_and_is_refused_without(
    example: Path, cli, smtps_server, monkeypatch
) -> None:
    recorder, port, logins = smtps_server
    monkeypatch.setenv("JSTEVENTS_SMTP_PASSWORD", "tajne-haslo")
    args = (
        "mail",
        "modul-3",
        "--to",
        "unit:braniewo",
        "--send",
        *FAST,
        *_smtp(port, "ssl"),
        "--smtp-user",
        "koordynator",
        "--project",
        example,
    )
    refused = cli(*args)
    assert refused.exit_code == 1
    assert "could not be verified" in refused.stderr and "Traceback" not in refused.output
    assert recorder.accepted == []
    result = cli(*args, "--insecure")
    assert result.exit_code == 0, result.output
    assert "Sent 2, skipped 0 (already sent), failed 0" in result.stdout
    assert len(recorder.accepted) == 2 and logins == ["koordynator"]


def test_starttls_with_login_works_with_insecure(example: Path, cli, tls_server, monkeypatch) -> None:
    recorder, port, logins = tls_server
    monkeypatch.setenv("JSTEVENTS_SMTP_PASSWORD", "tajne-haslo")
    result = cli(
        "mail",
        "modul-3",
        "--to",
        "unit:braniewo",
        "--send",
        *FAST,
        *_smtp(port, "starttls"),
        "--smtp-user",
        "koordynator",
        "--insecure",
        "--project",
        example,
    )
    assert result.exit_code == 0, result.output
    assert "NOT verified" in result.stderr
    assert "Sent 2, skipped 0 (already sent), failed 0" in result.stdout
    assert len(recorder.accepted) == 2 and logins == ["koordynator"]


def test_starttls_without_insecure_refuses_the_self_signed_certificate(
    example: Path, cli, tls_server, monkeypatch
) -> None:
    recorder, port, logins = tls_server
    monkeypatch.setenv("JSTEVENTS_SMTP_PASSWORD", "tajne-haslo")
    result = cli(
        "mail",
        "modul-3",
        "--to",
        "unit:braniewo",
        "--send",
        *FAST,
        *_smtp(port, "starttls"),
        "--smtp-user",
        "koordynator",
        "--project",
        example,
    )
    assert result.exit_code == 1
    assert "certificate" in result.stderr and "could not be verified" in result.stderr
    assert "--insecure" in result.stderr
    assert "Traceback" not in result.output
    assert recorder.accepted == [] and logins == [] and _journal(example) == []


def test_a_wrong_password_is_reported_without_sending(example: Path, cli, tls_server, monkeypatch) -> None:
    recorder, port, _ = tls_server
    monkeypatch.setenv("JSTEVENTS_SMTP_PASSWORD", "zle-haslo")
    result = cli(
        "mail",
        "modul-3",
        "--to",
        "unit:braniewo",
        "--send",
        *FAST,
        *_smtp(port, "starttls"),
        "--smtp-user",
        "koordynator",
        "--insecure",
        "--project",
        example,
    )
    assert result.exit_code == 1
    assert "refused the login of 'koordynator': 535" in result.stderr
    assert "JSTEVENTS_SMTP_PASSWORD" in result.stderr
    assert recorder.accepted == []


def test_the_password_is_asked_for_when_not_in_the_environment(example: Path, cli, tls_server, monkeypatch) -> None:
    recorder, port, logins = tls_server
    monkeypatch.delenv("JSTEVENTS_SMTP_PASSWORD", raising=False)
    result = cli(
        "mail",
        "modul-3",
        "--to",
        "unit:braniewo",
        "--send",
        *FAST,
        *_smtp(port, "starttls"),
        "--smtp-user",
        "koordynator",
        "--insecure",
        "--project",
        example,
        input="tajne-haslo\n",
    )
    assert result.exit_code == 0, result.output
    assert "tajne-haslo" not in result.output
    assert logins == ["koordynator"] and len(recorder.accepted) == 2


def test_a_password_over_plain_smtp_is_refused(example: Path, cli, monkeypatch) -> None:
    monkeypatch.setenv("JSTEVENTS_SMTP_PASSWORD", "tajne-haslo")
    result = cli(
        "mail", "modul-3", "--send", *_smtp(free_port(), "none"), "--smtp-user", "koordynator", "--project", example
    )
    assert result.exit_code == 1
    assert "unencrypted connection" in result.stderr


def test_the_command_line_loads_no_mail_machinery_until_mail_runs() -> None:
    names = "('smtplib', 'ssl', 'jstevents.mailout')"
    code = f"import sys, jstevents.cli; print(sorted(m for m in {names} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_quiet_send_prints_no_progress_bar_but_the_report(example: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    loud = cli("mail", "modul-3", "--send", "--limit", "1", *FAST, *_smtp(port), "--project", example)
    assert loud.exit_code == 0 and "Sending" in loud.stderr
    quiet = cli("-q", "mail", "modul-3", "--send", "--limit", "1", *FAST, *_smtp(port), "--project", example)
    assert quiet.exit_code == 0, quiet.output
    assert "Sending" not in quiet.stderr
    assert "Sent 1, skipped 1 (already sent)" in quiet.stdout
    assert len(recorder.accepted) == 2
