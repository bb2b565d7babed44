"""Problems a user can cause, each with a stable code, a place and a way out.

Every check of jstevents reports through `Problem`. The table `CODES` is the
single list of codes; the table of checks in docs/checks.md is tested against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    summary: str


_TABLE = [
    # the files themselves
    ("E001", "error", "YAML syntax error"),
    ("E002", "error", "tab character used for indentation"),
    ("E003", "error", "duplicate key in a mapping"),
    ("E004", "error", "file is not UTF-8 (e.g. saved as Windows-1250)"),
    ("E005", "error", "empty file"),
    ("E006", "error", 'too many alias expansions (a "billion laughs" file)'),
    ("E007", "error", "file too large or unreadable"),
    ("E008", "error", "a Python or other unsafe YAML tag"),
    ("E009", "error", "project folder or programme file missing"),
    # the schema
    ("E010", "error", "unknown key (with a suggestion)"),
    ("E011", "error", "required field missing"),
    ("E012", "error", "wrong type or invalid value"),
    ("E013", "error", "programme defined more than once"),
    # references
    ("E020", "error", "reference to an id that does not exist"),
    ("E021", "error", "the same id defined twice"),
    ("E022", "error", "participant source (CSV/XLSX) unreadable or a row invalid"),
    ("E023", "error", "a password written in a YAML file"),
    # checks beyond the schema
    ("E101", "error", "event ends before it starts"),
    ("E102", "error", "deadline after the start of its event"),
    ("W103", "warning", "deadline already past, for an event that has not ended (relative to --today)"),
    ("W104", "warning", "event on a Polish public holiday or a Sunday"),
    ("E105", "error", "two events of one network overlap"),
    ("E106", "error", "participant registered for two overlapping events"),
    ("E107", "error", "more registrations than the venue's capacity"),
    ("E108", "error", "communiqué number used by two events"),
    ("E109", "error", "on-site event without a venue"),
    ("E110", "error", "online event without a link"),
    ("E111", "error", "participant registered twice for one event"),
    ("W112", "warning", "hotel night outside the event's dates"),
    ("E113", "error", "unknown placeholder in a free text (e.g. {numer} for {number})"),
    ("E114", "error", "a funding logo file that does not exist"),
    ("E115", "error", "on the coach on a day the person is not at the event"),
    ("E116", "error", "signed up for an activity on a day the person is not at the event"),
    ("W117", "warning", "hotel nights with a gap between them"),
    ("W118", "warning", "a room-mate wish that cannot be met (conflicting, no common night, not staying)"),
    ("E119", "error", "one e-mail address for two participants"),
    ("E120", "error", "more people staying a night than the venue has beds"),
    ("W121", "warning", "a funding text without logos (EU-funded lists must carry the marking)"),
    ("W122", "warning", "hotel nights registered for an event that provides no rooms"),
    ("E123", "error", "a local time that does not exist or happens twice when the clocks change"),
    ("E124", "error", 'the letter promises an attachment ("W załączeniu …") that its messages do not carry'),
    # files the project names, and ids every system can store
    ("E130", "error", "a named file outside the project folder, not a regular file, or over its size limit"),
    ("E131", "error", "a funding logo that is not a PNG, JPEG or GIF image"),
    ("E132", "error", "two ids of one kind that differ only in letter case (one file on Windows and macOS)"),
    # the report of an event (jstevents news)
    ("E160", "error", 'a report photo outside the project folder (absolute path, "..", or a link leading out)'),
    ("E161", "error", "a report photo that does not exist or is not a regular file"),
    ("E162", "error", "a report photo that is not an image (jpg, jpeg, png, webp, gif)"),
    ("E163", "error", "two report photos with the same file name"),
    # after the event: recorded attendance and certificates
    ("E140", "error", "attendance file: a row for a person the project does not know"),
    ("E141", "error", "attendance file: a row for a person not registered for the event"),
    ("E142", "error", "attendance file: two rows for one person"),
    ("E143", "error", "attendance file: a cell that is not a mark of presence or absence, or an unreadable time"),
    ("E144", "error", "attendance on a day that is not a day of the event (`attended`, or a column of the file)"),
    ("E145", "error", "an event's `hours` do not give one number for each day"),
    ("E146", "error", "a certificate number pattern without {n} or with an unknown field"),
    ("W140", "warning", "an event has ended and has no recorded attendance (relative to --today)"),
    ("W160", "warning", "survey rating words that do not fit the survey's scale (unreachable, or defaults for 1–5)"),
    # jstevents survey import (reported for the export, not by validate)
    ("E164", "error", "survey export unreadable, too large, or without a column the programme's survey names"),
    ("E165", "error", "a survey answer that is not a rating on the scale nor an answer the programme words"),
    ("W170", "warning", "the event's dates or hours changed after people were mailed about it"),
    ("W171", "warning", "a deadline changed after people were mailed about it"),
]

CODES: dict[str, Code] = {c: Code(c, s, m) for c, s, m in _TABLE}  # type: ignore[arg-type]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    code: str
    message: str = field(compare=False)

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }
