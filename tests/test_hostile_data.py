"""Hostile values in the data reach every output format and stay inert there.

One project holds every hazard at once: participants, a JST and the venue named with a
spreadsheet formula, an HTML script, CR/LF with a forged e-mail header, a right-to-left
override, terminal escapes, and 10,000 characters. `build` writes every document of
module III from it; each format is then checked by reading it back as its consumer would.
"""

from __future__ import annotations

import csv
import email
import email.policy
import io
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from jstevents.load.project import require_project

REPO = Path(__file__).resolve().parents[1]
FORMULA = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
LONG = "Zofia " + "A" * 10_000
#: Characters that must never reach an output: CR/LF inside a one-line value, RTL override, ESC.
SMUGGLED = ("\u202e", "\x1b")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: (participant id, the value their name is replaced by, as YAML double-quoted text)
NAMES = {
    "lukasz-zolc": '=HYPERLINK(\\"http://x\\",\\"y\\")',
    "anna-lewandowska": SCRIPT,
    "lucja-lis-kowalska": "Łucja\\r\\nBcc: victim@example.com",
    "slawomir-sliwa": "Sławomir \\u202eawilŚ\\e[2J",
    "zofia-sadowska": LONG,
}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    project = root / "events"
    shutil.copytree(REPO / "events", project)
    roster = project / "participants.yaml"
    originals = {
        "lukasz-zolc": "Łukasz Żółć",
        "anna-lewandowska": "Anna Lewandowska",
        "lucja-lis-kowalska": "Łucja Lis-Kowalska",
        "slawomir-sliwa": "Sławomir Śliwa",
        "zofia-sadowska": "Zofia Sadowska",
    }
    for person, value in NAMES.items():
        _replace(roster, f'name: "{originals[person]}"', f'name: "{value}"')
    _replace(roster, 'role: "zastępca burmistrza"', 'role: "@SUM(1+1)\\r\\n<b>x</b>"')
    venues = project / "venues.yaml"
    _replace(
        venues,
        'name: "Hotel Holiday Park"',
        f'name: "Hotel {SCRIPT} =HYPERLINK(\\"http://x\\")\\r\\nX-Injected: 1 \\u202e"',
    )
    _replace(venues, 'name_locative: "hotelu Holiday Park"', f'name_locative: "hotelu {SCRIPT}"')
    units = project / "units.yaml"
    _replace(units, 'name: "Miasto Biała Podlaska"', "name: \"-2+3+cmd|' /C calc'!A0\"")
    return project


@pytest.fixture(scope="module")
def built(hostile: Path) -> Path:
    from typer.testing import CliRunner

    from jstevents.cli import app

    out = hostile.parent / "build"
    result = CliRunner().invoke(
        app, ["build", "modul-3", "-p", str(hostile), "-o", str(out), "--today", "2017-08-01"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out / "modul-3"


def test_the_project_validates_and_one_line_values_are_made_safe(hostile: Path, cli) -> None:
    result = cli("validate", "-p", hostile, "--today", "2017-08-01")
    assert result.exit_code == 0, result.output
    people = require_project(hostile).participants
    assert people["lucja-lis-kowalska"].name == "Łucja Bcc: victim@example.com"
    assert people["slawomir-sliwa"].name == "Sławomir awilŚ[2J"
    assert people["lukasz-zolc"].name == FORMULA and people["zofia-sadowska"].name == LONG


def test_a_link_that_is_not_http_is_refused(hostile: Path, tmp_path: Path, cli) -> None:
    project = tmp_path / "events"
    shutil.copytree(hostile, project)
    _replace(
        project / "trainings" / "moderatorzy-online-2020-11.yaml",
        '"https://spotkania.example.org/ore-moderatorzy-2020-11"',
        '"javascript:alert(1)"',
    )
    result = cli("validate", "-p", project, "--today", "2017-08-01")
    assert result.exit_code == 1
    assert "moderatorzy-online-2020-11.yaml:11:" in result.stdout and "error[E012]" in result.stdout
    assert "is not a web address" in result.stdout


def _no_smuggled_characters(text: str) -> None:
    for character in SMUGGLED:
        assert character not in text, repr(character)


class _Page(HTMLParser):
    """Tags and scripts of an HTML page, and whether its tags balance."""

    void = {"meta", "br", "hr", "img", "link", "input", "col"}

    def __init__(self, text: str) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.unbalanced: list[str] = []
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.handlers += [name for name, value in attrs if (value or "").lower().startswith("javascript:")]
        if tag not in self.void:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.unbalanced.append(tag)


def _inert_html(text: str) -> None:
    page = _Page(text)
    assert "script" not in page.tags and "b" not in page.tags and page.handlers == []
    assert page.unbalanced == [] and page.stack == []
    _no_smuggled_characters(text)


# --- communiqué -------------------------------------------------------------------------------


def test_markdown_communique_holds_no_raw_html(built: Path) -> None:
    text = (built / "komunikat.md").read_text(encoding="utf-8")
    assert "hotelu &lt;script>alert(1)&lt;/script>" in text
    assert not re.search(r"<(?!https?://|mailto:)[A-Za-z/!?]", text)
    _no_smuggled_characters(text)


def test_plain_text_communique_keeps_the_value_as_text(built: Path) -> None:
    text = (built / "komunikat.txt").read_text(encoding="utf-8")
    assert f"hotelu {SCRIPT}" in text
    assert "\r" not in text
    _no_smuggled_characters(text)


@pytest.mark.parametrize("name", ["komunikat.html", "index.html"])
def test_html_pages_escape_every_value(built: Path, name: str) -> None:
    text = (built / name).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    _inert_html(text)


def _well_formed_message(raw: bytes, *, mailed: bool = True) -> email.message.EmailMessage:
    assert all(len(line) <= 998 for line in raw.split(b"\r\n")), "RFC 5322 allows 998 octets a line"
    assert b"\r\nX-Injected:" not in raw and b"\nBcc:" not in raw
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message.defects == []
    assert [part.get_content_type() for part in message.walk()] == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "application/pdf",
        "text/calendar",  # a mail-out's: the recipient's invitation
        *(["application/ics"] if mailed else []),  # and the deadlines beside it
    ]
    _inert_html(message.get_body(("html",)).get_content())
    return message


def test_eml_stays_one_well_formed_message(built: Path) -> None:
    message = _well_formed_message((built / "komunikat.eml").read_bytes(), mailed=False)
    assert message["Bcc"] is None and message["X-Injected"] is None


# --- calendar ----------------------------------------------------------------------------------


def test_calendar_escapes_values_and_stays_parseable(built: Path, hostile: Path) -> None:
    import icalendar

    raw = (built / "modul-3.ics").read_bytes()
    assert b"\r\nX-INJECTED" not in raw.upper()
    assert all(line.endswith(b"\r") or not line for line in raw.split(b"\n"))
    assert not re.search(rb"[^\r]\n", raw), "a bare LF would start a new property"
    calendar = icalendar.Calendar.from_ical(raw)
    (location,) = {str(c["LOCATION"]) for c in calendar.walk("VEVENT") if "LOCATION" in c}
    assert SCRIPT in location and "X-Injected: 1" in location
    _no_smuggled_characters(raw.decode("utf-8"))
    from jstevents.outputs.calendar.ics import build_calendar

    project = require_project(hostile)
    personal = build_calendar(project, project.events.values(), participant="zofia-sadowska")
    assert icalendar.Calendar.from_ical(personal).walk("VEVENT")


# --- attendee lists ----------------------------------------------------------------------------

KINDS = ["attendance", "rooming", "coach", "catering", "contacts", "activity"]


@pytest.mark.parametrize("kind", KINDS)
def test_csv_cells_never_start_a_formula(built: Path, kind: str) -> None:
    raw = (built / "listy" / f"{kind}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_START)]
    _no_smuggled_characters(raw.decode("utf-8-sig"))
    if kind in ("attendance", "contacts"):
        assert "'" + FORMULA in cells and "'" + "-2+3+cmd|' /C calc'!A0" in cells
        assert LONG in cells


@pytest.mark.parametrize("kind", KINDS)
def test_xlsx_holds_text_and_never_a_formula(built: Path, kind: str) -> None:
    import openpyxl

    path = built / "listy" / f"{kind}.xlsx"
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all(b"<f>" not in archive.read(n) and b"<f " not in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(path)
    values = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {c.data_type for c in values} <= {"s", "n"}
    texts = [str(c.value) for c in values]
    _no_smuggled_characters("\n".join(texts))
    if kind in ("attendance", "contacts"):
        assert FORMULA in texts and LONG in texts


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_renders_every_row_and_cuts_only_what_cannot_fit_a_page(built: Path, kind: str) -> None:
    import pypdf

    reader = pypdf.PdfReader(built / "listy" / f"{kind}.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "strona 1 z" in text
    _no_smuggled_characters(text)
    if kind in ("attendance", "contacts"):
        flat = re.sub(r"\s+", "", text)
        assert '=HYPERLINK("http://x","y")' in flat and "<script>alert(1)</script>" in flat
        assert "Zofia" + "A" * 250 in flat and "A" * 400 not in flat and "…" in text


@pytest.mark.parametrize("kind", KINDS)
def test_html_lists_escape_every_value(built: Path, kind: str) -> None:
    text = (built / "listy" / f"{kind}.html").read_text(encoding="utf-8")
    _inert_html(text)
    if kind in ("attendance", "contacts"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


# --- mail ----------------------------------------------------------------------------------------


def test_mail_dry_run_gives_each_hostile_recipient_one_clean_message(hostile: Path, tmp_path: Path, cli) -> None:
    outbox = tmp_path / "outbox"
    result = cli("mail", "modul-3", "-p", hostile, "--outbox", outbox)
    assert result.exit_code == 0, result.output
    for person in NAMES:
        message = _well_formed_message((outbox / f"{person}.eml").read_bytes())
        (address,) = message["To"].addresses
        assert address.addr_spec == require_project(hostile).participants[person].email
        assert message["Bcc"] is None and message["Cc"] is None
        assert "\r" not in address.display_name and "\n" not in address.display_name


def test_mail_send_puts_one_recipient_in_each_envelope(hostile: Path, tmp_path: Path, cli, smtp_server) -> None:
    recorder, port, _ = smtp_server()
    project = tmp_path / "events"
    shutil.copytree(hostile, project)
    result = cli(
        "mail",
        "modul-3",
        "--send",
        "--rate",
        "6000",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        port,
        "--smtp-security",
        "none",
        "--to",
        "unit:biala-podlaska",
        "-p",
        project,
    )
    assert result.exit_code == 0, result.output
    assert recorder.accepted and all(len(rcpts) == 1 for _, rcpts, _ in recorder.accepted)
    for _, rcpts, raw in recorder.accepted:
        message = _well_formed_message(raw)
        assert [a.addr_spec for a in message["To"].addresses] == rcpts
