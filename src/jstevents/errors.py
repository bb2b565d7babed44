"""Errors a user can act on, as one family with a message and a hint each.

The CLI catches `JsteventsError` once and prints it without a traceback; callers of the
library tell one failure from another by its class.
"""

from __future__ import annotations

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


class ProjectInvalid(JsteventsError):
    """The project has errors; commands that need a valid model refuse to run."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            f"the project has {len(errors)} error(s)",
            hint="run `jstevents validate` to see them all, fix them, then try again",
        )
        self.problems = problems


class UnknownEvent(JsteventsError):
    def __init__(self, event_id: str, known: list[str]) -> None:
        import difflib

        close = difflib.get_close_matches(event_id, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else "run `jstevents list` to see the event ids"
        super().__init__(f"no event with id {event_id!r}", hint=hint)
