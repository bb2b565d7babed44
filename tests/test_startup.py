"""`jstevents --help` must stay instant: it may not load the libraries behind the commands."""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "pydantic",
    "yaml",
    "jinja2",
    "icalendar",
    "openpyxl",
    "typst",
    "babel",
    "holidays",
    "rich.markdown",
    "markdown_it",
)


def test_help_loads_no_heavy_library() -> None:
    probe = (
        "import sys\n"
        "from jstevents.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='jstevents')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('loaded:', ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert "Usage: jstevents" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "loaded:"
