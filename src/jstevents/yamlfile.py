"""Reading YAML the way a coordinator's files need it: safely, and with places.

- Only safe tags; `!!python/...` is refused.
- Duplicate keys, which PyYAML accepts silently, are reported.
- `11:30` stays the text "11:30" (YAML 1.1 would read the number 690) and
  `no`/`yes`/`on`/`off` stay text; only `true` and `false` are booleans.
- Aliases that would expand into a huge document ("billion laughs") are refused
  before anything walks the expansion.
- Every problem carries a line and column; `locate()` maps a path of keys back
  to the node it came from, so later checks can point at the offending value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_FILE_BYTES = 64 * 1024 * 1024
#: How many nodes aliases may add to a file in total.
MAX_ALIAS_EXPANSION = 100_000

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class YamlFault:
    """A problem found while reading one file (line and column are 1-based)."""

    code: str
    line: int
    col: int
    message: str


class _AliasBomb(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


class _ProjectLoader(_Base):  # type: ignore[misc, valid-type]
    """A private safe loader; the global PyYAML loaders are never changed."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.faults: list[YamlFault] = []
        self._alias_weight = 0
        self._sizes: dict[int, int] = {}
        self._plain_tags: dict[str, str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # A plain scalar's tag depends on its text alone (no path resolvers are
        # registered), and keys, ids and dates repeat thousands of times in a file.
        if kind is ScalarNode and implicit[0]:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [k.value for k, _ in node.value if isinstance(k, ScalarNode)]
        if len(keys) != len(set(keys)):
            seen: dict[str, Node] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, ScalarNode):
                    continue
                first = seen.get(key_node.value)
                if first is None:
                    seen[key_node.value] = key_node
                    continue
                mark = key_node.start_mark
                self.faults.append(
                    YamlFault(
                        "E003",
                        mark.line + 1,
                        mark.column + 1,
                        f"duplicate key {key_node.value!r} (first at line "
                        f"{first.start_mark.line + 1}); YAML keeps only the last one, "
                        "remove or rename one of them",
                    )
                )
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            # A node met a second time is an alias: count what it would expand to.
            self._alias_weight += self._size(node, set())
            if self._alias_weight > MAX_ALIAS_EXPANSION:
                raise _AliasBomb(node)
        return super().construct_object(node, deep=deep)

    def _size(self, node: Node, visiting: set[int]) -> int:
        key = id(node)
        cached = self._sizes.get(key)
        if cached is not None:
            return cached
        if key in visiting:
            raise _AliasBomb(node)
        visiting.add(key)
        size = 1
        if isinstance(node, SequenceNode):
            size += sum(self._size(child, visiting) for child in node.value)
        elif isinstance(node, MappingNode):
            size += sum(self._size(k, visiting) + self._size(v, visiting) for k, v in node.value)
        visiting.discard(key)
        self._sizes[key] = size
        if size > MAX_ALIAS_EXPANSION:
            raise _AliasBomb(node)
        return size


class _AnchorFreeLoader(_ProjectLoader):
    """For text without `&`: it defines no anchor, so it has no alias to count.

    Skipping the per-node accounting of `construct_object`, and constructing strings
    directly, saves Python calls on every node: a noticeable share of loading
    50,000 registrations.
    """

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        # Most nodes are strings, which construct to their text; without anchors no
        # node is met twice, so nothing needs remembering.
        if node.tag == _STR_TAG and node.__class__ is ScalarNode:
            return node.value
        return _Base.construct_object(self, node, deep=deep)


def _yaml12_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    replaced = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in entries if tag not in replaced]
        if kept:
            resolvers[first] = kept
    extra = [
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")),
        ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")),
        (
            "tag:yaml.org,2002:float",
            re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?$"),
            list("-+0123456789."),
        ),
    ]
    for tag, rx, firsts in extra:
        for ch in firsts:
            resolvers.setdefault(ch, []).append((tag, rx))
    return resolvers


_ProjectLoader.yaml_implicit_resolvers = _yaml12_resolvers()
# resolve() caches plain scalars' tags by their text: only true without path resolvers.
assert not _ProjectLoader.yaml_path_resolvers


def read_text(path: Path) -> tuple[str | None, YamlFault | None]:
    """The file's text, or why it cannot be read as a UTF-8 text file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, YamlFault(
                "E007", 1, 1, f"file is {size // (1024 * 1024)} MB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB: split it into several files"
            )
        data = path.read_bytes()
    except OSError as exc:
        return None, YamlFault("E007", 1, 1, f"cannot read the file: {exc.strerror or exc}")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, YamlFault(
            "E007", line, 1, "this is not a text file (it contains NUL bytes): "
            "is it a YAML file saved by a word processor, or a binary file with a .yaml name?"
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save it as UTF-8"
        try:
            data.decode("cp1250")
            hint = (
                "it looks like Windows-1250 (common for Polish files saved on Windows): "
                "open it in your editor and save it with the encoding UTF-8 "
                "(Notepad: File › Save as › Encoding: UTF-8)"
            )
        except UnicodeDecodeError:
            pass
        return None, YamlFault("E004", line, col, f"the file is not UTF-8 text; {hint}")


def _tab_faults(text: str) -> list[YamlFault]:
    faults = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            faults.append(
                YamlFault(
                    "E002", number, indent.index("\t") + 1,
                    "a tab is used for indentation; YAML allows only spaces: "
                    "replace the tab with spaces (most editors: convert indentation to spaces)",
                )
            )
    return faults


def _fault_from_yaml_error(exc: yaml.YAMLError) -> YamlFault:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if isinstance(exc, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip().strip("'")
        return YamlFault(
            "E008", line, col,
            f"the tag {tag} is not allowed: project files hold plain data only; remove the tag",
        )
    if "\t" in problem or "'\\t'" in problem:
        return YamlFault("E002", line, col, "a tab character here is not allowed in YAML: use spaces")
    message = f"{context}, {problem}" if context else problem
    return YamlFault(
        "E001", line, col,
        f"YAML syntax error: {message}; check the indentation and the quotes on this line "
        "and the one before",
    )


def parse(text: str) -> tuple[Any, list[YamlFault]]:
    """Load one document. Returns the data (None when unreadable) and its faults."""
    if "\t" in text:
        tabs = _tab_faults(text)
        if tabs:
            return None, tabs
    loader = (_ProjectLoader if "&" in text else _AnchorFreeLoader)(text)
    try:
        data = loader.get_single_data()
    except _AliasBomb as bomb:
        mark = bomb.node.start_mark
        return None, [
            YamlFault(
                "E006", mark.line + 1, mark.column + 1,
                f"aliases here would expand to more than {MAX_ALIAS_EXPANSION:,} values; "
                "write the data out instead of repeating anchors (*alias)",
            )
        ]
    except yaml.YAMLError as exc:
        return None, loader.faults + [_fault_from_yaml_error(exc)]
    except RecursionError:
        return None, [YamlFault("E001", 1, 1, "the file is nested too deeply to be read")]
    finally:
        loader.dispose()
    if data is None:
        return None, [YamlFault("E005", 1, 1, "the file is empty: add its content or delete the file")]
    return data, loader.faults


def compose(text: str) -> Node | None:
    loader = _ProjectLoader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def locate(root: Node | None, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node at `path`, or of its nearest parent.

    With `key=True` and a path ending in a mapping key, the key itself is
    located (for unknown keys) rather than its value.
    """
    node = root
    if node is None:
        return 1, 1
    best = node.start_mark
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, MappingNode) and isinstance(step, str):
            for key_node, value_node in reversed(node.value):
                if isinstance(key_node, ScalarNode) and key_node.value == step:
                    node = value_node
                    best = key_node.start_mark if (key and last) else value_node.start_mark
                    break
            else:
                break
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            best = node.start_mark
        else:
            break
    return best.line + 1, best.column + 1
