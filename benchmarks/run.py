"""Time jstevents at national scale, each figure beside a floor or a peer measured in the same run.

    .venv/bin/python benchmarks/run.py [--scale 1.0] [--runs 5] [--json [FILE]]

Every command runs as a whole process, `--runs` times; the table shows the median
wall time and the peak resident memory of that command alone (see launch.py).
Commands not yet in this checkout (`jstevents CMD --help` fails) show
"n/a (command not available)". See benchmarks/README.md for the targets.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

PEER_VENV = HERE / ".venv-peer"
WORK = HERE / ".work"
NA_COMMAND = "n/a (command not available)"


@dataclass
class Timing:
    median: float
    runs: list[float]
    peak_kb: int
    #: Median CPU time (user + system) of the child: what the command costs on an idle machine.
    cpu: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "median_s": round(self.median, 4),
            "runs_s": [round(r, 4) for r in self.runs],
            "cpu_s": round(self.cpu, 4),
            "peak_mb": round(self.peak_kb / 1024, 1),
        }


@dataclass
class Row:
    name: str
    command: str
    timing: Timing | None = None
    note: str | None = None
    against: str | None = None
    against_timing: Timing | None = None
    against_note: str | None = None
    #: The machine's load average (1 minute) when the row was measured.
    load_average: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.timing and self.against_timing and self.against_timing.median > 0:
            return self.timing.median / self.against_timing.median
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "command": self.command,
            "timing": self.timing.as_dict() if self.timing else None,
            "note": self.note,
            "against": self.against,
            "against_timing": self.against_timing.as_dict() if self.against_timing else None,
            "against_note": self.against_note,
            "ratio": round(self.ratio, 3) if self.ratio is not None else None,
            "load_average": self.load_average,
        }


@dataclass
class Target:
    text: str
    measured: str
    ok: bool | None  # None: could not be measured

    @property
    def verdict(self) -> str:
        return "n/a" if self.ok is None else ("PASS" if self.ok else "FAIL")


class CommandFailed(Exception):
    pass


def run_once(
    cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, stdout: Path | None = None
) -> tuple[float, float, int]:
    """Wall time, CPU time and peak RSS (KB) of one command, measured by launch.py around it alone."""
    spec = json.dumps({"cmd": cmd, "stdout": str(stdout) if stdout else None})
    done = subprocess.run(
        [sys.executable, "-I", str(HERE / "launch.py"), spec], cwd=cwd, env=env, capture_output=True, text=True
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise CommandFailed(f"the launcher failed: {done.stderr.strip()[-200:]}") from None
    if report["exit"] != 0:
        raise CommandFailed(f"exit {report['exit']}: {' | '.join(report['stderr'])}")
    return report["wall"], report["cpu"], report["maxrss_kb"]


@dataclass
class Job:
    """One command to time; `before` runs untimed before each run (e.g. to empty an output folder)."""

    cmd: list[str]
    cwd: Path | None = None
    before: Callable[[], None] | None = None
    #: Added to the environment of this job only.
    env: dict[str, str] | None = None
    #: Where the command's standard output goes (a peer that prints its messages).
    stdout: Path | None = None


def measure(jobs: list[Job], runs: int, *, env: dict[str, str]) -> list[Timing | str]:
    """Time the jobs `runs` times each, in turns (A B A B …), so that a busy machine
    slows a command and its floor alike. A job that fails gives its error instead."""
    times: list[list[float]] = [[] for _ in jobs]
    cpus: list[list[float]] = [[] for _ in jobs]
    peaks = [0] * len(jobs)
    failed: list[str | None] = [None] * len(jobs)
    for _ in range(runs):
        for index, job in enumerate(jobs):
            if failed[index] is not None:
                continue
            if job.before is not None:
                job.before()
            try:
                elapsed, cpu, rss = run_once(job.cmd, cwd=job.cwd, env={**env, **(job.env or {})}, stdout=job.stdout)
            except CommandFailed as exc:
                failed[index] = str(exc)
                continue
            times[index].append(elapsed)
            cpus[index].append(cpu)
            peaks[index] = max(peaks[index], rss)
    return [
        failure if failure is not None else Timing(statistics.median(t), t, peak, statistics.median(c))
        for failure, t, c, peak in zip(failed, times, cpus, peaks, strict=True)
    ]


def jstevents_command(explicit: str | None) -> list[str]:
    if explicit:
        return [explicit]
    script = Path(sys.executable).parent / "jstevents"
    return [str(script)] if script.exists() else [sys.executable, "-m", "jstevents"]


def available(jst: list[str], command: str) -> bool:
    return (
        subprocess.run(
            [*jst, command, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        ).returncode
        == 0
    )


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


# --- the peer: mailmerge, in its own environment --------------------------------------------------


def peer_mailmerge() -> tuple[Path | None, str | None]:
    """The mailmerge executable of the benchmark's own environment, installing it on first use."""
    exe = PEER_VENV / "bin" / "mailmerge"
    if exe.exists():
        return exe, None
    try:
        if not (PEER_VENV / "bin" / "pip").exists():  # also an environment left half-made by Ctrl-C
            venv.create(PEER_VENV, with_pip=True, clear=True)
        done = subprocess.run(
            [str(PEER_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "mailmerge"],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"cannot create {PEER_VENV}: {exc}"
    if done.returncode != 0 or not exe.exists():
        reason = [line for line in done.stderr.splitlines() if line.strip() and "WARNING" not in line][-1:]
        return None, f"pip install mailmerge failed: {' '.join(reason) or done.returncode}"
    return exe, None


MAILMERGE_TEMPLATE = """\
TO: {{email}}
SUBJECT: Komunikat nr {{communique}} – {{title}}
FROM: Biuro projektu <biuro@example.pl>

Szanowni Państwo,
{{name}} ({{unit}}),

serdecznie zapraszamy na {{title}}, które odbędzie się w dniach {{dates}} w {{venue}}.
Rozpoczęcie o godz. {{start}}, zakończenie o godz. {{end}}.

Zakwaterowanie: pokoje 2-osobowe, pełne wyżywienie, materiały szkoleniowe.
Dojazd: {{coach}}.

Zadanie wdrożeniowe: przygotujcie krótką diagnozę zasobów oświatowych swojej JST
(zasoby ludzkie, infrastruktura, środki finansowe); prezentacja 10 minut.
Wsparcie doradcze: opiekunem Państwa JST jest {{mentor}}.

Prosimy o potwierdzenie udziału do {{deadline}}.

Serdecznie zapraszamy!
Zespół projektu
"""


def prepare_mailmerge(project: Path, event_id: str, folder: Path) -> int:
    """Template, database and config for the same recipients as `jstevents mail EVENT`."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    people: dict[str, dict[str, Any]] = {}
    units: dict[str, dict[str, Any]] = {}
    experts: dict[str, str] = {}
    for path in sorted(project.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        people.update({p["id"]: p for p in data.get("participants", [])})
        units.update({u["id"]: u for u in data.get("units", [])})
        experts.update({e["id"]: e["name"] for e in data.get("experts", [])})
        if data.get("event", {}).get("id") == event_id:
            event = data["event"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mailmerge_template.txt").write_text(MAILMERGE_TEMPLATE, encoding="utf-8")
    (folder / "mailmerge_server.conf").write_text(
        "[smtp_server]\nhost = smtp.example.invalid\nport = 25\nsecurity = Never\n", encoding="utf-8"
    )
    with (folder / "mailmerge_database.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "email",
                "name",
                "unit",
                "mentor",
                "coach",
                "communique",
                "title",
                "dates",
                "venue",
                "start",
                "end",
                "deadline",
            ]
        )
        for registration in event["registrations"]:
            person = people[registration["participant"]]
            unit = units[person["unit"]]
            writer.writerow(
                [
                    person["email"],
                    person["name"],
                    unit["name"],
                    experts.get(unit.get("mentor"), ""),
                    "autokar" if registration.get("coach") else "dojazd własny",
                    event["communique"],
                    event["title"],
                    f"{event['dates']['start']} – {event['dates']['end']}",
                    event.get("venue", "online"),
                    event["schedule"]["start"],
                    event["schedule"]["end"],
                    event["dates"]["start"],
                ]
            )
    return len(event["registrations"])


# --- the benchmark ------------------------------------------------------------------------------


def generated(scale: float, work: Path) -> tuple[Path, dict[str, Any]]:
    out = work / f"scale-{scale:g}"
    manifest = generate.generate(scale, out)
    return out, manifest


def _compile_installed(jst: list[str], env: dict[str, str]) -> None:
    """Byte-compile jstevents' own modules once, as `pip install` does for an installed package.

    An editable checkout under PYTHONDONTWRITEBYTECODE (set on some machines) would otherwise
    compile every module of jstevents at every start, while its libraries are compiled."""
    import compileall

    package = Path(subprocess.run(
        [sys.executable, "-c", "import jstevents, pathlib; print(pathlib.Path(jstevents.__file__).parent)"],
        capture_output=True, text=True, env=env, check=False,
    ).stdout.strip() or ".")  # fmt: skip
    if package.is_dir():
        compileall.compile_dir(str(package), quiet=1)


def bench(args: argparse.Namespace) -> dict[str, Any]:
    jst = jstevents_command(args.jstevents)
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    scratch = work / "out"
    runs = args.runs
    # The load cache of this benchmark only, emptied at the start: never the user's own.
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "JSTEVENTS_CACHE_DIR": str(cache)}
    env.pop("JSTEVENTS_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _compile_installed(jst, env)
    project, manifest = generated(args.scale, work)
    today = manifest["today"]
    progress = (lambda text: print(text, file=sys.stderr, flush=True)) if not args.quiet else (lambda text: None)
    rows: list[Row] = []

    def warm(job: Job) -> None:
        """One untimed run: every row shows the everyday case, the project already loaded once."""
        if job.before is not None:
            job.before()
        try:
            run_once(job.cmd, cwd=job.cwd, env={**env, **(job.env or {})}, stdout=job.stdout)
        except CommandFailed:
            pass  # the timed runs report it

    def timed(row: Row, job: Job, against: Job | None = None, times: int = runs) -> None:
        """Time the row's command, and beside it (in turns) its floor or peer."""
        row.load_average = round(os.getloadavg()[0], 2)
        results = measure([job] if against is None else [job, against], times, env=env)
        if isinstance(results[0], Timing):
            row.timing = results[0]
        else:
            row.note = f"failed ({results[0]})"
        if against is not None:
            if isinstance(results[1], Timing):
                row.against_timing = results[1]
            else:
                row.against_note = f"n/a (failed: {results[1]})"

    # Start-up is short and noisy: three times the runs.
    progress(f"jstevents --help vs import typer ({runs * 3} runs each)")
    help_row = Row("help", "jstevents --help", against="python -c 'import typer'")
    timed(help_row, Job([*jst, "--help"]), Job([sys.executable, "-c", "import typer"]), times=runs * 3)
    rows.append(help_row)

    progress("validate vs the bare CSafeLoader load, cache filled and off")
    validate_job = Job([*jst, "validate", "--project", str(project), "--today", today])
    warm(validate_job)
    validate_row = Row("validate", "jstevents validate", against="CSafeLoader load of every file")
    cold_row = Row("validate-cold", "jstevents validate (cache off)", against="CSafeLoader load of every file")
    validate_row.load_average = cold_row.load_average = round(os.getloadavg()[0], 2)
    off = {"JSTEVENTS_NO_CACHE": "1"}
    validate_result, cold_result, floor_result = measure(
        [
            validate_job,
            Job([*jst, "validate", "--project", str(project), "--today", today], env=off),
            Job([sys.executable, str(HERE / "yaml_floor.py"), str(project)]),
        ],
        runs,
        env=env,
    )
    for row, result in ((validate_row, validate_result), (cold_row, cold_result)):
        if isinstance(result, Timing):
            row.timing = result
        else:
            row.note = f"failed ({result})"
        if isinstance(floor_result, Timing):
            row.against_timing = floor_result
        else:
            row.against_note = f"n/a (failed: {floor_result})"
    rows += [validate_row, cold_row]

    def project_row(name: str, label: str, job: Job) -> Row:
        row = Row(name, label, against="jstevents validate", against_timing=validate_row.timing)
        if not available(jst, name):
            row.note = NA_COMMAND
        else:
            progress(label)
            warm(job)
            timed(row, job)
        rows.append(row)
        return row

    build_event = manifest["build_event"]
    project_row(
        "build",
        f"jstevents build {build_event}",
        Job([*jst, "build", build_event, "-o", str(scratch / "build"), "--project", str(project), "--today", today]),
    )
    ics = scratch / "programme.ics"
    project_row(
        "calendar",
        f"jstevents calendar ({manifest['events']} events)",
        Job([*jst, "calendar", "-o", str(ics), "--project", str(project)], before=lambda: ics.unlink(missing_ok=True)),
    )

    mail_event, recipients = manifest["mail_event"], manifest["mail_recipients"]
    outbox = scratch / "outbox"
    mail_job = Job(
        [*jst, "mail", mail_event, "--outbox", str(outbox), "--project", str(project)],
        before=lambda: shutil.rmtree(outbox, ignore_errors=True),
    )
    label = f"jstevents mail {mail_event} (dry run, {recipients} messages)"
    plain_row = Row("mail", label, against=f"mailmerge --dry-run --no-limit ({recipients} plain-text messages)")
    same_row = Row(
        "mail-same-work",
        label,
        against=f"mailmerge, the same work ({recipients} Markdown → text + HTML, .ics attached)",
    )
    plain_peer = same_peer = None
    if args.no_peer:
        plain_row.against_note = same_row.against_note = "n/a (peer skipped: --no-peer)"
    else:
        exe, reason = peer_mailmerge()
        if exe is None:
            plain_row.against_note = same_row.against_note = f"n/a ({reason})"
        else:
            folder = scratch / "mailmerge"
            prepare_mailmerge(project, mail_event, folder)
            plain_peer = Job(_mailmerge_command(exe, "mailmerge_template.txt"), cwd=folder)
            same_reason = prepare_same_work(jst, env, project, mail_event, folder)
            if same_reason is None:
                same_peer = Job(
                    _mailmerge_command(exe, "same_work_template.txt"), cwd=folder, stdout=scratch / "mailmerge.out"
                )
            else:
                same_row.against_note = f"n/a ({same_reason})"
    progress(label)
    if available(jst, "mail"):
        warm(mail_job)
        timed(plain_row, mail_job, plain_peer)
        timed(same_row, mail_job, same_peer)
    else:
        plain_row.note = same_row.note = NA_COMMAND
    rows += [plain_row, same_row]

    # Scaling: validate with the cache off (every file parsed, validated and checked) at a quarter,
    # half and the whole of --scale, in turns; the cost of each added registration comes from the
    # differences, so start-up cancels out.
    progress("validate (cache off) at 1/4, 1/2 and all of the scale")
    steps = [generated(args.scale * fraction, work) for fraction in (0.25, 0.5)] + [(project, manifest)]
    step_results = measure(
        [Job([*jst, "validate", "--project", str(folder), "--today", today], env=off) for folder, _ in steps],
        runs,
        env=env,
    )
    scaling = []
    for (_, step_manifest), result in zip(steps, step_results, strict=True):
        scale, size = step_manifest["scale"], step_manifest["registrations"]
        timing = result if isinstance(result, Timing) else None
        previous = scaling[-1] if scaling else None
        marginal = None
        if timing and previous and previous["timing"] and size > previous["registrations"]:
            marginal = round(
                (timing.median - previous["timing"]["median_s"]) / (size - previous["registrations"]) * 1e6, 2
            )
        scaling.append(
            {
                "scale": round(scale, 4),
                "registrations": size,
                "timing": timing.as_dict() if timing else None,
                "note": None if timing else f"failed ({result})",
                "us_per_registration": round(timing.median / size * 1e6, 2) if timing else None,
                "us_per_added_registration": marginal,
            }
        )

    targets = _targets(rows, scaling, args.scale)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "command": " ".join(["python", "benchmarks/run.py", *sys.argv[1:]]),
        "scale": args.scale,
        "runs": runs,
        "project": manifest,
        "rows": [r.as_dict() for r in rows],
        "scaling": scaling,
        "targets": [{"target": t.text, "measured": t.measured, "verdict": t.verdict} for t in targets],
    }


def _mailmerge_command(exe: Path, template: str) -> list[str]:
    return [
        str(exe), "--dry-run", "--no-limit", "--output-format", "raw", "--template", template,
        "--database", "mailmerge_database.csv", "--config", "mailmerge_server.conf",
    ]  # fmt: skip


def prepare_same_work(jst: list[str], env: dict[str, str], project: Path, event_id: str, folder: Path) -> str | None:
    """mailmerge doing what `jstevents mail` does: the communiqué written in Markdown (jstevents' own,
    for this event) with each recipient's lines, sent as text and HTML, the event's `.ics` attached.
    Returns why it cannot be prepared, or None."""
    body = subprocess.run(
        [*jst, "communique", event_id, "--format", "md", "--project", str(project)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    calendar = subprocess.run(
        [*jst, "calendar", event_id, "--project", str(project), "-o", str(folder / f"{event_id}.ics")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if body.returncode != 0 or calendar.returncode != 0:
        return "jstevents could not write the communiqué or calendar for the peer"
    markdown = body.stdout.split("\n", 2)[2] if body.stdout.startswith("#") else body.stdout
    template = (
        "TO: {{email}}\n"
        "SUBJECT: Komunikat – {{title}}\n"
        "FROM: Biuro projektu <biuro@example.pl>\n"
        f"ATTACHMENT: {event_id}.ics\n"
        "CONTENT-TYPE: text/markdown\n\n"
        "Dzień dobry, {{name}}!\n\n"
        "Ten komunikat przygotowaliśmy dla: {{name}} ({{unit}}). Ekspert opiekun Państwa JST: {{mentor}}.\n\n"
        + markdown.replace("{{", "{ {").replace("{%", "{ %")
    )
    (folder / "same_work_template.txt").write_text(template, encoding="utf-8")
    return None


def _targets(rows: list[Row], scaling: list[dict[str, Any]], scale: float) -> list[Target]:
    by = {r.name: r for r in rows}
    at = "" if scale == 1.0 else f" (measured at scale {scale:g})"
    targets = []

    def ratio_target(row: Row, text: str, limit: float) -> None:
        ratio = row.ratio
        if ratio is None:
            why = row.note or row.against_note or "not measured"
            targets.append(Target(text, why, None))
        else:
            targets.append(Target(text, f"{ratio:.2f}×", ratio <= limit))

    ratio_target(by["help"], "--help ≤ 1.3× import typer", 1.3)
    ratio_target(by["validate"], f"validate, cache filled, ≤ 0.5× CSafeLoader load{at}", 0.5)
    ratio_target(by["validate-cold"], f"validate, cache off, ≤ 1.5× CSafeLoader load{at}", 1.5)
    cold = by["validate-cold"].timing
    targets.append(
        Target(
            f"validate, cache off, < 5 s and < 1 GB{at}",
            f"{cold.median:.2f} s, {cold.peak_kb / 1024:.0f} MB"
            if cold
            else by["validate-cold"].note or "not measured",
            (cold.median < 5.0 and cold.peak_kb < 1024 * 1024) if cold else None,
        )
    )
    ratio_target(by["build"], f"build of one event ≤ 1.5× validate{at}", 1.5)
    ratio_target(by["calendar"], f"calendar of every event ≤ 1.5× validate{at}", 1.5)
    ratio_target(by["mail-same-work"], "mail dry run ≤ 1.0× mailmerge doing the same work", 1.0)
    ratio_target(by["mail"], "mail dry run ≤ 5× mailmerge's plain-text dry run", 5.0)
    first, last = scaling[1]["us_per_added_registration"], scaling[2]["us_per_added_registration"]
    text = (
        f"µs per added registration (cache off), from {scaling[1]['scale']:g} to {scaling[2]['scale']:g}, "
        f"≤ 1.25× from {scaling[0]['scale']:g} to {scaling[1]['scale']:g}"
    )
    if first and last and first > 0:
        targets.append(Target(text, f"{last / first:.2f}× ({last:.1f} vs {first:.1f} µs)", last / first <= 1.25))
    else:
        targets.append(Target(text, "not measured", None))
    return targets


# --- printing -------------------------------------------------------------------------------------


def _cell(timing: dict[str, Any] | None, note: str | None) -> str:
    return f"{timing['median_s']:.3f} s ({timing['cpu_s']:.2f})" if timing else (note or "n/a")


def render(result: dict[str, Any]) -> str:
    m, p = result["machine"], result["project"]
    lines = [
        f"jstevents benchmark, {result['date']}: {m['nproc']} × {m['cpu']}, Python {m['python']}, {m['system']}, "
        f"load average {' '.join(str(x) for x in m.get('load_average', []))}",
        f"scale {result['scale']:g}: {p['units']} units, {p['participants']} participants, {p['events']} events, "
        f"{p['registrations']} registrations in {p['files']} files ({p['bytes'] / 1e6:.1f} MB); "
        f"median of {result['runs']} run(s), {result['runs'] * 3} for --help; command and floor run in turns",
        "",
    ]
    table = [("benchmark", "median (cpu)", "peak", "load", "floor / peer", "its median (cpu)", "ratio")]
    for row in result["rows"]:
        timing = row["timing"]
        table.append(
            (
                row["command"],
                _cell(timing, row["note"]),
                f"{timing['peak_mb']:.0f} MB" if timing else "",
                f"{row['load_average']:.2f}" if row.get("load_average") is not None else "",
                row["against"] or "",
                _cell(row["against_timing"], row["against_note"]),
                f"{row['ratio']:.2f}×" if row["ratio"] is not None else "n/a",
            )
        )
    lines += _columns(table)
    lines.append(
        "median: wall time; (cpu): user + system seconds of the same process, which a busy machine inflates less; "
        "peak: the command's own peak memory; load: the machine's 1-minute load average when the row was measured"
    )
    lines.append("")
    scaling = [
        (
            "validate scaling (cache off)",
            "registrations",
            "median (cpu)",
            "peak",
            "µs / registration",
            "µs / added registration",
        )
    ]
    for step in result["scaling"]:
        timing = step["timing"]
        scaling.append(
            (
                f"scale {step['scale']:g}",
                str(step["registrations"]),
                _cell(timing, step["note"]),
                f"{timing['peak_mb']:.0f} MB" if timing else "",
                f"{step['us_per_registration']:.1f}" if step["us_per_registration"] is not None else "n/a",
                f"{step['us_per_added_registration']:.1f}" if step["us_per_added_registration"] is not None else "",
            )
        )
    lines += _columns(scaling)
    lines.append("")
    lines += _columns(
        [("target", "measured", "result")] + [(t["target"], t["measured"], t["verdict"]) for t in result["targets"]]
    )
    return "\n".join(lines)


def _columns(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for index, row in enumerate(rows):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark jstevents against its floors and a peer.")
    parser.add_argument("--scale", type=float, default=1.0, help="Size of the generated programme [default: 1.0].")
    parser.add_argument("--runs", type=int, default=5, help="Runs of each command; the median counts [default: 5].")
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="Print the results as JSON instead of tables; with FILE, write them there too.",
    )
    parser.add_argument("--work", type=Path, default=WORK, help=f"Scratch folder [default: {WORK}].")
    parser.add_argument("--jstevents", help="The jstevents executable [default: next to this Python].")
    parser.add_argument("--no-peer", action="store_true", help="Skip installing and timing mailmerge.")
    parser.add_argument("--quiet", action="store_true", help="No progress lines on stderr.")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.scale <= 0:
        parser.error("--runs must be at least 1 and --scale positive")
    result = bench(args)
    as_json = json.dumps(result, indent=2, ensure_ascii=False)
    if args.json not in (None, "-"):
        Path(args.json).write_text(as_json + "\n", encoding="utf-8")
    print(as_json if args.json == "-" else render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
