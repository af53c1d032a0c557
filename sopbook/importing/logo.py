"""The institution's logo on a signed original, for the organisation folder of its drafts.

A signed SOP AP opens with the header box: the logo beside the organisation lines, with the
identity table to its right. `logo_of` finds it on a PDF's first page as the largest picture
in the upper part of the page, left of the middle, at least `MIN_PT` across; the QR codes of
an electronic signature are elsewhere (the footer, or vector drawings in the identity table).
It comes back as the file's own picture, PNG or JPEG bytes, never resampled. `sopbook import`
writes it once per organisation folder, with an `_organisasi.yml` naming it (portal/logos.py
reads that file); the PDF reader (`pdf.py`) picks it with `header_picture` on the page it
reads anyway, and `picture` takes it out of the file. Word files: not looked at (a logo there
sits in a header or a floating shape; the office adds `_organisasi.yml` by hand). No MkDocs
here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Picture", "header_picture", "picture", "logo_of", "MAX_BYTES"]

MIN_PT = 28
"""The smallest logo (PDF points, about 10 mm): smaller pictures are marks or icons."""

MAX_BYTES = 2 * 1024 * 1024
"""A larger picture is not taken (portal/logos.py refuses a logo above 2 MB)."""

TOP_SHARE = 0.45
"""The header box is in this upper share of the first page."""


@dataclass(frozen=True)
class Picture:
    data: bytes
    suffix: str  # ".png" | ".jpg"


def header_picture(page) -> tuple[str, tuple[int, int]] | None:
    """(name, pixel size) of the logo among the pictures of a pdfplumber page (the first page of
    a signed original), or None: the PDF reader asks while it reads the page anyway."""
    width, height = float(page.width), float(page.height)
    placed = [
        im for im in page.images
        if min(im["x1"] - im["x0"], im["bottom"] - im["top"]) >= MIN_PT
        and (im["top"] + im["bottom"]) / 2 < height * TOP_SHARE
        and (im["x0"] + im["x1"]) / 2 < width / 2
    ]
    if not placed:
        return None
    best = max(placed, key=lambda im: (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]))
    return best.get("name"), tuple(best.get("srcsize") or ())


def picture(path: Path, found: tuple[str, tuple[int, int]]) -> Picture | None:
    """The picture `header_picture` found on the first page of the PDF at `path`, as the file
    holds it (PNG or JPEG bytes), or None (unreadable, another format, too large: a logo is
    never a reason to refuse a file)."""
    try:
        from pypdf import PdfReader

        name, size = found
        for image in PdfReader(path).pages[0].images:  # the same picture, by its name and size
            if Path(image.name).stem != name or tuple(image.image.size) != size:
                continue
            data = image.data
            suffix = ".png" if data.startswith(b"\x89PNG\r\n\x1a\n") else ".jpg" if data.startswith(b"\xff\xd8\xff") else None
            if suffix and len(data) <= MAX_BYTES:
                return Picture(data, suffix)
    except Exception:  # noqa: BLE001 - pypdf/Pillow errors of every kind: no logo
        return None
    return None


def logo_of(path: Path) -> Picture | None:
    """The logo in the header box of a signed PDF's first page, or None (no such picture, not a
    PDF, or anything unreadable)."""
    if Path(path).suffix.lower() != ".pdf":
        return None
    try:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            found = header_picture(pdf.pages[0]) if pdf.pages else None
    except Exception:  # noqa: BLE001 - pdfplumber errors of every kind: no logo
        return None
    return picture(Path(path), found) if found else None
