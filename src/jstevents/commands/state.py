"""The project's own state beside its YAML: the folder `.jstevents/` (hidden, so never read as YAML).

- `calendar.json`, the calendar ledger: SEQUENCE and DTSTAMP of every calendar entry
  (see `outputs.calendar.sequence`). Commit it with the project.
- `sent-<event>.jsonl`, the send journals (see `commands.mail.journal`): personal data,
  kept out of git by the folder's own `.gitignore`.
- `survey-<event>.json`, the summary of an event's evaluation survey (`jstevents survey
  import`): respondents, mean and distribution per question, no personal data. Commit it.
- `survey-<event>-free-text.txt`, the free-text answers of that survey, kept aside for the
  coordinator: they may name people, so the folder's `.gitignore` keeps them out of git.
- `feed-key`, the key that names the personal calendar feeds (see `outputs.calendar.feeds`):
  commit it with the project, so that every build gives each person the same address.
- `told-<event>.json`, what each person was told (see `commands.told`): personal data,
  kept out of git likewise.

Only the commands read and write these; the outputs receive what they need as data.
"""

from __future__ import annotations

from pathlib import Path

from jstevents.checks.report import PhotoRefused, photo_path
from jstevents.commands.files import write_text
from jstevents.errors import OutputError, StateError
from jstevents.load.told import STATE_DIR
from jstevents.model import Project
from jstevents.model.survey import SurveySummary
from jstevents.outputs.calendar.sequence import Sequences


def state_dir(project_root: str | Path) -> Path:
    return Path(project_root) / STATE_DIR


#: What `.jstevents/.gitignore` keeps out of git: every file there that holds personal data or a
#: secret (the send journals, the lock naming the run that holds it, what each person was told, the
#: survey's free-text answers, the certificates' key and the personal fields they print).
PRIVATE = ("sent-*.jsonl", "lock", "told-*.json", "survey-*-free-text.txt", "certificate-key", "personal.yaml")


def keep_out_of_git(folder: Path) -> None:
    """Make sure the state folder's `.gitignore` names every private file (lines are added, none removed)."""
    ignore = folder / ".gitignore"
    try:
        lines = ignore.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except (OSError, UnicodeDecodeError) as exc:
        raise StateError(
            f"cannot read {ignore.as_posix()}: {getattr(exc, 'strerror', None) or exc}",
            hint="make it a readable text file: it keeps the personal data of the project out of git",
        ) from None
    missing = [pattern for pattern in PRIVATE if pattern not in lines]
    if missing:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_text(ignore, "".join(f"{line}\n" for line in [*lines, *missing]))


def ledger_path(project_root: str | Path) -> Path:
    return state_dir(project_root) / "calendar.json"


def read_sequences(project: Project) -> Sequences:
    """The calendar ledger of the project, or an empty one when there is none yet."""
    path = ledger_path(project.root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Sequences()
    except (OSError, UnicodeDecodeError):
        return Sequences.from_json("", where=path.as_posix())  # raises: damaged
    return Sequences.from_json(text, where=path.as_posix())


def save_sequences(project: Project, sequences: Sequences) -> None:
    """Write the ledger back when a calendar gave an entry a new SEQUENCE or DTSTAMP."""
    if not sequences.changed:
        return
    path = ledger_path(project.root)
    try:
        write_text(path, sequences.to_json())
    except OutputError as exc:
        raise StateError(
            f"{exc.message} (the calendar ledger, which keeps SEQUENCE and DTSTAMP stable)",
            hint="make the project folder writable; the calendar itself was not written",
        ) from None
    sequences.changed = False


def survey_path(project_root: str | Path, event_id: str) -> Path:
    return state_dir(project_root) / f"survey-{event_id}.json"


def free_text_path(project_root: str | Path, event_id: str) -> Path:
    return state_dir(project_root) / f"survey-{event_id}-free-text.txt"


def read_surveys(project: Project) -> dict[str, SurveySummary]:
    """The survey summaries of the project's events that have one."""
    found = {}
    for event_id in project.events:
        path = survey_path(project.root, event_id)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            raise StateError(
                f"cannot read the survey summary {path.as_posix()}: {exc}",
                hint=f"import the survey again: jstevents survey import {event_id} FILE",
            ) from None
        try:
            found[event_id] = SurveySummary.from_json(text)
        except ValueError as exc:
            raise StateError(
                f"{path.as_posix()} is damaged ({exc})",
                hint=f"import the survey again: jstevents survey import {event_id} FILE",
            ) from None
    return found


def read_project_file(project: Project, name: str) -> bytes:
    """A file of the project a document shows (a photograph), found inside the project folder only, as
    the check found it when the project was loaded (E160–E162)."""
    try:
        path = photo_path(project.root, name)
        return path.read_bytes()
    except PhotoRefused as refused:
        raise StateError(
            f"{name}: {refused.message}", hint="run `jstevents validate`, fix the path, then run again"
        ) from None
    except OSError as exc:
        raise StateError(
            f"cannot read {name}: {exc.strerror or exc}",
            hint="check the file is still there and readable, then run again",
        ) from None


def secret_key(project_root: str | Path, name: str, *, what: str, lost: str, create: bool = True) -> bytes:
    """A random key of the project, kept in hex in `.jstevents/<name>`: read, or made once (256 bits).

    `what` names it in messages ("the feed key"); `lost` (a hint) says what to do when it is
    damaged, or missing where it may not be made (`create=False`).
    """
    import secrets

    path = state_dir(project_root) / name
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise StateError(
            f"cannot read {what} {path.as_posix()}: {getattr(exc, 'strerror', None) or exc}", hint=lost
        ) from None
    if text:
        try:
            key = bytes.fromhex(text)
        except ValueError:
            key = b""
        if len(key) < 16:
            raise StateError(f"{what} {path.as_posix()} is damaged", hint=lost)
        return key
    if not create:
        raise StateError(f"the project has no {what.removeprefix('the ')} ({path.as_posix()})", hint=lost)
    key = secrets.token_bytes(32)
    try:
        write_text(path, key.hex() + "\n", private=True)
    except OutputError as exc:
        raise StateError(f"{exc.message} ({what})", hint="make the project folder writable") from None
    return key


def feed_key(project: Project) -> bytes:
    """The key that names the personal calendar feeds; committed, so every build gives the same names."""
    return secret_key(
        project.root,
        "feed-key",
        what="the feed key",
        lost="restore it from version control; deleting it gives every personal feed a new address",
    )
