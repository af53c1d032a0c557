"""One file in, one YAML draft out: read, map, validate, and write with `# PERIKSA:` comments."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..messages import say
from ..sop.loading import load_bytes
from ..sop.model import Step
from .grid import Grid, ReadError
from .logo import Picture, picture
from .mapper import Draft, map_grid

__all__ = ["ImportResult", "import_file", "render", "extensions"]

MAX_MB = 50
ORDER = ("organisasi", "nomor", "nama", "status", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif",
         "tanggal_pengesahan", "disahkan_oleh", "dasar_hukum", "kualifikasi_pelaksana", "keterkaitan",
         "peralatan_perlengkapan", "peringatan", "pencatatan_pendataan", "pelaksana", "langkah", "penandatangan")
STEP_ORDER = ("no", "uraian", "pelaksana", "simbol", "teks_simbol", "ya", "label_ya", "tidak", "label_tidak",
              "kelengkapan", "waktu", "output", "keterangan")


@dataclass
class ImportResult:
    source: Path
    sha256: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[tuple[tuple, str]] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    refused: str | None = None
    """A message when the file is not imported (not an SOP, scan, encrypted, damaged…)."""
    logo: Picture | None = None
    """The institution's logo in the signed original's header box (`logo.py`), if found."""

    @property
    def warnings(self) -> int:
        return len(self.notes) + (1 if self.unread else 0)

    @property
    def steps(self) -> list[dict[str, Any]]:
        return self.data.get("langkah", [])


def extensions() -> set[str]:
    """The issue-23 fields this version of the format accepts."""
    aliases = {f.alias or name for name, f in Step.model_fields.items()}
    found = {name for name in ("no", "teks_simbol", "label_ya", "label_tidak") if name in aliases}
    schema = str(Step.model_json_schema(by_alias=True).get("properties", {}).get("pelaksana", ""))
    if "additionalProperties" in schema or "object" in schema:
        found.add("pelaksana_mapping")
    return found


def read(path: Path) -> Grid:
    size = path.stat().st_size
    if size > MAX_MB * 1024 * 1024:
        raise ReadError("import.too_big", size=size // (1024 * 1024), limit=MAX_MB)
    with path.open("rb") as handle:
        magic = handle.read(5)
    if magic.startswith(b"%PDF") or (path.suffix.lower() == ".pdf" and magic[:2] != b"PK"):
        from .pdf import read_pdf

        return read_pdf(path)
    if magic.startswith(b"PK") or path.suffix.lower() == ".docx":
        from .docx import read_docx

        return read_docx(path)
    raise ReadError("import.unsupported")


def import_file(path: Path, *, organisation: list[str] | None = None) -> ImportResult:
    """Never raises for a bad file: a refused file comes back with `refused` set."""
    result = ImportResult(Path(path))
    try:
        result.sha256 = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        grid = read(Path(path))
        draft = map_grid(grid, extensions=extensions())
    except ReadError as error:
        result.refused = say(error.code, **error.fields)
        return result
    except (OSError, RecursionError, MemoryError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        result.refused = say("import.corrupt")
        return result
    if not draft.data.get("langkah"):
        images = [w for w in grid.warnings if w.code in ("import.page_image", "import.table_image")]
        result.refused = say(images[0].code, page=images[0].page) if images else say("import.not_sop")
        return result
    if organisation:
        draft.data["organisasi"] = organisation
    if not draft.data.get("nama"):
        draft.data["nama"] = Path(path).stem
        draft.note(("nama",), say("import.no_name"))
    if not draft.data.get("pelaksana"):
        draft.data["pelaksana"] = ["-"]
        draft.note(("pelaksana",), say("import.no_actors"))
    draft.data["status"] = "draf"
    draft.data = {key: draft.data[key] for key in ORDER if key in draft.data}
    draft.data["langkah"] = [{k: s[k] for k in STEP_ORDER if k in s} for s in draft.data["langkah"]]
    _settle(draft, Path(path))
    result.data, result.notes, result.unread = draft.data, draft.notes, draft.unread
    result.logo = picture(Path(path), grid.header_picture) if grid.header_picture else None
    return result


def _parse_field(text: str) -> tuple:
    out: list[Any] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        out.append(int(index) - 1 if index else name)
    return tuple(out)


def _settle(draft: Draft, source: Path) -> None:
    """Move every value the format refuses into a comment, until the draft checks clean."""
    for _ in range(12):
        text = render(draft.data, [], [], modeline=None, source=source, digest="")
        loaded = load_bytes(text.encode("utf-8"), source.with_suffix(".yml"), source=str(source))
        if not loaded.problems:
            return
        problem = loaded.problems[0]
        path = _parse_field(problem.field)
        if not _drop(draft, path, problem.message):
            return


def _drop(draft: Draft, path: tuple, message: str) -> bool:
    data: Any = draft.data
    for part in path[:-1]:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    key = path[-1] if path else None
    if isinstance(data, dict) and key in data:
        value = data[key]
        if key in ("uraian", "nama"):
            data[key] = "-" if key == "uraian" else draft.data.get("nomor", "-")
        elif key == "pelaksana" and len(path) > 1:
            return False
        else:
            del data[key]
        draft.note(path, say("import.invalid", value=value, message=message))
        return True
    if isinstance(data, list) and isinstance(key, int) and key < len(data):
        value = data.pop(key)
        draft.note(path[:-1], say("import.invalid", value=value, message=message))
        return True
    return False


def _dump(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def _comments(notes, path: tuple, indent: str) -> str:
    return "".join(f"{indent}# PERIKSA: {' '.join(message.split())}\n" for p, message in notes if p == path)


def render(data: dict[str, Any], notes, unread, *, modeline: str | None, source: Path, digest: str) -> str:
    parts: list[str] = []
    if modeline:
        parts.append(f"# yaml-language-server: $schema={modeline}\n")
    if digest:
        parts.append(f"# {say('import.header', source=source.name, digest=digest)}\n")
    for key, value in data.items():
        parts.append(_comments(notes, (key,), ""))
        if key != "langkah":
            parts.append(_dump({key: value}))
            continue
        parts.append("langkah:\n")
        for index, step in enumerate(value):
            parts.append(_comments(notes, ("langkah", index), "  "))
            first = True
            for name, item in step.items():
                parts.append(_comments(notes, ("langkah", index, name), "    "))
                block = _dump({name: item}).rstrip("\n").split("\n")
                lead = "  - " if first else "    "
                parts.append(lead + block[0] + "\n" + "".join("    " + line + "\n" for line in block[1:]))
                first = False
    stray = [(p, m) for p, m in notes if not _placed(p, data)]
    for path, message in stray:
        parts.append(f"# PERIKSA: {'.'.join(map(str, path))}: {' '.join(message.split())}\n")
    if unread:
        parts.append(f"# PERIKSA: {say('import.unread')}:\n")
        parts += [f"#   {' '.join(line.split())}\n" for line in unread]
    return "".join(parts)


def _placed(path: tuple, data: dict[str, Any]) -> bool:
    if len(path) == 1:
        return path[0] in data
    if len(path) >= 2 and path[0] == "langkah" and isinstance(path[1], int) and path[1] < len(data.get("langkah", [])):
        return len(path) == 2 or path[2] in data["langkah"][path[1]]
    return False
