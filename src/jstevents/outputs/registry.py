"""Every kind of document jstevents makes for an event, declared once.

An `Output` says what a document is called, which formats it comes in, where each goes
in an event's build folder, whether it holds personal data, when it applies to an event
and how it is rendered. `build`, the overview page (`index.html`) and the CLI's choices
read `OUTPUTS`; a new kind of document is one module with its `render` (and `applies`)
plus one `register(...)` line at the end of this file.

The declarations are cheap: `render` and `applies` of the built-in outputs are looked up
in their modules only when called, so `jstevents --help` imports none of them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jstevents.model import Event, Project
    from jstevents.model.survey import SurveySummary
    from jstevents.outputs.calendar.sequence import Sequences
    from jstevents.outputs.certificate_ledger import CertificateState


@dataclass
class RenderInputs:
    """What a renderer may use besides the event: the whole project and the state the command read."""

    project: Project
    #: SEQUENCE and DTSTAMP of calendar entries; the command saves it when `changed`.
    sequences: Sequences
    #: The reference day (`--today`): days left to deadlines, what is past.
    today: dt.date = field(default_factory=dt.date.today)
    #: The evaluation surveys imported (`jstevents survey import`), by event id.
    surveys: dict[str, SurveySummary] = field(default_factory=dict)
    #: The certificate ledger, key and personal fields; the command saves the ledger when `changed`.
    certificates: CertificateState | None = None


@dataclass(frozen=True)
class Skip:
    """Why an output does not apply to an event."""

    #: In Polish, for the overview page: "brak autokaru".
    reason: str
    #: In English, for the command line: "has no coach".
    message: str
    hint: str = ""


Render = Callable[["RenderInputs", "Event", str], bytes]
Applies = Callable[["Project", "Event"], "Skip | None"]


def _always(project: Project, event: Event) -> Skip | None:
    return None


@dataclass(frozen=True)
class Output:
    """One kind of document made for an event."""

    #: Its id, used on the command line: "attendance".
    name: str
    #: Its Polish name, shown on the overview page: "Lista obecności".
    title: str
    formats: tuple[str, ...]
    render: Render
    #: Where each file goes in the event's folder; `{event}`, `{name}` and `{fmt}` are filled in.
    path: str = "{name}.{fmt}"
    applies: Applies = _always
    #: Holds personal data: written owner-only.
    personal: bool = False
    #: "documents" (communiqué, calendar) or "lists" (attendee lists: `jstevents attendees`).
    group: str = "documents"
    #: For a list: its format-neutral table (`project, event -> Roster`), for options such as a CSV delimiter.
    table: Callable[..., Any] | None = None
    #: Formats whose file is named otherwise than `path` says: {"fragment": "relacja-cms.html"}.
    paths: dict[str, str] = field(default_factory=dict)
    #: Made only once the event is over (the report of it): not before the day after its last day.
    after_event: bool = False
    #: Files of the project the document shows, copied beside it (`project, event -> [(path in the project,
    #: name beside the document)]`), e.g. photographs.
    files: Callable[..., Any] | None = None

    def file_name(self, event: Event, fmt: str) -> str:
        return self.paths.get(fmt, self.path).format(event=event.id, name=self.name, fmt=fmt)

    def skip(self, project: Project, event: Event, today: dt.date) -> Skip | None:
        """Why the output is not made for `event` as of `today`, or None when it is."""
        if self.after_event and event.dates.end >= today:
            return Skip(
                "wydarzenie jeszcze się nie zakończyło",
                "has not ended yet",
                hint="it is made from the day after the event's last day (see --today)",
            )
        return self.applies(project, event)


OUTPUTS: dict[str, Output] = {}


def register(output: Output) -> Output:
    """Add an output kind; a name registered again replaces the earlier declaration."""
    OUTPUTS[output.name] = output
    return output


def unregister(name: str) -> None:
    OUTPUTS.pop(name, None)


def outputs(group: str | None = None) -> list[Output]:
    return [o for o in OUTPUTS.values() if group is None or o.group == group]


def lazy(target: str) -> Callable[..., Any]:
    """`module:function`, imported on the first call."""
    module_name, _, function_name = target.partition(":")

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module_name), function_name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = function_name
    return call


LIST_FORMATS = ("pdf", "xlsx", "csv", "html")
_LISTS = "jstevents.outputs.lists"

register(
    Output(
        "communique", "Komunikat", ("md", "html", "txt", "eml"),
        render=lazy("jstevents.outputs.documents:communique"), path="komunikat.{fmt}",
    )
)  # fmt: skip
register(
    Output(
        "calendar", "Kalendarz (iCalendar)", ("ics",),
        render=lazy("jstevents.outputs.documents:calendar"), path="{event}.{fmt}",
    )
)  # fmt: skip
register(
    Output(
        "news", "Relacja z wydarzenia", ("md", "html", "fragment", "txt"),
        render=lazy("jstevents.outputs.news:news"), path="relacja.{fmt}",
        paths={"fragment": "relacja-cms.html"}, after_event=True,
        files=lazy("jstevents.outputs.news:photo_files"),
    )
)  # fmt: skip
for _name, _title in (
    ("attendance", "Lista obecności"),
    ("rooming", "Lista zakwaterowania"),
    ("coach", "Lista pasażerów autokaru"),
    ("catering", "Zestawienie posiłków"),
    ("contacts", "Dane kontaktowe uczestników"),
    ("activity", "Zapisy na zajęcia dodatkowe"),
    ("mentors", "Wykaz JST wraz z przydzielonymi opiekunami"),
    ("completion", "Zestawienie obecności i ukończenia"),
):
    register(
        Output(
            _name, _title, LIST_FORMATS,
            render=lazy(f"{_LISTS}.{_name}:render"), path="listy/{name}.{fmt}",
            applies=lazy(f"{_LISTS}.{_name}:applies"), personal=True, group="lists",
            table=lazy(f"{_LISTS}.{_name}:build"),
        )
    )  # fmt: skip

_CERTIFICATES = "jstevents.outputs.certificates.kinds"
register(
    Output(
        "certificates", "Zaświadczenia", ("pdf",),
        render=lazy(f"{_CERTIFICATES}:render_certificates"), path="zaswiadczenia/zaswiadczenia.{fmt}",
        applies=lazy(f"{_CERTIFICATES}:applies"), personal=True,
    )
)  # fmt: skip
register(
    Output(
        "register", "Rejestr wydanych zaświadczeń", ("xlsx", "csv"),
        render=lazy(f"{_CERTIFICATES}:render_register"), path="zaswiadczenia/rejestr.{fmt}",
        applies=lazy(f"{_CERTIFICATES}:applies"), personal=True,
    )
)  # fmt: skip
