"""A roster as CSV that Polish Excel opens correctly: UTF-8 with a BOM, `;` between cells.

The file is the table and nothing else: the header row first, then one row per person (or
meal), every column included, the group's own value (the JST) as a column. What a printed list
says around the table (title, counts, signatures, funding marking) is in its PDF, XLSX and HTML.
So a mail merge, Excel's text import or a script reads it as it is.

Formula injection: a spreadsheet evaluates a cell that starts with `=`, `+`, `-` or
`@` (and some read a leading tab or CR the same way), so a participant named
`=HYPERLINK(…)` could run a formula on the coordinator's machine. Every such text cell is
written with an apostrophe in front. This includes phone numbers written "+48 …":
they read as "'+48 540 706 657", still legible, and Excel no longer turns them into
a formula or a number. Use the XLSX format for cells without the apostrophe.
"""

from __future__ import annotations

import csv
import io

from jstevents.outputs.lists.table import Cell, Roster

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_DANGEROUS) else cell


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, int):
        return str(cell)
    return neutralise(cell)


def header_line(roster: Roster, *, delimiter: str = ";") -> str:
    """The first line of the file: what tells a list jstevents wrote from any other CSV."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerow([c.title for c in roster.columns])
    return out.getvalue()


def roster_csv(roster: Roster, *, delimiter: str = ";") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(c.title) for c in roster.columns])
    for row in roster.rows:
        writer.writerow([_text(cell) for cell in row])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
