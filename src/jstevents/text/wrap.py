"""Plain text wrapped the Polish way: words that belong together stay on one line."""

from __future__ import annotations

import functools
import re
import textwrap
from typing import Any

#: A private-use character that holds two words together while wrapping (textwrap splits on ASCII spaces).
_GLUE = "\ue000"
_GLUE_BEFORE = re.compile(r"(?<=\d) r\.")
#: The day of a date stays with its month: "5 września 2017", never "5" at a line's end.
_GLUE_DAY = re.compile(r"(?<!\S)(\d{1,2}) (?=\w+ \d{4}\b)")
#: Words that stay with the next one: "nr 2", "godzinie 11.30", and one-letter words ("w Warszawie"),
#: which Polish typography never leaves at the end of a line.
_GLUE_AFTER = re.compile(r"(\b(?:nr|tel\.|godzinie|godziny) (?=\+?\d)|(?<!\S)[aiouwzAIOUWZ] )")


def wrap(text: Any, width: int = 72, indent: str = "", first: str | None = None) -> str:
    """Wrap one paragraph at `width` columns; `first` prefixes the first line (e.g. " 1. ").

    Words are never split, so e-mail addresses and links stay whole even when longer
    than a line; "2017 r.", "nr 2", "o godzinie 11.30" and "w Warszawie" are never split
    across lines either.
    """
    return _wrap(str(text), width, indent, first)


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, width: int, indent: str, first: str | None) -> str:
    # Most paragraphs of a mail-out are the same for every recipient: wrap each once.
    words = " ".join(text.split())
    words = _GLUE_AFTER.sub(lambda m: m.group(1)[:-1] + _GLUE, _GLUE_BEFORE.sub(_GLUE + "r.", words))
    words = _GLUE_DAY.sub(lambda m: m.group(1) + _GLUE, words)
    wrapped = textwrap.fill(
        words,
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapped.replace(_GLUE, " ")
