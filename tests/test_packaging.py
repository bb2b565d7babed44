"""A non-editable install, run from another folder, finds its templates and validates the example."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import EXAMPLE, REPO


def test_wheel_installed_elsewhere_validates_the_example(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = wheels.glob("jstevents-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    where = subprocess.run(
        [sys.executable, "-c", "import jstevents.resources as r; print(r.__file__); print(r.default_templates_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where), where
    shipped = {p.name for p in (target / "jstevents" / "templates").iterdir()}
    assert {p.name for p in (REPO / "templates").iterdir() if p.is_file()} <= shipped
    result = subprocess.run(
        [sys.executable, "-m", "jstevents", "validate", "--project", str(EXAMPLE), "--today", "2017-08-01"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout
