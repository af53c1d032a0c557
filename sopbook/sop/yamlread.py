"""Reading an SOP file's YAML, screened: hostile input is refused early and cheaply (oversized
files, undecodable bytes, NUL characters, aliases — no "billion laughs" —, deep nesting, several
documents, a non-mapping at the top), duplicate keys are problems with their position, and every
value keeps its line and column (`Positions`).

All scalars are read as text (YAML 1.1 would turn ``3.10`` into 3.1, ``2017`` into an int and
``no`` into False); the typed model converts what it needs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..messages import say
from .explain import over_indented_items
from .problems import Path_, Positions

try:  # libyaml is much faster; fall back to the pure-Python parser
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Every scalar is kept as the text written (the model parses dates and numbers itself);
    only an empty or `null` value matters, so the tag of each node is found without trying
    YAML's regular expressions for booleans, numbers and timestamps on every scalar."""

    _NULLS = frozenset(("", "~", "null", "Null", "NULL"))
    _TAGS = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0] and value in self._NULLS:
            return "tag:yaml.org,2002:null"
        return self._TAGS[kind]


__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "Refused", "parse_yaml", "read_text", "screen_needed"]


MAX_FILE_BYTES = 1_000_000
"""An SOP is a few kilobytes; anything past this is refused unread."""

MAX_DEPTH = 20
"""The format nests four levels deep; deeper input is refused before it is built."""

class Refused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# Reading --------------------------------------------------------------------------------


def read_text(path: Path, raw: bytes | None = None) -> str:
    size = path.stat().st_size if raw is None else len(raw)
    if size > MAX_FILE_BYTES:
        raise Refused(1, 1, say("file.too_big", size=size / 1e6, limit=MAX_FILE_BYTES // 1000))
    raw = path.read_bytes() if raw is None else raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise Refused(line, column, say("file.not_utf8"))
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise Refused(line, offset - (text.rfind("\n", 0, offset) + 1) + 1, say("file.nul"))
    return text


# Only text with one of these can hold an anchor or alias or a second document; nesting past
# MAX_DEPTH needs deep indentation, "- " items or brackets (`screen_needed`).
_MAYBE_ALIAS = re.compile(r"(?:^|[\s,\[\]{}])[&*]\S")
_MAYBE_DOCUMENT = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)


def screen_needed(text: str) -> bool:
    """Whether `screen_events` can find anything in `text`. A block collection starts at a
    column right of its parent's at least every second level (a sequence may share its key's
    column, the mapping in an item starts after the "- "), and a flow collection needs a
    bracket: nesting is at most the deepest column a line's content starts at, plus the
    brackets, plus two. A line's content starts after its run of spaces and "- ", "? ", ": "
    indicators, which is never longer than its run of those characters."""
    if ("&" in text or "*" in text) and _MAYBE_ALIAS.search(text):
        return True
    if ("---" in text or "..." in text) and _MAYBE_DOCUMENT.search(text):
        return True
    room = MAX_DEPTH - 2 - text.count("[") - text.count("{")  # deepest column that is still safe + 1
    return room <= 0 or re.search(r"^[ ?:-]{%d}" % room, text, re.MULTILINE) is not None


def screen_events(text: str) -> None:
    """Refuse aliases, deep nesting and multiple documents before building anything."""
    if not screen_needed(text):
        return
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise Refused(
                mark.line + 1,
                mark.column + 1,
                say("yaml.alias", anchor=event.anchor),
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise Refused(
                    mark.line + 1, mark.column + 1, say("yaml.too_deep", depth=MAX_DEPTH)
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise Refused(
                    mark.line + 1, mark.column + 1, say("yaml.documents")
                )


_NULL_TAG = "tag:yaml.org,2002:null"


def _build(node: yaml.Node, path: Path_, positions: Positions, problems: list[tuple[Path_, tuple[int, int], str]],
           folded: list[tuple[yaml.ScalarNode, Path_]]) -> Any:
    """The data of `node`, its positions, its structural problems, and (`folded`) its plain
    texts written over several lines, where an over-indented item may hide."""
    mark = node.start_mark
    positions.values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG and node.style is None:
            return None
        if not node.style and node.end_mark.line > mark.line:  # plain: libyaml "", PyYAML None
            folded.append((node, path))
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), positions, problems, folded) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_mark = key_node.start_mark
        where = (key_mark.line + 1, key_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append((path, where, say("yaml.key_not_name")))
            continue
        key = key_node.value
        if key in result:
            first = positions.keys[path + (key,)]
            problems.append(
                (path + (key,), where, say("yaml.duplicate_key", key=key, line=first[0]))
            )
            continue
        positions.keys[path + (key,)] = where
        result[key] = _build(value_node, path + (key,), positions, problems, folded)
    return result


def _replace(data: Any, path: Path_, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def parse_yaml(text: str) -> tuple[Any, Positions, list[tuple[Path_, tuple[int, int], str]]]:
    screen_events(text)
    node = yaml.compose(text, Loader=_Loader)
    positions = Positions()
    problems: list[tuple[Path_, tuple[int, int], str]] = []
    if node is None:
        raise Refused(1, 1, say("file.empty"))
    folded: list[tuple[yaml.ScalarNode, Path_]] = []
    data = _build(node, (), positions, problems, folded)
    if not isinstance(data, dict):
        kind = say("kind.list") if isinstance(data, list) else say("kind.value")
        line, column = positions.values[()]
        raise Refused(line, column, say("file.not_mapping", kind=kind))
    for path, line, column, meant in over_indented_items(folded, text.splitlines() if folded else []):
        problems.append((path, (line, column), say("yaml.item_too_far")))
        _replace(data, path, meant)  # later checks see the item as meant, not the merged text
    return data, positions, problems


