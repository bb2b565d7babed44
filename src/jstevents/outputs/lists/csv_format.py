"""A roster as CSV that Polish Excel opens correctly: UTF-8 with a BOM, `;` between cells.

Formula injection: a spreadsheet evaluates a cell that starts with `=`, `+`, `-` or
`@` (and some read a leading tab or CR the same way), so a participant named
`=HYPERLINK(…)` could run a formula on the coordinator's machine. Every such cell is
written with an apostrophe in front. This includes phone numbers written "+48 …":
they read as "'+48 540 706 657", still legible, and Excel no longer turns them into
a formula or a number. Use the XLSX format for cells without the apostrophe.
"""

from __future__ import annotations

import csv
import io

from jstevents.outputs.lists.table import Roster

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_DANGEROUS) else cell


def roster_csv(roster: Roster, *, delimiter: str = ";") -> bytes:
    """The table with a title block above and the counts below, separated by empty lines."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")

    def line(*cells: str) -> None:
        writer.writerow([neutralise(c) for c in cells])

    line(roster.title)
    for text in roster.heading:
        line(text)
    writer.writerow([])
    line(*[c.title for c in roster.columns])
    for row in roster.rows:
        line(*row)
    if roster.footer or roster.signatures or roster.funding:
        writer.writerow([])
    for text in roster.footer + roster.signatures:
        line(text)
    if roster.funding:
        line(roster.funding)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
