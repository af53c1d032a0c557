"""The institution's logo of each organisation folder, for the header box of the official form.

A folder of SOP files may hold an `_organisasi.yml` (`ORG_FILE`), written once for the folder:

    logo: logo-kota.png                          # the image, relative to this file
    logo_alt: Logo Pemerintah Kota Sungai Penuh  # optional: "Logo <first organisation line>"

Every SOP in that folder and in the folders below it shows that logo, on screen, in print and
in booklets; a deeper `_organisasi.yml` with its own `logo:` wins. The SOP files stay as they
are. A logo that is missing, unreadable or not an image (PNG, JPEG, GIF, WebP or SVG) is a
problem naming the file and the field, and the build stops, as for an invalid SOP.

The site carries each logo once, under `assets/sopbook/logo/<digest>.<ext>` (`Logo.site_path`).
No MkDocs here.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import yaml

from ..messages import define, say
from ..sop.loading import ORG_FILE
from ..sop.problems import Problem

__all__ = ["ORG_FILE", "Logo", "Logos", "find_logos", "MAX_BYTES"]

MAX_BYTES = 2 * 1024 * 1024
"""A logo larger than this is a problem: it would be copied into every printed SOP."""

KINDS = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg", b"GIF87a": ".gif", b"GIF89a": ".gif"}

define("logo.not_mapping", id="berkas organisasi harus berisi pasangan kunci dan nilai (logo: …)",
       en="an organisation file holds keys and values (logo: …)")
define("logo.unknown_key", id="kunci {key!r} tidak dikenal; yang dikenal: logo, logo_alt",
       en="unknown key {key!r}; known keys: logo, logo_alt")
define("logo.not_text", id="`{key}` harus berupa teks", en="`{key}` must be text")
define("logo.missing", id="berkas logo {path!r} tidak ada", en="logo file {path!r} does not exist")
define("logo.unreadable", id="berkas logo {path!r} tidak dapat dibaca: {reason}",
       en="cannot read logo file {path!r}: {reason}")
define("logo.not_image", id="berkas logo {path!r} bukan gambar PNG, JPEG, GIF, WebP atau SVG",
       en="logo file {path!r} is not a PNG, JPEG, GIF, WebP or SVG image")
define("logo.too_large", id="berkas logo {path!r} terlalu besar ({size} KB; paling besar {limit} KB)",
       en="logo file {path!r} is too large ({size} KB; at most {limit} KB)")
define("logo.yaml", id="YAML tidak valid: {reason}", en="invalid YAML: {reason}")
define("build.logos", id="sopbook: {count} masalah pada logo organisasi; situs tidak dibangun:\n{lines}",
       en="sopbook: {count} problem(s) with organisation logos; the site was not built:\n{lines}")


@dataclass(frozen=True)
class Logo:
    """One organisation folder's logo."""

    source: Path  # the image file
    alt: str | None  # the configured alt text, or None: "Logo <first organisation line>"
    digest: str
    suffix: str

    @property
    def site_path(self) -> str:
        """Site-relative path of the copy the site carries."""
        return f"assets/sopbook/logo/{self.digest[:16]}{self.suffix}"

    def alt_for(self, organisation: list[str]) -> str:
        if self.alt:
            return self.alt
        return f"Logo {organisation[0]}" if organisation else "Logo"


@dataclass
class Logos:
    """The logos of a content folder, by organisation folder."""

    by_folder: dict[Path, Logo] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def for_file(self, sop_file: str | os.PathLike[str]) -> Logo | None:
        """The logo of the nearest folder above `sop_file` that has one."""
        folder = Path(sop_file).resolve().parent
        for candidate in (folder, *folder.parents):
            logo = self.by_folder.get(candidate)
            if logo is not None:
                return logo
        return None

    @property
    def files(self) -> dict[str, Path]:
        """Site path -> image file, one per distinct logo."""
        return {logo.site_path: logo.source for logo in self.by_folder.values()}

    @property
    def sources(self) -> set[Path]:
        """The image files (resolved)."""
        return {logo.source for logo in self.by_folder.values()}

    @property
    def digest(self) -> str:
        """Changes when any logo or its alt text changes (the page cache's salt)."""
        parts = sorted(f"{folder}\x1f{logo.digest}\x1f{logo.alt}" for folder, logo in self.by_folder.items())
        return hashlib.sha1("\x1e".join(parts).encode()).hexdigest() if parts else ""


def find_logos(content: str | os.PathLike[str]) -> Logos:
    """Every `_organisasi.yml` under the content folder, read and checked."""
    logos = Logos()
    root = Path(content)
    if not root.is_dir():
        return logos
    for path in sorted(root.rglob(ORG_FILE)):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        logo = _read(path, logos.problems)
        if logo is not None:
            logos.by_folder[path.parent.resolve()] = logo
    return logos


def _read(path: Path, problems: list[Problem]) -> Logo | None:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(source, 1, 1, "", say("file.unreadable", reason=error)))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(source, line, column, "", say("logo.yaml", reason=getattr(error, "problem", error))))
        return None
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.append(Problem(source, 1, 1, "", say("logo.not_mapping")))
        return None

    def where(key: str) -> tuple[int, int]:
        for number, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith(f"{key}:"):
                return number, len(line) - len(line.lstrip()) + 1
        return 1, 1

    for key in data:
        if key not in ("logo", "logo_alt"):
            problems.append(Problem(source, *where(str(key)), str(key), say("logo.unknown_key", key=str(key))))
    for key in ("logo", "logo_alt"):
        if key in data and not isinstance(data[key], str):
            problems.append(Problem(source, *where(key), key, say("logo.not_text", key=key)))
            return None
    name = data.get("logo")
    if not name:
        return None
    image = (path.parent / name).resolve()
    found = _check_image(image, name)
    if isinstance(found, str):
        problems.append(Problem(source, *where("logo"), "logo", found))
        return None
    digest, suffix = found
    return Logo(image, data.get("logo_alt") or None, digest, suffix)


def _check_image(image: Path, name: str) -> tuple[str, str] | str:
    """(digest, suffix) of a usable image, or the problem's message."""
    if not image.is_file():
        return say("logo.missing", path=name)
    try:
        data = image.read_bytes()
    except OSError as error:
        return say("logo.unreadable", path=name, reason=error.strerror or error)
    if len(data) > MAX_BYTES:
        return say("logo.too_large", path=name, size=len(data) // 1024, limit=MAX_BYTES // 1024)
    suffix = next((s for magic, s in KINDS.items() if data.startswith(magic)), None)
    if suffix is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        suffix = ".webp"
    if suffix is None and b"<svg" in data[:4096] and _is_svg(data):
        suffix = ".svg"
    if suffix is None:
        return say("logo.not_image", path=name)
    return hashlib.sha1(data).hexdigest(), suffix


def _is_svg(data: bytes) -> bool:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return False
    return root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")
