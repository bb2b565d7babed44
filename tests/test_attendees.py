"""`jstevents attendees`: every kind of list in every format, read back as a user would see it."""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from pathlib import Path

import openpyxl
import pypdf
import pytest

KINDS = ["attendance", "rooming", "coach", "catering", "contacts", "activity"]
FORMATS = ["csv", "xlsx", "pdf", "html"]

# The attendance sheet of module III: grouped by JST (in Polish order of the JST names),
# then by surname. Written out by hand from events/participants.yaml and units.yaml.
ATTENDANCE_ORDER = [
    ("Gmina Miedźna", ["Monika Bartosik", "Jan Fijałkowski", "Piotr Ziółkowski"]),
    ("Miasto Biała Podlaska", ["Beata Czajka", "Wojciech Mazur", "Łukasz Żółć"]),
    ("Miasto Braniewo", ["Anna Lewandowska", "Grzegorz Nowak"]),
    ("Miasto Brodnica", ["Łucja Lis-Kowalska", "Magdalena Ożóg"]),
    ("Miasto i Gmina Pszczyna", ["Robert Kaczmarek", "Joanna Łęcka"]),
    ("Miasto i Gmina Skoczów", ["Iwona Górska", "Marek Stępień"]),
    ("Miasto i Gmina Toszek", ["Michał Ćwik", "Elżbieta Dudek", "Rafał Pawlak"]),
    ("Miasto Kalisz", ["Dorota Adamczyk", "Irena Frąckowiak", "Zofia Sadowska"]),
    ("Miasto Rypin", ["Alicja Idzik", "Paweł Olszewski", "Sławomir Śliwa"]),
    ("Miasto Rzeszów", ["Urszula Ryś", "Krzysztof Wąsik", "Zbigniew Źdźbło"]),
    ("Miasto Wojkowice", ["Stanisław Dąbrowski", "Adam Rogala", "Agnieszka Żbik"]),
    ("Miasto Zawiercie", ["Andrzej Bąk", "Mariusz Herman", "Katarzyna Zając"]),
    ("Miasto Żory", ["Renata Kałuża", "Tomasz Ludwiczak"]),
    ("Powiat Krapkowicki", ["Teresa Pęczek", "Barbara Wróbel", "Żaneta Żak"]),
    ("Powiat Wołomiński", ["Jacek Gęsiak", "Halina Mączka", "Ewa Ścibor"]),
]
NAMES_IN_ORDER = [name for _, names in ATTENDANCE_ORDER for name in names]


def make(cli, project: Path, out: Path, kind: str, fmt: str, *extra: str) -> Path:
    target = out / f"{kind}.{fmt}"
    result = cli("attendees", "modul-3", "--kind", kind, "--format", fmt, "-o", target, "-p", project, *extra)
    assert result.exit_code == 0, result.output
    return target


def csv_rows(path: Path, delimiter: str = ";") -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def pdf_text(path: Path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_every_format(cli, tmp_path: Path, kind: str, fmt: str) -> None:
    path = make(cli, Path("events"), tmp_path, kind, fmt)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data
    if fmt == "csv":
        text = "\n".join(";".join(r) for r in csv_rows(path))
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(path).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    elif fmt == "pdf":
        text = pdf_text(path)[1]
    else:
        text = path.read_text(encoding="utf-8")
    assert "Moduł III szkolenia" in text
    if kind != "catering":
        assert "Łukasz Żółć" in text


def test_attendance_csv_is_grouped_and_in_polish_order(cli, tmp_path: Path) -> None:
    rows = csv_rows(make(cli, Path("events"), tmp_path, "attendance", "csv"))
    header = rows.index(
        ["Lp.", "Imię i nazwisko", "JST", "Podpis pon. 21.08.2017", "Podpis wt. 22.08.2017", "Podpis śr. 23.08.2017"]
    )
    table = rows[header + 1 : header + 41]
    assert [r[1] for r in table] == NAMES_IN_ORDER
    assert [r[0] for r in table] == [str(i) for i in range(1, 41)]
    assert [r[2] for r in table] == [unit for unit, names in ATTENDANCE_ORDER for _ in names]
    flat = "\n".join(";".join(r) for r in rows)
    assert "@example.pl" not in flat and "+48" not in flat  # no e-mails or phones on the sheet
    assert "Podpis trenera (Ewa Kruk)" in flat
    assert "Europejskiego Funduszu Społecznego" in flat


def test_csv_delimiter_option(cli, tmp_path: Path) -> None:
    path = make(cli, Path("events"), tmp_path, "coach", "csv", "--delimiter", ",")
    rows = csv_rows(path, ",")
    assert ["Lp.", "Imię i nazwisko", "JST", "Telefon", "Podpis"] in rows


def test_attendance_xlsx_reads_back(cli, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(make(cli, Path("events"), tmp_path, "attendance", "xlsx"))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values, 1) if row[:3] == ["Lp.", "Imię i nazwisko", "JST"])
    names = [values[i][1] for i in range(header, header + 40)]
    assert names == NAMES_IN_ORDER
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.print_title_rows == f"${header}:${header}"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.cell(row=header, column=2).font.b
    assert sheet.column_dimensions["B"].width >= len("Stanisław Dąbrowski")


def test_attendance_pdf_reads_back(cli, tmp_path: Path) -> None:
    reader, text = pdf_text(make(cli, Path("events"), tmp_path, "attendance", "pdf"))
    positions = [text.index(name) for name in NAMES_IN_ORDER]
    assert positions == sorted(positions)
    pages = len(reader.pages)
    assert pages > 1
    assert f"strona 1 z {pages}" in text and f"strona {pages} z {pages}" in text
    # The header row is repeated on every page.
    assert all("Imię i nazwisko" in page.extract_text() for page in reader.pages)
    box = reader.pages[0].mediabox
    assert box.width > box.height  # three signature columns need landscape


def test_portrait_when_the_columns_fit(cli, tmp_path: Path) -> None:
    reader, text = pdf_text(make(cli, Path("events"), tmp_path, "coach", "pdf"))
    box = reader.pages[0].mediabox
    assert box.width < box.height
    assert "KINOTEKĘ" in text and "Liczba pasażerów: 14" in text


def test_outputs_are_byte_identical_from_run_to_run(cli, tmp_path: Path) -> None:
    for fmt in FORMATS:
        first = make(cli, Path("events"), tmp_path / "a", "attendance", fmt).read_bytes()
        second = make(cli, Path("events"), tmp_path / "b", "attendance", fmt).read_bytes()
        assert first == second, fmt


def test_catering_counts_for_module_3(cli, tmp_path: Path) -> None:
    # Worked out by hand from events/modules/modul-3.yaml and the diets in participants.yaml.
    # 40 registrations: 18 standard, 12 vegetarian, 6 vegan, 4 gluten-free.
    # No night 21/22: Ewa Ścibor (std), Krzysztof Wąsik (veg.), Teresa Pęczek (std)
    #   → night of the 21st: 37 = 16 std + 11 veg. + 6 vegan + 4 gluten-free.
    # No night 22/23: Zofia Sadowska (veg.), Barbara Wróbel (veg.), Mariusz Herman (vegan)
    #   → night of the 22nd: 37 = 18 std + 10 veg. + 5 vegan + 4 gluten-free.
    # Lunch every day (programme from 11:30 on the 21st, to 14:00 with a closing lunch on the 23rd): 40.
    # Dinner on the evening before a night, breakfast on the morning after it.
    rows = csv_rows(make(cli, Path("events"), tmp_path, "catering", "csv"))
    header = rows.index(["Dzień", "Posiłek", "Razem", "standardowa", "wegetariańska", "wegańska", "bezglutenowa"])
    assert rows[header + 1 : header + 8] == [
        ["pon. 21.08.2017", "obiad", "40", "18", "12", "6", "4"],
        ["pon. 21.08.2017", "kolacja", "37", "16", "11", "6", "4"],
        ["wt. 22.08.2017", "śniadanie", "37", "16", "11", "6", "4"],
        ["wt. 22.08.2017", "obiad", "40", "18", "12", "6", "4"],
        ["wt. 22.08.2017", "kolacja", "37", "18", "10", "5", "4"],
        ["śr. 23.08.2017", "śniadanie", "37", "18", "10", "5", "4"],
        ["śr. 23.08.2017", "obiad", "40", "18", "12", "6", "4"],
    ]
    assert rows[header + 8] == []  # no breakfast on the first day, no dinner on the last


def test_rooming_counts_for_module_3(cli, tmp_path: Path) -> None:
    # By hand: all 40 registered stay at least one night. 15 people wish to share with someone
    # who has no wish of their own, is registered and has a night in common → 15 rooms of two.
    # The other 10 are "do przydziału". Night of the 21st: 37 people (not Ścibor, Wąsik, Pęczek);
    # all 15 pairs have someone there, and 9 of the 10 unassigned (not Pęczek) → 15 + ceil(9/2) = 20
    # rooms. Night of the 22nd: 37 (not Sadowska, Wróbel, Herman); 15 pairs + 9 unassigned → 20.
    rows = csv_rows(make(cli, Path("events"), tmp_path, "rooming", "csv"))
    header = next(i for i, r in enumerate(rows) if r[:2] == ["Pokój", "Imię i nazwisko"])
    table = rows[header + 1 : header + 41]
    assert rows[header + 41] == []
    rooms: dict[str, list[str]] = {}
    for row in table:
        rooms.setdefault(row[0], []).append(row[1])
    assert len(rooms["do przydziału"]) == 10
    assert sorted(len(v) for k, v in rooms.items() if k != "do przydziału") == [2] * 15
    assert ["Beata Czajka", "Łukasz Żółć"] in rooms.values()
    by_name = {row[1]: row for row in table}
    assert by_name["Ewa Ścibor"][3:6] == ["22.08.2017", "23.08.2017", "22.08"]
    assert by_name["Zofia Sadowska"][3:5] == ["21.08.2017", "22.08.2017"]
    assert by_name["Zofia Sadowska"][7] == "Dorota Adamczyk"
    footer = [r[0] for r in rows[header + 42 :]]
    assert footer == [
        "noc 21.08/22.08.2017: 37 osób, pokoje: 20 (15 przydzielone, 9 os. do przydziału)",
        "noc 22.08/23.08.2017: 37 osób, pokoje: 20 (15 przydzielone, 9 os. do przydziału)",
    ]


def test_rooming_mutual_wishes_first_and_impossible_wishes_listed(cli, example: Path, tmp_path: Path) -> None:
    module = example / "modules" / "modul-3.yaml"
    text = module.read_text(encoding="utf-8")
    text = text.replace(
        "    - participant: beata-czajka\n", "    - participant: beata-czajka\n      room_with: wojciech-mazur\n"
    )
    text = text.replace(
        "    - participant: wojciech-mazur\n", "    - participant: wojciech-mazur\n      room_with: beata-czajka\n"
    )
    module.write_text(text, encoding="utf-8")
    rows = csv_rows(make(cli, example, tmp_path, "rooming", "csv"))
    by_name = {r[1]: r for r in rows if len(r) > 7}
    assert by_name["Beata Czajka"][0] == "1" and by_name["Beata Czajka"][7] == "Wojciech Mazur"
    assert by_name["Łukasz Żółć"][0] == "do przydziału"
    flat = [r[0] for r in rows if len(r) == 1]
    assert "Życzenie niemożliwe do spełnienia: Łukasz Żółć → Beata Czajka: pokój 2-osobowy jest już pełny" in flat


def test_coach_contacts_and_activity_content(cli, tmp_path: Path) -> None:
    coach = csv_rows(make(cli, Path("events"), tmp_path, "coach", "csv"))
    assert ["14", "Łukasz Żółć", "Miasto Biała Podlaska", "'+48 540 706 657", ""] in coach
    assert ["Liczba pasażerów: 14"] in coach
    contacts = csv_rows(make(cli, Path("events"), tmp_path, "contacts", "csv"))
    row = next(r for r in contacts if len(r) > 1 and r[1] == "Łukasz Żółć")
    assert row[3:] == [
        "zastępca burmistrza",
        "lukasz.zolc@example.pl",
        "'+48 540 706 657",
        "Halina Nowicka h.nowicka@example.org +48 600 100 201",
    ]
    activity = csv_rows(make(cli, Path("events"), tmp_path, "activity", "csv"))
    assert ["spacer po warszawskiej Starówce – pon. 21.08.2017, godz. 18.20: 16 osób"] in activity


INJECTION = '=HYPERLINK("http://x","y")'


@pytest.fixture
def hostile(example: Path) -> Path:
    roster = example / "participants.yaml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace('name: "Monika Bartosik"', "name: '" + INJECTION + "'"), encoding="utf-8")
    return example


def test_csv_neutralises_formulas(cli, hostile: Path, tmp_path: Path) -> None:
    rows = csv_rows(make(cli, hostile, tmp_path, "contacts", "csv"))
    cells = [cell for row in rows for cell in row]
    assert "'" + INJECTION in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_xlsx_keeps_formulas_as_text(cli, hostile: Path, tmp_path: Path) -> None:
    path = make(cli, hostile, tmp_path, "attendance", "xlsx")
    sheet = openpyxl.load_workbook(path).active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == INJECTION)
    assert cell.data_type == "s"
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_html_escapes_everything(cli, hostile: Path, tmp_path: Path) -> None:
    roster = hostile / "participants.yaml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace('"Beata Czajka"', '"<script>x</script>"'), encoding="utf-8"
    )
    html = make(cli, hostile, tmp_path, "attendance", "html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html


def test_funding_logos_on_the_attendance_sheet(cli, example: Path, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (60, 30), (0, 51, 153)).save(example / "logo-ue.png")
    programme = example / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace("logos: []", "logos: [logo-ue.png]"), encoding="utf-8"
    )
    html = make(cli, example, tmp_path, "attendance", "html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html
    with zipfile.ZipFile(make(cli, example, tmp_path, "attendance", "xlsx")) as archive:
        assert any(name.startswith("xl/media/") for name in archive.namelist())
    reader = pypdf.PdfReader(make(cli, example, tmp_path, "attendance", "pdf"))
    assert reader.pages[0].images

    (example / "logo-ue.png").unlink()
    result = cli("attendees", "modul-3", "-f", "pdf", "-o", tmp_path / "x.pdf", "-p", example)
    assert result.exit_code == 1
    assert "logo-ue.png" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_default_path_and_no_silent_overwrite(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Path("events").resolve()
    monkeypatch.chdir(tmp_path)
    result = cli("attendees", "modul-3", "--kind", "coach", "--format", "pdf", "-p", project)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "modul-3-coach.pdf").is_file()
    assert "modul-3-coach.pdf" in result.stderr
    # Our own file is replaced on the next run, in every format …
    for fmt in ("pdf", "csv", "xlsx", "html"):
        for _ in range(2):
            again = cli("attendees", "modul-3", "-k", "coach", "-f", fmt, "-p", project)
            assert again.exit_code == 0, again.output
    # … a file the user wrote is not.
    mine = tmp_path / "notes.csv"
    excel_csv = "\ufeffImię i nazwisko;E-mail\r\nJan Kowalczyk;jan@example.pl\r\n".encode()
    mine.write_bytes(excel_csv)  # saved by Excel as "CSV UTF-8": a BOM, like ours
    result = cli("attendees", "modul-3", "-k", "coach", "-f", "csv", "-o", mine, "-p", project)
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert mine.read_bytes() == excel_csv
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html>\n<p>mine</p>\n", encoding="utf-8")
    assert cli("attendees", "modul-3", "-f", "html", "-o", page, "-p", project).exit_code == 1
    assert "mine" in page.read_text(encoding="utf-8")
    assert cli("attendees", "modul-3", "-k", "coach", "-f", "csv", "-o", mine, "--force", "-p", project).exit_code == 0
    assert mine.read_bytes().startswith(b"\xef\xbb\xbf")


def test_unknown_event_and_missing_coach(cli, example: Path, tmp_path: Path) -> None:
    result = cli("attendees", "modul-33", "-p", example, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 1 and "modul-3" in result.stderr
    result = cli("attendees", "siec-2018-10", "-k", "coach", "-f", "csv", "-p", example, "-o", tmp_path / "x.csv")
    assert result.exit_code == 1 and "has no coach" in result.stderr


def test_single_rooms_and_online_catering(cli, tmp_path: Path) -> None:
    # moderatorzy-2020-10: single rooms, three people staying one night each.
    rows = csv_rows(make_event(cli, tmp_path, "moderatorzy-2020-10", "rooming"))
    table = [r for r in rows if len(r) == 8 and r[0] != "Pokój"]
    assert [r[0] for r in table] == ["1", "2", "3"]
    assert {r[6] for r in table} == {"pokój 1-osobowy"}
    result = cli(
        "attendees",
        "moderatorzy-online-2020-11",
        "-k",
        "catering",
        "-f",
        "csv",
        "-o",
        tmp_path / "c.csv",
        "-p",
        "events",
    )
    assert result.exit_code == 1 and "has no meals" in result.stderr


def make_event(cli, out: Path, event: str, kind: str) -> Path:
    target = out / f"{event}-{kind}.csv"
    result = cli("attendees", event, "--kind", kind, "--format", "csv", "-o", target, "-p", "events")
    assert result.exit_code == 0, result.output
    return target


def test_tab_delimiter(cli, tmp_path: Path) -> None:
    path = make(cli, Path("events"), tmp_path, "coach", "csv", "--delimiter", "tab")
    assert ["Lp.", "Imię i nazwisko", "JST", "Telefon", "Podpis"] in csv_rows(path, "\t")
