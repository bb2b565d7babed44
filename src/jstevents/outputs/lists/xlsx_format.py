"""A roster as an Excel workbook (openpyxl): a table to sort and filter, ready to print on A4.

- The table: one header row (with a filter), then every row, every column, the group's own
  value (the JST) as a column; counts are numbers, so Excel sums them. Text is written as text,
  so a value such as `=HYPERLINK(…)` stays the text it is and never becomes a formula.
- The closing rows (the trainers' signatures) under the table, outside its filter.
- Printing: A4 in the list's orientation, scaled to the page's width (the columns are sized to
  stay readable, at least 8 pt on paper), the header row repeated on every page, the list, the
  event and its dates in the page header, "strona N z M" in the footer. The funding marking goes
  into the footer when it fits there (Excel allows 255 characters); a longer one is one wrapped
  row under the table, as wide as the table.
- The workbook's dates are pinned and the zip entries carry a fixed time, so the same roster
  gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from jstevents.outputs.lists.table import Roster

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: Pinned so that output is byte-identical from run to run.
FIXED_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_STAMP = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
#: Excel refuses a header or footer longer than this.
MAX_HEADER_FOOTER = 255
#: Millimetres per unit of column width (one character of the default font, about).
_MM_PER_UNIT = 2.0
#: The widest a table may be, in units, for the body text to stay at least 8 pt when Excel or
#: LibreOffice fit the page's width (10 pt at 80 %): A4 less the margins, portrait and landscape,
#: with a unit of about 2 mm (a digit of Arial 10 pt), less a tenth to spare. Measured by
#: tests/test_print.py through LibreOffice.
_FITS = {"portrait": 115, "landscape": 170}
_FONT_SIZE = 10


def _stable_zip(data: bytes) -> bytes:
    """Rewrite the archive with a fixed timestamp on every entry and in the document properties."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the time of saving, whatever we set.
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + _STAMP, content)
            target.writestr(entry, content)
    return out.getvalue()


def _header_footer_text(text: str) -> str:
    # "&" starts a code in Excel's headers and footers.
    return text.replace("&", "&&")


def _widths(roster: Roster) -> list[float]:
    """Each column as wide as its longest value (within its width on paper), the table within the page."""
    widths = []
    for index, column in enumerate(roster.columns):
        longest = max([len(str(row[index] or "")) for row in roster.rows] + [min(len(column.title), 14)])
        cap = column.width / _MM_PER_UNIT
        floor = 20.0 if column.kind == "signature" else 5.0
        widths.append(max(floor, min(float(longest) + 1.5, cap)))
    fits = _FITS["landscape" if _landscape(widths) else "portrait"]
    if sum(widths) > fits:
        # Narrow the text columns (they wrap) until the table fits; numbers, signatures stay.
        shrinkable = [i for i, c in enumerate(roster.columns) if c.kind == "text"]
        excess = sum(widths) - fits
        room = sum(max(widths[i] - 10, 0) for i in shrinkable) or 1
        for i in shrinkable:
            widths[i] -= excess * max(widths[i] - 10, 0) / room
    return widths


def _landscape(widths: list[float]) -> bool:
    return sum(widths) > _FITS["portrait"]


#: Arial is on every Windows and Mac; LibreOffice prints it as Liberation Sans (same metrics)
#: or, without that, DejaVu Sans.
_FONT_NAME = "Arial"


def _default_font(book: Any) -> None:
    """Arial 10 pt as the workbook's own font, instead of Calibri 11.

    A column's width is counted in digits of this font. Where Calibri is missing (LibreOffice on
    Linux) a wider font stands in for it, every column grows by a third, and fitting the page's
    width shrinks the type below 8 pt; Arial has stand-ins of the same width.
    """
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=_FONT_NAME, size=_FONT_SIZE, family=2)
    book._fonts = IndexedList([font])
    book._named_styles["Normal"].font = font


def _styles(book: Any) -> None:
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name=_FONT_NAME, size=_FONT_SIZE)
    wrapped = Alignment(wrap_text=True, vertical="top")
    # Named once per workbook: a cell then takes its style by name, without hashing a style per cell.
    made = [
        NamedStyle("jst-title", font=Font(name=_FONT_NAME, bold=True, size=13), alignment=wrapped),
        NamedStyle("jst-line", font=body, alignment=wrapped),
        NamedStyle(
            "jst-header",
            font=Font(name=_FONT_NAME, bold=True, size=_FONT_SIZE),
            fill=PatternFill("solid", fgColor="D9D9D9"),
            alignment=Alignment(wrap_text=True, vertical="center"),
            border=border,
        ),
        NamedStyle("jst-text", font=body, alignment=wrapped, border=border),
        NamedStyle(
            "jst-number",
            font=body,
            alignment=Alignment(horizontal="right", vertical="top"),
            border=border,
            number_format="0",
        ),
        NamedStyle("jst-note", font=Font(name=_FONT_NAME, size=8), alignment=wrapped),
    ]
    for style in made:
        book.add_named_style(style)


#: Point sizes of the styles of lines across the table.
_LINE_POINTS = {"jst-title": 13, "jst-line": _FONT_SIZE, "jst-note": 8}


def _wide_line(sheet: Worksheet, row: int, text: str, style: str, widths: list[float]) -> None:
    """A line of text across the whole table, wrapped inside it.

    Text left to run over into the empty cells on its right would widen what LibreOffice
    prints, and fitting that to the page shrinks every row; merged, it wraps at the table's
    edge. A merged cell does not grow with its text, so the row is given the lines it needs.
    """
    _text_cell(sheet, row, 1, text, style)
    if len(widths) > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    points = _LINE_POINTS[style]
    # A character of the default 11 pt font is one unit of width; smaller type fits more.
    per_line = max(sum(widths) * 11 / points * 0.9, 10)
    lines = 1 + int(len(text) / per_line)
    sheet.row_dimensions[row].height = round(points * 1.35 * lines, 1)


def _text_cell(sheet: Worksheet, row: int, col: int, value: str, style: str) -> Any:
    cell = sheet.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    cell.style = style
    return cell


#: Pixels per unit of column width, as Excel and LibreOffice draw the default font.
_PX_PER_UNIT = 7
_LOGO_HEIGHT_PX = 50


def _logos(sheet: Worksheet, roster: Roster, widths: list[float]) -> None:
    """The funding logos side by side over the first row (Excel cannot put pictures in a page header)."""
    from openpyxl.drawing.image import Image
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
    from openpyxl.drawing.xdr import XDRPositiveSize2D
    from openpyxl.utils.units import pixels_to_EMU

    edges = [0.0]
    for width in widths:
        edges.append(edges[-1] + width * _PX_PER_UNIT)
    left = 0.0
    for logo in roster.logos:
        try:
            image = Image(str(logo))
        except (OSError, ValueError):
            continue  # validate reports a missing or unreadable logo (E114)
        scale = _LOGO_HEIGHT_PX / image.height if image.height else 1
        width, height = int(image.width * scale), _LOGO_HEIGHT_PX
        column = max(i for i, edge in enumerate(edges[:-1]) if edge <= left)
        offset = pixels_to_EMU(int(left - edges[column]))
        image.anchor = OneCellAnchor(
            _from=AnchorMarker(col=column, colOff=offset, row=0, rowOff=0),
            ext=XDRPositiveSize2D(pixels_to_EMU(width), pixels_to_EMU(height)),
        )
        sheet.add_image(image)
        left += width + 20
    sheet.row_dimensions[1].height = 42


def roster_xlsx(roster: Roster) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    _default_font(book)
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "jstevents"
    book.properties.title = roster.title
    _styles(book)
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = roster.title[:31]
    columns = len(roster.columns)
    widths = _widths(roster)
    last = get_column_letter(columns)

    top = 1
    if roster.logos:
        _logos(sheet, roster, widths)
        top = 2
    _wide_line(sheet, top, roster.title, "jst-title", widths)
    _wide_line(sheet, top + 1, " · ".join(roster.heading[1:]) or roster.event, "jst-line", widths)
    header_row = top + 3
    for col, column in enumerate(roster.columns, 1):
        _text_cell(sheet, header_row, col, column.title, "jst-header")
    row = header_row
    signatures = any(c.kind == "signature" for c in roster.columns)
    for values in roster.rows:
        row += 1
        for col, (value, column) in enumerate(zip(values, roster.columns, strict=True), 1):
            if isinstance(value, int):
                cell = sheet.cell(row=row, column=col, value=value)
                cell.style = "jst-number"
            else:
                _text_cell(sheet, row, col, value or "", "jst-text" if column.kind != "number" else "jst-number")
        if signatures:
            sheet.row_dimensions[row].height = 30
    sheet.auto_filter.ref = f"A{header_row}:{last}{row}"
    if roster.closing:
        # The trainers sign under the participants, outside the filtered table.
        row += 2
        _text_cell(sheet, row, 1, roster.closing.heading, "jst-header")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        for values in roster.closing.rows:
            row += 1
            for col, value in enumerate(values, 1):
                _text_cell(sheet, row, col, str(value or ""), "jst-text")
            sheet.row_dimensions[row].height = 30
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = round(width, 1)

    footer_lines = roster.footer + roster.notes
    funding = roster.funding or ""
    page_footer = _header_footer_text(funding) if funding else ""
    right = "strona &P z &N"
    if len(page_footer) + len(right) + 8 > MAX_HEADER_FOOTER:  # 8: the codes of size and sections
        page_footer = ""
        footer_lines = footer_lines + [funding]
    row += 1
    for line in footer_lines:
        row += 1
        _wide_line(sheet, row, line, "jst-note", widths)

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)  # type: ignore[assignment]
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if _landscape(widths) else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    # The size goes in its own attribute: written inline, "&8" before "21–23 sierpnia" reads as size 821.
    header, footer = sheet.oddHeader, sheet.oddFooter
    header.left.text = f"&B{_header_footer_text(roster.title)}&B · {_header_footer_text(roster.event)}"[:120]  # type: ignore[union-attr]
    header.right.text = _header_footer_text(roster.dates)  # type: ignore[union-attr]
    if page_footer:
        footer.left.text = page_footer  # type: ignore[union-attr]
    footer.right.text = right  # type: ignore[union-attr]
    for part in (header.left, header.right, footer.left, footer.right):  # type: ignore[union-attr]
        part.size = 8

    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue())
