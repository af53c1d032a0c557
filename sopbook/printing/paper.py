"""The papers an SOP is printed on (landscape) and the sheet margins."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PAPERS", "Paper", "MARGINS"]


@dataclass(frozen=True)
class Paper:
    """A sheet, landscape: width and height in millimetres."""

    name: str
    label: str
    width: float
    height: float

    @property
    def css_size(self) -> str:
        return f"{self.width:g}mm {self.height:g}mm"

    @property
    def points(self) -> tuple[float, float]:
        return (self.width * 72 / 25.4, self.height * 72 / 25.4)


PAPERS = {
    "a4": Paper("a4", "A4", 297, 210),
    "f4": Paper("f4", "F4/Folio", 330, 215),
}
"""The papers an SOP is printed on, landscape (the procedure table needs the width)."""

MARGINS = "10mm 10mm 24mm 10mm"
"""Top, right, bottom (the footer with its QR code), left."""
