"""`jstevents import-participants`: a messy form export merged into participants.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from jstevents.load.project import load_project

# Exported by a form tool and saved by Polish Excel: BOM, ";", stray spaces, a JST given by
# name, an e-mail in capitals, a person twice, a broken e-mail, a JST that does not exist.
MESSY = (
    "\ufeffImię i nazwisko;E-mail;Telefon;JST;Stanowisko;Dieta\r\n"
    "  Jan Kowalczyk ; jan.kowalczyk@example.pl ;+48 500 100 200; Miasto Rypin ;sekretarz gminy;\r\n"
    "Łukasz Żółć;LUKASZ.ZOLC@example.pl; +48 500 999 888 ;biala-podlaska;;wegańska\r\n"
    "Jan Kowalczyk;jan.kowalczyk@example.pl;;rypin;;\r\n"
    "Anna Bez;anna(at)example.pl;;rypin;;\r\n"
    "Ola Nieznana;ola.nieznana@example.pl;;Gmina Nibylandia;;\r\n"
    "Beata Czajka;beata.czajka@example.pl;+48 562 698 337;Miasto Biała Podlaska;;\r\n"
    "Ewelina Źrebiec;ewelina.zrebiec@example.pl;;powiat-krapkowicki;inspektor;wegetariańska\r\n"
)


@pytest.fixture
def export(example: Path) -> Path:
    path = example.parent / "zgloszenia.csv"
    path.write_bytes(MESSY.encode("utf-8"))
    return path


def participants(root: Path) -> dict:
    result = load_project(root, checks=False)
    assert not result.errors, result.errors
    assert result.project is not None
    return result.project.participants


def test_invalid_rows_are_reported_by_row_and_nothing_is_written(cli, example: Path, export: Path) -> None:
    before = (example / "participants.yaml").read_bytes()
    result = cli("import-participants", export, "-p", example)
    assert result.exit_code == 1
    errors = result.stderr
    assert "zgloszenia.csv:4:2: error[E022]: row 4, email: jan.kowalczyk@example.pl is already on row 2" in errors
    assert "zgloszenia.csv:5:2: error[E022]: row 5, email: 'anna(at)example.pl' is not an e-mail address" in errors
    assert "zgloszenia.csv:6:4: error[E022]: row 6, unit: unknown JST 'Gmina Nibylandia'" in errors
    assert "3 row(s) of the export are invalid; nothing was written" in result.stderr
    assert "--skip-invalid" in result.stderr
    assert (example / "participants.yaml").read_bytes() == before
    assert not list(example.glob("participants.yaml.bak-*"))


def test_dry_run_shows_the_plan_and_writes_nothing(cli, example: Path, export: Path) -> None:
    before = (example / "participants.yaml").read_bytes()
    result = cli("import-participants", export, "--dry-run", "--skip-invalid", "-p", example)
    assert result.exit_code == 0, result.output
    assert "2 to add, 1 to change, 1 unchanged, 3 invalid row(s)" in result.stdout
    assert "+ jan-kowalczyk: Jan Kowalczyk <jan.kowalczyk@example.pl> (rypin)" in result.stdout
    assert "+ ewelina-zrebiec: Ewelina Źrebiec" in result.stdout
    assert (
        "~ lukasz-zolc: phone: '+48 540 706 657' → '+48 500 999 888'; diet: 'standardowa' → 'wegańska'" in result.stdout
    )
    assert "Dry run: nothing written." in result.stdout
    assert (example / "participants.yaml").read_bytes() == before


def test_merge_adds_changes_keeps_everyone_and_a_backup(cli, example: Path, export: Path) -> None:
    roster = example / "participants.yaml"
    before_text = roster.read_text(encoding="utf-8")
    before = participants(example)
    result = cli("import-participants", export, "--skip-invalid", "-p", example)
    assert result.exit_code == 0, result.output
    assert "participants.yaml.bak-1" in result.stdout
    assert (example / "participants.yaml.bak-1").read_text(encoding="utf-8") == before_text

    after = participants(example)
    assert set(before) <= set(after)  # nobody dropped
    assert set(after) - set(before) == {"jan-kowalczyk", "ewelina-zrebiec"}
    emails = [p.email.lower() for p in after.values()]
    assert len(emails) == len(set(emails))  # nobody twice
    assert after["jan-kowalczyk"].unit == "rypin"
    assert after["jan-kowalczyk"].phone == "+48 500 100 200"
    assert after["ewelina-zrebiec"].diet == "wegetariańska"
    assert after["lukasz-zolc"].phone == "+48 500 999 888"
    assert after["lukasz-zolc"].diet == "wegańska"
    assert after["lukasz-zolc"].role == "zastępca burmistrza"  # an empty cell erases nothing
    for pid in set(before) - {"lukasz-zolc"}:
        assert after[pid] == before[pid]

    text = roster.read_text(encoding="utf-8")
    # Comments and the layout of untouched entries survive.
    assert text.startswith("# yaml-language-server: $schema=jstevents.schema.json\n# Fictitious participants")
    assert '  - id: beata-czajka\n    name: "Beata Czajka"\n' in text
    assert text.endswith(
        '  - id: ewelina-zrebiec\n    name: "Ewelina Źrebiec"\n    unit: powiat-krapkowicki\n'
        '    role: "inspektor"\n    email: "ewelina.zrebiec@example.pl"\n    diet: "wegetariańska"\n'
    )
    # The whole project still validates.
    assert cli("validate", "-p", example).exit_code == 0


def test_importing_again_changes_nothing(cli, example: Path, export: Path) -> None:
    assert cli("import-participants", export, "--skip-invalid", "-p", example).exit_code == 0
    once = (example / "participants.yaml").read_bytes()
    result = cli("import-participants", export, "--skip-invalid", "-p", example)
    assert result.exit_code == 0, result.output
    assert "0 to add, 0 to change, 4 unchanged" in result.stdout
    assert "Nothing to change." in result.stdout
    assert (example / "participants.yaml").read_bytes() == once
    assert not (example / "participants.yaml.bak-2").exists()


def test_xlsx_export_with_own_column_names(cli, example: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nazwisko i imię", "Adres e-mail", "Gmina"])
    sheet.append(["Celina Ćma", "celina.cma@example.pl", "Miasto Żory"])
    path = example.parent / "form.xlsx"
    book.save(path)
    result = cli("import-participants", path, "-p", example, "--dry-run")
    assert result.exit_code == 1
    assert "no column 'Imię i nazwisko'" in result.stderr and "--columns" in result.stderr

    result = cli(
        "import-participants", path, "-p", example, "--columns", "name=Nazwisko i imię,email=Adres e-mail,unit=Gmina"
    )
    assert result.exit_code == 0, result.output
    assert participants(example)["celina-cma"].unit == "zory"


def test_column_mapping_from_a_yaml_file(cli, example: Path) -> None:
    mapping = example.parent / "kolumny.yaml"
    mapping.write_text('email: "Adres e-mail"\nunit: "Gmina"\n', encoding="utf-8")
    export = example.parent / "form.csv"
    export.write_text("Imię i nazwisko,Adres e-mail,Gmina\nCelina Ćma,celina.cma@example.pl,zory\n", encoding="utf-8")
    result = cli("import-participants", export, "--columns", mapping, "-p", example)
    assert result.exit_code == 0, result.output
    assert "celina-cma" in participants(example)


def test_a_merge_that_would_not_validate_is_rolled_back(cli, example: Path) -> None:
    roster = example / "participants.yaml"
    before = roster.read_bytes()
    # The unit of the new person is known, but their network is not: the merged file is invalid.
    export = example.parent / "form.csv"
    export.write_text(
        "Imię i nazwisko;E-mail;JST;Sieć\nCelina Ćma;celina.cma@example.pl;zory;nie-ma-takiej\n", encoding="utf-8"
    )
    result = cli("import-participants", export, "-p", example)
    assert result.exit_code == 1
    assert "put back as it was" in result.stderr
    assert roster.read_bytes() == before


def test_flow_style_entries_are_edited_in_place(cli, example: Path) -> None:
    roster = example / "participants.yaml"
    roster.write_text(
        "# Two people written on one line each.\n"
        "participants:\n"
        '  - { id: lukasz-zolc, name: "Łukasz Żółć", unit: biala-podlaska, email: lukasz.zolc@example.pl }\n'
        '  - { id: beata-czajka, name: "Beata Czajka", unit: biala-podlaska, email: beata.czajka@example.pl }'
        "  # a comment after the last entry\n",
        encoding="utf-8",
    )
    modules = example / "modules" / "modul-3.yaml"
    modules.unlink()  # its registrations name people this small roster no longer has
    (example / "meetings" / "siec-2018-10.yaml").unlink()
    for training in (example / "trainings").glob("*.yaml"):
        training.unlink()
    export = example.parent / "form.csv"
    export.write_text(
        "Imię i nazwisko;E-mail;JST;Telefon\n"
        "Łukasz Żółć;lukasz.zolc@example.pl;biala-podlaska;+48 500 999 888\n"
        "Celina Ćma;celina.cma@example.pl;zory;\n",
        encoding="utf-8",
    )
    result = cli("import-participants", export, "-p", example)
    assert result.exit_code == 0, result.output
    text = roster.read_text(encoding="utf-8")
    assert text.startswith("# Two people written on one line each.\n")
    assert 'email: lukasz.zolc@example.pl, phone: "+48 500 999 888" }' in text
    assert "email: beata.czajka@example.pl }  # a comment after the last entry\n  - id: celina-cma\n" in text
    assert text.endswith('    name: "Celina Ćma"\n    unit: zory\n    email: "celina.cma@example.pl"\n')
    assert set(participants(example)) == {"lukasz-zolc", "beata-czajka", "celina-cma"}


def test_a_folded_value_is_replaced_without_joining_lines(cli, example: Path) -> None:
    roster = example / "participants.yaml"
    text = roster.read_text(encoding="utf-8").replace(
        '    role: "zastępca burmistrza"\n', "    role: >-\n      zastępca\n      burmistrza\n", 1
    )
    roster.write_text(text, encoding="utf-8")
    assert participants(example)["lukasz-zolc"].role == "zastępca burmistrza"
    export = example.parent / "form.csv"
    export.write_text(
        "Imię i nazwisko;E-mail;JST;Stanowisko\nŁukasz Żółć;lukasz.zolc@example.pl;biala-podlaska;burmistrz\n",
        encoding="utf-8",
    )
    result = cli("import-participants", export, "-p", example)
    assert result.exit_code == 0, result.output
    assert '    role: "burmistrz"\n    email: lukasz.zolc@example.pl\n' in roster.read_text(encoding="utf-8")
    assert participants(example)["lukasz-zolc"].role == "burmistrz"


def test_old_excel_files_are_refused_with_a_way_out(cli, example: Path) -> None:
    old = example.parent / "zgloszenia.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0not really")
    result = cli("import-participants", old, "-p", example)
    assert result.exit_code == 1
    assert ".xls files cannot be read" in result.stderr and "CSV UTF-8" in result.stderr
