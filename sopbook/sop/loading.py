"""YAML files -> `Sop` models, with the file, line and column of every value.

Every problem is collected as a `Problem` (``file:line:col: field.path: message``) instead of
raised, so that a file with five mistakes gets five messages in one run. Hostile input is
refused early and cheaply: oversized files, undecodable bytes, aliases (no "billion laughs"),
deep nesting, duplicate keys, several documents, a non-mapping at the top.

All scalars are read as text (YAML 1.1 would turn ``3.10`` into 3.1, ``2017`` into an int
and ``no`` into False); the typed model converts what it needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .explain import clean_loc, describe_validation, explain_yaml_error, over_indented_items, suggestions
from ..messages import say
from .model import Sop
from .rules import cross_field_problems
from .problems import Path_, Positions, Problem, format_path

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

__all__ = [
    "Problem",
    "LoadedSop",
    "LoadResult",
    "load_file",
    "load_bytes",
    "load_paths",
    "iter_sop_files",
    "format_path",
    "MAX_FILE_BYTES",
    "MAX_DEPTH",
]

MAX_FILE_BYTES = 1_000_000
"""An SOP is a few kilobytes; anything past this is refused unread."""

MAX_DEPTH = 20
"""The format nests four levels deep; deeper input is refused before it is built."""

SOP_SUFFIXES = (".yml", ".yaml")

ORG_FILE = "_organisasi.yml"
"""A folder's organisation settings (its logo: `portal/logos.py`), not an SOP."""

@dataclass(frozen=True, slots=True)
class LoadedSop:
    """A valid SOP with where it came from."""

    sop: Sop
    path: Path
    source: str  # the path as shown in messages
    positions: Positions

    def problem(self, path: Path_, message: str) -> Problem:
        line, column = self.positions.of(path)
        return Problem(self.source, line, column, format_path(path), message)


@dataclass(slots=True)
class LoadResult:
    sops: list[LoadedSop] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Refused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


# Reading --------------------------------------------------------------------------------


def _read_text(path: Path, raw: bytes | None = None) -> str:
    size = path.stat().st_size if raw is None else len(raw)
    if size > MAX_FILE_BYTES:
        raise _Refused(1, 1, say("file.too_big", size=size / 1e6, limit=MAX_FILE_BYTES // 1000))
    raw = path.read_bytes() if raw is None else raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise _Refused(line, column, say("file.not_utf8"))
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise _Refused(line, offset - (text.rfind("\n", 0, offset) + 1) + 1, say("file.nul"))
    return text


# Only text with one of these can hold an anchor or alias or a second document; nesting past
# MAX_DEPTH needs deep indentation, "- " items or brackets (`_screen_needed`).
_MAYBE_ALIAS = re.compile(r"(?:^|[\s,\[\]{}])[&*]\S")
_MAYBE_DOCUMENT = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)


def _screen_needed(text: str) -> bool:
    """Whether `_screen_events` can find anything in `text`. A block collection starts at a
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


def _screen_events(text: str) -> None:
    """Refuse aliases, deep nesting and multiple documents before building anything."""
    if not _screen_needed(text):
        return
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                say("yaml.alias", anchor=event.anchor),
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _Refused(
                    mark.line + 1, mark.column + 1, say("yaml.too_deep", depth=MAX_DEPTH)
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise _Refused(
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


def _parse(text: str) -> tuple[Any, Positions, list[tuple[Path_, tuple[int, int], str]]]:
    _screen_events(text)
    node = yaml.compose(text, Loader=_Loader)
    positions = Positions()
    problems: list[tuple[Path_, tuple[int, int], str]] = []
    if node is None:
        raise _Refused(1, 1, say("file.empty"))
    folded: list[tuple[yaml.ScalarNode, Path_]] = []
    data = _build(node, (), positions, problems, folded)
    if not isinstance(data, dict):
        kind = say("kind.list") if isinstance(data, list) else say("kind.value")
        line, column = positions.values[()]
        raise _Refused(line, column, say("file.not_mapping", kind=kind))
    for path, line, column, meant in over_indented_items(folded, text.splitlines() if folded else []):
        problems.append((path, (line, column), say("yaml.item_too_far")))
        _replace(data, path, meant)  # later checks see the item as meant, not the merged text
    return data, positions, problems


# Validation (wording and hints: sopbook.explain) -----------------------------------------


def _validate(data: dict[str, Any], positions: Positions, source: str) -> tuple[Sop | None, list[Problem]]:
    problems: list[Problem] = []
    sop: Sop | None = None
    try:
        sop = Sop.model_validate(data)
    except ValidationError as error:
        found = [(item, clean_loc(item["loc"], data)) for item in error.errors(include_url=False)]
        # a misspelt required key gives "unknown 'namma'" and "missing 'nama'": keep the first
        suggested = {
            path[:-1] + (hint,)
            for item, path in found
            if item["type"] == "extra_forbidden"
            for hint in suggestions(path)
        }
        for item, path in found:
            if item["type"] == "missing" and path in suggested:
                continue
            message, at_key = describe_validation(item, path)
            if item["type"] == "missing":
                line, column = positions.of(path[:-1])
            else:
                line, column = positions.of(path, key=at_key)
            problems.append(Problem(source, line, column, format_path(path), message))
    for path, message in cross_field_problems(data):
        line, column = positions.of(path)
        problems.append(Problem(source, line, column, format_path(path), message))
    if problems:
        sop = None
    return sop, problems


# Public API -----------------------------------------------------------------------------


def _display(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            relative = os.path.relpath(path, base)
        except ValueError:  # pragma: no cover - other drive on Windows
            return str(path)
        if not relative.startswith(".."):
            return relative
        return str(path.resolve())
    return str(path)


def load_bytes(raw: bytes, path: str | os.PathLike[str], *, source: str | None = None) -> LoadResult:
    """Load SOP text that is not on disk (e.g. `git show REV:path`), screened like a file."""
    return load_file(path, raw=raw, source=source)


def load_file(
    path: str | os.PathLike[str], *, base: Path | None = None, raw: bytes | None = None, source: str | None = None
) -> LoadResult:
    """Load and validate one SOP file; problems are returned, never raised."""
    file = Path(path)
    source = source or _display(file, base)
    result = LoadResult()
    try:
        text = _read_text(file, raw)
        data, positions, structure = _parse(text)
    except _Refused as refused:
        result.problems.append(Problem(source, refused.line, refused.column, "", refused.message))
        return result
    except yaml.MarkedYAMLError as error:
        detail = error.problem or str(error)
        mark = error.problem_mark or error.context_mark
        if "end of stream" in detail and error.context_mark is not None:
            mark = error.context_mark  # an unclosed quote: where it was opened, not the file's end
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "nesting depth" in detail:  # PyYAML >= 6.0.3 stops deep flow nesting while scanning
            message = say("yaml.too_deep", depth=MAX_DEPTH)
            result.problems.append(Problem(source, line, column, "", message))
            return result
        lines = text.splitlines()
        source_line = lines[line - 1] if mark and 0 < line <= len(lines) else ""
        message = explain_yaml_error(detail, getattr(error, "context", None), source_line, column - 1)
        result.problems.append(Problem(source, line, column, "", message))
        return result
    except yaml.YAMLError as error:
        result.problems.append(Problem(source, 1, 1, "", say("yaml.error", detail=error)))
        return result
    except RecursionError:
        result.problems.append(Problem(source, 1, 1, "", say("yaml.too_deep", depth=MAX_DEPTH)))
        return result
    except OSError as error:
        result.problems.append(Problem(source, 1, 1, "", say("file.unreadable", reason=error.strerror or error)))
        return result
    for path, (line, column), message in structure:
        result.problems.append(Problem(source, line, column, format_path(path), message))
    sop, problems = _validate(data, positions, source)
    result.problems.extend(problems)
    if sop is not None and not result.problems:
        result.sops.append(LoadedSop(sop, file, source, positions))
    return result


def iter_sop_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The SOP files named by `paths` (files, or folders searched recursively), sorted."""
    for entry in paths:
        root = Path(entry)
        if root.is_dir():
            found = [
                p
                for p in root.rglob("*")
                if p.suffix in SOP_SUFFIXES
                and p.is_file()
                and p.name != ORG_FILE
                and not any(part.startswith(".") for part in p.relative_to(root).parts)
            ]
            yield from sorted(found)
        else:
            yield root


def load_paths(paths: Iterable[str | os.PathLike[str]], *, base: Path | None = None) -> LoadResult:
    """Load every SOP under `paths` and run the checks that span files (duplicate numbers)."""
    result = LoadResult()
    for file in iter_sop_files(paths):
        if not file.exists():
            result.problems.append(Problem(str(file), 1, 1, "", say("file.missing")))
            continue
        one = load_file(file, base=base)
        result.sops.extend(one.sops)
        result.problems.extend(one.problems)
    duplicates = duplicate_numbers(result.sops)
    if duplicates:
        blamed = {problem.file for problem in duplicates}
        result.sops = [loaded for loaded in result.sops if loaded.source not in blamed]
        result.problems.extend(duplicates)
    return result


def duplicate_numbers(sops: list[LoadedSop]) -> list[Problem]:
    """Two SOPs may not share a Nomor SOP (compared ignoring case and spaces): every file
    that shares a number gets a problem naming the others, and none of them counts as valid."""
    problems: list[Problem] = []
    by_number: dict[str, list[LoadedSop]] = {}
    for loaded in sops:
        if loaded.sop.number is not None:
            by_number.setdefault("".join(loaded.sop.number.split()).casefold(), []).append(loaded)
    for group in by_number.values():
        if len(group) < 2:
            continue
        for loaded in group:
            others = ", ".join(
                f"{other.source}:{other.positions.of(('nomor',))[0]}" for other in group if other is not loaded
            )
            problems.append(loaded.problem(("nomor",), say("number.duplicate", number=loaded.sop.number, other=others)))
    return problems
