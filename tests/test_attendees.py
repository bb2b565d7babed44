"""`jstevents attendees`: every kind of list in every format, read back as a user would see it."""

from __future__ import annotations

import csv
import html
import io
import itertools
import re
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


def csv_records(path: Path, delimiter: str = ";") -> tuple[list[str], list[dict[str, str]]]:
    """The list as Word's mail merge or pandas read it: the first line names the columns."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        records = list(reader)
        return list(reader.fieldnames or []), records


def pdf_text(path: Path) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(path)
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def html_text(path: Path) -> str:
    """What a browser shows: the text of the page without its markup."""
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


#: The columns of each list in CSV, in order: the header row is the file's first line.
COLUMNS = {
    "attendance": ["Lp.", "Imię i nazwisko", "JST", "Podpis pon. 21.08.2017", "Podpis wt. 22.08.2017",
                   "Podpis śr. 23.08.2017"],
    "rooming": ["Pokój", "Imię i nazwisko", "JST", "Przyjazd", "Wyjazd", "Noce", "Noclegi", "Uwagi"],
    "coach": ["Lp.", "Imię i nazwisko", "JST", "Telefon", "Tam", "Powrót", "Podpis"],
    "catering": ["Dzień", "Posiłek", "Uczestnicy", "Trenerzy, goście i obsługa", "Razem", "w tym standardowa",
                 "w tym wegetariańska", "w tym wegańska", "w tym bezglutenowa"],
    "contacts": ["Lp.", "Imię i nazwisko", "JST", "Stanowisko", "E-mail", "Telefon", "Ekspert opiekun",
                 "E-mail opiekuna", "Telefon opiekuna"],
    "activity": ["Lp.", "Imię i nazwisko", "JST", "Telefon", "Zajęcia"],
}  # fmt: skip
ROWS = {"attendance": 40, "rooming": 40, "coach": 14, "catering": 7, "contacts": 40, "activity": 15}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_every_format(cli, tmp_path: Path, kind: str, fmt: str) -> None:
    path = make(cli, Path("events"), tmp_path, kind, fmt)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data
    if fmt == "csv":
        # The table and nothing else: the header row first, one record per row.
        columns, records = csv_records(path)
        assert columns == COLUMNS[kind]
        assert len(records) == ROWS[kind]
        assert all(None not in r and all(v is not None for v in r.values()) for r in records)
        assert "Moduł III szkolenia" not in path.read_text(encoding="utf-8-sig")
        text = "\n".join(";".join(r.values()) for r in records)
    elif fmt == "xlsx":
        sheet = openpyxl.load_workbook(path).active
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
        assert "Moduł III szkolenia" in text
    elif fmt == "pdf":
        text = pdf_text(path)[1]
        assert "Moduł III szkolenia" in text
    else:
        text = html_text(path)
        assert "Moduł III szkolenia" in text
    if kind != "catering":
        assert "Łukasz Żółć" in text


def test_attendance_csv_is_grouped_and_in_polish_order(cli, tmp_path: Path) -> None:
    _, records = csv_records(make(cli, Path("events"), tmp_path, "attendance", "csv"))
    assert [r["Imię i nazwisko"] for r in records] == NAMES_IN_ORDER
    assert [r["Lp."] for r in records] == [str(i) for i in range(1, 41)]
    assert [r["JST"] for r in records] == [unit for unit, names in ATTENDANCE_ORDER for _ in names]
    flat = "\n".join(";".join(r.values()) for r in records)
    assert "@example.pl" not in flat and "+48" not in flat  # no e-mails or phones on the sheet
    # Days a person is not expected (from their nights and registered days) carry a dash.
    by_name = {r["Imię i nazwisko"]: r for r in records}
    assert by_name["Krzysztof Wąsik"]["Podpis pon. 21.08.2017"] == "—"
    assert by_name["Krzysztof Wąsik"]["Podpis wt. 22.08.2017"] == ""
    assert by_name["Zofia Sadowska"]["Podpis śr. 23.08.2017"] == "—"
    dashes = sum(1 for r in records for k, v in r.items() if k.startswith("Podpis") and v == "—")
    assert dashes == 5  # Wąsik, Pęczek on the 21st; Sadowska, Herman, Wróbel on the 23rd


def test_csv_delimiter_option(cli, tmp_path: Path) -> None:
    path = make(cli, Path("events"), tmp_path, "coach", "csv", "--delimiter", ",")
    assert csv_records(path, ",")[0] == COLUMNS["coach"]


def test_attendance_xlsx_reads_back(cli, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(make(cli, Path("events"), tmp_path, "attendance", "xlsx"))
    sheet = book.active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values, 1) if row[:3] == ["Lp.", "Imię i nazwisko", "JST"])
    names = [values[i][1] for i in range(header, header + 40)]
    assert names == NAMES_IN_ORDER
    assert [values[i][0] for i in range(header, header + 40)] == list(range(1, 41))  # numbers, not text
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.print_title_rows == f"${header}:${header}"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.cell(row=header, column=2).font.b
    assert sheet.column_dimensions["B"].width >= len("Stanisław Dąbrowski")
    # Every printed page says what it is; the funding marking is not a cell that widens column A.
    assert "Lista obecności" in sheet.oddHeader.left.text and "Moduł III szkolenia" in sheet.oddHeader.left.text
    assert "21–23 sierpnia 2017" in sheet.oddHeader.right.text
    assert "strona &P z &N" in sheet.oddFooter.right.text
    assert all(len(str(row[0] or "")) < 100 or sheet.merged_cells for row in values)
    assert "Ewa Kruk (trener)" in [row[1] for row in values]  # the trainer signs too


def test_catering_counts_are_numbers_in_xlsx(cli, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(make(cli, Path("events"), tmp_path, "catering", "xlsx")).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[:2] == ["Dzień", "Posiłek"])
    totals = [row[4] for row in values[header + 1 : header + 8]]
    assert totals == [38, 38, 38, 40, 37, 37, 37]
    assert sum(totals) == 265  # Excel's SUM works on them


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def test_attendance_pdf_reads_back(cli, tmp_path: Path) -> None:
    path = make(cli, Path("events"), tmp_path, "attendance", "pdf")
    reader, text = pdf_text(path)
    positions = [text.index(name) for name in NAMES_IN_ORDER]
    assert positions == sorted(positions)
    pages = page_texts(path)
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        # A loose page can be traced: the list, the event, its dates and its page number.
        assert "Lista obecności · Moduł III szkolenia" in page
        assert "21–23 sierpnia 2017 r." in page
        assert f"strona {number} z {len(pages)}" in page
        assert "Imię i nazwisko" in page  # the header row is repeated
        assert "Europejskiego Funduszu Społecznego" in page  # the funding marking on every page
    assert all(reader.pages[i].images for i in range(len(pages)))  # the logo strip too
    # The JST is the group's heading, not a column next to the signatures.
    assert "Lp. Imię i nazwisko Podpis pon. 21.08.2017" in text
    # One row for each trainer, to sign on each day.
    assert "Prowadzący\nEwa Kruk (trener)" in text


def header_positions(path: Path, page: int = 0) -> dict[str, float]:
    """Where each text of the table's header starts on the page, in points from the left."""
    found: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.setdefault(text.strip(), cm[4] + tm[4] * cm[0])

    pypdf.PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return found


def test_signature_boxes_are_40_mm_wide(cli, tmp_path: Path) -> None:
    positions = header_positions(make(cli, Path("events"), tmp_path, "attendance", "pdf"))
    starts = sorted(x for text, x in positions.items() if text.startswith("Podpis"))
    assert len(starts) == 3
    mm = 72 / 25.4
    assert all(b - a >= 40 * mm - 0.5 for a, b in itertools.pairwise(starts))


def test_portrait_when_the_columns_fit(cli, tmp_path: Path) -> None:
    path = make(cli, Path("events"), tmp_path, "coach", "pdf")
    reader, text = pdf_text(path)
    box = reader.pages[0].mediabox
    assert box.width < box.height
    assert len(reader.pages) == 1
    assert "podstawiony pod KINOTEKĘ" in text
    assert "Przejazd tam: 13 osób; z powrotem: 13 osób" in text
    # Phone numbers are never broken across lines.
    assert len(re.findall(r"\+48 \d{3} \d{3} \d{3}", text)) == 14


def test_outputs_are_byte_identical_from_run_to_run(cli, tmp_path: Path) -> None:
    for fmt in FORMATS:
        first = make(cli, Path("events"), tmp_path / "a", "attendance", fmt).read_bytes()
        second = make(cli, Path("events"), tmp_path / "b", "attendance", fmt).read_bytes()
        assert first == second, fmt


def test_catering_counts_for_module_3(cli, tmp_path: Path) -> None:
    # Worked out by hand from events/modules/modul-3.yaml and the diets in participants.yaml.
    # 40 registrations: 18 standard, 12 vegetarian, 6 vegan, 4 gluten-free.
    # Night 21/22 only: Zofia Sadowska (veg.), Barbara Wróbel (veg.), Mariusz Herman (vegan):
    #   there on the 21st and 22nd. Night 22/23 only: Krzysztof Wąsik (veg.), Teresa Pęczek (std):
    #   there on the 22nd and 23rd. Everybody else has both nights.
    # → the 21st: 38 = 17 std + 11 veg. + 6 vegan + 4 gf (lunch, and dinner before the night);
    #   the 22nd: breakfast after night 21 (38), lunch (40), dinner before night 22
    #   (37 = 18 std + 10 veg. + 5 vegan + 4 gf); the 23rd: breakfast (37) and the closing lunch
    #   for those there (37). Nobody who is away that day is counted.
    columns, records = csv_records(make(cli, Path("events"), tmp_path, "catering", "csv"))
    counts = [[r[c] for c in columns[:2] + columns[4:]] for r in records]
    assert counts == [
        ["pon. 21.08.2017", "obiad", "38", "17", "11", "6", "4"],
        ["pon. 21.08.2017", "kolacja", "38", "17", "11", "6", "4"],
        ["wt. 22.08.2017", "śniadanie", "38", "17", "11", "6", "4"],
        ["wt. 22.08.2017", "obiad", "40", "18", "12", "6", "4"],
        ["wt. 22.08.2017", "kolacja", "37", "18", "10", "5", "4"],
        ["śr. 23.08.2017", "śniadanie", "37", "18", "10", "5", "4"],
        ["śr. 23.08.2017", "obiad", "37", "18", "10", "5", "4"],
    ]  # no breakfast on the first day, no dinner on the last


def test_catering_counts_the_staff(cli, example: Path, tmp_path: Path) -> None:
    module = example / "modules" / "modul-3.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("\n  registrations:", "\n  staff: 2\n  registrations:", 1), encoding="utf-8")
    _, records = csv_records(make(cli, example, tmp_path, "catering", "csv"))
    assert [(r["Uczestnicy"], r["Trenerzy, goście i obsługa"], r["Razem"]) for r in records][:2] == [
        ("38", "2", "40"),
        ("38", "2", "40"),
    ]


def test_rooming_counts_for_module_3(cli, tmp_path: Path) -> None:
    # By hand: all 40 registered stay at least one night. 15 wishes pair 30 people; the other 10
    # have no one of their JST and gender left to share with: "do przydziału". Night of the
    # 21st: 38 people (not Wąsik, Pęczek); all 15 rooms have someone there, and 9 of the 10
    # unassigned (not Pęczek) → 15 + ceil(9/2) = 20 rooms. Night of the 22nd: 37 (not Sadowska,
    # Wróbel, Herman); 15 rooms + 9 unassigned (not Herman) → 20.
    path = make(cli, Path("events"), tmp_path, "rooming", "csv")
    _, records = csv_records(path)
    rooms: dict[str, list[str]] = {}
    for record in records:
        rooms.setdefault(record["Pokój"], []).append(record["Imię i nazwisko"])
    assert len(rooms[""]) == 10
    assert all(r["Uwagi"] == "do przydziału" for r in records if not r["Pokój"])
    assert sorted(len(v) for k, v in rooms.items() if k) == [2] * 15
    assert ["Beata Czajka", "Łukasz Żółć"] in rooms.values()
    assert ["Dorota Adamczyk", "Zofia Sadowska"] in rooms.values()
    by_name = {r["Imię i nazwisko"]: r for r in records}
    wasik = by_name["Krzysztof Wąsik"]
    assert [wasik[c] for c in ("Przyjazd", "Wyjazd", "Noce", "Noclegi")] == ["22.08.2017", "23.08.2017", "1", "22.08"]
    assert [by_name["Zofia Sadowska"][c] for c in ("Przyjazd", "Wyjazd")] == ["21.08.2017", "22.08.2017"]
    shown = html_text(make(cli, Path("events"), tmp_path, "rooming", "html"))
    assert "noc 21.08/22.08.2017: 38 osób, 20 pokoi (15 przydzielonych, do przydziału: 9 osób)" in shown
    assert "noc 22.08/23.08.2017: 37 osób, 20 pokoi (15 przydzielonych, do przydziału: 9 osób)" in shown
    assert "Bez pary – do przydziału" in shown


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
    _, records = csv_records(make(cli, example, tmp_path, "rooming", "csv"))
    room = {r["Imię i nazwisko"]: r["Pokój"] for r in records}
    assert room["Beata Czajka"] == room["Wojciech Mazur"] != ""
    assert room["Łukasz Żółć"] == ""
    shown = html_text(make(cli, example, tmp_path, "rooming", "html"))
    assert "Życzenie niemożliwe do spełnienia: Łukasz Żółć → Beata Czajka: pokój 2-osobowy jest już pełny" in shown


def test_rooming_proposes_pairs_inside_one_jst(cli, example: Path, tmp_path: Path) -> None:
    # Without the wish of Łukasz Żółć, the three of Biała Podlaska are alone: the two men are
    # proposed as a pair, Beata Czajka stays to be assigned.
    module = example / "modules" / "modul-3.yaml"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("      room_with: beata-czajka\n", "", 1), encoding="utf-8")
    _, records = csv_records(make(cli, example, tmp_path, "rooming", "csv"))
    by_name = {r["Imię i nazwisko"]: r for r in records}
    assert by_name["Łukasz Żółć"]["Pokój"] == by_name["Wojciech Mazur"]["Pokój"] != ""
    assert by_name["Łukasz Żółć"]["Uwagi"] == "propozycja: ta sama JST, do potwierdzenia"
    assert by_name["Beata Czajka"]["Pokój"] == ""
    shown = html_text(make(cli, example, tmp_path, "rooming", "html"))
    assert "(propozycja)" in shown and "1 proponowany" in shown


def test_coach_contacts_and_activity_content(cli, tmp_path: Path) -> None:
    _, coach = csv_records(make(cli, Path("events"), tmp_path, "coach", "csv"))
    assert list(coach[-1].values()) == [
        "14",
        "Łukasz Żółć",
        "Miasto Biała Podlaska",
        "'+48 540 706 657",
        "tak",
        "tak",
        "",
    ]
    one_way = {r["Imię i nazwisko"]: (r["Tam"], r["Powrót"]) for r in coach}
    assert one_way["Teresa Pęczek"] == ("—", "tak") and one_way["Barbara Wróbel"] == ("tak", "—")
    _, contacts = csv_records(make(cli, Path("events"), tmp_path, "contacts", "csv"))
    row = next(r for r in contacts if r["Imię i nazwisko"] == "Łukasz Żółć")
    assert list(row.values())[3:] == [
        "zastępca burmistrza",
        "lukasz.zolc@example.pl",
        "'+48 540 706 657",
        "Halina Nowicka",
        "h.nowicka@example.org",
        "'+48 600 100 201",
    ]
    # Printed, the mentor is said once per JST, not in every row.
    printed = pdf_text(make(cli, Path("events"), tmp_path, "contacts", "pdf"))[1]
    assert "Miasto Biała Podlaska – ekspert opiekun: Halina Nowicka, h.nowicka@example.org, +48 600 100 201" in printed
    assert printed.count("h.nowicka@example.org") == 4  # her four JSTs
    _, activity = csv_records(make(cli, Path("events"), tmp_path, "activity", "csv"))
    assert len(activity) == 15
    shown = html_text(make(cli, Path("events"), tmp_path, "activity", "html"))
    assert "spacer po warszawskiej Starówce – pon. 21.08.2017, godz. 18.20: 15 osób" in shown


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
    text = programme.read_text(encoding="utf-8")
    programme.write_text(re.sub(r"logos: \[.*\]", "logos: [logo-ue.png]", text), encoding="utf-8")
    html_page = make(cli, example, tmp_path, "attendance", "html").read_text(encoding="utf-8")
    assert html_page.count("data:image/png;base64,") == 1
    with zipfile.ZipFile(make(cli, example, tmp_path, "attendance", "xlsx")) as archive:
        assert any(name.startswith("xl/media/") for name in archive.namelist())
    reader = pypdf.PdfReader(make(cli, example, tmp_path, "attendance", "pdf"))
    assert all(page.images for page in reader.pages)

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
    _, records = csv_records(make_event(cli, tmp_path, "moderatorzy-2020-10", "rooming"))
    assert [r["Pokój"] for r in records] == ["1", "2", "3"]
    assert {r["Noce"] for r in records} == {"1"}
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
    assert csv_records(path, "\t")[0] == COLUMNS["coach"]


def test_without_trainers_the_sheet_leaves_a_row_to_write_one_in(cli, tmp_path: Path) -> None:
    # The network meeting names no trainer: a row to fill in by hand, not a nameless line.
    path = tmp_path / "siec.pdf"
    result = cli("attendees", "siec-2018-10", "-f", "pdf", "-o", path, "-p", "events")
    assert result.exit_code == 0, result.output
    text = pdf_text(path)[1]
    assert "Prowadzący (wpisać imię i nazwisko)" in text
    assert "Podpis trenera" not in text


def test_an_online_event_gets_a_log_in_list_not_signatures(cli, tmp_path: Path) -> None:
    path = tmp_path / "online.csv"
    result = cli("attendees", "moderatorzy-online-2020-11", "-f", "csv", "-o", path, "-p", "events")
    assert result.exit_code == 0, result.output
    columns, records = csv_records(path)
    assert columns == ["Lp.", "Imię i nazwisko", "JST", "Zalogowanie wt. 17.11.2020 (godz.)", "Uwagi"]
    assert len(records) == 2
    pdf = tmp_path / "online.pdf"
    assert cli("attendees", "moderatorzy-online-2020-11", "-f", "pdf", "-o", pdf, "-p", "events").exit_code == 0
    text = pdf_text(pdf)[1]
    assert "Lista potwierdzenia obecności (spotkanie online)" in text and "Podpis" not in text
