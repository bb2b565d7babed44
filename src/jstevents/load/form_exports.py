"""Participants from exports of online registration forms (CSV or XLSX).

Forms are exported by many tools: UTF-8 with or without a BOM, `;` (Polish
Excel) or `,` as the delimiter, stray spaces around values. The column mapping
lives in YAML (`participant_sources:`), so the export itself is never edited.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jstevents.model import Origin, Participant, ParticipantSource
from jstevents.problems import Problem

Locate = Callable[..., tuple[int, int]]


@dataclass
class Table:
    """Rows of an export: the header and each row with its 1-based line number."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


class TableError(Exception):
    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TableError(
            "the export is not UTF-8; in Excel choose File › Save as › "
            "'CSV UTF-8 (Comma delimited)', or export again from the form as UTF-8",
            line,
        ) from None


def read_csv(path: Path, display: str) -> Table:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for record in reader:
            if header is None:
                header = [cell.strip() for cell in record]
                continue
            if any(cell.strip() for cell in record):
                rows.append((reader.line_num, [cell.strip() for cell in record]))
    except csv.Error as exc:
        raise TableError(f"the CSV is malformed: {exc}", reader.line_num) from None
    if header is None:
        raise TableError("the export is empty: it has no header row")
    return Table(display, header, rows)


def read_xlsx(path: Path, display: str, sheet: str | None) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"cannot open the workbook: {exc}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableError(f"no sheet {sheet!r}; the workbook has: {', '.join(book.sheetnames)}")
        worksheet = book[sheet] if sheet else book.worksheets[0]
        values = list(worksheet.iter_rows(values_only=True))
    finally:
        book.close()
    if not values:
        raise TableError("the sheet is empty: it has no header row")

    def text(cell: Any) -> str:
        return "" if cell is None else str(cell).strip()

    header = [text(c) for c in values[0]]
    rows = [
        (number, [text(c) for c in row]) for number, row in enumerate(values[1:], start=2) if any(text(c) for c in row)
    ]
    return Table(display, header, rows)


def read_table(path: Path, display: str, sheet: str | None = None) -> Table:
    if path.is_dir():
        raise TableError(f"{display!r} is a folder, not a CSV or XLSX file")
    if not path.is_file():
        raise TableError(f"file {display!r} does not exist")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, display, sheet)
    return read_csv(path, display)


def rows_as_participants(
    table: Table,
    columns: dict[str, str],
    defaults: dict[str, str],
    unit_ids: dict[str, str],
) -> tuple[list[tuple[Participant, Origin]], list[Problem]]:
    """Validate each row as a participant; a bad row is reported and skipped."""
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    folded = {name.casefold(): index for index, name in enumerate(table.header)}
    for field, header in columns.items():
        index = folded.get(header.strip().casefold())
        if index is None:
            problems.append(
                Problem(
                    table.name,
                    1,
                    1,
                    "E022",
                    f"the export has no column {header!r} (for {field}); its columns are: {', '.join(table.header)}",
                )
            )
        else:
            positions[field] = index
    if problems:
        return [], problems
    result = []
    for line, cells in table.rows:
        data: dict[str, Any] = dict(defaults)
        for field, index in positions.items():
            value = cells[index] if index < len(cells) else ""
            if value:
                data[field] = value
        if "unit" in data:
            data["unit"] = unit_ids.get(str(data["unit"]).casefold(), data["unit"])
        if "id" not in data and "email" in data:
            data["id"] = str(data["email"]).strip().lower()
        try:
            participant = Participant.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                field = str(error["loc"][0]) if error["loc"] else "?"
                col = positions.get(field, 0) + 1
                message = error["msg"].removeprefix("Value error, ")
                if error["type"] == "missing":
                    message = f"{field} is empty"
                problems.append(Problem(table.name, line, col, "E022", f"row {line}, {field}: {message}"))
            continue
        col = positions.get("name", 0) + 1
        result.append((participant, Origin(file=table.name, line=line, col=col)))
    return result, problems


def read_participant_sources(
    root: Path,
    spec: ParticipantSource,
    *,
    unit_ids: dict[str, str],
    declared_in: str,
    locate: Locate,
) -> tuple[list[tuple[Participant, Origin]], list[Problem]]:
    path = root / spec.file
    display = (root / spec.file).as_posix()
    try:
        table = read_table(path, display, spec.sheet)
    except TableError as exc:
        if "does not exist" in exc.message or "is a folder" in exc.message:
            line, col = locate(("file",))
            return [], [Problem(declared_in, line, col, "E022", f"{exc.message}: check `file:`")]
        return [], [Problem(display, exc.line, exc.col, "E022", exc.message)]
    except OSError as exc:
        line, col = locate(("file",))
        return [], [Problem(declared_in, line, col, "E022", f"cannot read {display}: {exc}")]
    return rows_as_participants(table, spec.columns, spec.defaults, unit_ids)
