"""Polish non-breaking spaces: where a line may not break, in the text and in the e-mail's HTML."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jstevents.text.typography import NBSP, polish_spaces, polish_spaces_html
from jstevents.text.wrap import wrap


@pytest.mark.parametrize(
    ("text", "glued"),
    [
        ("Moduł IV (30 września – 1 października 2017 r.)", ["30 września", "1 października", "2017 r."]),
        ("w Warszawie i z nami, a u was o tym", ["w Warszawie", "i z", "z nami", "a u", "u was", "o tym"]),
        ("zadanie nr 3 o godz. 10.30, ul. Heroldów 1B", ["nr 3", "godz. 10.30", "ul. Heroldów", "o godz."]),
        ("dla 40 osób przez 10 minut i 3 dni", ["40 osób", "10 minut", "3 dni"]),
        ("tel. +48 600 100 201", ["tel. +48"]),
    ],
)
def test_words_that_belong_together_are_glued(text: str, glued: list[str]) -> None:
    result = polish_spaces(text)
    for words in glued:
        assert words.replace(" ", NBSP) in result, words
    assert result.replace(NBSP, " ") == text


@pytest.mark.parametrize(
    "untouched",
    ["w.kowalski@example.pl", "a.b@example.pl", "https://www.ore.edu.pl/w/i/a", "+48 600 100 201", "22 123 45 67"],
)
def test_addresses_links_and_phone_numbers_are_left_as_written(untouched: str) -> None:
    text = f"Pisz do mnie: {untouched} albo dzwoń"
    assert untouched in polish_spaces(text)


def test_a_day_is_never_split_from_its_month_after_a_bracket() -> None:
    # Before: "… Moduł IV (30" at a line's end and "września" on the next.
    text = "Zapraszamy serdecznie na kolejny Moduł IV (30 września – 1 października 2017 r.) w Krakowie."
    for width in range(20, 80):
        for line in wrap(text, width).splitlines():
            assert not re.search(r"\(\d+$", line), (width, line)
            assert not re.search(r"(^| )[aiouwz]$", line), (width, line)


def test_html_gets_entities_in_text_and_never_in_tags() -> None:
    page = (
        '<p style="margin:0 0 12px 0">Od 10 osób, e-mail: <a href="mailto:a.b@example.pl">a.b@example.pl</a>'
        " i w razie pytań tel. +48 600 100 201</p><style>p i a { }</style>"
    )
    result = polish_spaces_html(page)
    assert '<p style="margin:0 0 12px 0">' in result and "<style>p i a { }</style>" in result
    assert "10&nbsp;osób" in result and "i&nbsp;w&nbsp;razie" in result and "tel.&nbsp;+48 600 100 201" in result
    assert '<span style="white-space:nowrap;">e-mail</span>' in result
    assert 'href="mailto:a.b@example.pl">a.b@example.pl</a>' in result


@given(
    st.lists(
        st.sampled_from(["w", "i", "10", "osób", "2017", "r.", "nr", "3", "a.b@x.pl", "+48 600 100 201", "Kraków"]),
        max_size=12,
    )
)
def test_the_rules_only_ever_change_spaces(words: list[str]) -> None:
    text = " ".join(words)
    assert polish_spaces(text).replace(NBSP, " ") == text
