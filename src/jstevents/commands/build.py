"""Everything a coordinator hands out for an event, written in one go.

`build_events` writes, for each event, `<out>/<event-id>/`: every registered output
(see `outputs.registry`: the communiqué, the calendar, the attendee lists) that applies
to the event, in every format, and an `index.html` linking them (the event's dashboard);
and, when every event is built, `<out>/index.html` across the events. Every event is built in a temporary
folder beside its target, and the folders are swapped in only when all of them
are complete, so a build that fails half-way leaves the previous output of every
event as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.commands.files import write_bytes
from jstevents.commands.state import read_sequences, save_sequences
from jstevents.errors import FileConflict, WriteFailed
from jstevents.model import Event, Project
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
        skip = output.applies(inputs.project, event)
        if skip is not None:
            result.skipped.append((output.title, skip.reason))
            continue
        for fmt in output.formats:
            name = output.file_name(event, fmt)
            built = BuiltFile(name, f"{output.title} ({fmt})", output.personal, output.name, fmt)
            put(name, output.render(inputs, event, fmt), built)
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


def _swap_all(staged: list[tuple[Path, Path]]) -> None:
    """Put every finished build (staging, target) in place, or, on failure, none of them."""
    moved: list[tuple[Path, Path | None]] = []
    try:
        for staging, target in staged:
            moved.append((target, _set_aside(target)))
            staging.rename(target)
    except OSError as exc:
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
    for _, old in moved:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def build_events(
    project: Project,
    events: Iterable[Event],
    out: Path,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
    warnings: Iterable[Problem] = (),
    overview: bool = False,
) -> list[EventBuild]:
    """Build each event into `out/<event-id>/`; returns what was written.

    The calendar ledger is read first and saved once every event is built, before the
    new folders are put in place. `warnings` (of `validate`) appear on the events' pages.
    With `overview`, `out/index.html` lists the events built (build them all for that), unless
    a file of that name is not one jstevents wrote.
    """
    warnings = list(warnings)
    progress = progress or (lambda name: None)
    inputs = RenderInputs(project, read_sequences(project), today or dt.date.today())
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(
            f"cannot create the output folder {out.as_posix()}: {exc.strerror or exc}",
            hint="choose another folder with -o",
        ) from None
    unique = list({event.id: event for event in events}.values())
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
        save_sequences(project, inputs.sequences)
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
