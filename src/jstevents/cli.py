"""The command line: parse arguments, call the library, print.

Library modules (and pydantic, Jinja2, icalendar, openpyxl, Typst behind them)
are imported inside the commands, so that `jstevents --help` stays instant. For the same
reason this module does not postpone its annotations (no `from __future__ import annotations`):
typer would evaluate every one of them as a string to build the help.
"""

import datetime as dt
import os
import re
import sys
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from jstevents import __version__
from jstevents.errors import JsteventsError
from jstevents.outputs.registry import OUTPUTS, outputs

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Group(TyperGroup):
    """Turns every user error into a short message and an exit code, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except JsteventsError as exc:
            _print_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _stderr().print("[yellow]Stopped by user.[/] Files already written are complete.")
            raise typer.Exit(EXIT_INTERRUPTED) from None


app = typer.Typer(
    cls=_Group,
    name="jstevents",
    help="Communiqués, calendars, attendee lists and mail-outs for a JST training programme, "
    "from the YAML files in events/.",
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


@dataclass
class Settings:
    """The global options, set by the main callback and read by the commands."""

    quiet: bool = False
    verbose: bool = False


SETTINGS = Settings()


def _colour_system() -> str | None:
    # rich alone drops colours for NO_COLOR but keeps bold and dim; https://no-color.org asks for plain text.
    # Off a terminal rich writes no escapes at all by itself.
    return None if os.environ.get("NO_COLOR") else "auto"


def _stdout() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, color_system=_colour_system())  # type: ignore[arg-type]


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, color_system=_colour_system())  # type: ignore[arg-type]


def _info(message: str, *, console: Any = None) -> None:
    """A success or progress line; --quiet drops it."""
    if not SETTINGS.quiet:
        (console or _stderr()).print(message)


def _detail(message: str) -> None:
    """Extra detail for --verbose, on stderr so that stdout stays the command's output."""
    if SETTINGS.verbose:
        _stderr().print(f"[dim]{message}[/]")


def _print_error(exc: JsteventsError) -> None:
    from rich.markup import escape

    console = _stderr()
    console.print(f"[bold red]error:[/] {escape(exc.message)}")
    if exc.hint:
        console.print(f"  [dim]hint:[/] {escape(exc.hint)}")
    problems = getattr(exc, "problems", None)
    if problems:
        for problem in [p for p in problems if p.severity == "error"][:10]:
            console.print(f"  {escape(str(problem))}")


# --- completion of the project's own values ---------------------------------------


def _project_of(ctx: typer.Context) -> Path:
    """The project folder the command line names so far (--project, then $JSTEVENTS_PROJECT, then ./events)."""
    from jstevents.load.project import resolve_root

    given = ctx.params.get("project")
    return resolve_root(Path(given) if given else None)


def _ids(section: str, *, kind: str | None = None, prefix: str = "") -> Any:
    """A completion callback offering the ids of `section` ("events", "participants" …) with what each is."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from jstevents.load.ids import project_ids

        try:
            found = project_ids(_project_of(ctx), section, kind=kind)
        except Exception:  # completion runs inside the shell: never a traceback there
            return []
        return [(prefix + key, what) for key, what in found if (prefix + key).startswith(incomplete)]

    return complete


_EVENTS = _ids("events")


def _events_argument(help: str) -> Any:
    return typer.Argument(help=help, metavar="EVENT", show_default=False, autocompletion=_EVENTS)


_PARTICIPANTS = _ids("participants")
_NETWORKS = _ids("networks")
_UNITS = _ids("units")
_CONTACTS = _ids("contacts")
_RECIPIENT_KINDS = {"network:": "networks", "unit:": "units", "participant:": "participants"}


def _recipients(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """`mail --to`: all, or a kind (network:, unit:, participant:), then that kind's ids."""
    kind, colon, _ = incomplete.partition(":")
    if colon:
        section = _RECIPIENT_KINDS.get(kind + colon)
        return _ids(section, prefix=kind + colon)(ctx, incomplete) if section else []
    choices = [("all", "everybody registered for the event")] + [
        (prefix, f"one of the {section}") for prefix, section in _RECIPIENT_KINDS.items()
    ]
    return [choice for choice in choices if choice[0].startswith(incomplete)]


# --- shared options ------------------------------------------------------------

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="Project folder with the YAML files [default: ./events, or $JSTEVENTS_PROJECT].",
        envvar="JSTEVENTS_PROJECT",
        show_envvar=True,
        file_okay=False,
    ),
]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option("--today", formats=["%Y-%m-%d"], help="Reference date for 'already past' checks [default: today]."),
]


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jstevents {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only results, warnings and errors; no success lines.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print more detail, such as which files were read.")
    ] = False,
) -> None:
    """Communiqués, calendars, attendee lists and mail-outs for a JST training programme."""
    if quiet and verbose:
        raise typer.BadParameter("choose one of --quiet and --verbose", param_hint="--quiet/--verbose")
    SETTINGS.quiet, SETTINGS.verbose = quiet, verbose


def _root(project: Path | None) -> Path:
    from jstevents.load.project import project_files, resolve_root

    root = resolve_root(project)
    if SETTINGS.verbose and root.is_dir():
        files = project_files(root)
        _detail(f"project {root.as_posix()}: {len(files)} YAML file(s)")
        for path in files:
            _detail(f"  read {path.relative_to(root).as_posix()}")
    return root


def _day(today: dt.datetime | None) -> dt.date | None:
    return today.date() if today else None


def _settled() -> None:
    """The project is loaded: move it out of the cycle collector's way (`gc.freeze()`).

    What a command does next creates garbage, never in the project, and every collection
    would otherwise walk the whole loaded project again (14 % of a build at national scale).
    """
    import gc

    gc.freeze()


def _require(root: Path, today: dt.date | None = None, *, events: list[str] | None = None) -> Any:
    """The valid project in `root` (or `ProjectInvalid`), settled for the command; with `events`,
    possibly holding only those events."""
    from jstevents.load.project import require_project

    loaded = require_project(root, today=today, events=events)
    _settled()
    return loaded


# --- commands -------------------------------------------------------------------


@app.command()
def validate(
    project: ProjectOption = None,
    today: TodayOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")] = False,
    output: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            help="text; json for scripts; github (workflow commands) or gitlab (a Code Quality report) for "
            "annotations on the lines of a pull or merge request.",
        ),
    ] = ValidateFormat.text,
) -> None:
    """Check every file of the project and report every problem at once as FILE:LINE:COL."""
    from jstevents.load.project import MISSING_FOLDER_HINT, load_project, missing_folder

    root = _root(project)
    result = load_project(root, today=_day(today), model=False)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if output in (ValidateFormat.github, ValidateFormat.gitlab):
        from jstevents.outputs import annotations

        render = annotations.github if output is ValidateFormat.github else annotations.gitlab
        sys.stdout.write(render(result.problems, Path.cwd()))
        if output is ValidateFormat.github:
            counts = f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)"
            _info(f"jstevents validate {root.as_posix()}: {counts}", console=_stdout())
        raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
    if output is ValidateFormat.json:
        import json

        typer.echo(
            json.dumps(
                {
                    "project": root.as_posix(),
                    "ok": not failed,
                    "errors": len(result.errors),
                    "warnings": len(result.warnings),
                    "problems": [p.as_dict() for p in result.problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)

    from rich.markup import escape

    console = _stdout()
    for problem in result.problems:
        colour = "red" if problem.severity == "error" else "yellow"
        text = escape(str(problem))
        location, _, rest = text.partition(": ")
        console.print(f"{location}: [{colour}]{rest}[/]")
    reason = missing_folder(root) if result.summary is None else None
    if reason is not None:
        # The located E009 above is for scripts; the same error as every other command gives
        # for a wrong folder, on stderr, is for people.
        _print_error(JsteventsError(reason, hint=MISSING_FOLDER_HINT))
        raise typer.Exit(EXIT_PROBLEMS)
    counts = f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)"
    if failed:
        what = "errors" if result.errors else "warnings (--strict)"
        console.print(f"[bold red]✗[/] {root.as_posix()}: {counts}; fix the {what} above and run again")
        raise typer.Exit(EXIT_PROBLEMS)
    assert result.summary is not None
    size = result.summary
    summary = f"{size.events} events, {size.participants} participants, {size.registrations} registrations"
    _info(f"[bold green]✓[/] {root.as_posix()}: {summary}; {counts}", console=console)


@app.command("list")
def list_events(
    project: ProjectOption = None,
    today: TodayOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="text, or json for scripts.")] = OutputFormat.text,
) -> None:
    """Show the modules and meetings: id, kind, dates, place and the next deadline."""
    from jstevents.outputs.listing import event_rows

    root = _root(project)
    rows = event_rows(_require(root, _day(today)), today=_day(today) or dt.date.today())
    if output is OutputFormat.json:
        import json

        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table("id", "kind", "dates", "place", "next deadline", title=f"Events in {root.as_posix()}")
    for row in rows:
        place = row["venue_name"] or ("online" if row["mode"] == "online" else "—")
        deadline = row["next_deadline"]
        table.add_row(
            row["id"],
            row["kind"],
            f"{row['start']} – {row['end']}",
            place,
            f"{deadline['at']} {deadline['title']}" if deadline else "—",
        )
    _stdout().print(table)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the schema to this file instead of printing it.")
    ] = None,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
            "-p",
            exists=True,
            file_okay=False,
            help="Write the schema into this project folder, as jstevents.schema.json (the file its "
            "YAML files name in their first line).",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the project files, for editors that complete and check YAML."""
    from jstevents.outputs.schema import SCHEMA_FILE, project_schema

    text = project_schema()
    if output is None and project is not None:
        output = project / SCHEMA_FILE
    if output is None:
        sys.stdout.write(text)
        return
    from jstevents.commands.files import write_text

    write_text(output, text)
    _info(f"Schema written to {output.as_posix()}")


def _asked(value: str | None, question: str, default: str) -> str:
    """An option's value; on a terminal, asked for when not given (off a terminal, the default)."""
    if value is not None:
        return value
    if _on_terminal():
        return str(typer.prompt(question, default=default))
    return default


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@app.command()
def init(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Folder for the new programme, made if missing [default: ./events, or $JSTEVENTS_PROJECT].",
            metavar="DIR",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The project's full title [asked on a terminal].", show_default=False)
    ] = None,
    organiser: Annotated[
        str | None,
        typer.Option("--organiser", help="The institution running it [asked on a terminal].", show_default=False),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", help="Time zone of all dates [default: Europe/Warsaw].", show_default=False),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Start a new programme: valid YAML files with comments in Polish, the schema and a .gitignore.

    The files hold one of everything (programme, venue, network, unit, participant, and a module
    with a registration), so that `validate` passes and `build` makes every document at once.
    Nothing is overwritten; on a terminal, the title, organiser and time zone are asked for.
    """
    from jstevents.commands import init as new_programme
    from jstevents.load.project import resolve_root

    root = folder if folder is not None else resolve_root(None)
    made = new_programme.init_project(
        root,
        title=_asked(title, "Project title", new_programme.DEFAULT_TITLE),
        organiser=_asked(organiser, "Organiser (as after 'realizowanego przez')", new_programme.DEFAULT_ORGANISER),
        timezone=_asked(timezone, "Time zone", new_programme.DEFAULT_TIMEZONE),
        today=_day(today) or dt.date.today(),
    )
    where = root.as_posix()
    _info(f"[bold green]✓[/] new programme in {_escape(where)}/: {len(made.files)} files")
    for path in made.files:
        _detail(f"  wrote {path.as_posix()}")
    if made.gitignore != "written":
        _info(f"  .gitignore: {'lines added' if made.gitignore == 'extended' else 'already has what it needs'}")
    _info(
        f"  module {new_programme.EVENT_ID} on {made.start}: dates, names and addresses are examples; "
        "the comments in the files say what each key means"
    )
    option = "" if folder is None else f" -p {_escape(where)}"
    _info(f"Next: jstevents validate{option}, then jstevents build{option}")


_URGENCY_STYLE = {
    "overdue": "bold red",
    "today": "red",
    "soon": "yellow",
    "upcoming": "cyan",
    "later": "",
    "closed": "dim",
}


def _period(value: str | None) -> int | None:
    if value is None:
        return None
    match = re.match(r"^\s*(\d{1,4})\s*([dw]?)\s*$", value, re.IGNORECASE)
    if not match:
        raise typer.BadParameter(f"{value!r} is not a period: write days or weeks, e.g. 14d or 2w")
    count, unit = int(match.group(1)), match.group(2).lower()
    return count * 7 if unit == "w" else count


@app.command()
def deadlines(
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="PERIOD",
            help="Only deadlines in the next PERIOD (14d, 2w), and the overdue ones.",
            callback=_period,
        ),
    ] = None,
    today: TodayOption = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when a deadline is overdue (for cron or CI).")] = False,
    output: Annotated[OutputFormat, typer.Option("--format", help="text, or json for scripts.")] = OutputFormat.text,
    project: ProjectOption = None,
) -> None:
    """Every deadline of the programme, soonest first, with days left, the event, what is due and whom to write to.

    A deadline is overdue from the day after it, and only while its event has not started;
    once the event is under way or over, a missed deadline is shown as closed and does not
    fail --check.
    """
    from jstevents.model.deadlines import programme_deadlines
    from jstevents.outputs.listing import due_rows

    day = _day(today) or dt.date.today()
    root = _root(project)
    loaded = _require(root, day)
    rows = due_rows(
        programme_deadlines(loaded.sorted_events()),
        today=day,
        contacts={c.id: c for c in loaded.programme.contacts},
        within=within,  # type: ignore[arg-type]
    )
    overdue = [row for row in rows if row["status"] == "overdue"]
    if output is OutputFormat.json:
        import json

        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        _info(
            f"No deadlines{f' in the next {within} day(s)' if within is not None else ''} (as of {day.isoformat()}).",
            console=_stdout(),
        )
    else:
        from rich.markup import escape
        from rich.table import Table

        scope = f"in the next {within} day(s)" if within is not None else "of the programme"
        table = Table(
            "due",
            "left",
            "status",
            "event",
            "what is due",
            "contact",
            title=f"Deadlines {scope} as of {day.isoformat()}",
        )
        for row in rows:
            contact = row["contact"]
            who = f"{contact['name']} <{contact['email']}>" if contact else "—"
            what = row["title"].removesuffix(f" – {row['event_title']}")  # the event has its own column
            table.add_row(
                row["at"].replace("T", " "),
                str(row["days_left"]),
                row["status"],
                row["event"],
                escape(what),
                escape(who),
                style=_URGENCY_STYLE[row["status"]] or None,
            )
        _stdout().print(table)
    if check and overdue:
        raise JsteventsError(
            f"{len(overdue)} deadline(s) overdue: {', '.join(row['id'] for row in overdue)}",
            hint="act on them (close the sign-up, remind the participants), or move the deadline in the event's file",
        )


new_app = typer.Typer(
    cls=TyperGroup,
    help="Add to the project: the next module or meeting, a participant, venue, unit, deadline or activity.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(new_app, name="new")

ModuleFromOption = Annotated[
    str,
    typer.Option(
        "--from", help="Id of the earlier module to start from.", autocompletion=_ids("events", kind="module")
    ),
]
MeetingFromOption = Annotated[
    str,
    typer.Option(
        "--from", help="Id of the earlier meeting to start from.", autocompletion=_ids("events", kind="meeting")
    ),
]
NumberOption = Annotated[
    int | None, typer.Option("--number", min=1, help="Number of the new event [default: the earlier one's + 1].")
]
StartOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--start",
        formats=["%Y-%m-%d"],
        help="First day of the new event [default: 4 weeks after the earlier one, the same weekday].",
    ),
]
IdOption = Annotated[
    str | None,
    typer.Option("--id", help="Id of the new event [default: the earlier id with the number or month moved on]."),
]


def _new_event(
    kind: str, source_id: str, number: int | None, start: dt.datetime | None, new_id: str | None, project: Path | None
) -> None:
    from jstevents.commands.files import create_text
    from jstevents.commands.lock import project_lock
    from jstevents.commands.new_event import plan_next_event
    from jstevents.load.project import load_project
    from jstevents.model.project import events_by_id

    root = _root(project)
    loaded = _require(root)
    [source] = events_by_id(loaded, [source_id])
    if source.kind.value != kind:
        raise JsteventsError(
            f"{source_id!r} is a {source.kind.value}, not a {kind}",
            hint=f"run `jstevents new {source.kind.value} --from {source_id}`",
        )
    plan = plan_next_event(loaded, source, number=number, start=_day(start), new_id=new_id)
    with project_lock(root, "new"):
        create_text(plan.path, plan.text)
    _detail(f"every date moved by {(plan.start - source.dates.start).days} day(s); changed:")
    for change in plan.changes:
        _detail(f"  {change}")
    numbers = ", ".join(
        part
        for part in (
            f"number {plan.number}" if plan.number is not None else "",
            f"communiqué {plan.communique}" if plan.communique is not None else "",
        )
        if part
    )
    _info(
        f"[bold green]✓[/] wrote {plan.path.as_posix()}: {plan.id}, {plan.start} – {plan.end}"
        f"{f' ({numbers})' if numbers else ''}; no registrations yet"
    )
    warn = _stderr()
    if plan.ordinal_unknown:
        warn.print(f"[yellow]note:[/] write the Polish ordinal of {plan.number} in `ordinal:` (marked TODO)")
    if plan.review:
        warn.print(
            "[yellow]note:[/] these texts name a date, month, year or the earlier number and were not "
            "changed; read them: " + ", ".join(plan.review)
        )
    # The project had no errors before (require_project), so any error now comes with the new file,
    # even when it is reported at the other event of an overlap.
    result = load_project(root)
    if result.errors:
        raise ProblemsInNewFile(plan.path, result.errors)


class ProblemsInNewFile(JsteventsError):
    def __init__(self, path: Path, problems: list[Any]) -> None:
        super().__init__(
            f"{path.as_posix()} was written but has {len(problems)} error(s)",
            hint="fix them in the file (see `jstevents validate`), or delete it",
        )
        self.problems = problems


@new_app.command("module")
def new_module(
    source: ModuleFromOption,
    number: NumberOption = None,
    start: StartOption = None,
    new_id: IdOption = None,
    project: ProjectOption = None,
) -> None:
    """Write the next module's file from an earlier module: every date moved, numbers bumped, no registrations."""
    _new_event("module", source, number, start, new_id, project)


@new_app.command("meeting")
def new_meeting(
    source: MeetingFromOption,
    number: NumberOption = None,
    start: StartOption = None,
    new_id: IdOption = None,
    project: ProjectOption = None,
) -> None:
    """Write the next network meeting's file from an earlier one: every date moved, numbers bumped."""
    _new_event("meeting", source, number, start, new_id, project)


def _values_of(field: str) -> Any:
    """A completion callback offering the values the model allows for `field` (a unit's kind, a diet)."""

    def complete(incomplete: str) -> list[str]:
        from jstevents.model.people import Diet, JSTKind

        values = [kind.value for kind in JSTKind] if field == "kind" else list(typing.get_args(Diet))
        return [value for value in values if value.startswith(incomplete)]

    return complete


IdOfNewOption = Annotated[
    str | None,
    typer.Option(
        "--id", help="Id of the new entry [default: made from the name, e.g. lucja-zolc].", show_default=False
    ),
]
EventOfNewOption = Annotated[
    str, typer.Option("--event", help="Id of the event to add it to.", autocompletion=_EVENTS, show_default=False)
]
ContactOption = Annotated[
    str | None,
    typer.Option(
        "--contact", help="Id of the programme's contact for it.", autocompletion=_CONTACTS, show_default=False
    ),
]
_MOMENT = ["%Y-%m-%d", "%Y-%m-%d %H:%M"]


def _new_entry(kind: str, project: Path | None, item: dict[str, Any], event: str | None = None) -> None:
    from jstevents.commands.new_entry import add_entry

    made = add_entry(_require(_root(project)), kind, item, event_id=event)
    into = f"{made.path.as_posix()}:{made.line}" + (" (a new file)" if made.created else "")
    _info(f"[bold green]✓[/] added {kind} {_escape(made.id)} to {_escape(into)}; the project still validates")
    _info("  the keys left commented out are optional: fill them in or leave them")


@new_app.command("participant")
def new_participant(
    name: Annotated[str, typer.Option("--name", help='First name and surname, e.g. "Anna Nowak".', show_default=False)],
    unit: Annotated[
        str, typer.Option("--unit", help="Id of the person's unit (JST).", autocompletion=_UNITS, show_default=False)
    ],
    email: Annotated[str, typer.Option("--email", help="E-mail address.", show_default=False)],
    role: Annotated[str | None, typer.Option("--role", help="Job title.", show_default=False)] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone number.", show_default=False)] = None,
    network: Annotated[
        str | None,
        typer.Option("--network", help="Id of the person's network.", autocompletion=_NETWORKS, show_default=False),
    ] = None,
    diet: Annotated[
        str | None, typer.Option("--diet", help="wegetariańska, wegańska …", autocompletion=_values_of("diet"))
    ] = None,
    new_id: IdOfNewOption = None,
    project: ProjectOption = None,
) -> None:
    """Append a participant to participants.yaml, its id made from the name ("Łucja Żółć" → lucja-zolc)."""
    item = {"id": new_id, "name": name, "unit": unit, "email": email}
    _new_entry("participant", project, {**item, "role": role, "phone": phone, "network": network, "diet": diet})


@new_app.command("venue")
def new_venue(
    name: Annotated[str, typer.Option("--name", help='Name, e.g. "Hotel Holiday Park".', show_default=False)],
    street: Annotated[str, typer.Option("--street", help='Street and number, e.g. "ul. Heroldów 1B".')],
    postcode: Annotated[str, typer.Option("--postcode", help="Postal code, 00-000.", show_default=False)],
    city: Annotated[str, typer.Option("--city", help="Town or city.", show_default=False)],
    name_locative: Annotated[
        str | None, typer.Option("--name-locative", help='Name after "w": "hotelu Holiday Park".')
    ] = None,
    city_locative: Annotated[str | None, typer.Option("--city-locative", help='City after "w": "Warszawie".')] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone number.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="E-mail address.")] = None,
    capacity: Annotated[int | None, typer.Option("--capacity", min=1, help="How many people it holds.")] = None,
    new_id: IdOfNewOption = None,
    project: ProjectOption = None,
) -> None:
    """Append a venue to venues.yaml, its id made from the name."""
    address = {"street": street, "postcode": postcode, "city": city}
    names = {"id": new_id, "name": name, "name_locative": name_locative, "city_locative": city_locative}
    rest = {"phone": phone, "email": email, "parking": None, "public_transport": None, "capacity": capacity}
    _new_entry("venue", project, {**names, **address, **rest})


@new_app.command("unit")
def new_unit(
    name: Annotated[str, typer.Option("--name", help='Official name, e.g. "Miasto Kalisz".', show_default=False)],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help='"gmina wiejska", "gmina miejsko-wiejska", "gmina miejska" or "powiat".',
            autocompletion=_values_of("kind"),
            show_default=False,
        ),
    ],
    voivodeship: Annotated[str, typer.Option("--voivodeship", help='e.g. "śląskie".', show_default=False)],
    network: Annotated[
        str | None, typer.Option("--network", help="Id of the unit's network.", autocompletion=_NETWORKS)
    ] = None,
    mentor: Annotated[
        str | None, typer.Option("--mentor", help="Id of its expert mentor.", autocompletion=_ids("experts"))
    ] = None,
    new_id: IdOfNewOption = None,
    project: ProjectOption = None,
) -> None:
    """Append a local-government unit (JST) to units.yaml, its id made from the name."""
    item = {"id": new_id, "name": name, "kind": kind, "voivodeship": voivodeship}
    _new_entry("unit", project, {**item, "network": network, "mentor": mentor})


@new_app.command("deadline")
def new_deadline(
    event: EventOfNewOption,
    title: Annotated[str, typer.Option("--title", help='What is due, e.g. "Potwierdzenie udziału".')],
    at: Annotated[dt.datetime, typer.Option("--at", formats=_MOMENT, help="YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")],
    contact: ContactOption = None,
    new_id: IdOfNewOption = None,
    project: ProjectOption = None,
) -> None:
    """Append a deadline to an event's deadlines:, its id made from the title."""
    from jstevents.commands.new_entry import moment

    item = {"id": new_id, "title": title, "at": moment(at), "contact": contact}
    _new_entry("deadline", project, item, event)


@new_app.command("activity")
def new_activity(
    event: EventOfNewOption,
    title: Annotated[str, typer.Option("--title", help='What it is, e.g. "spacer po Starówce".')],
    date: Annotated[dt.datetime, typer.Option("--date", formats=["%Y-%m-%d"], help="Its day, YYYY-MM-DD.")],
    time: Annotated[str, typer.Option("--time", help='When it starts, e.g. "18:30".')],
    deadline: Annotated[
        dt.datetime, typer.Option("--deadline", formats=_MOMENT, help="Last day (and time) to sign up for it.")
    ],
    contact: Annotated[
        str | None,
        typer.Option(
            "--contact",
            help="Id of the contact taking sign-ups [default: the programme's first].",
            autocompletion=_CONTACTS,
            show_default=False,
        ),
    ] = None,
    when: Annotated[
        str | None, typer.Option("--when", help='e.g. "na zakończenie pierwszego dnia szkoleniowego".')
    ] = None,
    departure: Annotated[str | None, typer.Option("--departure", help='e.g. "Wyjście spod hotelu".')] = None,
    new_id: IdOfNewOption = None,
    project: ProjectOption = None,
) -> None:
    """Append an optional activity to an event's activities:, its id made from the title."""
    from jstevents.commands.new_entry import moment

    item = {"id": new_id, "title": title, "date": date.date().isoformat(), "time": time, "when": when}
    signup = {"deadline": moment(deadline), "contact": contact}
    _new_entry("activity", project, {**item, "departure": departure, **signup}, event)


def _choices(name: str, values: Any) -> Any:
    """An Enum of `values` for typer's choices, made from the output registry so that they never drift.

    Made at run time, so mypy cannot check it as a type: the parameters using one say so.
    """
    return Enum(name, {value: value for value in values}, type=str)


RosterKind = _choices("RosterKind", [o.name for o in outputs("lists")])
RosterFormat = _choices("RosterFormat", sorted({f for o in outputs("lists") for f in o.formats}))
_ATTENDANCE, _PDF = RosterKind("attendance"), RosterFormat("pdf")


@app.command()
def attendees(
    event: Annotated[str, typer.Argument(help="Event id, e.g. modul-3.", autocompletion=_EVENTS)],
    kind: Annotated[RosterKind, typer.Option("--kind", "-k", help="Which list.")] = _ATTENDANCE,  # type: ignore[valid-type]
    fmt: Annotated[RosterFormat, typer.Option("--format", "-f", help="File format.")] = _PDF,  # type: ignore[valid-type]
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File or folder to write [default: ./EVENT-KIND.FORMAT].")
    ] = None,
    delimiter: Annotated[str, typer.Option("--delimiter", help="CSV delimiter (\\t or tab for a tab).")] = ";",
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file even if jstevents did not write it.")
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Attendance sheet, rooming list, coach manifest, catering counts, contacts or activity sign-ups."""
    from jstevents.commands.attendees import write_roster

    loaded = _require(_root(project), events=[event])
    chosen, file_format = str(kind.value), str(fmt.value)  # type: ignore[attr-defined]
    path = write_roster(loaded, event, kind=chosen, fmt=file_format, output=output, delimiter=delimiter, force=force)
    _stderr().print(f"{chosen} list of {event} written to {path.as_posix()} (personal data: keep it private)")


@app.command("import-participants")
def import_participants(
    export: Annotated[Path, typer.Argument(help="The form export: a .csv (UTF-8, ; or ,) or .xlsx file.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")] = False,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help='Column headers: "email=Adres e-mail,unit=Gmina" or a YAML file of '
            "field: header [default: Polish headers, see docs/lists.md].",
        ),
    ] = None,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Merge the valid rows even if some rows are invalid.")
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Merge a registration-form export into participants.yaml, matching people by e-mail."""
    from rich.markup import escape

    from jstevents.commands.import_participants import apply_import, parse_columns, plan_import

    loaded = _require(_root(project))
    plan = plan_import(loaded, export, parse_columns(columns))
    console = _stdout()
    console.print(
        f"{escape(plan.export)} → {escape(plan.roster_file.as_posix())}: {len(plan.added)} to add, "
        f"{len(plan.changed)} to change, {len(plan.unchanged)} unchanged, {len(plan.problems)} invalid row(s)"
    )
    for person in plan.added:
        added = f"{person.id}: {person.name} <{person.email}> ({person.unit})"
        console.print(f"  + {escape(added)}")
    for change in plan.changed:
        what = "; ".join(f"{name}: {old!r} → {new!r}" for name, (old, new) in change.fields.items())
        console.print(f"  ~ {escape(change.participant.id)}: {escape(what)}")
    for problem in plan.problems:
        _stderr().print(f"  {escape(str(problem))}")
    if plan.problems and not skip_invalid:
        raise JsteventsError(
            f"{len(plan.problems)} row(s) of the export are invalid; nothing was written",
            hint="correct the export and run again, or pass --skip-invalid to merge only the valid rows",
        )
    if dry_run:
        console.print("Dry run: nothing written.")
        return
    if not plan.added and not plan.changed:
        console.print("Nothing to change.")
        return
    backup = apply_import(loaded, plan)
    kept = f"; the previous version is in {backup.as_posix()}" if backup else ""
    console.print(f"Written {plan.roster_file.as_posix()}{escape(kept)}")


@app.command()
def calendar(
    events: Annotated[list[str] | None, _events_argument("Event ids to include (default: every event).")] = None,
    network: Annotated[
        str | None, typer.Option("--network", help="Only the events of this network (id).", autocompletion=_NETWORKS)
    ] = None,
    participant: Annotated[
        str | None,
        typer.Option(
            "--participant",
            help="Only the events this participant (id) is registered for, and the deadlines still theirs to meet.",
            autocompletion=_PARTICIPANTS,
        ),
    ] = None,
    no_deadlines: Annotated[bool, typer.Option("--no-deadlines", help="Leave the deadlines out.")] = False,
    per_day: Annotated[bool, typer.Option("--per-day", help="One entry per day instead of one per event.")] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the .ics to this file instead of printing it.", dir_okay=False),
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Write an iCalendar (.ics) file of modules, meetings and deadlines for Outlook, Google, Apple, Thunderbird."""
    from jstevents.commands.calendar import calendar_file, check_overwrite

    model = _require(_root(project))
    if output is not None:
        check_overwrite(output)
    data = calendar_file(
        model, events or [], network=network, participant=participant, deadlines=not no_deadlines, per_day=per_day
    )
    _emit(data, output, "Calendar", private=participant is not None)


CommuniqueFormat = _choices("CommuniqueFormat", OUTPUTS["communique"].formats)
_MARKDOWN = CommuniqueFormat("md")


@app.command()
def communique(
    event: Annotated[
        str, typer.Argument(help="Event id, e.g. modul-3 (see `jstevents list`).", autocompletion=_EVENTS)
    ],
    output_format: Annotated[
        CommuniqueFormat,  # type: ignore[valid-type]
        typer.Option("--format", "-f", help="md, html (an e-mail body), txt (72 columns) or eml (a whole e-mail)."),
    ] = _MARKDOWN,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of printing it.")
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Write the communiqué ("Komunikat nr N") of one event from the YAML.

    eml is a ready-to-send message (text and HTML, the event's .ics attached); without -o it is
    written to stdout as bytes.
    """
    from jstevents.commands.documents import render_document

    loaded = _require(_root(project), events=[event])
    chosen = str(output_format.value)  # type: ignore[attr-defined]
    _emit(render_document(loaded, event, "communique", chosen), output, "Communiqué")


NewsFormat = _choices("NewsFormat", OUTPUTS["news"].formats)
_NEWS_MARKDOWN = NewsFormat("md")

_NEWS_HELP = """Write the report of an event ("relacja") for the programme's website, from its data.

What took place, where and when; the aims, the agenda with its points, the JST that took part
grouped by kind (from the recorded attendance, else units_attending), the evaluation survey
(`survey import`), the next meeting and the funding sentence; the event's `report:` adds a
headline, an opening, a closing remark and photographs. With -o, the photographs are copied
beside the file, into zdjecia/. Also called `jstevents relacja`.
"""


def news(
    event: Annotated[
        str, typer.Argument(help="Event id, e.g. siec-2018-10 (see `jstevents list`).", autocompletion=_EVENTS)
    ],
    output_format: Annotated[
        NewsFormat,  # type: ignore[valid-type]
        typer.Option(
            "--format", "-f", help="md, html (a page of its own), fragment (HTML to paste into a CMS) or txt."
        ),
    ] = _NEWS_MARKDOWN,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (photographs beside it) instead of printing it."),
    ] = None,
    project: ProjectOption = None,
    today: TodayOption = None,
) -> None:
    from rich.markup import escape

    from jstevents.commands.news import write_news

    loaded = _require(_root(project), events=[event])
    chosen = str(output_format.value)  # type: ignore[attr-defined]
    written = write_news(loaded, event, chosen, output, today=_day(today) or dt.date.today())
    if written.early:
        _stderr().print(f"[yellow]note:[/] {escape(event)} has not ended yet; the report speaks of it in the past")
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(written.data)
        sys.stdout.buffer.flush()
        if written.not_copied:
            _stderr().print(
                f"[yellow]note:[/] the report shows {written.not_copied} photograph(s) from zdjecia/; "
                "write it with -o to copy them beside it"
            )
        return
    kept = f"; the previous, different file is kept as {written.backup.as_posix()}" if written.backup else ""
    photos = (
        f", {len(written.photos)} photograph(s) in {(output.parent / 'zdjecia').as_posix()}/" if written.photos else ""
    )
    _info(escape(f"Report written to {output.as_posix()}{photos}{kept}"))
    for backup in written.photo_backups:
        _info(escape(f"A different file was where a photograph goes: kept as {backup.as_posix()}"))


app.command("news", help=_NEWS_HELP)(news)
app.command("relacja", help="The report of an event: the same as `jstevents news`.", hidden=True)(news)


def _emit(data: bytes, output: Path | None, what: str, *, private: bool = False) -> None:
    """Print a document to stdout, or write it to `output` keeping a hand-edited earlier version."""
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from jstevents.commands.files import replace_keeping_backup

    backup = replace_keeping_backup(output, data, private=private)
    kept = f"; the previous, different file is kept as {backup.as_posix()}" if backup else ""
    _info(f"{what} written to {output.as_posix()}{kept}")


WasOption = Annotated[
    str | None,
    typer.Option(
        "--was",
        metavar="OLD-ID",
        help="The event's id at the time of the mail-out, when it has been renamed since.",
    ),
]


@app.command()
def changes(
    event: Annotated[
        str, typer.Argument(help="Event id, e.g. modul-3 (see `jstevents list`).", autocompletion=_EVENTS)
    ],
    was: WasOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="text, or json for scripts.")] = OutputFormat.text,
    project: ProjectOption = None,
) -> None:
    """What changed for each person since they were mailed about the event: old → new, in Polish.

    Compares what each message of `jstevents mail` stated (the dry run's too) with the YAML now,
    grouped into the event's changes and the person's own. Nothing changed: says so, exit 0.
    """
    from rich.markup import escape

    from jstevents.commands.changes import compare, report_json

    loaded = _require(_root(project))  # every event: a renamed one is found by what is missing
    report = compare(loaded, event, was=was)
    if output is OutputFormat.json:
        import json

        typer.echo(json.dumps(report_json(report), ensure_ascii=False, indent=2))
        return
    out = _stdout()
    if not report.affected:
        out.print(f"{escape(event)}: nothing changed for the {report.told} people told about it.")
    else:
        out.print(f"{escape(event)}: {len(report.affected)} of the {report.told} people told about it are affected.")
    for person in report.affected:
        out.print(f"\n[bold]{escape(person.name)}[/] ({escape(person.participant)})")
        if person.withdrawn:
            out.print("  no longer registered: gets a cancellation")
        for title, group in (("wspólne", person.shared), ("osobiste", person.personal)):
            for change in group:
                out.print(f"  {title}: {escape(change.label)}: {escape(change.old)} → {escape(change.new)}")
    if report.never_told:
        out.print(
            f"\n{len(report.never_told)} registered people were never mailed about {escape(event)} "
            f"({escape(', '.join(report.never_told[:5]))}{' …' if len(report.never_told) > 5 else ''}): "
            f"send them the communiqué with jstevents mail {escape(event)} --to participant:ID"
        )
    if report.affected:
        out.print(f"\nTo tell them: jstevents mail {escape(event)} --changes (a dry run first; then add --send)")


survey_app = typer.Typer(
    cls=TyperGroup,
    help="The evaluation survey of an event: its answers summarised for the report.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(survey_app, name="survey")


@survey_app.command("import")
def survey_import(
    event: Annotated[str, typer.Argument(help="Event id, e.g. siec-2018-10.", autocompletion=_EVENTS)],
    export: Annotated[Path, typer.Argument(help="The form export: a .csv (UTF-8, ; or ,) or .xlsx file.")],
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="For an .xlsx file: the sheet to read [default: the first].")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the summary; write nothing.")] = False,
    project: ProjectOption = None,
) -> None:
    """Read an evaluation-form export and keep its summary (respondents, mean and distribution per question).

    The questions, the scale, answers given in words and the free-text columns are set once in
    the programme's `survey:`. The summary goes to .jstevents/survey-EVENT.json, where `news`
    and `build` read it; free-text answers go beside it, kept out of git.
    """
    from rich.markup import escape

    from jstevents.commands.survey import import_survey, summary_lines

    loaded = _require(_root(project), events=[event])
    done = import_survey(loaded, event, export, sheet=sheet, dry_run=dry_run)
    console = _stdout()
    for line in summary_lines(done.summary, export.as_posix()):
        console.print(escape(line))
    if dry_run:
        console.print("Dry run: nothing written.")
        return
    replaced = (
        " (replacing the earlier summary"
        + (f" of {escape(done.replaced.source)})" if done.replaced and done.replaced.source else ")")
        if done.replaced
        else ""
    )
    _info(f"Summary written to {escape(done.path.as_posix())}{replaced}")
    if done.free_text_path is not None:
        _info(
            f"{done.free_texts} free-text answer(s) kept in {escape(done.free_text_path.as_posix())} "
            "(may name people: not for the report, kept out of git)"
        )


class SmtpSecurity(str, Enum):
    none = "none"
    starttls = "starttls"
    ssl = "ssl"


@app.command()
def mail(
    event: Annotated[
        str, typer.Argument(help="Id of the event whose communiqué is mailed, e.g. modul-3.", autocompletion=_EVENTS)
    ],
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Recipients among those registered: all, network:ID, unit:ID or participant:ID.",
            autocompletion=_recipients,
        ),
    ] = "all",
    send: Annotated[
        bool, typer.Option("--send", help="Really send over SMTP; without it, only .eml files are written.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Send at most N messages in this run.")] = None,
    rate: Annotated[float, typer.Option("--rate", min=0.1, help="At most N messages a minute.")] = 30.0,
    outbox: Annotated[
        Path | None,
        typer.Option("--outbox", file_okay=False, help="Folder for the dry run's .eml (default: ../outbox/EVENT)."),
    ] = None,
    smtp_host: Annotated[
        str | None, typer.Option("--smtp-host", help="SMTP server (default: programme.mail in YAML).")
    ] = None,
    smtp_port: Annotated[
        int | None, typer.Option("--smtp-port", min=1, max=65535, help="Port (default: 587; 465 for ssl, 25 for none).")
    ] = None,
    smtp_security: Annotated[
        SmtpSecurity | None,
        typer.Option("--smtp-security", help="none, starttls or ssl (default: programme.mail, else starttls)."),
    ] = None,
    smtp_user: Annotated[
        str | None,
        typer.Option("--smtp-user", help="Login; the password comes from $JSTEVENTS_SMTP_PASSWORD or a prompt."),
    ] = None,
    insecure: Annotated[
        bool,
        typer.Option(
            "--insecure",
            help="Do not verify the server's TLS certificate (test servers only; never allows a password in clear).",
        ),
    ] = False,
    smtp_timeout: Annotated[
        float,
        typer.Option(
            "--smtp-timeout",
            min=1,
            help="Seconds to wait for each reply of the server; one message (or connecting and logging in) "
            "may take 4 times this in all.",
        ),
    ] = 30.0,
    retry_uncertain: Annotated[
        bool,
        typer.Option(
            "--retry-uncertain",
            help="Send again the messages whose delivery is uncertain (sent, never confirmed): only after "
            "checking with the server's log or the people that they did not arrive.",
        ),
    ] = False,
    certificates: Annotated[
        bool,
        typer.Option(
            "--certificates",
            help="Mail each person their own certificate with a short letter instead (a campaign with its own "
            "outbox and journal).",
        ),
    ] = False,
    changes: Annotated[
        bool,
        typer.Option(
            "--changes",
            help='Mail only an update ("Komunikat nr N – zmiana: …") to each person affected by a change since '
            "they were mailed (see `jstevents changes`); a cancellation to a withdrawn registration.",
        ),
    ] = False,
    was: WasOption = None,
    project: ProjectOption = None,
) -> None:
    """Mail the event's communiqué: one personal message per registered participant.

    Without --send, writes one .eml per recipient into the outbox and sends nothing.

    With --send, accepted messages go into the project's send journal: a stopped run can simply be repeated.

    With --changes, the same for updates: only the people affected, each told only their change.
    """

    from rich.markup import escape

    from jstevents.commands.mail.outbox import dry_run
    from jstevents.commands.mail.recipients import select_recipients
    from jstevents.commands.mail.smtp import SmtpSettings
    from jstevents.commands.told import read_told, record_previews
    from jstevents.model.project import events_by_id

    if was is not None and not changes:
        raise typer.BadParameter("--was goes with --changes", param_hint="--was")
    # With --changes every event is loaded: a renamed one is found by what is missing.
    loaded = _require(_root(project), events=None if changes else [event])
    (chosen,) = events_by_id(loaded, [event])

    def smtp_settings() -> SmtpSettings:
        """The server to send through: the command line over `programme.mail`, checked, with the password."""
        defaults = loaded.programme.mail
        settings = SmtpSettings(
            host=smtp_host or defaults.smtp_host,
            port=smtp_port or defaults.smtp_port,
            security=(smtp_security.value if smtp_security else defaults.smtp_security),
            user=smtp_user or defaults.smtp_user,
            insecure=insecure,
            timeout=smtp_timeout,
        )
        settings.check()
        if settings.user:
            settings.password = _smtp_password(settings, host_on_command_line=smtp_host is not None)
        if insecure:
            _stderr().print(
                "[yellow]warning:[/] --insecure: the server's TLS certificate is NOT verified; "
                "use this only with a test server"
            )
        return settings

    if certificates:
        if to != "all":
            raise typer.BadParameter("certificates go to everyone who has one; leave --to out", param_hint="--to")
        _mail_certificates(
            loaded,
            chosen,
            smtp_settings() if send else None,
            outbox=outbox,
            rate=rate,
            limit=limit,
            retry_uncertain=retry_uncertain,
        )
        return
    out = _stdout()
    report = only = None
    if changes:
        from jstevents.commands.changes import compare

        report = compare(loaded, event, was=was)
        only = None if to.strip() == "all" else {p.id for p in select_recipients(loaded, chosen, to)}
        affected = [p for p in report.affected if only is None or p.participant in only]
        if not affected:
            out.print(
                f"{escape(event)}: nothing changed for the {report.told} people told about it; no update to send."
            )
            return
        if not send:
            _mail_updates_preview(loaded, chosen, report, only, outbox)
            return
    else:
        recipients = select_recipients(loaded, chosen, to)
        read_told(loaded.root, chosen.id)  # a record this version cannot read stops the run before anything is written
    if not send:
        preview = dry_run(loaded, chosen, recipients, outbox=outbox)
        record_previews(loaded, chosen, preview.recipients)
        out.print(
            f"Dry run: {len(preview.files)} message(s) written to {escape(preview.outbox.as_posix())}; "
            "nothing was sent."
        )
        out.print(f"  recipients: {len(preview.recipients)} registered for {escape(chosen.id)} (--to {escape(to)})")
        out.print(f"  subject:    {escape(preview.subject)}")
        out.print(f"  attachment: {escape(', '.join(preview.attachments) or '—')}")
        if preview.already_sent:
            out.print(f"  already sent (in the journal): {len(preview.already_sent)}; --send skips them")
        if preview.stale:
            out.print(f"  note: {len(preview.stale)} other .eml file(s) in the outbox are left from an earlier run")
        out.print(f"To send: jstevents mail {escape(chosen.id)} --send (add --limit 1 for a test send first)")
        return

    settings = smtp_settings()
    if report is not None:
        _mail_send(
            loaded,
            chosen,
            [],
            settings,
            rate=rate,
            limit=limit,
            retry_uncertain=retry_uncertain,
            updates=(report, only),
        )
    else:
        _mail_send(loaded, chosen, recipients, settings, rate=rate, limit=limit, retry_uncertain=retry_uncertain)


def _smtp_password(settings: Any, *, host_on_command_line: bool) -> str:
    """The SMTP password: from the environment for a host the coordinator named or confirmed, else asked for.

    The host may come from the project's YAML, which anyone's merged change can alter: the
    password in the environment goes to it only after a yes at the keyboard.
    """
    import os

    from jstevents.commands.mail.smtp import PASSWORD_ENV
    from jstevents.errors import MailSettingsError

    password = os.environ.get(PASSWORD_ENV)
    if password and not host_on_command_line:
        where = f"{settings.host}:{settings.effective_port}"
        try:
            confirmed = typer.confirm(
                f"Send the password from ${PASSWORD_ENV} to {where} (programme.mail in the project's YAML)?",
                default=False,
            )
        except typer.Abort:  # no answer: nothing to read from (CI, a script)
            confirmed = False
        if not confirmed:
            raise MailSettingsError(
                f"the password was not sent to {where}",
                hint=f"name the server on the command line (--smtp-host HOST) to use ${PASSWORD_ENV} without asking",
            )
    return password or typer.prompt(f"SMTP password for {settings.user} at {settings.host}", hide_input=True)


def _mail_certificates(
    loaded: Any,
    event: Any,
    settings: Any,
    *,
    outbox: Path | None,
    rate: float,
    limit: int | None,
    retry_uncertain: bool,
) -> None:
    from rich.markup import escape

    from jstevents.commands.mail import certificates as campaign

    out = _stdout()
    if settings is None:
        preview = campaign.dry_run(loaded, event, outbox=outbox)
        out.print(
            f"Dry run: {len(preview.files)} certificate message(s) written to {escape(preview.outbox.as_posix())}; "
            "nothing was sent."
        )
        if preview.already_sent:
            out.print(f"  already sent (in the journal): {len(preview.already_sent)}; --send skips them")
        out.print(f"To send: jstevents mail {escape(event.id)} --certificates --send")
        return
    _mail_send(loaded, event, [], settings, rate=rate, limit=limit, retry_uncertain=retry_uncertain, certificates=True)


def _mail_updates_preview(loaded: Any, event: Any, report: Any, only: Any, outbox: Path | None) -> None:
    from rich.markup import escape

    from jstevents.commands.mail.updates import dry_run_updates

    preview = dry_run_updates(loaded, event, report, only=only, outbox=outbox)
    out = _stdout()
    out.print(
        f"Dry run: {len(preview.files)} update(s) written to {escape(preview.outbox.as_posix())}; nothing was sent."
    )
    out.print(f"  affected: {len(preview.files)} of the {report.told} people told about {escape(event.id)}")
    for pid, title in preview.subjects:
        out.print(f"  {escape(pid)}: {escape(title)}")
    if preview.stale:
        out.print(f"  note: {len(preview.stale)} other .eml file(s) in the outbox are left from an earlier run")
    out.print(f"To send: jstevents mail {escape(event.id)} --changes --send")


def _mail_send(
    loaded: Any,
    event: Any,
    recipients: list[Any],
    settings: Any,
    *,
    rate: float,
    limit: int | None,
    retry_uncertain: bool = False,
    updates: tuple[Any, Any] | None = None,
    certificates: bool = False,
) -> None:
    import signal

    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from jstevents.commands.mail.send import send
    from jstevents.commands.told import recording_sends

    err, out = _stderr(), _stdout()
    stop: list[bool] = []

    def on_interrupt(signum: int, frame: Any) -> None:
        if stop:
            raise KeyboardInterrupt
        stop.append(True)
        err.print("[yellow]Stopping after the current message…[/] (Ctrl-C again to stop at once)")

    progress = Progress(
        TextColumn("Sending"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeRemainingColumn(),
        console=err,
        transient=False,
        disable=SETTINGS.quiet,
    )
    task = progress.add_task("", total=None)

    def on_start(total: int) -> None:
        progress.update(task, total=total)
        progress.start()

    def on_result(outcome: Any) -> None:
        progress.update(task, advance=1, description=f"{outcome.status} {outcome.participant.id}")
        if outcome.status == "sent":
            told(outcome.participant)

    options = dict(
        smtp=settings,
        rate=rate,
        limit=limit,
        retry_uncertain=retry_uncertain,
        on_start=on_start,
        should_stop=lambda: bool(stop),
    )
    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        if updates is not None:
            from jstevents.commands.mail.updates import send_updates

            def on_update(outcome: Any) -> None:
                shown = outcome.participant.id.partition("~")[0]
                progress.update(task, advance=1, description=f"{outcome.status} {shown}")

            changes, only = updates
            report = send_updates(loaded, event, changes, only=only, on_result=on_update, **options)
        elif certificates:
            from jstevents.commands.mail import certificates as campaign

            report = campaign.send(
                loaded,
                event,
                on_result=lambda o: progress.update(task, advance=1, description=f"{o.status} {o.participant.id}"),
                **options,
            )
        else:
            with recording_sends(loaded, event) as told:
                report = send(loaded, event, recipients, on_result=on_result, **options)
    finally:
        progress.stop()
        signal.signal(signal.SIGINT, previous)

    unsure = len(report.uncertain) + len(report.held)
    out.print(
        f"Sent {len(report.sent)}, skipped {len(report.skipped)} (already sent), failed {len(report.failed)}, "
        + (f"uncertain {unsure}, " if unsure else "")
        + f"not sent in this run {len(report.not_attempted)}; journal: {escape(report.journal.as_posix())}"
    )
    if report.torn:
        lines = ", ".join(str(n) for n in report.torn)
        out.print(
            f"[yellow]note:[/] the journal has {len(report.torn)} line(s) that are not a whole entry "
            f"(line {lines}: a run stopped while writing); they were skipped"
        )
    for outcome in report.failed:
        p = outcome.participant
        out.print(f"  [red]failed[/] {escape(p.id.partition('~')[0])} <{escape(p.email)}>: {escape(outcome.reply)}")
    for outcome in report.uncertain + report.held:
        p = outcome.participant
        why = escape(outcome.reply) or "a run stopped while the message was going out"
        out.print(f"  [yellow]uncertain[/] {escape(p.id.partition('~')[0])} <{escape(p.email)}>: {why}")
    if unsure:
        out.print(
            "Uncertain messages went out but the server never confirmed them: they may have arrived. They are not "
            "sent again; check the server's log or ask the people, then send those that did not arrive with "
            "--retry-uncertain (and --to participant:ID for one)."
        )
    if report.stopped:
        out.print(f"[yellow]Stopped:[/] {escape(report.stopped)}")
    if report.failed or report.not_attempted:
        out.print("Run the same command again to send what is left; already sent messages are skipped.")
    if report.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    if report.failed or report.stopped or unsure:
        raise typer.Exit(EXIT_PROBLEMS)


attendance_app = typer.Typer(
    cls=TyperGroup,
    help="After an event: record who was present on which day, and summarise completion.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(attendance_app, name="attendance")


@attendance_app.command("record")
def attendance_record(
    event: Annotated[str, typer.Argument(help="Event id, e.g. modul-3.", autocompletion=_EVENTS)],
    source: Annotated[
        Path,
        typer.Option(
            "--from",
            help="The filled attendance sheet (.xlsx or .csv, as `attendees -k attendance` writes it), another "
            "table, or a meeting platform's participant report (join and leave times).",
        ),
    ],
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            help='Headers of another layout: "name=Uczestnik,unit=Gmina,2017-08-21=Dzień 1" (fields: id, name, '
            "email, unit, join, leave, and days as YYYY-MM-DD).",
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")] = False,
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Record the valid rows even if some rows are invalid.")
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Record who was present on which day (`attended:` of each registration) from a filled sheet or report."""
    from rich.markup import escape

    from jstevents.commands.attendance import apply_attendance, plan_attendance
    from jstevents.commands.attendance_file import parse_columns

    loaded = _require(_root(project))
    plan = plan_attendance(loaded, event, source, parse_columns(columns))
    console = _stdout()
    console.print(
        f"{escape(plan.recorded.file)} → {escape(plan.file.as_posix())} ({escape(event)}): "
        f"{len(plan.changes)} to record, {plan.unchanged} unchanged, {len(plan.missing)} not in the file "
        f"(recorded absent), {len(plan.problems)} problem(s)"
    )
    for change in plan.changes:
        console.print(f"  ~ {escape(change.describe())}")
    for problem in plan.problems:
        _stderr().print(f"  {escape(str(problem))}")
    if plan.problems and not skip_invalid:
        raise JsteventsError(
            f"{len(plan.problems)} problem(s) in {plan.recorded.file}; nothing was written",
            hint="correct the file and run again, or pass --skip-invalid to record only the valid rows",
        )
    if dry_run:
        console.print("Dry run: nothing written.")
        return
    if not plan.changes:
        console.print("Nothing to change.")
        return
    apply_attendance(loaded, plan)
    console.print(f"Written {escape(plan.file.as_posix())}")


@attendance_app.command("summary")
def attendance_summary(
    event: Annotated[str, typer.Argument(help="Event id, e.g. modul-3.", autocompletion=_EVENTS)],
    fmt: Annotated[RosterFormat, typer.Option("--format", "-f", help="File format.")] = _PDF,  # type: ignore[valid-type]
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File or folder to write [default: ./EVENT-completion.FORMAT]."),
    ] = None,
    delimiter: Annotated[str, typer.Option("--delimiter", help="CSV delimiter (\\t or tab for a tab).")] = ";",
    force: Annotated[
        bool, typer.Option("--force", help="Replace the output file even if jstevents did not write it.")
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Per person the days present, hours, share and completed yes/no, per JST and in total."""
    from jstevents.commands.attendees import write_roster

    loaded = _require(_root(project), events=[event])
    file_format = str(fmt.value)  # type: ignore[attr-defined]
    path = write_roster(
        loaded, event, kind="completion", fmt=file_format, output=output, delimiter=delimiter, force=force
    )
    _stderr().print(f"attendance summary of {event} written to {path.as_posix()} (personal data: keep it private)")


class _CertificatesGroup(TyperGroup):
    """`jstevents certificates EVENT` is `jstevents certificates issue EVENT`: the sub-command may be left out."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if any(a not in ("-h", "--help") for a in args) and not any(a in self.commands for a in args):
            args = ["issue", *args]
        return super().parse_args(ctx, args)


certificates_app = typer.Typer(
    cls=_CertificatesGroup,
    help="Certificates (zaświadczenia) after an event: issue them (`certificates EVENT`), verify, revoke.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(certificates_app, name="certificates")


@certificates_app.command("issue")
def certificates_issue(
    event: Annotated[str, typer.Argument(help="Event id, e.g. modul-3.", autocompletion=_EVENTS)],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder of the builds; the files go to <folder>/EVENT/zaswiadczenia/.",
            file_okay=False,
        ),
    ] = Path("build"),
    issued: Annotated[
        dt.datetime | None,
        typer.Option(
            "--issued", formats=["%Y-%m-%d"], help="Day of issue of new certificates [default: the event's last day]."
        ),
    ] = None,
    force: Annotated[
        list[str] | None,
        typer.Option(
            "--force",
            help="Issue a certificate to this participant (id) though they did not complete the event; the "
            "register says so. May be given more than once.",
            autocompletion=_PARTICIPANTS,
        ),
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Issue the certificates of an event: a PDF per person, one PDF of all, the register (XLSX, CSV)."""
    from rich.markup import escape

    from jstevents.commands.certificates import write_certificates

    loaded = _require(_root(project), events=[event])
    done = write_certificates(loaded, event, output, issued=issued.date() if issued else None, forced=force or [])
    out = _stdout()
    out.print(
        f"{len(done.issued)} certificate(s) of {escape(event)} ({len(done.new)} newly numbered) in "
        f"{escape(done.folder.as_posix())}/ (personal data: keep it private)"
    )
    for entry in done.new:
        out.print(f"  + {escape(entry.number)}: {escape(entry.participant)}" + (" (--force)" if entry.forced else ""))
    for line in done.refusals():
        out.print(f"  {escape(line)}")


@certificates_app.command("verify")
def certificates_verify(
    text: Annotated[str, typer.Argument(help="The certificate's number, or the text of its QR code (ZAS:…).")],
    project: ProjectOption = None,
) -> None:
    """Say whether a certificate is genuine: its number in the register, its QR code's digest matching."""
    from rich.markup import escape

    from jstevents.commands.certificates import verify

    loaded = _require(_root(project))
    verdict = verify(loaded, text)
    if verdict.genuine:
        _stdout().print(f"[green]✓[/] {escape(verdict.message)}")
        return
    _stdout().print(f"[bold red]✗ NOT VALID:[/] {escape(verdict.message)}")
    raise typer.Exit(EXIT_PROBLEMS)


@certificates_app.command("revoke")
def certificates_revoke(
    number: Annotated[str, typer.Argument(help="The number of the certificate, e.g. ORE/2017/modul-3/004.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, for the register.")] = "",
    project: ProjectOption = None,
    today: TodayOption = None,
) -> None:
    """Revoke a certificate: the register says so, verify rejects it, its number is never given again."""
    from rich.markup import escape

    from jstevents.commands.certificates import revoke

    loaded = _require(_root(project))
    entry = revoke(loaded, number, reason=reason, today=_day(today))
    _stdout().print(
        f"{escape(entry.number)} revoked on {entry.revoked}; write the files again with "
        f"`jstevents certificates {escape(entry.event)}`"
    )


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write.", dir_okay=False)] = Path(
        "raport.xlsx"
    ),
    project: ProjectOption = None,
) -> None:
    """The funder's workbook: per event registered, present per day, completed, certificates, by JST kind
    and voivodeship; per JST the events attended."""
    from jstevents.commands.report import write_report

    loaded = _require(_root(project))
    backup = write_report(loaded, output)
    kept = f"; the previous, different file is kept as {backup.as_posix()}" if backup else ""
    _info(f"Report written to {output.as_posix()}{kept}")


@app.command()
def build(
    events: Annotated[list[str] | None, _events_argument("Event ids to build (default: every event).")] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="Folder for the builds; each event gets <folder>/<event-id>/.", file_okay=False
        ),
    ] = Path("build"),
    project: ProjectOption = None,
    today: TodayOption = None,
) -> None:
    """Validate, then write every document of an event: communiqués, calendar, lists and an index.html."""
    from jstevents.commands.build import build_events, files_snapshot
    from jstevents.errors import ProjectInvalid
    from jstevents.load.project import load_project
    from jstevents.model.project import events_by_id

    root = _root(project)
    # Taken before the project is read: a file saved while the build reads it is caught.
    snapshot = files_snapshot(root, outside=[output])
    result = load_project(root, today=_day(today), events=events or None)
    if result.errors or result.project is None:
        raise ProjectInvalid(result.problems)
    for warning in result.warnings:
        _stderr().print(f"[yellow]{_escape(str(warning))}[/]")
    model = result.project
    _settled()
    chosen = events_by_id(model, events) if events else model.sorted_events()
    total = len(chosen)
    # The page across events lists what is built: it is written when every event is.
    overview = not events
    if SETTINGS.quiet or not sys.stderr.isatty():
        built = build_events(
            model, chosen, output, today=_day(today), warnings=result.warnings, overview=overview, snapshot=snapshot
        )
    else:
        from rich.progress import Progress

        with Progress(console=_stderr(), transient=True) as bar:
            task = bar.add_task("Building", total=None)
            built = build_events(
                model,
                chosen,
                output,
                today=_day(today),
                progress=lambda name: bar.update(task, description=f"Building {name}"),
                warnings=result.warnings,
                overview=overview,
                snapshot=snapshot,
            )
    for item in built:
        _detail(f"{item.folder.as_posix()}: " + ", ".join(f.path for f in item.files))
        _info(f"[green]✓[/] {item.event.id}: {len(item.files)} files in {item.folder.as_posix()}/")
    if total and overview:
        _info(f"Open {(output / 'index.html').as_posix()} to see every event at a glance.")
    elif total:
        first = built[0].folder / "index.html"
        _info(f"Open {first.as_posix()} to see {built[0].event.id} at a glance.")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
