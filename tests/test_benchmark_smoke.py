"""The benchmark's generator and runner work end to end at a tiny scale (timings are not asserted)."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

from helpers import REPO
from jstevents.load.project import load_project

BENCH = REPO / "benchmarks"


def _generate(out: Path, scale: str = "0.01") -> dict:
    subprocess.run(
        [sys.executable, str(BENCH / "generate.py"), "--scale", scale, "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return json.loads((out / "GENERATED.json").read_text(encoding="utf-8"))


def test_generated_programme_validates_cleanly(tmp_path: Path) -> None:
    manifest = _generate(tmp_path / "programme")
    result = load_project(tmp_path / "programme", today=dt.date.fromisoformat(manifest["today"]))
    assert [str(p) for p in result.problems] == []
    project = result.project
    assert project is not None
    assert len(project.events) == manifest["events"]
    assert len(project.participants) == manifest["participants"]
    assert sum(len(e.registrations) for e in project.events.values()) == manifest["registrations"]
    assert len(project.events[manifest["mail_event"]].registrations) == manifest["mail_recipients"]
    # split like a real project: one file per event, participants over several files
    assert len(list((tmp_path / "programme").rglob("*.yaml"))) == manifest["files"] > manifest["events"]
    assert len(list((tmp_path / "programme" / "participants").glob("*.yaml"))) > 1


def test_generator_is_deterministic(tmp_path: Path) -> None:
    _generate(tmp_path / "a")
    _generate(tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def test_run_prints_every_row_with_a_number_or_na(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--scale",
            "0.01",
            "--runs",
            "1",
            "--no-peer",
            "--quiet",
            "--work",
            str(tmp_path / "work"),
            "--json",
            str(tmp_path / "result.json"),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )
    lines = done.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("benchmark "))
    rows = lines[header + 2 : header + 9]
    mail = f"jstevents mail konferencja-krajowa (dry run, {_manifest(tmp_path)['mail_recipients']} messages)"
    assert [row.split("  ")[0] for row in rows] == [
        "jstevents --help",
        "jstevents validate",
        "jstevents validate (cache off)",
        f"jstevents build {_manifest(tmp_path)['build_event']}",
        "jstevents calendar (6 events)",
        mail,
        mail,
    ]
    for row in rows:
        assert re.search(r"  (\d+\.\d{3} s \(\d+\.\d\d\)|n/a \(command not available\))  ", row), row
    assert re.search(r"jstevents --help .* \d+\.\d\d×$", rows[0])
    assert re.search(r"jstevents validate .* \d+\.\d\d×$", rows[1])
    assert re.search(r"jstevents validate \(cache off\) .* \d+\.\d\d×$", rows[2])
    scaling = lines[lines.index(next(line for line in lines if line.startswith("validate scaling"))) + 2 :][:3]
    assert all(re.search(r"\d+\.\d{3} s .* -?\d+\.\d$", line) for line in scaling), scaling
    targets = lines[lines.index(next(line for line in lines if line.startswith("target "))) + 2 :]
    assert len(targets) == 9
    assert all(line.rstrip().endswith(("PASS", "FAIL", "n/a")) for line in targets), targets

    result = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))
    assert [row["name"] for row in result["rows"]] == [
        "help", "validate", "validate-cold", "build", "calendar", "mail", "mail-same-work"
    ]  # fmt: skip
    for row in result["rows"]:
        assert row["timing"] is not None or row["note"] == "n/a (command not available)", row
    assert result["rows"][5]["against_note"] == result["rows"][6]["against_note"] == "n/a (peer skipped: --no-peer)"
    assert all(row["load_average"] is not None for row in result["rows"])
    assert result["rows"][0]["timing"]["peak_mb"] < 45  # --help alone, not the runner's memory
    assert {"nproc", "cpu", "python"} <= set(result["machine"])
    assert [t["verdict"] for t in result["targets"]] == [line.split()[-1] for line in targets]


def _manifest(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "work" / "scale-0.01" / "GENERATED.json").read_text(encoding="utf-8"))
