"""YAML files -> `Sop` models, with the file, line and column of every value.

Every problem is collected as a `Problem` (``file:line:col: field.path: message``) instead of
raised, so that a file with five mistakes gets five messages in one run. Hostile input is
refused early and cheaply: oversized files, undecodable bytes, aliases (no "billion laughs"),
deep nesting, duplicate keys, several documents, a non-mapping at the top.

All scalars are read as text (YAML 1.1 would turn ``3.10`` into 3.1, ``2017`` into an int
and ``no`` into False); the typed model converts what it needs.
"""

from __future__ import annotations

import difflib
import os
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .model import Sop, cross_field_problems

try:  # libyaml is much faster; fall back to the pure-Python parser
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

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

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One diagnostic, printed as ``file:line:col: field.path: message``."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{self.message}"


@dataclass(slots=True)
class Positions:
    """Line and column (1-based) of every value and every mapping key, by data path."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of `path`, or of its nearest enclosing value that exists."""
        if key and path in self.keys:
            return self.keys[path]
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)


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


def format_path(path: Iterable[str | int]) -> str:
    """('langkah', 2, 'waktu') -> 'langkah[3].waktu' (list positions are shown 1-based)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
    return text


# Reading --------------------------------------------------------------------------------


def _read_text(path: Path, raw: bytes | None = None) -> str:
    size = path.stat().st_size if raw is None else len(raw)
    if size > MAX_FILE_BYTES:
        raise _Refused(
            1, 1, f"file is {size / 1e6:.1f} MB; an SOP file must be under {MAX_FILE_BYTES // 1000} KB"
        )
    raw = path.read_bytes() if raw is None else raw
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise _Refused(line, column, "not a UTF-8 text file (binary data or another encoding?)")
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise _Refused(line, offset - (text.rfind("\n", 0, offset) + 1) + 1, "file contains NUL bytes: not a text file")
    return text


def _screen_events(text: str) -> None:
    """Refuse aliases, deep nesting and multiple documents before building anything."""
    depth = 0
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise _Refused(
                mark.line + 1,
                mark.column + 1,
                f"aliases (*{event.anchor}) are not allowed in SOP files; write the value out",
            )
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _Refused(
                    mark.line + 1, mark.column + 1, f"data nested more than {MAX_DEPTH} levels deep"
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                mark = event.start_mark
                raise _Refused(
                    mark.line + 1, mark.column + 1, "more than one YAML document; one SOP per file"
                )


_NULL_TAG = "tag:yaml.org,2002:null"


def _build(node: yaml.Node, path: Path_, positions: Positions, problems: list[tuple[Path_, tuple[int, int], str]]) -> Any:
    mark = node.start_mark
    positions.values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL_TAG and node.style is None:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), positions, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_mark = key_node.start_mark
        where = (key_mark.line + 1, key_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append((path, where, "a key must be a plain name, not a list or mapping"))
            continue
        key = key_node.value
        if key in result:
            first = positions.keys[path + (key,)]
            problems.append(
                (path + (key,), where, f"duplicate key {key!r} (first given on line {first[0]})")
            )
            continue
        positions.keys[path + (key,)] = where
        result[key] = _build(value_node, path + (key,), positions, problems)
    return result


def _parse(text: str) -> tuple[Any, Positions, list[tuple[Path_, tuple[int, int], str]]]:
    _screen_events(text)
    node = yaml.compose(text, Loader=_Loader)
    positions = Positions()
    problems: list[tuple[Path_, tuple[int, int], str]] = []
    if node is None:
        raise _Refused(1, 1, "file is empty; an SOP file is a YAML mapping (nomor:, nama:, …)")
    data = _build(node, (), positions, problems)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        line, column = positions.values[()]
        raise _Refused(line, column, f"the file holds {kind}; an SOP file is a mapping (nomor:, nama:, …)")
    return data, positions, problems


# Validation messages --------------------------------------------------------------------


def _model_at(loc: Path_) -> type[BaseModel] | None:
    """The model class whose fields live at `loc` (for 'did you mean' suggestions)."""
    model: type[BaseModel] = Sop
    for part in loc:
        if isinstance(part, int):
            continue
        info = next((f for f in model.model_fields.values() if f.alias == part), None)
        if info is None:
            return None
        inner = _inner_model(info.annotation)
        if inner is None:
            return None
        model = inner
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _suggestions(path: Path_) -> list[str]:
    """Known field names close to the unknown key at the end of `path`."""
    model = _model_at(path[:-1]) if path else None
    if model is None:
        return []
    return difflib.get_close_matches(str(path[-1]), _aliases(model), n=1, cutoff=0.6)


def _clean_loc(loc: tuple[Any, ...], data: Any) -> Path_:
    """Keep the parts of a pydantic location that name data (drop union/type tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif node is None and isinstance(part, str) and not path:
            path.append(part)
        else:
            # a type tag such as 'str' or 'function-after[...]': not part of the data
            continue
    return tuple(path)


def _describe(error: dict[str, Any], path: Path_) -> tuple[str, bool]:
    """Message for one pydantic error, and whether it points at a key."""
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        close = _suggestions(path)
        if close:
            hint = f"; did you mean {close[0]!r}?"
        else:
            model = _model_at(path[:-1])
            hint = f"; allowed: {', '.join(_aliases(model))}" if model else ""
        return f"unknown field {key!r}{hint}", True
    if kind == "missing":
        return f"required field {str(path[-1])!r} is missing", False
    message = error["msg"]
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return "must not be empty", False
    if kind == "too_short" and isinstance(error.get("input"), list) and not error["input"]:
        return "must have at least one item", False
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return message, False


def _validate(data: dict[str, Any], positions: Positions, source: str) -> tuple[Sop | None, list[Problem]]:
    problems: list[Problem] = []
    sop: Sop | None = None
    try:
        sop = Sop.model_validate(data)
    except ValidationError as error:
        found = [(item, _clean_loc(item["loc"], data)) for item in error.errors(include_url=False)]
        # a misspelt required key gives "unknown 'namma'" and "missing 'nama'": keep the first
        suggested = {
            path[:-1] + (hint,)
            for item, path in found
            if item["type"] == "extra_forbidden"
            for hint in _suggestions(path)
        }
        for item, path in found:
            if item["type"] == "missing" and path in suggested:
                continue
            message, at_key = _describe(item, path)
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
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = error.problem or str(error)
        if "nesting depth" in detail:  # PyYAML >= 6.0.3 stops deep flow nesting while scanning
            message = f"data nested more than {MAX_DEPTH} levels deep"
            result.problems.append(Problem(source, line, column, "", message))
            return result
        if "\t" in detail or "'\\t'" in detail or "tab" in detail:
            detail += " (YAML does not allow tabs for indentation; use spaces)"
        result.problems.append(Problem(source, line, column, "", f"YAML syntax error: {detail}"))
        return result
    except yaml.YAMLError as error:
        result.problems.append(Problem(source, 1, 1, "", f"YAML error: {error}"))
        return result
    except RecursionError:
        result.problems.append(Problem(source, 1, 1, "", "data nested too deeply"))
        return result
    except OSError as error:
        result.problems.append(Problem(source, 1, 1, "", f"cannot read file: {error.strerror or error}"))
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
            result.problems.append(Problem(str(file), 1, 1, "", "no such file or folder"))
            continue
        one = load_file(file, base=base)
        result.sops.extend(one.sops)
        result.problems.extend(one.problems)
    result.problems.extend(duplicate_numbers(result.sops))
    return result


def duplicate_numbers(sops: list[LoadedSop]) -> list[Problem]:
    """Two SOPs may not share a Nomor SOP (compared ignoring case and spaces)."""
    problems: list[Problem] = []
    first: dict[str, LoadedSop] = {}
    for loaded in sops:
        number = loaded.sop.number
        if number is None:
            continue
        key = "".join(number.split()).casefold()
        if key in first:
            other = first[key]
            line = other.positions.of(("nomor",))[0]
            problems.append(
                loaded.problem(
                    ("nomor",),
                    f"Nomor SOP {number!r} is already used by {other.source}:{line}",
                )
            )
        else:
            first[key] = loaded
    return problems
