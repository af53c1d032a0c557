"""Diagnostics: a `Problem` is ``file:line:col: field.path: message``, positions by data path.

Kept apart from the loader so that any module (catalogue, plugin, history, the CLI) can make and
print problems without importing the YAML reader. The wording of messages lives in
`sopbook.messages`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Problem", "Positions", "Path_", "format_path"]

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


def format_path(path: Iterable[str | int]) -> str:
    """('langkah', 2, 'waktu') -> 'langkah[3].waktu' (list positions are shown 1-based)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
    return text
