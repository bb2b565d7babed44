"""`jstevents report`: the funder's workbook, with module III's recorded attendance and certificates."""

from __future__ import annotations

from pathlib import Path

from helpers import EXAMPLE


def _sheets(path: Path) -> dict[str, list[tuple]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_the_funders_workbook(cli, tmp_path: Path) -> None:
    out = tmp_path / "raport.xlsx"
    done = cli("report", "-p", EXAMPLE, "-o", out)
    assert done.exit_code == 0, done.output
    sheets = _sheets(out)
    assert list(sheets) == ["Wydarzenia", "Obecność dzienna", "Rodzaje JST", "Województwa", "JST"]
    events = {row[0]: row for row in sheets["Wydarzenia"][1:]}
    # Module III: 40 registered, 39 came on at least one day, 34 completed and hold a certificate.
    assert events["modul-3"][4:] == ("tak", 40, 39, 34, 34)
    # Nothing recorded yet: present and completed are empty, not zero.
    assert events["siec-2018-10"][4:] == ("nie", 8, None, None, 0)
    daily = [row for row in sheets["Obecność dzienna"] if row[0] == "modul-3"]
    assert [row[2:] for row in daily] == [("21.08.2017", 37), ("22.08.2017", 39), ("23.08.2017", 36)]
    kinds = [row for row in sheets["Rodzaje JST"] if row[0] == "modul-3"]
    assert sum(row[3] for row in kinds) == 40 and sum(row[5] for row in kinds) == 34
    regions = [row for row in sheets["Województwa"] if row[0] == "modul-3"]
    assert sum(row[6] for row in regions) == 34
    units = {row[0]: row for row in sheets["JST"][1:]}
    assert units["Miasto Rypin"][3:5] == (1, "Moduł III szkolenia")
    again = tmp_path / "again.xlsx"
    assert cli("report", "-p", EXAMPLE, "-o", again).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
