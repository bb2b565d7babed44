"""For any valid event, every format of the communiqué reads as Polish a coordinator can send unedited.

Events are drawn by hypothesis from the parts a programme may or may not have — kind, online or
on site, one day or several (across a month's end), hotel, meals, extras, car, coach, activities,
agenda with and without times, aims, deadlines, notices, the next meeting — and each communiqué
(generic and personal) is read for what a reader would notice: a doubled space, a sentence that
ends on a preposition or on "zapewniamy", a leaked "None", a placeholder's brace, an empty
heading, a time written "10:00" beside "10.00".
"""

from __future__ import annotations

import datetime as dt
import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import REPO
from jstevents.load.project import require_project
from jstevents.model import Accommodation, Activity, AgendaBlock, Coach, Deadline, Event, Signup, Transport
from jstevents.model.values import ClockSpan
from jstevents.outputs.communique import render_communique

PROJECT = require_project(REPO / "examples" / "malopolska")
BASE = PROJECT.events["modul-4"]
PREPOSITIONS = "w|we|z|ze|na|do|o|od|po|pod|przy|dla|i|oraz|a|u|zapewniamy|przez|dla"
#: A sentence that stops on a word that cannot end one.
DANGLING = re.compile(rf"(?<![\w-])({PREPOSITIONS})\s*[.!?](?!\w)", re.IGNORECASE)
CLOCK_WITH_COLON = re.compile(r"(?<![\w/:])\d{1,2}:\d{2}(?![\w/])")

days = st.dates(min_value=dt.date(2027, 1, 4), max_value=dt.date(2028, 12, 20))
hours = st.integers(min_value=7, max_value=12)


@st.composite
def spans(draw) -> ClockSpan:
    start = dt.time(draw(st.integers(8, 16)), draw(st.sampled_from([0, 15, 30, 45])))
    end = dt.time(start.hour + draw(st.integers(1, 3)), start.minute) if draw(st.booleans()) else None
    return ClockSpan(start, end)


@st.composite
def events(draw) -> Event:
    start = draw(days)
    length = draw(st.integers(0, 2))
    end = start + dt.timedelta(days=length)
    online = draw(st.booleans()) and length == 0
    kind = draw(st.sampled_from(["module", "meeting", "training"]))
    begin = dt.time(draw(hours), draw(st.sampled_from([0, 30])))
    finish = dt.time(begin.hour + draw(st.integers(2, 6)), draw(st.sampled_from([0, 15, 30])))
    schedule = BASE.schedule.model_dump() | {
        "start": begin,
        "end": finish,
        "check_in": dt.time(begin.hour - 1, 0) if draw(st.booleans()) and not online else None,
        "closing_meal": draw(st.sampled_from([None, "lunch", "dinner"])) if not online else None,
    }
    accommodation = None
    if not online and draw(st.booleans()):
        accommodation = Accommodation(
            provided=draw(st.booleans()),
            meals=draw(st.booleans()),
            room_size=draw(st.integers(1, 3)),
            extras=draw(
                st.lists(
                    st.sampled_from(["materiały szkoleniowe", "opiekę trenerską", "kawę"]), unique=True, max_size=2
                )
            ),
        )
    before = start - dt.timedelta(days=draw(st.integers(3, 20)))
    signup = Signup(deadline=before, contact="biuro")
    transport = None
    if not online and draw(st.booleans()):
        coach = None
        if draw(st.booleans()):
            coach = Coach(pickup_place="dworzec autobusowy MDA", pickup_time=dt.time(7, 30),
                          return_dropoff="dworzec autobusowy MDA", signup=signup)  # fmt: skip
        transport = Transport(
            own_car=draw(st.booleans()),
            parking=draw(st.sampled_from([None, "bezpłatny parking przy budynku"])),
            public_transport=draw(st.sampled_from([None, "tramwajem do przystanku Rondo"])),
            coach=coach,
        )
    activities = []
    if not online and draw(st.booleans()):
        activities.append(
            Activity(
                id="spacer", title="spacer po starym mieście", date=draw(st.sampled_from([start, end])),
                time=dt.time(18, 30), when=draw(st.sampled_from([None, "na zakończenie pierwszego dnia"])),
                departure=draw(st.sampled_from([None, "Wyjście sprzed budynku"])), optional=draw(st.booleans()),
                signup=signup,
            )
        )  # fmt: skip
    agenda = [
        AgendaBlock(title=f"Blok {i + 1}", time=draw(st.one_of(st.none(), spans())),
                    items=draw(st.lists(st.sampled_from(["dyskusja", "praca w grupach"]), max_size=2)))
        for i in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    deadlines = [
        Deadline(id=f"d{i}", title="Potwierdzenie udziału",
                 at=draw(st.sampled_from([before, dt.datetime.combine(before, dt.time(15, 0))])),
                 contact=draw(st.sampled_from([None, "biuro"])))
        for i in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    return Event.model_validate(
        BASE.model_dump()
        | {
            "kind": kind,
            "number": draw(st.sampled_from([None, 2, 5])) if kind == "module" else None,
            "ordinal": draw(st.sampled_from([None, "drugi" if kind == "module" else "drugie"])),
            "mode": "online" if online else "onsite",
            "online_link": "https://spotkania.example.org/x" if online else None,
            "venue": None if online else draw(st.sampled_from(["hotel-wawel", "sala-tarnow"])),
            "dates": {"start": start, "end": end},
            "schedule": schedule,
            "accommodation": accommodation,
            "transport": transport,
            "activities": activities,
            "aims": draw(st.lists(st.sampled_from(["Poznanie narzędzi.", "Wymiana doświadczeń."]), unique=True)),
            "agenda": agenda,
            "deadlines": deadlines,
            "notices": draw(st.lists(st.just("Prosimy o zabranie laptopa."), max_size=1)),
            "next_meeting": draw(st.sampled_from([None, "w grudniu w Krakowie"])),
            "greeting": None,
            "attachments": [],
            "units_attending": draw(st.lists(st.sampled_from(["wieliczka", "bochnia"]), unique=True)),
            "registrations": [],
        }
    )


def _shown(text: str, fmt: str) -> list[str]:
    """The lines a reader sees."""
    if fmt == "html":
        text = re.sub(r"<(style|title)[^>]*>.*?</\1>", "", text, flags=re.S)
        text = re.sub(r"</?(?:span|strong|em|b|a)\b[^>]*>", "", text)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    if fmt == "md":
        text = text.replace("**", "")
    return [line.replace("\u00a0", " ").strip() for line in text.splitlines() if line.strip()]


def _problems(text: str, fmt: str) -> list[str]:
    found = []
    lines = _shown(text, fmt)
    prose = " ".join(lines)
    without_links = re.sub(r"\S+@\S+|https?://\S+", " ", prose)
    for bad in ("None", "null", "{", "}", "  "):
        if bad in (without_links if bad != "  " else "\n".join(lines)):
            found.append(f"{bad!r} in the text")
    found += [f"sentence ends on {m.group(0)!r}" for m in DANGLING.finditer(without_links)]
    found += [f"time {m.group(0)!r}" for m in CLOCK_WITH_COLON.finditer(without_links)]
    if fmt == "md":
        found += [f"empty heading {h!r}" for h in re.findall(r"(?m)^#+ *$", text)]
        found += [f"heading without text under it: {h!r}" for h in re.findall(r"(?m)^(##[^\n]*)\n\n(?=##|\Z)", text)]
    if fmt == "html":
        found += [f"empty heading {h!r}" for h in re.findall(r"<h[12][^>]*>\s*</h[12]>", text)]
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(), st.booleans())
def test_any_valid_event_reads_right_in_every_format(event: Event, personal: bool) -> None:
    recipient = PROJECT.participants["ola-nowak"] if personal else None
    for fmt in ("md", "txt", "html"):
        text = render_communique(PROJECT, event, fmt, recipient=recipient)
        assert _problems(text, fmt) == [], (fmt, event.model_dump(include={"kind", "mode", "accommodation"}))


def test_the_checks_find_what_they_look_for() -> None:
    assert _problems("Podczas szkolenia zapewniamy  wszystkim uczestnikom.", "txt") != []
    assert _problems("Podczas szkolenia zapewniamy.", "txt") == ["sentence ends on 'zapewniamy.'"]
    assert _problems("Start o 10:00 w sali.", "txt") == ["time '10:00'"]
    assert _problems("## Terminy\n\n## Dojazd\n\nTekst.", "md") == ["heading without text under it: '## Terminy'"]
    assert _problems("Rozpoczęcie: None.", "txt") == ["'None' in the text"]
    assert _problems("Link: https://example.org/a:10:00 i e-mail a.b@example.org.", "txt") == []
