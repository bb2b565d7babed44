"""`jstevents survey import`: an event's evaluation-form export summarised into the project's state.

The summary (respondents, mean and distribution per question) goes to `.jstevents/survey-<event>.json`,
where `news` and `build` read it; the free-text answers go beside it, owner-only and kept out of git,
for the coordinator to read. Nothing is written unless every answer of the export is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jstevents.commands.files import write_text
from jstevents.commands.state import free_text_path, keep_out_of_git, state_dir, survey_path
from jstevents.errors import InputFileError, ProjectError
from jstevents.load.form_exports import TableError
from jstevents.load.survey_exports import read_export, summarise
from jstevents.model import Project
from jstevents.model.project import events_by_id
from jstevents.model.survey import SurveySummary
from jstevents.problems import Problem
from jstevents.text.numbers import fixed_decimal


@dataclass
class SurveyImported:
    summary: SurveySummary
    path: Path
    free_texts: int
    free_text_path: Path | None
    #: The summary that was there before, replaced by this one.
    replaced: SurveySummary | None


def import_survey(
    project: Project, event_id: str, export: Path, *, sheet: str | None = None, dry_run: bool = False
) -> SurveyImported:
    """Read `export` as the evaluation survey of `event_id` and keep its summary (unless `dry_run`)."""
    (event,) = events_by_id(project, [event_id])
    settings = project.programme.survey
    if settings is None:
        raise ProjectError(
            "the programme has no survey settings: which columns are rated questions, on what scale",
            hint="add `survey:` to the programme (questions with their column and label; see docs/news.md)",
        )
    display = export.as_posix()
    try:
        table = read_export(export, display, sheet)
    except TableError as exc:
        problem = Problem(display, exc.line, exc.col, "E164", exc.message)
        error = InputFileError(f"{display} cannot be read as a survey export; nothing was written")
        error.problems = [problem]
        raise error from None
    except OSError as exc:
        raise InputFileError(f"cannot read {display}: {exc.strerror or exc}; nothing was written") from None
    read = summarise(table, settings, event.id, export.name)
    if read.problems or read.summary is None:
        error = InputFileError(
            f"{len(read.problems)} problem(s) in {display}; nothing was written",
            hint="correct the export (or programme.survey) and import it again",
        )
        error.problems = read.problems
        raise error
    target = survey_path(project.root, event.id)
    replaced = None
    if target.is_file():
        try:
            replaced = SurveySummary.from_json(target.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            replaced = None
    notes = free_text_path(project.root, event.id)
    result = SurveyImported(read.summary, target, len(read.free_texts), notes if read.free_texts else None, replaced)
    if dry_run:
        return result
    if read.free_texts:
        keep_out_of_git(state_dir(project.root))
        lines = [f"Ankieta ewaluacyjna: {event.title} ({event.id}), z pliku {export.name}", ""]
        lines += [f"[wiersz {line}] {heading}: {text}" for line, heading, text in read.free_texts]
        write_text(notes, "\n".join(lines) + "\n", private=True)
    write_text(target, read.summary.to_json())
    return result


def summary_lines(summary: SurveySummary, source: str) -> list[str]:
    """The summary as the command prints it: the whole, then one line per question."""
    scale = f"scale {summary.scale_min}–{summary.scale_max}"
    mean = f", mean {fixed_decimal(summary.mean)}" if summary.mean is not None else ""
    lines = [f"{source}: {summary.respondents} respondent(s), {scale}{mean}"]
    for question in summary.questions:
        spread = " ".join(f"{value}: {count}" for value, count in sorted(question.distribution.items()))
        average = fixed_decimal(question.mean) if question.mean is not None else "–"
        lines.append(f"  {question.label}: {average} ({question.answered} answer(s); {spread})")
    return lines
