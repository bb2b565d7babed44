"""Global options and terminal behaviour: --quiet, --verbose, colours, and a light `--help`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import EXAMPLE

HEAVY = {"jinja2", "icalendar", "openpyxl", "typst", "babel", "pydantic"}

_RUN_HELP = """
import sys
sys.argv = ["jstevents", "--help"]
from jstevents.cli import main
try:
    main()
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def test_help_imports_no_heavy_library() -> None:
    done = subprocess.run([sys.executable, "-c", _RUN_HELP], capture_output=True, text=True, timeout=60)
    assert "jstevents" in done.stdout and "deadlines" in done.stdout
    modules = {line.split(".")[0] for line in done.stderr.splitlines()}
    assert "jstevents" in modules and "typer" in modules  # the listing is real
    assert modules & HEAVY == set()


def test_quiet_drops_the_success_line_but_keeps_results(cli) -> None:
    loud = cli("validate", "-p", EXAMPLE, "--today", "2017-08-20")
    quiet = cli("-q", "validate", "-p", EXAMPLE, "--today", "2017-08-20")
    assert loud.exit_code == quiet.exit_code == 0
    assert "✓" in loud.output and "✓" not in quiet.output
    assert "W103" in quiet.stdout  # warnings are results, never dropped


def test_quiet_new_writes_silently(cli, example) -> None:
    result = cli("--quiet", "new", "module", "--from", "modul-3", "-p", example)
    assert result.exit_code == 0
    assert "wrote" not in result.output
    assert (example / "modules" / "modul-4.yaml").is_file()


def test_verbose_names_the_files_read(cli) -> None:
    result = cli("-v", "deadlines", "-p", EXAMPLE, "--today", "2017-08-10", "--format", "json")
    assert result.exit_code == 0
    assert "read modules/modul-3.yaml" in result.stderr and "read programme.yaml" in result.stderr
    assert result.stdout.lstrip().startswith("[")  # stdout stays the command's output
    assert "read modules" not in cli("deadlines", "-p", EXAMPLE, "--today", "2017-08-10").output


def test_quiet_and_verbose_exclude_each_other(cli) -> None:
    assert cli("-q", "-v", "list", "-p", EXAMPLE).exit_code == 2


def _run(args: list[str], env: dict[str, str]) -> bytes:
    # The fixtures set NO_COLOR for every test; these tests decide it themselves.
    full = {**{k: v for k, v in os.environ.items() if k != "NO_COLOR"}, **env}
    return subprocess.run([sys.executable, "-m", "jstevents", *args], capture_output=True, env=full, timeout=60).stdout


_OVERDUE = ["deadlines", "-p", str(EXAMPLE), "--today", "2017-08-17"]


def test_no_escapes_when_piped() -> None:
    out = _run(_OVERDUE, {"TERM": "xterm-256color"})
    assert b"modul-3" in out and b"\x1b[" not in out


def _on_terminal(args: list[str], env: dict[str, str]) -> bytes:
    pty = pytest.importorskip("pty")
    import select

    full = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full.update(env, TERM="xterm-256color", COLUMNS="200")
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jstevents", *args], stdout=follower, stderr=follower, stdin=subprocess.DEVNULL, env=full
    )
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_help_is_plain_text_on_a_terminal() -> None:
    shown = _on_terminal(["--help"], {})
    assert b"deadlines" in shown and b"\x1b[" not in shown


# Help and usage errors are plain text on purpose: rich's help formatting doubles the start-up
# time of `jstevents --help` (docs/performance.md), so only command output is coloured.
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(
    ("args", "seen"),
    [(_OVERDUE, b"modul-3")],
    ids=["table"],
)
def test_colours_on_a_terminal_unless_no_color(args: list[str], seen: bytes) -> None:
    coloured = _on_terminal(args, {})
    assert seen in coloured and b"\x1b[" in coloured
    plain = _on_terminal(args, {"NO_COLOR": "1"})
    assert seen in plain and b"\x1b[" not in plain


def test_shell_completion_script_and_answers() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    # The console script, as a shell calls it: completion is keyed by the program's name.
    run = [str(Path(sys.executable).with_name("jstevents"))]
    script = subprocess.run([*run, "--show-completion", "bash"], capture_output=True, text=True, timeout=60)
    assert script.returncode == 0 and "complete " in script.stdout and "_JSTEVENTS_COMPLETE" in script.stdout
    # What bash asks when the user has typed `jstevents de<TAB>` and `jstevents attendees modul-3 --kind r<TAB>`.
    env = {**os.environ, "_JSTEVENTS_COMPLETE": "complete_bash"}
    words = subprocess.run(
        run, env={**env, "COMP_WORDS": "jstevents de", "COMP_CWORD": "1"}, capture_output=True, text=True, timeout=60
    )
    assert words.stdout.split() == ["deadlines"]
    kinds = subprocess.run(
        run,
        env={**env, "COMP_WORDS": "jstevents attendees modul-3 --kind r", "COMP_CWORD": "4"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert kinds.stdout.split() == ["rooming"]


def test_no_help_shows_a_stray_backslash(cli) -> None:
    from test_docs import COMMANDS

    for path, _ in COMMANDS:
        result = cli(*path, "--help")
        assert result.exit_code == 0, (path, result.output)
        assert "\\[" not in result.stdout, (path, result.stdout)
    assert "\\[" not in cli("--help").stdout
