"""`jstevents report`: the funder's workbook for the whole programme, written to a file."""

from __future__ import annotations

from pathlib import Path

from jstevents.commands.certificates import read_ledger
from jstevents.commands.files import replace_keeping_backup
from jstevents.model import Project
from jstevents.outputs.report import report_xlsx


def write_report(project: Project, output: Path) -> Path | None:
    """Write the workbook; returns the backup of a different file that was there (None if none)."""
    return replace_keeping_backup(output, report_xlsx(project, read_ledger(project)))
