"""Where the front of a printed SOP ends: the header box (logo, organisation lines, "Standar
Operasional Prosedur", the identity table beside it) and the three section pairs, laid out as
print.css lays them out, from the same font metrics as the sheet plan (`metrics.py`).

The sheet plan (`sheets.py`) uses it to let a procedure table that spans sheets start right
below the sections, on the sheet where they end, when enough of it fits there; otherwise the
table starts a sheet of its own. The estimate errs towards the sections being taller. No MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sop.model import Sop, Status
from .metrics import ITEM_GAP, LINE_PX, LIST_INDENT, PAD_H, PAD_V, PX_PER_MM, text_lines

__all__ = ["Front", "front_end", "LOGO_PX"]

LOGO_PX = 16 * PX_PER_MM + 2 * PX_PER_MM
"""The logo's printed height (print.css `.sop-logo`: 16 mm, whatever the image, as on the signed BPS originals: 14-21 mm) and its margin."""

SIGN_PX = 14 * PX_PER_MM
"""The space to sign in "Disahkan oleh" (print.css `.sop-id-ttd`)."""

BOX_PAD = 4 * PX_PER_MM + 2
"""Padding (2 mm) and border of the header box."""

HEAD_SHARE = 0.52
"""The header box's share of the width (print.css); the identity table has the rest."""

LABEL_SHARE = 0.3
"""The identity table's label column, as a share of its width (a guess on the wide side)."""

ORG_PX = 10 / 8 * LINE_PX * 1.04
"""A line of the organisation names (10 pt, line-height 1.3)."""

BELOW_HEAD = 3 * PX_PER_MM
"""The margin below the header box (print.css `.sop-head`)."""

AFTER_SECTIONS = 3 * PX_PER_MM
"""The margin above a procedure table that follows the sections."""

STATUS_PX = LINE_PX + 3 * PX_PER_MM + 2
"""A draft's or a revoked SOP's one-line banner above the header box (print.css
`.sop-status`: a line of 8 pt, 1 mm of padding, 2 mm below, its border)."""

SAFETY = 0.04
"""Share of each sheet added to the estimate for what it cannot foresee."""


@dataclass(frozen=True)
class Front:
    sheet: int  # 0-based sheet on which the sections end
    used: float  # px used on that sheet


def _scaled(text: str, width: float, size_pt: float, bold: bool = False, upper: bool = False) -> int:
    """Lines of `text` at `size_pt` in `width` px (the metrics are for 8 pt)."""
    scale = size_pt / 8
    return text_lines(text.upper() if upper else text, width / scale, bold)


def header_box(sop: Sop, width: float, logo: bool) -> float:
    """Height (px) of the header box with the identity table beside it."""
    left = width * HEAD_SHARE - BOX_PAD
    height = BOX_PAD + (LOGO_PX if logo else 0.0)
    height += sum(ORG_PX * _scaled(name, left, 10, True, True) for name in sop.organisation or [])
    height += ORG_PX * _scaled("Standar Operasional Prosedur (SOP)", left, 10, True, True) + 3 * PX_PER_MM
    height += 12 / 8 * LINE_PX * 1.04 * _scaled(sop.title, left, 12, True, True)
    right = width * (1 - HEAD_SHARE)
    label, value = right * LABEL_SHARE - PAD_H, right * (1 - LABEL_SHARE) - PAD_H
    sig = sop.signature
    rows = [sop.number or "-", sop.created or "-", sop.revised or "-", sop.approved or "-"]
    if sop.effective:
        rows.append(sop.effective)
    approver = [sop.approved_by or (sig.position if sig else "-")]
    signing = 0.0
    if sig is not None:
        approver += [t for t in (sig.name, sig.rank, sig.nip and f"NIP. {sig.nip}") if t]
        signing = LINE_PX + 2 * PX_PER_MM if sig.electronic else SIGN_PX
    table = sum(PAD_V + LINE_PX * max(text_lines(str(v), value), text_lines("Tanggal Pengesahan", label, True))
                for v in rows)
    table += PAD_V + LINE_PX * sum(text_lines(str(v), value) for v in approver) + signing
    table += PAD_V + LINE_PX * text_lines(sop.title, value)
    return max(height, table)


def _items(values: list[str], width: float) -> list[float]:
    """Heights of a section cell's items (each stays whole on a sheet)."""
    if not values:
        return [LINE_PX]
    if len(values) == 1 and values != ["-"]:
        return [LINE_PX * text_lines(values[0], width)]
    return [LINE_PX * text_lines(v, width - LIST_INDENT) + ITEM_GAP for v in values]


def front_end(sop: Sop, width: float, height: float, *, logo: bool = True) -> Front:
    """The sheet on which the front ends and how much of it is used (px), on a sheet of
    `width` x `height` px of printable area."""
    room = height * (1 - SAFETY)
    sheet, used = 0, header_box(sop, width, logo) + BELOW_HEAD
    if sop.status is not Status.IN_FORCE:
        used += STATUS_PX
    cell = width / 2 - PAD_H
    pairs = [
        (sop.legal_basis, sop.qualifications),
        (sop.related, sop.equipment),
        (sop.warnings, sop.records),
    ]
    head = PAD_V + LINE_PX
    for left, right in pairs:
        columns = [_items(list(left), cell), _items(list(right), cell)]
        first = max(c[0] for c in columns) + PAD_V
        if used + head + first > room:  # the heading goes with at least the first items
            sheet, used = sheet + 1, 0.0
        used += head + PAD_V / 2
        ends = []
        for items in columns:  # each column of the row flows on over the sheets on its own
            at_sheet, at = sheet, used
            for item in items:
                if at + item > room and at > 0:
                    at_sheet, at = at_sheet + 1, 0.0
                at += item
            ends.append((at_sheet, at))
        sheet, used = max(ends)
        used += PAD_V / 2
    return Front(sheet, used)
