"""The command line: parse arguments, call the library, print.

Library modules (and pydantic, Jinja2, icalendar, openpyxl, fpdf2 behind them)
are imported inside the commands, so that `jstevents --help` stays instant.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .problems import JsteventsError

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


def _stdout() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


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


# --- shared options ------------------------------------------------------------

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project", "-p",
        help="Project folder with the YAML files [default: ./events, or $JSTEVENTS_PROJECT].",
        envvar="JSTEVENTS_PROJECT", show_envvar=True, file_okay=False,
    ),
]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option("--today", formats=["%Y-%m-%d"], help="Reference date for 'already past' checks [default: today]."),
]


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


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
) -> None:
    """Communiqués, calendars, attendee lists and mail-outs for a JST training programme."""


def _root(project: Path | None) -> Path:
    from .project import resolve_root

    return resolve_root(project)


def _day(today: dt.datetime | None) -> dt.date | None:
    return today.date() if today else None


# --- commands -------------------------------------------------------------------


@app.command()
def validate(
    project: ProjectOption = None,
    today: TodayOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors (exit 1).")] = False,
    output: Annotated[OutputFormat, typer.Option("--format", help="text, or json for scripts.")] = OutputFormat.text,
) -> None:
    """Check every file of the project and report every problem at once as FILE:LINE:COL."""
    from .project import load_project

    root = _root(project)
    result = load_project(root, today=_day(today))
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if output is OutputFormat.json:
        typer.echo(json.dumps({
            "project": root.as_posix(),
            "ok": not failed,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "problems": [p.as_dict() for p in result.problems],
        }, ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)

    from rich.markup import escape

    console = _stdout()
    for problem in result.problems:
        colour = "red" if problem.severity == "error" else "yellow"
        text = escape(str(problem))
        location, _, rest = text.partition(": ")
        console.print(f"{location}: [{colour}]{rest}[/]")
    counts = f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)"
    if failed:
        what = "errors" if result.errors else "warnings (--strict)"
        console.print(f"[bold red]✗[/] {root.as_posix()}: {counts}; fix the {what} above and run again")
        raise typer.Exit(EXIT_PROBLEMS)
    assert result.project is not None
    summary = (
        f"{len(result.project.events)} events, {len(result.project.participants)} participants, "
        f"{sum(len(e.registrations) for e in result.project.events.values())} registrations"
    )
    console.print(f"[bold green]✓[/] {root.as_posix()}: {summary}; {counts}")


@app.command("list")
def list_events(
    project: ProjectOption = None,
    today: TodayOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="text, or json for scripts.")] = OutputFormat.text,
) -> None:
    """Show the modules and meetings: id, kind, dates, place and the next deadline."""
    from .listing import event_rows
    from .project import require_project

    root = _root(project)
    rows = event_rows(require_project(root, today=_day(today)), today=_day(today) or dt.date.today())
    if output is OutputFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table("id", "kind", "dates", "place", "next deadline", title=f"Events in {root.as_posix()}")
    for row in rows:
        place = row["venue_name"] or ("online" if row["mode"] == "online" else "—")
        deadline = row["next_deadline"]
        table.add_row(
            row["id"], row["kind"], f"{row['start']} – {row['end']}", place,
            f"{deadline['at']} {deadline['title']}" if deadline else "—",
        )
    _stdout().print(table)


@app.command()
def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the schema to this file instead of printing it.")
    ] = None,
) -> None:
    """Print the JSON Schema of the project files, for editors that complete and check YAML."""
    from .schema import project_schema

    text = project_schema()
    if output is None:
        sys.stdout.write(text)
        return
    from .files import write_text

    write_text(output, text)
    _stderr().print(f"Schema written to {output.as_posix()}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
