"""The ledger of certificate numbers, and the keyed digest that makes a certificate checkable.

A number is given once: the ledger (`.jstevents/certificates.json`, committed with the project)
keeps, for every certificate ever issued, its number, event, participant, day of issue, whether it
was issued though the person had not completed the event, and when it was revoked. Re-running never
renumbers; a revoked certificate keeps its number, and nobody else ever gets it; a person who
completes later gets the next free number.

The QR code of a certificate carries `ZAS:<number>:<digest>`: the digest is the first 12 hex digits of
an HMAC-SHA256 of the number, event and participant, keyed by the project's secret
(`.jstevents/certificate-key`, never committed). Whoever holds the project can tell a genuine code
from a made-up or altered one (`jstevents certificates verify`); nobody else can make one.

Pure data here; `commands.certificates` reads and writes the files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from jstevents.errors import StateError

FORMAT = 1
QR_PREFIX = "ZAS:"
DIGEST_LENGTH = 12


@dataclass
class Entry:
    number: str
    event: str
    participant: str
    #: The counter {n} of the number, within its scope (the event, the year, or the programme).
    n: int
    scope: str
    issued: dt.date
    #: Issued though the person had not completed the event (`--force`).
    forced: bool = False
    revoked: dt.date | None = None
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["issued"] = self.issued.isoformat()
        data["revoked"] = self.revoked.isoformat() if self.revoked else None
        return data


@dataclass
class CertificateState:
    """What the certificates of a project need beyond the model, read by the command: the ledger, the
    key of the digests, the personal fields (from the git-ignored file) and what this run asks for."""

    ledger: Ledger
    key: bytes
    #: participant id → {"birth_date": date, "birth_place": str}.
    personal: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The day of issue of new certificates; None: the event's last day.
    issued: dt.date | None = None
    #: Participants to be given a certificate though they did not complete (`--force`).
    forced: frozenset[str] = frozenset()


class Ledger:
    def __init__(self, entries: list[Entry] | None = None) -> None:
        self.entries: list[Entry] = list(entries or [])
        self.changed = False

    @classmethod
    def from_json(cls, text: str, *, where: str) -> Ledger:
        try:
            data = json.loads(text)
            entries = [
                Entry(
                    number=str(e["number"]),
                    event=str(e["event"]),
                    participant=str(e["participant"]),
                    n=int(e["n"]),
                    scope=str(e["scope"]),
                    issued=dt.date.fromisoformat(e["issued"]),
                    forced=bool(e.get("forced", False)),
                    revoked=dt.date.fromisoformat(e["revoked"]) if e.get("revoked") else None,
                    reason=str(e.get("reason") or ""),
                )
                for e in data["certificates"]
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise StateError(
                f"the certificate ledger {where} is damaged ({exc})",
                hint="restore it from git (it keeps every number ever given); never delete it",
            ) from None
        return cls(entries)

    def to_json(self) -> str:
        data = {"format": FORMAT, "certificates": [e.as_json() for e in self.entries]}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def find(self, number: str) -> Entry | None:
        return next((e for e in self.entries if e.number == number), None)

    def active(self, event_id: str, participant: str) -> Entry | None:
        return next(
            (e for e in self.entries if e.event == event_id and e.participant == participant and e.revoked is None),
            None,
        )

    def of_event(self, event_id: str) -> list[Entry]:
        return [e for e in self.entries if e.event == event_id]

    def allocate(
        self, pattern: str, *, programme: str, event_id: str, year: int, participant: str, issued: dt.date, forced: bool
    ) -> Entry:
        """The next free number of the pattern's scope, recorded for `participant`."""
        scope = event_id if "{event" in pattern else (str(year) if "{year" in pattern else "")
        n = max((e.n for e in self.entries if e.scope == scope), default=0) + 1
        taken = {e.number for e in self.entries}
        while (number := pattern.format(year=year, event=event_id, programme=programme, n=n)) in taken:
            n += 1
        entry = Entry(number, event_id, participant, n, scope, issued, forced)
        self.entries.append(entry)
        self.changed = True
        return entry


def digest(key: bytes, entry: Entry) -> str:
    message = f"{entry.number}\n{entry.event}\n{entry.participant}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:DIGEST_LENGTH]


def qr_text(key: bytes, entry: Entry) -> str:
    return f"{QR_PREFIX}{entry.number}:{digest(key, entry)}"


def read_qr(text: str) -> tuple[str, str] | None:
    """(number, digest) from a QR code's text, or None when it is not one of ours."""
    text = text.strip()
    if not text.startswith(QR_PREFIX):
        return None
    number, sep, code = text[len(QR_PREFIX) :].rpartition(":")
    if not sep or not number or len(code) != DIGEST_LENGTH:
        return None
    return number, code


def genuine(key: bytes, entry: Entry, code: str) -> bool:
    return hmac.compare_digest(digest(key, entry), code.lower())
