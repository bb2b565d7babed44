"""The Markdown fields of the YAML (`Markdown` in model.py) as e-mail HTML or as plain text.

CommonMark, parsed by markdown-it-py (imported on first use, so `jstevents --help` never loads
it), with raw HTML off: a `<script>` in a value stays text. Links are kept only to http(s) and
mailto; `[x](javascript:…)` stays as written, never becoming a link. Images are not Markdown
here (an e-mail fetches nothing), so `![x](url)` is a "!" and a link.

- `to_html(text)`: blocks (paragraphs, lists …) for a value that stands alone, as in a `<li>`
  of the communiqué's points; `to_html_inline(text)`: the same inside an existing `<p>` or
  `<li>`. Both give `<p>`, `<ul>`, `<ol>`, `<li>`, `<a>`, `<strong>` and `<em>` the inline
  styles of templates/communique.html.j2 (mail programs drop `<style>`), and return `Markup`.
- `to_text(text, width=None, indent="", first=None, inline=False)`: plain text. `**` and `_`
  markers go, a link is `label (https://…)` (the address alone when it is its own label), list
  items are lines of "- item" ("1. item" when numbered), blocks are parted by a blank line.
  With `width`, each paragraph and item is wrapped by `text.wrap.wrap` (`first` prefixes the
  first line, `indent` the others); with `inline`, one line to go inside a sentence.

Every result is cached: a mail-out renders the same text once per recipient.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markupsafe import Markup

#: The only link targets kept (the URL as markdown-it normalised it).
_SCHEMES = ("http://", "https://", "mailto:")


def _allowed_link(url: str) -> bool:
    return url.strip().lower().startswith(_SCHEMES)


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    md.disable("image")
    # markdown-it's own check refuses javascript:, vbscript:, file: and data:; this one allows only
    # what an e-mail should link to.
    md.validateLink = _allowed_link  # type: ignore[method-assign]
    return md


@functools.lru_cache(maxsize=2048)
def _html(text: str, inline: bool) -> str:
    md = _parser()
    tokens = md.parseInline(text) if inline else md.parse(text)
    return md.renderer.render(tokens, md.options, {}).rstrip("\n")


def to_html(text: Any) -> Markup:
    """HTML of a Markdown value that stands alone: paragraphs and lists (the page's style sheet styles them)."""
    from markupsafe import Markup

    return Markup(_html(str(text), False))


def to_html_inline(text: Any) -> Markup:
    """HTML of a Markdown value inside an existing `<p>` or `<li>`: emphasis, links, code; no blocks."""
    from markupsafe import Markup

    return Markup(_html(str(text), True))


# --- plain text --------------------------------------------------------------


def _link_text(label: str, href: str) -> str:
    shown = _parser().normalizeLinkText(href)
    if any(c.isspace() for c in shown):
        shown = href  # a decoded %20 would break the address in two
    if label in (href, shown) or (shown.startswith("mailto:") and label == shown[len("mailto:") :]):
        return label
    return f"{label} ({shown})" if label else shown


def _inline_text(children: Sequence[Token] | None) -> str:
    """Text of the inline tokens: markers dropped, links as "label (URL)", hard breaks as new lines."""
    out: list[str] = []
    links: list[tuple[str, int]] = []  # (href, where its label starts in `out`)
    for token in children or ():
        kind = token.type
        if kind in ("text", "text_special", "code_inline", "html_inline"):
            out.append(token.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "link_open":
            links.append((str(token.attrGet("href") or ""), len(out)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            label = "".join(out[start:])
            del out[start:]
            out.append(_link_text(label, href))
    return "".join(out)


def _blocks(tokens: Sequence[Token]) -> list[tuple[bool, str, str, str, bool]]:
    """(blank line before, first-line prefix, prefix of the other lines, text, verbatim) per block."""
    blocks: list[tuple[bool, str, str, str, bool]] = []
    hangs: list[str] = []  # the indent of each open list item or quote
    numbers: list[int | None] = []  # per open list: the next number, None for bullets
    marker = ""  # the "- " or "3. " still to be written before an item's first block
    hidden = False

    def add(text: str, verbatim: bool = False, tight: bool = False) -> None:
        nonlocal marker
        base = "".join(hangs[:-1]) if marker else "".join(hangs)
        lead = base + marker if marker else base
        # Items of a tight list follow one another, and the list its item's first paragraph.
        gap = bool(blocks) and not (tight and blocks[-1][2] != "")
        blocks.append((gap, lead, "".join(hangs), text, verbatim))
        marker = ""

    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            numbers.append(int(token.attrGet("start") or 1) if kind == "ordered_list_open" else None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            numbers.pop()
        elif kind == "list_item_open":
            number = numbers[-1]
            if number is None:
                marker = "- "
            else:
                marker = f"{number}. "
                numbers[-1] = number + 1
            hangs.append(" " * len(marker))
        elif kind == "list_item_close":
            hangs.pop()
            marker = ""
        elif kind == "blockquote_open":
            hangs.append("> ")
        elif kind == "blockquote_close":
            hangs.pop()
        elif kind in ("paragraph_open", "heading_open"):
            hidden = token.hidden
        elif kind == "inline":
            add(_inline_text(token.children), tight=hidden)
            hidden = False
        elif kind in ("code_block", "fence"):
            add(token.content.rstrip("\n"), verbatim=True)
        elif kind == "hr":
            add("* * *", verbatim=True)
    return blocks


@functools.lru_cache(maxsize=2048)
def _text(text: str, width: int | None, indent: str, first: str | None, inline: bool) -> str:
    md = _parser()
    if inline:
        return " ".join(_inline_text(md.parseInline(text)[0].children).split())
    from jstevents.text.wrap import wrap

    lines: list[str] = []
    for number, (gap, lead, hang, body, verbatim) in enumerate(_blocks(md.parse(text))):
        if gap:
            lines.append("")
        lead = (first if first is not None else indent) + lead if number == 0 else indent + lead
        hang = indent + hang
        parts = body.split("\n") if verbatim else [" ".join(part.split()) for part in body.split("\n")]
        for i, part in enumerate(parts):
            prefix = lead if i == 0 else hang
            if width is not None and not verbatim:
                lines.append(wrap(part, width, indent=hang, first=prefix))
            else:
                lines.append((prefix + part).rstrip())
    return "\n".join(lines)


def to_text(
    text: Any, width: int | None = None, indent: str = "", first: str | None = None, *, inline: bool = False
) -> str:
    """Plain text of a Markdown value; see the module's docstring for what becomes of each part."""
    return _text(str(text), width, indent, first, inline)
