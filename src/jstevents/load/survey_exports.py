"""The export of an evaluation form (CSV or XLSX), read as ratings on the programme's scale.

The export is read as the registration forms are (`form_exports`: UTF-8 with or without a BOM,
";" or ",", an XLSX sheet), after a check of its size, so that a wrong file (a video, a database
dump) is refused before it is read into memory. Each answer to a rated question is a figure on
the scale ("4", "4,0") or one of the answers the programme words (`survey.answers`); anything
else is a problem at its row and column, and every problem is reported at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.load.form_exports import Table, TableError, read_table_file
from jstevents.model.survey import QuestionSummary, SurveySettings, SurveySummary
from jstevents.problems import Problem

#: A survey export larger than this is not a survey export (rows are bounded as the registration
#: forms' are, `form_exports.MAX_ROWS`).
MAX_EXPORT_BYTES = 16 * 1024 * 1024

_FIGURE = re.compile(r"^\s*(\d+)(?:[.,]0+)?\s*$")


@dataclass
class SurveyRead:
    """What an export came to: the summary, the free-text answers kept aside, the problems found."""

    summary: SurveySummary | None
    #: (row, column heading, text) of each free-text answer.
    free_texts: list[tuple[int, str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_export(path: Path, display: str, sheet: str | None = None) -> Table:
    """The export's rows; `TableError` (with a line) when it cannot be one."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise TableError(f"file {display!r} does not exist") from None
    if path.is_file() and size > MAX_EXPORT_BYTES:
        raise TableError(
            f"the file is {size // (1024 * 1024)} MB, more than a survey export can be "
            f"({MAX_EXPORT_BYTES // (1024 * 1024)} MB): check that this is the export of the evaluation form"
        )
    from jstevents.confined import Refused

    try:
        return read_table_file(path, display, sheet, limit=MAX_EXPORT_BYTES)
    except Refused as exc:
        raise TableError(str(exc)) from None


def rating(answer: str, settings: SurveySettings) -> int | None:
    """The rating an answer stands for, or None when it is none on the scale."""
    figure = _FIGURE.match(answer)
    if figure:
        value = int(figure.group(1))
        return value if settings.scale_min <= value <= settings.scale_max else None
    worded = {text.strip().casefold(): value for text, value in settings.answers.items()}
    return worded.get(answer.strip().casefold())


def summarise(table: Table, settings: SurveySettings, event_id: str, source: str) -> SurveyRead:
    """The summary of the export's answers; with problems (E164, E165) and no summary when any is found."""
    result = SurveyRead(summary=None)
    folded = {heading.casefold(): index for index, heading in enumerate(table.header)}
    columns: dict[str, int] = {}
    for heading in [q.column for q in settings.questions] + list(settings.free_text):
        index = folded.get(heading.strip().casefold())
        if index is None:
            result.problems.append(
                Problem(
                    table.name,
                    1,
                    1,
                    "E164",
                    f"the export has no column {heading!r} (named in programme.survey); its columns are: "
                    f"{', '.join(table.header)}",
                )  # fmt: skip
            )
        else:
            columns[heading] = index
    if result.problems:
        return result
    scale = range(settings.scale_min, settings.scale_max + 1)
    given: dict[str, list[int]] = {q.id: [] for q in settings.questions}
    worded = ", ".join(repr(text) for text in settings.answers)
    for line, cells in table.rows:
        for question in settings.questions:
            index = columns[question.column]
            answer = cells[index] if index < len(cells) else ""
            if not answer:
                continue  # a question left unanswered
            value = rating(answer, settings)
            if value is None:
                result.problems.append(
                    Problem(
                        table.name,
                        line,
                        index + 1,
                        "E165",
                        f"row {line}, {question.column!r}: {answer!r} is not a rating from {settings.scale_min} to "
                        f"{settings.scale_max}"
                        + (f" nor one of the answers {worded}" if worded else "")
                        + "; correct the export, or add the answer to programme.survey.answers",
                    )  # fmt: skip
                )
                continue
            given[question.id].append(value)
        for heading in settings.free_text:
            index = columns[heading]
            text = cells[index] if index < len(cells) else ""
            if text:
                result.free_texts.append((line, heading, text))
    if result.problems:
        return result
    result.summary = SurveySummary(
        event=event_id,
        source=source,
        respondents=len(table.rows),
        scale_min=settings.scale_min,
        scale_max=settings.scale_max,
        questions=tuple(
            QuestionSummary(
                id=q.id,
                label=q.label,
                answered=len(given[q.id]),
                mean=sum(given[q.id]) / len(given[q.id]) if given[q.id] else None,
                distribution={value: given[q.id].count(value) for value in scale},
            )
            for q in settings.questions
        ),
    )
    return result
