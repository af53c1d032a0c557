"""YAML files -> `Sop` models, with the file, line and column of every value.

Every problem is collected as a `Problem` (``file:line:col: field.path: message``) instead of
raised, so that a file with five mistakes gets five messages in one run. Hostile input is
refused early and cheaply: oversized files, undecodable bytes, aliases (no "billion laughs"),
deep nesting, duplicate keys, several documents, a non-mapping at the top.

The YAML itself is read, screened and positioned by `yamlread.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..messages import say
from .explain import clean_loc, describe_validation, explain_yaml_error, suggestions
from .model import Sop
from .problems import Path_, Positions, Problem, format_path
from .rules import cross_field_problems
from .yamlread import MAX_DEPTH, MAX_FILE_BYTES, Refused, parse_yaml, read_text

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
        text = read_text(file, raw)
        data, positions, structure = parse_yaml(text)
    except Refused as refused:
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
