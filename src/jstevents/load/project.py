"""Loading a project folder into one `Project`, with every problem located.

A project is a folder (by default `./events`) of YAML files. Each file holds one
or more sections (`programme:`, `venues:`, `units:`, `participants:`, `event:` …);
files are read in sorted order and merged. See docs/yaml.md, "The YAML format".
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import gc
import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jstevents.errors import ProjectInvalid, ProjectMissing
from jstevents.load import yamlfile
from jstevents.load.cache import LoadCache, Remembered
from jstevents.load.validation import problems_from_validation
from jstevents.model import (
    Contact,
    MailSettings,
    Origin,
    Programme,
    Project,
    ProjectFile,
)
from jstevents.problems import Problem

PROJECT_ENV = "JSTEVENTS_PROJECT"
DEFAULT_PROJECT = Path("events")
_SECTIONS = ("venues", "networks", "units", "experts", "participants")


def resolve_root(project: Path | None) -> Path:
    """The project folder: the option, then $JSTEVENTS_PROJECT, then ./events."""
    if project is not None:
        return project
    env = os.environ.get(PROJECT_ENV)
    return Path(env) if env else DEFAULT_PROJECT


def project_files(root: Path) -> list[Path]:
    """The YAML files of the project, in a stable order; hidden folders are skipped."""
    found = [
        path
        for pattern in ("*.yaml", "*.yml")
        for path in root.rglob(pattern)
        if not any(part.startswith(".") for part in path.relative_to(root).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


@dataclass
class _Source:
    """One file as read: its display name, text (for locating nodes) and content."""

    name: str
    text: str
    content: ProjectFile | None = None
    #: Ids of items that failed validation: known to exist, so not "dangling" elsewhere.
    broken: set[str] = field(default_factory=set)
    #: The file has a `programme:` section, valid or not.
    declares_programme: bool = False
    #: The file has an unknown section whose closest known name is `programme` (`programe:`).
    near_programme: bool = False
    #: For a `programme:` that failed validation: the ids of its contacts as written, or None
    #: when its `contacts:` is not a list. Lets references to contacts still be checked.
    programme_contacts: list[str] | None = None
    _tree: Any = None
    _odd: bool = False

    def locate(self, path: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
        if self._tree is None:
            self._tree = yamlfile.compose(self.text) or False
            self._odd = yamlfile.has_odd_breaks(self.text)
        return yamlfile.locate(self._tree or None, path, key=key, text=self.text, odd=self._odd)


@dataclass
class _Sources:
    """What `read_sources` found: the files read, their problems, and the names of the
    files that could not be read but may hold the programme (so "no programme" would mislead)."""

    sources: list[_Source]
    problems: list[Problem]
    hidden_programme: list[str] = field(default_factory=list)
    #: Each file that could not be read, with the sections it seems to define (see `_sections_in`).
    unreadable: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """The size of a loaded project, for the line `validate` ends with."""

    events: int
    participants: int
    registrations: int

    @classmethod
    def of(cls, project: Project) -> Summary:
        registrations = sum(len(e.registrations) for e in project.events.values())
        return cls(len(project.events), len(project.participants), registrations)


@dataclass
class LoadResult:
    #: The project; None when it has no valid programme, or when it was not asked for (`model=False`).
    project: Project | None
    problems: list[Problem] = field(default_factory=list)
    #: Set whenever the project has a valid programme.
    summary: Summary | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _display(root: Path, path: Path) -> str:
    return (root / path.relative_to(root)).as_posix()


MISSING_FOLDER_HINT = (
    "check the path, or run jstevents in the folder that holds events/, or pass --project DIR "
    "(or set JSTEVENTS_PROJECT)"
)


def missing_folder(root: Path) -> str | None:
    """Why `root` cannot be loaded as a project folder, or None if it is a folder."""
    if root.is_dir():
        return None
    if root.exists():
        return f"project folder {root.as_posix()!r} is not a folder"
    return f"project folder {root.as_posix()!r} does not exist"


def missing_folder_problem(root: Path) -> Problem | None:
    """The E009 problem of a project folder that is not there, located at the folder itself."""
    reason = missing_folder(root)
    if reason is None:
        return None
    return Problem(root.as_posix(), 1, 1, "E009", f"{reason}: {MISSING_FOLDER_HINT}")


#: A `programme:` key at the start of a line, in a file that could not be parsed.
_PROGRAMME_KEY = re.compile(r"^\s*[\"']?programme[\"']?\s*:", re.MULTILINE)


def _may_hold_programme(path: Path, text: str | None) -> bool:
    """Whether an unparsable file may be where the programme is (its name, or its text, says so)."""
    return path.stem.casefold() == "programme" or (text is not None and bool(_PROGRAMME_KEY.search(text)))


_TOP_KEY = re.compile(r"^([A-Za-z_]+)[ \t]*:", re.M)
#: How much of an unreadable file is searched for its sections.
_SCAN_BYTES = 1 << 20


def _sections_in(path: Path, text: str | None) -> frozenset[str]:
    """The sections an unreadable file seems to define: its top-level keys, read as far as a
    file that is not UTF-8 or not YAML can be; else the section its name says (networks.yaml)."""
    if text is None:
        from jstevents.confined import read_head

        text = read_head(path, _SCAN_BYTES).decode("latin-1")
    keys = {"events" if key in ("event", "events") else key for key in _TOP_KEY.findall(text)}
    known = keys & {*_SECTIONS, "events"}
    if known:
        return frozenset(known)
    stem = path.stem.casefold()
    return frozenset({stem}) if stem in _SECTIONS else frozenset()


def _near_programme(key: Any) -> bool:
    """Whether `key` is an unknown section whose closest known name is `programme` (`programe:`)."""
    if key in ProjectFile.model_fields:
        return False
    close = difflib.get_close_matches(str(key), list(ProjectFile.model_fields), n=1, cutoff=0.6)
    return close == ["programme"]


@dataclass(frozen=True)
class _File:
    """One YAML file of the project as read from disk: its text, or why it could not be read."""

    path: Path
    name: str
    text: str | None
    fault: yamlfile.YamlFault | None


def read_files(root: Path) -> list[_File]:
    files = []
    for path in project_files(root):
        text, fault = yamlfile.read_text(path, root)
        files.append(_File(path, _display(root, path), text, fault))
    return files


def read_sources(root: Path, files: list[_File] | None = None, cache: LoadCache | None = None) -> _Sources:
    reason = missing_folder(root)
    if reason is not None:
        raise ProjectMissing(reason, hint=MISSING_FOLDER_HINT)
    if files is None:
        files = read_files(root)
        cache = LoadCache.open(root)
    found = _Sources([], [])
    sources, problems = found.sources, found.problems
    for file in files:
        path, name, text, fault = file.path, file.name, file.text, file.fault
        if fault is not None or text is None:
            assert fault is not None
            problems.append(Problem(name, fault.line, fault.col, fault.code, fault.message))
            if _may_hold_programme(path, text):
                found.hidden_programme.append(name)
            found.unreadable[name] = _sections_in(path, text)
            continue
        cached = cache.get(path, text) if cache else None
        if cached is not None:
            # Only files without any problem are cached, so a programme in one is valid.
            sources.append(_Source(name, text, content=cached, declares_programme=cached.programme is not None))
            continue
        data, faults = yamlfile.parse(text)
        problems += [Problem(name, f.line, f.col, f.code, f.message) for f in faults]
        if data is None:
            if _may_hold_programme(path, text):
                found.hidden_programme.append(name)
            found.unreadable[name] = _sections_in(path, text)
            continue
        source = _Source(name, text)
        if not isinstance(data, dict):
            line, col = source.locate(())
            problems.append(
                Problem(
                    name,
                    line,
                    col,
                    "E012",
                    "a project file must be a mapping of sections (programme:, venues:, units:, "
                    "participants:, event: …), not a list or a single value",
                )
            )
            if _may_hold_programme(path, text):
                found.hidden_programme.append(name)
            continue
        source.declares_programme = "programme" in data
        source.near_programme = any(_near_programme(key) for key in data)
        source.content, broken, section_problems = _validate_sections(data, source)
        problems += section_problems
        source.broken = broken
        if source.content.programme is None and isinstance(data.get("programme"), dict):
            source.programme_contacts = _contact_ids(data["programme"])
        sources.append(source)
        if cache and not faults and not section_problems and not broken:
            cache.put(path, text, source.content)
    return found


def _contact_ids(programme: dict[Any, Any]) -> list[str] | None:
    """The ids of the contacts of a programme that failed validation, as written."""
    contacts = programme.get("contacts")
    if not isinstance(contacts, list):
        return None
    return [c["id"].strip() for c in contacts if isinstance(c, dict) and isinstance(c.get("id"), str)]


def _validate_sections(data: dict[Any, Any], source: _Source) -> tuple[ProjectFile, set[str], list[Problem]]:
    """Validate item by item, so one bad participant does not hide the others.

    A broken item is reported and left out; its id is remembered so that the
    references to it are not reported a second time as dangling.
    """
    problems: list[Problem] = []
    broken: set[str] = set()
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if key not in ProjectFile.model_fields:
            known = list(ProjectFile.model_fields)
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"the sections are: {', '.join(known)}"
            line, col = source.locate((str(key),), True)
            problems.append(Problem(source.name, line, col, "E010", f"unknown section {key!r}: {hint}"))
            continue
        items = value if isinstance(value, list) and key not in ("programme", "event") else None
        if items:
            # The whole list at once is much faster than item by item; items are validated
            # independently, so a list that passes gives the same objects. Only a list with
            # a problem is validated again item by item, to report every bad item.
            try:
                clean[key] = getattr(ProjectFile.model_validate({key: items}), key)
                continue
            except ValidationError:
                pass
        candidates: list[tuple[Any, tuple[str | int, ...]]]
        if items is None:
            candidates = [(value, (key,))]
        else:
            candidates = [(item, (key, index)) for index, item in enumerate(items)]
        good = []
        for item, path in candidates:
            try:
                checked = ProjectFile.model_validate({key: [item] if items is not None else item})
            except ValidationError as exc:
                remapped = _remap(exc, path)
                problems += problems_from_validation(
                    exc, file=source.name, model=ProjectFile, locate=source.locate, loc_map=remapped
                )
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    broken.add(item["id"])
                continue
            good.append(getattr(checked, key)[0] if items is not None else getattr(checked, key))
        if items is not None:
            clean[key] = good
        elif good:
            clean[key] = good[0]
        # else: the section was reported; it gets its empty default below,
        # so a `venues:` holding text instead of a list is not iterated later.
    return _construct(clean), broken, problems


def _construct(values: dict[str, Any]) -> ProjectFile:
    """`ProjectFile.model_construct(**values)`, with the missing sections filled in here.

    pydantic's own filling inspects each default factory's signature on every call,
    which costs more than validating a file of participants.
    """
    complete = dict(values)
    for name, info in ProjectFile.model_fields.items():
        if name not in complete:
            factory = info.default_factory
            complete[name] = factory() if factory is not None else info.default  # type: ignore[call-arg]
    return ProjectFile.model_construct(_fields_set=set(values), **complete)


def _remap(exc: ValidationError, path: tuple[str | int, ...]) -> Any:
    """Item-by-item validation sees every item at index 0; put the real index back."""
    if len(path) < 2:
        return None
    return lambda loc: (path[0], path[1], *loc[2:]) if len(loc) >= 2 and loc[0] == path[0] else loc


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Loading creates millions of objects and no garbage cycles worth collecting, yet the
    cycle collector would walk the growing heap again and again: a third of the time of
    `validate` at national scale. It is paused for the load and restored afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_project(
    root: Path,
    *,
    today: dt.date | None = None,
    checks: bool = True,
    model: bool = True,
    events: Collection[str] | None = None,
) -> LoadResult:
    """Read, validate and cross-check the project; never raises for bad content.

    The problems of a project are remembered in the load cache (see `load.cache`): while no
    file of the project, nothing it names (form exports, logos) and no code has changed, the
    same problems are known without checking again, and `model=False` (what `validate` asks
    for) returns them without building the model at all. With `events`, a project whose
    problems are remembered is built with only those events (and everything that is not an
    event): the files holding nothing but other events are not read into the model. Without
    a remembered result the whole project is loaded and checked, as always.
    """
    with _cycle_collector_paused():
        return _load_project(root, today=today or dt.date.today(), checks=checks, model=model, events=events)


def _load_project(
    root: Path, *, today: dt.date, checks: bool, model: bool, events: Collection[str] | None
) -> LoadResult:
    missing = missing_folder_problem(root)
    if missing is not None:
        return LoadResult(None, [missing])
    files = read_files(root)
    cache = LoadCache.open(root)
    memo = cache.result_key(files, today=today, checks=checks) if cache else None
    remembered = cache.get_result(memo) if cache and memo else None
    if remembered is not None and not model:
        return LoadResult(None, list(remembered.problems), remembered.summary)
    if remembered is not None and events is not None and set(events) <= remembered.event_ids:
        files = [f for f in files if _needed(remembered.only_events.get(f.name), set(events))]
    found = read_sources(root, files, cache)
    sources, problems = found.sources, found.problems
    programme_at: list[tuple[_Source, Any]] = [
        (s, s.content.programme) for s in sources if s.content and s.content.programme
    ]
    # E009 only when no file even tries to define the programme: a programme with mistakes,
    # a misspelt `programe:` or a programme.yaml that cannot be parsed is reported as such.
    declared = [s for s in sources if s.declares_programme]
    if not declared and not found.hidden_programme and not any(s.near_programme for s in sources):
        problems.append(
            Problem(
                (root / "programme.yaml").as_posix(),
                1,
                1,
                "E009",
                "no file defines `programme:`; create programme.yaml (see the example project "
                "in docs/getting-started.md) or point --project at the right folder",
            )
        )
    for source in declared[1:]:
        line, col = source.locate(("programme",), True)
        problems.append(
            Problem(
                source.name,
                line,
                col,
                "E013",
                f"programme is already defined in {declared[0].name}: keep one `programme:` section",
            )
        )

    collected: dict[str, dict[str, Any]] = {name: {} for name in (*_SECTIONS, "events")}
    origins: dict[int, Origin] = {}
    first_seen: dict[tuple[str, str], str] = {}
    #: (section, id in lower case) → the id as first written: Windows and macOS fold the case of
    #: file names, so two ids that differ only in case would name one file (an outbox message, a journal).
    folded: dict[tuple[str, str], tuple[str, str]] = {}

    def add(section: str, obj: Any, source: _Source, path: tuple[str | int, ...]) -> None:
        key = (section, obj.id)
        twin = folded.setdefault((section, obj.id.casefold()), (obj.id, source.name))
        if twin[0] != obj.id:
            line, col = source.locate(path + ("id",))
            problems.append(
                Problem(
                    source.name,
                    line,
                    col,
                    "E132",
                    f"id {obj.id!r} differs from {twin[0]!r} ({twin[1]}) only in letter case: on Windows and "
                    "macOS the files named by the two would be one; choose an id that differs in more than case",
                )
            )
        if key in first_seen:
            line, col = source.locate(path + ("id",))
            problems.append(
                Problem(
                    source.name,
                    line,
                    col,
                    "E021",
                    f"id {obj.id!r} is already used in {section} ({first_seen[key]}): ids must be unique",
                )
            )
            return
        first_seen[key] = source.name
        collected[section][obj.id] = obj
        origins[id(obj)] = Origin(file=source.name, path=path)

    for source in sources:
        content = source.content
        assert content is not None
        for section in _SECTIONS:
            for index, obj in enumerate(getattr(content, section)):
                add(section, obj, source, (section, index))
        if content.event is not None:
            add("events", content.event, source, ("event",))
        for index, event in enumerate(content.events):
            add("events", event, source, ("events", index))

    from jstevents.load.form_exports import read_participant_sources

    unit_ids = {unit.name.casefold(): unit.id for unit in collected["units"].values()}
    for source in sources:
        assert source.content is not None
        for index, spec in enumerate(source.content.participant_sources):
            rows, row_problems = read_participant_sources(
                root,
                spec,
                unit_ids=unit_ids,
                declared_in=source.name,
                locate=lambda p, k=False, s=source, i=index: s.locate(("participant_sources", i) + p, k),
            )
            problems += row_problems
            for row in rows:
                participant, where = row
                if ("participants", participant.id) in first_seen:
                    problems.append(
                        Problem(
                            where.file,
                            where.line or 1,
                            where.col or 1,
                            "E021",
                            f"participant {participant.id!r} is already in "
                            f"{first_seen[('participants', participant.id)]}: remove the duplicate row",
                        )
                    )
                    continue
                first_seen[("participants", participant.id)] = where.file
                collected["participants"][participant.id] = participant
                origins[id(participant)] = where

    # Without a valid programme every other check still runs, on a stand-in programme: none
    # of them needs more of it than its contacts, whose ids are taken as written from a
    # programme that failed validation. When even those are unknown, references to contacts
    # cannot be told dangling or not and are left out; the programme's own problems (or
    # E009) are reported instead.
    contacts_known = True
    if programme_at:
        programme = programme_at[0][1]
    else:
        written = next((s.programme_contacts for s in sources if s.programme_contacts is not None), None)
        contacts_known = written is not None
        programme = Programme.model_construct(  # type: ignore[call-arg]
            contacts=[Contact.model_construct(id=cid) for cid in written or []],  # type: ignore[call-arg]
            mail=MailSettings(),
        )
    project = Project(
        root=root.as_posix(),
        programme=programme,
        venues=collected["venues"],
        networks=collected["networks"],
        units=collected["units"],
        experts=collected["experts"],
        participants=collected["participants"],
        events=collected["events"],
    )
    project._origins = origins
    by_name = {s.name: s for s in sources}
    if programme_at:
        origins[id(project.programme)] = Origin(file=programme_at[0][0].name, path=("programme",))

    def place(obj: Any, *rest: str | int) -> tuple[str, int, int]:
        origin = origins[id(obj)]
        source = by_name.get(origin.file)
        if source is None or origin.line is not None:  # a row of a CSV/XLSX export
            return origin.file, origin.line or 1, origin.col or 1
        line, col = source.locate(origin.path + tuple(rest))
        return origin.file, line, col

    summary = Summary.of(project) if programme_at else None
    if remembered is not None:
        return LoadResult(project if programme_at else None, list(remembered.problems), summary)
    from jstevents.checks.references import check_references

    broken = set().union(*(s.broken for s in sources)) if sources else set()
    references = check_references(project, place, broken=broken, contacts_known=contacts_known)
    problems = _root_causes_first(problems, references, found.unreadable)
    if checks:
        from jstevents.checks.registry import run_checks
        from jstevents.load.told import told_facts

        problems += run_checks(project, place, today=today, told=told_facts(root, project.events))
    problems.sort()
    if cache and memo:
        named = _named_files(root, sources, project)
        remembered = Remembered(
            tuple(problems), summary, named, only_events=_event_files(sources), event_ids=frozenset(project.events)
        )
        cache.put_result(memo, remembered)
    return LoadResult(project if programme_at else None, problems, summary)


#: What each section holds, as a reference names it ("unknown participant …").
_REFERRED = {"venues": "venue", "networks": "network", "units": "unit", "experts": "expert",
             "participants": "participant", "events": "event"}  # fmt: skip


def _root_causes_first(
    problems: list[Problem], references: list[Problem], unreadable: dict[str, frozenset[str]]
) -> list[Problem]:
    """The problems, with the unknown ids that only follow from a file that could not be read
    folded into that file's problem as a count: the first error shown is the cause."""
    if not unreadable:
        return problems + references
    kinds = {_REFERRED[s]: name for name, sections in unreadable.items() for s in sections if s in _REFERRED}
    folded: dict[str, int] = {}
    kept = []
    for problem in references:
        kind = problem.message.removeprefix("unknown ").split(" ", 1)[0]
        if problem.code == "E020" and kind in kinds:
            folded[kinds[kind]] = folded.get(kinds[kind], 0) + 1
        else:
            kept.append(problem)
    seen: set[str] = set()
    told = []
    for problem in problems:
        count = folded.get(problem.file, 0)
        if count and problem.file not in seen and problem.code in _UNREADABLE_CODES:
            seen.add(problem.file)
            sections = ", ".join(sorted(unreadable[problem.file] & set(_REFERRED)))
            problem = dataclasses.replace(
                problem,
                message=f"{problem.message} (references to {sections} from other files: {count}, not checked "
                "until this file is read; fix this first)",
            )
        told.append(problem)
    return told + kept


#: The problems of a file that could not be read at all.
_UNREADABLE_CODES = frozenset({"E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008"})


def _needed(holds_only: frozenset[str] | None, wanted: set[str]) -> bool:
    """Whether a file is needed for `wanted` events: it holds more than events, or one of them."""
    return holds_only is None or bool(holds_only & wanted)


def _event_files(sources: list[_Source]) -> dict[str, frozenset[str]]:
    """The files that hold nothing but events, with the ids of their events."""
    found = {}
    for source in sources:
        content = source.content
        if content is None or content.model_fields_set - {"event", "events"}:
            continue
        ids = [e.id for e in content.events] + ([content.event.id] if content.event else [])
        if ids:
            found[source.name] = frozenset(ids)
    return found


def _named_files(root: Path, sources: list[_Source], project: Project) -> tuple[Path, ...]:
    """The files outside the YAML that the checks looked at: form exports and funding logos."""
    named = [root / spec.file for s in sources if s.content for spec in s.content.participant_sources]
    if project.origin(project.programme) is not None:
        named += [root / logo for logo in project.programme.funding.logos]
    # What people were told (W170, W171): a mail-out changes the problems without changing the YAML.
    from jstevents.load.told import told_path

    named += [told_path(root, event_id) for event_id in project.events]
    return tuple(named)


def require_project(root: Path, *, today: dt.date | None = None, events: Collection[str] | None = None) -> Project:
    """The project, or `ProjectInvalid` when it has errors (warnings are fine).

    With `events`, the project may hold only those events (see `load_project`).

    A project folder that is not there is a `ProjectMissing` error saying so: one line and
    a hint read better than "the project has 1 error(s)" for a wrong path.
    """
    reason = missing_folder(root)
    if reason is not None:
        raise ProjectMissing(reason, hint=MISSING_FOLDER_HINT)
    result = load_project(root, today=today, events=events)
    if result.errors or result.project is None:
        raise ProjectInvalid(result.problems)
    return result.project
