"""The project's own state beside its YAML: the folder `.jstevents/` (hidden, so never read as YAML).

- `calendar.json`, the calendar ledger: SEQUENCE and DTSTAMP of every calendar entry
  (see `outputs.calendar.sequence`). Commit it with the project.
- `sent-<event>.jsonl`, the send journals (see `commands.mail.journal`): personal data,
  kept out of git by the folder's own `.gitignore`.
- `told-<event>.json`, what each person was told (see `commands.told`): personal data,
  kept out of git likewise.

Only the commands read and write these; the outputs receive what they need as data.
"""

from __future__ import annotations

from pathlib import Path

from jstevents.commands.files import write_text
from jstevents.errors import OutputError, StateError
from jstevents.load.told import STATE_DIR
from jstevents.model import Project
from jstevents.outputs.calendar.sequence import Sequences


def state_dir(project_root: str | Path) -> Path:
    return Path(project_root) / STATE_DIR


def ledger_path(project_root: str | Path) -> Path:
    return state_dir(project_root) / "calendar.json"


def read_sequences(project: Project) -> Sequences:
    """The calendar ledger of the project, or an empty one when there is none yet."""
    path = ledger_path(project.root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Sequences()
    except (OSError, UnicodeDecodeError):
        return Sequences.from_json("", where=path.as_posix())  # raises: damaged
    return Sequences.from_json(text, where=path.as_posix())


def save_sequences(project: Project, sequences: Sequences) -> None:
    """Write the ledger back when a calendar gave an entry a new SEQUENCE or DTSTAMP."""
    if not sequences.changed:
        return
    path = ledger_path(project.root)
    try:
        write_text(path, sequences.to_json())
    except OutputError as exc:
        raise StateError(
            f"{exc.message} (the calendar ledger, which keeps SEQUENCE and DTSTAMP stable)",
            hint="make the project folder writable; the calendar itself was not written",
        ) from None
    sequences.changed = False
