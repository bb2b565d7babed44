"""Writing files: atomic, never half-written, clear about failures, private where it must be.

Tests run as root in CI, where a folder with mode 0o500 is still writable. The
real-filesystem failures therefore use what stops root too: a file where a
folder should be, a folder where the file should be, an immutable folder
(`chattr +i`, where the filesystem supports it), and a read-only folder written
by a child process that `setpriv` has stripped of root's permission override.
Full disks and read-only filesystems are simulated by making the system call fail.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from jstevents.commands import files
from jstevents.commands.files import write_bytes, write_text
from jstevents.errors import JsteventsError

POSIX = os.name == "posix"
SRC = Path(files.__file__).parent
OLD = "the previous version\n"


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write may have left behind (`.NAME.xxxx.tmp`)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test, then put the old one back."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_to(value: int) -> None:
        os.umask(value)

    yield set_to
    os.umask(saved)


# --- atomic replacement --------------------------------------------------------


def test_write_replaces_the_whole_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "list.csv"
    write_text(target, "first\n")
    write_text(target, "second\n")
    assert target.read_text(encoding="utf-8") == "second\n"
    assert leftovers(target.parent) == []


def test_interrupted_write_keeps_the_earlier_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "komunikat.md"
    target.write_text(OLD, encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text(target, "half of the new version")
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


# --- failures on a real filesystem (these stop root as well) ----------------------


def test_parent_path_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text(OLD, encoding="utf-8")
    with pytest.raises(JsteventsError) as caught:
        write_text(blocker / "schema.json", "{}")
    assert f"{blocker.as_posix()} is a file, not a folder" in caught.value.message
    assert caught.value.hint
    assert blocker.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_target_is_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    target.mkdir()
    (target / "keep.txt").write_text(OLD, encoding="utf-8")
    with pytest.raises(JsteventsError) as caught:
        write_text(target, "{}")
    assert "it is a folder" in caught.value.message
    assert (target / "keep.txt").read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


@pytest.fixture
def immutable_folder(tmp_path: Path):
    """A folder nobody, root included, can create files in (Linux `chattr +i`)."""
    folder = tmp_path / "frozen"
    folder.mkdir()
    (folder / "schema.json").write_text(OLD, encoding="utf-8")
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available on this system or filesystem")
    try:
        yield folder
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_immutable_folder_gives_a_clear_error_and_keeps_the_file(immutable_folder: Path) -> None:
    target = immutable_folder / "schema.json"
    with pytest.raises(JsteventsError) as caught:
        write_text(target, "{}")
    assert caught.value.message == f"cannot write {target.as_posix()}: permission denied"
    assert "writable" in (caught.value.hint or "")
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(immutable_folder) == []


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_for_an_ordinary_user(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "schema.json"
    target.write_text(OLD, encoding="utf-8")
    folder.chmod(0o500)
    try:
        with pytest.raises(JsteventsError, match="permission denied"):
            write_text(target, "{}")
    finally:
        folder.chmod(0o700)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(folder) == []


def _without_override(command: list[str]) -> list[str] | None:
    """`command` run as root without the capabilities that let root ignore permissions."""
    setpriv = shutil.which("setpriv")
    if not POSIX or os.geteuid() != 0 or setpriv is None:
        return None
    drop = "-dac_override,-dac_read_search"
    wrapped = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}", *command]
    probe = subprocess.run(wrapped[: -len(command)] + ["true"], capture_output=True)
    return wrapped if probe.returncode == 0 else None


def test_cli_schema_into_a_read_only_folder_as_root_without_override(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "jstevents.schema.json"
    target.write_text(OLD, encoding="utf-8")
    command = _without_override([sys.executable, "-m", "jstevents", "schema", "-o", str(target)])
    if command is None:
        pytest.skip("needs root and setpriv (an ordinary user runs test_read_only_folder_for_an_ordinary_user)")
    folder.chmod(0o500)
    try:
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
        run = subprocess.run(command, capture_output=True, text=True, env=env)
    finally:
        folder.chmod(0o700)
    assert run.returncode == 1, run.stderr
    assert f"cannot write {target.as_posix()}: permission denied" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(folder) == []


# --- simulated failures: full disk, read-only filesystem ---------------------------


@pytest.mark.parametrize(
    ("call", "error", "expected"),
    [
        ("replace", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EROFS, "read-only"),
        ("mkstemp", errno.EROFS, "read-only"),
        ("mkstemp", errno.EACCES, "permission denied"),
        ("replace", errno.EIO, "Input/output error"),
    ],
    ids=[
        "disk-full-on-rename",
        "disk-full-on-flush",
        "read-only-on-rename",
        "read-only-on-create",
        "permission-denied-on-create",
        "io-error-on-rename",
    ],
)
def test_simulated_failures_keep_the_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, error: int, expected: str
) -> None:
    target = tmp_path / "lista.csv"
    target.write_text(OLD, encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    owner = files.tempfile if call == "mkstemp" else files.os
    monkeypatch.setattr(owner, call, fail)
    with pytest.raises(JsteventsError) as caught:
        write_bytes(target, b"new")
    assert expected in caught.value.message
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


# --- through the command line: a message, exit 1, no traceback ------------------------


def test_cli_schema_into_a_path_under_a_file(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text(OLD, encoding="utf-8")
    result = cli("schema", "-o", blocker / "schema.json")
    assert result.exit_code == 1
    assert "error: cannot write" in result.stderr and "is a file, not a folder" in result.stderr
    assert "hint:" in result.stderr
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == OLD


def test_cli_schema_on_a_full_disk(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "jstevents.schema.json"
    target.write_text(OLD, encoding="utf-8")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    result = cli("schema", "-o", target)
    assert result.exit_code == 1
    assert "the disk is full" in result.stderr and "left as it was" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


def test_cli_schema_into_an_immutable_folder(cli, immutable_folder: Path) -> None:
    result = cli("schema", "-o", immutable_folder / "schema.json")
    assert result.exit_code == 1
    assert "permission denied" in result.stderr
    assert "Traceback" not in result.output
    assert (immutable_folder / "schema.json").read_text(encoding="utf-8") == OLD


def test_cli_error_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text(OLD, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "jstevents", "schema", "-o", str(blocker / "x.json")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert run.returncode == 1
    assert "is a file, not a folder" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


# --- permissions ------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
@pytest.mark.parametrize("mask", [0o022, 0o002, 0o000], ids=["umask-022", "umask-002", "umask-000"])
def test_personal_data_files_are_owner_only_whatever_the_umask(tmp_path: Path, umask, mask: int) -> None:
    umask(mask)
    target = tmp_path / "lista-obecnosci.csv"
    write_text(target, "Imię;E-mail\n", private=True)
    assert mode(target) == 0o600


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_rewriting_a_shared_file_as_personal_data_makes_it_private(tmp_path: Path, umask) -> None:
    umask(0o022)
    target = tmp_path / "journal.jsonl"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o644)
    write_text(target, "{}\n", private=True)
    assert mode(target) == 0o600


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
@pytest.mark.parametrize(
    ("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)], ids=["umask-022", "umask-002", "umask-077"]
)
def test_ordinary_outputs_honour_the_umask(tmp_path: Path, umask, mask: int, expected: int) -> None:
    umask(mask)
    target = tmp_path / "komunikat.html"
    write_text(target, "<p>Komunikat</p>\n")
    assert mode(target) == expected


# --- every write goes through files.py ------------------------------------------------------

_DIRECT_WRITE = re.compile(
    r"(?<!files)\.write_(?:text|bytes)\("
    r"|\bopen\([^)]*['\"][wax]b?\+?['\"]"
    r"|\bos\.(?:open|write)\("
    r"|\bshutil\.(?:copy\w*|move)\("
)


def test_only_files_py_writes_files() -> None:
    """A direct write could leave half a file behind, or a personal-data file readable by others."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "files.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _DIRECT_WRITE.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(SRC).as_posix()}:{number}: {line.strip()}")
    assert not offenders, "write through jstevents.files.write_bytes/write_text instead:\n" + "\n".join(offenders)
