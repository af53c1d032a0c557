"""The official flowchart inside the procedure table: symbols, connectors, off-page splits.

In a signed SOP AP document each step's symbol sits in its actor's column of the procedure
table and arrows run from symbol to symbol. This module computes that chart from an SOP's steps
and draws it as static SVG, one small drawing per actor cell, that stays aligned whatever row
heights and column widths the browser (or the printer) picks:

* A cell's symbol sits at the cell's centre with a fixed size in px.
* Every other point is a `Coord`: a percentage of the cell's width or height plus an offset in
  px ("100% - 8 px" is the band just above the cell's bottom edge). SVG has no calc(), so each
  line is emitted inside a nested `<svg>` placed at the percentage part, translated by the px
  part: the drawing follows the cell whatever its size, strokes and arrow heads never stretch.

Routing is orthogonal on a grid of (row, actor column) cells:

* the next step: down from the symbol's bottom, across the band just above the row's bottom
  edge to the next actor's column, down into the next symbol's top;
* a decision branch to any other step (a jump ahead or a loop back): out of the diamond's side,
  along the row's middle to a side channel at the edge of a column, up or down that channel, and
  into the target's side (or, when that side is taken, along a band at the top of the target's
  row into its top);
* a step shared by several actors: one symbol in each actor's column, joined left to right;
  the chart enters at the leftmost symbol and goes on from the rightmost.

Channels and top bands that run in parallel get separate lanes (`LANE` px apart); symbols are
centred and never crossed as long as cells are at least `Chart.min_width` x `Chart.min_height`
px (the template hands both to the stylesheet).

The SVG is self-contained (presentation attributes only; the stylesheet sizes and places the
two SVGs in the cell and picks stroke widths). No MkDocs, no CSS: `render.py` asks for `build_chart(sop)` and the template places each
`cell_svg` / `symbol_svg`. Everything from YAML is escaped here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from html import escape
from typing import Any

from markupsafe import Markup
from markupsafe import escape as html_escape

from ..sop.model import Sop, Symbol

__all__ = [
    "Coord",
    "Transition",
    "Mark",
    "Line",
    "Arrow",
    "Label",
    "OffPage",
    "Chart",
    "transitions",
    "build_chart",
    "split_chart",
    "offpage_labels",
    "LANE",
]

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
    """An arrow of the chart between two steps (1-based numbers); `label` is Ya/Tidak or None."""

    source: int
    target: int
    label: str | None = None


@dataclass(frozen=True)
class Mark:
    """A symbol in one cell: the step it belongs to, its kind and its actor."""

    step: int
    symbol: Symbol
    actor: str
    half_width: int
    half_height: int

    @property
    def name(self) -> str:
        """Accessible name, e.g. "Langkah 2, keputusan, Petugas Loket"."""
        return f"Langkah {self.step}, {KIND_NAMES[self.symbol]}, {self.actor}"

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
    direction: str  # "down" | "left" | "right"
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


@dataclass
class Chart:
    """The connected chart of one SOP: `rows` steps x `cols` actors.

    `first_row` is the step index of the chart's first row (0 unless split by `split_chart`).
    """

    rows: int
    cols: int
    marks: dict[tuple[int, int], Mark]
    connectors: list[Transition]
    joins: list[tuple[int, int, int]]  # (row, from col, to col) inside shared rows
    cells: dict[tuple[int, int], list[Piece]] = field(default_factory=dict)
    channel_lanes: int = 0
    top_lanes: int = 0
    first_row: int = 0
    _width_cache: tuple[int, dict[int, int], int] | None = field(default=None, init=False, repr=False, compare=False)

    def pieces(self, row: int, col: int) -> list[Piece]:
        return self.cells.get((row, col), [])

    @property
    def min_width(self) -> int:
        """Narrowest actor column (px) in which channel lanes and labels pass beside symbols."""
        return self._widths()[0]

    def col_min_width(self, col: int) -> int:
        """Narrowest width (px) of one actor column: `min_width`, with only the side labels
        ("Tidak" beside a diamond) of that column counted, so that columns without one stay
        narrow (the page layout fits eight actors at 1366 px); never more than `min_width`."""
        return self._widths()[1].get(col, self._widths()[2])

    def _widths(self) -> tuple[int, dict[int, int], int]:
        """(min_width, {column with side labels: its width}, width of the other columns),
        computed once, in one pass over the cells (the template asks for every cell): a chart
        is complete when `build_chart` or `split_chart` returns it."""
        if self._width_cache is not None:
            return self._width_cache
        symbol = max(m.half_width for m in self.marks.values()) if self.marks else 24
        lanes = EDGE + LANE * max(self.channel_lanes - 1, 0)
        half = symbol + lanes + 4
        longest: dict[int, int] = {}  # column -> longest side label (characters)
        for (_, col), pieces in self.cells.items():
            for p in pieces:
                if isinstance(p, Label) and p.port != "bottom":
                    longest[col] = max(longest.get(col, 0), len(p.text))

        def width(text_length: int) -> int:
            if not text_length:
                return 2 * half
            text = text_length * LABEL_CHAR
            return 2 * max(half, SIZES[Symbol.DECISION][0] + 3 + text + 3 + lanes)

        widest = width(max(longest.values(), default=0))
        widths = ({col: min(width(n), widest) for col, n in longest.items()}, min(2 * half, widest))
        result = (widest, *widths)
        self._width_cache = result
        return result

    @property
    def min_height(self) -> int:
        """Lowest row (px) in which the bands above and below a symbol stay clear of it."""
        half = max(m.half_height for m in self.marks.values()) if self.marks else 20
        top = BAND + LANE * max(self.top_lanes - 1, 0) + 4
        below = BAND + 4
        if any(isinstance(p, Label) and p.port == "bottom"
               for ps in self.cells.values() for p in ps):
            below += 12  # a "Ya"/"Tidak" under a diamond, above the band
        return 2 * (half + max(top, below) + 2)

    def row(self, step_index: int) -> list[tuple[str, str]]:
        """(connector SVG, symbol SVG) of each actor cell in the row of a step (0-based index
        among the SOP's steps, also for a part made by `split_chart`), left to right."""
        row = step_index - self.first_row
        return [(self.cell_svg(row, col), self.symbol_svg(row, col)) for col in range(self.cols)]

    def row_html(
        self, step_index: int, actors: Sequence[str], symbol: str, yes: Any, no: Any,
        paper: Sequence[tuple[str, str]] | None = None,
    ) -> Markup:
        """The actor cells (`<td>`) of a step's row of the procedure table: the connector
        pieces passing through each cell, and in the step's own cells its symbol (class
        `sop-sym--<symbol>`), with "Ya → n  Tidak → m" under a decision (`yes`, `no`; None
        for other steps). Each cell has its column's minimum width; `actors` name the marked
        cells (`data-label`) for a phone's step cards. Built here rather than in the template:
        it is most of the procedure table, row by row, page by page. `paper` (sheets.py), for a
        row next to a printed sheet's break: each cell's `data-print` tokens and the print
        variants of its connectors, written after the screen's."""
        branches = ""
        if yes is not None and no is not None:
            branches = (
                '<span class="sop-branches sop-fc-branches"><span>Ya → {}</span> <span>Tidak → {}</span></span>'
            ).format(html_escape(yes), html_escape(no))
        cells = []
        for col, (lines, mark) in enumerate(self.row(step_index)):
            width = self.col_min_width(col)
            printed = ""
            if paper:
                tokens, variants = paper[col]
                printed = f' data-print="{html_escape(tokens)}"' if tokens else ""
                lines = f"{lines}{variants}"  # (str + Markup would escape the SVG)
            if mark:
                label = f' data-label="{html_escape(actors[col])}"' if actors else ""
                cells.append(
                    f'      <td class="sop-actor sop-mark"{printed} style="--sop-fc-width: {width}px"{label}>{lines}'
                    f'<span class="sop-sym sop-sym--{html_escape(symbol)} sop-fc-mark">{mark}</span>{branches}</td>\n'
                )
            else:
                cells.append(f'      <td class="sop-actor"{printed} style="--sop-fc-width: {width}px">{lines}</td>\n')
        return Markup("".join(cells))

    def cell_svg(self, row: int, col: int) -> str:
        """The connector pieces passing through a cell, as an SVG filling the cell."""
        return _cell_svg(self.pieces(row, col))

    def symbol_svg(self, row: int, col: int) -> str:
        """The cell's symbol (empty when it has none), a fixed-size SVG to centre in the cell."""
        mark = self.marks.get((row, col))
        return "" if mark is None else _symbol_svg(mark, self._branches(mark))

    def _branches(self, mark: Mark) -> list[Transition]:
        return [t for t in self.connectors if t.source == mark.step and t.label]


# Transitions ---------------------------------------------------------------------------


def transitions(sop: Sop) -> list[Transition]:
    """The chart's arrows between steps: n -> n+1 after a start or process step, both branches
    of a decision (labelled Ya / Tidak), nothing after an end step or after the last step."""
    result: list[Transition] = []
    count = len(sop.steps)
    for index, step in enumerate(sop.steps):
        number = index + 1
        symbol = sop.symbol_of(index)
        if symbol is Symbol.END:
            continue
        if symbol is Symbol.DECISION and step.yes is not None and step.no is not None:
            result.append(Transition(number, step.yes, YES))
            result.append(Transition(number, step.no, NO))
        elif number < count:
            result.append(Transition(number, number + 1))
    return result


# Routing -------------------------------------------------------------------------------


def build_chart(sop: Sop) -> Chart:
    """Symbols and routed connectors of the SOP's chart."""
    columns = {actor: i for i, actor in enumerate(sop.actors)}
    marks: dict[tuple[int, int], Mark] = {}
    row_cols: list[list[int]] = []
    for row, step in enumerate(sop.steps):
        symbol = sop.symbol_of(row)
        hw, hh = SIZES[symbol]
        cols = sorted({columns[a] for a in step.actors if a in columns})
        row_cols.append(cols)
        for col in cols:
            marks[(row, col)] = Mark(row + 1, symbol, sop.actors[col], hw, hh)
    chart = Chart(
        rows=len(sop.steps),
        cols=len(sop.actors),
        marks=marks,
        connectors=transitions(sop),
        joins=[],
    )
    _Router(chart, row_cols).route()
    return chart


@dataclass
class _Channel:
    index: int  # connector index
    source: tuple[int, int]
    target: tuple[int, int]
    side: str  # "right" | "left"
    column: int
    arrive: str  # "side" | "top"
    lane: int = 0
    top_lane: int = 0


class _Router:
    def __init__(self, chart: Chart, row_cols: list[list[int]]) -> None:
        self.chart = chart
        self.row_cols = row_cols
        self.used: set[tuple[tuple[int, int], str]] = set()  # (node, port)

    def entry(self, row: int) -> tuple[int, int]:
        return (row, self.row_cols[row][0])

    def exit(self, row: int) -> tuple[int, int]:
        return (row, self.row_cols[row][-1])

    def add(self, row: int, col: int, piece: Piece) -> None:
        self.chart.cells.setdefault((row, col), []).append(piece)

    def line(self, row: int, col: int, x1: Coord, y1: Coord, x2: Coord, y2: Coord, index: int) -> None:
        self.add(row, col, Line(x1, y1, x2, y2, index))

    def route(self) -> None:
        chart = self.chart
        # joins inside shared rows, left to right
        for row, cols in enumerate(self.row_cols):
            for a, b in zip(cols, cols[1:]):
                chart.joins.append((row, a, b))
                self.used.add(((row, a), "right"))
                self.used.add(((row, b), "left"))
                left = self._port(row, b, "left")[0]
                self._horizontal_run(row, a, b, Coord(50), -1, start=self._port(row, a, "right"),
                                     end_x=Coord(left.pct, left.px - ARROW))
                self._arrow_side(row, b, "left")
        # next-row connectors first: they own the bottom and top ports
        channels: list[_Channel] = []
        pending: list[tuple[int, Transition]] = []
        for index, t in enumerate(chart.connectors):
            source = self.exit(t.source - 1)
            if t.target == t.source + 1 and (source, "bottom") not in self.used:
                self.used.add((source, "bottom"))
                self._next_row(index, source, self.entry(t.target - 1), t.label)
            else:
                pending.append((index, t))
        # departures take their sides before any arrival does: a decision's two branches
        # always find a free side (its bottom, if taken, went to the next step)
        sides: list[str] = []
        for index, t in pending:
            source = self.exit(t.source - 1)
            side = next(s for s in ("right", "left") if (source, s) not in self.used)
            self.used.add((source, side))
            sides.append(side)
        for (index, t), side in zip(pending, sides):
            source = self.exit(t.source - 1)
            target = self.entry(t.target - 1)
            column = max(source[1], target[1]) if side == "right" else min(source[1], target[1])
            arrive = "side"
            between = (
                range(target[1] + 1, column + 1) if side == "right" else range(column, target[1])
            )
            if (target, side) in self.used or any((target[0], c) in chart.marks for c in between):
                arrive = "top"
            else:
                self.used.add((target, side))
            channels.append(_Channel(index, source, target, side, column, arrive))
        self._assign_lanes(channels)
        for channel in channels:
            self._channel(channel)

    # ports and arrows

    def _port(self, row: int, col: int, port: str) -> tuple[Coord, Coord]:
        mark = self.chart.marks[(row, col)]
        if port == "top":
            return (Coord(50), Coord(50, -mark.half_height))
        if port == "bottom":
            return (Coord(50), Coord(50, mark.half_height))
        if port == "left":
            return (Coord(50, -mark.half_width), Coord(50))
        return (Coord(50, mark.half_width), Coord(50))

    def _arrow_side(self, row: int, col: int, side: str) -> None:
        x, y = self._port(row, col, side)
        self.add(row, col, Arrow(x, y, "right" if side == "left" else "left", self.chart.marks[(row, col)].step))

    def _arrow_top(self, row: int, col: int) -> None:
        x, y = self._port(row, col, "top")
        self.add(row, col, Arrow(x, y, "down", self.chart.marks[(row, col)].step))

    def _label(self, node: tuple[int, int], port: str, text: str | None) -> None:
        if not text:
            return
        row, col = node
        mark = self.chart.marks[node]
        if port == "bottom":
            self.add(row, col, Label(Coord(50, 4), Coord(50, mark.half_height + 10), text, "start", port))
        elif port == "right":
            self.add(row, col, Label(Coord(50, mark.half_width + 3), Coord(50, -4), text, "start", port))
        else:
            self.add(row, col, Label(Coord(50, -mark.half_width - 3), Coord(50, -4), text, "end", port))

    # runs

    def _horizontal_run(
        self,
        row: int,
        a: int,
        b: int,
        y: Coord,
        index: int,
        *,
        start: tuple[Coord, Coord] | None = None,
        end: tuple[Coord, Coord] | None = None,
        start_x: Coord | None = None,
        end_x: Coord | None = None,
    ) -> None:
        """A horizontal line at `y` in `row` from column a to column b (either direction),
        starting at `start`/`start_x` in column a and ending at `end`/`end_x` in column b
        (default: the columns' centres)."""
        sx = start[0] if start else (start_x or Coord(50))
        ex = end[0] if end else (end_x or Coord(50))
        if a == b:
            self.line(row, a, sx, y, ex, y, index)
            return
        step = 1 if b > a else -1
        out_edge = Coord(100, OVERLAP) if step == 1 else Coord(0, -OVERLAP)
        in_edge = Coord(0, -OVERLAP) if step == 1 else Coord(100, OVERLAP)
        self.line(row, a, sx, y, out_edge, y, index)
        for col in range(a + step, b, step):
            self.line(row, col, in_edge, y, out_edge, y, index)
        self.line(row, b, in_edge, y, ex, y, index)

    def _vertical_run(self, col: int, x: Coord, r1: int, y1: Coord, r2: int, y2: Coord, index: int) -> None:
        """A vertical line at `x` in `col` from (r1, y1) to (r2, y2), up or down."""
        if r1 == r2:
            self.line(r1, col, x, y1, x, y2, index)
            return
        step = 1 if r2 > r1 else -1
        out_edge = Coord(100, OVERLAP) if step == 1 else Coord(0, -OVERLAP)
        in_edge = Coord(0, -OVERLAP) if step == 1 else Coord(100, OVERLAP)
        self.line(r1, col, x, y1, x, out_edge, index)
        for row in range(r1 + step, r2, step):
            self.line(row, col, x, in_edge, x, out_edge, index)
        self.line(r2, col, x, in_edge, x, y2, index)

    def _next_row(self, index: int, source: tuple[int, int], target: tuple[int, int], label: str | None) -> None:
        (r1, c1), (r2, c2) = source, target
        self._label(source, "bottom", label)
        top = self._port(r2, c2, "top")[1]
        arrow_base = Coord(top.pct, top.px - ARROW)
        bottom = self._port(r1, c1, "bottom")[1]
        if c1 == c2:
            self._vertical_run(c1, Coord(50), r1, bottom, r2, arrow_base, index)
        else:
            band = Coord(100, -BAND)
            self.line(r1, c1, Coord(50), bottom, Coord(50), band, index)
            self._horizontal_run(r1, c1, c2, band, index)
            self._vertical_run(c2, Coord(50), r1, band, r2, arrow_base, index)
        self._arrow_top(r2, c2)

    def _assign_lanes(self, channels: list[_Channel]) -> None:
        taken: dict[tuple[int, str, int], list[tuple[int, int]]] = {}
        for ch in sorted(channels, key=lambda c: (abs(c.source[0] - c.target[0]), c.index)):
            low, high = sorted((ch.source[0], ch.target[0]))
            lane = 0
            while any(
                not (high < lo or low > hi) for lo, hi in taken.get((ch.column, ch.side, lane), [])
            ):
                lane += 1
            taken.setdefault((ch.column, ch.side, lane), []).append((low, high))
            ch.lane = lane
            self.chart.channel_lanes = max(self.chart.channel_lanes, lane + 1)
        top_count: dict[int, int] = {}
        for ch in channels:
            if ch.arrive == "top":
                row = ch.target[0]
                ch.top_lane = top_count.get(row, 0)
                top_count[row] = ch.top_lane + 1
                self.chart.top_lanes = max(self.chart.top_lanes, ch.top_lane + 1)

    def _channel(self, ch: _Channel) -> None:
        t = self.chart.connectors[ch.index]
        (r1, c1), (r2, c2) = ch.source, ch.target
        offset = EDGE + LANE * ch.lane
        lane_x = Coord(100, -offset) if ch.side == "right" else Coord(0, offset)
        self._label(ch.source, ch.side, t.label)
        start = self._port(r1, c1, ch.side)
        self._horizontal_run(r1, c1, ch.column, Coord(50), ch.index, start=start, end_x=lane_x)
        if ch.arrive == "side":
            y = Coord(50)
            self._vertical_run(ch.column, lane_x, r1, Coord(50), r2, y, ch.index)
            port_x = self._port(r2, c2, ch.side)[0]
            sign = 1 if ch.side == "right" else -1
            base = Coord(port_x.pct, port_x.px + sign * ARROW)
            self._horizontal_run(r2, ch.column, c2, y, ch.index, start_x=lane_x, end_x=base)
            self._arrow_side(r2, c2, ch.side)
        else:
            y = Coord(0, BAND + LANE * ch.top_lane)
            self._vertical_run(ch.column, lane_x, r1, Coord(50), r2, y, ch.index)
            self._horizontal_run(r2, ch.column, c2, y, ch.index, start_x=lane_x)
            top = self._port(r2, c2, "top")[1]
            self.line(r2, c2, Coord(50), y, Coord(50), Coord(top.pct, top.px - ARROW), ch.index)
            self._arrow_top(r2, c2)


# Splitting between pages ---------------------------------------------------------------


def split_chart(
    chart: Chart, after: int, labels: Iterator[str] | None = None, size: int = OffPage.size
) -> tuple[Chart, Chart]:
    """Split the chart between row `after` and row `after + 1` (rows of this chart, 0-based):
    the part above and the part below. Every connector crossing the split ends at an outgoing
    off-page connector (pentagon) at the bottom of the upper part and goes on from an incoming
    one with the same label at the top of the lower part. Labels come from `labels` (default:
    A, B, ...; pass one `offpage_labels()` to successive splits so that labels go on); `size`
    is the pentagons' size in px."""
    if not 0 <= after < chart.rows - 1:
        raise ValueError(f"a chart of {chart.rows} rows splits after row 0 to {chart.rows - 2}")
    upper = Chart(after + 1, chart.cols, {}, chart.connectors, [], {}, chart.channel_lanes,
                  chart.top_lanes, chart.first_row)
    lower = Chart(chart.rows - after - 1, chart.cols, {}, chart.connectors, [], {},
                  chart.channel_lanes, chart.top_lanes, chart.first_row + after + 1)
    for (row, col), mark in chart.marks.items():
        if row <= after:
            upper.marks[(row, col)] = mark
        else:
            lower.marks[(row - after - 1, col)] = mark
    upper.joins = [j for j in chart.joins if j[0] <= after]
    lower.joins = [(r - after - 1, a, b) for r, a, b in chart.joins if r > after]
    labels = offpage_labels() if labels is None else labels
    crossing: dict[tuple[int, Coord, int], str] = {}  # (col, x, connector) -> label
    for (row, col), pieces in sorted(chart.cells.items()):
        for piece in pieces:
            if row == after and isinstance(piece, Line) and _touches(piece, bottom=True):
                label = _pair_label(crossing, (col, piece.x1, piece.connector), labels)
                upper.cells.setdefault((row, col), []).append(_cut(piece, bottom=True, size=size))
                upper.cells[(row, col)].append(OffPage(piece.x1, label, outgoing=True, size=size))
            elif row == after + 1 and isinstance(piece, Line) and _touches(piece, bottom=False):
                label = _pair_label(crossing, (col, piece.x1, piece.connector), labels)
                target = lower.cells.setdefault((0, col), [])
                target.append(_cut(piece, bottom=False, size=size))
                target.append(OffPage(piece.x1, label, outgoing=False, size=size))
            elif row <= after:
                upper.cells.setdefault((row, col), []).append(piece)
            else:
                lower.cells.setdefault((row - after - 1, col), []).append(piece)
    return upper, lower


def _pair_label(known: dict, key: tuple, labels: Iterator[str]) -> str:
    if key not in known:
        known[key] = next(labels)
    return known[key]


def offpage_labels() -> Iterator[str]:
    """A, B, ..., Z, AA, AB, ...: the labels of off-page connector pairs."""
    n = 0
    while True:
        n += 1
        value, text = n, ""
        while value:
            value, rest = divmod(value - 1, 26)
            text = chr(65 + rest) + text
        yield text


def _at_edge(y: Coord, *, bottom: bool) -> bool:
    """Whether a vertical position is the cell's bottom (or top) edge, or just past it."""
    return y.pct == 100 and y.px >= 0 if bottom else y.pct == 0 and y.px <= 0


def _touches(line: Line, *, bottom: bool) -> bool:
    """Whether a vertical line reaches the cell's bottom (or top) edge."""
    return line.x1 == line.x2 and any(_at_edge(y, bottom=bottom) for y in (line.y1, line.y2))


def _cut(line: Line, *, bottom: bool, size: int) -> Line:
    """The line shortened to stop at a pentagon of `size` px at the cell's bottom (top) edge."""
    new = Coord(100, -size) if bottom else Coord(0, size)
    return replace(line, y1=new) if _at_edge(line.y1, bottom=bottom) else replace(line, y2=new)


# Drawing -------------------------------------------------------------------------------


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


def _cell_svg(pieces: list[Piece]) -> str:
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


def _symbol_svg(mark: Mark, branches: list[Transition]) -> str:
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
        f"<title>{name}</title>{desc}{_symbol_shape(mark)}"
        f'<text class="sop-fc-number" x="0" y="0" dy="0.35em" text-anchor="middle" aria-hidden="true">'
        f"{mark.step}</text></svg>"
    )
