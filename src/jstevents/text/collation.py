"""Polish alphabetical order, as in a printed list: a ą b c ć d e ę … z ź ż.

Python's default order puts every accented letter after "z" (so "Łukasz" would follow
"Żaneta"); locale-based sorting depends on the machine, and PyICU is too heavy to
require. The Polish alphabet is small enough to spell out here.
"""

from __future__ import annotations

import unicodedata

# Letters Polish words borrow (q, v, x) and other Latin letters sort at their usual place.
_ORDER = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: index for index, letter in enumerate(_ORDER)}


def _letter_key(char: str) -> tuple[int, int, str]:
    if char in _RANK:
        return (1, _RANK[char], "")
    if char.isdigit():
        return (0, int(char) if char.isascii() else 0, char)
    base = unicodedata.normalize("NFD", char)[0]
    if base in _RANK:
        # Foreign accented letters (é, ü) sort just after their base letter.
        return (1, _RANK[base], char)
    # Spaces, hyphens and punctuation come before letters, so "Lis" < "Lis-Kowalska" < "Lisek".
    return (-1, 0, char)


def polish_key(text: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """A sort key: case-insensitive Polish order, ties broken by the exact text for stability."""
    folded = unicodedata.normalize("NFC", text.strip()).lower()
    return tuple(_letter_key(c) for c in folded), text


def surname_first(name: str) -> str:
    """'Łucja Lis-Kowalska' → 'Lis-Kowalska Łucja': lists are ordered by surname."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return " ".join([parts[-1], *parts[:-1]])


def name_key(name: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    return polish_key(surname_first(name))
