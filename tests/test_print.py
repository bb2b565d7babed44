"""The XLSX lists as a coordinator prints them: LibreOffice turns each into a PDF, which is measured.

Excel and LibreOffice print a sheet "fitted to the page's width" by shrinking everything; a
table too wide, or text left to run past the table's edge, shrinks the type until nobody can
read it. So each list of every event of the example is printed and read back: the pages are
A4, the table is whole on each page (never split into a left and a right half), and the body
text (the values of the table) is at least 8 pt on paper.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from helpers import build_example

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
)

A4 = sorted((595.3, 841.9))
MIN_POINTS = 8.0


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Every XLSX list of the example's build, with the PDF LibreOffice prints of it."""
    out = tmp_path_factory.mktemp("print")
    build_example(out / "build", "2017-08-01")
    sheets = sorted((out / "build").glob("*/listy/*.xlsx"))
    assert sheets
    pdfs = out / "pdf"
    for sheet in sheets:
        # One name per file: the lists of different events have the same file names.
        (pdfs / sheet.parent.parent.name).mkdir(parents=True, exist_ok=True)
    for event in {s.parent.parent.name for s in sheets}:
        subprocess.run(
            [SOFFICE, "--headless", f"-env:UserInstallation={(out / 'profile').as_uri()}", "--convert-to", "pdf",
             "--outdir", str(pdfs / event), *[str(s) for s in sheets if s.parent.parent.name == event]],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return {f"{s.parent.parent.name}/{s.stem}": (s, pdfs / s.parent.parent.name / f"{s.stem}.pdf") for s in sheets}


def _values(sheet: Path) -> tuple[list[str], set[str]]:
    """The table's column titles and the texts of its cells, as the sheet holds them."""
    import openpyxl

    rows = [[c.value for c in row] for row in openpyxl.load_workbook(sheet).active.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0] in ("Lp.", "Dzień", "Pokój"))
    titles = [str(v) for v in rows[header]]
    table = []
    for row in rows[header + 1 :]:
        if all(v is None for v in row):
            break  # the table ends; the counts and notes under it are smaller on purpose
        table.append(row)
    body = {str(v) for row in table for v in row if v is not None and 3 <= len(str(v)) <= 25}
    return titles, body


def _sizes_of(page: pypdf.PageObject, texts: set[str]) -> list[float]:
    """The size on paper of each piece of text on the page that is one of `texts`."""
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() in texts:
            found.append(abs(size * tm[3] * cm[3]) or abs(size * tm[0] * cm[0]))

    page.extract_text(visitor_text=visit)
    return found


def test_every_list_prints_on_a4_with_readable_type(printed: dict[str, tuple[Path, Path]]) -> None:
    report = []
    for name, (sheet, pdf) in sorted(printed.items()):
        titles, body = _values(sheet)
        reader = pypdf.PdfReader(pdf)
        sizes = []
        for page in reader.pages:
            box = page.mediabox
            assert sorted((round(float(box.width), 1), round(float(box.height), 1))) == A4, name
            text = re.sub(r"\s+", " ", page.extract_text())
            # The whole width of the table on each page: its first and its last column.
            assert titles[0] in text and titles[-1].split()[0] in text, f"{name}: a page without the whole table"
            sizes += _sizes_of(page, body)
        assert sizes, f"{name}: no cell of the table found in the printed PDF"
        report.append((name, min(sizes), len(reader.pages)))
    small = [f"{name}: {size:.1f} pt" for name, size, _ in report if size < MIN_POINTS]
    assert not small, "type smaller than 8 pt on paper: " + ", ".join(small)


def test_the_funding_marking_is_printed_and_readable(printed: dict[str, tuple[Path, Path]]) -> None:
    sheet, pdf = printed["modul-3/attendance"]
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    assert "Europejskiego Funduszu Społecznego" in text
    assert "Lista obecności" in text and "Moduł III szkolenia" in text
