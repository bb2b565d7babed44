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


#: Bounds on an export, far above any registration form's: a file over them is refused, located,
#: before it can hold a command for minutes or take the machine's memory.
MAX_EXPORT_BYTES = 64 * 1024 * 1024
#: Everything inside an XLSX (a zip) once decompressed: a 1 MB "zip bomb" can claim gigabytes.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000


class TooLargeError(TableError):
    """An export over one of the bounds (E130)."""


def _count(rows: int, cells: int, line: int) -> None:
    if rows > MAX_ROWS:
        raise TooLargeError(
            f"the export has more than {MAX_ROWS:,} rows, the limit: is it the right file? "
            "Export only the registrations of the programme",
            line,
        )
    if cells > MAX_CELLS:
        raise TooLargeError(
            f"the export has more than {MAX_CELLS:,} cells, the limit: is it the right file? "
            "Export only the columns the mapping names",
            line,
        )


def read_csv(data: bytes, display: str) -> Table:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    count = cells = 0
    try:
        for record in reader:
            count, cells = count + 1, cells + len(record)
            _count(count, cells, reader.line_num)
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


def _check_unpacked_size(data: bytes) -> None:
    """Refuse a workbook whose parts, decompressed, would be over the bound: first by the sizes the
    zip declares, then by decompressing it (a zip may declare less than it holds)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            declared = sum(member.file_size for member in members)
            if declared > MAX_UNPACKED_BYTES:
                raise TooLargeError(_unpacked_message())
            total = 0
            for member in members:
                with archive.open(member) as part:
                    while chunk := part.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_UNPACKED_BYTES:
                            raise TooLargeError(_unpacked_message())
    except TableError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise TableError(f"the workbook is damaged (not a valid XLSX file): {exc}") from None
    except Exception as exc:  # zlib and zipfile raise others for a damaged stream
        raise TableError(f"the workbook is damaged (not a valid XLSX file): {type(exc).__name__}") from None


def _unpacked_message() -> str:
    return (
        f"the workbook unpacks to more than {MAX_UNPACKED_BYTES // (1 << 20)} MB, the limit "
        "(a registration export is far smaller): is it the right file? Save it again from Excel, or export it as CSV"
    )


def read_xlsx(data: bytes, display: str, sheet: str | None) -> Table:
    _check_unpacked_size(data)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(f"cannot open the workbook: {type(exc).__name__}: {exc}"[:300]) from None
    values: list[tuple[int, tuple[Any, ...]]] = []
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableError(f"no sheet {sheet!r}; the workbook has: {', '.join(book.sheetnames)}")
        worksheet = book[sheet] if sheet else book.worksheets[0]
        # The size the sheet declares (<dimension ref="A1:XFD1048576"/>) is not trusted: it
        # would make every row 16,384 cells wide and list a million rows. Rows are counted instead.
        reset = getattr(worksheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        rows = iter(worksheet.iter_rows(values_only=True))
        number = cells = 0
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except Exception as exc:  # a malformed cell: openpyxl raises ValueError, KeyError, …
                raise TableError(
                    f"row {number + 1}: a cell cannot be read ({type(exc).__name__}: {exc}"[:200]
                    + "): open the file in Excel, check the row and save it again",
                    number + 1,
                ) from None
            number, cells = number + 1, cells + len(row)
            _count(number, cells, number)
            values.append((number, row))
    finally:
        book.close()
    if not values:
        raise TableError("the sheet is empty: it has no header row")

    def text(cell: Any) -> str:
        return "" if cell is None else str(cell).strip()

    header = [text(c) for c in values[0][1]]
    found = [(number, [text(c) for c in row]) for number, row in values[1:] if any(text(c) for c in row)]
    return Table(display, header, found)


def read_table(data: bytes, display: str, sheet: str | None = None) -> Table:
    if display.lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(data, display, sheet)
    return read_csv(data, display)


def read_table_file(path: Path, display: str, sheet: str | None = None, *, limit: int = MAX_EXPORT_BYTES) -> Table:
    """A table named on the command line: anywhere, but a regular file read with a bound.

    `TableError` when it is no table (a spreadsheet kind that cannot be read among them);
    `confined.Refused` when it is not a regular file or is larger than `limit`.
    """
    from jstevents.confined import read_regular

    if path.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise TableError(f"{path.suffix} files cannot be read: save it as .xlsx, or as 'CSV UTF-8'")
    return read_table(read_regular(path, limit, display), display, sheet)


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
    from jstevents.confined import Missing, Refused, TooLarge, read_named

    display = (root / spec.file).as_posix()
    try:
        data = read_named(root, spec.file, MAX_EXPORT_BYTES)
    except (Missing, TooLarge) as exc:
        line, col = locate(("file",))
        code = "E130" if isinstance(exc, TooLarge) else "E022"
        return [], [Problem(declared_in, line, col, code, f"{exc}: check `file:`")]
    except Refused as exc:
        # Never the file's content: it may be /proc/self/environ or a key named by a pull request.
        line, col = locate(("file",))
        return [], [Problem(declared_in, line, col, "E130", str(exc))]
    try:
        table = read_table(data, display, spec.sheet)
    except TableError as exc:
        code = "E130" if isinstance(exc, TooLargeError) else "E022"
        return [], [Problem(display, exc.line, exc.col, code, exc.message)]
    return rows_as_participants(table, spec.columns, spec.defaults, unit_ids)
