"""Rendering Jinja2 templates the way every jstevents output does.

Templates are looked up along a search path, first match wins:

1. `templates/` beside the project folder (for `events/`, the sibling `templates/`),
   where a programme keeps its own versions of any template;
2. the defaults shipped with jstevents (`templates/` of the package).

User templates are untrusted: they run in Jinja2's sandbox, and with
`StrictUndefined`, so a misspelt variable is an error naming the file and line
rather than a silent gap in a letter sent to a hundred people. Templates whose
name ends in `.html` or `.html.j2` escape every value automatically; in those ending in
`.md.j2` a `<` in a value is written `&lt;` (autolinks to http(s) and mailto stay), so a
name like `<script>` cannot become live HTML when the Markdown is rendered.

Filters (besides Jinja2's own): the Polish wording of `text/` — `date`, `day_month`,
`date_range(end)`, `time`, `at_time`, `deadline`, `weekday`, `month_year`, `numeric_date`,
`short_day`, `roman`, `persons`, `meal`, `sentence` — and `wrap(width=72, indent="",
first=None)` for plain text; for the fields the YAML gives in Markdown (notices, greeting,
task intro, variant text and after, support intro and form text, public_transport), those
of `text/markdown.py`:

- `markdown`: CommonMark as HTML blocks (`<p>`, `<ul>` …) with the inline styles of the e-mail
  body, raw HTML escaped, links only to http(s) and mailto; `markdown_inline` the same for a
  value inside an existing `<p>` or `<li>` (no blocks). Both are safe in autoescaped templates.
- `markdown_text(width=None, indent="", first=None, inline=False)`: plain text, emphasis
  markers dropped, links as "label (https://…)", list items as "- item", blocks parted by a
  blank line; with `width`, each block is wrapped as `wrap` does; `inline=True` gives one line
  for inside a sentence (to be wrapped with it).

`_communique.j2` renders the Markdown fields its sentences hold by the variable
`markdown_format` of the template importing it ("html", "txt"; unset: left as Markdown).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from jstevents.errors import TemplateError
from jstevents.resources import default_templates_dir, project_templates_dir
from jstevents.text import markdown as markdown_text
from jstevents.text.filters import FILTERS
from jstevents.text.wrap import wrap


def search_path(project_root: Path) -> list[Path]:
    """Where templates are looked for, in order: the project's own, then the defaults."""
    return [project_templates_dir(Path(project_root)), default_templates_dir()]


def template_path(project_root: Path, name: str) -> Path:
    """The file of a template that is not Jinja2 (a Typst layout): the project's own, else the default."""
    for folder in search_path(project_root):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    places = ", ".join(p.as_posix() for p in search_path(project_root))
    raise TemplateError(f"template {name!r} not found", hint=f"templates are looked for in: {places}")


#: A `<` that would open raw HTML in Markdown: anything but an autolink `<https://…>`.
_MARKDOWN_HTML_RE = re.compile(r"<(?!(?:https?|mailto):[^\s<>]*>)", re.IGNORECASE)


def _markdown_value(value: Any) -> Any:
    # Idempotent (`&lt;` holds no `<`), so macro results that pass here twice stay the same.
    return _MARKDOWN_HTML_RE.sub("&lt;", value) if isinstance(value, str) else value


def environment(project_root: Path, *, markdown: bool = False) -> Any:
    """A sandboxed Jinja2 environment for one project (shared, so templates compile once).

    Only existing folders are part of the key: a project that gains a `templates/` folder
    gets a fresh environment that sees its overrides. Markdown templates get their own
    environment, which keeps raw HTML out of values.
    """
    return _environment(tuple(str(p) for p in search_path(project_root) if p.is_dir()), markdown)


@functools.lru_cache(maxsize=8)
def _environment(paths: tuple[str, ...], markdown: bool) -> Any:
    # A template is read once per process (no auto_reload: checking every file before each of
    # hundreds of renders costs more than the renders); a new `templates/` folder is seen
    # because the folders are this environment's key.
    from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape

    env = _sandbox()(
        loader=FileSystemLoader(list(paths)),
        bytecode_cache=_bytecode_cache("templates-markdown" if markdown else "templates"),
        auto_reload=False,
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "html.j2"), default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_markdown_value if markdown else None,
    )
    env.filters.update(FILTERS)
    env.filters["wrap"] = wrap
    env.filters["markdown"] = markdown_text.to_html
    env.filters["markdown_inline"] = markdown_text.to_html_inline
    env.filters["markdown_text"] = markdown_text.to_text
    return env


@functools.cache
def _sandbox() -> Any:
    """Jinja2's sandbox, its decisions remembered.

    Whether an attribute may be read depends only on the object's type and the attribute's
    name (see `jinja2.sandbox.is_internal_attribute`), so each decision is made once per type
    and name: the same checks, made once instead of at each of the thousands of attribute
    reads of a mail-out. A subclass that decides by the value as well must not use this.
    """
    from jinja2.sandbox import SandboxedEnvironment

    class RememberingSandbox(SandboxedEnvironment):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._safe: dict[tuple[type, str], bool] = {}

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            key = (type(obj), attr)
            safe = self._safe.get(key)
            if safe is None:
                safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
            return safe

    return RememberingSandbox


def _bytecode_cache(part: str) -> Any:
    """Compiled templates kept in the user's cache folder, so that each run does not parse them again.

    Jinja2 checks each entry against the template's source and its own version; one folder per
    kind of environment, since the code compiled for Markdown templates differs.
    """
    from jinja2 import FileSystemBytecodeCache

    from jstevents.cache import cache_dir, usable_folder

    folder = cache_dir()
    entries = usable_folder(folder, part) if folder is not None else None
    return FileSystemBytecodeCache(str(entries)) if entries is not None else None


def _display(filename: str | None, name: str) -> str:
    if not filename:
        return name
    path = Path(filename)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _template_line(exc: BaseException, files: set[str]) -> tuple[str, int] | None:
    """The innermost traceback frame inside a template file: Jinja2 maps those to template lines."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in files or filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render(project_root: Path, template_name: str, context: dict[str, Any]) -> str:
    """Render `template_name` found along the search path with `context`.

    Any problem in the template (not found, syntax error, undefined variable,
    sandbox violation), or in a template it imports or includes, becomes a
    `TemplateError` naming the file and line.
    """
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.sandbox import SecurityError

    env = environment(project_root, markdown=template_name.endswith((".md", ".md.j2")))
    template = None
    try:
        template = env.get_template(template_name)
        return template.render(context)
    except TemplateNotFound as exc:
        places = ", ".join(p.as_posix() for p in search_path(project_root))
        raise TemplateError(
            f"template {exc.name!r} not found" + (f" (needed by {template_name})" if exc.name != template_name else ""),
            hint=f"templates are looked for in: {places}",
        ) from None
    except TemplateSyntaxError as exc:
        where = f"{_display(exc.filename, exc.name or template_name)}:{exc.lineno}"
        raise TemplateError(
            f"{where}: template syntax error: {exc.message}",
            hint="fix the template; Jinja2 syntax: https://jinja.palletsprojects.com/templates/",
        ) from None
    except (JinjaError, SecurityError) as exc:
        own = template.filename if template is not None else None
        located = _template_line(exc, {own or ""})
        where = f"{_display(located[0], template_name)}:{located[1]}" if located else _display(own, template_name)
        if isinstance(exc, SecurityError):
            what, hint = "refused by the template sandbox", "templates may not reach into Python internals"
        else:
            what = "template error"
            hint = "check the spelling of the variable against the list in docs/communiques.md (Template variables)"
        raise TemplateError(f"{where}: {what}: {exc}", hint=hint) from None
