"""Ids made from names: "Łucja Żółć" → `lucja-zolc`.

An id is what a coordinator types in registrations and commands, so it is written in
plain ASCII: Polish letters lose their diacritics (ł, which Unicode does not decompose,
becomes l), everything else that is not a letter or digit becomes one "-".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

#: Letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d"})


def slug(name: str) -> str:
    """The id made from `name`: lower case ASCII letters and digits joined by "-" ("" when none is left)."""
    folded = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED).lower())
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def free_id(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is not in `taken`."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
