"""A roster as one self-contained HTML page: every value escaped, logos inlined, ready to print.

Browsers repeat a table's <thead> on every printed page; the page is A4, landscape
when the columns need it.
"""

from __future__ import annotations

import base64
import mimetypes
from html import escape
from pathlib import Path

from jstevents.outputs.lists.table import Roster

_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; margin: 1.5em; }
h1 { font-size: 14pt; text-align: center; margin: 0.2em 0; }
p.heading { text-align: center; margin: 0.1em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #777; padding: 3px 5px; text-align: left; vertical-align: middle; }
thead th { background: #d9d9d9; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
tr.group td { background: #ebebeb; font-weight: bold; }
td.signature { min-width: 8em; height: 2.2em; }
p.signature { margin-top: 2em; }
p.funding { font-size: 8pt; }
.logos img { height: 50px; margin-right: 1em; }
"""


def _logo(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:{kind};base64,{data}" alt="{escape(path.stem)}">'


def roster_html(roster: Roster) -> bytes:
    orientation = "landscape" if roster.landscape else "portrait"
    out = [
        "<!DOCTYPE html>",
        '<html lang="pl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="generator" content="jstevents">',
        f"<title>{escape(roster.title)}</title>",
        f"<style>{_STYLE}@page {{ size: A4 {orientation}; margin: 12mm; }}</style>",
        "</head>",
        "<body>",
    ]
    if roster.logos:
        out.append('<div class="logos">' + "".join(_logo(p) for p in roster.logos) + "</div>")
    out.append(f"<h1>{escape(roster.title)}</h1>")
    out += [f'<p class="heading">{escape(line)}</p>' for line in roster.heading]
    out.append("<table>")
    out.append("<thead><tr>" + "".join(f"<th>{escape(c.title)}</th>" for c in roster.columns) + "</tr></thead>")
    out.append("<tbody>")
    previous = None
    for index, cells in enumerate(roster.rows):
        group = roster.groups[index] if roster.groups else None
        if group is not None and group != previous:
            out.append(f'<tr class="group"><td colspan="{len(roster.columns)}">{escape(group)}</td></tr>')
            previous = group
        tds = "".join(
            f'<td class="signature">{escape(value)}</td>' if column.kind == "signature" else f"<td>{escape(value)}</td>"
            for column, value in zip(roster.columns, cells, strict=True)
        )
        out.append(f"<tr>{tds}</tr>")
    out.append("</tbody>")
    out.append("</table>")
    out += [f"<p>{escape(line)}</p>" for line in roster.footer]
    out += [f'<p class="signature">{escape(line)}</p>' for line in roster.signatures]
    if roster.funding:
        out.append(f'<p class="funding">{escape(roster.funding)}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out).encode("utf-8")
