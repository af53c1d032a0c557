"""What every page of a build is made from, as one digest: sopbook's code, the plugin options,
the resolved configuration (so a change in a file that mkdocs.yml includes with `INHERIT`, or an
`!ENV` value, counts), the bytes of mkdocs.yml and of the files it inherits from, the versions of
MkDocs and Material, the template and theme folders, the hand-written pages, the date and the
git commit. A page whose digest is unchanged may be kept (page cache, dirty rebuilds)."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from ...portal.lifecycle import build_date
from ...sop.cache import code_fingerprint

__all__ = ["digest_of", "global_digest", "config_digest"]

TEMPLATES = Path(__file__).parent.parent.parent / "templates"


def digest_of(parts: Iterable[str]) -> str:
    return hashlib.sha1("\x1d".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _tree_stamp(folder: Path) -> list[str]:
    parts = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return parts


def global_digest(config: MkDocsConfig, options: Any) -> str:
    parts = [code_fingerprint(), repr(sorted((k, repr(v)) for k, v in options.items())), str(config.site_url)]
    parts.append(config_digest(config))  # what the pages are rendered from: INHERIT and !ENV resolved
    parts += config_files(config.config_file_path)  # the files as they are now (quick updates while serving)
    parts += [f"{name}={_version(name)}" for name in ("mkdocs", "mkdocs-material")]
    folders = [TEMPLATES]  # the installed theme counts by its version, overrides by their files
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    if options.get("templates_dir"):
        folders.append(Path(options["templates_dir"]))
    for folder in folders:
        parts += _tree_stamp(folder)
    parts += _tree_stamp(Path(config.docs_dir))  # the hand-written pages and other files
    # pages show the build date's state (overdue monitoring and reviews) and git history ("Terakhir diubah")
    parts += [build_date().isoformat(), _git_head(Path(config.config_file_path or ".").resolve().parent)]
    return digest_of(parts)


def _git_head(folder: Path) -> str:
    """The commit checked out in the repository holding `folder` ("" when there is none)."""
    for candidate in (folder, *folder.parents):
        dot_git = candidate / ".git"
        try:
            if dot_git.is_file():  # a worktree: "gitdir: <path>"
                dot_git = Path(dot_git.read_text().split(":", 1)[1].strip())
            if not dot_git.is_dir():
                continue
            head = (dot_git / "HEAD").read_text().strip()
            if not head.startswith("ref:"):
                return head
            ref = head.split(":", 1)[1].strip()
            for git_dir in (dot_git, _common_dir(dot_git)):
                if (git_dir / ref).is_file():
                    return (git_dir / ref).read_text().strip()
                packed = git_dir / "packed-refs"
                if packed.is_file():
                    for line in packed.read_text().splitlines():
                        if line.endswith(" " + ref):
                            return line.split(" ", 1)[0]
            return head
        except (OSError, IndexError):
            return "?"
    return ""


def _common_dir(git_dir: Path) -> Path:
    try:
        return (git_dir / (git_dir / "commondir").read_text().strip()).resolve()
    except OSError:
        return git_dir


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"




IGNORED_KEYS = frozenset({"site_dir", "dev_addr", "strict", "nav"})
"""Settings of the resolved configuration left out of its digest: `site_dir`, `dev_addr` and
`strict` change no page; `nav` is either written in the configuration files (whose bytes count,
`config_files`) or made by sopbook from the SOPs (which each page's own digest covers), and at
10,000 SOPs it is large enough to slow every quick update down."""


def config_digest(config: MkDocsConfig) -> str:
    """A digest of the resolved configuration: every setting as MkDocs holds it after loading
    (the values of files included with `INHERIT` merged in, `!ENV` tags resolved) and after
    the plugins' `on_config`; for a plugin, its options, never its state."""
    settings = {key: _plain(value) for key, value in config.items() if key not in IGNORED_KEYS}
    theme = config.theme
    settings["theme"] = {"name": theme.name, "dirs": list(theme.dirs), "options": _plain(dict(theme.items()))}
    text = json.dumps(settings, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _plain(value: Any, depth: int = 0) -> Any:
    """`value` as JSON-able data that is the same for the same settings in another process."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if depth > 12:
        return type(value).__qualname__
    if isinstance(value, Path):
        return str(value)
    options = getattr(value, "config", None)
    if options is not None and hasattr(value, "on_config"):  # a plugin: its options, not its state
        return {"plugin": type(value).__qualname__, "options": _plain(options, depth + 1)}
    if isinstance(value, Mapping) or callable(getattr(value, "items", None)):
        return {str(key): _plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item, depth + 1) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    text = repr(value)
    if " at 0x" in text:  # an object without a repr of its own: its type and attributes
        return {"type": type(value).__qualname__, "attributes": _plain(getattr(value, "__dict__", {}), depth + 1)}
    return text


def config_files(path: str | None) -> list[str]:
    """mkdocs.yml and each file it inherits from (`INHERIT:`), by their bytes now."""
    parts: list[str] = []
    seen: set[Path] = set()
    current = Path(path).resolve() if path else None
    while current is not None and current not in seen:
        seen.add(current)
        try:
            data = current.read_bytes()
        except OSError:
            parts.append(f"{current}:?")
            break
        parts.append(f"{current}:{hashlib.sha1(data).hexdigest()}")
        parent = _inherit(data)
        current = (current.parent / parent).resolve() if parent else None
    return parts


def _inherit(data: bytes) -> str | None:
    """The `INHERIT:` value of a configuration file (read without its tags), or None."""
    try:
        loaded = yaml.load(data, Loader=_AnyTag)
    except yaml.YAMLError:
        return None
    value = loaded.get("INHERIT") if isinstance(loaded, dict) else None
    return value if isinstance(value, str) and value.strip() else None


class _AnyTag(yaml.SafeLoader):
    """Reads a configuration file's plain keys, ignoring !ENV, !relative and the like."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
