"""The units that took part, as the report names them: grouped by kind, joined the Polish way."""

from __future__ import annotations

import pytest

from jstevents.model import JSTKind, Network, Unit
from jstevents.text.units import grouped, groups_text, kind_order, short_name
from jstevents.text.wording import joined

CITIES = ["Biała Podlaska", "Braniewo", "Brodnica", "Rypin", "Kalisz", "Rzeszów"]


def unit(name: str, kind: str = "gmina miejska", short: str | None = None) -> Unit:
    return Unit(id=f"u{abs(hash(name))}", name=name, kind=kind, voivodeship="x", short_name=short)


def network(*kinds: str) -> Network:
    return Network(id="n" + str(len(kinds)), name="N", jst_kinds=list(kinds), moderator="M")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ([], ""),
        (["Kalisz"], "Kalisz"),
        (["Kalisz", "Rypin"], "Kalisz i Rypin"),
        (["Kalisz", "Rypin", "Brodnica"], "Kalisz, Rypin i Brodnica"),
        (CITIES, "Biała Podlaska, Braniewo, Brodnica, Rypin, Kalisz i Rzeszów"),
    ],
)
def test_names_are_joined_with_commas_and_i(names: list[str], expected: str) -> None:
    assert joined(names, "i") == expected


def test_the_official_name_loses_its_miasto_or_gmina_unless_a_short_name_is_given() -> None:
    assert short_name(unit("Miasto Biała Podlaska")) == "Biała Podlaska"
    assert short_name(unit("Miasto i Gmina Skoczów", "gmina miejsko-wiejska")) == "Skoczów"
    assert short_name(unit("Gmina Miedźna", "gmina wiejska")) == "Miedźna"
    assert short_name(unit("Powiat Krapkowicki", "powiat", "Krapkowice")) == "Krapkowice"
    assert short_name(unit("Powiat Wołomiński", "powiat")) == "Powiat Wołomiński"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "z gminy miejskiej – Biała Podlaska"),
        (2, "z gmin miejskich – Biała Podlaska i Braniewo"),
        (3, "z gmin miejskich – Biała Podlaska, Braniewo i Brodnica"),
        (6, "z gmin miejskich – Biała Podlaska, Braniewo, Brodnica, Rypin, Kalisz i Rzeszów"),
    ],
)
def test_one_group_names_its_kind_in_the_genitive_of_its_number(count: int, expected: str) -> None:
    units = [unit(f"Miasto {name}") for name in CITIES[:count]]
    assert groups_text(grouped(units, list(JSTKind))) == expected


def test_two_groups_as_in_the_report_of_october_2018() -> None:
    units = [unit(f"Miasto {name}") for name in CITIES] + [
        unit("Powiat Krapkowicki", "powiat", "Krapkowice"),
        unit("Powiat Wołomiński", "powiat", "Wołomin"),
    ]
    order = kind_order([network("gmina wiejska"), network("gmina miejska"), network("powiat")])
    assert groups_text(grouped(units, order)) == (
        "z gmin miejskich – Biała Podlaska, Braniewo, Brodnica, Rypin, Kalisz, Rzeszów oraz powiatów – "
        "Krapkowice i Wołomin"
    )


def test_groups_follow_the_programme_order_not_the_order_of_the_units() -> None:
    units = [unit("Powiat Wołomiński", "powiat", "Wołomin"), unit("Miasto Kalisz")]
    order = kind_order([network("gmina miejska"), network("powiat")])
    assert groups_text(grouped(units, order)) == "z gminy miejskiej – Kalisz oraz powiatu – Wołomin"
    reverse = kind_order([network("powiat"), network("gmina miejska")])
    assert groups_text(grouped(units, reverse)) == "z powiatu – Wołomin oraz gminy miejskiej – Kalisz"


def test_three_groups_are_parted_by_semicolons_and_only_the_last_takes_i() -> None:
    units = [
        unit("Gmina Miedźna", "gmina wiejska"),
        unit("Gmina Zabierzów", "gmina wiejska"),
        unit("Miasto i Gmina Skoczów", "gmina miejsko-wiejska"),
        unit("Miasto Kalisz"),
        unit("Miasto Rypin"),
        unit("Miasto Żory"),
    ]
    assert groups_text(grouped(units, kind_order([]))) == (
        "z gmin wiejskich – Miedźna, Zabierzów; gminy miejsko-wiejskiej – Skoczów oraz gmin miejskich – "
        "Kalisz, Rypin i Żory"
    )


def test_kinds_no_network_names_come_after_those_it_does() -> None:
    assert kind_order([network("powiat")]) == [
        JSTKind.powiat, JSTKind.gmina_wiejska, JSTKind.gmina_miejsko_wiejska, JSTKind.gmina_miejska,
    ]  # fmt: skip


def test_no_units_no_text() -> None:
    assert groups_text(grouped([], kind_order([]))) == ""
