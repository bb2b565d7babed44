"""Templates: the project's own override the defaults; mistakes name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import write
from jstevents.errors import JsteventsError
from jstevents.outputs.templating import render
from jstevents.text.wrap import wrap


def test_project_template_overrides_the_default(example: Path, cli) -> None:
    write(
        example,
        {
            "templates/communique.md.j2": """
        WŁASNY SZABLON {{ heading }}
        {{ event.dates.start|date_range(event.dates.end) }} {{ schedule.start|at_time }}
        """
        },
    )
    result = cli("communique", "modul-3", "-p", example)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("WŁASNY SZABLON Komunikat nr 3 – pilotaż")
    assert "21–23 sierpnia 2017 r. o godzinie 11.30" in result.stdout
    # the other formats still come from the defaults
    assert cli("communique", "modul-3", "-p", example, "--format", "txt").stdout.startswith("Komunikat nr\u00a03")


def test_misspelt_variable_names_the_file_and_line(example: Path, cli) -> None:
    write(
        example,
        {
            "templates/communique.md.j2": """
        # {{ heading }}

        {{ event.titel }}
        """
        },
    )
    result = cli("communique", "modul-3", "-p", example)
    assert result.exit_code == 1
    assert "communique.md.j2:3" in result.stderr
    assert "titel" in result.stderr
    assert "Traceback" not in result.output


def test_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "events"
    write(tmp_path / "events", {"templates/broken.txt.j2": "line one\n{% if %}\n"})
    with pytest.raises(JsteventsError) as caught:
        render(root, "broken.txt.j2", {})
    assert "broken.txt.j2:2" in caught.value.message and "syntax" in caught.value.message


@pytest.mark.parametrize(
    "expression",
    ["''.__class__.__mro__", "''.__class__.__mro__[1].__subclasses__()", "event.__class__.__init__.__globals__"],
)
def test_sandbox_refuses_python_internals(tmp_path: Path, expression: str) -> None:
    root = tmp_path / "events"
    write(tmp_path / "events", {"templates/evil.txt.j2": "ok\n{{ " + expression + " }}\n"})
    with pytest.raises(JsteventsError) as caught:
        render(root, "evil.txt.j2", {"event": object()})
    assert "evil.txt.j2:2" in caught.value.message
    assert "sandbox" in caught.value.message or "undefined" in caught.value.message


def test_sandbox_refusal_through_the_cli(example: Path, cli) -> None:
    write(example, {"templates/communique.txt.j2": "{{ ''.__class__.__mro__ }}\n"})
    result = cli("communique", "modul-3", "-p", example, "--format", "txt")
    assert result.exit_code == 1
    assert "communique.txt.j2:1" in result.stderr and "sandbox" in result.stderr
    assert "object" not in result.stdout


def test_unknown_template_lists_where_it_was_looked_for(tmp_path: Path) -> None:
    with pytest.raises(JsteventsError) as caught:
        render(tmp_path / "events", "nothing-here.j2", {})
    assert "nothing-here.j2" in caught.value.message
    assert (tmp_path / "events" / "templates").as_posix() in (caught.value.hint or "")


def test_html_templates_escape_and_text_templates_do_not(tmp_path: Path) -> None:
    root = tmp_path / "events"
    write(tmp_path / "events", {"templates/x.html.j2": "{{ value }}", "templates/x.txt.j2": "{{ value }}"})
    assert render(root, "x.html.j2", {"value": "<b>&</b>"}) == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert render(root, "x.txt.j2", {"value": "<b>&</b>"}) == "<b>&</b>"


def test_filters_are_available_to_user_templates(tmp_path: Path) -> None:
    import datetime as dt

    root = tmp_path / "events"
    write(tmp_path / "events", {"templates/f.txt.j2": "{{ d|weekday }}, {{ d|date }}; {{ m|deadline }}; {{ 3|roman }}"})
    text = render(root, "f.txt.j2", {"d": dt.date(2017, 8, 21), "m": dt.datetime(2017, 8, 16, 16, 0)})
    assert text == "poniedziałek, 21 sierpnia 2017 r.; do dnia 16 sierpnia 2017 r. do godziny 16.00; III"


def test_wrap_keeps_addresses_whole() -> None:
    text = wrap("napisz na adres " + "bardzo.dlugi.adres.poczty.elektronicznej.koordynatora@ore.edu.pl" + " dziś", 30)
    assert "bardzo.dlugi.adres.poczty.elektronicznej.koordynatora@ore.edu.pl" in text.splitlines()
    assert all(len(line) <= 30 for line in text.splitlines() if "@" not in line)


def test_wrap_never_leaves_the_year_marker_alone_at_a_line_start() -> None:
    text = wrap("Pierwsze spotkanie sieci odbędzie się w dniach 23–24 października 2018 r. w Sulejówku", 70)
    assert not any(line.startswith("r.") for line in text.splitlines())
    assert "2018\u00a0r." in text  # a non-breaking space, kept in the text


def test_error_in_an_overridden_shared_template_names_that_file(example: Path, cli) -> None:
    from jstevents.resources import default_templates_dir

    shared = (default_templates_dir() / "_communique.j2").read_text(encoding="utf-8")
    lines = shared.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("Od godziny"))
    lines[number - 1] = lines[number - 1].replace("schedule.check_in", "schedule.chek_in")
    write(example, {"templates/_communique.j2": "\n".join(lines) + "\n"})
    result = cli("communique", "modul-3", "-p", example, "--format", "txt")
    assert result.exit_code == 1
    assert f"_communique.j2:{number}" in result.stderr and "chek_in" in result.stderr


def test_syntax_error_in_an_imported_template_names_it(example: Path, cli) -> None:
    write(example, {"templates/_communique.j2": "{% macro greeting() %}\n{% if %}\n{% endmacro %}\n"})
    result = cli("communique", "modul-3", "-p", example)
    assert result.exit_code == 1
    assert "_communique.j2:2" in result.stderr and "syntax" in result.stderr


def test_wrap_keeps_one_letter_words_and_hours_with_the_next_word() -> None:
    text = "Rozpoczęcie zajęć szkoleniowych: 21 października 2020 r. o godzinie 10.00 w Sulejówku i z nami"
    for width in range(30, 72):
        lines = wrap(text, width).splitlines()
        assert not any(line.endswith((" o", " w", " i", " z", "godzinie")) for line in lines), width
        assert " ".join(lines).replace("\u00a0", " ") == text


def test_wrap_keeps_the_day_with_its_month() -> None:
    text = "Nabór planujemy rozpocząć ok. 5 września 2017 r., a zgłoszenia przyjmujemy do dnia 16 sierpnia 2017 r."
    for width in range(20, 72):
        lines = wrap(text, width).splitlines()
        assert not any(line.split(" ")[-1].isdigit() for line in lines), (width, lines)
        assert " ".join(lines).replace("\u00a0", " ") == text
