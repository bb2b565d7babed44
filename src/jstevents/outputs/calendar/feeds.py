"""Subscribable calendars (`build/kalendarz/`): the programme, each network, each person.

A feed is an ordinary PUBLISH calendar that a calendar program fetches again and again from
where it is published (REFRESH-INTERVAL, X-PUBLISHED-TTL), so a change in the YAML reaches
everybody subscribed with the next build, no mail needed. Its entries have the same UIDs and
SEQUENCEs as every other calendar of the project.

A person's feed holds only their events and the deadlines still theirs; its file name is a
keyed digest of the programme and the person's id (HMAC-SHA256 with the project's feed key),
so the names of the files say nothing and cannot be guessed from the list of participants.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from jstevents.model import Event, Project
from jstevents.outputs.calendar.ics import build_calendar
from jstevents.outputs.calendar.sequence import Sequences

FOLDER = "kalendarz"
#: How often subscribers' programs fetch a feed again.
REFRESH = dt.timedelta(hours=12)


@dataclass(frozen=True)
class Feed:
    #: Inside `kalendarz/`, e.g. "program.ics", "siec-powiaty.ics", "osoby/3f9a….ics".
    path: str
    #: The calendar's name, as subscribers see it.
    name: str
    #: Listed on the overview page (the programme and the networks); a person's feed is not.
    public: bool
    data: bytes


def person_file(project: Project, participant: str, key: bytes) -> str:
    """`osoby/<digest>.ics`: 32 hex digits of HMAC-SHA256(key, programme id / participant id)."""
    digest = hmac.new(key, f"{project.programme.id}/{participant}".encode(), hashlib.sha256).hexdigest()
    return f"osoby/{digest[:32]}.ics"


def feeds(project: Project, sequences: Sequences, key: bytes) -> list[Feed]:
    """Every feed of the project: the programme, each network with events, each registered person."""
    title = project.programme.short_title
    events = project.sorted_events()
    memo: dict[object, object] = {}  # every entry rendered once, for all the feeds it is in
    found = [
        Feed(
            "program.ics", title, True, build_calendar(project, events, sequences=sequences, refresh=REFRESH, memo=memo)
        )
    ]
    for network_id, network in sorted(project.networks.items()):
        mine = [e for e in events if network_id in e.networks]
        if mine:
            name = f"{title} – {network.name}"
            data = build_calendar(project, mine, sequences=sequences, name=name, refresh=REFRESH, memo=memo)
            found.append(Feed(f"siec-{network_id}.ics", name, True, data))
    theirs: dict[str, list[Event]] = {}
    for event in events:
        for pid in dict.fromkeys(r.participant for r in event.registrations):
            theirs.setdefault(pid, []).append(event)
    for pid, mine in theirs.items():
        person = project.participants.get(pid)
        if person is None:
            continue
        name = f"{title} – {person.name}"
        data = build_calendar(
            project, mine, participant=pid, sequences=sequences, name=name, refresh=REFRESH, memo=memo
        )
        found.append(Feed(person_file(project, pid, key), name, False, data))
    return found


@dataclass(frozen=True)
class FeedLink:
    """A public feed as the overview page offers it."""

    name: str
    #: The file, relative to the overview page.
    file: str
    #: Subscribe links; None without `programme.calendar_url`.
    webcal: str | None = None
    google: str | None = None
    outlook: str | None = None


def public_feeds(project: Project) -> list[tuple[str, str]]:
    """(path inside `kalendarz/`, name) of the programme's feed and of each network's."""
    title = project.programme.short_title
    found = [("program.ics", title)]
    for network_id, network in sorted(project.networks.items()):
        if any(network_id in e.networks for e in project.events.values()):
            found.append((f"siec-{network_id}.ics", f"{title} – {network.name}"))
    return found


def feed_links(project: Project) -> list[FeedLink]:
    """The public feeds with their "dodaj do kalendarza" links (webcal, Google, Outlook)."""
    from urllib.parse import quote

    base = project.programme.calendar_url
    links = []
    for path, name in public_feeds(project):
        if base is None:
            links.append(FeedLink(name, f"{FOLDER}/{path}"))
            continue
        url = str(base).rstrip("/") + "/" + path
        webcal = "webcal://" + url.split("://", 1)[1]
        links.append(
            FeedLink(
                name,
                f"{FOLDER}/{path}",
                webcal=webcal,
                google="https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe=""),
                outlook="https://outlook.live.com/calendar/0/addfromweb?url="
                + quote(url, safe="")
                + "&name="
                + quote(name, safe=""),
            )
        )
    return links
