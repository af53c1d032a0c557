"""Routing of the flowchart: the arrows between steps (`transitions`) and the orthogonal
connectors drawn for them on the grid of (row, actor column) cells (`build_chart`).

* the next step: down from the symbol's bottom, across the band just above the row's bottom
  edge to the next actor's column, down into the next symbol's top;
* a decision branch to any other step (a jump ahead or a loop back): out of the diamond's side,
  along the row's middle to a side channel at the edge of a column, up or down that channel, and
  into the target's side (or, when that side is taken, along a band at the top of the target's
  row into its top);
* a step shared by several actors: one symbol in each actor's column, joined left to right;
  the chart enters at the leftmost symbol and goes on from the rightmost.

Channels and top bands that run in parallel get separate lanes (`LANE` px apart).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sop.model import Sop, Symbol
from .chart import Chart
from .geometry import (
    ARROW, BAND, EDGE, LANE, NO, OVERLAP, SIZES, YES, Arrow, Coord, Label, Line, Mark, Piece, Transition,
)

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

