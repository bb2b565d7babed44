"""Units (JST) named in a sentence: grouped by kind, each group joined the Polish way.

"z gmin miejskich – Biała Podlaska, Braniewo, Brodnica, Rypin, Kalisz, Rzeszów oraz powiatów –
Krapkowice i Wołomin", as the programme's report of October 2018 writes it: the kind in the
genitive after "z" (the singular for a group of one, "z powiatu – Wołomin"); the names of the last
group joined by Babel's Polish list pattern ("A, B i C"), those of a group before another by commas
only, since the "oraz" between the groups closes it; the groups joined by "oraz", and parted by
semicolons when there are more than two (each group holds commas of its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jstevents.model import JSTKind, Network, Unit
from jstevents.text.numbers import plural_form
from jstevents.text.wording import joined

#: Each kind in the genitive, singular and plural, as it reads after "z".
KIND_GENITIVE: dict[JSTKind, tuple[str, str]] = {
    JSTKind.gmina_wiejska: ("gminy wiejskiej", "gmin wiejskich"),
    JSTKind.gmina_miejsko_wiejska: ("gminy miejsko-wiejskiej", "gmin miejsko-wiejskich"),
    JSTKind.gmina_miejska: ("gminy miejskiej", "gmin miejskich"),
    JSTKind.powiat: ("powiatu", "powiatów"),
}

#: What the official name of a unit begins with and a list by kind leaves out ("Miasto Kalisz" → "Kalisz").
_NAME_PREFIXES = ("Miasto i Gmina ", "Gmina i Miasto ", "Miasto ", "Gmina ")


@dataclass(frozen=True)
class UnitGroup:
    """The units of one kind, in the order given."""

    kind: JSTKind
    names: tuple[str, ...]

    @property
    def label(self) -> str:
        """ "gmin miejskich", or "gminy miejskiej" for a group of one."""
        singular, plural = KIND_GENITIVE[self.kind]
        return singular if plural_form(len(self.names)) == "one" else plural

    def text(self, *, last: bool = True) -> str:
        """ "gmin miejskich – Biała Podlaska, Braniewo i Kalisz"; before another group "… Braniewo, Kalisz"."""
        names = joined(self.names, "i") if last else ", ".join(self.names)
        return f"{self.label} – {names}"


def short_name(unit: Unit) -> str:
    """The name a list by kind uses: `short_name`, else the official name without "Miasto", "Gmina" …"""
    if unit.short_name:
        return unit.short_name
    for prefix in _NAME_PREFIXES:
        if unit.name.startswith(prefix) and len(unit.name) > len(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def kind_order(networks: Iterable[Network]) -> list[JSTKind]:
    """The kinds in the order the programme's networks list them, then any other kind."""
    order = list(dict.fromkeys(kind for network in networks for kind in network.jst_kinds))
    return order + [kind for kind in JSTKind if kind not in order]


def grouped(units: Iterable[Unit], order: Sequence[JSTKind]) -> list[UnitGroup]:
    """The units grouped by kind, groups in `order`, units within a group as given."""
    by_kind: dict[JSTKind, list[str]] = {}
    for unit in units:
        by_kind.setdefault(JSTKind(unit.kind), []).append(short_name(unit))
    ranked = list(order) + [kind for kind in by_kind if kind not in order]
    return [UnitGroup(kind, tuple(by_kind[kind])) for kind in ranked if kind in by_kind]


def groups_text(groups: Sequence[UnitGroup]) -> str:
    """ "z gmin miejskich – A, B i C oraz powiatów – D i E"; "" for no groups."""
    if not groups:
        return ""
    parts = [group.text(last=index == len(groups) - 1) for index, group in enumerate(groups)]
    if len(parts) > 2:
        # Each group holds commas of its own: the groups are parted by semicolons.
        head = "; ".join(parts[:-1])
    else:
        head = ", ".join(parts[:-1])
    return "z " + (f"{head} oraz {parts[-1]}" if head else parts[-1])
