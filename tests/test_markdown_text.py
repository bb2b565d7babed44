"""The Markdown fields of the YAML reach the e-mail as HTML and the plain text as text, never as `**` and `[..](..)`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import write
from jstevents.load.project import require_project
from jstevents.outputs.communique import render_communique
from jstevents.outputs.templating import render
from jstevents.text.markdown import to_html, to_html_inline, to_text

NOTICE = "Prosimy o **zabranie laptopa**; zob. [regulamin](https://www.ore.edu.pl/regulamin)."
STRONG = "<strong>zabranie laptopa</strong>"
LINK = '<a href="https://www.ore.edu.pl/regulamin">regulamin</a>'
SCRIPT = "<script>alert(1)</script>"


def flat(text: str) -> str:
    """Lines joined, so that a wrapped sentence can be looked for whole."""
    return " ".join(text.split())


# --- HTML ------------------------------------------------------------------------------------------


def test_notice_renders_strong_and_a_styled_link_in_html() -> None:
    html = to_html(NOTICE)
    assert html == f"<p>Prosimy o {STRONG}; zob. {LINK}.</p>"
    assert "**" not in html and "](" not in html


def test_inline_html_is_the_same_without_the_paragraph() -> None:
    assert to_html_inline(NOTICE) == f"Prosimy o {STRONG}; zob. {LINK}."
    assert "<ul" not in to_html_inline("- jeden\n- dwa") and "<p" not in to_html_inline("a\n\nb")


def test_the_page_styles_what_markdown_writes() -> None:
    # Markdown gives plain tags; the communiqué's style sheet, inlined, styles them like its own.
    from helpers import EXAMPLE

    project = require_project(EXAMPLE)
    event = project.events["modul-3"].model_copy(update={"notices": [NOTICE]})
    page = render_communique(project, event, "html")
    assert "<style" not in page
    laptop = re.search(r"<p style=\"([^\"]*)\">Prosimy o&nbsp;<strong", page)
    greeting = re.search(r"<p style=\"([^\"]*)\">Szanowni Państwo!</p>", page)
    assert laptop and greeting and laptop.group(1) == greeting.group(1)
    assert "font-size:15px" in laptop.group(1)
    assert re.search(r'<a href="https://www.ore.edu.pl/regulamin" style="color:#1f3c73">', page)


@pytest.mark.parametrize("render_html", [to_html, to_html_inline])
def test_raw_html_in_markdown_stays_escaped_text(render_html) -> None:
    html = render_html(f"Uwaga {SCRIPT} & <b onclick=x>tak</b> **pogrubione**")
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onclick=x&gt;tak&lt;/b&gt;" in html
    assert "<strong" in html


@pytest.mark.parametrize(
    "source",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](  javascript:alert(1) )",
        "[x](&#106;avascript:alert(1))",
        "[x](java%73cript:alert(1))",
        "<javascript:alert(1)>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "[x](ftp://example.org/plik)",
        "[x](regulamin.pdf)",
    ],
)
def test_only_web_and_mail_links_become_links(source: str) -> None:
    html = to_html(source)
    assert "<a " not in html and "href" not in html
    assert "x (" not in to_text(source)  # what a kept link would be in plain text


def test_web_and_mail_links_are_kept() -> None:
    html = to_html("[ORE](http://ore.edu.pl), [pisz](mailto:biuro@ore.edu.pl), <https://ore.edu.pl/a?b=1&c=2>")
    assert '<a href="http://ore.edu.pl">ORE</a>' in html
    assert '<a href="mailto:biuro@ore.edu.pl">pisz</a>' in html
    url = "https://ore.edu.pl/a?b=1&amp;c=2"
    assert f'<a href="{url}">{url}</a>' in html


def test_images_fetch_nothing() -> None:
    assert "<img" not in to_html("![logo](https://tracker.example.org/pixel.gif)")


def test_a_list_renders_as_styled_ul_and_ol() -> None:
    html = to_html("Zabierzcie:\n\n- laptop\n- *dowód*\n\n1. pierwszy\n2. drugi")
    assert "<ul>\n<li>laptop</li>" in html and "<li><em>dowód</em></li>\n</ul>" in html
    assert "<ol>\n<li>pierwszy</li>" in html and "<p>Zabierzcie:</p>" in html


# --- plain text ------------------------------------------------------------------------------------


def test_notice_in_text_drops_the_markers_and_writes_the_address() -> None:
    assert to_text(NOTICE) == "Prosimy o zabranie laptopa; zob. regulamin (https://www.ore.edu.pl/regulamin)."
    assert to_text(NOTICE, inline=True) == to_text(NOTICE)


def test_a_link_that_is_its_own_label_is_written_once() -> None:
    assert to_text("<https://ore.edu.pl> i <biuro@ore.edu.pl>") == "https://ore.edu.pl i biuro@ore.edu.pl"
    assert to_text("[https://ore.edu.pl](https://ore.edu.pl)") == "https://ore.edu.pl"


def test_a_list_becomes_dash_lines_and_paragraphs_are_parted_by_a_blank_line() -> None:
    text = to_text("Zabierzcie:\n\n- laptop\n- **dowód**\n  1. osobisty\n\nDo zobaczenia.\n\n1. raz\n2. dwa")
    assert text == "Zabierzcie:\n\n- laptop\n- dowód\n  1. osobisty\n\nDo zobaczenia.\n\n1. raz\n2. dwa"


def test_text_wraps_each_paragraph_and_item_with_its_own_indent() -> None:
    source = (
        "Pierwszy akapit, na tyle długi, że trzeba go zawinąć w kilku wierszach.\n\n"
        "- punkt listy, który też jest dłuższy niż jeden wiersz, więc się zawija\n- krótki"
    )
    text = to_text(source, 40, indent="    ", first=" 1. ")
    lines = text.splitlines()
    assert lines[0].startswith(" 1. Pierwszy") and all(len(line) <= 40 for line in lines)
    assert "" in lines  # the blank line between the paragraph and the list
    item = lines.index(next(line for line in lines if line.startswith("    - punkt")))
    assert lines[item + 1].startswith("      ") and not lines[item + 1].startswith("       ")
    assert lines[-1] == "    - krótki"
    assert flat(text) == flat(" 1. " + to_text(source))


def test_markdown_filters_are_available_to_user_templates(tmp_path: Path) -> None:
    root = tmp_path / "events"
    write(
        tmp_path / "events",
        {
            "templates/m.html.j2": "{{ v|markdown }}|{{ v|markdown_inline }}",
            "templates/m.txt.j2": "{{ v|markdown_text }}|{{ v|markdown_text(width=30, first='* ', indent='  ') }}",
        },
    )
    html = render(root, "m.html.j2", {"v": NOTICE + " " + SCRIPT})
    assert html.count(STRONG) == 2 and html.count(LINK) == 2 and "<script" not in html
    text = render(root, "m.txt.j2", {"v": NOTICE})
    # Wrapped, "o" stays with the next word (a non-breaking space).
    assert text.startswith(to_text(NOTICE) + "|* Prosimy o\u00a0zabranie laptopa;\n  zob.")


# --- the communiqué, end to end --------------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _with_notice(example: Path, notice: str) -> Path:
    path = example / "modules" / "modul-3.yaml"
    text = path.read_text(encoding="utf-8")
    notices = f"  notices:\n    - {json.dumps(notice, ensure_ascii=False)}\n"
    text, count = re.subn(r"(?ms)^  notices:\n.*?(?=^  activities:)", lambda _: notices, text)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    return example


def test_the_notice_is_rendered_in_html_and_txt_and_kept_in_md(example: Path) -> None:
    project = require_project(_with_notice(example, NOTICE))
    event = project.events["modul-3"]
    html = render_communique(project, event, "html")
    assert '<strong style="font-weight:bold">zabranie laptopa</strong>' in html
    assert '<a href="https://www.ore.edu.pl/regulamin" style="color:#1f3c73">regulamin</a>' in html
    assert "**" not in html and "](" not in html
    txt = render_communique(project, event, "txt")
    assert "zabranie laptopa" in flat(txt) and "regulamin (https://www.ore.edu.pl/regulamin)" in flat(txt)
    assert "**" not in txt and "](" not in txt
    assert all(len(line) <= 72 for line in txt.splitlines() if "https://" not in line)
    md = render_communique(project, event, "md")
    assert NOTICE in md


def test_a_list_in_a_notice_stays_a_list_inside_its_point(example: Path) -> None:
    project = require_project(_with_notice(example, "Zabierzcie:\n\n- laptop\n- dowód osobisty"))
    event = project.events["modul-3"]
    html = render_communique(project, event, "html")
    assert re.search(
        r'<ul style="[^"]*padding:0 0 0 28px[^"]*">\n<li style="[^"]*font-size:15px[^"]*">laptop</li>', html
    )
    txt = render_communique(project, event, "txt")
    assert re.search(r"(?m)^ \d\. Zabierzcie:\n\n    - laptop\n    - dowód osobisty$", txt), txt


def _markdown_everywhere(example: Path) -> Path:
    module = example / "modules" / "modul-3.yaml"
    _replace(module, "Nasze najbliższe spotkanie", f"**Nasze** najbliższe {SCRIPT} spotkanie")
    _replace(module, "Dokonajcie diagnozy", "Dokonajcie *diagnozy*")
    _replace(module, "Dane zbierzcie w formie elektronicznej.", "Dane zbierzcie w formie **elektronicznej**.")
    _replace(module, "Regulaminu pilotażu", "[Regulaminu pilotażu](https://www.ore.edu.pl/regulamin)")
    _replace(module, "ma swojego opiekuna", "ma swojego **opiekuna**")
    _replace(
        module,
        '  closing: "Serdecznie zapraszamy!"',
        '  closing: "Serdecznie zapraszamy!"\n  greeting: "Zapraszamy na **trzeci** moduł."',
    )
    _replace(example / "venues.yaml", "stacji MŁOCINY", "stacji **MŁOCINY**")
    _replace(example / "venues.yaml", 'name_locative: "hotelu Holiday Park"', f'name_locative: "hotelu {SCRIPT} & Spa"')
    return example


def test_every_markdown_field_is_rendered_and_every_value_still_escaped(example: Path) -> None:
    project = require_project(_markdown_everywhere(example))
    event = project.events["modul-3"]
    html = render_communique(project, event, "html")
    assert "**" not in html and not re.search(r"(?<![\w])\*\w", html) and "](" not in html
    strong = '<strong style="font-weight:bold">{}</strong>'.format
    for shown in (
        strong("Nasze"),
        '<em style="font-style:italic">diagnozy</em>',
        strong("elektronicznej"),
        '<a href="https://www.ore.edu.pl/regulamin" style="color:#1f3c73">Regulaminu pilotażu</a>',
        strong("opiekuna"),
        strong("trzeci"),
        strong("MŁOCINY"),
    ):
        assert shown in html, shown
    assert "<script" not in html
    assert "najbliższe &lt;script&gt;alert(1)&lt;/script&gt; spotkanie" in html
    assert "hotelu &lt;script&gt;alert(1)&lt;/script&gt; &amp; Spa" in html
    txt = flat(render_communique(project, event, "txt"))
    assert "**" not in txt and "](" not in txt
    for shown in (
        "Nasze najbliższe",
        "Dokonajcie diagnozy",
        "formie elektronicznej.",
        "Regulaminu pilotażu (https://www.ore.edu.pl/regulamin)",
        "ma swojego opiekuna",
        "Zapraszamy na trzeci moduł.",
        "stacji MŁOCINY",
    ):
        assert shown in txt, shown
    md = render_communique(project, event, "md")
    assert "**Nasze** najbliższe &lt;script>" in md and "stacji **MŁOCINY**" in md


def test_an_older_own_communique_macros_file_is_still_escaped(example: Path) -> None:
    """A `_communique.j2` copied before markdown_format returns plain text: the default HTML escapes it."""
    from jstevents.resources import default_templates_dir

    shared = (default_templates_dir() / "_communique.j2").read_text(encoding="utf-8")
    older = re.sub(r"\{% set escapes_html = [^%]*%\}\n", "", shared)
    older = re.sub(r"(?s)\{% macro _markdown\(value\) %\}.*?\{% endmacro %\}\n", "", older)
    older = older.replace("{% autoescape escapes_html -%}", "").replace("{%- endautoescape %}", "")
    older = re.sub(r"_markdown\(([\w.]+)\)", r"\1", older)
    assert "escapes_html" not in older and "_markdown" not in older
    write(example, {"templates/_communique.j2": older})
    project = require_project(_markdown_everywhere(example))
    html = render_communique(project, project.events["modul-3"], "html")
    assert "<script" not in html and "hotelu &lt;script&gt;alert(1)&lt;/script&gt; &amp; Spa" in html
    assert "najbliższe &lt;script&gt;alert(1)&lt;/script&gt; spotkanie" in html
