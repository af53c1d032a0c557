"""Page addresses: the folder of SOP pages, natural number order and safe, bounded path segments
(slugs) that never depend on which other SOPs exist.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SOP_ROOT = "sop"
"""Folder of the site that holds every SOP page."""

NO_ORGANISATION = "Organisasi tidak disebutkan"
"""Label of the unit holding SOPs whose document names no organisation."""

_RUNS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key comparing digit runs as numbers: 3.1.2.6 < 27.7.1.13 < 28.8.1.10."""
    parts: list[tuple[int, int | str]] = []
    for i, run in enumerate(_RUNS.split(text.casefold())):
        if not run:
            continue
        parts.append((0, int(run)) if i % 2 else (1, run))
    return tuple(parts)


MAX_SLUG = 80
"""Longest path segment made from a name or number; longer ones end in a digest of the text."""


def slugify(text: str, *, keep_dots: bool = False) -> str:
    """'Pemerintah Kota Madiun' -> 'pemerintah-kota-madiun'; numbers keep their dots.

    A slug is one safe path segment whatever the text: only a-z, 0-9, '-' and (numbers) '.'
    between them, so `../../x`, `a/b`, `..`, control characters and right-to-left overrides
    can neither leave the folder nor yield an empty or hidden ('.x') segment. A text with no
    letter or digit in ASCII gets `sop-<digest>`; one longer than MAX_SLUG is cut at a word and
    ends in a digest of the whole text, so that distinct long titles keep distinct addresses.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    if keep_dots:
        slug = _NOT_IN_NUMBER_SLUG.sub("-", ascii_text.lower())
        slug = _DOTS.sub(".", _DASH_DOTS.sub("-", slug))  # "a-..-b" -> "a-b", "a..b" -> "a.b"
    else:
        slug = _NOT_IN_SLUG.sub("-", ascii_text.lower())
    slug = slug.strip("-.")
    if not slug:
        return f"sop-{_digest(text)}"
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG - 9]
        cut = cut[: cut.rfind("-")] if cut.rfind("-") > MAX_SLUG // 2 else cut
        slug = f"{cut.rstrip('-.')}-{_digest(text)}"
    return slug


_NOT_IN_SLUG = re.compile(r"[^a-z0-9]+")
_NOT_IN_NUMBER_SLUG = re.compile(r"[^a-z0-9.]+")
_DASH_DOTS = re.compile(r"\.*-[-.]*")
_DOTS = re.compile(r"\.{2,}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]




def number_key(number: str) -> str:
    """A Nomor SOP compared as the same number: spaces and case ignored."""
    return "".join(number.split()).casefold()
