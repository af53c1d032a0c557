"""Geometry of the flowchart in the procedure table: the sizes of symbols and lanes, positions
in a cell (`Coord`), and the pieces a cell's drawing is made of (`Line`, `Arrow`, `Label`,
`OffPage`), with the arrows between steps (`Transition`) and the symbols (`Mark`).

Plain frozen data, nothing drawn here: `routing.py` makes the pieces, `svg.py` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sop.model import Symbol

LANE = 6
"""Distance in px between parallel lines (channel lanes, top-band lanes)."""

EDGE = 6
"""Distance in px of the first channel lane from the column's edge."""

BAND = 8
"""Distance in px of the next-step band above the row's bottom edge (and of the first
top-band lane below the row's top edge)."""

ARROW = 7
"""Length in px of an arrow head (its half width is 4 px)."""

OVERLAP = 1
"""Lines that leave a cell run this many px past its edge, over the table's border."""

LABEL_CHAR = 6
"""Width in px allowed per character of a branch label (10 px bold text)."""

SIZES: dict[Symbol, tuple[int, int]] = {
    Symbol.START: (24, 14),
    Symbol.END: (24, 14),
    Symbol.PROCESS: (24, 14),
    Symbol.DECISION: (20, 20),
}
"""Half width and half height in px of each symbol's box."""

KIND_NAMES = {
    Symbol.START: "mulai",
    Symbol.END: "selesai",
    Symbol.PROCESS: "proses",
    Symbol.DECISION: "keputusan",
}
"""The symbol's kind as said in an accessible name ("Langkah 2, keputusan, Petugas Loket")."""

YES, NO = "Ya", "Tidak"

TEXT_CHAR = 5
"""Width in px allowed per character of the text inside a symbol (9 px bold text)."""

TEXT_LINE = 10
"""Height in px of one line of the text inside a symbol."""

TEXT_WRAP = 14
"""Characters per line before the text inside a symbol wraps at a space."""


def wrap_text(text: str) -> tuple[str, ...]:
    """The text inside a symbol in lines of at most `TEXT_WRAP` characters, cut at spaces (a
    longer word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= TEXT_WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def symbol_size(symbol: Symbol, lines: tuple[str, ...]) -> tuple[int, int]:
    """Half width and half height in px of a symbol holding these lines of text: the standard
    size (`SIZES`) or larger, so that the text fits inside (a diamond holds a text of width w
    and height h when w / 2hw + h / 2hh <= 1: here 2/3 + 1/3)."""
    hw, hh = SIZES[symbol]
    if not lines:
        return hw, hh
    width = max(len(line) for line in lines) * TEXT_CHAR
    height = len(lines) * TEXT_LINE
    if symbol is Symbol.DECISION:
        return max(hw, -(-3 * width // 4) + 4), max(hh, -(-3 * height // 2) + 4)
    return max(hw, width // 2 + 6), max(hh, height // 2 + 4)


@dataclass(frozen=True)
class Coord:
    """A position along one axis of a cell: `pct` % of the cell's size plus `px` pixels."""

    pct: float
    px: float = 0

    def at(self, size: float) -> float:
        """The position in px in a cell `size` px long."""
        return self.pct * size / 100 + self.px


@dataclass(frozen=True)
class Transition:
    """An arrow of the chart between two steps (their printed numbers); `label` is the branch
    label as printed (Ya/Tidak, Y/T, A/B) or None."""

    source: int
    target: int
    label: str | None = None


@dataclass(frozen=True)
class Mark:
    """A symbol in one cell: the step it belongs to (its printed number), its kind, its actor
    and the lines of text printed inside it (`teks_simbol`; none: the step number is shown)."""

    step: int
    symbol: Symbol
    actor: str
    half_width: int
    half_height: int
    text: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """Accessible name, e.g. "Langkah 2, keputusan, Petugas Loket: Setuju?"."""
        name = f"Langkah {self.step}, {KIND_NAMES[self.symbol]}, {self.actor}"
        return f"{name}: {' '.join(self.text)}" if self.text else name

    def box(self, width: float, height: float) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) in px in a cell of that size."""
        cx, cy = width / 2, height / 2
        return (cx - self.half_width, cy - self.half_height, cx + self.half_width, cy + self.half_height)


@dataclass(frozen=True)
class Line:
    """A straight, horizontal or vertical piece of a connector inside one cell."""

    x1: Coord
    y1: Coord
    x2: Coord
    y2: Coord
    connector: int
    """Index of the connector in `Chart.connectors` (-1 for a join inside a shared row)."""


@dataclass(frozen=True)
class Arrow:
    """An arrow head: its tip touches the target symbol's box; `direction` it points to."""

    x: Coord
    y: Coord
    direction: str  # "down" | "up" | "left" | "right"
    target: int  # step number


@dataclass(frozen=True)
class Label:
    """A branch label (Ya / Tidak) next to a decision's exit."""

    x: Coord
    y: Coord
    text: str
    anchor: str  # "start" | "end"
    port: str = "bottom"  # the decision's exit it names: "bottom" | "left" | "right"


@dataclass(frozen=True)
class OffPage:
    """An off-page connector (pentagon) where a chart split between two rows continues:
    `outgoing` at the bottom of the last row before the split, incoming at the top of the
    first row after it; the pair shares its `label` (A, B, …)."""

    x: Coord
    label: str
    outgoing: bool
    size: int = 14


Piece = Line | Arrow | Label | OffPage
