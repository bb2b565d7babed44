"""A roster as bytes in one of the formats, and how to tell a list jstevents wrote from any other file."""

from __future__ import annotations

from pathlib import Path

from jstevents.outputs.lists.table import Roster


def render_roster(roster: Roster, fmt: str, *, delimiter: str = ";") -> bytes:
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


def looks_generated(path: Path, fmt: str, roster: Roster, *, delimiter: str = ";") -> bool:
    """Whether an existing file is one of ours to replace: `roster` in the same format."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if fmt == "csv":
        # A CSV saved by Excel has a BOM too: ours is known by its first line, the list's header
        # row (or, from earlier versions of jstevents, a list's title).
        from jstevents.outputs.lists.csv_format import header_line
        from jstevents.outputs.registry import outputs

        first = data.removeprefix(b"\xef\xbb\xbf").split(b"\r\n", 1)[0].decode("utf-8", "replace")
        ours = {header_line(roster, delimiter=delimiter).rstrip("\r\n")} | {o.title for o in outputs("lists")}
        return data.startswith(b"\xef\xbb\xbf") and first in ours
    if fmt == "html":
        return b'<meta name="generator" content="jstevents">' in data[:1000]
    if fmt == "pdf":
        # Typst writes the author jstevents gives it; earlier versions wrote it as the producer.
        return data.startswith(b"%PDF") and (b"/Author(jstevents)" in data or b"/Producer (jstevents)" in data)
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return b"<dc:creator>jstevents</dc:creator>" in archive.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile):
        return False
