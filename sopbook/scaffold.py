"""`sopbook init`: the files of a new portal, copied from `sopbook/scaffold/` (and the format
page with its pictures from `sopbook/docs/`).

Names starting with `dot-` become dotfiles (`.github/`, `.gitlab-ci.yml`, `.gitignore`):
package data is then found by every packaging tool. A few placeholders (`__SITE_NAME__`,
`__ORG_NAME__`, `__ORG_SLUG__`, `__SOPBOOK_SPEC__`) are filled in; existing files are never
overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .portal.addresses import slugify
from .sop.model import sop_json_schema

__all__ = ["SCAFFOLD", "InitResult", "init_portal", "default_spec"]

SCAFFOLD = Path(__file__).parent / "scaffold"
DOCS = Path(__file__).parent / "docs"
"""The format page and its pictures: one source, the repository's docs_build/ links to it and
`sopbook init` copies it into a new portal's docs_build/."""


@dataclass
class InitResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # already there, left alone


def default_spec() -> str:
    """The requirement line for this very sopbook (its version)."""
    try:
        return f"sopbook=={metadata.version('sopbook')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "sopbook"


def _target(relative: Path, slug: str) -> Path:
    parts = [("." + p[4:]) if p.startswith("dot-") else p for p in relative.parts]
    return Path(*(p.replace("__ORG_SLUG__", slug) for p in parts))


def init_portal(
    directory: str | Path,
    *,
    site_name: str = "Portal SOP",
    organisation: str = "Pemerintah Kabupaten Contoh",
    sopbook_spec: str | None = None,
) -> InitResult:
    """Write a ready portal into `directory` (created if needed)."""
    root = Path(directory)
    slug = slugify(organisation)
    values = {
        "__SITE_NAME__": " ".join(site_name.split()),
        "__ORG_NAME__": " ".join(organisation.split()),
        "__SOPBOOK_SPEC__": sopbook_spec or default_spec(),
    }
    result = InitResult()
    files = sorted(p for p in SCAFFOLD.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    outputs: list[tuple[Path, str | bytes]] = []
    for source in files:
        relative = source.relative_to(SCAFFOLD)
        text = source.read_text(encoding="utf-8")
        for key, value in values.items():
            if key in text:
                text = text.replace(key, _quoted(value, source, key))
        outputs.append((root / _target(relative, slug), text))
    outputs.append((root / "sop.schema.json", json.dumps(sop_json_schema(), indent=2, ensure_ascii=False) + "\n"))
    for source in sorted(p for p in DOCS.rglob("*") if p.is_file()):
        outputs.append((root / "docs_build" / source.relative_to(DOCS), source.read_bytes()))
    for path, text in outputs:
        if path.exists():
            result.skipped.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        result.written.append(path)
    return result


def _quoted(value: str, source: Path, key: str) -> str:
    """A value as it must appear in its file: YAML gets a quoted scalar, Markdown escaped text."""
    if key == "__SOPBOOK_SPEC__":
        return value.replace("\n", " ")
    if source.suffix in (".yml", ".yaml"):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join("\\" + ch if ch in "\\`*_[]" else ch for ch in text)
