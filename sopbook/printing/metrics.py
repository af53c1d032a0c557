"""Font metrics of the print stylesheet's table text: the advance widths of Arial (whose
metrics Liberation Sans and Helvetica share), the width of a word and the lines a text takes
in a box, and the probe that checks the printing browser has those fonts. No MkDocs here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

from ..messages import define
from .paper import MARGINS, PAPERS

__all__ = [
    "Metrics","FONT_PX", "LINE_PX", "PX_PER_MM", "FONT_PROBE_JS", "PRINT_FONT", "advance", "font_fits", "text_lines", "word_width"]

PX_PER_MM = 96 / 25.4

FONT_PX = 8 * 96 / 72
"""Table text: 8 pt (print.css `.sop table { font-size: 8pt }`), as dense as signed originals
and no smaller."""

LINE_PX = FONT_PX * 1.27
"""Height of a line of table text (print.css: line-height 1.25), rounded up."""


def _widths_table(groups: dict[str, int]) -> dict[str, float]:
    return {char: width / 1000 for chars, width in groups.items() for char in chars}


WIDTHS = _widths_table({
    "'": 191, "ijl": 222, " !,./:;[\\]ftI": 278, "|": 260, "{}": 334, '"': 355, "(-)`r": 333, "*": 389,
    "^": 469, "Jcksvxyz": 500, "0123456789#$?_abdeghnopquL": 556, "+<=>~": 584,
    "FTZ": 611, "ABEKPSVXY&": 667, "CDHNRUw": 722, "GOQ": 778, "mM": 833, "%": 889, "W": 944, "@": 1015,
})
"""Advance widths (1/1000 em) of Arial, whose metrics Liberation Sans (Debian) and Helvetica
share: the print stylesheet's sans-serif."""

BOLD_WIDTHS = _widths_table({
    "'": 238, "|": 280, " !,./:;[\\]ijlI": 278, '"': 474, "(-)`ft": 333, "r*{}": 389, "z": 500,
    "cksvxyJ0123456789#$_aeL^": 556, "+<=>~": 584, "?bdghnopquFTZ": 611, "EPSVXY": 667,
    "&ABKCDHNRU": 722, "GOQw": 778, "mM": 833, "%": 889, "W": 944, "@": 975,
})
"""The same for bold text (the header cells)."""

WIDEST_CHAR = 1.02
"""No character is wider than this (em): a text this short fits whatever its letters."""

WIDE_CHAR = 0.9
"""Width (em) assumed for any other character (accented letters are rarely wider than M)."""

PAD_V = 1.6 * PX_PER_MM + 1
"""Vertical padding (0.8 mm top and bottom) and border of a text cell."""

PAD_H = 3 * PX_PER_MM + 1
"""Horizontal padding (1.5 mm left and right) and border of a text cell."""

LIST_INDENT = FONT_PX * 1.2
"""A numbered list's left margin in a cell (sopbook.css: `.sop table ol`)."""

ITEM_GAP = FONT_PX * 0.2
"""Space below each list item."""


def advance(char: str, bold: bool) -> float:
    """Width of a character in em (Arial / Liberation Sans metrics; others: as wide as an M,
    less a little)."""
    table = BOLD_WIDTHS if bold else WIDTHS
    return table.get(char, WIDE_CHAR)


@lru_cache(maxsize=1 << 16)


def word_width(word: str, bold: bool) -> float:
    """Width (px) of a word (words repeat a lot across SOPs: cached)."""
    table = BOLD_WIDTHS if bold else WIDTHS
    return sum(map(table.get, word, repeat(WIDE_CHAR, len(word)))) * FONT_PX


def text_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines that `text` takes in a box `width` px wide, wrapped at spaces (a word longer than
    a line is broken anywhere, as print.css's `overflow-wrap: anywhere`)."""
    width = max(width, FONT_PX)
    if len(text) * WIDEST_CHAR * FONT_PX <= width:  # fits on a line whatever its letters
        return 1
    return _wrapped(text, int(width), bold)  # (a width rounded down: never fewer lines)


@lru_cache(maxsize=1 << 15)


def _wrapped(text: str, width: int, bold: bool) -> int:
    space = advance(" ", bold) * FONT_PX
    lines, used = 1, 0.0
    for word in text.split():
        size = word_width(word, bold)
        if used and used + space + size <= width:
            used += space + size
            continue
        if used:
            lines += 1
        while size > width:
            lines += 1
            size -= width
        used = size
    return lines


# The fonts the estimate assumes ---------------------------------------------------------

PRINT_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
"""The procedure table's fonts on paper (print.css): Arial's metrics."""

FONT_PROBE = "Pelayanan Perizinan Berusaha Terintegrasi Secara Elektronik (OSS) Nomor 28.8.1.10"

FONT_PROBE_JS = (
    "(() => { const c = document.createElement('canvas').getContext('2d');"
    f" c.font = \"{FONT_PX:.3f}px {PRINT_FONT}\"; return c.measureText({FONT_PROBE!r}).width; }})()"
)
"""Measures `FONT_PROBE` in the browser that prints, in the print fonts at 12 px."""

define(
    "pdf.no_font",
    id="sopbook pdf: huruf Arial atau Liberation Sans tidak tersedia bagi Chromium, jadi tabel "
    "prosedur bisa terpotong di luar pergantian lembar yang direncanakan; pasang paket Debian "
    "fonts-liberation (sudo apt-get install fonts-liberation)",
    en="sopbook pdf: Chromium has neither Arial nor Liberation Sans, so the procedure table may "
    "break outside the planned sheet breaks; install the Debian package fonts-liberation "
    "(sudo apt-get install fonts-liberation)",
)


def font_fits(measured: float) -> bool:
    """Whether the browser's print font is no wider than the metrics the estimate uses."""
    words = FONT_PROBE.split()
    expected = sum(word_width(w, False) for w in words) + (len(words) - 1) * advance(" ", False) * FONT_PX
    return measured <= expected * 1.02


@dataclass(frozen=True)
class Metrics:
    """The printable area of a sheet in CSS px (96 per inch), from `printing.PAPERS` and
    `printing.MARGINS`."""

    width: float
    height: float

    @classmethod
    @lru_cache(maxsize=None)
    def of(cls, paper: str) -> "Metrics":
        sheet = PAPERS[paper]
        top, right, bottom, left = (float(m.removesuffix("mm")) for m in MARGINS.split())
        return cls((sheet.width - left - right) * PX_PER_MM, (sheet.height - top - bottom) * PX_PER_MM)

    def scaled(self, scale: float) -> "Metrics":
        """The printable area as an SOP printed at `scale` (print.css `zoom`) lays it out:
        everything on the sheet `scale` times as large, so the area is 1 / `scale` as large."""
        return self if scale == 1 else Metrics(self.width / scale, self.height / scale)
