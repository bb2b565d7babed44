"""Adding entries to a project file as text, so that everything the coordinator wrote stays.

The file is never dumped again from data: comments, quotes, blank lines and the order of keys
are theirs. The places to write at are found through PyYAML's composed nodes, and the new text
goes in whole lines, indented like the entries around it. `write_checked` then makes sure the
project still validates with the change, and puts the file back as it was when it does not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from jstevents.commands.files import rewrite, write_bytes
from jstevents.errors import ProjectError, ProjectInvalid
from jstevents.load import yamlfile


def value_of(mapping: Node | None, key: str) -> Node | None:
    """The value of `key` in a mapping node, or None."""
    if isinstance(mapping, MappingNode):
        for key_node, value_node in mapping.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return value_node
    return None


def section_file(root: Path, section: str, default: str) -> Path:
    """The first project file (in the order they are read) with a top-level `section:`; else `root/default`."""
    from jstevents.load.project import project_files

    for path in project_files(root):
        text, _ = yamlfile.read_text(path)
        node = yamlfile.compose(text) if text else None
        if isinstance(node, MappingNode) and any(
            isinstance(key, ScalarNode) and key.value == section for key, _ in node.value
        ):
            return path
    return root / default


def line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _indented(block: str, indent: int) -> str:
    pad = " " * indent
    return "\n".join(pad + line if line.strip() else "" for line in block.rstrip("\n").split("\n"))


def _end_of(node: Node) -> int:
    """Where the text of a block node ends: after its last value, before any comment or blank line that follows."""
    while isinstance(node, (MappingNode, SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node.end_mark.index


def _after_comments(text: str, at: int, indent: int) -> int:
    """From the end of a line, past the comment lines indented more than `indent` that follow it (the
    commented-out keys of the entry above), blank lines between them included; `at` if there are none."""
    position = at
    while position < len(text):
        end = line_end(text, position + 1)
        line = text[position + 1 : end]
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) > indent:
            at = end
        elif stripped.strip():
            break
        position = end
    return at


def _insert_lines(text: str, end: int, lines: str, indent: int) -> tuple[int, str]:
    """Where and what to insert so that `lines` (no final newline) follow the value ending at `end`, and the
    comments indented more than `indent` after it."""
    if end > 0 and text[end - 1] == "\n":
        # A block scalar (`text: >-`) ends at the start of the next line: its last line ends just before.
        end -= 1
    at = _after_comments(text, line_end(text, end), indent)  # after trailing comments, which stay with their entry
    return at, "\n" + lines


def append_to_list(
    text: str,
    mapping: MappingNode,
    key: str,
    blocks: Sequence[str],
    *,
    where: str,
    before: str | None = None,
) -> str:
    """`text` with `blocks` appended to the block list under `key` of `mapping`.

    Each block is one entry as written at column 0 ("- id: …" and its indented lines, comments
    included). A missing `key` is added at the end of the mapping, or before the key `before`
    (and the comment lines just above it) when the mapping has it; an empty one (`key:` or
    `key: []`) is filled in. `where` names the place for messages.
    """
    sequence = value_of(mapping, key)
    if mapping.flow_style:
        raise ProjectError(
            f"{where}: the entries around `{key}` are written in {{flow}} style on one line",
            hint="write them as a block (one key per line) and run again",
        )
    if isinstance(sequence, SequenceNode) and sequence.value:
        if sequence.flow_style:
            raise ProjectError(
                f"{where}: `{key}` is written as a [flow] list",
                hint="write it as a block list (one '- …' entry per line) and run again",
            )
        items = sequence.value
        last = items[-1]
        line = text.splitlines()[last.start_mark.line]
        indent = max(line.rfind("-", 0, last.start_mark.column), 0)
        gap = "\n" if len(items) > 1 and "\n\n" in text[_end_of(items[-2]) : last.start_mark.index] else ""
        body = "\n".join(gap + _indented(block, indent) for block in blocks)
        at, insert = _insert_lines(text, _end_of(last), body, indent)
        return text[:at] + insert + text[at:]
    pairs = mapping.value
    column = pairs[0][0].start_mark.column if pairs else 0
    body = "\n".join(_indented(block, column + 2) for block in blocks)
    if sequence is not None:
        if not (isinstance(sequence, ScalarNode) and sequence.value in ("", "~", "null")) and not isinstance(
            sequence, SequenceNode
        ):
            raise ProjectError(f"{where}: `{key}` is not a list", hint=f"make `{key}:` a list and run again")
        start, end = sequence.start_mark.index, sequence.end_mark.index
        if isinstance(sequence, ScalarNode) and sequence.value == "":
            start = end = line_end(text, start)  # `key:` with nothing after it: the value starts on the next line
        prefix = text[:start].rstrip(" ")
        return prefix + "\n" + body + text[end:]
    entry = " " * column + f"{key}:\n" + body
    following = value_of(mapping, before) if before else None
    if following is not None:
        key_node = next(k for k, v in pairs if v is following)
        at = _line_start(text, key_node.start_mark.index)
        while at > 0:
            previous = _line_start(text, at - 1)
            if not text[previous:at].strip().startswith("#"):
                break
            at = previous
        return text[:at] + entry + "\n" + text[at:]
    if not pairs:
        prefix = text if not text or text.endswith("\n") else text + "\n"
        return prefix + entry + "\n"
    at, insert = _insert_lines(text, _end_of(mapping), entry, column)
    return text[:at] + insert + text[at:]


def root_mapping(text: str, where: str) -> MappingNode:
    """The top-level mapping of a file's text (an empty one for an empty file)."""
    node = yamlfile.compose(text) if text.strip() else None
    if node is None:
        return MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, MappingNode):
        raise ProjectError(f"{where} does not hold sections (`participants:`, `event:` …)", hint="fix the file first")
    return node


def write_checked(
    root: Path,
    path: Path,
    new_text: str,
    *,
    backup: Path | None = None,
    also: Callable[[Any], str | None] | None = None,
    checks: bool = True,
) -> None:
    """Write `new_text` to `path`, then load the project: if it has errors now (or `also`, given the loaded
    project, names a fault), put the file back as it was (or delete it if it was new) and raise `ProjectInvalid`.

    The project had no errors before (the callers required a valid one), so any error comes with the change.
    `backup`, when given, receives the previous file before it is replaced. A file readable by its owner
    only (one holding personal data) stays so.
    """
    from jstevents.commands.lock import project_lock

    with project_lock(root, "new"):
        _write_checked(root, path, new_text, backup=backup, also=also, checks=checks)


def _write_checked(
    root: Path,
    path: Path,
    new_text: str,
    *,
    backup: Path | None,
    also: Callable[[Any], str | None] | None,
    checks: bool,
) -> None:
    from jstevents.load.project import load_project

    # A roster kept elsewhere through a link stays linked, and keeps its permissions (`rewrite`).
    private = path.exists() and (path.stat().st_mode & 0o077) == 0
    original = path.read_bytes() if path.exists() else None
    if original is not None and backup is not None:
        write_bytes(backup, original, private=True)
    rewrite(path, new_text.encode("utf-8"), private=private)
    result = load_project(root, checks=checks)
    fault = also(result.project) if also is not None and not result.errors else None
    if result.errors or fault:
        if original is not None:
            rewrite(path, original, private=private)
        else:
            path.unlink(missing_ok=True)
        raise ProjectInvalid(
            result.errors,
            f"with the change, {path.as_posix()} did not validate{f' ({fault})' if fault else ''}, "
            "so it was put back as it was",
            hint="fix the problems listed (or the values given) and run again",
        )
