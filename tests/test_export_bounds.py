"""Registration-form exports read with bounds: a hostile XLSX is a located error in a moment, never
minutes of work, gigabytes of memory or a traceback."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from jstevents.load import form_exports
from jstevents.load.project import load_project

TODAY = dt.date(2017, 8, 1)
SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows: list[list[str]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, name: str, change, extra: dict[str, bytes] | None = None) -> bytes:  # type: ignore[no-untyped-def]
    """The workbook with one part changed by `change` (text → text) and `extra` parts added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename == name:
                part = change(part.decode("utf-8")).encode("utf-8")
            target.writestr(item.filename, part)
        for extra_name, extra_data in (extra or {}).items():
            target.writestr(extra_name, extra_data)
    return out.getvalue()


ROWS = [["Imię i nazwisko", "E-mail", "JST"], ["Zofia Nowak", "zofia.nowak@example.pl", "Miasto Kalisz"]]


def with_export(root: Path, data: bytes) -> None:
    (root / "zgloszenia.xlsx").write_bytes(data)
    (root / "sources.yaml").write_text(
        "participant_sources:\n  - file: zgloszenia.xlsx\n"
        '    columns: {name: "Imię i nazwisko", email: "E-mail", unit: "JST"}\n',
        encoding="utf-8",
    )


def export_problems(root: Path) -> list[tuple[str, int, int, str, str]]:
    result = load_project(root, today=TODAY)
    return [
        (Path(p.file).name, p.line, p.col, p.code, p.message)
        for p in result.problems
        if Path(p.file).name in ("zgloszenia.xlsx", "sources.yaml")
    ]


def test_a_plain_export_is_read(example: Path) -> None:
    with_export(example, workbook(ROWS))
    assert export_problems(example) == []


def test_an_inflated_dimension_is_not_trusted(example: Path) -> None:
    # 1.5 kB claiming 16,384 columns × 1,048,576 rows once took about 18 minutes to load.
    data = rewrite(
        workbook(ROWS), SHEET, lambda xml: xml.replace('<dimension ref="A1:C2" />', '<dimension ref="A1:XFD1048576"/>')
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    with_export(example, data)
    result = subprocess.run(
        [sys.executable, "-m", "jstevents", "validate", "-p", str(example), "--today", "2017-08-01"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "JSTEVENTS_NO_CACHE": "1"},
    )
    assert "Traceback" not in result.stderr
    assert "zgloszenia.xlsx" not in result.stdout + result.stderr, result.stdout + result.stderr


def test_an_inflated_dimension_gives_the_rows_as_they_are(example: Path) -> None:
    data = rewrite(
        workbook(ROWS), SHEET, lambda xml: xml.replace('<dimension ref="A1:C2" />', '<dimension ref="A1:XFD1048576"/>')
    )
    table = form_exports.read_xlsx(data, "zgloszenia.xlsx", None)
    assert table.header == ROWS[0]
    assert table.rows == [(2, ROWS[1])]


def test_a_row_a_million_rows_down_is_refused_at_the_row_limit(example: Path) -> None:
    far = '<row r="5000000"><c r="A5000000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    with_export(example, rewrite(workbook(ROWS), SHEET, lambda xml: xml.replace("</sheetData>", far)))
    found = export_problems(example)
    assert [p[3] for p in found] == ["E130"], found
    assert "100,000 rows" in found[0][4]


MANY = [ROWS[0]] + [[f"Osoba {i}", f"osoba{i}@example.pl", "Miasto Kalisz"] for i in range(10)]


def test_the_row_limit_is_a_located_error(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(form_exports, "MAX_ROWS", 5)
    with_export(example, workbook(MANY))
    assert [p[:4] for p in export_problems(example)] == [("zgloszenia.xlsx", 6, 1, "E130")]


def test_the_cell_limit_is_a_located_error(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(form_exports, "MAX_CELLS", 10)
    with_export(example, workbook(MANY))
    assert [p[:4] for p in export_problems(example)] == [("zgloszenia.xlsx", 4, 1, "E130")]


def test_a_csv_over_the_row_limit_is_a_located_error(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(form_exports, "MAX_ROWS", 3)
    (example / "zgloszenia.csv").write_text(
        "Imię i nazwisko;E-mail\n" + "".join(f"Osoba {i};o{i}@example.pl\n" for i in range(5)), encoding="utf-8"
    )
    (example / "sources.yaml").write_text(
        'participant_sources:\n  - file: zgloszenia.csv\n    columns: {name: "Imię i nazwisko", email: "E-mail"}\n',
        encoding="utf-8",
    )
    found = [p for p in load_project(example, today=TODAY).problems if p.code == "E130"]
    assert [(Path(p.file).name, p.line) for p in found] == [("zgloszenia.csv", 4)]


def test_a_zip_bomb_is_refused_by_its_declared_size(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(form_exports, "MAX_UNPACKED_BYTES", 1 << 20)
    bomb = rewrite(workbook(ROWS), SHEET, lambda xml: xml, extra={"xl/media/padding.bin": b"\0" * (4 << 20)})
    assert len(bomb) < 64 * 1024  # a few kilobytes that unpack to 4 MB
    with_export(example, bomb)
    found = export_problems(example)
    assert [p[:4] for p in found] == [("zgloszenia.xlsx", 1, 1, "E130")]
    assert "unpacks to more than 1 MB" in found[0][4]


def test_a_zip_that_declares_less_than_it_holds_is_refused(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(form_exports, "MAX_UNPACKED_BYTES", 1 << 20)
    data = bytearray(rewrite(workbook(ROWS), SHEET, lambda xml: xml, extra={"xl/media/padding.bin": b"\0" * (4 << 20)}))
    # Lie in both headers: declare 100 bytes for the 4 MB part.
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/media/padding.bin")
    data[info.header_offset + 22 : info.header_offset + 26] = (100).to_bytes(4, "little")
    entry = bytes(data).rindex(b"PK\x01\x02", 0, bytes(data).rindex(b"xl/media/padding.bin"))
    data[entry + 24 : entry + 28] = (100).to_bytes(4, "little")
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/media/padding.bin").file_size == 100
    with_export(example, bytes(data))
    found = export_problems(example)
    assert [p[3] for p in found] in (["E130"], ["E022"]), found
    assert "Traceback" not in found[0][4]


def test_a_formula_cell_without_a_type_is_a_located_error(example: Path) -> None:
    # A formula whose cached value is text but whose cell says nothing of its type: openpyxl
    # reads the value as a number and raised ValueError out of `validate`.
    broken = '<row r="3"><c r="A3"><f>A1</f><v>Zofia</v></c></row></sheetData>'
    with_export(example, rewrite(workbook(ROWS), SHEET, lambda xml: xml.replace("</sheetData>", broken)))
    found = export_problems(example)
    assert [p[:4] for p in found] == [("zgloszenia.xlsx", 3, 1, "E022")], found
    assert "row 3" in found[0][4]


def test_a_damaged_workbook_is_a_located_error(example: Path) -> None:
    with_export(example, workbook(ROWS)[:500])
    found = export_problems(example)
    assert [p[:4] for p in found] == [("zgloszenia.xlsx", 1, 1, "E022")]
