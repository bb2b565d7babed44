"""Writing a roster to a file in one of the formats, with a default name and no silent overwrite."""

from __future__ import annotations

from pathlib import Path

from jstevents.commands.files import write_bytes
from jstevents.errors import JsteventsError
from jstevents.model import Project
from jstevents.outputs.lists.table import TITLES, Roster, build_roster

FORMATS = ("csv", "xlsx", "pdf", "html")


def render(roster: Roster, fmt: str, *, delimiter: str = ";") -> bytes:
    if fmt == "csv":
        from jstevents.outputs.lists.csv_format import roster_csv

        return roster_csv(roster, delimiter=delimiter)
    if fmt == "xlsx":
        from jstevents.outputs.lists.xlsx_format import roster_xlsx

        return roster_xlsx(roster)
    if fmt == "pdf":
        from jstevents.outputs.lists.pdf_format import roster_pdf

        return roster_pdf(roster)
    if fmt == "html":
        from jstevents.outputs.lists.html_format import roster_html

        return roster_html(roster)
    raise ValueError(fmt)


def default_path(event_id: str, kind: str, fmt: str) -> Path:
    return Path(f"{event_id}-{kind}.{fmt}")


def _looks_generated(path: Path, fmt: str) -> bool:
    """Whether an existing file is one of ours to replace (a roster in the same format)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if fmt == "csv":
        # A CSV saved by Excel has a BOM too: ours is known by its first line, a roster title.
        first = data.removeprefix(b"\xef\xbb\xbf").split(b"\r\n", 1)[0].decode("utf-8", "replace")
        return data.startswith(b"\xef\xbb\xbf") and first in TITLES.values()
    if fmt == "html":
        return b'<meta name="generator" content="jstevents">' in data[:1000]
    if fmt == "pdf":
        return data.startswith(b"%PDF") and b"/Producer (jstevents)" in data
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"<dc:creator>jstevents</dc:creator>" in archive.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile):
        return False


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
    from jstevents.model.project import events_by_id

    event = events_by_id(project, [event_id])[0]
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise JsteventsError(
            f"delimiter {delimiter!r} is not a single character",
            hint="use --delimiter ';' (Polish Excel) or --delimiter ','",
        )
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
