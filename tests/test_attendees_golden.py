"""Golden files of the text formats (CSV, HTML) for module III.

Regenerate after an intended change with `JSTEVENTS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest
tests/test_attendees_golden.py`, then review the diff. XLSX and PDF are binary: their content is
checked by reading them back (test_attendees.py) and their stability by building them twice.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "attendees"
CASES = [(kind, "csv") for kind in ("attendance", "rooming", "coach", "catering", "contacts", "activity")]
CASES += [("attendance", "html")]


@pytest.mark.parametrize(("kind", "fmt"), CASES)
def test_golden(cli, tmp_path: Path, kind: str, fmt: str) -> None:
    out = tmp_path / f"modul-3-{kind}.{fmt}"
    result = cli("attendees", "modul-3", "-k", kind, "-f", fmt, "-o", out, "-p", "events")
    assert result.exit_code == 0, result.output
    golden = GOLDEN / out.name
    if os.environ.get("JSTEVENTS_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(out.read_bytes())
    assert golden.is_file(), f"no golden file {golden}: run with JSTEVENTS_UPDATE_GOLDEN=1"
    assert out.read_bytes() == golden.read_bytes()
