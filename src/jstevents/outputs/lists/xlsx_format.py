"""A roster as an Excel workbook (openpyxl): one sheet, ready to print on A4.

Every cell is written as text, so a value such as `=HYPERLINK(…)` stays the
text it is and never becomes a formula. The workbook's dates are pinned and the
zip entries carry a fixed time, so the same roster gives the same bytes.
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


def _text_cell(sheet: Worksheet, row: int, col: int, value: str) -> Any:
    cell = sheet.cell(row=row, column=col)
    cell.value = value
    cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
    return cell


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


def roster_xlsx(roster: Roster) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    book.properties.creator = "jstevents"
    book.properties.title = roster.title
    sheet: Worksheet = book.active  # type: ignore[assignment]
    sheet.title = roster.title[:31]

    row = 1
    if roster.logos:
        from openpyxl.drawing.image import Image

        at = 1
        for logo in roster.logos:
            image = Image(str(logo))
            scale = 50 / image.height if image.height else 1
            image.height, image.width = 50, int(image.width * scale)
            sheet.add_image(image, f"{get_column_letter(at)}1")
            at += 2
        sheet.row_dimensions[1].height = 40
        row = 3
    _text_cell(sheet, row, 1, roster.title).font = Font(bold=True, size=13)
    row += 1
    for line in roster.heading:
        _text_cell(sheet, row, 1, line)
        row += 1
    row += 1

    header_row = row
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, column in enumerate(roster.columns, 1):
        cell = _text_cell(sheet, row, col, column.title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = border
    longest = [len(c.title) for c in roster.columns]
    for cells in roster.rows:
        row += 1
        for col, value in enumerate(cells, 1):
            _text_cell(sheet, row, col, value).border = border
            longest[col - 1] = max(longest[col - 1], len(value))
        if any(c.kind == "signature" for c in roster.columns):
            sheet.row_dimensions[row].height = 26
    for col, column in enumerate(roster.columns, 1):
        fitted = 18 if column.kind == "signature" else min(max(longest[col - 1], 4) + 2, 60)
        sheet.column_dimensions[get_column_letter(col)].width = fitted

    row += 1
    for line in roster.footer + roster.signatures:
        row += 1
        _text_cell(sheet, row, 1, line)
    if roster.funding:
        row += 2
        _text_cell(sheet, row, 1, roster.funding).font = Font(size=8)

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)  # type: ignore[assignment]
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if roster.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.print_options.gridLines = False
    sheet.oddFooter.center.text = "strona &P z &N"  # type: ignore[union-attr]

    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue())
