"""`jstevents attendees`: one attendee list of one event, written to a file."""

from __future__ import annotations

from pathlib import Path

from jstevents.commands.files import write_bytes
from jstevents.errors import FileConflict, ProjectError, UsageError
from jstevents.model import Project
from jstevents.model.project import events_by_id
from jstevents.outputs.lists.formats import default_path, looks_generated, render_roster
from jstevents.outputs.registry import OUTPUTS


def write_roster(
    project: Project,
    event_id: str,
    *,
    kind: str,
    fmt: str,
    output: Path | None = None,
    delimiter: str = ";",
    force: bool = False,
) -> Path:
    """Build one roster and write it; returns the path written.

    An existing file is replaced only when it looks like a roster jstevents wrote in the
    same format (or with `force`), so a file the user made is never lost by accident.
    """
    event = events_by_id(project, [event_id])[0]
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise UsageError(
            f"delimiter {delimiter!r} is not a single character",
            hint="use --delimiter ';' (Polish Excel) or --delimiter ','",
        )
    output_kind = OUTPUTS[kind]
    skip = output_kind.applies(project, event)
    if skip is not None:
        raise ProjectError(f"event {event.id!r} {skip.message}", hint=skip.hint or None)
    assert output_kind.table is not None, f"{kind} is not a list"
    roster = output_kind.table(project, event)
    data = render_roster(roster, fmt, delimiter=delimiter)
    path = output if output is not None else default_path(event.id, kind, fmt)
    if path.is_dir():
        path = path / default_path(event.id, kind, fmt)
    if path.exists() and not force and not looks_generated(path, fmt, roster, delimiter=delimiter):
        raise FileConflict(
            f"{path.as_posix()} already exists and was not written by jstevents attendees",
            hint="choose another file with -o, or pass --force to replace it",
        )
    write_bytes(path, data, private=True)
    return path
