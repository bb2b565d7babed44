"""Numbers in Polish: Roman numerals, ordinals, and nouns in the form a count takes.

The form of a noun after a number follows CLDR's plural rules for Polish, read from Babel
("1 osoba", "2 osoby", "5 osób", "22 osoby", "112 osób"), never from hand-written conditions.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

_NUMERALS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(value: int) -> str:
    """3 → "III": module numbers as the programme writes them ("w III module")."""
    number, out = int(value), ""
    for size, letters in _NUMERALS:
        count, number = divmod(number, size)
        out += letters * count
    return out


#: Polish ordinals by grammatical gender, as the communiqué says "zapraszamy na trzeci moduł".
_ORDINALS = (
    ("pierwszy", "drugi", "trzeci", "czwarty", "piąty", "szósty", "siódmy", "ósmy", "dziewiąty", "dziesiąty",
     "jedenasty", "dwunasty"),
    ("pierwsze", "drugie", "trzecie", "czwarte", "piąte", "szóste", "siódme", "ósme", "dziewiąte", "dziesiąte",
     "jedenaste", "dwunaste"),
    ("pierwsza", "druga", "trzecia", "czwarta", "piąta", "szósta", "siódma", "ósma", "dziewiąta", "dziesiąta",
     "jedenasta", "dwunasta"),
)  # fmt: skip


def next_ordinal(previous: str, number: int) -> str | None:
    """The ordinal of `number` in the gender of `previous` ("trzeci" → 4 → "czwarty"); None when unknown."""
    for table in _ORDINALS:
        if previous.strip().lower() in table and 1 <= number <= len(table):
            return table[number - 1]
    return None


#: The grammatical genders of `_ORDINALS`' rows.
_GENDERS = ("masculine", "neuter", "feminine")


def ordinal(number: int, gender: str) -> str | None:
    """ "pierwsze" for 1 in the neuter ("pierwsze spotkanie"); None beyond the table."""
    table = _ORDINALS[_GENDERS.index(gender)]
    return table[number - 1] if 1 <= number <= len(table) else None


def fixed_decimal(value: float, places: int = 1) -> str:
    """ "4,8", "5,0": a number with a fixed count of decimals after the comma, as Babel writes it in Polish."""
    from babel.numbers import format_decimal

    return str(format_decimal(round(value, places), format="0." + "0" * places, locale="pl_PL"))


@functools.cache
def _plural_rule() -> Callable[[int], str]:
    from babel import Locale

    rule: Callable[[int], str] = Locale.parse("pl").plural_form
    return rule


def plural_form(count: int) -> str:
    """CLDR's plural category of `count` in Polish: "one", "few", "many" (or "other")."""
    return str(_plural_rule()(count))


def counted(count: int, one: str, few: str, many: str) -> str:
    """ "1 osoba", "3 osoby", "15 osób": the number and the noun in the form it takes."""
    forms = {"one": one, "few": few, "many": many}
    return f"{count} {forms.get(plural_form(count), few)}"


def persons(count: int) -> str:
    """ "1 osoba", "2 osoby", "5 osób"."""
    return counted(count, "osoba", "osoby", "osób")


def short_decimal(value: float) -> str:
    """13.5 → "13,5", 18.0 → "18": a number as Polish documents write it (at most two decimals)."""
    from babel.numbers import format_decimal

    return str(format_decimal(round(value, 2), format="#,##0.##", locale="pl_PL"))


def hours(value: float) -> str:
    """ "1 godzina", "4 godziny", "18 godzin", "18,5 godziny" (a fraction takes the genitive singular)."""
    if value != int(value):
        return f"{short_decimal(value)} godziny"
    return counted(int(value), "godzina", "godziny", "godzin").replace(str(int(value)), short_decimal(value), 1)


def percent(share: float) -> str:
    """0.7297 → "73 %" (a space before the sign, as Polish writes it)."""
    return f"{round(share * 100)}\u00a0%"
