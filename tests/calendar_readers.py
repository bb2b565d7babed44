"""One calendar read by four independent parsers, reduced to what the tests compare.

icalendar (what jstevents writes with), vobject (dateutil), ical (a strict RFC 5545 model) and
ical.js (Thunderbird's parser, run with node from tests/icaljs; skipped when it is not installed:
`npm ci --prefix tests/icaljs`). Each gives the METHOD and, by UID, the SEQUENCE, STATUS,
start and end in UTC and the attendees' addresses.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

UTC = dt.timezone.utc
ICALJS = Path(__file__).parent / "icaljs"


def _utc(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _address(value: Any) -> str:
    return str(value).removeprefix("mailto:").removeprefix("MAILTO:")


def read_icalendar(data: bytes) -> dict[str, Any]:
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    events = {}
    for event in calendar.walk("VEVENT"):
        attendees = event.get("attendee", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        events[str(event["uid"])] = {
            "sequence": int(event.get("sequence", 0)),
            "status": str(event.get("status", "")),
            "start": _utc(event.decoded("dtstart")),
            "end": _utc(event.decoded("dtend")),
            "attendees": [(_address(a), a.params.get("RSVP")) for a in attendees],
        }
    return {"method": str(calendar.get("method", "")), "events": events}


def read_vobject(data: bytes) -> dict[str, Any]:
    import vobject
    import vobject.icalendar

    vars(vobject.icalendar)["__tzidMap"].clear()  # each file with its own VTIMEZONE
    calendar = vobject.readOne(data.decode("utf-8"))
    events = {}
    for event in calendar.vevent_list:
        events[event.uid.value] = {
            "sequence": int(event.sequence.value),
            "status": event.status.value if hasattr(event, "status") else "",
            "start": _utc(event.dtstart.value),
            "end": _utc(event.dtend.value),
            "attendees": [
                (_address(a.value), a.params.get("RSVP", [None])[0]) for a in event.contents.get("attendee", [])
            ],
        }
    method = calendar.method.value if hasattr(calendar, "method") else ""
    return {"method": method, "events": events}


def read_ical(data: bytes) -> dict[str, Any]:
    from ical.calendar_stream import IcsCalendarStream

    stream = IcsCalendarStream.from_ics(data.decode("utf-8"))
    (calendar,) = stream.calendars
    events = {}
    for event in calendar.events:
        events[event.uid] = {
            "sequence": event.sequence or 0,
            "status": event.status.value if event.status else "",
            "start": _utc(event.dtstart),
            "end": _utc(event.end),
            "attendees": [(_address(a.uri), "TRUE" if a.rsvp else "FALSE") for a in event.attendees],
        }
    return {"method": calendar.method or "", "events": events}


def read_icaljs(data: bytes) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not (ICALJS / "node_modules" / "ical.js").is_dir():
        pytest.skip("ical.js is not installed: `npm ci --prefix tests/icaljs` (needs node)")
    out = subprocess.run(
        [node, str(ICALJS / "read.mjs")], input=data, capture_output=True, check=True, timeout=60
    ).stdout
    parsed = json.loads(out)
    events = {}
    for event in parsed["events"]:
        events[event["uid"]] = {
            "sequence": event["sequence"],
            "status": event["status"] or "",
            "start": event["start"].replace(".000Z", "Z"),
            "end": event["end"].replace(".000Z", "Z"),
            "attendees": [(_address(a["address"]), a["rsvp"]) for a in event["attendees"]],
        }
    return {"method": parsed["method"] or "", "events": events}


READERS = {"icalendar": read_icalendar, "vobject": read_vobject, "ical": read_ical, "ical.js": read_icaljs}
