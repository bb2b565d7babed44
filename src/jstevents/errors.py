"""Errors a user can act on, as one family with a message and a hint each.

The CLI catches `JsteventsError` once and prints its message and hint without a traceback;
callers of the library tell one failure from another by its class:

    JsteventsError
    ├── ProjectError        the project's files: invalid, an unknown id, no such folder
    │   ├── ProjectInvalid      validation found errors (carries every `Problem`)
    │   ├── ProjectMissing      the project folder is not there
    │   ├── UnknownEvent        no event with that id
    │   └── UnknownId           no network, unit, participant … with that id
    ├── TemplateError       a template not found, not valid Jinja2, failing or refused by the sandbox
    ├── InputFileError      a file named on the command line cannot be read as what it should be
    ├── UsageError          a command-line value that cannot work (a delimiter, a period, a mapping)
    ├── OutputError         writing a file failed
    │   ├── WriteFailed         disk full, read-only, permission denied, a file in the way
    │   └── FileConflict        a file is there that jstevents must not replace
    ├── StateError          the project's private state (calendar ledger, send journal) is damaged or busy
    └── MailError           sending e-mail
        ├── MailSettingsError   the settings cannot work or would leak the password
        ├── MailConnectionError cannot connect, start TLS or keep the connection
        ├── MailAuthError       the server refused the login
        └── MailTlsError        the server's certificate could not be verified
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jstevents.problems import Problem


class JsteventsError(Exception):
    """An error the user can act on; the CLI prints it without a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: Problems to list under the message (validation errors), if any.
        self.problems: list[Problem] = []


# --- the project ---------------------------------------------------------------------


class ProjectError(JsteventsError):
    """Something in the project's files stops the command."""


class ProjectInvalid(ProjectError):
    """The project has errors; commands that need a valid model refuse to run."""

    def __init__(self, problems: list[Problem], message: str | None = None, hint: str | None = None) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            message or f"the project has {len(errors)} error(s)",
            hint=hint or "run `jstevents validate` to see them all, fix them, then try again",
        )
        self.problems = problems


class ProjectMissing(ProjectError):
    """The project folder is not there, or is not a folder."""


class UnknownEvent(ProjectError):
    def __init__(self, event_id: str, known: list[str]) -> None:
        close = difflib.get_close_matches(event_id, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "run `jstevents list` to see the event ids"
        super().__init__(f"no event with id {event_id!r}", hint=hint)
        self.event_id = event_id


class UnknownId(ProjectError):
    """An id given on the command line that the project does not define."""


# --- templates -------------------------------------------------------------------------


class TemplateError(JsteventsError):
    """A template cannot be found, parsed or rendered; the message names its file and line."""


# --- the command line and its files --------------------------------------------------------


class InputFileError(JsteventsError):
    """A file named on the command line (a form export, a column mapping) cannot be read."""


class UsageError(JsteventsError):
    """A value given on the command line that cannot work."""


# --- writing -----------------------------------------------------------------------------


class OutputError(JsteventsError):
    """A file could not be written; the earlier version, if any, is left as it was."""


class WriteFailed(OutputError):
    """The system refused the write: disk full, read-only, permission denied, a file in the way."""


class FileConflict(OutputError):
    """A file is in the way that jstevents must not replace (the user's own, or never overwritten)."""


# --- the project's private state -------------------------------------------------------------


class StateError(JsteventsError):
    """The calendar ledger or a send journal is damaged, unwritable, or in use by another run."""


# --- mail -----------------------------------------------------------------------------------


class MailError(JsteventsError):
    """Sending e-mail failed before or while talking to the server."""


class MailSettingsError(MailError):
    """The SMTP settings cannot work, or would send the password in clear text."""


class MailConnectionError(MailError):
    """The server could not be reached, TLS could not be started, or the connection was lost."""

    def __init__(self, message: str, hint: str | None = None, *, try_later: bool = False) -> None:
        super().__init__(message, hint)
        #: The server answered 421 ("service not available, try later"): worth another go after a pause.
        self.try_later = try_later


class MailAuthError(MailError):
    """The server refused the login."""


class MailTlsError(MailError):
    """The server's TLS certificate could not be verified."""
