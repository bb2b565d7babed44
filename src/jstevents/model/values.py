"""The value types of the model: ids, e-mail addresses, one-line texts, times of day, moments.

Each type validates and normalises itself, so a model field only names its type.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+\-]*$")
_EMAIL_RE = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,}$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,20}$")
_LINK_RE = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
_CLOCK_RE = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_AND_CLOCK_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}[:.]\d{2})$")


#: Names Windows keeps for devices, with any extension ("nul.txt" too): ids name files
#: (the outbox's messages, the build's folders, the send journals), which could not be made there.
_RESERVED_RE = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)", re.IGNORECASE)


def _check_id(value: str) -> str:
    if not _ID_RE.match(value):
        raise ValueError(
            f"{value!r} is not a valid id: use letters, digits, '-', '_' or '.', "
            "starting with a letter or digit (for example modul-3)"
        )
    if value.endswith("."):
        raise ValueError(
            f"{value!r} is not a valid id: it ends in a dot, which Windows drops from file names "
            "(the files named by it would collide): remove the dot"
        )
    if _RESERVED_RE.match(value):
        device = value.split(".")[0]
        raise ValueError(
            f"{value!r} is not a valid id: Windows reserves the name {device!r} for a device, "
            f"so no file can be named by it: choose another id (e.g. {device}-1)"
        )
    return value


def _check_email(value: str) -> str:
    """The address in its one normal form (domain in lower case, Unicode NFC): the SMTP envelope,
    the `To:` header and the send journal all use this string, so they cannot disagree.

    Checked by email-validator's syntax rules without any DNS look-up: no control character
    (an escape sequence would reach the terminal), no comment (`zofia(x)@…`), no quoted part.
    """
    from email_validator import EmailNotValidError, validate_email

    stripped = value.strip()
    if not _EMAIL_RE.match(stripped):
        raise ValueError(f"{stripped!r} is not an e-mail address (expected name@example.pl)")
    try:
        checked = validate_email(stripped, check_deliverability=False, allow_quoted_local=False)
    except EmailNotValidError as exc:
        raise ValueError(f"{stripped!r} is not an e-mail address: {exc}") from None
    return checked.normalized


def _check_phone(value: Any) -> Any:
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and not _PHONE_RE.match(value.strip()):
        raise ValueError(f"{value!r} is not a phone number (expected e.g. +48 511 49 49 49)")
    return value.strip() if isinstance(value, str) else value


def _parse_clock(value: Any) -> Any:
    """Accept the Polish "9.30" and "9:30" as well as "09:30"."""
    if isinstance(value, str):
        match = _CLOCK_RE.match(value)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour < 24 and minute < 60:
                return dt.time(hour, minute)
        raise ValueError(f"{value!r} is not a time of day (expected HH:MM, e.g. 11:30)")
    if not isinstance(value, dt.time) or value.tzinfo is not None:
        # pydantic would read a number as seconds since midnight in UTC, which compares with no local time.
        raise ValueError(f'{value!r} is not a time of day (expected HH:MM in quotes, e.g. "11:30")')
    return value


#: Direction overrides and isolates: they make text display in another order than it is
#: stored ("Trojan source"), which no name or title needs. Other C0/C1 controls too.
_INVISIBLE = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_BREAKS_RE = re.compile(r" *[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+ *")


def _one_line(value: str) -> str:
    """Names, titles and places are printed on one line and put in e-mail headers and cells:
    line breaks and tabs (e.g. from a form's multi-line box) become one space, invisible
    control and direction-override characters are dropped."""
    return _BREAKS_RE.sub(" ", value).translate(_INVISIBLE).strip()


def _check_link(value: str) -> str:
    value = value.strip()
    if not _LINK_RE.match(value):
        raise ValueError(f"{value!r} is not a web address (expected https://…, with no spaces)")
    return value


Id = Annotated[str, AfterValidator(_check_id)]
#: A link participants click: only http(s), so no `javascript:` ever lands in an e-mail.
Link = Annotated[str, AfterValidator(_check_link)]
#: Text shown on one line: a name, a title, a place.
Line = Annotated[str, AfterValidator(_one_line)]
Email = Annotated[str, AfterValidator(_check_email)]
Phone = Annotated[str, BeforeValidator(_check_phone)]
#: What editors are told: JSON Schema's "time" format wants seconds and an offset ("11:30:00+02:00").
ClockTime = Annotated[
    dt.time,
    BeforeValidator(_parse_clock),
    WithJsonSchema({"type": "string", "pattern": _CLOCK_RE.pattern, "examples": ["11:30"]}),
]
Markdown = str

_SPAN_RE = re.compile(r"^\s*(\d{1,2}[:.]\d{2})\s*(?:[-–—]\s*(\d{1,2}[:.]\d{2})\s*)?$")


@dataclass(frozen=True)
class ClockSpan:
    """A time of day, or a stretch of one day from a start to an end: "9:00" or "9:00–10:30"."""

    start: dt.time
    end: dt.time | None = None


def _parse_span(value: Any) -> Any:
    if isinstance(value, ClockSpan):
        return value
    match = _SPAN_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f'{value!r} is not a time or a span of time (expected "9:00" or "9:00–10:30", in quotes)')
    start = _parse_clock(match.group(1))
    end = _parse_clock(match.group(2)) if match.group(2) else None
    if end is not None and end <= start:
        raise ValueError(f'{value!r} ends before it starts: write the earlier time first, e.g. "9:00–10:30"')
    return ClockSpan(start, end)


#: When something happens within a day: "9:00" or "9:00–10:30" ("9.00", "09:00" and "-" are read too).
ClockRange = Annotated[
    ClockSpan,
    BeforeValidator(_parse_span),
    PlainSerializer(lambda span: f"{span.start:%H:%M}" + (f"–{span.end:%H:%M}" if span.end else "")),
    WithJsonSchema({"type": "string", "pattern": _SPAN_RE.pattern, "examples": ["9:00", "9:00–10:30"]}),
]


def _parse_moment(value: Any) -> Any:
    """A date alone stays a date (the whole day counts), quoted or not; "2017-08-16 16.00" and
    "2017-08-16 9:30" are read like the times of day."""
    if isinstance(value, str):
        text = value.strip()
        if _DAY_RE.match(text):
            return _day(text)
        match = _DAY_AND_CLOCK_RE.match(text)
        if match:
            return dt.datetime.combine(_day(match.group(1)), _parse_clock(match.group(2)))
    return value


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date ({exc}); expected YYYY-MM-DD, e.g. 2017-08-16") from None


#: A moment given either as a date (the whole day counts) or a date and time.
Moment = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(_parse_moment),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}[ T]+\d{1,2}[:.]\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)?$"},
            ],
            "examples": ["2017-08-16", "2017-08-16 16:00"],
        }
    ),
]


class Strict(BaseModel):
    """Every model forbids unknown keys: a typo such as `hotle:` must be reported, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)
