"""SVG of the flowchart's pieces and symbols: one drawing of a cell's connector pieces that
fills the cell, and one fixed-size drawing of its symbol to centre in it.

Each point of a piece is a `Coord` (a percentage of the cell plus px); SVG has no calc(), so
each line is emitted inside a nested `<svg>` placed at the percentage part and translated by the
px part. Presentation attributes only; everything from YAML is escaped here.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from ..sop.model import Symbol
from .geometry import ARROW, TEXT_LINE, Arrow, Coord, Label, Line, Mark, Piece, Transition

def _num(value: float) -> str:
    return f"{value:g}"


def _at(x: Coord, y: Coord, inner: str) -> str:
    """`inner` (drawn in px around the origin) placed at the point (x, y) of the cell."""
    transform = "" if not (x.px or y.px) else f' transform="translate({_num(x.px)} {_num(y.px)})"'
    return f'<svg x="{_num(x.pct)}%" y="{_num(y.pct)}%" overflow="visible"><g{transform}>{inner}</g></svg>'


def _line_svg(line: Line) -> str:
    if not (line.x1.px or line.y1.px or line.x2.px or line.y2.px):
        return (
            f'<line x1="{_num(line.x1.pct)}%" y1="{_num(line.y1.pct)}%" '
            f'x2="{_num(line.x2.pct)}%" y2="{_num(line.y2.pct)}%"/>'
        )
    # origin at (x1.pct %, y1.pct %), translated by (x2.px, y2.px); the first end is then a
    # pure px offset, the second a pure percentage: no calc() needed
    ox, oy = line.x1.pct, line.y1.pct
    tx, ty = line.x2.px, line.y2.px
    transform = f' transform="translate({_num(tx)} {_num(ty)})"' if (tx or ty) else ""
    return (
        f'<svg x="{_num(ox)}%" y="{_num(oy)}%" overflow="visible">'
        f'<line x1="{_num(line.x1.px - tx)}" y1="{_num(line.y1.px - ty)}" '
        f'x2="{_num(line.x2.pct - ox)}%" y2="{_num(line.y2.pct - oy)}%"{transform}/></svg>'
    )


ARROW_POINTS = {
    "down": f"0,0 -4,-{ARROW} 4,-{ARROW}",
    "up": f"0,0 -4,{ARROW} 4,{ARROW}",
    "left": f"0,0 {ARROW},-4 {ARROW},4",
    "right": f"0,0 -{ARROW},-4 -{ARROW},4",
}


@lru_cache(maxsize=4096)
def _piece_svg(piece: Piece) -> str:
    if isinstance(piece, Line):
        return _line_svg(piece)
    if isinstance(piece, Arrow):
        return _at(
            piece.x,
            piece.y,
            f'<polygon class="sop-fc-arrow" data-to="{piece.target}" data-dir="{piece.direction}" points="{ARROW_POINTS[piece.direction]}"/>',
        )
    if isinstance(piece, Label):
        return _at(
            piece.x,
            piece.y,
            f'<text class="sop-fc-label" text-anchor="{piece.anchor}">{escape(piece.text)}</text>',
        )
    s = piece.size
    h = s // 2
    x = piece.x  # on a lane near the cell's edge: moved in, the whole pentagon in its cell
    if x.pct == 100 and x.px > -(h + 1):
        x = Coord(100, -(h + 1))
    elif x.pct == 0 and x.px < h + 1:
        x = Coord(0, h + 1)
    if piece.outgoing:  # at the bottom edge: a pentagon pointing down
        y = Coord(100, -s)
        points = f"-{h},0 {h},0 {h},{s - 5} 0,{s} -{h},{s - 5}"
        text_y = s - 5
    else:  # at the top edge: the same pentagon, its line comes in from above
        y = Coord(0, 0)
        points = f"-{h},0 {h},0 {h},{s - 5} 0,{s} -{h},{s - 5}"
        text_y = s - 5
    return _at(
        x,
        y,
        f'<g class="sop-fc-offpage" data-offpage="{escape(piece.label)}">'
        f'<polygon points="{points}"/>'
        f'<text x="0" y="{text_y}" text-anchor="middle">{escape(piece.label)}</text></g>',
    )


def cell_svg(pieces: list[Piece]) -> str:
    if not pieces:
        return ""
    body = "".join(_piece_svg(p) for p in pieces)
    return (
        '<svg class="sop-fc-lines" aria-hidden="true" focusable="false" width="100%" height="100%" '
        f'overflow="visible">{body}</svg>'
    )


def _symbol_shape(mark: Mark) -> str:
    hw, hh = mark.half_width, mark.half_height
    if mark.symbol is Symbol.DECISION:
        return f'<polygon class="sop-fc-shape" points="0,-{hh} {hw},0 0,{hh} -{hw},0"/>'
    radius = hh if mark.symbol in (Symbol.START, Symbol.END) else 0
    return (
        f'<rect class="sop-fc-shape" x="-{hw}" y="-{hh}" width="{2 * hw}" height="{2 * hh}" '
        f'rx="{radius}"/>'
    )


def symbol_svg(mark: Mark, branches: list[Transition]) -> str:
    hw, hh = mark.half_width, mark.half_height
    pad = 2
    width, height = 2 * (hw + pad), 2 * (hh + pad)
    name = escape(mark.name)
    desc = ""
    if branches:
        text = ", ".join(f"{b.label} ke langkah {b.target}" for b in branches)
        desc = f"<desc>{escape(text)}</desc>"
    return (
        f'<svg class="sop-fc-symbol sop-fc-symbol--{mark.symbol.value}" role="img" aria-label="{name}" '
        f'data-step="{mark.step}" width="{width}" height="{height}" '
        f'viewBox="{-hw - pad} {-hh - pad} {width} {height}">'
        f"<title>{name}</title>{desc}{_symbol_shape(mark)}{_symbol_text(mark)}</svg>"
    )


def _symbol_text(mark: Mark) -> str:
    """The step number inside the symbol, or the text printed inside it (`teks_simbol`), one
    `<tspan>` per line, centred."""
    if not mark.text:
        return (
            '<text class="sop-fc-number" x="0" y="0" dy="0.35em" text-anchor="middle" aria-hidden="true">'
            f"{mark.step}</text>"
        )
    first = -(len(mark.text) - 1) * TEXT_LINE / 2
    lines = "".join(
        f'<tspan x="0" y="{_num(first + k * TEXT_LINE)}" dy="0.35em">{escape(line)}</tspan>'
        for k, line in enumerate(mark.text)
    )
    return f'<text class="sop-fc-text" text-anchor="middle" aria-hidden="true">{lines}</text>'
