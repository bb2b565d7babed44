"""The README documents every command and every exit code the CLI has."""

from __future__ import annotations

import re
from typing import Any

import typer.main

from conftest import REPO
from jstevents import cli as cli_module

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def _is_group(command: Any) -> bool:
    # Duck-typed: typer may use click or its own copy of it.
    return isinstance(getattr(command, "commands", None), dict)


def _commands(group: Any, prefix: tuple[str, ...] = ()):
    """Every command and sub-command of the CLI, as (path, click-style command)."""
    for name, command in sorted(group.commands.items()):
        if command.hidden:
            continue
        path = (*prefix, name)
        yield path, command
        if _is_group(command):
            yield from _commands(command, path)


COMMANDS = list(_commands(typer.main.get_command(cli_module.app)))


def _documented() -> list[str]:
    """First cells of the Commands table, e.g. `jstevents new module`."""
    cells = re.findall(r"^\| `(jstevents[^`]*)` \|", _section("Commands"), re.M)
    assert cells, "the Commands table is empty or not where it should be"
    return cells


def test_the_walk_finds_sub_commands() -> None:
    paths = {" ".join(path) for path, _ in COMMANDS}
    assert {"validate", "deadlines", "new", "new module"} <= paths


def test_every_command_has_help_text() -> None:
    missing = [" ".join(path) for path, command in COMMANDS if not (command.help or "").strip()]
    assert not missing, f"commands without help text: {missing}"


def test_every_command_is_in_the_readme_table() -> None:
    cells = _documented()
    missing = []
    for path, command in COMMANDS:
        if _is_group(command):
            continue  # a group is documented by its sub-commands
        name = "jstevents " + " ".join(path)
        if not any(cell == name or cell.startswith(name + " ") for cell in cells):
            missing.append(name)
    assert not missing, f"add rows to the README's Commands table for: {missing}"


def test_exit_codes_table_is_true() -> None:
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", _section("Commands"), re.M)}
    used = {cli_module.EXIT_OK, cli_module.EXIT_PROBLEMS, cli_module.EXIT_USAGE, cli_module.EXIT_INTERRUPTED}
    assert documented == used


def test_readme_table_of_checks_matches_the_codes() -> None:
    import re

    from jstevents.problems import CODES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = {
        m.group(1): (m.group(2), m.group(3).replace("`", ""))
        for m in re.finditer(r"^\| ([EW]\d{3}) \| (error|warning) \| (.+?) \|$", readme, re.MULTILINE)
    }
    assert rows == {code: (c.severity, c.summary.replace("`", "")) for code, c in CODES.items()}
