"""Writing a roster to a file in one of the formats, with a default name and no silent overwrite."""

from __future__ import annotations

from pathlib import Path

from .files import write_bytes
from .model import Project
from .problems import JsteventsError
from .rosters import Roster, build_roster

FORMATS = ("csv", "xlsx", "pdf", "html")
#: Every kind of roster names people, so every file is written owner-only.
_MARKERS = {
    "csv": b"\xef\xbb\xbf",
    "xlsx": b"PK",
    "pdf": b"%PDF",
    "html": b"<!DOCTYPE html>",
}


def render(roster: Roster, fmt: str, *, delimiter: str = ";") -> bytes:
    if fmt == "csv":
        from .roster_csv import roster_csv

        return roster_csv(roster, delimiter=delimiter)
    if fmt == "xlsx":
        from .roster_xlsx import roster_xlsx

        return roster_xlsx(roster)
    if fmt == "pdf":
        from .roster_pdf import roster_pdf

        return roster_pdf(roster)
    if fmt == "html":
        from .roster_html import roster_html

        return roster_html(roster)
    raise ValueError(fmt)


def default_path(event_id: str, kind: str, fmt: str) -> Path:
    return Path(f"{event_id}-{kind}.{fmt}")


def _looks_generated(path: Path, fmt: str) -> bool:
    """Whether an existing file is one of ours to replace (a roster in the same format)."""
    try:
        with path.open("rb") as handle:
            start = handle.read(4096)
    except OSError:
        return False
    if not start.startswith(_MARKERS[fmt]):
        return False
    if fmt == "xlsx":
        import zipfile

        try:
            with zipfile.ZipFile(path) as archive:
                return b"<dc:creator>jstevents</dc:creator>" in archive.read("docProps/core.xml")
        except (OSError, KeyError, zipfile.BadZipFile):
            return False
    if fmt == "pdf":
        return b"/Producer (jstevents)" in path.read_bytes()
    return True


def write_roster(
    project: Project, event_id: str, *, kind: str, fmt: str, output: Path | None = None,
    delimiter: str = ";", force: bool = False,
) -> Path:
    """Build one roster and write it; returns the path written.

    An existing file is replaced only when it looks like a roster jstevents wrote in the
    same format (or with `force`), so a file the user made is never lost by accident.
    """
    from .project import events_by_id

    event = events_by_id(project, [event_id])[0]
    if len(delimiter) != 1 or delimiter in "\"\r\n":
        raise JsteventsError(f"delimiter {delimiter!r} is not a single character",
                             hint="use --delimiter ';' (Polish Excel) or --delimiter ','")
    roster = build_roster(project, event, kind)
    data = render(roster, fmt, delimiter=delimiter)
    path = output if output is not None else default_path(event.id, kind, fmt)
    if path.is_dir():
        path = path / default_path(event.id, kind, fmt)
    if path.exists() and not force and not _looks_generated(path, fmt):
        raise JsteventsError(
            f"{path.as_posix()} already exists and was not written by jstevents attendees",
            hint="choose another file with -o, or pass --force to replace it",
        )
    write_bytes(path, data, private=True)
    return path
