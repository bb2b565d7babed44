"""The report of an event ("relacja") for the programme's website, from the event's data.

"W dniach 23–24 października 2018 r. w Centrum Szkoleniowym ORE w Sulejówku odbyło się pierwsze
spotkanie sieci …": the dates, the place in the locative, the kind and its ordinal; the aims, the
agenda with its points, the units (JST) that took part grouped by kind (from the recorded
attendance when there is one, see `model.attendance`), the evaluation survey worded by the
programme's thresholds, the next meeting, the funding sentence; and what only a person can write,
from the event's `report:` (headline, opening, closing remark, photographs with captions).

`news_context` decides what the report says; the templates `news.md.j2`, `news.txt.j2`,
`news.fragment.html.j2` (to paste into a CMS) and `news.html.j2` (a page of its own) word it,
sharing their sentences through `_news.j2`, and are overridden like the communiqué's. The
photographs are not read here (a renderer touches no files): `photo_files` says which files of the
project the command copies beside the report, and under which names the report shows them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from jstevents.checks.report import copied_name
from jstevents.errors import UsageError
from jstevents.model import Event, Project
from jstevents.model.attendance import attendees, attending_units, has_recorded_attendance
from jstevents.model.survey import SurveySummary
from jstevents.outputs.registry import RenderInputs
from jstevents.text import numbers, placeholders, wording
from jstevents.text.dates import DASH
from jstevents.text.units import grouped, groups_text, kind_order

FORMATS = ("md", "html", "fragment", "txt")
TEMPLATES = {
    "md": "news.md.j2",
    "txt": "news.txt.j2",
    "fragment": "news.fragment.html.j2",
    "html": "news.html.j2",
}


def _place(event: Event, project: Project) -> str:
    """ "w Centrum Szkoleniowym ORE w Sulejówku"; "" online, or for a venue without its locative forms."""
    if event.mode == "online":
        return ""
    venue = project.venues.get(event.venue) if event.venue else None
    if venue is None:
        return ""
    parts = []
    if venue.name_locative:
        parts.append(f"w {venue.name_locative}")
    if venue.city_locative:
        parts.append(f"w {venue.city_locative}")
    return " ".join(parts)


def _aim_in_sentence(aim: str) -> str:
    """One aim read after "Celem szkolenia było": its first letter small unless it opens an acronym ("JST")."""
    text = wording.sentence(aim.strip())
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def _rating(project: Project, summary: SurveySummary | None) -> dict[str, Any] | None:
    """The survey as the report gives it: the word for the mean, the figures; None without answers."""
    if summary is None or summary.respondents == 0 or summary.mean is None:
        return None
    settings = project.programme.survey
    word = settings.word_for(summary.mean) if settings else None
    return {
        "summary": summary,
        "respondents": summary.respondents,
        "word": word,
        "mean": numbers.fixed_decimal(summary.mean),
        "scale": f"{summary.scale_min}{DASH}{summary.scale_max}",
        "questions": [
            {"label": q.label, "mean": numbers.fixed_decimal(q.mean), "answered": q.answered}
            for q in summary.questions
            if q.mean is not None
        ],
    }


def photo_files(project: Project, event: Event) -> list[tuple[str, str]]:
    """Each photograph of the report: its path in the project as written, and its name beside the report
    ("zdjecia/x.jpg"). The command finds and copies the files (a renderer reads none)."""
    if event.report is None:
        return []
    return [(photo.file, copied_name(photo.file)) for photo in event.report.photos]


def news_context(project: Project, event: Event, survey: SurveySummary | None = None) -> dict[str, Any]:
    """Everything a report template may use; see docs/news.md, "Template variables"."""
    event = placeholders.filled(event)
    words = wording.KIND_WORDS[event.kind]
    report = event.report
    ordinal = event.ordinal or (numbers.ordinal(event.number, words["gender"]) if event.number else None)
    units = attending_units(project, event)
    groups = grouped(units, kind_order(project.networks.values()))
    recorded = has_recorded_attendance(event)
    present = [r for r in attendees(event) if r.role == "participant"] if recorded else []
    rating = _rating(project, survey)
    aims = [a.strip() for a in event.aims if a.strip()]
    return {
        "programme": project.programme,
        "event": event,
        "report": report,
        "words": words,
        "heading": (report.title if report and report.title else event.title),
        "ordinal": ordinal,
        "what": (report.what if report and report.what else words["noun"]),
        "days_phrase": "W dniu" if event.dates.start == event.dates.end else "W dniach",
        "place": _place(event, project),
        "online": event.mode == "online",
        "aims": aims,
        "single_aim": _aim_in_sentence(aims[0]) if len(aims) == 1 else None,
        "agenda": event.agenda,
        "agenda_intro": report.agenda_intro if report and report.agenda_intro else None,
        "units": units,
        "unit_groups": groups,
        "units_text": groups_text(groups),
        "units_count": len(units),
        "attendance_recorded": recorded,
        #: People recorded present (participants only); None before attendance is recorded.
        "people_count": len(present) if recorded else None,
        "rating": rating,
        "next_meeting": event.next_meeting,
        # The link to each photograph, percent-encoded: a file name with a space stays one link.
        "photos": [
            {"src": quote(copied_name(p.file)), "caption": p.caption} for p in (report.photos if report else [])
        ],
        "sections": {
            "aims": bool(aims),
            "agenda": bool(event.agenda),
            "units": bool(groups),
            "survey": rating is not None,
            "photos": bool(report and report.photos),
        },
    }


def render_news(project: Project, event: Event, fmt: str, *, survey: SurveySummary | None = None) -> str:
    """The report of `event` as Markdown, plain text, an HTML fragment or an HTML page."""
    from jstevents.outputs.templating import render
    from jstevents.text.typography import polish_spaces_html

    if fmt not in TEMPLATES:
        raise UsageError(f"unknown report format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    page = render(Path(project.root), TEMPLATES[fmt], news_context(project, event, survey))
    return polish_spaces_html(page) if fmt in ("html", "fragment") else page


def news(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    """The registered output: the report, with the survey the command read."""
    return render_news(inputs.project, event, fmt, survey=inputs.surveys.get(event.id)).encode("utf-8")
