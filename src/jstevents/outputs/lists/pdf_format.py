"""A roster as a printable A4 PDF, typeset by Typst from the template `list.typ`.

The template is found like the other templates (the project's `templates/list.typ`, else the
default) and gets the roster as JSON in `sys.inputs.data`: values are shown as text, never read
as markup. Typst breaks lines at spaces (no hyphenation: see the template), repeats the
table's header row and the current JST's heading on every page, and numbers the pages
"strona N z M". Fonts are the
shipped DejaVu Sans only (the machine's fonts are ignored) and the creation date is fixed, so
the same roster gives the same bytes on every machine. Typst reads files only inside the
project folder (the funding logos).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from jstevents.errors import TemplateError
from jstevents.outputs.lists.table import Cell, Column, Roster
from jstevents.resources import font_path

#: Pinned so that output is byte-identical from run to run.
CREATION_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
#: A value of thousands of characters would fill pages with one cell: it is cut with "…".
MAX_CELL_CHARS = 300
TEMPLATE = "list.typ"


def _fit(text: str) -> str:
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


@functools.cache
def _compiler() -> Any:
    """One Typst compiler for the process: the fonts are read once for every PDF of a build."""
    import typst

    return typst.Compiler(font_paths=[str(font_path("DejaVuSans.ttf").parent)], ignore_system_fonts=True)


#: A group of at most this many rows is kept on one page (a longer one goes on with "(cd.)").
KEEP_ROWS = 20
#: The last rows of a list stay on one page with the counts under them.
TAIL_ROWS = 2


def _cells(roster: Roster, row: list[Cell]) -> list[Cell]:
    return [_fit(cell) if isinstance(cell, str) else cell for cell in roster.printed(row)]


#: The width of A4 portrait inside the margins, in mm.
PORTRAIT_WIDTH = 190
#: About the width of a letter of the header row (DejaVu Sans Bold, 9 pt), in mm.
_HEADER_LETTER_MM = 2.1


def _width(column: Column) -> float:
    """The column's width, widened to hold the longest word of its title: words are not hyphenated."""
    longest = max((len(word) for word in column.title.split()), default=0)
    return max(column.width, round(longest * _HEADER_LETTER_MM + 2.5, 1))


def _data(roster: Roster, root: Path) -> dict[str, Any]:
    widths = [_width(c) for c in roster.printed_columns]
    groups: list[dict[str, Any]] = [
        {"heading": g.heading, "note": g.note, "rows": [_cells(roster, row) for row in g.rows]} for g in roster.groups
    ]
    if roster.closing is not None:
        closing = roster.closing
        groups.append({"heading": closing.heading, "note": closing.note,
                       "rows": [_cells(roster, row) for row in closing.rows]})  # fmt: skip
    # The counts close the table, with its last rows: they never stand alone on a page.
    lines = [[{"line": line}] for line in roster.footer]
    for group in groups:
        # A group with a heading that fits a page is kept together; of others nothing is.
        small = bool(group["heading"]) and len(group["rows"]) <= KEEP_ROWS
        group["keep_from"] = 0 if small else len(group["rows"])
    if groups:
        last = groups[-1]
        last["keep_from"] = min(last["keep_from"], max(len(last["rows"]) - TAIL_ROWS, 0))
        last["rows"] += lines
    elif lines:
        groups.append({"heading": "", "note": "", "rows": lines, "keep_from": 0})
    logos = []
    for logo in roster.logos:
        try:
            logos.append("/" + logo.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            continue  # outside the project: Typst may not read it, and validate says so
    return {
        "title": roster.title,
        "event": roster.event,
        "dates": roster.dates,
        "heading": roster.heading,
        "landscape": roster.landscape or sum(widths) > PORTRAIT_WIDTH,
        "columns": [
            {"title": c.title, "width": width, "kind": c.kind}
            for c, width in zip(roster.printed_columns, widths, strict=True)
        ],
        "groups": groups,
        "notes": roster.notes,
        "funding": roster.funding or None,
        "logos": [logo for logo in logos if (root / logo.lstrip("/")).is_file()],
    }


def roster_pdf(roster: Roster) -> bytes:
    root = roster.root or Path.cwd()
    return typeset(root, TEMPLATE, _data(roster, root))


def typeset(root: Path, name: str, data: dict[str, Any]) -> bytes:
    """The PDF of the Typst template `name` (the project's own, else the default) with `data` as JSON
    in `sys.inputs.data`; files it shows must be inside `root`, the project folder."""
    import typst

    from jstevents.outputs.templating import template_path

    template = template_path(root, name)
    try:
        pdf = _compiler().compile(
            input=template.read_bytes(),
            format="pdf",
            root=str(root),
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            timestamp=CREATION_DATE,
        )
    except typst.TypstError as exc:
        raise TemplateError(
            f"{template.as_posix()}: the PDF could not be typeset: {exc.message}",
            hint="; ".join(exc.hints) or "check the template (Typst) or restore the default one",
        ) from None
    assert isinstance(pdf, bytes)
    return pdf
