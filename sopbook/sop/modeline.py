"""The editor modeline of an SOP file: ``# yaml-language-server: $schema=../../sop.schema.json``.

The schema path is relative to the file, so it needs one ``../`` per folder between the file
and the project root; a wrong count silently turns the editor's checks off. `sopbook check`
tells such a file the line it should have.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["MODELINE", "find_schema", "expected_modeline", "wrong_modeline"]

MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")
SCHEMA_NAME = "sop.schema.json"


def find_schema(file: Path, start: Path | None = None) -> Path | None:
    """sop.schema.json in `start` (the working folder), else in the nearest folder above `file`."""
    if start is not None and (start / SCHEMA_NAME).is_file():
        return start / SCHEMA_NAME
    for folder in file.resolve().parents:
        if (folder / SCHEMA_NAME).is_file():
            return folder / SCHEMA_NAME
    return None


def expected_modeline(file: Path, schema: Path) -> str:
    """The modeline `file` needs to find `schema`."""
    relative = Path(os.path.relpath(schema.resolve(), file.resolve().parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}"


def wrong_modeline(file: Path, schema: Path | None) -> tuple[int, str] | None:
    """(line, the right modeline) when `file` has a modeline whose schema path does not resolve."""
    if schema is None:
        return None
    try:
        with file.open(encoding="utf-8", errors="replace") as handle:
            head = [handle.readline() for _ in range(5)]
    except OSError:
        return None
    for number, line in enumerate(head, 1):
        match = MODELINE.match(line.strip())
        if match is None:
            continue
        target = match.group(1)
        if "://" in target:
            return None
        try:
            if (file.parent / target).resolve() == schema.resolve():
                return None
        except (OSError, ValueError):  # e.g. a NUL byte in the path: it points nowhere
            pass
        return number, expected_modeline(file, schema)
    return None
