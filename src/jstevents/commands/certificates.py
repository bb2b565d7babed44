"""`jstevents certificates`: the certificates of an event written out, checked and revoked.

The project's state for them is in `.jstevents/` (see `commands.state`):

- `certificates.json`, the ledger of numbers (`outputs.certificates.ledger`): commit it, it is what
  keeps a number from being given twice;
- `certificate-key`, the secret the QR codes' digests are keyed by, made on first use: never
  committed (the folder's `.gitignore` says so), and kept, or every certificate issued fails `verify`;
- `personal.yaml`, the personal fields the programme prints (date and place of birth), by participant
  id: personal data, never committed either.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jstevents.commands.files import write_bytes, write_text
from jstevents.commands.state import keep_out_of_git, secret_key, state_dir
from jstevents.errors import InputFileError, JsteventsError, StateError, UnknownId
from jstevents.model import Event, Project
from jstevents.model.project import events_by_id
from jstevents.outputs.certificate_ledger import CertificateState, Entry, Ledger, genuine, read_qr

LEDGER, KEY, PERSONAL = "certificates.json", "certificate-key", "personal.yaml"


def read_ledger(project: Project) -> Ledger:
    path = state_dir(project.root) / LEDGER
    try:
        return Ledger.from_json(path.read_text(encoding="utf-8"), where=path.as_posix())
    except FileNotFoundError:
        return Ledger()
    except (OSError, UnicodeDecodeError) as exc:
        raise StateError(f"cannot read the certificate ledger {path.as_posix()}: {exc}") from None


def save_ledger(project: Project, ledger: Ledger) -> None:
    if not ledger.changed:
        return
    write_text(state_dir(project.root) / LEDGER, ledger.to_json())
    ledger.changed = False


def read_key(project: Project, *, create: bool = True) -> bytes:
    """The secret of the QR digests; made (and kept out of git) the first time it is needed."""
    folder = state_dir(project.root)
    if create and not (folder / KEY).exists():
        keep_out_of_git(folder)
    return secret_key(
        project.root,
        KEY,
        what="the certificate key",
        lost="restore it from your backup: without it no certificate issued can be verified",
        create=create,
    )


def read_personal(project: Project) -> dict[str, dict[str, Any]]:
    """`.jstevents/personal.yaml`: participant id → {birth_date, birth_place}; empty when there is none."""
    settings = project.programme.certificates
    if settings is None or not settings.personal_fields:
        return {}
    import yaml

    folder = state_dir(project.root)
    path = folder / PERSONAL
    keep_out_of_git(folder)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFileError(
            f"the certificates print {', '.join(settings.personal_fields)}, and {path.as_posix()} does not exist",
            hint="write it (participant id: {birth_date: 1980-05-01, birth_place: Kraków}, one line each); git "
            "ignores it",
        ) from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputFileError(f"cannot read {path.as_posix()}: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputFileError(
            f"{path.as_posix()} must map participant ids to their fields",
            hint="e.g.  lukasz-zolc: {birth_date: 1980-05-01, birth_place: Kraków}",
        )
    return {str(k): v for k, v in data.items()}


def read_state(
    project: Project, *, issued: dt.date | None = None, forced: frozenset[str] = frozenset()
) -> CertificateState:
    return CertificateState(
        ledger=read_ledger(project), key=read_key(project), personal=read_personal(project), issued=issued,
        forced=forced,
    )  # fmt: skip


@dataclass
class Written:
    event: Event
    folder: Path
    files: list[Path] = field(default_factory=list)
    issued: list[Any] = field(default_factory=list)
    refused: list[Any] = field(default_factory=list)
    new: list[Entry] = field(default_factory=list)

    def refusals(self) -> list[str]:
        """Why each participant without a certificate has none, for the command line."""
        from jstevents.text.numbers import percent

        return [
            f"not issued: {r.person.id} ({r.person.name}), present {percent(r.completion.share)} of the hours: did "
            f"not complete (--force {r.person.id} to issue one anyway)"
            for r in self.refused
        ]


def write_certificates(
    project: Project,
    event_id: str,
    out: Path,
    *,
    issued: dt.date | None = None,
    forced: list[str] | tuple[str, ...] = (),
) -> Written:
    """Issue what is due and write, into `out/<event>/zaswiadczenia/`, a PDF per person, one PDF of all
    and the register (XLSX and CSV); the ledger is saved once every file is written."""
    from jstevents.outputs.certificates.document import file_name, issue, render_pdf
    from jstevents.outputs.certificates.kinds import applies
    from jstevents.outputs.certificates.register import build
    from jstevents.outputs.lists.formats import render_roster

    (event,) = events_by_id(project, [event_id])
    skip = applies(project, event)
    if skip is not None:
        raise JsteventsError(f"event {event.id!r} {skip.message}", hint=skip.hint or None)
    registered = {r.participant for r in event.registrations if r.role == "participant"}
    for pid in forced:
        if pid not in registered:
            raise UnknownId(
                f"--force {pid}: no participant of {event.id!r} has this id",
                hint="give the id of a registered participant (see `jstevents attendance summary`)",
            )
    state = read_state(project, issued=issued, forced=frozenset(forced))
    before = {e.number for e in state.ledger.entries}
    items, refused = issue(project, event, state)
    folder = out / event.id / "zaswiadczenia"
    result = Written(event, folder, issued=items, refused=refused)
    result.new = [e for e in state.ledger.entries if e.number not in before]
    outputs: dict[str, bytes] = {}
    for item in items:
        outputs[file_name(item.entry)] = render_pdf(project, event, [item], state)
    outputs["zaswiadczenia.pdf"] = render_pdf(project, event, items, state)
    roster = build(project, event, state)
    for fmt in ("xlsx", "csv"):
        outputs[f"rejestr.{fmt}"] = render_roster(roster, fmt)
    for name, data in outputs.items():
        write_bytes(folder / name, data, private=True)
        result.files.append(folder / name)
    for entry in state.ledger.of_event(event.id):
        if entry.revoked is not None:
            # A revoked certificate's own PDF, left from an earlier run, must not be handed out.
            (folder / file_name(entry)).unlink(missing_ok=True)
    save_ledger(project, state.ledger)
    return result


@dataclass(frozen=True)
class Verdict:
    genuine: bool
    message: str
    entry: Entry | None = None


def verify(project: Project, text: str) -> Verdict:
    """Whether a certificate's number, or the text of its QR code, is one the project issued."""
    ledger = read_ledger(project)
    scanned = read_qr(text)
    number = scanned[0] if scanned else text.strip()
    entry = ledger.find(number)
    if entry is None:
        return Verdict(False, f"no certificate {number!r} was issued: the number is not in the register")
    if scanned is not None and not genuine(read_key(project, create=False), entry, scanned[1]):
        return Verdict(False, f"the code of {number} does not match: the QR text was altered or made up", entry)
    person = project.participants.get(entry.participant)
    event = project.events.get(entry.event)
    who = person.name if person else entry.participant
    what = event.title if event else entry.event
    if entry.revoked is not None:
        why = f" ({entry.reason})" if entry.reason else ""
        return Verdict(False, f"{number} was issued to {who} for {what} and revoked on {entry.revoked}{why}", entry)
    checked = "number and code match" if scanned else "number found (scan the QR code to check its code too)"
    return Verdict(True, f"{number}: genuine, issued to {who} for {what} on {entry.issued}; {checked}", entry)


def revoke(project: Project, number: str, *, reason: str = "", today: dt.date | None = None) -> Entry:
    """Mark a certificate revoked in the ledger; it keeps its number, which is never given again."""
    ledger = read_ledger(project)
    entry = ledger.find(number.strip())
    if entry is None:
        raise UnknownId(f"no certificate {number!r} in the register", hint="check the number (see the register)")
    if entry.revoked is not None:
        raise JsteventsError(f"{entry.number} was already revoked on {entry.revoked}")
    entry.revoked = today or dt.date.today()
    entry.reason = reason
    ledger.changed = True
    save_ledger(project, ledger)
    return entry
