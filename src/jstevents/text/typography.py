"""Polish typography: the non-breaking spaces that keep words together at the end of a line.

Polish typesetting never leaves a one-letter word ("w", "z", "o", "i", "a", "u") at the end of a
line, never separates a number from what it counts or dates ("30 września", "2017 r.",
"10 osób", "15 minut"), and keeps an abbreviation with its number ("nr 3", "godz. 10.30",
"ul. Heroldów 1B"). The same rules apply to the plain text (where `wrap` then never breaks
there) and to the HTML of an e-mail (where the reader's screen decides the lines).

E-mail addresses, links and phone numbers are left exactly as written: a non-breaking space
inside "+48 600 100 201" would change the number a phone dials from a link, and one inside an
address or a link would break it.
"""

from __future__ import annotations

import functools
import re

NBSP = "\u00a0"

#: What the rules never touch: e-mail addresses, links, phone numbers.
_UNTOUCHABLE = re.compile(
    r"[^\s<>()]+@[^\s<>()]+\.[^\s<>()]+"  # an e-mail address
    r"|(?:https?|webcal)://[^\s<>]+"  # a link
    r"|\+?\d{2,3}(?: \d{2,3}){2,4}(?!\d)"  # a phone number in groups: +48 600 100 201, 22 123 45 67
)
#: A one-letter word (or "r." of a year) is glued to the word after it.
_ONE_LETTER = re.compile(r"(?<![\w.@/-])([aiouwzAIOUWZ]) (?=\S)")
#: A number and the word it counts or dates: "30 września", "2017 r.", "10 osób", "3 dni" (not
#: a conjunction or preposition that follows it: "linii 18 lub 22 do …").
_NUMBER_WORD = re.compile(
    r"(?<![\w.])(\d+(?:[–-]\d+)?) (?!(?:lub|albo|i|oraz|a|do|na|od|po|w|we|z|ze|o|przy|dla|czy)\b)(?=[^\W\d_])"
)
#: An abbreviation or a word that names the number after it: "nr 3", "godz. 10.30", "ul. Heroldów".
_BEFORE_NUMBER = re.compile(
    r"\b(nr|Nr|godz\.|godzinie|godziny|ul\.|al\.|pl\.|tel\.|ok\.|pkt|poz\.|s\.|str\.|p\.|art\.|ust\.) (?=\S)"
)


def _glue(part: str, space: str) -> str:
    part = _NUMBER_WORD.sub(lambda m: m.group(1) + space, part)
    part = _BEFORE_NUMBER.sub(lambda m: m.group(1) + space, part)
    # Twice: in "i w Warszawie" both "i" and "w" are glued, and the matches overlap.
    for _ in range(2):
        part = _ONE_LETTER.sub(lambda m: m.group(1) + space, part)
    return part


@functools.lru_cache(maxsize=8192)
def polish_spaces(text: str, space: str = NBSP) -> str:
    """`text` with the spaces that must not break replaced by `space` (U+00A0, or "&nbsp;" in HTML)."""
    out = []
    last = 0
    for match in _UNTOUCHABLE.finditer(text):
        out.append(_glue(text[last : match.start()], space))
        out.append(match.group(0))
        last = match.end()
    out.append(_glue(text[last:], space))
    # An abbreviation stays with what follows even when that is a phone number ("tel. +48 …").
    return _BEFORE_NUMBER.sub(lambda m: m.group(1) + space, "".join(out))


#: The parts of an HTML page: a tag, a comment, or text between them.
_HTML_PARTS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
#: An opening inline element, whose text continues the sentence before it.
_INLINE = re.compile(r"<(?:strong|em|b|i|a|span)\b", re.I)
_STAND_IN = "\ue000"
#: Elements whose text is not prose.
_RAW = {"style", "script", "title", "pre", "code"}


def polish_spaces_html(page: str) -> str:
    """The rules applied to the text of an HTML page (never inside a tag, an attribute, a
    style or a link's address); "e-mail" is kept whole with a no-wrap span."""
    out = []
    inside: list[str] = []
    parts = _HTML_PARTS.split(page)
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            if name and name.group(1).lower() in _RAW:
                if part.startswith("</"):
                    if inside:
                        inside.pop()
                elif not part.endswith("/>"):
                    inside.append(name.group(1).lower())
            out.append(part)
        elif inside or not part.strip():
            out.append(part)
        else:
            # Text that goes on inside an inline element ("o <strong>zabranie</strong>") is glued
            # to it as to a word: a stand-in for its first letter, removed afterwards.
            goes_on = index + 1 < len(parts) and _INLINE.match(parts[index + 1]) is not None
            glued = (
                polish_spaces(part + _STAND_IN, "&nbsp;")[: -len(_STAND_IN)]
                if goes_on
                else polish_spaces(part, "&nbsp;")
            )
            out.append(_EMAIL_WORD.sub(r'<span style="white-space:nowrap;">\1</span>', glued))
    return "".join(out)


#: "e-mail" and "e-maila" must not break at their hyphen ("e- / mail").
_EMAIL_WORD = re.compile(r"(?<![\w@.-])([eE]-mail\w*)")
