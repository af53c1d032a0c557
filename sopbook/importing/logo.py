"""The institution's logo on a signed original, for the organisation folder of its drafts.

A signed SOP AP opens with the header box: the logo beside the organisation lines, with the
identity table to its right. `logo_of` finds it on a PDF's first page as the largest picture
in the upper part of the page, left of the middle, at least `MIN_PT` across; the QR codes of
an electronic signature are elsewhere (the footer, or vector drawings in the identity table).
It comes back as the file's own picture, PNG or JPEG bytes, never resampled. `sopbook import`
writes it once per organisation folder, with an `_organisasi.yml` naming it (portal/logos.py
reads that file). Word files: not looked at (a logo there sits in a header or a floating
shape; the office adds `_organisasi.yml` by hand). No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Picture", "logo_of", "MAX_BYTES"]

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


def logo_of(path: Path) -> Picture | None:
    """The logo in the header box of a signed PDF's first page, or None (no such picture, not a
    PDF, or anything unreadable: a logo is never a reason to refuse a file)."""
    if Path(path).suffix.lower() != ".pdf":
        return None
    try:
        return _find(Path(path))
    except Exception:  # noqa: BLE001 - pdfplumber/pypdf/Pillow errors of every kind: no logo
        return None


def _find(path: Path) -> Picture | None:
    import pdfplumber
    from pypdf import PdfReader

    with pdfplumber.open(path) as pdf:
        if not pdf.pages:
            return None
        page = pdf.pages[0]
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
        name, size = best.get("name"), tuple(best.get("srcsize") or ())
    for image in PdfReader(path).pages[0].images:  # the same picture, by its name and size
        if Path(image.name).stem != name or tuple(image.image.size) != size:
            continue
        data = image.data
        suffix = ".png" if data.startswith(b"\x89PNG\r\n\x1a\n") else ".jpg" if data.startswith(b"\xff\xd8\xff") else None
        if suffix and len(data) <= MAX_BYTES:
            return Picture(data, suffix)
    return None
