"""The communiqué ("Komunikat nr N") of one event, from the model.

`communique_context` gathers what the templates need; `render_communique` renders
`communique.md.j2`, `communique.html.j2` or `communique.txt.j2` through the
project's template search path (see templating.py). The sentences common to all
formats live in `_communique.j2`, so the three formats say the same thing. The
communiqué as a whole e-mail is `outputs.email`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

from jstevents.errors import UsageError
from jstevents.model import Event, Expert, Participant, Project, Registration, Unit
from jstevents.model.deadlines import event_deadlines
from jstevents.model.provision import provision
from jstevents.text import placeholders, wording
from jstevents.text.typography import polish_spaces_html

Format = Literal["md", "html", "txt"]
FORMATS: tuple[Format, ...] = ("md", "html", "txt")


def subject(project: Project, event: Event) -> str:
    """ "Komunikat nr 3 – pilotaż dla jednostek samorządu terytorialnego"."""
    head = f"Komunikat nr {event.communique}" if event.communique else "Komunikat"
    return f"{head} – {event.communique_title or project.programme.short_title}"


def sender(project: Project) -> Any:
    """The contact communiqués come from: `programme.mail.from_contact`, else the first contact."""
    chosen = project.programme.mail.from_contact
    return project.contact(chosen) if chosen else project.programme.contacts[0]


def _mentor(project: Project, unit: Unit | None) -> Expert | None:
    if unit is None or unit.mentor is None:
        return None
    return project.experts.get(unit.mentor)


def recipient_context(project: Project, event: Event, participant: Participant) -> dict[str, Any]:
    unit = project.units.get(participant.unit)
    registration = _registrations(event).get(participant.id)
    activities = {a.id: a for a in event.activities}
    return {
        "participant": participant,
        "unit": unit,
        "mentor": _mentor(project, unit),
        "registration": registration,
        "registered": registration is not None,
        "coach": bool(registration and registration.coach),
        # "both", "there" (to the event only), "back" (home only), or "" (no coach).
        "coach_way": _coach_way(registration),
        "activities": [activities[a] for a in (registration.activities if registration else []) if a in activities],
    }


def _coach_way(registration: Registration | None) -> str:
    if registration is None or registration.coach is False:
        return ""
    return "both" if registration.coach is True else registration.coach


def _registrations(event: Event) -> dict[str, Registration]:
    """The event's registrations by participant (the first one of each), made once per event."""
    cached = _BY_PARTICIPANT.get(id(event))
    if cached is None or cached[0] is not event:
        found: dict[str, Registration] = {}
        for registration in event.registrations:
            found.setdefault(registration.participant, registration)
        if len(_BY_PARTICIPANT) > 64:
            _BY_PARTICIPANT.clear()
        cached = _BY_PARTICIPANT[id(event)] = (event, found)
    return cached[1]


#: id(event) → (event, its registrations by participant): a mail-out looks one up per recipient.
_BY_PARTICIPANT: dict[int, tuple[Event, dict[str, Registration]]] = {}


def communique_context(project: Project, event: Event, recipient: Participant | None = None) -> dict[str, Any]:
    """Everything a communiqué template may use; see docs/communiques.md, "Template variables"."""
    event = placeholders.filled(event)
    contacts = {c.id: c for c in project.programme.contacts}
    venue = project.venues.get(event.venue) if event.venue else None
    transport = event.transport
    coach = transport.coach if transport else None
    offered = provision(event)
    public_transport = (transport.public_transport if transport and transport.public_transport else None) or (
        venue.public_transport if venue else None
    )
    activities = [{"activity": a, "contact": contacts.get(a.signup.contact)} for a in event.activities]
    points: list[dict[str, Any]] = [{"kind": "task", "task": t} for t in event.tasks]
    if event.support is not None:
        points.append({"kind": "support", "support": event.support})
    points += [{"kind": "notice", "text": text} for text in event.notices]
    points += [{"kind": "activity", **item} for item in activities]
    for index, point in enumerate(points):
        # "Ponadto …" only after another point.
        point["first"] = index == 0
    return {
        "programme": project.programme,
        "event": event,
        "heading": subject(project, event),
        "words": wording.KIND_WORDS[event.kind],
        "venue": venue,
        "online": event.mode == "online",
        "online_word": wording.ONLINE,
        "contacts": contacts,
        "sender": sender(project),
        "schedule": event.schedule,
        "closing_meal": wording.meal(event.schedule.closing_meal) if event.schedule.closing_meal else None,
        "accommodation": event.accommodation,
        "provision": offered,
        "stay_offers": wording.stay_offers(offered),
        "stay_heading": wording.stay_heading(offered),
        # Which sections the letter has, decided here once from the data: templates hold wording.
        "sections": {
            "stay": offered.anything,
            # Something to say about getting there: by car, by public transport, by the coach.
            "travel": venue is not None
            and event.mode != "online"
            and bool(transport is None or transport.own_car or coach or public_transport),
            "aims": bool(event.aims),
            "agenda": bool(event.agenda),
            "units": bool(event.units_attending),
            "deadlines": bool(event.deadlines),
        },
        "transport": transport,
        "parking": (transport.parking if transport and transport.parking else None)
        or (venue.parking if venue else None),
        "public_transport": public_transport,
        "coach": coach,
        "coach_date": (coach.pickup_date or event.dates.start) if coach else None,
        "coach_contact": contacts.get(coach.signup.contact) if coach else None,
        "tasks": event.tasks,
        "support": event.support,
        "notices": event.notices,
        "activities": activities,
        "points": points,
        "aims": event.aims,
        "agenda": event.agenda,
        "units_attending": [project.units[u] for u in event.units_attending if u in project.units],
        "deadlines": [
            {"title": d.title, "at": d.at, "contact": contacts.get(d.contact) if d.contact else None}
            for d in event.deadlines
        ],
        "all_deadlines": event_deadlines(event),
        "trainers": [project.experts[t] for t in event.trainers if t in project.experts],
        "recipient": recipient_context(project, event, recipient) if recipient else None,
    }


def render_communique(project: Project, event: Event, fmt: Format, *, recipient: Participant | None = None) -> str:
    """The communiqué of `event` as Markdown, HTML or plain text; personal when `recipient` is given."""
    from jstevents.outputs.templating import render

    if fmt not in FORMATS:
        raise UsageError(f"unknown communiqué format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
    context = communique_context(project, event, recipient)
    page = render(Path(project.root), f"communique.{fmt}.j2", context)
    if fmt != "html":
        return page  # the text is wrapped by the template's `wrap`, which applies the Polish spaces
    # An e-mail body: the template's style sheet into each element's style attribute, then the
    # Polish non-breaking spaces (the reader's screen decides where lines break).
    return polish_spaces_html(_inliner().inline(page))


@functools.cache
def _inliner() -> Any:
    """css-inline, set up once: local style sheets only (nothing is fetched), no <style> left."""
    import css_inline

    return css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False, minify_css=True)
