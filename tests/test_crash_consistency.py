"""Build and import under concurrency, kills and files that change underfoot: `build/EVENT` is
always a whole build (the old or the new), nothing is left behind after the next run, two runs
never interleave, and the roster keeps its link and its permissions."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jstevents.commands import build

EVENT = "modul-3"


def whole(folder: Path) -> bool:
    """A finished build of the event: its overview page is there and names its files."""
    page = folder / "index.html"
    return page.is_file() and b"</html>" in page.read_bytes()


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if ".new-" in p.name or ".old-" in p.name)


def rebuild(cli, example: Path, out: Path, *events: str):  # type: ignore[no-untyped-def]
    return cli("build", *(events or (EVENT,)), "-p", example, "-o", out, "--today", "2017-08-01")


@pytest.fixture
def built(cli, example: Path, tmp_path: Path) -> Path:
    out = tmp_path / "build"
    assert rebuild(cli, example, out).exit_code == 0
    return out


class Killed(BaseException):
    """A kill at that point: nothing after it runs, not even clean-up."""


def kill_at(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make `build.<name>` the point where the process dies; clean-up does nothing, as after SIGKILL."""

    def die(*args: object, **kwargs: object) -> None:
        raise Killed(name)

    monkeypatch.setattr(build.shutil, "rmtree", lambda *a, **k: None)
    monkeypatch.setattr(build, name, die)


# --- finding 9: kills and leftovers -------------------------------------------------------------


@pytest.mark.parametrize("point", ["save_sequences", "_exchange", "_write_overview"])
def test_a_kill_at_any_step_leaves_a_whole_build_and_the_next_run_clears_up(
    cli, example: Path, built: Path, monkeypatch: pytest.MonkeyPatch, point: str
) -> None:
    every = ("build", "-p", example, "-o", built, "--today", "2017-08-01")  # every event, and the overview
    with monkeypatch.context() as patch:
        kill_at(patch, point)
        with pytest.raises(Killed):
            cli(*every)
    assert whole(built / EVENT), f"killed at {point}: {EVENT} is not a whole build"
    after = cli(*every)
    assert after.exit_code == 0, after.output
    assert whole(built / EVENT) and leftovers(built) == []


def test_a_build_set_aside_and_never_put_back_is_restored_by_the_next_run(
    cli, example: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where two folders cannot be swapped in one step, a kill between "set the old one aside"
    # and "put the new one in place" once left build/EVENT missing for good.
    monkeypatch.setattr(build, "_exchange", lambda a, b: False)
    real_rename = Path.rename

    def killed_on_the_second_rename(self: Path, target: Path) -> Path:
        if ".new-" in self.name:
            raise Killed("between the renames")
        return real_rename(self, target)

    with monkeypatch.context() as patch:
        patch.setattr(build.shutil, "rmtree", lambda *a, **k: None)
        patch.setattr(build.Path, "rename", killed_on_the_second_rename)
        with pytest.raises(Killed):
            rebuild(cli, example, built)
    assert not (built / EVENT).exists() and leftovers(built)
    result = rebuild(cli, example, built, "siec-2018-10")  # another event: the leftovers go anyway
    assert result.exit_code == 0, result.output
    assert whole(built / EVENT) and leftovers(built) == []


def test_staging_folders_of_killed_builds_are_removed(cli, example: Path, built: Path) -> None:
    for n in range(3):
        stale = built / f".{EVENT}.new-stale{n}"
        stale.mkdir()
        (stale / "lista-obecnosci.csv").write_text("Jan Kowalski;jan@example.pl\n", encoding="utf-8")
    assert len(leftovers(built)) == 3
    assert rebuild(cli, example, built).exit_code == 0
    assert leftovers(built) == []


# --- finding 4: one writing run at a time ---------------------------------------------------------


@pytest.fixture
def held(example: Path):  # type: ignore[no-untyped-def]
    """The project's lock held by another process, as a long build would hold it."""
    script = (
        "import sys, time\n"
        "from jstevents.commands.lock import project_lock\n"
        "with project_lock(sys.argv[1], 'build'):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script, str(example)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    yield holder
    holder.kill()
    holder.wait(timeout=30)


def test_a_second_writing_run_says_which_run_holds_the_project(
    cli, example: Path, tmp_path: Path, held, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jstevents.commands import lock

    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    out = tmp_path / "build"
    result = rebuild(cli, example, out)
    assert result.exit_code == 1
    assert f"is in use: jstevents build (process {held.pid}) is writing to it" in result.stderr
    assert not (out / EVENT).exists()
    roster = (example / "participants.yaml").read_bytes()
    export = tmp_path / "zgloszenia.csv"
    export.write_text("Imię i nazwisko;E-mail;JST\nJan Kowalczyk;jan.kowalczyk@example.pl;Miasto Rypin\n", "utf-8")
    imported = cli("import-participants", export, "-p", example)
    assert imported.exit_code == 1 and "is in use" in imported.stderr and "Written" not in imported.stdout
    assert (example / "participants.yaml").read_bytes() == roster


def test_two_builds_at_once_are_run_one_after_the_other(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    command = [sys.executable, "-m", "jstevents", "build", "-p", str(example), "-o", str(out)]
    command += ["--today", "2017-08-01"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stdout + stderr
    for event in ("modul-3", "siec-2018-10", "moderatorzy-2020-10", "moderatorzy-online-2020-11"):
        assert whole(out / event), event
    assert leftovers(out) == []


def test_an_import_never_writes_over_a_roster_changed_since_it_was_read(cli, example: Path, tmp_path: Path) -> None:
    """Two imports at once once both said "Written" and the second dropped the first's people."""
    from jstevents.commands.import_participants import DEFAULT_COLUMNS, apply_import, plan_import
    from jstevents.errors import StateError
    from jstevents.load.project import require_project

    first, second = tmp_path / "pierwsze.csv", tmp_path / "drugie.csv"
    first.write_text("Imię i nazwisko;E-mail;JST\nJan Kowalczyk;jan.kowalczyk@example.pl;Miasto Rypin\n", "utf-8")
    second.write_text("Imię i nazwisko;E-mail;JST\nOla Nowa;ola.nowa@example.pl;Miasto Rypin\n", "utf-8")
    slow = plan_import(require_project(example), second, dict(DEFAULT_COLUMNS))  # read, not yet written
    time.sleep(0.01)
    assert cli("import-participants", first, "-p", example).exit_code == 0
    with pytest.raises(StateError, match="changed while the import was being prepared"):
        apply_import(require_project(example), slow)
    assert "jan.kowalczyk@example.pl" in (example / "participants.yaml").read_text(encoding="utf-8")
    again = cli("import-participants", second, "-p", example)
    assert again.exit_code == 0, again.output
    text = (example / "participants.yaml").read_text(encoding="utf-8")
    assert "jan.kowalczyk@example.pl" in text and "ola.nowa@example.pl" in text


# --- finding 14: a file that changes while build reads it ------------------------------------------


def test_a_file_rewritten_while_the_build_reads_it_stops_the_build(
    cli, example: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (built / EVENT / "index.html").read_bytes()
    roster = example / "participants.yaml"
    real = build._write_event

    def rewritten_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        # Another program saves the roster while the documents are being made.
        roster.write_text(roster.read_text(encoding="utf-8") + "\n# zapisane w trakcie\n", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "_write_event", rewritten_meanwhile)
    result = rebuild(cli, example, built)
    assert result.exit_code == 1
    assert "participants.yaml changed while the build was reading the project; nothing was replaced" in result.stderr
    assert "✓" not in result.output
    assert (built / EVENT / "index.html").read_bytes() == before and leftovers(built) == []


# --- finding 8: the roster's link and permissions ---------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="links and modes are POSIX")
def test_import_keeps_a_linked_roster_linked_and_its_permissions(cli, example: Path, tmp_path: Path) -> None:
    roster = example / "participants.yaml"
    kept = example / ".private" / "participants.yaml"
    kept.parent.mkdir()
    roster.rename(kept)
    roster.symlink_to(Path(".private") / "participants.yaml")
    kept.chmod(0o640)
    export = tmp_path / "zgloszenia.csv"
    export.write_text("Imię i nazwisko;E-mail;JST\nJan Kowalczyk;jan.kowalczyk@example.pl;Miasto Rypin\n", "utf-8")
    result = cli("import-participants", export, "-p", example)
    assert result.exit_code == 0, result.output
    assert roster.is_symlink() and os.readlink(roster) == os.path.join(".private", "participants.yaml")
    assert "jan.kowalczyk@example.pl" in kept.read_text(encoding="utf-8")
    assert kept.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="modes are POSIX")
def test_new_participant_keeps_the_rosters_permissions(cli, example: Path) -> None:
    roster = example / "participants.yaml"
    roster.chmod(0o640)
    result = cli(
        "new", "participant", "--name", "Jan Kowalczyk", "--email", "jan.kowalczyk@example.pl",
        "--unit", "rypin", "-p", example,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert roster.stat().st_mode & 0o777 == 0o640
