"""The SEQUENCE and DTSTAMP of each calendar entry, kept stable between runs.

Calendar clients replace an entry they already hold only when its SEQUENCE is
higher (then its DTSTAMP later). So SEQUENCE must go up when an entry's content
changes and never otherwise, and DTSTAMP must not move when nothing changed,
or two runs would give different files. Both need memory: `Sequences` keeps,
per UID, a hash of the entry's content, its SEQUENCE and the DTSTAMP given when
that content was first seen. It is pure data here; the commands read it from and
write it to the project's ledger (`.jstevents/calendar.json`, see `commands.state`).

Content never seen before gets SEQUENCE 0 and a fixed DTSTAMP (the Unix epoch, or
$SOURCE_DATE_EPOCH when set), not the clock: so a fresh clone without the ledger
still gives the same, valid file on every machine. Changed content gets SEQUENCE + 1
and the current time ($SOURCE_DATE_EPOCH if set).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass

from jstevents.errors import StateError, UsageError

FORMAT = 1
UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Stamp:
    sequence: int
    dtstamp: dt.datetime


def _source_date_epoch() -> dt.datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970",
            hint="unset it, or set it to e.g. the output of `git log -1 --format=%ct`",
        ) from None


def _format(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


class Sequences:
    """Entries by UID; `stamp()` gives an entry's SEQUENCE and DTSTAMP, remembering new content.

    `changed` tells whether anything was added or updated since it was read, i.e. whether
    the ledger needs writing.
    """

    def __init__(self, entries: dict[str, dict[str, object]] | None = None) -> None:
        self._entries: dict[str, dict[str, object]] = dict(entries or {})
        self.changed = False

    @classmethod
    def from_json(cls, text: str, *, where: str) -> Sequences:
        """The ledger's text as read from `where`; `StateError` when it is damaged."""
        broken = StateError(
            f"the calendar ledger {where} is damaged",
            hint="restore it from version control, or delete it (every SEQUENCE then starts again at 0)",
        )
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise broken from None
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            raise broken
        for entry in entries.values():
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("sha256"), str)
                and isinstance(entry.get("sequence"), int)
                and isinstance(entry.get("dtstamp"), str)
            ):
                raise broken
            try:
                _parse(entry["dtstamp"])
            except ValueError:
                raise broken from None
        return cls(entries)

    def to_json(self) -> str:
        return (
            json.dumps(
                {"format": FORMAT, "entries": dict(sorted(self._entries.items()))},
                ensure_ascii=False,
                indent=2,
                sort_keys=True,
            )
            + "\n"
        )

    def stamp(self, uid: str, digest: str) -> Stamp:
        entry = self._entries.get(uid)
        if entry is not None and entry["sha256"] == digest:
            return Stamp(int(entry["sequence"]), _parse(str(entry["dtstamp"])))  # type: ignore[call-overload]
        pinned = _source_date_epoch()
        if entry is None:
            stamp = Stamp(0, pinned or EPOCH)
        else:
            previous = _parse(str(entry["dtstamp"]))
            now = (pinned or dt.datetime.now(UTC)).replace(microsecond=0)
            # DTSTAMP of a newer version must not be earlier than the one it replaces.
            stamp = Stamp(
                int(entry["sequence"]) + 1,  # type: ignore[call-overload]
                max(now, previous + dt.timedelta(seconds=1)),
            )
        self._entries[uid] = {"sha256": digest, "sequence": stamp.sequence, "dtstamp": _format(stamp.dtstamp)}
        self.changed = True
        return stamp
