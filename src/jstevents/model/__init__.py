"""The project model: what a coordinator writes in the YAML files under `events/`.

Field names are the YAML keys, so a validation error's location is also the path to the
offending node in the file. Every model forbids unknown keys: a typo such as `hotle:` must
be reported, never ignored. The model knows nothing of files, templates or the command line.
"""

from jstevents.model.event import (
    Accommodation,
    Activity,
    AdvisorySupport,
    AgendaBlock,
    Coach,
    Dates,
    Deadline,
    Event,
    EventKind,
    Meal,
    Photo,
    Registration,
    Report,
    Schedule,
    Signup,
    SupportForm,
    Task,
    TaskVariant,
    Transport,
)
from jstevents.model.people import Diet, Expert, JSTKind, Network, Participant, ParticipantSource, Unit
from jstevents.model.places import Address, Geo, Venue
from jstevents.model.programme import Certificates, Completion, Contact, Funding, MailSettings, Programme
from jstevents.model.project import Origin, Project, ProjectFile
from jstevents.model.values import ClockTime, Email, Id, Line, Link, Markdown, Moment, Phone, Strict

__all__ = [
    "Accommodation",
    "Activity",
    "Address",
    "AdvisorySupport",
    "AgendaBlock",
    "Certificates",
    "ClockTime",
    "Coach",
    "Completion",
    "Contact",
    "Dates",
    "Deadline",
    "Diet",
    "Email",
    "Event",
    "EventKind",
    "Expert",
    "Funding",
    "Geo",
    "Id",
    "JSTKind",
    "Line",
    "Link",
    "MailSettings",
    "Markdown",
    "Meal",
    "Moment",
    "Network",
    "Origin",
    "Participant",
    "Photo",
    "ParticipantSource",
    "Phone",
    "Programme",
    "Project",
    "ProjectFile",
    "Registration",
    "Report",
    "Schedule",
    "Signup",
    "Strict",
    "SupportForm",
    "Task",
    "TaskVariant",
    "Transport",
    "Unit",
    "Venue",
]
