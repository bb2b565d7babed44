"""A roster as a printable A4 PDF (fpdf2), with Polish letters in the shipped DejaVu Sans.

Landscape when the columns (e.g. one signature column per day) do not fit a portrait
page; the header row is repeated on every page and each page says "strona N z M".
The creation date is fixed, so the same roster gives the same bytes.
"""

from __future__ import annotations

import datetime as dt

from jstevents.outputs.lists.table import Roster
from jstevents.resources import font_path

#: Pinned so that output is byte-identical from run to run.
CREATION_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
_FONT = "DejaVu"
#: A table row cannot continue on the next page, so a cell holds at most this many
#: characters (about 15 lines in the narrowest column); a longer value is cut with "…".
MAX_CELL_CHARS = 300


def _fit(text: str) -> str:
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def roster_pdf(roster: Roster) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    class _Sheet(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(_FONT, size=8)
            self.cell(0, 6, f"strona {self.page_no()} z {{nb}}", align="C")

    pdf = _Sheet(orientation="L" if roster.landscape else "P", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(roster.title)
    pdf.set_producer("jstevents")
    pdf.add_font(_FONT, "", str(font_path("DejaVuSans.ttf")))
    pdf.add_font(_FONT, "B", str(font_path("DejaVuSans-Bold.ttf")))
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(True, margin=16)
    pdf.alias_nb_pages()
    pdf.add_page()

    if roster.logos:
        x = pdf.l_margin
        for logo in roster.logos:
            info = pdf.image(str(logo), x=x, y=pdf.t_margin, h=14)
            x += info.rendered_width + 6
        pdf.set_y(pdf.t_margin + 18)

    pdf.set_font(_FONT, "B", 13)
    pdf.multi_cell(0, 7, roster.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FONT, size=9)
    for line in roster.heading:
        pdf.multi_cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    width = pdf.epw
    total = sum(c.width for c in roster.columns)
    widths = [c.width * width / total for c in roster.columns]
    pdf.set_font(_FONT, size=8)
    group_style = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
    with pdf.table(
        col_widths=widths,
        width=width,
        text_align="LEFT",
        line_height=5,
        headings_style=FontFace(emphasis="BOLD", fill_color=(210, 210, 210)),
        repeat_headings=1,
        min_row_height=9 if any(c.kind == "signature" for c in roster.columns) else None,
    ) as table:
        header = table.row()
        for column in roster.columns:
            header.cell(_fit(column.title))
        previous = None
        for index, cells in enumerate(roster.rows):
            group = roster.groups[index] if roster.groups else None
            if group is not None and group != previous:
                table.row().cell(_fit(group), colspan=len(roster.columns), style=group_style)
                previous = group
            row = table.row()
            for cell in cells:
                row.cell(_fit(cell))

    pdf.ln(3)
    pdf.set_font(_FONT, size=9)
    for line in roster.footer:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    for line in roster.signatures:
        pdf.ln(6)
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    if roster.funding:
        pdf.ln(4)
        pdf.set_font(_FONT, size=7)
        pdf.multi_cell(0, 4, roster.funding, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
