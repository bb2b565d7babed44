"""Plain text wrapped the Polish way: words that belong together stay on one line."""

from __future__ import annotations

import functools
import re
import textwrap
from typing import Any

from jstevents.text.typography import polish_spaces


def wrap(text: Any, width: int = 72, indent: str = "", first: str | None = None) -> str:
    """Wrap one paragraph at `width` columns; `first` prefixes the first line (e.g. " 1. ").

    Words are never split, so e-mail addresses and links stay whole even when longer than a
    line; the Polish non-breaking spaces (see `typography`) hold "2017 r.", "30 września",
    "nr 2", "o godzinie 11.30" and "w Warszawie" together, and stay in the text as U+00A0.
    """
    return _wrap(str(text), width, indent, first)


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, width: int, indent: str, first: str | None) -> str:
    # Most paragraphs of a mail-out are the same for every recipient: wrap each once.
    # textwrap breaks only at ASCII whitespace, so it never breaks at a non-breaking space.
    words = polish_spaces(" ".join(text.split(" ")).strip())
    words = re.sub(r"[ \t\r\n]+", " ", words)
    return textwrap.fill(
        words,
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )
