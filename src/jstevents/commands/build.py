"""Everything a coordinator hands out for an event, written in one go.

`build_events` writes, for each event, `<out>/<event-id>/`: every registered output
(see `outputs.registry`: the communiqué, the calendar, the attendee lists) that applies
to the event, in every format, and an `index.html` linking them (the event's dashboard);
and, when every event is built, `<out>/index.html` across the events. Every event is built in a temporary
folder beside its target, and the folders are swapped in only when all of them
are complete, so a build that fails half-way leaves the previous output of every
event as it was.

Where the system can (Linux), the new folder and the old one trade places in one step, so
`<out>/<event-id>/` is always a whole build, the old or the new. Elsewhere the old one is set
aside first; a run killed between the two steps leaves it in `.EVENT.old-*`, and the next
build puts it back before anything else. Staging folders of killed builds (`.EVENT.new-*`,
which hold personal data) are removed by the next build. One build runs at a time in a
project (`commands.lock`), and a project file that changes while the build reads it stops
the build before anything is replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jstevents.commands.certificates import read_state, save_ledger
from jstevents.commands.files import write_bytes
from jstevents.commands.lock import project_lock
from jstevents.commands.state import read_project_file, read_sequences, read_surveys, save_sequences
from jstevents.errors import FileConflict, JsteventsError, WriteFailed
from jstevents.model import Event, Project
from jstevents.outputs.certificate_ledger import CertificateState
from jstevents.outputs.index import BuiltFile, render_index, render_overview
from jstevents.outputs.registry import RenderInputs, outputs
from jstevents.problems import Problem


@dataclass
class EventBuild:
    event: Event
    folder: Path
    files: list[BuiltFile] = field(default_factory=list)
    #: (title, Polish reason) of each output that does not apply to the event.
    skipped: list[tuple[str, str]] = field(default_factory=list)


Progress = Callable[[str], None]


def _write_event(
    inputs: RenderInputs, event: Event, folder: Path, progress: Progress, warnings: list[Problem], overview: bool
) -> EventBuild:
    """Every registered output that applies to `event`, in every format, then the overview page."""
    result = EventBuild(event=event, folder=folder)

    def put(name: str, data: bytes, built: BuiltFile) -> None:
        progress(name)
        write_bytes(folder / name, data, private=built.personal)
        result.files.append(built)

    for output in outputs():
        skip = output.skip(inputs.project, event, inputs.today)
        if skip is not None:
            result.skipped.append((output.title, skip.reason))
            continue
        for fmt in output.formats:
            name = output.file_name(event, fmt)
            built = BuiltFile(name, f"{output.title} ({fmt})", output.personal, output.name, fmt)
            put(name, output.render(inputs, event, fmt), built)
        # What the document shows from the project (the report's photographs) goes beside it; not a
        # document of its own, so not a row of the event's page.
        for source, name in output.files(inputs.project, event) if output.files else []:
            progress(name)
            write_bytes(folder / name, read_project_file(inputs.project, source), private=output.personal)
    index = BuiltFile("index.html", "Przegląd", False, "index", "html")
    page = render_index(inputs, event, result.files, result.skipped, warnings, overview=overview)
    put("index.html", page, index)
    return result


def _set_aside(target: Path) -> Path | None:
    """Move the previous build of an event out of the way; returns where it went."""
    if not target.exists():
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    target.rename(old / target.name)
    return old


#: renameat2's flag that swaps two paths in one step (Linux 3.15, glibc 2.28).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the folders `a` and `b` in one step; False where the system (or its file system) cannot."""
    import ctypes
    import errno
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap_all(staged: list[tuple[Path, Path]]) -> None:
    """Put every finished build (staging, target) in place, or, on failure, none of them."""
    exchanged: list[tuple[Path, Path]] = []
    moved: list[tuple[Path, Path | None]] = []
    try:
        for staging, target in staged:
            if target.exists() and _exchange(staging, target):
                exchanged.append((staging, target))  # `staging` holds the old build now
                continue
            moved.append((target, _set_aside(target)))
            staging.rename(target)
    except OSError as exc:
        for staging, target in reversed(exchanged):
            _exchange(staging, target)
        for target, old in reversed(moved):
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)
            if old is not None:
                (old / target.name).rename(target)
                shutil.rmtree(old, ignore_errors=True)
        raise WriteFailed(
            f"cannot put the new build in place: {exc.strerror or exc}",
            hint="close any program that has a file of the build open, then run again",
        ) from None
    for staging, _ in exchanged:
        shutil.rmtree(staging, ignore_errors=True)
    for _, old in moved:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


_LEFTOVER = re.compile(r"^\.(?P<event>.+)\.(?P<kind>new|old)-[A-Za-z0-9_]+$")


def clear_leftovers(out: Path) -> None:
    """What killed builds left in `out`: an event's previous build set aside and never put back
    (it is put back when the event has no build), and staging folders (removed)."""
    try:
        entries = list(out.iterdir())
    except OSError:
        return
    for entry in sorted(entries, key=lambda p: p.name):
        match = _LEFTOVER.match(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        event = match.group("event")
        aside = entry / event
        target = out / event
        if match.group("kind") == "old" and aside.is_dir() and not target.exists():
            try:
                aside.rename(target)
            except OSError:
                continue
        shutil.rmtree(entry, ignore_errors=True)


def files_snapshot(root: Path, *, outside: Iterable[Path] = ()) -> dict[str, tuple[int, int]]:
    """(size, time of change) of every file of the project folder, but hidden ones and those under
    `outside` (the build's own folder): taken before the project is read, compared after."""
    skip = {Path(p).resolve() for p in outside}
    found: dict[str, tuple[int, int]] = {}
    for folder, folders, names in os.walk(root):
        here = Path(folder)
        folders[:] = [f for f in folders if not f.startswith(".") and (here / f).resolve() not in skip]
        for name in names:
            if name.startswith("."):
                continue
            try:
                info = (here / name).stat()
            except OSError:
                continue
            found[(here / name).relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns)
    return found


def _changed_since(root: Path, snapshot: Mapping[str, tuple[int, int]]) -> list[str]:
    changed = []
    for name, signature in snapshot.items():
        try:
            info = (root / name).stat()
        except OSError:
            changed.append(name)
            continue
        if (info.st_size, info.st_mtime_ns) != signature:
            changed.append(name)
    return changed


def build_events(project: Project, events: Iterable[Event], out: Path, **options: Any) -> list[EventBuild]:
    """`_build_events`, holding the project's lock: one build (or import, or mail-out) at a time."""
    with project_lock(project.root, "build"):
        return _build_events(project, events, out, **options)


def _build_events(
    project: Project,
    events: Iterable[Event],
    out: Path,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    warnings: Iterable[Problem] = (),
    overview: bool = False,
    snapshot: Mapping[str, tuple[int, int]] | None = None,
) -> list[EventBuild]:
    """Build each event into `out/<event-id>/`; returns what was written.

    The calendar ledger is read first and saved once every event is built, before the
    new folders are put in place. `warnings` (of `validate`) appear on the events' pages.
    With `overview`, `out/index.html` lists the events built (build them all for that), unless
    a file of that name is not one jstevents wrote. `snapshot` (`files_snapshot`, taken before
    the project was read): a file changed since stops the build before anything is replaced.
    """
    warnings = list(warnings)
    progress = progress or (lambda name: None)
    unique = list({event.id: event for event in events}.values())
    inputs = RenderInputs(
        project,
        read_sequences(project),
        today or dt.date.today(),
        read_surveys(project),
        certificates=_certificates(project, unique),
    )
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(
            f"cannot create the output folder {out.as_posix()}: {exc.strerror or exc}",
            hint="choose another folder with -o",
        ) from None
    clear_leftovers(out)
    for event in unique:
        target = out / event.id
        if target.exists() and not target.is_dir():
            raise WriteFailed(
                f"{target.as_posix()} exists and is not a folder",
                hint="move that file away or choose another output folder with -o",
            )
    results: list[EventBuild] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for event in unique:
            try:
                staging = Path(tempfile.mkdtemp(prefix=f".{event.id}.new-", dir=out))
            except OSError as exc:
                raise WriteFailed(
                    f"cannot write into {out.as_posix()}: {exc.strerror or exc}",
                    hint="choose another folder with -o, or check its permissions",
                ) from None
            staged.append((staging, out / event.id))
            linked = overview or (out / "index.html").is_file()
            results.append(_write_event(inputs, event, staging, progress, warnings, linked))
        if overview:
            staged.append(_stage_feeds(inputs, out, progress))
        _stop_if_changed(Path(project.root), snapshot)
        save_sequences(project, inputs.sequences)
        if inputs.certificates is not None:
            save_ledger(project, inputs.certificates.ledger)
        _swap_all(staged)
    except BaseException:
        for staging, _ in staged:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    for built, (_, target) in zip(results, staged[: len(results)], strict=True):
        built.folder = target
    if overview:
        _write_overview(inputs, unique, out / "index.html", warnings)
    return results


def _certificates(project: Project, events: list[Event]) -> CertificateState | None:
    """The certificate ledger and key, when an event built gets certificates (its numbers are given now,
    as `jstevents certificates` would give them, and kept)."""
    from jstevents.outputs.certificates.kinds import applies

    if not any(applies(project, event) is None for event in events):
        return None
    return read_state(project)


def _stop_if_changed(root: Path, snapshot: Mapping[str, tuple[int, int]] | None) -> None:
    changed = _changed_since(root, snapshot) if snapshot is not None else []
    if changed:
        shown = ", ".join(changed[:5]) + (" …" if len(changed) > 5 else "")
        raise JsteventsError(
            f"{shown} changed while the build was reading the project; nothing was replaced",
            hint="let the program that writes it finish (an editor saving, a sync), then build again",
        )


def _stage_feeds(inputs: RenderInputs, out: Path, progress: Progress) -> tuple[Path, Path]:
    """The calendar feeds, written into a folder beside `out/kalendarz/` that the build swaps in."""
    from jstevents.commands.state import feed_key
    from jstevents.outputs.calendar.feeds import FOLDER, feeds

    target = out / FOLDER
    if target.exists() and not target.is_dir():
        raise WriteFailed(
            f"{target.as_posix()} exists and is not a folder",
            hint="move that file away or choose another output folder with -o",
        )
    if FOLDER in inputs.project.events:
        raise WriteFailed(
            f"the event {FOLDER!r} would be built where the calendar feeds go ({target.as_posix()})",
            hint="give the event another id",
        )
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{FOLDER}.new-", dir=out))
    except OSError as exc:
        raise WriteFailed(f"cannot write into {out.as_posix()}: {exc.strerror or exc}") from None
    try:
        for feed in feeds(inputs.project, inputs.sequences, feed_key(inputs.project)):
            progress(f"{FOLDER}/{feed.path}")
            # Not flushed one by one (thousands of files at national scale): the next build writes them again.
            write_bytes(staging / feed.path, feed.data, private=not feed.public, durable=False)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging, target


def _write_overview(inputs: RenderInputs, events: list[Event], path: Path, warnings: list[Problem]) -> None:
    if path.exists() and b'name="generator" content="jstevents"' not in path.read_bytes()[:2048]:
        raise FileConflict(
            f"{path.as_posix()} exists and was not written by jstevents; the events are built, the page "
            "listing them is not",
            hint="move that file away, or build into another folder with -o",
        )
    write_bytes(path, render_overview(inputs, events, warnings))
