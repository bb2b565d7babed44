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

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_FILE_BYTES = 64 * 1024 * 1024
#: How many nodes aliases may add to a file in total.
MAX_ALIAS_EXPANSION = 100_000
#: libyaml's composer recurses in C once per level of nesting and overflows the
#: stack (a crash, not an exception) past about 25,000 levels on an 8 MB stack,
#: fewer on the smaller stacks of Windows and of threads; libyaml 0.2.6 (PyYAML 6.0.4)
#: refuses more than 1,000 levels itself. Real files nest about ten deep, so deeper
#: nesting is refused whatever the libyaml; a file that may nest deeper is measured
#: first, and composed on a thread with a stack large enough for MAX_DEPTH levels.
MAX_DEPTH = 1000
_STACK_PER_LEVEL = 1024
_stack_lock = threading.Lock()

#: Line breaks for YAML 1.1 (and libyaml) but not for editors or YAML 1.2.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
_BREAK_RE = re.compile(r"\r\n|\r|\n")
_BLOCK_PREFIX_RE = re.compile(r"^[ ]*(?:[-?:][ ]+)*", re.MULTILINE)
#: `[a, b]` or `{a: 1}` on one line with no brackets, quotes or `#` inside: either a
#: real innermost collection or no collection at all (text in a comment or scalar).
_SIMPLE_FLOW_RE = re.compile(r"\[[^\[\]{}\"'#\n\r]*\]|\{[^\[\]{}\"'#\n\r]*\}")

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
    def __init__(self, node: Node, recursive: bool = False) -> None:
        self.node, self.recursive = node, recursive


class _BadValue(Exception):
    """A scalar that a standard tag cannot turn into its type (`!!int abc`, `!!bool maybe`)."""

    def __init__(self, node: Node, reason: str) -> None:
        self.node, self.reason = node, reason


def has_odd_breaks(text: str) -> bool:
    """Whether libyaml would count lines in `text` differently from an editor."""
    return any(ch in text for ch in _ODD_BREAKS)


def _position(text: str, mark: Any, odd: bool | None = None) -> tuple[int, int]:
    """1-based line and column of a mark, counting lines as editors do.

    libyaml also breaks lines at U+0085, U+2028 and U+2029, which editors show
    inside a line (and YAML 1.2 no longer counts); only when the text holds one
    of them (`odd`, computed when not given) is the place recomputed from the
    mark's character index.
    """
    if not (has_odd_breaks(text) if odd is None else odd):
        return mark.line + 1, mark.column + 1
    index = min(max(mark.index, 0), len(text))
    line = len(_BREAK_RE.findall(text, 0, index)) + 1
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return line, index - start + 1


class _ProjectLoader(_Base):
    """A private safe loader; the global PyYAML loaders are never changed."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.text = stream
        self.odd = has_odd_breaks(stream)
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
                line, col = _position(self.text, key_node.start_mark, self.odd)
                self.faults.append(
                    YamlFault(
                        "E003",
                        line,
                        col,
                        f"duplicate key {key_node.value!r} (first at line "
                        f"{_position(self.text, first.start_mark, self.odd)[0]}); YAML keeps only the last one, "
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
        return self._construct_reporting_bad_values(node, deep)

    def _construct_reporting_bad_values(self, node: Node, deep: bool) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, _AliasBomb, _BadValue, RecursionError):
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, ArithmeticError) as exc:
            # The standard constructors assume well-formed scalars: `!!bool maybe`
            # is a KeyError, `!!float x` a ValueError. Report them at the node.
            raise _BadValue(node, str(exc) or type(exc).__name__) from None

    def construct_yaml_timestamp(self, node: ScalarNode) -> Any:
        # 2017-02-30 or 2017-08-21 25:00 look like dates but are none: keep the
        # text, so the schema reports it at its place when a date is expected.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError, AttributeError):
            return self.construct_scalar(node)

    def construct_yaml_int(self, node: ScalarNode) -> Any:
        # Python refuses to convert integers of more than 4300 digits.
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            if _INT_RE.match(str(node.value)):
                return self.construct_scalar(node)
            raise

    def _size(self, node: Node, visiting: set[int]) -> int:
        key = id(node)
        cached = self._sizes.get(key)
        if cached is not None:
            return cached
        if key in visiting:
            raise _AliasBomb(node, recursive=True)
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
        return self._construct_reporting_bad_values(node, deep)


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
_ProjectLoader.add_constructor("tag:yaml.org,2002:timestamp", _ProjectLoader.construct_yaml_timestamp)
_ProjectLoader.add_constructor("tag:yaml.org,2002:int", _ProjectLoader.construct_yaml_int)
_INT_RE = re.compile(r"^[-+]?[0-9_]+$")


_UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the bytes look like text saved that way (Notepad's "Unicode")."""
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            return name
    head = data[:200]
    if len(head) >= 4 and head.count(0) * 2 >= len(head) - 1:
        # ASCII text in UTF-16 without a BOM: every other byte is NUL.
        if head[1::2].count(0) == len(head[1::2]) or head[0::2].count(0) == len(head[0::2]):
            return "UTF-16"
    return None


def read_text(path: Path, root: Path | None = None) -> tuple[str | None, YamlFault | None]:
    """The file's text, or why it cannot be read as a UTF-8 text file.

    Only a regular file is read (a FIFO would hang, a link to /dev/zero never end), and never
    more than the limit; with `root`, a file that is a link out of that folder is refused too.
    """
    from jstevents.confined import Refused, TooLarge, read_regular, resolve

    try:
        if root is not None:
            resolve(root, path.relative_to(root).as_posix())
        data = read_regular(path, MAX_FILE_BYTES, path.name)
    except TooLarge as exc:
        return None, YamlFault("E007", 1, 1, f"{exc}: split it into several files")
    except Refused as exc:
        return None, YamlFault("E007", 1, 1, str(exc))
    return decode(data)


def decode(data: bytes) -> tuple[str | None, YamlFault | None]:
    """The text of a file's bytes, or why they are not a UTF-8 text file."""
    wide = _wide_encoding(data)
    if wide is not None:
        return None, YamlFault(
            "E004",
            1,
            1,
            f'the file is saved as {wide} (Notepad calls it "Unicode"), not UTF-8: '
            "open it in your editor and save it with the encoding UTF-8",
        )
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        return None, YamlFault(
            "E007",
            line,
            1,
            "this is not a text file (it contains NUL bytes): "
            "is it a YAML file saved by a word processor, or a binary file with a .yaml name?",
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
    # Not str.splitlines(): it also breaks at form feeds and U+2028, which editors do not.
    for number, line in enumerate(_BREAK_RE.split(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            faults.append(
                YamlFault(
                    "E002",
                    number,
                    indent.index("\t") + 1,
                    "a tab is used for indentation; YAML allows only spaces: "
                    "replace the tab with spaces (most editors: convert indentation to spaces)",
                )
            )
    return faults


def _reader_fault(text: str, exc: yaml.reader.ReaderError) -> YamlFault:
    """A character YAML does not allow (a control character, a stray U+FFFE)."""
    # libyaml gives the offset in UTF-8 bytes; the pure-Python reader in characters.
    position = max(int(exc.position), 0)
    if _Base is not yaml.SafeLoader:
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    position = min(position, len(text))
    line = len(_BREAK_RE.findall(text, 0, position)) + 1
    start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlFault(
        "E001",
        line,
        position - start + 1,
        f"the character U+{character:04X} is not allowed in a YAML file (it is often invisible): "
        "delete it; if it came with pasted text, retype that part",
    )


def _fault_from_yaml_error(text: str, exc: yaml.YAMLError) -> YamlFault:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_fault(text, exc)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = _position(text, mark) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if isinstance(exc, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip().strip("'").replace("tag:yaml.org,2002:", "!!")
        return YamlFault(
            "E008",
            line,
            col,
            f"the tag {tag} is not allowed: project files hold plain data only; remove the tag",
        )
    if _is_libyaml_depth_limit(exc):
        return _too_deep_at(text, mark)
    if "\t" in problem or "'\\t'" in problem:
        return YamlFault("E002", line, col, "a tab character here is not allowed in YAML: use spaces")
    message = f"{context}, {problem}" if context else problem
    return YamlFault(
        "E001",
        line,
        col,
        f"YAML syntax error: {message}; check the indentation and the quotes on this line and the one before",
    )


def _depth_bound(text: str) -> int:
    """An upper bound of how deeply the collections in `text` nest, found at C speed.

    Each level needs a `[` or `{` (which may open two: `[a: [b: c]]` holds a
    one-pair mapping in each sequence), or a block indicator (`- `, `? `, `: `)
    within the indentation-and-indicator prefix of some line, where columns grow
    with depth (a sequence may share its mapping's column once). A simple one-line
    flow collection can only be the innermost level of any nesting, so all of them
    together add at most two levels.
    """
    flow = text.count("[") + text.count("{")
    if flow:
        simple = sum(1 for _ in _SIMPLE_FLOW_RE.finditer(text))
        flow = 2 * (flow - simple) + (2 if simple else 0)
    room = (MAX_DEPTH - flow) // 2 - 1
    if room > 0 and _wide_prefix(room).search(text) is None:
        return flow + 2 * (room + 1)  # no line starts with more than `room` of " -?:"
    widest = max((len(prefix) for prefix in _BLOCK_PREFIX_RE.findall(text)), default=0)
    return flow + 2 * (widest + 1)


@functools.lru_cache(maxsize=8)
def _wide_prefix(width: int) -> re.Pattern[str]:
    return re.compile(rf"^[ ?:-]{{{width + 1}}}", re.MULTILINE)


def _depth_fault(text: str) -> YamlFault | None:
    """The place where collections nest deeper than MAX_DEPTH, walked event by event."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_deep_at(text, event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        if _is_libyaml_depth_limit(exc):
            return _too_deep_at(text, getattr(exc, "problem_mark", None))
        return None  # the real parse reports it, at its place
    return None


def _is_libyaml_depth_limit(exc: yaml.YAMLError) -> bool:
    return "maximum nesting depth" in str(getattr(exc, "problem", "") or "")


def _too_deep_at(text: str, mark: Any) -> YamlFault:
    line, col = _position(text, mark) if mark is not None else (1, 1)
    return YamlFault(
        "E001",
        line,
        col,
        f"collections are nested more than {MAX_DEPTH} levels deep here: "
        "is a closing ] or } missing, or was a line pasted many times?",
    )


def _guarded(text: str, call: Callable[[], Any]) -> Any:
    """Run libyaml's composer (inside `call`) so that deep nesting cannot crash the process.

    Raises _TooDeep when the text nests deeper than MAX_DEPTH.
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return call()
    fault = _depth_fault(text)
    if fault is not None:
        raise _TooDeep(fault)
    # At most MAX_DEPTH levels, but perhaps more than the calling thread's stack holds.
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the calling thread
            outcome["error"] = exc

    megabytes = (MAX_DEPTH * _STACK_PER_LEVEL >> 20) + 16  # whole megabytes suit every platform
    try:
        with _stack_lock:
            previous = threading.stack_size(megabytes << 20)
            try:
                worker = threading.Thread(target=run, name="jstevents-yaml", daemon=True)
                worker.start()
            finally:
                threading.stack_size(previous)
    except (ValueError, RuntimeError, MemoryError):
        return call()  # no thread with such a stack here; the depth is known to be modest
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


class _TooDeep(Exception):
    def __init__(self, fault: YamlFault) -> None:
        self.fault = fault


def parse(text: str) -> tuple[Any, list[YamlFault]]:
    """Load one document. Returns the data (None when unreadable) and its faults."""
    if "\t" in text:
        tabs = _tab_faults(text)
        if tabs:
            return None, tabs
    loader = (_ProjectLoader if "&" in text else _AnchorFreeLoader)(text)
    try:
        data = _guarded(text, loader.get_single_data)
    except _TooDeep as deep:
        return None, [deep.fault]
    except _AliasBomb as bomb:
        line, col = _position(text, bomb.node.start_mark)
        message = (
            "this anchor contains an alias to itself, which would expand forever; "
            "write the data out instead of the *alias"
            if bomb.recursive
            else f"aliases here would expand to more than {MAX_ALIAS_EXPANSION:,} values; "
            "write the data out instead of repeating anchors (*alias)"
        )
        return None, [YamlFault("E006", line, col, message)]
    except _BadValue as bad:
        line, col = _position(text, bad.node.start_mark)
        tag = str(bad.node.tag).replace("tag:yaml.org,2002:", "!!")
        return None, loader.faults + [
            YamlFault(
                "E012",
                line,
                col,
                f"{str(bad.node.value)[:60]!r} cannot be read as {tag} ({bad.reason}): "
                "correct the value or remove the tag",
            )
        ]
    except yaml.YAMLError as exc:
        return None, loader.faults + [_fault_from_yaml_error(text, exc)]
    except RecursionError:
        return None, [YamlFault("E001", 1, 1, "the file is nested too deeply to be read")]
    finally:
        loader.dispose()
    if data is None:
        return None, [YamlFault("E005", 1, 1, "the file is empty: add its content or delete the file")]
    return data, loader.faults


def compose(text: str) -> Node | None:
    """The node tree of a text that `parse` has accepted (None when it cannot be read)."""
    loader = _ProjectLoader(text)
    try:
        return _guarded(text, loader.get_single_node)
    except (yaml.YAMLError, _TooDeep, RecursionError):
        return None
    finally:
        loader.dispose()


def locate(
    root: Node | None,
    path: tuple[str | int, ...],
    *,
    key: bool = False,
    text: str | None = None,
    odd: bool | None = None,
) -> tuple[int, int]:
    """Line and column (1-based) of the node at `path`, or of its nearest parent.

    With `key=True` and a path ending in a mapping key, the key itself is
    located (for unknown keys) rather than its value. Pass the file's `text`
    so that lines are counted as editors count them (and `has_odd_breaks(text)`
    as `odd` when locating many nodes of one large file).
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
    if text is not None:
        return _position(text, best, odd)
    return best.line + 1, best.column + 1
