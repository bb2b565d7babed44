"""The code as a maintainer finds it: formatted, lint-free, and type-checked."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return found


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_the_code_is_formatted() -> None:
    result = _run(_tool("ruff"), "format", "--check", "src", "tests", "benchmarks")
    assert result.returncode == 0, "run `ruff format src tests benchmarks`:\n" + result.stdout + result.stderr


def test_the_linter_finds_nothing() -> None:
    result = _run(_tool("ruff"), "check", "src", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_types_check() -> None:
    result = _run(_tool("mypy"), "--no-error-summary")  # files and settings: [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr
