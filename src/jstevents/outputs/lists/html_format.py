"""A roster as one self-contained HTML page: every value escaped, logos inlined, ready to print.

Laid out like the PDF: the groups as headings, each group a table body that the browser keeps
on one page when it fits, the table's header row repeated on every printed page, the closing
rows, the counts and the funding marking. The page is A4, landscape when the columns need it.
On a phone's narrow screen each row is a card instead, every value under its column's title:
a table of contacts would otherwise run off the screen.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from html import escape
from pathlib import Path

from jstevents.outputs.lists.table import Cell, Column, Group, Roster

_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; margin: 1.5em; color: #111; }
h1 { font-size: 14pt; text-align: center; margin: 0.2em 0; }
p.heading { text-align: center; margin: 0.1em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #777; padding: 3px 5px; text-align: left; vertical-align: middle; }
thead th { background: #d9d9d9; }
thead { display: table-header-group; }
tbody { break-inside: avoid; }
tr { break-inside: avoid; }
tr.group td { background: #ebebeb; font-weight: bold; }
tr.group span.note { font-weight: normal; }
td.number { text-align: right; }
td.keep { white-space: nowrap; }
td.signature { min-width: 40mm; height: 9mm; }
tbody.closing td { border-top: 2px solid #555; }
p.funding { font-size: 8pt; }
.logos img { height: 50px; margin-right: 1em; }
@media screen and (max-width: 640px) {
  body { margin: 0.6em; }
  table, tbody, tr, td { display: block; width: auto; }
  thead { display: none; }
  table { border: 0; }
  tbody { margin-bottom: 0.8em; }
  tr { border: 1px solid #777; border-bottom: 0; }
  tr:last-child { border-bottom: 1px solid #777; }
  td { border: 0; border-top: 1px solid #ddd; padding: 4px 6px; text-align: left; }
  td.number { text-align: left; }
  td.signature { display: none; }
  td[data-label]::before { content: attr(data-label) ": "; color: #555; }
  tr.group td { border-top: 0; }
  tr:not(.group) td:nth-child(-n+2) { display: inline-block; border: 0; font-weight: bold; }
  tr:not(.group) td:nth-child(-n+2)::before { content: none; }
  tr:not(.group) td:nth-child(3) { border-top: 1px solid #ddd; }
}
"""


def _logo(path: Path) -> str:
    try:
        data = base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError:
        return ""  # validate reports a missing logo (E114)
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f'<img src="data:{kind};base64,{data}" alt="{escape(path.stem)}">'


def _cell(value: Cell, column: Column) -> str:
    text = "" if value is None else str(value)
    kind = f' class="{column.kind}"' if column.kind in ("number", "keep", "signature") else ""
    # On a phone each row is a card, each value under its column's title.
    label = f' data-label="{escape(column.title)}"' if text else ""
    return f"<td{kind}{label}>{_linked(text)}</td>"


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ]{6,}[0-9]")


def _linked(text: str) -> str:
    """An e-mail address or a phone number as a link: a tap writes to or calls the person."""
    if _EMAIL.fullmatch(text):
        return f'<a href="mailto:{escape(text)}">{escape(text)}</a>'
    if _PHONE.fullmatch(text):
        return f'<a href="tel:{escape(text.replace(" ", ""))}">{escape(text)}</a>'
    return escape(text)


def _body(roster: Roster, group: Group, css: str = "") -> list[str]:
    columns = roster.printed_columns
    out = [f'<tbody class="{css}">' if css else "<tbody>"]
    if group.heading:
        note = f' <span class="note">– {escape(group.note)}</span>' if group.note else ""
        out.append(f'<tr class="group"><td colspan="{len(columns)}">{escape(group.heading)}{note}</td></tr>')
    for row in group.rows:
        cells = roster.printed(row)
        out.append("<tr>" + "".join(_cell(v, c) for v, c in zip(cells, columns, strict=True)) + "</tr>")
    out.append("</tbody>")
    return out


def roster_html(roster: Roster) -> bytes:
    orientation = "landscape" if roster.landscape else "portrait"
    columns = roster.printed_columns
    out = [
        "<!DOCTYPE html>",
        '<html lang="pl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="jstevents">',
        f"<title>{escape(roster.title)} – {escape(roster.event)}</title>",
        f"<style>{_STYLE}@page {{ size: A4 {orientation}; margin: 12mm; }}</style>",
        "</head>",
        "<body>",
    ]
    if roster.logos:
        out.append('<div class="logos">' + "".join(_logo(p) for p in roster.logos) + "</div>")
    out.append(f"<h1>{escape(roster.title)}</h1>")
    out += [f'<p class="heading">{escape(line)}</p>' for line in roster.heading]
    out.append("<table>")
    out.append("<thead><tr>" + "".join(f"<th>{escape(c.title)}</th>" for c in columns) + "</tr></thead>")
    for group in roster.groups:
        out += _body(roster, group)
    if roster.closing is not None:
        out += _body(roster, roster.closing, "closing")
    out.append("</table>")
    out += [f"<p>{escape(line)}</p>" for line in roster.footer + roster.notes]
    if roster.funding:
        out.append(f'<p class="funding">{escape(roster.funding)}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")
