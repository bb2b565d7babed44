"""The report of one event (`jstevents news`): to stdout, or to a file with its photographs beside it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.commands.files import replace_keeping_backup
from jstevents.commands.state import read_project_file, read_sequences, read_surveys
from jstevents.errors import UsageError
from jstevents.model import Project
from jstevents.model.project import events_by_id
from jstevents.outputs.registry import OUTPUTS, RenderInputs


@dataclass
class NewsWritten:
    data: bytes
    #: Set when the report went to a file: the earlier, different version kept as `.bak`.
    backup: Path | None = None
    photos: list[Path] = field(default_factory=list)
    #: Different files that were where the photographs went, kept as `.bak`.
    photo_backups: list[Path] = field(default_factory=list)
    #: The photographs the report shows but that were not copied (the report went to stdout).
    not_copied: int = 0
    #: The event has not ended by `today`: the report is written all the same, in the past tense.
    early: bool = False


def write_news(project: Project, event_id: str, fmt: str, output: Path | None, *, today: dt.date) -> NewsWritten:
    """Render the report of `event_id`; with `output`, write it there and copy its photographs beside it."""
    (event,) = events_by_id(project, [event_id])
    kind = OUTPUTS["news"]
    if fmt not in kind.formats:
        raise UsageError(f"the report has no format {fmt!r}", hint=f"use one of: {', '.join(kind.formats)}")
    inputs = RenderInputs(project, read_sequences(project), today, read_surveys(project))
    data = kind.render(inputs, event, fmt)
    photos = kind.files(project, event) if kind.files else []
    result = NewsWritten(data, early=event.dates.end >= today)
    if output is None:
        result.not_copied = len(photos) if fmt in ("md", "html", "fragment") else 0
        return result
    # The photographs first: a report that names a photograph is never there without it. A different
    # file of the same name already there is kept as .bak, as the report itself is.
    for source, name in photos:
        target = output.parent / name
        kept = replace_keeping_backup(target, read_project_file(project, source))
        result.photos.append(target)
        if kept is not None:
            result.photo_backups.append(kept)
    result.backup = replace_keeping_backup(output, data)
    return result
