"""The README documents every command and every exit code the CLI has; the manual in docs/ builds.

The README is the front door: it opens with the two set-up commands and stays short. The
manual is an MkDocs site (mkdocs.yml); every page of docs/ is in its nav, and
`mkdocs build --strict` checks the links between pages, anchors included.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from helpers import REPO
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


def test_table_of_checks_matches_the_codes() -> None:
    from jstevents.problems import CODES

    checks = (REPO / "docs" / "checks.md").read_text(encoding="utf-8")
    rows = {
        m.group(1): (m.group(2), m.group(3).replace("`", ""))
        for m in re.finditer(r"^\| ([EW]\d{3}) \| (error|warning) \| (.+?) \|$", checks, re.MULTILINE)
    }
    assert rows == {code: (c.severity, c.summary.replace("`", "")) for code, c in CODES.items()}


# The front door: README.md

README_LIMIT = 12 * 1024

INSTALL_AND_BUILD = (
    "python3 -m venv .venv && .venv/bin/pip install -q . && "
    ".venv/bin/jstevents validate --today 2017-08-01 && .venv/bin/jstevents build --today 2017-08-01"
)
INSTALL_AND_TEST = 'python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/python -m pytest -q'


def test_readme_is_short() -> None:
    size = len((REPO / "README.md").read_bytes())
    assert size <= README_LIMIT, f"README.md is {size} bytes; move detail into docs/ (limit {README_LIMIT})"


def test_readme_opens_with_the_two_set_up_commands() -> None:
    first_heading = re.search(r"^## ", README, re.M)
    opening = README[: first_heading.start()] if first_heading else README
    blocks = re.findall(r"^```sh\n(.*?)^```$", opening, re.S | re.M)
    assert len(blocks) >= 2, "README must open with the two set-up blocks, before its first section"
    commands = [[line for line in block.splitlines() if line and not line.startswith("#")] for block in blocks[:2]]
    assert commands == [[INSTALL_AND_BUILD], [INSTALL_AND_TEST]]
    between = opening.split(blocks[0], 1)[1].split(blocks[1], 1)[0]
    assert "open `build/index.html`" in between


# The manual: docs/ and mkdocs.yml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what its `!!python/name:` tags name."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


def _mkdocs_config() -> dict[str, Any]:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def _nav_pages(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [page for item in nav for page in _nav_pages(item)]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _nav_pages(value)]
    return []


def test_every_page_is_in_the_nav() -> None:
    docs = REPO / "docs"
    pages = {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")}
    listed = _nav_pages(_mkdocs_config()["nav"])
    assert len(listed) == len(set(listed)), f"a page is listed twice in the nav: {listed}"
    assert set(listed) == pages, (
        f"not in the nav: {sorted(pages - set(listed))}; missing: {sorted(set(listed) - pages)}"
    )


def test_the_manual_builds_strictly(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None:
        pytest.skip("mkdocs is not installed (it comes with the test tools: pip install -e '.[test]')")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "checks" / "index.html").is_file()
