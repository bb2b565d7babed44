"""`jstevents news` and `build`: the report with its photographs beside it, for events that have ended."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import TINY_PNG

PHOTOS = """\
photos:
  - { file: zdjecia/siec-2018-10/powiaty.png, caption: "Świetna współpraca Powiatów Krapkowickiego i Wołomińskiego" }
  - { file: zdjecia/siec-2018-10/sala.png, caption: "Samorządowcy omawiają stan realizacji planów" }
"""


def with_photos(root: Path, photos: str = PHOTOS) -> Path:
    folder = root / "zdjecia" / "siec-2018-10"
    folder.mkdir(parents=True)
    (folder / "powiaty.png").write_bytes(TINY_PNG)
    (folder / "sala.png").write_bytes(TINY_PNG)
    path = root / "meetings" / "siec-2018-10.yaml"
    text = path.read_text(encoding="utf-8")
    block = "".join("    " + line + "\n" for line in photos.splitlines())
    path.write_text(text.replace("  registrations:\n", block + "  registrations:\n", 1), encoding="utf-8")
    return root


def test_the_report_goes_to_a_file_with_its_photographs_beside_it(cli, example: Path, tmp_path: Path) -> None:
    with_photos(example)
    out = tmp_path / "www" / "relacja.html"
    result = cli("news", "siec-2018-10", "-f", "html", "-o", out, "-p", example, "--today", "2018-11-05")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert '<img src="zdjecia/powiaty.png" alt="Świetna współpraca Powiatów Krapkowickiego i Wołomińskiego">' in page
    assert "<figcaption>Samorządowcy omawiają stan realizacji planów</figcaption>" in page
    assert (out.parent / "zdjecia" / "powiaty.png").read_bytes() == TINY_PNG
    assert (out.parent / "zdjecia" / "sala.png").is_file()
    assert "2 photograph(s)" in result.stderr


def test_a_different_file_where_a_photograph_goes_is_kept(cli, example: Path, tmp_path: Path) -> None:
    with_photos(example)
    out = tmp_path / "www" / "relacja.html"
    (out.parent / "zdjecia").mkdir(parents=True)
    (out.parent / "zdjecia" / "sala.png").write_bytes(b"an edited photograph")
    result = cli("news", "siec-2018-10", "-f", "html", "-o", out, "-p", example)
    assert result.exit_code == 0, result.output
    assert (out.parent / "zdjecia" / "sala.png").read_bytes() == TINY_PNG
    assert (out.parent / "zdjecia" / "sala.png.bak").read_bytes() == b"an edited photograph"
    assert "kept as" in result.stderr and "sala.png.bak" in result.stderr
    again = cli("news", "siec-2018-10", "-f", "html", "-o", out, "-p", example)
    assert "kept as" not in again.stderr  # the same files: nothing to keep


def test_a_file_name_with_a_space_stays_one_link(cli, example: Path, tmp_path: Path) -> None:
    with_photos(example, 'photos: [{ file: "zdjecia/siec-2018-10/sala 2.png", caption: "Sala" }]')
    (example / "zdjecia" / "siec-2018-10" / "sala.png").rename(example / "zdjecia" / "siec-2018-10" / "sala 2.png")
    out = tmp_path / "relacja.md"
    result = cli("news", "siec-2018-10", "-o", out, "-p", example)
    assert result.exit_code == 0, result.output
    assert "![Sala](zdjecia/sala%202.png)" in out.read_text(encoding="utf-8")
    assert (tmp_path / "zdjecia" / "sala 2.png").is_file()


def test_markdown_and_text_name_the_photographs_with_their_captions(cli, example: Path) -> None:
    with_photos(example)
    md = cli("news", "siec-2018-10", "-p", example, "--today", "2018-11-05")
    assert "![Świetna współpraca Powiatów Krapkowickiego i Wołomińskiego](zdjecia/powiaty.png)" in md.stdout
    assert "write it with -o to copy them" in md.stderr
    txt = cli("relacja", "siec-2018-10", "-f", "txt", "-p", example, "--today", "2018-11-05")
    assert txt.exit_code == 0, txt.output
    assert "- Samorządowcy omawiają stan realizacji planów (zdjecia/sala.png)" in txt.stdout


def test_before_the_event_has_ended_the_report_is_written_with_a_note(cli, example: Path) -> None:
    result = cli("news", "siec-2018-10", "-p", example, "--today", "2018-10-24")
    assert result.exit_code == 0
    assert "odbyło się pierwsze spotkanie" in result.stdout
    assert "has not ended yet" in result.stderr


def test_build_writes_the_report_of_ended_events_and_the_dashboard_links_it(cli, example: Path, tmp_path: Path) -> None:
    with_photos(example)
    out = tmp_path / "build"
    result = cli("build", "-p", example, "-o", out, "--today", "2018-11-05")
    assert result.exit_code == 0, result.output
    meeting = out / "siec-2018-10"
    for name in ("relacja.md", "relacja.txt", "relacja.html", "relacja-cms.html", "zdjecia/powiaty.png"):
        assert (meeting / name).is_file(), name
    dashboard = (meeting / "index.html").read_text(encoding="utf-8")
    assert "Relacja z wydarzenia" in dashboard
    assert 'href="relacja.html"' in dashboard and 'href="relacja-cms.html"' in dashboard
    # The moderators' training of 2020 is still to come on 5 November 2018.
    training = out / "moderatorzy-2020-10"
    assert not (training / "relacja.md").exists()
    assert "wydarzenie jeszcze się nie zakończyło" in (training / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("photos", "code"),
    [
        ('photos: [{ file: "../../etc/passwd.png", caption: "x" }]', "E160"),
        ('photos: [{ file: "/etc/hostname.png", caption: "x" }]', "E160"),
        ('photos: [{ file: "C:\\\\zdjecia\\\\a.png", caption: "x" }]', "E160"),
        ('photos: [{ file: "zdjecia/siec-2018-10/brak.png", caption: "x" }]', "E161"),
        ('photos: [{ file: "zdjecia/siec-2018-10", caption: "x" }]', "E161"),
        ('photos: [{ file: "participants.yaml", caption: "x" }]', "E162"),
    ],
)
def test_a_photo_from_outside_the_project_or_not_an_image_is_refused(
    cli, example: Path, tmp_path: Path, photos: str, code: str
) -> None:
    with_photos(example, photos)
    out = tmp_path / "r.html"
    result = cli("news", "siec-2018-10", "-f", "html", "-o", out, "-p", example)
    assert result.exit_code == 1
    assert "meetings/siec-2018-10.yaml:" in result.stdout + result.stderr
    assert f"error[{code}]" in result.stdout + result.stderr
    assert not out.exists()
    assert "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_leading_out_of_the_project_is_refused(cli, example: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(TINY_PNG)
    with_photos(example, 'photos: [{ file: "zdjecia/link.png", caption: "x" }]')
    (example / "zdjecia" / "link.png").symlink_to(secret)
    result = cli("validate", "-p", example, "--today", "2018-11-05")
    assert result.exit_code == 1
    assert "error[E160]" in result.stdout and "link to a file outside the project folder" in result.stdout
