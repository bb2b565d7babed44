"""Every reader of untrusted input, run in a child process under a memory limit and a time limit,
against generated hostile files: it ends, without a traceback, and shows nothing from outside
the project. (The figures of a time are bounds on the child, not assertions about speed.)
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import EXAMPLE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="resource limits and FIFOs are POSIX")

SECRET = "hunter2-bounded-readers"
#: Far above what validate needs for the example (about 200 MB), far below what a zip bomb takes.
MEMORY = 1536 * 1024 * 1024
SOURCES = 'participant_sources:\n  - file: "{file}"\n    columns: {{name: "Imię i nazwisko", email: "E-mail"}}\n'


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Imię i nazwisko", "E-mail"])
    sheet.append(["Zofia Nowak", "zofia.nowak@example.pl"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rezip(
    data: bytes, change: Callable[[str, bytes], bytes], extra: Callable[[zipfile.ZipFile], None] | None
) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, change(item.filename, source.read(item)))
        if extra is not None:
            extra(target)
    return out.getvalue()


def inflated_dimension(root: Path) -> str:
    def change(name: str, part: bytes) -> bytes:
        return part.replace(b'<dimension ref="A1:B2" />', b'<dimension ref="A1:XFD1048576"/>')

    (root / "export.xlsx").write_bytes(_rezip(_workbook(), change, None))
    return "export.xlsx"


def shared_string_bomb(root: Path) -> str:
    # 400 MB of shared strings in about 400 kB: once loaded whole by openpyxl.
    def extra(target: zipfile.ZipFile) -> None:
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>" + b"x" * 1000 + b"</t></si>"
            for _ in range(400_000):
                part.write(chunk)
            part.write(b"</sst>")

    (root / "export.xlsx").write_bytes(_rezip(_workbook(), lambda n, p: p, extra))
    return "export.xlsx"


def untyped_formula(root: Path) -> str:
    def change(name: str, part: bytes) -> bytes:
        return part.replace(b"</sheetData>", b'<row r="3"><c r="A3"><f>A1</f><v>Zofia</v></c></row></sheetData>')

    (root / "export.xlsx").write_bytes(_rezip(_workbook(), change, None))
    return "export.xlsx"


def fifo_export(root: Path) -> str:
    os.mkfifo(root / "export.csv")
    return "export.csv"


def device_export(root: Path) -> str:
    (root / "export.csv").symlink_to("/dev/zero")
    return "export.csv"


def link_out_export(root: Path) -> str:
    outside = root.parent / "secrets.csv"
    outside.write_text(f"{SECRET};x\n1;2\n", encoding="utf-8")
    (root / "export.csv").symlink_to(outside)
    return "export.csv"


def absolute_export(root: Path) -> str:
    outside = root.parent / "secrets.csv"
    outside.write_text(f"{SECRET};x\n1;2\n", encoding="utf-8")
    return outside.as_posix()


def dev_zero_yaml(root: Path) -> None:
    (root / "zero.yaml").symlink_to("/dev/zero")


def fifo_yaml(root: Path) -> None:
    os.mkfifo(root / "pipe.yaml")


def link_out_logo(root: Path) -> None:
    outside = root.parent / "secret.png"
    outside.write_text(SECRET, encoding="utf-8")
    programme = root / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("logos/fundusze-europejskie.png", outside.as_posix()), encoding="utf-8")


#: Each hostile input, and the code of the problem it must come out as.
HOSTILE: dict[str, tuple[Callable[[Path], str | None], str]] = {
    "inflated-dimension": (inflated_dimension, "E022"),  # read in a moment: its one row has no JST
    "shared-string-bomb": (shared_string_bomb, "E130"),
    "untyped-formula": (untyped_formula, "E022"),
    "fifo-export": (fifo_export, "E130"),
    "device-export": (device_export, "E130"),
    "link-out-export": (link_out_export, "E130"),
    "absolute-export": (absolute_export, "E130"),
    "dev-zero-yaml": (dev_zero_yaml, "E007"),
    "fifo-yaml": (fifo_yaml, "E007"),
    "logo-outside": (link_out_logo, "E130"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_every_reader_is_bounded_and_shows_nothing_from_outside(tmp_path: Path, case: str) -> None:
    root = tmp_path / "events"
    shutil.copytree(EXAMPLE, root)
    make, code = HOSTILE[case]
    named = make(root)
    if named is not None:
        (root / "sources.yaml").write_text(SOURCES.format(file=named), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "jstevents", "validate", "-p", str(root), "--today", "2017-08-01", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        env={**os.environ, "JSTEVENTS_NO_CACHE": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output and "MemoryError" not in output
    assert SECRET not in output
    assert f'"code": "{code}"' in result.stdout, result.stdout[-2000:]  # a located problem, in the JSON
