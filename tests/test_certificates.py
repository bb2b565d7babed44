"""`jstevents certificates`: a numbered certificate for each person who completed module III, their
register, QR codes that `verify` accepts and tampered ones it rejects, numbers given once."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest

COMPLETED = 34


@pytest.fixture
def fresh(example: Path) -> Path:
    """The example before any certificate was issued: no ledger, no key."""
    for name in ("certificates.json", "certificate-key"):
        (example / ".jstevents" / name).unlink(missing_ok=True)
    return example


def _issue(cli, project: Path, out: Path, *args: str) -> object:
    done = cli("certificates", "modul-3", "-p", project, "-o", out, *args)
    assert done.exit_code == 0, done.output
    return done


def _text(pdf: Path) -> str:
    import pypdf

    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(pdf).pages)


def _register(out: Path) -> list[dict[str, str]]:
    text = (out / "modul-3" / "zaswiadczenia" / "rejestr.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_certificate_for_each_person_who_completed(cli, fresh: Path, tmp_path: Path) -> None:
    example = fresh
    out = tmp_path / "out"
    done = _issue(cli, example, out)
    folder = out / "modul-3" / "zaswiadczenia"
    assert f"{COMPLETED} certificate(s) of modul-3 ({COMPLETED} newly numbered)" in done.stdout
    assert (
        "not issued: mariusz-herman (Mariusz Herman), present 73\u00a0% of the hours: did not complete" in done.stdout
    )
    register = _register(out)
    assert len(register) == COMPLETED
    assert register[0] == {
        "Lp.": "1",
        "Numer": "ORE/2017/modul-3/001",
        "Imię i nazwisko": "Monika Bartosik",
        "JST": "Gmina Miedźna",
        "Wydarzenie": "Moduł III szkolenia",
        "Termin": "21.08.2017–23.08.2017",
        "Godziny": "18,5 z 18,5",
        "Data wydania": "23.08.2017",
        "Uwagi": "",
    }
    for row in register:
        pdf = folder / (row["Numer"].replace("/", "-") + ".pdf")
        text = _text(pdf)
        assert f"nr {row['Numer']}" in text and row["Imię i nazwisko"] in text, pdf
        assert "Wymiar: 18,5 godziny" in text and "Obecność: 18,5 godziny (100 %)" in text
    every = _text(folder / "zaswiadczenia.pdf")
    assert every.count("ZAŚWIADCZENIE") == COMPLETED
    assert "Mariusz Herman" not in every
    assert "współfinansowany przez Unię Europejską" in every and "Jan Przykładowy Kierownik projektu" in every


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_qr_code_decodes_to_what_verify_accepts(cli, fresh: Path, tmp_path: Path) -> None:
    example = fresh
    import zxingcpp
    from PIL import Image

    out = tmp_path / "out"
    _issue(cli, example, out)
    pdf = out / "modul-3" / "zaswiadczenia" / "ORE-2017-modul-3-007.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, tmp_path / "page"], check=True)
    [code] = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    assert code.text.startswith("ZAS:ORE/2017/modul-3/007:")
    assert code.text.rpartition(":")[2] in _text(pdf)  # the digest is printed beside the code too
    good = cli("certificates", "verify", code.text, "-p", example)
    assert good.exit_code == 0, good.output
    assert "ORE/2017/modul-3/007: genuine, issued to" in good.stdout and "number and code match" in good.stdout
    number, _, digest = code.text.rpartition(":")
    tampered = [
        f"{number}:{digest[:-1]}{'0' if digest[-1] != '0' else '1'}",  # the digest altered
        f"{number.replace('007', '008')}:{digest}",  # another person's number with this digest
        f"{number.replace('007', '099')}:{digest}",  # a number never given
    ]
    for text in tampered:
        bad = cli("certificates", "verify", text, "-p", example)
        assert bad.exit_code == 1 and "NOT VALID" in bad.stdout, text
    assert cli("certificates", "verify", "ORE/2017/modul-3/007", "-p", example).exit_code == 0


def test_twice_the_same_numbers_and_bytes_and_a_late_attendee_one_new_number(cli, fresh: Path, tmp_path: Path) -> None:
    example = fresh
    first, second = tmp_path / "one", tmp_path / "two"
    _issue(cli, example, first)
    ledger = (example / ".jstevents" / "certificates.json").read_bytes()
    again = _issue(cli, example, second)
    assert "(0 newly numbered)" in again.stdout
    assert _tree(first) == _tree(second)
    assert (example / ".jstevents" / "certificates.json").read_bytes() == ledger
    # Mariusz Herman's third day was missing from the sheet: recorded now, he completed.
    path = example / "modules" / "modul-3.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("participant: mariusz-herman")
    end = text.index("attended:", at)
    line_end = text.index("\n", end)
    path.write_text(text[:end] + "attended: [2017-08-21, 2017-08-22, 2017-08-23]" + text[line_end:], encoding="utf-8")
    late = _issue(cli, example, tmp_path / "three")
    assert f"{COMPLETED + 1} certificate(s) of modul-3 (1 newly numbered)" in late.stdout
    assert "+ ORE/2017/modul-3/035: mariusz-herman" in late.stdout
    before = {row["Numer"]: row["Imię i nazwisko"] for row in _register(first)}
    after = {row["Numer"]: row["Imię i nazwisko"] for row in _register(tmp_path / "three")}
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"ORE/2017/modul-3/035"}


def test_forced_and_revoked_certificates_are_in_the_register(cli, fresh: Path, tmp_path: Path) -> None:
    example = fresh
    out = tmp_path / "out"
    _issue(cli, example, out)
    forced = _issue(cli, example, out, "--force", "mariusz-herman")
    assert "+ ORE/2017/modul-3/035: mariusz-herman (--force)" in forced.stdout
    row = _register(out)[-1]
    assert row["Imię i nazwisko"] == "Mariusz Herman" and row["Uwagi"] == "wydane mimo nieukończenia (73\u00a0% godzin)"
    text = _text(out / "modul-3" / "zaswiadczenia" / "ORE-2017-modul-3-035.pdf")
    assert "uczestniczył(a) w" in text and "Obecność: 13,5 godziny (73 %)" in text
    revoked = cli(
        "certificates", "revoke", "ORE/2017/modul-3/035", "--reason", "błąd", "-p", example, "--today", "2017-09-01"
    )
    assert revoked.exit_code == 0, revoked.output
    check = cli("certificates", "verify", "ORE/2017/modul-3/035", "-p", example)
    assert check.exit_code == 1 and "revoked on 2017-09-01 (błąd)" in check.stdout
    _issue(cli, example, out)
    rows = _register(out)
    assert rows[-1]["Numer"] == "ORE/2017/modul-3/035"
    assert rows[-1]["Uwagi"] == "wydane mimo nieukończenia (73\u00a0% godzin); unieważnione 01.09.2017: błąd"
    assert "ORE/2017/modul-3/035" not in _text(out / "modul-3" / "zaswiadczenia" / "zaswiadczenia.pdf")
    assert len(rows) == 35 and not (out / "modul-3" / "zaswiadczenia" / "ORE-2017-modul-3-035.pdf").exists()
    # Revoked for a mistake, the certificate of somebody who completed is issued again under a new number.
    assert cli("certificates", "revoke", "ORE/2017/modul-3/001", "-p", example).exit_code == 0
    again = _issue(cli, example, out)
    assert "+ ORE/2017/modul-3/036: monika-bartosik" in again.stdout
    assert cli("certificates", "verify", "ORE/2017/modul-3/001", "-p", example).exit_code == 1
    unknown = cli("certificates", "modul-3", "-p", example, "-o", out, "--force", "nikt")
    assert unknown.exit_code == 1 and "--force nikt: no participant of 'modul-3'" in unknown.stderr


def test_personal_fields_come_only_from_the_ignored_file(cli, fresh: Path, tmp_path: Path) -> None:
    example = fresh
    programme = example / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            '    signatory_role: "Kierownik projektu"',
            '    signatory_role: "Kierownik projektu"\n    personal_fields: [birth_date, birth_place]',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    missing = cli("certificates", "modul-3", "-p", example, "-o", out)
    assert missing.exit_code == 1 and "personal.yaml does not exist" in missing.stderr
    assert "personal.yaml" in (example / ".jstevents" / ".gitignore").read_text().splitlines()
    (example / ".jstevents" / "personal.yaml").write_text(
        "\n".join(f"{row.split('participant: ')[1]}: {{birth_date: 1980-05-01, birth_place: Kraków}}"
                  for row in (example / "modules" / "modul-3.yaml").read_text().splitlines() if "participant: " in row),
        encoding="utf-8",
    )  # fmt: skip
    _issue(cli, example, out)
    text = _text(out / "modul-3" / "zaswiadczenia" / "ORE-2017-modul-3-001.pdf")
    assert "data urodzenia: 1 maja 1980 r." in text and "miejsce urodzenia: Kraków" in text


def test_the_template_is_the_projects_own_when_it_has_one(cli, fresh: Path, tmp_path: Path) -> None:
    example = fresh
    from helpers import REPO

    own = (
        (REPO / "templates" / "certificate.typ")
        .read_text(encoding="utf-8")
        .replace('"ZAŚWIADCZENIE"', '"ZAŚWIADCZENIE O UKOŃCZENIU"')
    )
    (example / "templates").mkdir()
    (example / "templates" / "certificate.typ").write_text(own, encoding="utf-8")
    out = tmp_path / "out"
    _issue(cli, example, out)
    assert "ZAŚWIADCZENIE O UKOŃCZENIU" in _text(out / "modul-3" / "zaswiadczenia" / "ORE-2017-modul-3-001.pdf")


def test_no_certificates_without_recorded_attendance(cli, fresh: Path, tmp_path: Path) -> None:
    example = fresh
    done = cli("certificates", "siec-2018-10", "-p", example, "-o", tmp_path / "out")
    assert done.exit_code == 1 and "has no recorded attendance" in done.stderr
    assert not (tmp_path / "out").exists() and not (example / ".jstevents" / "certificates.json").exists()


def test_the_examples_ledger_is_what_issuing_module_iii_gives(cli, fresh: Path, tmp_path: Path) -> None:
    from helpers import EXAMPLE

    _issue(cli, fresh, tmp_path / "out")
    committed = (EXAMPLE / ".jstevents" / "certificates.json").read_text(encoding="utf-8")
    assert (fresh / ".jstevents" / "certificates.json").read_text(encoding="utf-8") == committed
    ignored = (EXAMPLE / ".jstevents" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "certificate-key" in ignored and "personal.yaml" in ignored


def test_the_sub_command_issue_may_be_left_out(cli) -> None:
    shown = cli("certificates", "modul-3", "--help")
    assert shown.exit_code == 0 and "Usage: jstevents certificates issue" in shown.stdout
    group = cli("certificates", "--help")
    assert group.exit_code == 0 and "verify" in group.stdout and "revoke" in group.stdout
