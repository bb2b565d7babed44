"""For any event, the report reads as Polish a coordinator can publish unedited.

Events are drawn by hypothesis from the parts an event may or may not have — kind, ordinal,
online or on site, one day or several, no aims, one aim or several, no agenda or blocks with
and without points, no units or units of one kind or several, attendance recorded or not, a
survey or none, the next meeting, each part of `report:` — and every format is read for what a
reader would notice: a doubled space, a leaked "None", a brace, an empty heading, a lead
sentence ending in a colon with nothing after it, a sentence ending on a preposition.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import EXAMPLE
from jstevents.load.project import require_project
from jstevents.model import AgendaBlock, Event, Registration, Report
from jstevents.model.survey import QuestionSummary, SurveySummary
from jstevents.outputs.news import render_news

PROJECT = require_project(EXAMPLE)
BASE = PROJECT.events["siec-2018-10"]
PREPOSITIONS = "w|we|z|ze|na|do|o|od|po|pod|przy|dla|i|oraz|a|u|przez"
DANGLING = re.compile(rf"(?<![\w-])({PREPOSITIONS})\s*[.!?](?!\w)", re.IGNORECASE)
#: People of the example with units of every kind; each registered person may be recorded present or not.
PEOPLE = ["lukasz-zolc", "zaneta-zak", "ewa-scibor", "marek-stepien", "joanna-lecka", "tomasz-ludwiczak"]
UNITS = ["biala-podlaska", "powiat-krapkowicki", "skoczow", "miedzna", "rzeszow", "zory"]


@st.composite
def surveys(draw, event_id: str) -> SurveySummary | None:
    if not draw(st.booleans()):
        return None
    questions = []
    for index in range(draw(st.integers(1, 3))):
        counts = draw(st.lists(st.integers(0, 6), min_size=5, max_size=5))
        answered = sum(counts)
        mean = sum((i + 1) * c for i, c in enumerate(counts)) / answered if answered else None
        questions.append(
            QuestionSummary(f"q{index}", f"pytanie {index + 1}", answered, mean, dict(enumerate(counts, 1)))
        )
    respondents = max((q.answered for q in questions), default=0)
    return SurveySummary(event_id, respondents, 1, 5, tuple(questions))


@st.composite
def events(draw) -> Event:
    start = draw(st.dates(min_value=dt.date(2019, 1, 7), max_value=dt.date(2021, 12, 1)))
    end = start + dt.timedelta(days=draw(st.integers(0, 2)))
    online = draw(st.booleans()) and start == end
    kind = draw(st.sampled_from(["module", "meeting", "training"]))
    recorded = draw(st.booleans())
    registered = draw(st.lists(st.sampled_from(PEOPLE), unique=True))
    registrations = [
        Registration(participant=p, attended=(draw(st.sampled_from([[], [start]])) if recorded else None))
        for p in registered
    ]
    agenda = [
        AgendaBlock(
            title=draw(st.sampled_from(["Blok", "Blok z dwukropkiem:", "Praca w grupach."])) + f" {i + 1}",
            items=draw(st.lists(st.sampled_from(["dyskusja", "praca w grupach;", "podsumowanie."]), max_size=2)),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    report = None
    if draw(st.booleans()):
        report = Report(
            title=draw(st.sampled_from([None, "Relacja ze spotkania"])),
            what=draw(st.sampled_from([None, "spotkanie sieci dla samorządowców"])),
            opening=draw(st.sampled_from([None, "Uczestnicy pracowali w **grupach**."])),
            agenda_intro=draw(st.sampled_from([None, "Omówiono:"])),
            closing=draw(st.sampled_from([None, "Dziękujemy.\n\nDo zobaczenia!"])),
        )
    return Event.model_validate(
        BASE.model_dump()
        | {
            "kind": kind,
            "number": draw(st.sampled_from([None, 1, 2, 14])),
            "ordinal": draw(st.sampled_from([None, "drugie"])) if kind != "module" else None,
            "mode": "online" if online else "onsite",
            "online_link": "https://spotkania.example.org/x" if online else None,
            "venue": None if online else draw(st.sampled_from(["ore-sulejowek", "holiday-park"])),
            "dates": {"start": start, "end": end},
            "aims": draw(
                st.lists(st.sampled_from(["Poznanie narzędzi.", "JST w sieci", "wymiana doświadczeń"]), unique=True)
            ),
            "agenda": [b.model_dump() for b in agenda],
            "units_attending": draw(st.lists(st.sampled_from(UNITS), unique=True)),
            "next_meeting": draw(st.sampled_from([None, "styczeń 2022 r.", "luty 2022"])),
            "registrations": [r.model_dump() for r in registrations],
            "report": report.model_dump() if report else None,
        }
    )


def shown(text: str, fmt: str) -> list[str]:
    if fmt in ("html", "fragment"):
        text = re.sub(r"<(style|title)[^>]*>.*?</\1>", "", text, flags=re.S)
        text = re.sub(r"</?(?:span|strong|em|b|a)\b[^>]*>", "", text)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    if fmt == "md":
        text = text.replace("**", "")
    return [line.replace("\u00a0", " ").strip() for line in text.splitlines() if line.strip()]


def problems(text: str, fmt: str) -> list[str]:
    found = []
    lines = shown(text, fmt)
    prose = re.sub(r"\S+@\S+|https?://\S+|www\.\S+", " ", " ".join(lines))
    for bad in ("None", "null", "{", "}"):
        if bad in prose:
            found.append(f"{bad!r} in the text")
    found += [f"doubled space in {line!r}" for line in lines if "  " in line]
    found += [f"sentence ends on {m.group(0)!r}" for m in DANGLING.finditer(prose)]
    found += [f"doubled punctuation {m.group(0)!r}" for m in re.finditer(r"[:.;,]\s*[:;,]|\.\.(?!\.)", prose)]
    if fmt == "md":
        # A lead ending in a colon is followed by its list (in Markdown a paragraph is one line).
        rows = [row for row in text.splitlines() if row.strip()]
        found += [
            f"a lead with no list after it: {row.strip()!r}"
            for row, after in zip(rows, [*rows[1:], ""], strict=True)
            if row.rstrip().endswith(":") and not re.match(r"\s*(\d+\.|-|•) ", after)
        ]
    found += [f"empty: {line!r}" for line in lines if line in (":", ".", "-", "–", "•")]
    if fmt == "md":
        found += [f"empty heading {h!r}" for h in re.findall(r"(?m)^#+ *$", text)]
    if fmt in ("html", "fragment"):
        found += [f"empty element {h!r}" for h in re.findall(r"<(h1|p|li|ol|ul|figcaption)[^>]*>\s*</\1>", text)]
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(), st.data())
def test_any_event_reads_right_in_every_format(event: Event, data: st.DataObject) -> None:
    survey = data.draw(surveys(event.id))
    for fmt in ("md", "txt", "html", "fragment"):
        text = render_news(PROJECT, event, fmt, survey=survey)
        assert problems(text, fmt) == [], (fmt, text)


def test_a_bare_event_keeps_only_what_it_has() -> None:
    event = BASE.model_copy(
        update={"aims": [], "agenda": [], "units_attending": [], "registrations": [], "report": None,
                "next_meeting": None}
    )  # fmt: skip
    text = render_news(PROJECT, event, "md")
    assert "Celem" not in text and "Poruszano" not in text and "JST:" not in text and "ankiecie" not in text
    assert "W dniach 23–24 października 2018 r. w Centrum Szkoleniowym ORE w Sulejówku odbyło się pierwsze" in text


def test_the_checks_find_what_they_look_for() -> None:
    assert problems("Celem spotkania było:\n\n1. Cel.\n\nPoruszano:\n\nTekst.", "md") == [
        "a lead with no list after it: 'Poruszano:'"
    ]
    assert problems("Odbyło się  spotkanie w.", "txt") == [
        "doubled space in 'Odbyło się  spotkanie w.'",
        "sentence ends on 'w.'",
    ]
    assert problems("<p></p><p>Ocena: None</p>", "fragment") == ["'None' in the text", "empty element 'p'"]
    assert problems("Blok:; dyskusja", "txt") == ["doubled punctuation ':;'"]
