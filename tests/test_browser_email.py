"""The communiqué's HTML as a reader's mail program shows it: a phone of 320 and 390 px, a desktop."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import EXAMPLE, REPO
from jstevents.load.project import require_project
from jstevents.outputs.communique import render_communique

WIDTHS = [320, 390, 1280]
#: Gmail clips a message whose HTML is larger than about 102 kB.
GMAIL_CLIPS = 102_000


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("email")
    found = {}
    for root, someone in ((EXAMPLE, "lukasz-zolc"), (REPO / "examples" / "malopolska", "ola-nowak")):
        project = require_project(root)
        for event in project.sorted_events():
            for who in (None, someone):
                recipient = project.participants[who] if who else None
                page = render_communique(project, event, "html", recipient=recipient)
                path = folder / f"{event.id}-{who or 'all'}.html"
                path.write_text(page, encoding="utf-8")
                found[path.stem] = path
    return found


def test_every_letter_is_under_gmails_clipping_size(pages: dict[str, Path]) -> None:
    sizes = {name: len(path.read_bytes()) for name, path in pages.items()}
    assert max(sizes.values()) < GMAIL_CLIPS, sizes


@pytest.mark.parametrize("width", WIDTHS)
def test_no_sideways_scrolling_and_readable_type(browser, pages: dict[str, Path], width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    for name, path in pages.items():
        page = context.new_page()
        page.goto(path.as_uri())
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= inner, f"{name} at {width} px: {scroll} px wide"
        smallest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll('body *')]
                 .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                 .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
        )
        assert smallest >= 14, f"{name} at {width} px: text of {smallest} px"
        page.screenshot(path=str(path.with_name(f"{name}-{width}.png")), full_page=True)
        page.close()
    context.close()


def test_every_link_goes_somewhere(browser, pages: dict[str, Path]) -> None:
    page = browser.new_page()
    for name, path in pages.items():
        page.goto(path.as_uri())
        links = page.evaluate("[...document.querySelectorAll('a')].map(a => [a.getAttribute('href'), a.innerText])")
        for href, label in links:
            assert href and href.startswith(("https://", "http://", "mailto:", "tel:")), (name, href)
            assert label.strip(), (name, href)
    page.close()
